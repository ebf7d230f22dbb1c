import Foundation
import Testing
@testable import ccts
@testable import RunStore

/// The pieces of `ccts serve` that decide without a network: the route table against the OpenAPI
/// document, the arguments a job becomes, the fields a body may carry, roles, and tokens in the
/// store. (scripts/test-serve tests the running server, its browser page and the document with
/// schemathesis.)
struct ServeUnitTests {
    func app() throws -> ServeApp {
        let store = try RunStore(path: try CLI.temporaryDirectory().appendingPathComponent("serve.sqlite").path)
        let child = ChildCcts(executable: "/bin/false", timeoutSeconds: 1)
        return ServeApp(store: store, queue: JobQueue(store: store, child: child, slots: 1, maxIterations: 100), child: child,
                        limits: ServeLimits(bodyBytes: 1024, maxIterations: 100))
    }

    @Test func theRoutesAreExactlyTheDocumentedOperations() throws {
        let data = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Sources/ServeSite/Site/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let served = Set(try app().routes().operations.map { "\($0.method.uppercased()) \($0.path)" })
        #expect(served.subtracting(documented).isEmpty, "served but not in /openapi.json: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "in /openapi.json but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count == 23)
    }

    @Test func aKnownPathTakesOnlyItsMethods() throws {
        let routes = try app().routes()
        #expect(routes.methods(at: "/api/runs/7") == ["GET", "DELETE"])
        #expect(routes.methods(at: "/api/runs/7/diff/8") == ["GET"])
        #expect(routes.methods(at: "/api/nothing").isEmpty)
    }

    @Test func aRunJobBecomesTheCommandLine() throws {
        let request = JobRequest(kind: .run, scenario: .init(name: "cement.lua", text: "return {}"),
                                 reforms: [.init(name: "tighter.lua", text: "x")], set: ["verification.materiality=0.02"], iterations: 50, seed: 7)
        let (arguments, files) = try request.command(maxIterations: 100)
        #expect(arguments == ["run", "cement.lua", "--iterations", "50", "--progress-lines", "--quiet", "--seed", "7",
                              "--reform", "reforms/tighter.lua", "--set", "verification.materiality=0.02"])
        #expect(files.map(\.path) == ["cement.lua", "reforms/tighter.lua"])
    }

    @Test func aPathwayAndACompareBecomeTheirCommands() throws {
        let pathway = JobRequest(kind: .pathway, scenario: .init(name: "s.lua", text: ""), rules: [.init(name: "fuels.lua", text: "")],
                                 measures: .init(name: "m.lua", text: ""), iterations: 10, optimise: true)
        #expect(try pathway.command(maxIterations: 100).arguments == ["pathway", "s.lua", "--measures", "m.lua", "--optimise", "--iterations", "10", "--rules", "rules"])
        let compare = JobRequest(kind: .compare, scenarios: [.init(name: "a.lua", text: ""), .init(name: "b.lua", text: "")])
        #expect(try compare.command(maxIterations: 100).arguments == ["compare", "a.lua", "b.lua"])
        #expect(try JobRequest(kind: .rerun, run: 4).command(maxIterations: 1).arguments == ["runs", "rerun", "4"])
    }

    @Test(arguments: [
        (JobRequest(kind: .run, scenario: .init(name: "../x.lua", text: "")), "scenario.name: expected a file name"),
        (JobRequest(kind: .run, scenario: .init(name: "x.txt", text: "")), "scenario.name: expected a file name"),
        (JobRequest(kind: .run), "scenario: a run job needs a scenario file"),
        (JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), iterations: 101), "iterations: expected 1 to 100 worlds on this server, got 101"),
        (JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), seed: 1), "seed: a seed draws Monte Carlo worlds; give iterations too"),
        (JobRequest(kind: .pathway, scenario: .init(name: "x.lua", text: ""), measures: .init(name: "m.lua", text: ""), iterations: 5),
         "iterations: a pathway draws worlds only with optimise: true"),
        (JobRequest(kind: .compare, scenarios: [.init(name: "a.lua", text: ""), .init(name: "a.lua", text: "")]), "scenarios[1].name: a.lua is given twice"),
        (JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), set: ["=3"]), "set[0]: expected path=value"),
        (JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), rules: []), "rules: an empty rule set"),
    ])
    func aBadJobIsRefusedNamingTheField(request: JobRequest, message: String) {
        #expect {
            try request.command(maxIterations: 100)
        } throws: { error in
            guard let failure = error as? APIFailure, failure.status == .badRequest else { return false }
            return failure.message.hasPrefix(message)
        }
    }

    @Test func aBodyWithAFieldItsKindDoesNotTakeIsRefused() throws {
        let run = JobRequest.fields(for: "run")
        #expect(run.problem(in: ["kind": "run", "scenario": ["name": "a.lua", "text": ""]], what: "a run job") == nil)
        #expect(run.problem(in: ["kind": "run", "iteration": 5], what: "a run job")?.hasPrefix("iteration: a run job takes no field iteration") == true)
        #expect(run.problem(in: ["kind": "run", "measures": ["name": "m.lua", "text": ""]], what: "a run job")?.hasPrefix("measures:") == true)
        #expect(run.problem(in: ["kind": "run", "seed": NSNull()], what: "a run job") == "seed: expected a value, got null (leave the field out instead)")
        #expect(run.problem(in: ["kind": "run", "reforms": [["name": "r.lua", "text": "", "path": "/etc"]]], what: "a run job")
                == "reforms[0].path: a file has only name and text")
        #expect(run.problem(in: [1, 2], what: "a run job") == "the body: expected a JSON object")
    }

    @Test func rolesIncludeTheLowerOnes() {
        #expect(APIToken.Role.admin.includes(.analyst) && APIToken.Role.analyst.includes(.viewer))
        #expect(!APIToken.Role.viewer.includes(.analyst) && !APIToken.Role.analyst.includes(.admin))
        let bound = Access(token: APIToken(id: 1, name: "board", role: .viewer, entity: "CCTS-CEM-RJ-0042", created: "", revoked: nil))
        #expect(throws: APIFailure.self) { try bound.require(.analyst, to: "submit jobs") }
        var run = StoredRun(id: 1, created: "", status: "completed", command: [], engineVersion: "", kind: "deterministic", scenarioName: "",
                            scenarioFile: "", ruleSource: "", strict: false, factorUncertainty: false, keepWorlds: false)
        run.entity = "CCTS-CA-GJ-0007"
        #expect(!bound.sees(run))
        run.entity = "CCTS-CEM-RJ-0042"
        #expect(bound.sees(run))
        #expect(Access(token: nil).role == .admin)
    }

    @Test func tokensAreKeptHashedAndRevocable() throws {
        let store = try app().store
        #expect(try !store.hasActiveTokens())
        let (token, secret) = try store.addToken(name: "Asha", role: .analyst, entity: nil)
        #expect(secret.hasPrefix("ccts_") && secret.count == 5 + 64)
        #expect(try store.token(secret: secret)?.id == token.id)
        #expect(try store.hasActiveTokens())
        let stored = try store.readStore { db in try String.fetchOne(db, sql: "SELECT sha256 FROM api_token") }
        #expect(stored == SHA256.hex(secret))
        try store.revokeToken(token.id)
        #expect(try store.token(secret: secret) == nil)
        #expect(try !store.hasActiveTokens())
        #expect(throws: StoreError.self) { try store.revokeToken(99) }
    }

    @Test func jobsLeftRunningByAStoppedServerAreSettled() throws {
        let store = try app().store
        let job = try store.addJob(kind: "run", request: "{}", tokenID: nil)
        try store.markJobRunning(job.id)
        #expect(try store.settleInterruptedJobs().isEmpty)
        let settled = try #require(try store.job(job.id))
        #expect(settled.status == .failed && settled.error?.hasPrefix("interrupted: the server stopped") == true)
    }
}
