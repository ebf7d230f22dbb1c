import Foundation
import GRDB
@testable import RunStore
import Testing

/// `ccts run --shard K/N` and `ccts merge`: a run split across processes, each shard in its own
/// store, merged into the run one process makes — `results` the same to the byte.
@Suite struct ShardCommandTests {
    let scenario = "Scenarios/benchmark.lua"

    func results(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object["results"]!, options: [.sortedKeys]),
            as: UTF8.self)
    }

    /// 140,001 worlds are 3 blocks of 65,536 (the last of 8,929): shards 0/3, 1/3, 2/3 take one each.
    /// Each shard is a process of the release binary, as on a cluster.
    func shards(_ folder: URL, seed: String = "3", count: Int = 3) throws -> [String] {
        try (0..<count).map { k in
            let path = folder.appendingPathComponent("shard-\(k)-seed\(seed).sqlite").path
            let run = try CLI.spawn([
                "run", scenario, "--iterations", "140001", "--seed", seed, "--shard", "\(k)/\(count)", "--db", path,
                "--quiet",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            return path
        }
    }

    /// A shard's store copied alone — its `.sqlite` without the `-wal` beside it, as a cluster job
    /// copies it back — still holds the shard: every completed run is checkpointed into the file.
    @Test func aStoreCopiedAloneIsWhole() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("shard.sqlite").path,
            copy = folder.appendingPathComponent("copied.sqlite").path
        let shard = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--iterations", "131072", "--shard", "0/2", "--db", db, "--quiet",
        ])
        #expect(shard.status == 0, "\(shard.stderr)")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let shown = try CLI.spawn(["runs", "list", "--db", copy])
        #expect(shown.status == 0 && shown.stdout.contains("shard"), "\(shown.stdout)\(shown.stderr)")
    }

    @Test func mergedShardsEqualOneProcess() throws {
        let folder = try CLI.temporaryDirectory()
        let paths = try shards(folder)
        let first = try CLI.spawn([
            "run", scenario, "--iterations", "140001", "--seed", "3", "--shard", "0/3", "--db",
            folder.appendingPathComponent("x.sqlite").path,
        ])
        #expect(first.stdout.contains("worlds 0–65,535 (65,536 of 140,001), seed 3"))
        let db = folder.appendingPathComponent("merged.sqlite").path
        let merged = try CLI.spawn(["merge"] + paths.reversed() + ["--db", db, "--json", "--keep-worlds"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let oneDB = folder.appendingPathComponent("one.sqlite").path
        let one = try CLI.spawn([
            "run", scenario, "--iterations", "140001", "--seed", "3", "--db", oneDB, "--json", "--quiet",
            "--keep-worlds",
        ])
        #expect(try results(merged.stdout) == results(one.stdout))
        // The merge's kept worlds (drawn again) are the one process's, row for row.
        let mergedWorlds = try CLI.spawn(["runs", "export", "1", "--worlds", "--db", db]).stdout
        #expect(mergedWorlds.split(separator: "\n").count == 140_001 * 2 + 1)
        #expect(mergedWorlds == (try CLI.spawn(["runs", "export", "1", "--worlds", "--db", oneDB]).stdout))
        // The merged run is an ordinary Monte Carlo run: re-run in one process, identical.
        let rerun = try CLI.spawn(["runs", "rerun", "1", "--db", db])
        #expect(rerun.stdout.contains("identical bit for bit"), "\(rerun.stdout)\(rerun.stderr)")
        // A shard re-runs to the same first pass (its results carry the pass's SHA-256).
        let shardRerun = try CLI.spawn(["runs", "rerun", "1", "--db", paths[1]])
        #expect(shardRerun.stdout.contains("identical bit for bit"), "\(shardRerun.stdout)\(shardRerun.stderr)")
    }

    @Test func missingTwiceOrForeignShardsAreRefused() throws {
        let folder = try CLI.temporaryDirectory()
        let paths = try shards(folder)
        let missing = try CLI.spawn([
            "merge", paths[0], paths[2], "--db", folder.appendingPathComponent("m.sqlite").path,
        ])
        #expect(missing.status != 0)
        #expect(
            missing.stderr.contains(
                "the run has 3 shards; missing: 1/3 (given: 0/3 in \(paths[0]), 2/3 in \(paths[2]))"),
            "\(missing.stderr)")
        let twice = try CLI.spawn([
            "merge", paths[0], paths[1], paths[1], "--db", folder.appendingPathComponent("m.sqlite").path,
        ])
        #expect(twice.stderr.contains("shard 1/3 is given twice"), "\(twice.stderr)")
        let other = try shards(folder, seed: "4")
        let foreign = try CLI.spawn([
            "merge", paths[0], paths[1], other[2], "--db", folder.appendingPathComponent("m.sqlite").path,
        ])
        #expect(
            foreign.stderr.contains("belongs to another run than \(paths[0]): its seed is 4, not 3"),
            "\(foreign.stderr)")
        // A shard whose stored scenario text was edited after it ran is refused, naming the store and
        // the file, before the merge reads it (it was merged, and printed wrong results without a word).
        let store = try RunStore(path: paths[2])
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE run_file SET text = text || '\n-- edited' WHERE run_id = 1 AND role = 'scenario'")
        }
        let edited = try CLI.spawn(["merge"] + paths + ["--db", folder.appendingPathComponent("m.sqlite").path])
        #expect(edited.status != 0)
        #expect(
            edited.stderr.contains(paths[2]) && edited.stderr.contains("no longer matches its recorded SHA-256"),
            "\(edited.stderr)")
        // Nothing was stored by the refused merges.
        let m = folder.appendingPathComponent("m.sqlite").path
        if FileManager.default.fileExists(atPath: m) {
            let listed = try CLI.spawn(["runs", "list", "--db", m]).stdout
            #expect(!listed.contains("completed"))
        }
    }

    /// What the shard-store fuzzer found (`scripts/fuzz-shards`), each refused naming the store: one
    /// flipped bit in the stored first pass (it was merged into a mean GEI of inf, "a defect of ccts"),
    /// a shard index outside 0..<count (refused without the store's name), and a column holding a
    /// value of the wrong kind (GRDB's fatal error, a crash).
    @Test func damagedShardRecordsAreRefusedNamingTheStore() throws {
        let folder = try CLI.temporaryDirectory()
        let paths = try shards(folder)
        func merge(_ edit: String, _ argument: (any DatabaseValueConvertible)? = nil) throws -> String {
            let copy = folder.appendingPathComponent("edited-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: paths[1], toPath: copy)
            let store = try RunStore(path: copy)
            try store.pool.write { db in
                try db.execute(sql: edit, arguments: argument.map { StatementArguments([$0]) } ?? StatementArguments())
            }
            let merged = try CLI.spawn(
                ["merge", paths[0], copy, paths[2], "--db", folder.appendingPathComponent("m.sqlite").path])
            #expect(merged.status != 0)
            #expect(merged.stderr.contains(copy), "\(merged.stderr)")
            return merged.stderr
        }
        let flipped = try merge(
            "UPDATE shard SET state = substr(state, 1, 100) || X'FF' || substr(state, 102) WHERE run_id = 1")
        #expect(flipped.contains("first pass differs from the SHA-256 recorded"), "\(flipped)")
        let index = try merge("UPDATE shard SET shard_index = -1 WHERE run_id = 1")
        #expect(index.contains("its shard record is damaged (shard -1 of 3"), "\(index)")
        let kind = try merge("UPDATE run SET factor_uncertainty = ? WHERE id = 1", Data([0, 1]))
        #expect(kind.contains("is damaged: column factor_uncertainty holds a value of the wrong kind"), "\(kind)")
    }

    /// Refused with the reason before anything is written: a shard the worlds cannot fill leaves no store.
    @Test func shardOptionsThatCannotHoldAreRefused() throws {
        let store = try CLI.temporaryDirectory().appendingPathComponent("s.sqlite").path
        let tooMany = try CLI.run(["run", scenario, "--iterations", "100000", "--shard", "0/3", "--db", store])
        #expect(
            tooMany.stderr.contains(
                "100000 worlds make 2 blocks of 65536 worlds, and a shard takes whole blocks; use at most 2 shards"),
            "\(tooMany.stderr)")
        #expect(tooMany.status != 0 && !FileManager.default.fileExists(atPath: store))
        let untilSE = try CLI.run(["run", scenario, "--iterations", "100000", "--until-se", "1e6", "--shard", "0/2"])
        #expect(untilSE.stderr.contains("--until-se decides after each batch where the run stops, which shards cannot"))
        let bad = try CLI.run(["run", scenario, "--iterations", "100000", "--shard", "2/2"])
        #expect(bad.status != 0 && bad.stderr.contains("--shard"))
    }
}

/// `compare --shard K/N` (over rule sets) and `pathway --optimise --shard K/N` (over candidate
/// sets of measures), merged into what one process makes.
@Suite struct WorkflowShardTests {
    func results(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object["results"]!, options: [.sortedKeys]),
            as: UTF8.self)
    }

    /// Base + 2 reforms on the sheet portfolio (its entities read from an Excel table): shard 0/2
    /// takes rule sets 0 and 2, shard 1/2 rule set 1.
    @Test func compareShardsMergeToOneComparison() throws {
        let folder = try CLI.temporaryDirectory()
        let common = [
            "compare", "Scenarios/portfolio-from-sheet.lua", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua",
            "--reform", "Scenarios/reforms/materiality-by-size.lua", "--iterations", "200",
        ]
        let paths = try (0..<2).map { k -> String in
            let path = folder.appendingPathComponent("compare-\(k).sqlite").path
            let shard = try CLI.spawn(common + ["--shard", "\(k)/2", "--db", path])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stdout.contains(k == 0 ? "rule sets 0 (base rules), 2 (" : "rule set 1 ("), "\(shard.stdout)")
            return path
        }
        let db = folder.appendingPathComponent("merged.sqlite").path
        let merged = try CLI.spawn(["merge", paths[1], paths[0], "--db", db, "--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let one = try CLI.spawn(common + ["--no-store", "--json"])
        #expect(try results(merged.stdout) == results(one.stdout))
        let rerun = try CLI.spawn(["runs", "rerun", "1", "--db", db])
        #expect(rerun.stdout.contains("identical bit for bit"), "\(rerun.stdout)\(rerun.stderr)")
        let missing = try CLI.spawn(["merge", paths[0], "--db", db])
        #expect(
            missing.stderr.contains("the run has 2 shards; missing: 1/2 (given: 0/2 in \(paths[0]))"),
            "\(missing.stderr)")
        let tooMany = try CLI.spawn(
            common + ["--shard", "0/4", "--db", folder.appendingPathComponent("x.sqlite").path])
        #expect(
            tooMany.stderr.contains("compare shards its 3 rule sets (the base and 2 reforms); use at most 3 shards"),
            "\(tooMany.stderr)")
    }

    /// 5 measures are 32 candidate sets: shards 0/3, 1/3, 2/3 take masks ≡ 0, 1, 2 (mod 3).
    @Test func pathwayShardsMergeToOneSearch() throws {
        let folder = try CLI.temporaryDirectory()
        let common = [
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
            "--optimise", "--iterations", "300",
        ]
        let paths = try (0..<3).map { k -> String in
            let path = folder.appendingPathComponent("pathway-\(k).sqlite").path
            let shard = try CLI.run(common + ["--shard", "\(k)/3", "--db", path])
            #expect(shard.status == 0, "\(shard.stderr)")
            return path
        }
        let db = folder.appendingPathComponent("merged.sqlite").path
        let merged = try CLI.run(["merge"] + paths.reversed() + ["--db", db, "--json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        // Shards split every subset, as --exhaustive evaluates them in one process.
        let one = try CLI.run(common + ["--no-store", "--json", "--exhaustive"])
        #expect(try results(merged.stdout) == results(one.stdout))
        let rerun = try CLI.run(["runs", "rerun", "1", "--db", db])
        #expect(rerun.stdout.contains("identical bit for bit"), "\(rerun.stdout)\(rerun.stderr)")
        let shardRerun = try CLI.run(["runs", "rerun", "1", "--db", paths[2]])
        #expect(shardRerun.stdout.contains("identical bit for bit"), "\(shardRerun.stdout)\(shardRerun.stderr)")
        let noOptimise = try CLI.run([
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
            "--shard", "0/2", "--db", folder.appendingPathComponent("x.sqlite").path,
        ])
        #expect(
            noOptimise.stderr.contains("pathway shards the candidate sets of --optimise; add --optimise"),
            "\(noOptimise.stderr)")
    }
}

/// The fuzzer's shard-store family (`scripts/fuzz-shards`): damaged and tampered copies of two
/// real shard stores through `ccts merge`, with a fixed seed and input count, so CI judges the
/// same 20 inputs every time: each is refused naming its store or merged with finite numbers.
@Suite struct ShardFuzzTests {
    @Test func damagedShardStoresAreRefusedOrMergedCleanly() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("defects")
        let (status, output) = try CLI.script(
            "fuzz-shards", ["--ccts", CLI.binary.path, "--inputs", "20", "--seed", "1", "--out", out.path])
        #expect(status == 0, "\(output)")
        // "20 inputs … : M merged, R refused naming the store, 0 defects", both paths taken.
        let summary = try #require(output.split(separator: "\n").last { $0.hasPrefix("fuzz-shards: 20 inputs") })
        let counts = summary.split(separator: ":").last!.split(separator: ",").map {
            Int($0.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) ?? -1
        }
        #expect(counts.count == 3 && counts[0] > 0 && counts[1] > 0 && counts[2] == 0, "\(summary)")
        #expect(counts[0] + counts[1] == 20)
    }
}
