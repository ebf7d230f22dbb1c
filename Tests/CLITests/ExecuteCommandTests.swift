import Foundation
import Requests
import RunStore
import Testing

/// `ccts execute`: the job file `ccts serve` hands its child, computed through the commands' own
/// functions — the same numbers as the commands, the run kept under the job.
@Suite struct ExecuteCommandTests {
    /// The `results` of a JSON document (what a re-run must reproduce), re-encoded with sorted keys.
    static func results(_ document: String) throws -> String {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            "not JSON: \(document.prefix(200))")
        let results = try #require(object["results"])
        return String(
            decoding: try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Writes `job` (its store a fresh one holding a queued job) and runs `ccts execute` on it from
    /// the package folder, where the files it names are.
    static func execute(_ job: JobFile, folder: URL) throws -> (CLI.Result, RunStore, Int64) {
        let store = try RunStore(path: folder.appendingPathComponent("jobs.sqlite").path)
        let queued = try store.addJob(kind: job.workflow.rawValue, request: "{}", tokenID: nil)
        var job = job
        (job.store, job.job) = (store.path, queued.id)
        let file = folder.appendingPathComponent("\(job.workflow.rawValue)-\(JobFile.name)")
        try JSONEncoder().encode(job).write(to: file)
        return (try CLI.run(["execute", file.path]), store, queued.id)
    }

    /// Each workflow's job gives its command's results bit for bit, and its run is kept under the
    /// job with the command line people read (never executed).
    @Test func aJobGivesTheCommandsNumbers() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let threads = 2
        var run = JobFile(workflow: .run, store: "", job: 0, command: ["run", "Scenarios/cement-rajasthan.lua"])
        run.run = RunOptions(scenario: "Scenarios/cement-rajasthan.lua", iterations: 400, seed: 5, threads: threads)
        var compare = JobFile(workflow: .compare, store: "", job: 0, command: ["compare"])
        compare.compare = CompareRequest(
            portfolios: ["Scenarios/portfolio-notified.lua"], iterations: 100, seed: 2, threads: threads)
        var pathway = JobFile(workflow: .pathway, store: "", job: 0, command: ["pathway"])
        pathway.pathway = PathwayRequest(
            scenario: "Scenarios/cement-rajasthan.lua", measures: "Scenarios/measures-cement-rajasthan.lua",
            optimise: true, iterations: 300)
        var plan = JobFile(workflow: .plan, store: "", job: 0, command: ["plan"])
        plan.plan = PlanRequest(
            scenario: "Scenarios/plan-chlor-alkali-purchases.lua", iterations: 500, threads: threads, steps: 4,
            offsetSteps: 2)
        let commands: [(JobFile, [String])] = [
            (run, ["run", "Scenarios/cement-rajasthan.lua", "--iterations", "400", "--seed", "5", "--threads", "2"]),
            (
                compare,
                ["compare", "Scenarios/portfolio-notified.lua", "--iterations", "100", "--seed", "2", "--threads", "2"]
            ),
            (
                pathway,
                [
                    "pathway", "Scenarios/cement-rajasthan.lua", "--measures",
                    "Scenarios/measures-cement-rajasthan.lua",
                    "--optimise", "--iterations", "300",
                ]
            ),
            (
                plan,
                [
                    "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "500", "--threads", "2",
                    "--steps", "4", "--offset-steps", "2",
                ]
            ),
        ]
        for (job, command) in commands {
            let expected = try CLI.spawn(command + ["--json", "--no-store"])
            #expect(expected.status == 0, "\(command): \(expected.stderr)")
            let (executed, store, id) = try Self.execute(job, folder: folder)
            #expect(executed.status == 0, "\(job.workflow): \(executed.stderr)")
            #expect(try Self.results(executed.stdout) == Self.results(expected.stdout), "\(job.workflow)")
            let kept = try #require(try store.runOfJob(id), "\(job.workflow): no run under the job")
            #expect(kept.status == "completed" && kept.command == job.command, "\(job.workflow)")
        }
        // a run's worlds report their progress for the server to read
        let (executed, _, _) = try Self.execute(run, folder: folder)
        #expect(executed.stderr.contains("progress 400 400 "))
    }

    /// A job file whose workflow's request is missing, or another's is given, is refused, naming it.
    @Test func aJobFileWithoutItsRequestIsRefused() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var job = JobFile(workflow: .run, store: "", job: 0, command: ["run"])
        job.plan = PlanRequest(scenario: "Scenarios/plan-chlor-alkali-purchases.lua")
        let (refused, store, id) = try Self.execute(job, folder: folder)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "workflow run: expected its request under \"run\" and no other, got \"plan\""), "\(refused.stderr)")
        #expect(try store.runOfJob(id) == nil)
        let notJSON = folder.appendingPathComponent("not-a-job.json")
        try Data("{\"workflow\": \"run\"}".utf8).write(to: notJSON)
        let unreadable = try CLI.run(["execute", notJSON.path])
        #expect(unreadable.status == 1 && unreadable.stderr.contains("not-a-job.json: not a job file"))
    }
}
