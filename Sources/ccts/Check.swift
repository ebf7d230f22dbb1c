import ArgumentParser
import Loading

/// `ccts check FILE…`: validate rule sets, reforms and scenarios without running them.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
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
                let result = try Watchdog.limit(seconds: ruleOptions.maxSeconds, what: file) { try ruleOptions.loader.check(file) }
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
