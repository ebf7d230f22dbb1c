import ArgumentParser
import CommandSupport
import Foundation
import Loading
import Reports

/// `ccts rules …`: work with rule sets.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Export the built-in rule set, or list the assumptions in force.",
        subcommands: [Export.self, Assumptions.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the built-in rule files into DIR for editing (use them with --rules DIR).")

        @Argument(
            help: ArgumentHelp(
                "Folder to write to (created if missing; existing files are not overwritten).", valueName: "dir"))
        var directory: String

        @Flag(name: .long, help: "Overwrite files that already exist.")
        var force = false

        func run() throws {
            try reportingErrors {
                let manager = FileManager.default
                try OutputFile.makeFolder(directory)
                let files = try RuleSource.builtIn.files()
                for file in files {
                    let name = (file.name as NSString).lastPathComponent
                    let path = (directory as NSString).appendingPathComponent(name)
                    if manager.fileExists(atPath: path) && !force {
                        throw CommandError("\(path) exists; not overwritten (use --force)")
                    }
                    try OutputFile.write(file.text, to: path)
                }
                emit(
                    "Wrote \(files.count) rule files to \(directory). Use them with: ccts run SCENARIO --rules "
                        + "\(directory)"
                )
            }
        }
    }

    struct Assumptions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assumptions",
            abstract: "List every assumption in force, with its reasoning, for the reports users write.")

        @OptionGroup var ruleOptions: RuleOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        struct Row: Encodable { var rule: String, statement: String, reasoning: String, file: String }

        func run() throws {
            try reportingErrors {
                let inputs = try ruleOptions.load(scenario: nil)
                let rows = inputs.rules.assumptions.map {
                    Row(rule: $0.rule, statement: $0.statement, reasoning: $0.reasoning, file: $0.file)
                }
                if json {
                    emit(
                        try OutputDocument(
                            command: "rules assumptions", inputs: ["rules": ruleOptions.rules ?? "built-in"],
                            results: rows, warnings: []
                        ).encoded())
                    return
                }
                var lines: [String] = ["\(rows.count) assumptions in force (where the scheme's documents are silent):"]
                for (index, row) in rows.enumerated() {
                    lines.append("")
                    lines.append("\(index + 1). \(row.rule)  [\(row.file)]")
                    lines.append("   \(row.statement)")
                    lines.append("   Why: \(row.reasoning)")
                }
                emit(lines.joined(separator: "\n"))
            }
        }
    }
}
