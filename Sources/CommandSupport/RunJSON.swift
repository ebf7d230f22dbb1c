import RunStore

/// A run's record as JSON (`ccts runs list --json`, and the runs `ccts-serve` lists).
public struct RunJSON: Encodable {
    public var id: Int64, created: String, status: String, error: String?, command: [String], engineVersion: String,
        kind: String
    public var scenario: String, scenarioFile: String, ruleSource: String, seed: String?, iterations: Int?, worlds: Int?
    public var threads: Int?, factorUncertainty: Bool, wallSeconds: Double?, rerunOf: Int64?

    public init(_ run: StoredRun) {
        id = run.id; created = run.created; status = run.status; error = run.error; command = run.command
        engineVersion = run.engineVersion; kind = run.kind; scenario = run.scenarioName; scenarioFile = run.scenarioFile
        ruleSource = run.ruleSource; seed = run.seed.map(String.init); iterations = run.iterations; worlds = run.worlds
        threads = run.threads; factorUncertainty = run.factorUncertainty; wallSeconds = run.wallSeconds;
        rerunOf = run.rerunOf
    }
}

/// One stored input file of a run, as JSON.
public struct FileJSON: Encodable {
    public var role: String, name: String, sha256: String
    public init(role: String, name: String, sha256: String) {
        (self.role, self.name, self.sha256) = (role, name, sha256)
    }
}
