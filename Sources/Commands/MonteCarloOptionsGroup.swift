import ArgumentParser
import CommandSupport
import Foundation
import Simulation
import Workflows

/// Options of a Monte Carlo run, shared by `run` and `bench`.
struct MonteCarloOptionsGroup: ParsableArguments {
    @Option(
        name: .customLong("iterations"), parsing: .unconditional,
        help: "Run this many Monte Carlo worlds instead of one deterministic evaluation (100000, 1e5, 100k, 1_000_000)."
    )
    var worlds: WorldCount?

    /// The count of worlds, once validated.
    var iterations: Int? { worlds?.value }

    @Option(
        name: .long, parsing: .unconditional,
        help: "Seed of the random worlds, a whole number 0 or more (a run with the same seed reproduces bit for bit).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("until-se"), help: "Stop once the standard error of --se-output falls below this.")
    var untilSE: Double?

    @Option(
        name: .customLong("se-output"),
        help: "Output the stopping rule watches: METRIC[:YEAR], e.g. cost:2026-27 (default: total cost).")
    var seOutput: String = "cost"

    @Flag(
        name: .customLong("factor-uncertainty"),
        help: "Draw default factors and NCVs from their published uncertainty ranges.")
    var factorUncertainty = false

    @Flag(name: .long, help: "No progress bar.")
    var quiet = false

    @Flag(
        name: .customLong("progress-lines"),
        help: ArgumentHelp(
            "Progress as lines 'progress DONE TOTAL SECONDS' on stderr (for ccts serve).", visibility: .hidden))
    var progressLines = false

    @Option(
        name: .customLong("memory-limit"),
        help:
            ArgumentHelp(
                "Largest world table kept in memory, in MB (default 256). A larger run is summarised in bounded "
                    + "memory: "
                    + "its worlds are drawn again for the exact percentiles, with the same numbers.")
    )
    var memoryLimit = RunRequest.MonteCarlo.defaultMemoryLimit

    func validate() throws {
        try worlds?.check("--iterations", minimum: 1)
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard memoryLimit >= 0 else {
            throw ValidationError("--memory-limit must be 0 or more MB (0 keeps no world table: every run is bounded)")
        }
        if let untilSE, !(untilSE > 0) { throw ValidationError("--until-se must be a positive number") }
        do { _ = try RunRequest.MonteCarlo.stopMetric(seOutput, years: nil) } catch let error as WorkflowError {
            throw ValidationError(error.message)
        }
    }
}

/// A progress bar on stderr: only when stderr is a terminal, the run lasts over a second, and not --quiet.
/// With `lines` (`--progress-lines`, what `ccts serve` reads): one line `progress DONE TOTAL SECONDS`
/// per update instead, from the start.
/// The console is the command's, taken when the bar is made: updates may come from worker threads.
struct ProgressBar {
    let enabled: Bool
    let lines: Bool
    private let console = CommandContext.current.console

    init(quiet: Bool, lines: Bool = false) {
        enabled = !quiet && console.errorIsTerminal
        self.lines = lines
    }

    func update(done: Int, total: Int, seconds: Double) {
        if lines {
            console.write(error: Data(String(format: "progress %d %d %.3f\n", done, total, seconds).utf8))
            return
        }
        guard enabled, seconds > 1 else { return }  // runs shorter than a second show no bar
        let fraction = Double(done) / Double(total)
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(seconds, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        let line = String(
            format: "\r[%@%@] %3.0f%%  %@ worlds/s  ETA %.1f s ",
            String(repeating: "█", count: filled), String(repeating: " ", count: width - filled),
            fraction * 100, formatRate(rate), eta)
        console.write(error: Data(line.utf8))
        if done >= total { console.write(error: Data("\n".utf8)) }
    }

    func finish() {
        if enabled { console.write(error: Data("\r\u{1B}[K".utf8)) }
    }

    private func formatRate(_ rate: Double) -> String {
        rate >= 1e6 ? String(format: "%.2f M", rate / 1e6) : String(format: "%.0f k", rate / 1e3)
    }
}
