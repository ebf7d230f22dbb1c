import Foundation
import Testing

/// `ccts run --memory-limit`: a run whose world table would pass the limit is summarised in bounded
/// memory. Same statistics, same kept worlds, same re-run — only the memory differs.
@Suite struct BoundedMemoryCommandTests {
    func store() throws -> String { try CLI.temporaryDirectory().appendingPathComponent("runs.sqlite").path }

    func results(_ text: String) throws -> NSDictionary? {
        (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["results"] as? NSDictionary
    }

    @Test func boundedRunEqualsTheInMemoryRun() throws {
        let db = try store()
        // 3,001 worlds: the in-memory table is 3,001 × (2 years × 9 metrics + 1) × 8 B ≈ 0.46 MB, over a 0 MB
        // limit.
        let common = [
            "run", "Scenarios/benchmark.lua", "--iterations", "3001", "--keep-worlds", "--db", db, "--json", "--quiet",
        ]
        let kept = try CLI.run(common)
        let bounded = try CLI.run(common + ["--memory-limit", "0"])
        #expect(kept.status == 0 && bounded.status == 0, "\(bounded.stderr)")
        #expect(try results(kept.stdout) == results(bounded.stdout))
        // The kept worlds (drawn again block by block for the store) are the same rows, inputs included.
        let first = try CLI.run(["runs", "export", "1", "--worlds", "--db", db]).stdout
        let second = try CLI.run(["runs", "export", "2", "--worlds", "--db", db]).stdout
        #expect(first.split(separator: "\n").count == 3_001 * 2 + 1)
        #expect(first == second)
        // Re-running the bounded run (in memory this time: the limit is not stored) reproduces it.
        let rerun = try CLI.run(["runs", "rerun", "2", "--db", db])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("identical"), "\(rerun.stdout)")
    }

    /// The text report says when a run was bounded, and what it cost: the outputs take 3,001 worlds ×
    /// (2 years × 10 outputs + the total) × 8 B = 504,168 B, and the sensitivity sample keeps each
    /// world's 24 drawn inputs (3,001 × 24 × 8 B = 576,192 B): 1,080,360 B, which rounds up to 2 MB,
    /// over a 0 MB limit.
    @Test func boundedRunSaysSo() throws {
        let common = ["run", "Scenarios/benchmark.lua", "--iterations", "3001", "--no-store", "--quiet"]
        let bounded = try CLI.run(common + ["--memory-limit", "0"])
        #expect(
            bounded.stdout.contains(
                "Bounded memory: the worlds were drawn 2 times (once to run them, 1 more for the exact statistics' "
                    + "later passes) instead of kept in a table of 2 MB (--memory-limit 0 MB)"
            ), "\(bounded.stdout)")
        let kept = try CLI.run(common)
        #expect(!kept.stdout.contains("Bounded memory"))
    }

    @Test func negativeLimitIsRefused() throws {
        let run = try CLI.run(["run", "Scenarios/benchmark.lua", "--iterations", "10", "--memory-limit=-1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--memory-limit must be 0 or more MB"))
    }
}
