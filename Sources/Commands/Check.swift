import ArgumentParser
import CCTS
import CommandSupport
import Loading
import Simulation

/// `ccts check FILE…`: validate rule sets, reforms and scenarios without running them.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate rule folders, rule files, reforms and scenarios without running them.")

    @Argument(help: ArgumentHelp("Files or rule folders to check.", valueName: "file"))
    var files: [String]

    @OptionGroup var ruleOptions: RuleOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file or folder to check") }
    }

    func run() throws {
        var failures = 0
        for file in files {
            do {
                let result = try Watchdog.limit(seconds: ruleOptions.maxSeconds, what: file) {
                    try ruleOptions.loader.check(file)
                }
                if let scenario = result.inputs.scenario {
                    // What only a run would find: the lifecycle at expected values, and the Monte Carlo plan
                    // (an impossible correlation matrix).
                    _ = try Evaluation.expected(
                        scenario, rules: result.inputs.rules, strict: ruleOptions.strict, tracing: false)
                }
                emit("ok     \(file): \(result.kind.rawValue) — \(result.summary)")
            } catch {
                failures += 1
                emit("FAILED \(file): \(error)")
            }
        }
        if failures > 0 {
            throw ExitCode(ExitStatus.inputError)
        }
    }
}
