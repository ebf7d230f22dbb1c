import Foundation
import Testing

/// `ccts slurm`: the sbatch script it writes (the real cluster run is scripts/test-slurm), and the
/// runs it refuses before writing anything.
@Suite struct SlurmCommandTests {
    @Test func scriptIsAJobArrayWithADependentMerge() throws {
        let folder = try CLI.temporaryDirectory()
        let dir = folder.appendingPathComponent("job dir").path  // a space, to check the quoting
        let written = try CLI.run([
            "slurm", "--shards", "4", "--dir", dir, "--cpus-per-task", "3", "--mem", "700", "--time", "00:20:00",
            "--partition", "short", "--", "Scenarios/benchmark.lua", "--iterations", "300001", "--seed", "11",
        ])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("Submit it as is:\n  sbatch '\(dir)/ccts.sbatch'"))
        let script = try String(contentsOfFile: dir + "/ccts.sbatch", encoding: .utf8)
        for line in [
            "#SBATCH --array=0-3", "#SBATCH --cpus-per-task=3", "#SBATCH --mem=700M", "#SBATCH --time=00:20:00",
            "#SBATCH --partition=short", "#SBATCH --output=\(dir)/logs/shard-%a.out",
            "--dependency=afterok:${SLURM_ARRAY_JOB_ID}",
            "--shard \"${SLURM_ARRAY_TASK_ID}/4\" --db \"$DIR/shards/shard-${SLURM_ARRAY_TASK_ID}.sqlite\" --threads 3 "
                + "--quiet",
            "exec \"$CCTS\" run Scenarios/benchmark.lua --iterations 300001 --seed 11",
        ] {
            #expect(script.contains(line), "missing: \(line)\n\(script)")
        }
        // the merge runs once, from the first task, on every shard's store
        #expect(script.contains("if [ \"${SLURM_ARRAY_TASK_ID}\" = 0 ]; then"))
        #expect(script.contains("merge \\\"$DIR\\\"/shards/shard-*.sqlite --db \\\"$DIR/merged.sqlite\\\""))
        // bash can read it
        let syntax = Process()
        syntax.executableURL = URL(fileURLWithPath: "/bin/bash")
        syntax.arguments = ["-n", dir + "/ccts.sbatch"]
        try syntax.run()
        syntax.waitUntilExit()
        #expect(syntax.terminationStatus == 0)
    }

    /// A comparison shards over its rule sets, a pathway search over its candidate sets.
    @Test func workflowsAreShardedToo() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("job").path
        let compare = try CLI.run([
            "slurm", "--shards", "3", "--dir", dir, "--", "compare", "Scenarios/portfolio-notified.lua",
            "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua", "--reform",
            "Scenarios/reforms/materiality-by-size.lua",
            "--iterations", "10000",
        ])
        #expect(compare.status == 0, "\(compare.stderr)")
        let script = try String(contentsOfFile: dir + "/ccts.sbatch", encoding: .utf8)
        #expect(script.contains("exec \"$CCTS\" compare Scenarios/portfolio-notified.lua --reform"))
        #expect(
            script.contains(
                "--shard \"${SLURM_ARRAY_TASK_ID}/3\" --db \"$DIR/shards/shard-${SLURM_ARRAY_TASK_ID}.sqlite\" "
                    + "--threads 2\n"
            ))
        let tooMany = try CLI.run([
            "slurm", "--shards", "4", "--dir", dir, "--", "compare", "Scenarios/portfolio-notified.lua",
            "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua",
        ])
        #expect(
            tooMany.stderr.contains(
                "compare shards its 2 rule sets (the base and each --reform); use at most 2 shards"),
            "\(tooMany.stderr)")
        let pathway = try CLI.run([
            "slurm", "--shards", "2", "--dir", dir, "--", "pathway", "Scenarios/cement-rajasthan.lua",
            "--measures", "Scenarios/measures-cement-rajasthan.lua",
        ])
        #expect(
            pathway.stderr.contains("pathway shards the candidate sets of --optimise; add --optimise"),
            "\(pathway.stderr)")
    }

    @Test func runsThatCannotBeShardedAreRefused() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("job").path
        let noWorlds = try CLI.run(["slurm", "--shards", "2", "--dir", dir, "--", "Scenarios/benchmark.lua"])
        #expect(
            noWorlds.stderr.contains("the run after -- needs --iterations (all shards' worlds)"), "\(noWorlds.stderr)")
        let db = try CLI.run([
            "slurm", "--shards", "2", "--dir", dir, "--", "Scenarios/benchmark.lua", "--iterations", "200000", "--db",
            "x.sqlite",
        ])
        #expect(
            db.stderr.contains("the run after -- must not give --db: the script sets it for each shard"), "\(db.stderr)"
        )
        // 100,000 worlds are 2 blocks of 65,536: 3 shards cannot take whole blocks each
        let tooMany = try CLI.run([
            "slurm", "--shards", "3", "--dir", dir, "--", "Scenarios/benchmark.lua", "--iterations", "100000",
        ])
        #expect(tooMany.stderr.contains("use at most 2 shards"), "\(tooMany.stderr)")
        let badRun = try CLI.run([
            "slurm", "--shards", "2", "--dir", dir, "--", "Scenarios/benchmark.lua", "--iterations", "10", "--bogus",
        ])
        #expect(badRun.stderr.contains("the run after --"), "\(badRun.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/ccts.sbatch"))
    }
}
