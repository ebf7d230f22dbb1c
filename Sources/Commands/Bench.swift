import ArgumentParser
import CCTS
import CommandSupport
import Dispatch
import Foundation
import Loading
import Reports
import RunStore
import Simulation
import Workflows

/// `ccts bench`: the Monte Carlo speed and memory figures the README quotes.
///
/// A benchmark, not a test: it reports, it does not assert. Each figure is the best of
/// `--repeat` runs on this machine, so that a busy neighbour does not decide it.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Monte Carlo speed and memory on a scenario (default Scenarios/benchmark.lua).")

    @Option(name: .long, help: "Scenario to run.")
    var scenario = "Scenarios/benchmark.lua"

    @Option(name: .customLong("iterations"), parsing: .unconditional, help: "Worlds per run (1000000, 1e6, 1M).")
    var worldCount = WorldCount(1_000_000)
    var iterations: Int { worldCount.value }

    func validate() throws {
        try worldCount.check("--iterations", minimum: 1)
    }

    @Option(name: .customLong("repeat"), help: "Runs per figure; the best is reported.")
    var repeats = 3

    @Option(name: .long, help: "Threads (default: all cores).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Reform that turns a rule into a Lua function, for the rule-function figure.")
    var functionReform = "Scenarios/reforms/materiality-by-size.lua"

    @Option(name: .customLong("store-rows"), help: "World rows to store for the storage figure (0 skips it).")
    var storeRows = 1_000_000

    @Option(name: .long, help: "Portfolio for the whole-command `compare` figure.")
    var portfolio = "Scenarios/portfolio-notified.lua"

    @Option(
        name: .customLong("portfolio-reform"), help: "Reforms for the `compare` figure (repeat the option for several)."
    )
    var portfolioReforms = [
        "Scenarios/reforms/cement-2026-27-tighter.lua", "Scenarios/reforms/materiality-by-size.lua",
    ]

    @Option(
        name: .customLong("portfolio-iterations"), parsing: .unconditional,
        help: "Worlds per entity for the `compare` figure (0 skips it).")
    var portfolioWorlds = WorldCount(10_000)

    @Option(
        name: .customLong("shard-iterations"), parsing: .unconditional,
        help:
            ArgumentHelp(
                "Worlds of the sharding figure: one process against 4 shards (`--shard K/4`, as many at once as "
                    + "--threads) "
                    + "and their merge (0 skips it).")
    )
    var shardWorlds = WorldCount(100_000_000)

    @Option(
        name: .customLong("compare-scaling"), parsing: .upToNextOption,
        help:
            ArgumentHelp(
                "Worlds per entity of the compare scaling table: whole `ccts compare` processes on --portfolio, time "
                    + "and "
                    + "peak memory each (0 skips it).")
    )
    var compareScaling: [WorldCount] = [1e3, 1e4, 3e4].map { WorldCount(Int($0)) }

    @Option(
        name: .customLong("market-scaling"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Worlds per entity of the market table: whole `ccts compare` processes of --portfolio's base rules "
                + "alone (a market run, whose prices --prices-from takes), time and peak memory each (0 skips it).")
    )
    var marketScaling: [WorldCount] = [1e4, 1e5].map { WorldCount(Int($0)) }

    @Option(name: .long, help: "Measures file for the pathway solver's figure.")
    var measures = "Benchmarks/measures-40.lua"

    @Option(name: .long, help: "Scenario with a planning section, for the plan figure.")
    var plan = "Scenarios/plan-chlor-alkali-purchases.lua"

    @Option(
        name: .customLong("decision-iterations"), parsing: .upToNextOption,
        help:
            ArgumentHelp(
                "Worlds of the decision figures, one row each: `pathway --optimise` on --measures and "
                    + "`plan` on --plan (0 skips them).")
    )
    var decisionWorlds: [WorldCount] = [1e4, 1e5].map { WorldCount(Int($0)) }

    @Option(
        name: .customLong("scaling"), parsing: .upToNextOption,
        help: "Worlds of the scaling table: whole `ccts run` processes, wall time and peak memory each (0 skips it)."
    )
    var scaling: [WorldCount] = [1e4, 1e5, 1e6, 1e7, 1e8].map { WorldCount(Int($0)) }

    func run() throws {
        try reportingErrors {
            emit(
                "ccts bench: \(scenario), \(NumberFormat.grouped(Double(iterations))) worlds, best of \(repeats), "
                    + "\(NumberFormat.count(threads, "thread")) on "
                    + "\(NumberFormat.count(ProcessInfo.processInfo.activeProcessorCount, "core"))"
            )
            // First, while this process is small: a child's peak memory counts its parent's
            // resident memory at the spawn (the kernel's ru_maxrss includes it until exec).
            let scaled = scaling.contains { $0.value > 0 } ? try scalingTable() : nil
            let sharded = shardWorlds.value > 0 ? try shardingTable() : nil
            let portfolioFound = FileManager.default.fileExists(atPath: portfolio)
            let compared =
                !compareScaling.contains { $0.value > 0 } || !portfolioFound
                ? nil : try compareScalingTable(reforms: portfolioReforms, sizes: compareScaling)
            let market =
                !marketScaling.contains { $0.value > 0 } || !portfolioFound
                ? nil : try compareScalingTable(reforms: [], sizes: marketScaling)
            let decided = decisionWorlds.contains { $0.value > 0 } ? try decisionsTable() : nil
            let plain = RuleOptions.defaults
            let all = try best { try worlds(plain, threads: threads) }
            let one = try best { try worlds(plain, threads: 1) }
            var withFunction = plain
            withFunction.reform = [functionReform]
            let lua = try best { try worlds(withFunction, threads: threads) }
            let whole = try best { try wholeCommand(plain) }
            let pert = try correlatedPertRate()
            var table = TextTable(header: ["figure", "value"], rightAligned: [1])
            table.add(["sampling + lifecycle, \(NumberFormat.count(threads, "thread"))", rate(all)])
            table.add(["sampling + lifecycle, 1 thread", rate(one)])
            table.add([
                "with a Lua rule function (\(functionReform)), \(NumberFormat.count(threads, "thread"))", rate(lua),
            ])
            if let pert {
                table.add([
                    "with the offsets' PERT prices correlated too (copula, tabulated Beta quantiles), "
                        + "\(NumberFormat.count(threads, "thread"))",
                    rate(pert) + String(format: " (%.2f× the time)", pert / all),
                ])
            }
            table.add([
                "whole command (load, worlds, statistics, sensitivity, report; no store)",
                String(format: "%.3f s", whole),
            ])
            table.add(["peak memory (VmHWM)", "\(peakMemoryMB()) MB"])
            try addStoreAndPortfolioRows(to: &table, plain: plain)
            emit(table.render())
            if let scaled { emit(scaled.render()) }
            if let sharded { emit(sharded.render()) }
            if let compared { emit(compared.render()) }
            if let market { emit(market.render()) }
            if let decided { emit(decided.render()) }
        }
    }

    /// The main table's rows for storing world rows (against the sqlite3 shell) and for `ccts
    /// compare` on the portfolio, each when asked for.
    private func addStoreAndPortfolioRows(to table: inout TextTable, plain: RuleOptions) throws {
        if storeRows > 0 {
            let (ours, shell) = try storage(plain)
            table.add([
                "store \(NumberFormat.grouped(Double(storeRows))) world rows (ccts, one transaction)",
                String(format: "%.3f s", ours),
            ])
            table.add([
                "same rows as CSV through the sqlite3 shell's .import",
                shell.map { String(format: "%.3f s (ccts/shell = %.2f)", $0, ours / $0) }
                    ?? "sqlite3 shell not installed (apt-get install sqlite3)",
            ])
        }
        if portfolioWorlds.value > 0 {
            if FileManager.default.fileExists(atPath: portfolio) {
                let seconds = try best { try compareCommand() }
                table.add([
                    "ccts compare \(portfolio) (\(NumberFormat.grouped(Double(portfolioWorlds.value))) worlds, "
                        + "base + \(portfolioReforms.count) reforms, market cleared per world; whole process, no "
                        + "store)",
                    String(format: "%.3f s", seconds),
                ])
            } else {
                table.add([
                    "ccts compare on a portfolio",
                    "\(portfolio) not found (run from the repository, or --portfolio FILE)",
                ])
            }
        }
    }

    /// The scenario as a file the child processes can read: the path itself, or (a shipped example
    /// run from another folder) the embedded copy written to a temporary file.
    private func scenarioForChildren() throws -> String {
        if FileManager.default.fileExists(atPath: scenario) { return scenario }
        let file = try SourceFile.readOrShipped(scenario)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ccts-bench-\(UUID().uuidString)-" + URL(fileURLWithPath: scenario).lastPathComponent
        ).path
        try file.text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Whole `ccts run` processes of the scenario at each size of `--scaling` (best of the repeats
    /// for time; peak memory of that run), with how the run kept its worlds.
    private func scalingTable() throws -> TextTable {
        let scenario = try scenarioForChildren()
        defer { if scenario != self.scenario { try? FileManager.default.removeItem(atPath: scenario) } }
        emit(
            "scaling: whole `ccts run \(scenario) --iterations N --no-store` processes (this process held "
                + "\(peakMemoryMB()) MB when it started them)"
        )
        var table = TextTable(
            header: ["worlds", "whole command", "worlds/s", "peak memory", "world table"], rightAligned: [0, 1, 2, 3])
        for size in scaling.map(\.value) where size > 0 {
            var runs: [ChildProcessMeasure] = []
            for _ in 0..<max(repeats, 1) {
                runs.append(
                    try ChildProcessMeasure.run(
                        CommandContext.current.executable,
                        [
                            "run", scenario, "--iterations", String(size),
                            "--no-store", "--quiet", "--threads", String(threads),
                        ]))
            }
            let fastest = runs.min { $0.seconds < $1.seconds }!
            let kept =
                Double(size) * Double(bytesPerWorld()) / 1_048_576 <= Double(RunRequest.MonteCarlo.defaultMemoryLimit)
            table.add([
                NumberFormat.grouped(Double(size)), String(format: "%.2f s", fastest.seconds),
                String(format: "%.2f M", Double(size) / fastest.seconds / 1e6),
                String(format: "%.0f MB", fastest.peakMB),
                kept ? "in memory" : "bounded (drawn again)",
            ])
        }
        return table
    }

    /// Whole `ccts compare` processes on the portfolio with `reforms` at each of `sizes` (best of the
    /// repeats for time; that run's peak memory): how a comparison's, or with no reform the market
    /// run's, cost grows with its worlds (`--compare-scaling`, `--market-scaling`).
    private func compareScalingTable(reforms: [String], sizes: [WorldCount]) throws -> TextTable {
        emit(
            (reforms.isEmpty
                ? "market run: whole `ccts compare \(portfolio)`, the base rules alone"
                : "compare scaling: whole `ccts compare \(portfolio)` + \(NumberFormat.count(reforms.count, "reform"))")
                + ", --no-store, \(NumberFormat.count(threads, "thread"))")
        var table = TextTable(header: ["worlds per entity", "whole command", "peak memory"], rightAligned: [0, 1, 2])
        for size in sizes.map(\.value) where size > 0 {
            var runs: [ChildProcessMeasure] = []
            for _ in 0..<max(repeats, 1) {
                runs.append(
                    try ChildProcessMeasure.run(
                        CommandContext.current.executable,
                        ["compare", portfolio] + reforms.flatMap { ["--reform", $0] }
                            + ["--iterations", String(size), "--no-store", "--threads", String(threads)]))
            }
            let fastest = runs.min { $0.seconds < $1.seconds }!
            table.add([
                NumberFormat.grouped(Double(size)), String(format: "%.2f s", fastest.seconds),
                String(format: "%.0f MB", fastest.peakMB),
            ])
        }
        return table
    }

    /// Whole `ccts pathway --optimise` (the least-cost set of --measures on --scenario) and `ccts plan`
    /// (--plan, twice the worlds: its default is 20,000) processes at each of --decision-iterations:
    /// wall time and peak memory, the fastest of --repeat.
    private func decisionsTable() throws -> TextTable {
        emit("decisions: whole processes, --no-store, \(NumberFormat.count(threads, "thread"))")
        var table = TextTable(header: ["command", "worlds", "whole command", "peak memory"], rightAligned: [1, 2, 3])
        for n in decisionWorlds.map(\.value) where n > 0 {
            let commands: [(String, [String], Int)] = [
                (
                    "pathway --optimise, \(measures) on \(scenario)",
                    ["pathway", scenario, "--measures", measures, "--optimise", "--iterations", String(n)], n
                ),
                ("plan \(plan)", ["plan", plan, "--iterations", String(2 * n), "--threads", String(threads)], 2 * n),
            ]
            for (label, arguments, worlds) in commands {
                guard FileManager.default.fileExists(atPath: arguments[0] == "pathway" ? measures : plan) else {
                    table.add([label, "", "not found (run from the repository)", ""])
                    continue
                }
                var runs: [ChildProcessMeasure] = []
                for _ in 0..<max(repeats, 1) {
                    runs.append(
                        try ChildProcessMeasure.run(CommandContext.current.executable, arguments + ["--no-store"]))
                }
                let fastest = runs.min { $0.seconds < $1.seconds }!
                table.add([
                    label, NumberFormat.grouped(Double(worlds)), String(format: "%.2f s", fastest.seconds),
                    String(format: "%.0f MB", fastest.peakMB),
                ])
            }
        }
        return table
    }

    /// One process against 4 shards of the same worlds (run `threads` at a time, one thread each,
    /// as `xargs -P` would on this machine) and their merge: wall times, peak memory, shard stores.
    private func shardingTable() throws -> TextTable {
        let worlds = String(shardWorlds.value)
        let scenario = try scenarioForChildren()
        defer { if scenario != self.scenario { try? FileManager.default.removeItem(atPath: scenario) } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ccts-bench-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let me = CommandContext.current.executable
        emit(
            "sharding: \(NumberFormat.grouped(Double(shardWorlds.value))) worlds of \(scenario), one process against 4 "
                + "shards and their merge"
        )
        let one = try ChildProcessMeasure.run(
            me, ["run", scenario, "--iterations", worlds, "--no-store", "--quiet", "--threads", String(threads)])
        let stores = (0..<4).map { folder.appendingPathComponent("shard-\($0).sqlite").path }
        let start = DispatchTime.now().uptimeNanoseconds
        let box = MeasureBox()
        var next = 0
        while next < 4 {
            let batch = next..<min(next + max(threads, 1), 4)
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                let k = batch.lowerBound + i
                box.record(
                    Result {
                        try ChildProcessMeasure.run(
                            me,
                            [
                                "run", scenario, "--iterations", worlds, "--shard", "\(k)/4", "--db", stores[k],
                                "--quiet", "--threads", "1",
                            ])
                    })
            }
            next = batch.upperBound
        }
        let shardsWall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let shardPeak = try box.results.map { try $0.get().peakMB }.max() ?? 0
        let merge = try ChildProcessMeasure.run(
            me,
            ["merge"] + stores + [
                "--db", folder.appendingPathComponent("merged.sqlite").path, "--threads", String(threads),
            ])
        // each store with its write-ahead log (where SQLite keeps recent pages until a checkpoint)
        let bytes = stores.flatMap { [$0, $0 + "-wal"] }.compactMap {
            try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int
        }.reduce(0, +)
        var table = TextTable(header: ["step", "wall", "peak memory"], rightAligned: [1, 2])
        table.add([
            "one process, \(NumberFormat.count(threads, "thread"))", String(format: "%.1f s", one.seconds),
            String(format: "%.0f MB", one.peakMB),
        ])
        table.add([
            "4 shards, \(threads) at a time, 1 thread each", String(format: "%.1f s", shardsWall),
            String(format: "%.0f MB each at most", shardPeak),
        ])
        table.add([
            "merge (joins the first passes, draws the worlds again for the later passes)",
            String(format: "%.1f s", merge.seconds),
            String(format: "%.0f MB", merge.peakMB),
        ])
        table.add([
            "shards + merge, against one process", String(format: "%.2f×", (shardsWall + merge.seconds) / one.seconds),
            "",
        ])
        table.add(["the 4 shard stores", String(format: "%.1f MB", Double(bytes) / 1_048_576), ""])
        return table
    }

    /// Bytes of the world table per world for the scenario (its years × metrics + total cost).
    private func bytesPerWorld() -> Int {
        guard let session = try? session(.defaults, threads: 1) else { return 0 }
        return MonteCarlo.inMemoryBytes(
            plan: session.plans[0], options: MonteCarloOptions(iterations: 1, sensitivitySample: 0))
    }

    /// Seconds of a whole `ccts compare` process on the portfolio, as a user runs it.
    private func compareCommand() throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try runQuietly(
            CommandContext.current.executable,
            ["compare", portfolio] + portfolioReforms.flatMap { ["--reform", $0] }
                + ["--iterations", String(portfolioWorlds.value), "--no-store", "--threads", String(threads)])
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func runQuietly(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("\(executable) \(arguments.joined(separator: " ")) failed")
        }
    }

    private func best(_ body: () throws -> Double) throws -> Double {
        var results: [Double] = []
        for _ in 0..<max(repeats, 1) { results.append(try body()) }
        return results.min()!
    }

    /// Seconds spent in the worlds alone.
    private func worlds(_ rules: RuleOptions, threads: Int, scenario: String? = nil) throws -> Double {
        let session = try session(rules, threads: threads, scenario: scenario)
        let results = try MonteCarlo.run(
            plans: session.plans, options: MonteCarloOptions(iterations: iterations, threads: threads))
        return results.worldSeconds
    }

    /// Seconds from loading to the rendered report, as `ccts run --iterations` spends them.
    private func wholeCommand(_ rules: RuleOptions) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let session = try session(rules, threads: threads)
        let results = try MonteCarlo.run(
            plans: session.plans, options: MonteCarloOptions(iterations: iterations, threads: threads))
        let summary = MonteCarloSummary.of(results, seed: 1, threads: threads)
        let report = MonteCarloReport.render(
            summary, scenario: session.scenario.name, scenarioFile: scenario, threads: threads,
            seconds: results.worldSeconds, warnings: session.warnings)
        precondition(!report.isEmpty)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// World seconds of the scenario with its offsets' PERT prices added to its correlations (each
    /// with another input), for the copula's cost on a Beta marginal; nil when the scenario is not
    /// the shipped benchmark's shape (no `correlations = {` or no such offsets).
    private func correlatedPertRate() throws -> Double? {
        let text = try SourceFile.readOrShipped(scenario).text
        let marker = "  correlations = {\n"
        let offset = "years[\"%@\"].offsets[\"RJ-SOLAR-2025-11\"].price"
        guard text.contains(marker), text.contains("RJ-SOLAR-2025-11") else { return nil }
        let added =
            marker
            + "    { '\(String(format: offset, "2025-26"))', 'years[\"2025-26\"].products.opc.quantity', 0.5 },\n"
            + "    { '\(String(format: offset, "2026-27"))', 'years[\"2026-27\"].products.opc.quantity', -0.4 },\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ccts-bench-pert-\(UUID().uuidString).lua"
        ).path
        try text.replacingOccurrences(of: marker, with: added).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try best { try worlds(RuleOptions.defaults, threads: threads, scenario: path) }
    }

    private func session(_ rules: RuleOptions, threads: Int, scenario: String? = nil) throws -> MonteCarloSession {
        let request = try RunRequest.from(
            scenario: scenario ?? self.scenario, rules: rules, monteCarlo: nil, keepWorlds: false, shippedFallback: true
        )
        return try MonteCarloSession(
            load: request.load(tables:), strict: false, threads: threads, factorUncertainty: false)
    }

    /// Seconds to store the world rows of a run through the run store, and through `sqlite3 .import`
    /// of the same rows as CSV into the same table (best of the repeats for each).
    private func storage(_ rules: RuleOptions) throws -> (Double, Double?) {
        let session = try session(rules, threads: threads)
        let years = session.scenario.years.count
        let results = try MonteCarlo.run(
            plans: session.plans, options: MonteCarloOptions(iterations: max(storeRows / years, 1), threads: threads))
        let rows = StoredRows.worlds(results)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = try best {
            let store = try RunStore(path: folder.appendingPathComponent("store-\(UUID().uuidString).sqlite").path)
            let request = try RunRequest.from(scenario: scenario, rules: rules, monteCarlo: nil, keepWorlds: true)
            let id = try store.begin(request.record(command: ["bench"], scenarioName: "bench"))
            let start = DispatchTime.now().uptimeNanoseconds
            try store.complete(
                id,
                with: RunResults(
                    resultsJSON: "{}", document: "{}", report: "", worldsEvaluated: results.worlds,
                    wallSeconds: 0, metrics: [], worlds: rows), scenarioName: "bench")
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        guard
            let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(
                where: FileManager.default.isExecutableFile)
        else { return (ours, nil) }
        let csv = folder.appendingPathComponent("worlds.csv")
        var text = ""
        text.reserveCapacity(rows.worlds * years * 120)
        for world in 0..<rows.worlds {
            for (y, year) in rows.years.enumerated() {
                text +=
                    "1,\(world),\(year),"
                    + (try (0..<6).map { String(try rows.value(world, y, $0)) }).joined(separator: ",")
                    + ",\(Int(try rows.value(world, y, 6)))\n"
            }
        }
        try Data(text.utf8).write(to: csv)
        let schema =
            "CREATE TABLE world_result (run_id INTEGER NOT NULL, world INTEGER NOT NULL, year TEXT NOT NULL, emissions "
            + "REAL, gei REAL, credits REAL, closing_balance REAL, shortfall REAL, cost REAL, compliant INTEGER); "
            + "CREATE INDEX world_result_run ON world_result(run_id);"
        let imported = try best {
            let database = folder.appendingPathComponent("shell-\(UUID().uuidString).sqlite").path
            try runShell(shell, [database, schema])
            let start = DispatchTime.now().uptimeNanoseconds
            try runShell(shell, ["-cmd", ".mode csv", database, ".import \(csv.path) world_result"])
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        return (ours, imported)
    }

    private func runShell(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("sqlite3 \(arguments.joined(separator: " ")) failed")
        }
    }

    private func rate(_ seconds: Double) -> String {
        String(format: "%.2f M worlds/s (%.3f s)", Double(iterations) / seconds / 1e6, seconds)
    }

    private func peakMemoryMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}

extension RuleOptions {
    /// The options of a plain `ccts run` (built-in rules, no reform).
    static var defaults: RuleOptions {
        // Parsing no arguments yields the documented defaults.
        (try? RuleOptions.parse([])) ?? RuleOptions()
    }
}

/// Results of concurrent child processes.
final class MeasureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<ChildProcessMeasure, Error>] = []

    func record(_ result: Result<ChildProcessMeasure, Error>) {
        lock.lock()
        results.append(result)
        lock.unlock()
    }
}
