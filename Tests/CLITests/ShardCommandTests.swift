import Foundation
import Testing

/// `ccts run --shard K/N` and `ccts merge`: a run split across processes, each shard in its own
/// store, merged into the run one process makes — `results` the same to the byte.
@Suite struct ShardCommandTests {
    let scenario = "Scenarios/benchmark.lua"

    func results(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        return String(decoding: try JSONSerialization.data(withJSONObject: object["results"]!, options: [.sortedKeys]), as: UTF8.self)
    }

    /// 140,001 worlds are 3 blocks of 65,536 (the last of 8,929): shards 0/3, 1/3, 2/3 take one each.
    func shards(_ folder: URL, seed: String = "3", count: Int = 3) throws -> [String] {
        try (0..<count).map { k in
            let path = folder.appendingPathComponent("shard-\(k)-seed\(seed).sqlite").path
            let run = try CLI.run(["run", scenario, "--iterations", "140001", "--seed", seed, "--shard", "\(k)/\(count)", "--db", path, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            return path
        }
    }

    @Test func mergedShardsEqualOneProcess() throws {
        let folder = try CLI.temporaryDirectory()
        let paths = try shards(folder)
        let first = try CLI.run(["run", scenario, "--iterations", "140001", "--seed", "3", "--shard", "0/3", "--db", folder.appendingPathComponent("x.sqlite").path])
        #expect(first.stdout.contains("worlds 0–65,535 (65,536 of 140,001), seed 3"))
        let db = folder.appendingPathComponent("merged.sqlite").path
        let merged = try CLI.run(["merge"] + paths.reversed() + ["--db", db, "--json", "--keep-worlds"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let oneDB = folder.appendingPathComponent("one.sqlite").path
        let one = try CLI.run(["run", scenario, "--iterations", "140001", "--seed", "3", "--db", oneDB, "--json", "--quiet", "--keep-worlds"])
        #expect(try results(merged.stdout) == results(one.stdout))
        // The merge's kept worlds (drawn again) are the one process's, row for row.
        let mergedWorlds = try CLI.run(["runs", "export", "1", "--worlds", "--db", db]).stdout
        #expect(mergedWorlds.split(separator: "\n").count == 140_001 * 2 + 1)
        #expect(mergedWorlds == (try CLI.run(["runs", "export", "1", "--worlds", "--db", oneDB]).stdout))
        // The merged run is an ordinary Monte Carlo run: re-run in one process, identical.
        let rerun = try CLI.run(["runs", "rerun", "1", "--db", db])
        #expect(rerun.stdout.contains("identical bit for bit"), "\(rerun.stdout)\(rerun.stderr)")
        // A shard re-runs to the same first pass (its results carry the pass's SHA-256).
        let shardRerun = try CLI.run(["runs", "rerun", "1", "--db", paths[1]])
        #expect(shardRerun.stdout.contains("identical bit for bit"), "\(shardRerun.stdout)\(shardRerun.stderr)")
    }

    @Test func missingTwiceOrForeignShardsAreRefused() throws {
        let folder = try CLI.temporaryDirectory()
        let paths = try shards(folder)
        let missing = try CLI.run(["merge", paths[0], paths[2], "--db", folder.appendingPathComponent("m.sqlite").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("the run has 3 shards; missing: 1/3 (given: 0/3, 2/3)"), "\(missing.stderr)")
        let twice = try CLI.run(["merge", paths[0], paths[1], paths[1], "--db", folder.appendingPathComponent("m.sqlite").path])
        #expect(twice.stderr.contains("shard 1/3 is given twice"), "\(twice.stderr)")
        let other = try shards(folder, seed: "4")
        let foreign = try CLI.run(["merge", paths[0], paths[1], other[2], "--db", folder.appendingPathComponent("m.sqlite").path])
        #expect(foreign.stderr.contains("belongs to another run than \(paths[0]): its seed is 4, not 3"), "\(foreign.stderr)")
        // Nothing was stored by the refused merges.
        let m = folder.appendingPathComponent("m.sqlite").path
        if FileManager.default.fileExists(atPath: m) {
            let listed = try CLI.run(["runs", "list", "--db", m]).stdout
            #expect(!listed.contains("completed"))
        }
    }

    @Test func shardOptionsThatCannotHoldAreRefused() throws {
        let tooMany = try CLI.run(["run", scenario, "--iterations", "100000", "--shard", "0/3", "--db", try CLI.temporaryDirectory().appendingPathComponent("s.sqlite").path])
        #expect(tooMany.stderr.contains("100000 worlds make 2 blocks of 65536 worlds, and a shard takes whole blocks; use at most 2 shards"), "\(tooMany.stderr)")
        let untilSE = try CLI.run(["run", scenario, "--iterations", "100000", "--until-se", "1e6", "--shard", "0/2"])
        #expect(untilSE.stderr.contains("--until-se decides after each batch where the run stops, which shards cannot"))
        let bad = try CLI.run(["run", scenario, "--iterations", "100000", "--shard", "2/2"])
        #expect(bad.status != 0 && bad.stderr.contains("--shard"))
    }
}
