import ArgumentParser
import CommandSupport
import Examples
import Foundation
import Loading
import Reports

/// `ccts examples` lists the shipped examples; `ccts examples copy DIR` writes them out.
struct ExamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "examples",
        abstract: "List the shipped example scenarios, reforms, measures and portfolio, or copy them into a folder.",
        subcommands: [List.self, Copy.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "One line per shipped example file.")

        func run() throws {
            var table = TextTable(header: ["file", "what it shows"], rightAligned: [])
            for file in ExampleFiles.all { table.add([file.path, file.summary]) }
            emit(table.render() + "\n\nWrite them out with: ccts examples copy DIR")
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy", abstract: "Write every example into DIR (as DIR/Scenarios/…), for editing.")
        @Argument(help: "Folder to write into (created when missing).") var directory: String
        @Flag(name: .long, help: "Replace files that already exist.") var force = false

        func run() throws {
            try reportingErrors {
                let root = URL(fileURLWithPath: directory)
                let targets = ExampleFiles.all.map { (file: $0, url: root.appendingPathComponent($0.path)) }
                if !force, let existing = targets.first(where: { FileManager.default.fileExists(atPath: $0.url.path) })
                {
                    throw CommandError(
                        "\(existing.url.path) exists; nothing was written (use --force to replace the examples)")
                }
                for (file, url) in targets {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.bytes).write(to: url, options: .atomic)
                }
                emit(
                    "Wrote \(targets.count) example files to \(root.path)/Scenarios. Try: cd \(directory) && ccts run "
                        + "Scenarios/cement-rajasthan.lua"
                )
            }
        }
    }
}

extension SourceFile {
    /// The file at `path`; where there is none and `path` names a shipped example, its embedded copy.
    static func readOrShipped(_ path: String) throws -> SourceFile {
        if !FileManager.default.fileExists(atPath: path), let example = ExampleFiles.named(path) {
            return SourceFile(name: example.path, text: example.text)
        }
        return try SourceFile.read(path)
    }
}
