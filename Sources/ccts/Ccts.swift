import ArgumentParser
import CLua
import CommandSupport
import Foundation
import Simulation
import WorkSharing

/// `ccts`: scenario simulator and what-if engine for India's Carbon Credit Trading Scheme.
@main
struct Ccts: ParsableCommand {
    /// The release, and the commit it was built from (``BuildInfo``). Runs record the same text.
    static let version = BuildInfo.version

    /// Every command here and below names itself (`commandName:`): without it, ArgumentParser derives
    /// each command's name by reflection (`String(describing:)`) at every start: 33.5 M
    /// instructions of protocol-conformance lookups, a fifth of a ten-world run's (callgrind).
    static let configuration = CommandConfiguration(
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

    /// Parses and runs the command; `-V` is `--version`; a wrong command line exits 2 (the
    /// argument parser's own code is 64), every other failure as the command decided.
    static func main() {
        guard ccts_cpu_supported() != 0 else {
            FileHandle.standardError.write(
                Data(
                    ("ccts: this build of ccts needs an x86-64-v2 CPU (with SSE4.2 and POPCNT), which this machine's "
                        + "CPU is not; build it here for any x86-64 CPU with `make build CPU=x86-64`\n").utf8))
            Foundation.exit(ExitStatus.inputError)
        }
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["-V"] { arguments = ["--version"] }
        do {
            Timeline.mark("start")
            var command = try parseAsRoot(arguments)
            try command.run()
            Timeline.mark("command done")
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
