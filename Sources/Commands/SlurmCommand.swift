import ArgumentParser
import CommandSupport
import Foundation
import Simulation

/// `ccts slurm --shards N -- SCENARIO RUN-OPTIONS…`: an `sbatch` script that runs a Monte Carlo run
/// as a Slurm job array of N shards (`ccts run … --shard K/N`, each into its own store) and, once
/// every shard has ended well, their merge (`ccts merge`) — submitted as is with `sbatch FILE`.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write an sbatch script running a Monte Carlo run as a Slurm job array of shards, then their merge.",
        discussion: """
            Everything after -- is what `ccts run` would take (the scenario, --iterations, --seed, --rules, --reform,\
             --set …), \
            or `compare …` (sharded over its rule sets) or `pathway … --optimise` (over its candidate sets). \
            Submit the script as is: sbatch DIR/ccts.sbatch. Shard K writes DIR/shards/shard-K.sqlite; the first task\
             submits \
            the merge, which waits for every shard to end well and writes DIR/merged.sqlite and DIR/merged.json.
            """)

    @Option(name: .long, help: "Shards (array tasks).")
    var shards: Int

    @Option(
        name: .long,
        help: ArgumentHelp("Folder for the script, the shard stores, the merged store and the logs.", valueName: "dir"))
    var dir = "ccts-slurm"

    @Option(name: .customLong("cpus-per-task"), help: "CPUs per shard (each shard runs as many threads).")
    var cpusPerTask = 2

    @Option(name: .customLong("mem"), help: "Memory per shard, MB (a bounded-memory run needs about 200 MB).")
    var memory = 1_024

    @Option(name: .long, help: "Wall-time limit per shard and for the merge (Slurm's format, e.g. 01:00:00).")
    var time = "01:00:00"

    @Option(name: .long, help: "Partition (default: the cluster's default).")
    var partition: String?

    @Option(name: .long, help: ArgumentHelp("The ccts binary the nodes run (default: this one).", valueName: "path"))
    var ccts: String?

    @Argument(
        parsing: .postTerminator,
        help: ArgumentHelp("`ccts run` arguments: SCENARIO --iterations N [options].", valueName: "run-arguments"))
    var runArguments: [String] = []

    func validate() throws {
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1") }
        guard cpusPerTask >= 1, memory >= 1 else {
            throw ValidationError("--cpus-per-task and --mem must be at least 1")
        }
        guard !runArguments.isEmpty else {
            throw ValidationError(
                "give the run after --, e.g. ccts slurm --shards 4 -- Scenarios/benchmark.lua --iterations 1e8")
        }
        for word in ["--shard", "--db", "--no-store", "--threads", "--json", "--report", "--pdf"]
        where runArguments.contains(where: { $0 == word || $0.hasPrefix(word + "=") }) {
            throw ValidationError("the run after -- must not give \(word): the script sets it for each shard")
        }
        let (subcommand, arguments) = split
        do {
            switch subcommand {
            case "compare":
                let compare = try Compare.parse(arguments)
                guard shards <= compare.ruleOptions.reform.count + 1 else {
                    throw ValidationError(
                        "compare shards its \(compare.ruleOptions.reform.count + 1) rule sets (the base and each "
                            + "--reform); use at most \(compare.ruleOptions.reform.count + 1) shards"
                    )
                }
            case "pathway":
                let pathway = try PathwayCommand.parse(arguments)
                guard pathway.optimise else {
                    throw ValidationError("pathway shards the candidate sets of --optimise; add --optimise")
                }
            default:
                let run = try Run.parse(arguments)
                guard let worlds = run.monteCarlo.iterations else {
                    throw ValidationError("the run after -- needs --iterations (all shards' worlds)")
                }
                guard run.monteCarlo.untilSE == nil else {
                    throw ValidationError("--until-se cannot be sharded; give a fixed --iterations")
                }
                do { _ = try Shards.range(index: 0, count: shards, worlds: worlds) } catch let error as ShardError {
                    throw ValidationError(
                        error.description.replacingOccurrences(of: "--shard 0/\(shards)", with: "--shards \(shards)"))
                }
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("the \(subcommand) after --: \(Run.message(for: error))")
        }
    }

    /// The command after -- (`run` unless it names `compare` or `pathway`) and its arguments.
    var split: (String, [String]) {
        if let first = runArguments.first, ["run", "compare", "pathway"].contains(first) {
            return (first, Array(runArguments.dropFirst()))
        }
        return ("run", runArguments)
    }

    func run() throws {
        try reportingErrors {
            let here = FileManager.default.currentDirectoryPath
            let folder = URL(fileURLWithPath: dir, relativeTo: URL(fileURLWithPath: here + "/")).standardizedFileURL
                .path
            for sub in ["", "/shards", "/logs"] {
                try FileManager.default.createDirectory(atPath: folder + sub, withIntermediateDirectories: true)
            }
            let binary = URL(
                fileURLWithPath: ccts ?? CommandContext.current.executable, relativeTo: URL(fileURLWithPath: here + "/")
            ).standardizedFileURL.path
            let (subcommand, arguments) = split
            let script = SlurmScript(
                shards: shards, folder: folder, workingDirectory: here, binary: binary, subcommand: subcommand,
                runArguments: arguments,
                cpusPerTask: cpusPerTask, memoryMB: memory, time: time, partition: partition
            ).text
            let path = folder + "/ccts.sbatch"
            try OutputFile.write(script, to: path)
            emit(
                "Wrote \(path): \(shards) shards as a job array, then their merge. Submit it as is:\n  sbatch "
                    + "\(ShellQuote.quote(path))\n"
                    + "The merged run: \(folder)/merged.sqlite (its document in merged.json); logs in \(folder)/logs.")
        }
    }
}

/// The text of the job-array script (see ``SlurmCommand``).
struct SlurmScript {
    var shards: Int
    var folder: String
    var workingDirectory: String
    var binary: String
    /// `run`, `compare` or `pathway`.
    var subcommand: String
    var runArguments: [String]
    var cpusPerTask: Int
    var memoryMB: Int
    var time: String
    var partition: String?

    var text: String {
        let q = ShellQuote.quote
        let name = "ccts-" + (URL(fileURLWithPath: runArguments[0]).deletingPathExtension().lastPathComponent)
        let resources =
            ["--cpus-per-task=\(cpusPerTask)", "--mem=\(memoryMB)M", "--time=\(time)"]
            + (partition.map { ["--partition=\($0)"] } ?? [])
        // what each shard adds to the command: its threads (a pathway has no such option), and --quiet for a run
        let shardOptions =
            (subcommand == "pathway" ? "" : " --threads \(cpusPerTask)") + (subcommand == "run" ? " --quiet" : "")
        return """
            #!/bin/bash
            # Written by `ccts slurm`: \(subcommand) \(runArguments.map(q).joined(separator: " "))
            # as a Slurm job array of \(shards) shards, then their merge. Submit as is:  sbatch\
             \(q(folder + "/ccts.sbatch"))
            #SBATCH --job-name=\(name)
            #SBATCH --array=0-\(shards - 1)
            \(resources.map { "#SBATCH \($0)" }.joined(separator: "\n"))
            #SBATCH --output=\(folder)/logs/shard-%a.out
            set -euo pipefail
            CCTS=\(q(binary))
            DIR=\(q(folder))
            cd \(q(workingDirectory))
            if [ "${SLURM_ARRAY_TASK_ID}" = 0 ]; then
              # The merge: once every shard of this array has ended well (afterok on the array's job id).
              sbatch --parsable --job-name=\(name)-merge --dependency=afterok:${SLURM_ARRAY_JOB_ID}\
             \(resources.joined(separator: " ")) \\
                --chdir=\(q(workingDirectory)) --output="$DIR/logs/merge.out" \\
                --wrap="\\"$CCTS\\" merge \\"$DIR\\"/shards/shard-*.sqlite --db \\"$DIR/merged.sqlite\\" --threads\
             \(cpusPerTask) --json > \\"$DIR/merged.json\\""
            fi
            exec "$CCTS" \(subcommand) \(runArguments.map(q).joined(separator: " ")) \\
              --shard "${SLURM_ARRAY_TASK_ID}/\(shards)" --db\
             "$DIR/shards/shard-${SLURM_ARRAY_TASK_ID}.sqlite"\(shardOptions)

            """
    }
}
