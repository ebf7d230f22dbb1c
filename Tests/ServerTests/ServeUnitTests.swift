import Foundation
import Testing
@testable import RunStore
import Requests
@testable import Server

/// The pieces of `ccts serve` that decide without a network: the route table against the OpenAPI
/// document, the arguments a job becomes, the fields a body may carry, roles, and tokens in the
/// store. (scripts/test-serve tests the running server, its browser page and the document with
/// schemathesis.)
struct ServeUnitTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func app() throws -> ServeApp {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try RunStore(path: folder.appendingPathComponent("serve.sqlite").path)
        let child = ChildCcts(executable: "/bin/false", timeoutSeconds: 1, memoryBytes: 1 << 30)
        return ServeApp(
            store: store, queue: JobQueue(store: store, child: child, slots: 1, maxIterations: 100), child: child,
            limits: ServeLimits(bodyBytes: 1024, maxIterations: 100, maxPendingJobs: 2, bodySeconds: 5),
            policy: ServePolicy(host: "127.0.0.1", allowedHosts: [], insecureNoTokens: false))
    }

    @Test func theRoutesAreExactlyTheDocumentedOperations() throws {
        let data = try Data(contentsOf: Self.packageRoot.appendingPathComponent("Sources/ServeSite/Site/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let served = Set(try app().routes().operations.map { "\($0.method.uppercased()) \($0.path)" })
        #expect(
            served.subtracting(documented).isEmpty,
            "served but not in /openapi.json: \(served.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(served).isEmpty,
            "in /openapi.json but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count == 24)
    }

    /// Only the page and the document are public; every other operation names the role it needs.
    @Test func everyOperationButThePageAndTheDocumentNeedsARole() throws {
        let routes = try app().routes()
        let open = routes.operations.filter { $0.role == nil }.map(\.path).sorted()
        #expect(open == ["/", "/app.css", "/app.js", "/openapi.json"])
        #expect(routes.isPublic(.get, "/openapi.json") && !routes.isPublic(.post, "/openapi.json"))
        #expect(
            !routes.isPublic(.get, "/api/tokens") && !routes.isPublic(.get, "/api/nothing")
                && !routes.isPublic(.get, "/app.js/x"))
        let roles = Dictionary(uniqueKeysWithValues: routes.operations.map { ("\($0.method) \($0.path)", $0.role) })
        #expect(
            roles["post /api/tokens"] == .admin && roles["delete /api/runs/{id}"] == .analyst
                && roles["get /api/runs"] == .viewer)
    }

    /// One spelling of each path reaches the router; the others are refused before the token check.
    @Test(arguments: [
        "//api/tokens", "/api//tokens", "/./api/tokens", "/api/../api/tokens", "/api/%74okens", "/api/tokens/",
        "/api/tokens%2F", "", "api/tokens", "/api/runs/1/.", "/api/t\u{0}",
    ])
    func aPathInAnotherSpellingIsNotCanonical(path: String) {
        #expect(!ServePolicy.isCanonical(path))
    }

    @Test func canonicalPathsAreTheRoutesAsWritten() {
        for path in ["/", "/api/tokens", "/api/runs/12/diff/3", "/app.js", "/API/tokens"] {
            #expect(ServePolicy.isCanonical(path))
        }
    }

    @Test func theHostsAServerAnswersFor() {
        let loopback = ServePolicy(host: "127.0.0.1", allowedHosts: [], insecureNoTokens: false)
        #expect(
            loopback.allowedHosts == ["localhost", "127.0.0.1", "::1"] && !loopback.exposed
                && loopback.openWithoutTokens)
        let exposed = ServePolicy(host: "0.0.0.0", allowedHosts: ["CCTS.example.org:8443"], insecureNoTokens: false)
        #expect(exposed.allowedHosts.contains("ccts.example.org") && !exposed.allowedHosts.contains("0.0.0.0"))
        #expect(exposed.exposed && !exposed.openWithoutTokens)
        #expect(ServePolicy(host: "10.1.2.3", allowedHosts: [], insecureNoTokens: true).openWithoutTokens)
        #expect(ServePolicy.bare("[::1]:8080") == "::1" && ServePolicy.bare("Evil.Example:80") == "evil.example")
    }

    @Test func aKnownPathTakesOnlyItsMethods() throws {
        let routes = try app().routes()
        #expect(routes.methods(at: "/api/runs/7") == ["GET", "DELETE"])
        #expect(routes.methods(at: "/api/runs/7/diff/8") == ["GET"])
        #expect(routes.methods(at: "/api/nothing").isEmpty)
    }

    @Test func aRunJobBecomesItsJobFile() throws {
        let request = JobRequest(
            kind: .run, scenario: .init(name: "cement.lua", text: "return {}"),
            reforms: [.init(name: "tighter.lua", text: "x")], set: ["verification.materiality=0.02"], iterations: 50,
            seed: 7)
        let (job, files) = try request.job(maxIterations: 100, store: "/s", id: 3, entity: "E-1")
        #expect(job.workflow == .run && job.store == "/s" && job.job == 3 && job.entity == "E-1" && job.problem == nil)
        #expect(
            job.run
                == RunOptions(
                    scenario: "cement.lua", reforms: ["reforms/tighter.lua"], sets: ["verification.materiality=0.02"],
                    iterations: 50, seed: 7, threads: ProcessInfo.processInfo.activeProcessorCount))
        // what the stored run shows people: the command line that would do the same (never executed)
        #expect(
            job.command == [
                "run", "cement.lua", "--iterations", "50", "--seed", "7", "--reform", "reforms/tighter.lua", "--set",
                "verification.materiality=0.02",
            ])
        #expect(files.map(\.path) == ["cement.lua", "reforms/tighter.lua"])
        // the job file reads back as written
        #expect(try JSONDecoder().decode(JobFile.self, from: JSONEncoder().encode(job)) == job)
    }

    /// No client text reaches a command line: the child's is always `execute -- ccts-job.json`, and a
    /// client's names and values are fields of the job file.
    @Test func noClientTextBecomesAnOption() throws {
        let request = JobRequest(
            kind: .compare, scenarios: [.init(name: "_--help.lua", text: "")],
            tables: [.init(name: "data/x--y.csv", text: "a\n1")], reforms: [.init(name: "r.lua", text: "")],
            set: ["a=--reform=/etc/passwd"])
        let job = try request.job(maxIterations: 100).job
        #expect(job.compare?.sets == ["a=--reform=/etc/passwd"] && job.compare?.portfolios == ["_--help.lua"])
        #expect(job.compare?.reforms == ["reforms/r.lua"])
        #expect(
            ChildCommand(["execute"], positionals: [JobFile.name]).arguments() == ["execute", "--", "ccts-job.json"])
        for assignment in ["--reform=/etc/passwd", "-x=1", "a=1\n--help"] {
            #expect(throws: APIFailure.self) {
                try JobRequest(kind: .run, scenario: .init(name: "s.lua", text: ""), set: [assignment]).job(
                    maxIterations: 1)
            }
        }
    }

    @Test func tablesTravelUnderTheNamesTheScenarioUses() throws {
        let workbook = Data([0x50, 0x4B, 0x03, 0x04, 0xFF])
        let request = JobRequest(
            kind: .run, scenario: .init(name: "p.lua", text: ""),
            tables: [
                .init(name: "data/entities.xlsx", base64: workbook.base64EncodedString()),
                .init(name: "fuels.csv", text: "fuel,quantity\ndiesel,3"),
            ])
        let files = try request.job(maxIterations: 1).files
        #expect(files.map(\.path) == ["p.lua", "data/entities.xlsx", "fuels.csv"] && files[1].data == workbook)
    }

    @Test func aPathwayACompareAndARerunBecomeTheirRequests() throws {
        let pathway = try JobRequest(
            kind: .pathway, scenario: .init(name: "s.lua", text: ""), rules: [.init(name: "fuels.lua", text: "")],
            measures: .init(name: "m.lua", text: ""), iterations: 200, optimise: true
        ).job(maxIterations: 1_000).job
        // the command's defaults for what the job does not say (probability 0.9, seed 1)
        #expect(
            pathway.pathway
                == PathwayRequest(
                    scenario: "s.lua", measures: "m.lua", optimise: true, iterations: 200, rules: "rules"))
        #expect(
            pathway.command == [
                "pathway", "s.lua", "--measures", "m.lua", "--optimise", "--iterations", "200", "--rules", "rules",
            ])
        let compare = try JobRequest(
            kind: .compare, scenarios: [.init(name: "a.lua", text: ""), .init(name: "b.lua", text: "")],
            reforms: [.init(name: "r.lua", text: "")]
        ).job(maxIterations: 100).job
        #expect(
            compare.compare
                == CompareRequest(
                    portfolios: ["a.lua", "b.lua"], reforms: ["reforms/r.lua"],
                    threads: ProcessInfo.processInfo.activeProcessorCount))
        let rerun = try JobRequest(kind: .rerun, run: 4).job(maxIterations: 1).job
        #expect(rerun.workflow == .rerun && rerun.rerun == 4 && rerun.problem == nil)
        // a plan takes the command's 20,000 worlds unless the job says otherwise
        let plan = try JobRequest(kind: .plan, scenario: .init(name: "p.lua", text: "")).job(maxIterations: 1).job
        #expect(plan.plan?.iterations == 20_000 && plan.plan?.seed == 1)
        // a job file written by hand is held to the commands' limits: a plan on 50 worlds is refused
        var few = plan
        few.plan?.iterations = 50
        #expect(few.problem == "plan.iterations: expected at least 100, got 50")
        // ... and to every bound of the plan command's options: a CVaR level of 2 (the command's
        // --level takes [0.5, 1)), a chance limit of 1, no grid steps, a negative budget, no seconds
        let edits: [(edit: (inout PlanRequest) -> Void, problem: String)] = [
            ({ $0.level = 2 }, "plan.level: expected a value in [0.5, 1), got 2.0"),
            ({ $0.epsilon = 1 }, "plan.epsilon: expected a value in [0, 1), got 1.0"),
            ({ $0.offsetSteps = 0 }, "plan.steps, offsetSteps: expected at least 1 each, got 40 and 0"),
            ({ $0.budget = -1 }, "plan.budget: expected INR from 0 to 1e15, got -1.0"),
            ({ $0.lua.seconds = 0 }, "plan.lua.seconds: expected more than 0 and at most 1e9, got 0.0"),
        ]
        for (edit, problem) in edits {
            var job = plan
            edit(&job.plan!)
            #expect(job.problem == problem)
        }
        var memory = compare
        memory.compare?.lua.memoryMebibytes = 1
        #expect(memory.problem == "compare.lua.memoryMebibytes: expected at least 4, got 1")
    }

    @Test(arguments: [
        (JobRequest(kind: .run, scenario: .init(name: "../x.lua", text: "")), "scenario.name: expected a file name"),
        (JobRequest(kind: .run, scenario: .init(name: "x.txt", text: "")), "scenario.name: expected a file name"),
        (JobRequest(kind: .run), "scenario: a run job needs a scenario file"),
        (
            JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), iterations: 101),
            "iterations: expected 1 to 100 worlds on this server, got 101"
        ),
        (
            JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), seed: 1),
            "seed: a seed draws Monte Carlo worlds; give iterations too"
        ),
        (
            JobRequest(
                kind: .pathway, scenario: .init(name: "x.lua", text: ""), measures: .init(name: "m.lua", text: ""),
                iterations: 5),
            "iterations: a pathway draws worlds only with optimise: true"
        ),
        (
            JobRequest(
                kind: .compare, scenarios: [.init(name: "a.lua", text: ""), .init(name: "a.lua", text: "")],
                reforms: [.init(name: "r.lua", text: "")]),
            "scenarios[1].name: a.lua is given twice"
        ),
        (
            JobRequest(
                kind: .run, scenario: .init(name: "x.lua", text: ""), tables: [.init(name: "../t.csv", text: "")]),
            "tables[0].name: expected the path"
        ),
        (
            JobRequest(
                kind: .run, scenario: .init(name: "x.lua", text: ""),
                tables: [.init(name: "t.csv", text: "", base64: "")]),
            "tables[0]: give either text (CSV) or base64"
        ),
        (
            JobRequest(
                kind: .run, scenario: .init(name: "x.lua", text: ""), tables: [.init(name: "t.xlsx", base64: "!!")]),
            "tables[0].base64: not valid base64"
        ),
        (JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), set: ["=3"]), "set[0]: expected path=value"),
        (JobRequest(kind: .run, scenario: .init(name: "x.lua", text: ""), rules: []), "rules: an empty rule set"),
        (
            JobRequest(kind: .plan, scenario: .init(name: "p.lua", text: ""), iterations: 50),
            "iterations: a plan job needs at least 100 worlds, got 50"
        ),
    ])
    func aBadJobIsRefusedNamingTheField(request: JobRequest, message: String) {
        #expect {
            try request.job(maxIterations: 100)
        } throws: { error in
            guard let failure = error as? APIFailure, failure.status == .badRequest else { return false }
            return failure.message.hasPrefix(message)
        }
    }

    @Test func aBodyWithAFieldItsKindDoesNotTakeIsRefused() throws {
        let run = JobRequest.fields(for: "run")
        #expect(run.problem(in: ["kind": "run", "scenario": ["name": "a.lua", "text": ""]], what: "a run job") == nil)
        #expect(
            run.problem(in: ["kind": "run", "iteration": 5], what: "a run job")?.hasPrefix(
                "iteration: a run job takes no field iteration") == true)
        #expect(
            run.problem(in: ["kind": "run", "measures": ["name": "m.lua", "text": ""]], what: "a run job")?.hasPrefix(
                "measures:") == true)
        #expect(
            run.problem(in: ["kind": "run", "seed": NSNull()], what: "a run job")
                == "seed: expected a value, got null (leave the field out instead)")
        #expect(
            run.problem(
                in: ["kind": "run", "reforms": [["name": "r.lua", "text": "", "path": "/etc"]]], what: "a run job")
                == "reforms[0].path: a file has only name and text")
        #expect(run.problem(in: [1, 2], what: "a run job") == "the body: expected a JSON object")
    }

    @Test func rolesIncludeTheLowerOnes() {
        #expect(APIToken.Role.admin.includes(.analyst) && APIToken.Role.analyst.includes(.viewer))
        #expect(!APIToken.Role.viewer.includes(.analyst) && !APIToken.Role.analyst.includes(.admin))
        let bound = Access(
            token: APIToken(id: 1, name: "board", role: .viewer, entity: "CCTS-CEM-RJ-0042", created: "", revoked: nil))
        #expect(throws: APIFailure.self) { try bound.require(.analyst, to: "submit jobs") }
        var run = StoredRun(
            id: 1, created: "", status: "completed", command: [], engineVersion: "", kind: "deterministic",
            scenarioName: "",
            scenarioFile: "", ruleSource: "", strict: false, factorUncertainty: false, keepWorlds: false)
        run.entity = "CCTS-CA-GJ-0007"
        #expect(!bound.sees(run, submittedBy: nil) && !bound.sees(run, submittedBy: 2))
        #expect(bound.sees(run, submittedBy: 1), "a bound token sees the runs its own jobs made, whatever their entity")
        run.entity = "CCTS-CEM-RJ-0042"
        #expect(bound.sees(run, submittedBy: nil))
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
        #expect(try store.claimJob(job.id))
        // claimed by this (live) process: another server's settling leaves it alone
        #expect(try store.settleInterruptedJobs().isEmpty)
        #expect(try store.job(job.id)?.status == .running)
        // claimed by a server process that has ended: settled as interrupted
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE job SET server = ? WHERE id = ?",
                arguments: ["\(ProcessInfo.processInfo.hostName):999999", job.id])
        }
        #expect(try store.settleInterruptedJobs().isEmpty)
        let settled = try #require(try store.job(job.id))
        #expect(settled.status == .failed && settled.error?.hasPrefix("interrupted: the server stopped") == true)
    }

    @Test func aJobIsClaimedOnceAndKeepsNoTextOnceEnded() throws {
        let store = try app().store
        let job = try store.addJob(
            kind: "run", request: #"{"kind":"run","scenario":{"name":"s.lua","text":"secret plant data"}}"#,
            tokenID: nil)
        #expect(try store.claimJob(job.id))
        #expect(try !store.claimJob(job.id), "a second server cannot claim a job already claimed")
        try store.finishJob(job.id, run: nil, error: "refused")
        let ended = try #require(try store.job(job.id))
        #expect(ended.request == #"{"kind":"run"}"# && ended.status == .failed)
        try store.finishJob(job.id, run: nil, error: nil)
        #expect(try store.job(job.id)?.status == .failed, "an ended job stays as it ended")
        #expect(try store.pendingJobCount(tokenID: nil) == 0)
    }

    @Test func aChildsMessageCarriesNoServerPath() {
        let root = WorkFolder.root.path
        #expect(
            ChildCcts.clean(
                "error: /srv/runs.sqlite is locked; \(root)/ABC-123/s.lua:3: bad", store: "/srv/runs.sqlite")
                == "error: the server's store is locked; s.lua:3: bad")
        #expect(
            RunRoutes.clientView(of: [
                "run", "--db", "/srv/x.sqlite", "--db=/srv/x", "--server-job=3", "--json", "--", "s.lua",
            ])
                == ["run", "--json", "--", "s.lua"])
    }
}
