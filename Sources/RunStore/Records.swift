import Foundation
/// What a run is, before it has results: enough to reproduce it exactly.
public struct NewRun: Sendable {
    public enum Kind: String, Sendable {
        case deterministic, montecarlo
        /// The what-if workflows, re-run by running their stored command on their stored files.
        case compare, plan, pathway
        /// One shard of a Monte Carlo run (`--shard K/N`): its first pass, for `ccts merge`.
        case shard
    }

    public var command: [String]
    public var engineVersion: String
    public var kind: Kind
    public var scenarioName: String
    public var scenarioFile: String
    /// `built-in` or the `--rules` folder.
    public var ruleSource: String
    public var files: [StoredFile]
    /// `--set` assignments, in order.
    public var settings: [String]
    public var strict: Bool
    public var seed: UInt64?
    public var iterations: Int?
    public var threads: Int?
    public var factorUncertainty: Bool
    public var untilStandardError: Double?
    public var standardErrorOutput: String?
    public var keepWorlds: Bool
    public var rerunOf: Int64?

    public init(
        command: [String], engineVersion: String, kind: Kind, scenarioName: String, scenarioFile: String,
        ruleSource: String, files: [StoredFile], settings: [String], strict: Bool, seed: UInt64? = nil,
        iterations: Int? = nil, threads: Int? = nil, factorUncertainty: Bool = false, untilStandardError: Double? = nil,
        standardErrorOutput: String? = nil, keepWorlds: Bool = false, rerunOf: Int64? = nil
    ) {
        self.command = command
        self.engineVersion = engineVersion
        self.kind = kind
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.ruleSource = ruleSource
        self.files = files
        self.settings = settings
        self.strict = strict
        self.seed = seed
        self.iterations = iterations
        self.threads = threads
        self.factorUncertainty = factorUncertainty
        self.untilStandardError = untilStandardError
        self.standardErrorOutput = standardErrorOutput
        self.keepWorlds = keepWorlds
        self.rerunOf = rerunOf
    }
}

/// The exact text of one file a run used, with its SHA-256.
public struct StoredFile: Sendable, Equatable {
    /// `table`: a CSV or Excel file a scenario or portfolio read; its `text` is its bytes in base64
    /// and its SHA-256 that of the bytes (what `sha256sum` gives for the file).
    /// `prices`: the market prices a run took from a market run (`--prices-from`), as `year,world,price`.
    /// `request`: what a workflow was asked, as JSON (its options; the other files are its texts),
    /// which a re-run or a merge computes from.
    public enum Role: String, Sendable { case rule, reform, scenario, measures, table, prices, request }
    public var role: Role
    public var name: String
    public var text: String
    public var sha256: String

    public init(role: Role, name: String, text: String) {
        self.role = role
        self.name = name
        self.text = text
        sha256 = Self.digest(role: role, text: text)
    }

    /// A table file, kept byte for byte.
    public init(table name: String, bytes: Data) {
        role = .table
        self.name = name
        text = bytes.base64EncodedString()
        sha256 = SHA256.hex([UInt8](bytes))
    }

    /// The bytes of a table file (nil for other roles or a damaged text).
    public var bytes: Data? { role == .table ? Data(base64Encoded: text) : nil }

    /// The SHA-256 of what is stored now (for checking it against the recorded one).
    public var currentSHA256: String { Self.digest(role: role, text: text) }

    /// A file's SHA-256: of its text, or for a table of the bytes its base64 text holds.
    static func digest(role: Role, text: String) -> String {
        guard role == .table else { return SHA256.hex(text) }
        return Data(base64Encoded: text).map { SHA256.hex([UInt8]($0)) } ?? "not base64"
    }
}

/// One number of a run's results, per year and metric: a value (deterministic runs) or the
/// summary statistics over the worlds (Monte Carlo runs).
public struct MetricRow: Sendable, Equatable {
    public var year: String
    public var metric: String
    public var value: Double?
    public var mean: Double?
    public var sd: Double?
    public var se: Double?
    public var min: Double?
    public var max: Double?
    /// Percentiles 1, 5, 10, 25, 50, 75, 90, 95, 99.
    public var percentiles: [Double]

    public init(year: String, metric: String, value: Double) {
        self.year = year
        self.metric = metric
        self.value = value
        percentiles = []
    }

    public init(
        year: String, metric: String, mean: Double, sd: Double, se: Double, min: Double, max: Double,
        percentiles: [Double]
    ) {
        self.year = year
        self.metric = metric
        self.mean = mean
        self.sd = sd
        self.se = se
        self.min = min
        self.max = max
        self.percentiles = percentiles
    }

    public static let percentileLevels = [1, 5, 10, 25, 50, 75, 90, 95, 99]
}

/// One line of a deterministic run's audit trail.
public struct LedgerRow: Sendable, Equatable {
    public var year: String
    public var kind: String
    public var quantity: Double
    public var reason: String

    public init(year: String, kind: String, quantity: Double, reason: String) {
        self.year = year
        self.kind = kind
        self.quantity = quantity
        self.reason = reason
    }
}

/// One source line of a deterministic run's emissions breakdown, tCO2e.
public struct EmissionRow: Sendable, Equatable {
    public var year: String
    public var source: String
    public var name: String
    public var co2e: Double

    public init(year: String, source: String, name: String, co2e: Double) {
        self.year = year
        self.source = source
        self.name = name
        self.co2e = co2e
    }
}

/// Per-world results to keep (`--keep-worlds`): `value(world, year, column)` for the columns below.
public struct WorldRows {
    public static let columns = ["emissions", "gei", "credits", "closing_balance", "shortfall", "cost", "compliant"]
    public var worlds: Int
    public var years: [String]
    /// The value of (world, year, column); read world after world in rising order, so that a run too
    /// large to keep in memory can draw its worlds again a block at a time (hence `throws`).
    public var value: (Int, Int, Int) throws -> Double
    /// The uncertain inputs drawn in each world (their keys, and the value of input k in a world).
    public var inputKeys: [String] = []
    public var input: (Int, Int) throws -> Double = { _, _ in .nan }

    public init(worlds: Int, years: [String], value: @escaping (Int, Int, Int) throws -> Double) {
        self.worlds = worlds
        self.years = years
        self.value = value
    }
}

/// Everything a completed run produced.
public struct RunResults {
    /// The canonical JSON of the computed numbers (what `rerun` compares bit for bit).
    public var resultsJSON: String
    /// The whole `--json` document.
    public var document: String
    /// What `ccts run` printed.
    public var report: String
    public var worldsEvaluated: Int?
    public var wallSeconds: Double
    public var metrics: [MetricRow]
    public var ledger: [LedgerRow]
    public var emissions: [EmissionRow]
    public var worlds: WorldRows?
    /// The CSV and Excel tables the run read (known only once it has loaded), stored with its files.
    public var tables: [StoredFile] = []
    /// A shard's part of its run (`--shard K/N`).
    public var shard: ShardRow?
    /// The registration of the run's one entity (nil for a portfolio): what a token bound to an entity may see.
    public var entity: String?
    /// A market run's clearing price per year and world (`ccts compare`, base rules), which
    /// `--prices-from` reads back.
    public var marketPrices: MarketPriceRows?

    public init(
        resultsJSON: String, document: String, report: String, worldsEvaluated: Int?, wallSeconds: Double,
        metrics: [MetricRow], ledger: [LedgerRow] = [], emissions: [EmissionRow] = [], worlds: WorldRows? = nil
    ) {
        self.resultsJSON = resultsJSON
        self.document = document
        self.report = report
        self.worldsEvaluated = worldsEvaluated
        self.wallSeconds = wallSeconds
        self.metrics = metrics
        self.ledger = ledger
        self.emissions = emissions
        self.worlds = worlds
    }
}

/// What a child of `ccts serve` records with its runs: the job, and the entity its token is bound to
/// (a run of another entity is refused before its results are written).
public struct Submission: Sendable {
    public var job: Int64
    public var entity: String?
    public init(job: Int64, entity: String?) {
        self.job = job
        self.entity = entity
    }
}

/// A stored run as `runs list` and `runs show` read it.
public struct StoredRun: Sendable, Equatable {
    public var id: Int64
    public var created: String
    public var status: String
    public var error: String?
    public var command: [String]
    public var engineVersion: String
    public var kind: String
    public var scenarioName: String
    public var scenarioFile: String
    public var ruleSource: String
    public var strict: Bool
    public var seed: UInt64?
    public var iterations: Int?
    public var worlds: Int?
    public var threads: Int?
    public var factorUncertainty: Bool
    public var untilStandardError: Double?
    public var standardErrorOutput: String?
    public var keepWorlds: Bool
    public var wallSeconds: Double?
    public var rerunOf: Int64?
    /// The registration of the run's one entity, once completed (nil for a portfolio).
    public var entity: String?
    /// The `ccts serve` job that made the run (nil: the command line).
    public var job: Int64?
    public var resultsJSON: String?
    /// The SHA-256 of `resultsJSON` recorded when the run completed (nil in stores before v9).
    public var resultsSHA256: String? = nil
    public var document: String?
    public var report: String?

    /// Whether the stored results are those the run completed with: true or false against the
    /// recorded digest, nil when none was recorded.
    public var resultsIntact: Bool? {
        guard let recorded = resultsSHA256, let results = resultsJSON else { return nil }
        return SHA256.hex(results) == recorded
    }
}

/// What a shard run keeps for the merge: which shard, its worlds, and its first pass (opaque here).
public struct ShardRow: Sendable, Equatable {
    public var index: Int
    public var count: Int
    public var firstWorld: Int
    public var worlds: Int
    public var state: Data

    public init(index: Int, count: Int, firstWorld: Int, worlds: Int, state: Data) {
        self.index = index
        self.count = count
        self.firstWorld = firstWorld
        self.worlds = worlds
        self.state = state
    }
}

/// The clearing price of every world, year by year, of a stored market run.
public struct MarketPriceRows: Sendable, Equatable {
    public var years: [String]
    public var worlds: Int
    /// `[year × worlds + world]`, INR/CCC.
    public var prices: [Double]

    public init(years: [String], worlds: Int, prices: [Double]) {
        self.years = years
        self.worlds = worlds
        self.prices = prices
    }
}
