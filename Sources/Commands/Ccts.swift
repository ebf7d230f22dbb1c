import ArgumentParser
import CCTS
import CLua
import CommandSupport
import Foundation
import LuaSandbox
import Simulation
import WorkSharing

/// `ccts`: scenario simulator and what-if engine for India's Carbon Credit Trading Scheme.
public struct Ccts: ParsableCommand {
    public init() {}

    /// The release, and the commit it was built from (``BuildInfo``). Runs record the same text.
    public static let version = BuildInfo.version

    /// Every command here and below names itself (`commandName:`): without it, ArgumentParser derives
    /// each command's name by reflection (`String(describing:)`) at every start: 33.5 M
    /// instructions of protocol-conformance lookups, a fifth of a ten-world run's (callgrind).
    public static let configuration = CommandConfiguration(
        commandName: "ccts",
        abstract: "Scenario simulator and what-if engine for India's Carbon Credit Trading Scheme (CCTS).",
        discussion: """
            Rules (emission factors, sector targets, materiality, banking, compensation, prices) are Lua \
            files; the built-in set is in Rules/default. Scenarios describe a plant year by year.

            Examples, after: ccts examples copy ccts-examples && cd ccts-examples
              ccts run Scenarios/cement-rajasthan.lua
              ccts explain Scenarios/cement-rajasthan.lua --year 2025-26
              ccts run Scenarios/benchmark.lua --iterations 100k

            -V is --version.

            Environment:
              CCTS_DB   the run store when --db is not given (default ./ccts.sqlite)

            Exit codes:
              0   done
              1   an input, the run or the store failed, or a re-run differs
              2   the command line is wrong (an unknown option, a bad value)
            """,
        version: version,
        subcommands: [
            Run.self, Merge.self, SlurmCommand.self, Explain.self, Check.self, Factors.self, RulesCommand.self,
            Runs.self, ReportCommand.self, Compare.self, PathwayCommand.self, PlanCommand.self, ServeLauncher.self,
            TokensCommand.self, Bench.self, ExamplesCommand.self, ManualCommand.self, ExecuteCommand.self,
        ]
    )

    /// The binary's `main`: parses `arguments` (without the program's name) and runs the command with
    /// the process's output and environment; returns the exit status. `-V` is `--version`; a wrong
    /// command line is 2 (the argument parser's own code is 64), every other failure 1.
    public static func processMain(_ arguments: [String]) -> Int32 {
        guard ccts_cpu_supported() != 0 else {
            CommandContext.process.console.write(
                error: Data(
                    ("ccts: this build of ccts needs an x86-64-v2 CPU (with SSE4.2 and POPCNT), which this machine's "
                        + "CPU is not; build it here for any x86-64 CPU with `make build CPU=x86-64`\n").utf8))
            return ExitStatus.inputError
        }
        Timeline.mark("start")
        let status = execute(arguments == ["-V"] ? ["--version"] : arguments)
        Timeline.mark("command done")
        return status
    }

    /// Runs a command in this process for a caller that is not the binary (a test, a program linking
    /// the commands): `context` gives its console, environment and recorded command line. Relative
    /// paths are read from the process's working directory. Settings a command makes for its whole
    /// run — the digit grouping, the Lua deadline — stay with it: the grouping is bound to this call,
    /// and the deadline (one for the process: Lua states read it on any thread) is cleared when the
    /// last command running in the process ends.
    public static func execute(_ arguments: [String], in context: CommandContext) -> Int32 {
        InProcessCommands.started()
        defer { InProcessCommands.ended() }
        return CommandContext.$current.withValue(context) {
            NumberFormat.$setting.withValue(NumberFormat.Setting()) {
                execute(arguments == ["-V"] ? ["--version"] : arguments)
            }
        }
    }
}

/// How many commands run in this process through ``Ccts/execute(_:in:)``: the last to end clears
/// the command deadline its options set, so that no later Lua state in the process inherits it.
private enum InProcessCommands {
    nonisolated(unsafe) static var running = 0
    static let lock = NSLock()

    static func started() { lock.withLock { running += 1 } }

    static func ended() {
        lock.withLock {
            running -= 1
            if running == 0 { LuaBudget.commandDeadline = nil }
        }
    }
}
