import CCTS
import ArgumentParser
import CommandSupport
import Foundation
import Reports
import RunStore

/// `ccts runs …`: the history of runs in the store.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show, compare, export, re-run and delete stored runs.",
        subcommands: [List.self, Show.self, Diff.self, Export.self, Rerun.self, Delete.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, newest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var numberFormat: NumberFormatOption
        @Option(name: .long, help: "Only runs whose scenario name or file contains this text.") var scenario: String?
        @Option(name: .long, help: "Only runs with this status: running, completed or failed.") var status: String?
        @Option(name: .long, help: "At most this many runs.") var limit = 50
        @Flag(name: .long, help: "Print JSON.") var json = false

        func validate() throws {
            if let status, !["running", "completed", "failed"].contains(status) {
                throw ValidationError("--status must be running, completed or failed")
            }
        }

        func run() throws {
            try reportingErrors {
                let runs = try store.openForReading().list(scenario: scenario, status: status, limit: limit)
                if json {
                    return emit(
                        try OutputDocument(
                            command: "runs list",
                            inputs: ListInputs(store: store.path, scenario: scenario, status: status, limit: limit),
                            results: runs.map(RunJSON.init), warnings: []
                        ).encoded())
                }
                guard !runs.isEmpty else { return emit("No runs in \(store.path).") }
                var table = TextTable(
                    header: ["id", "created", "status", "kind", "scenario", "seed", "worlds", "seconds"],
                    rightAligned: [0, 5, 6, 7])
                for run in runs {
                    table.add([
                        String(run.id), run.created, run.status, run.kind, run.scenarioName,
                        run.seed.map(String.init) ?? "",
                        run.worlds.map { NumberFormat.grouped(Double($0)) } ?? "",
                        run.wallSeconds.map { String(format: "%.2f", $0) } ?? "",
                    ])
                }
                emit(table.render())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a run: how it was made, and what it printed.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Run id.") var id: Int64
        @Flag(name: .long, help: "Print the run's JSON document with its record.") var json = false

        func run() throws {
            try reportingErrors {
                let store = try store.openForReading()
                let run = try store.run(id)
                let files = try store.files(id)
                if json {
                    let shown = ShowJSON(
                        run: RunJSON(run),
                        files: files.map { FileJSON(role: $0.role.rawValue, name: $0.name, sha256: $0.sha256) },
                        settings: try store.settings(id), document: JSONValue.parse(run.document))
                    return emit(
                        try OutputDocument(
                            command: "runs show", inputs: RunIDInput(store: self.store.path, id: id), results: shown,
                            warnings: []
                        ).encoded())
                }
                var lines = [
                    "Run \(run.id) — \(run.status)\(run.error.map { ": \($0)" } ?? "")",
                    "created \(run.created), ccts \(run.engineVersion), command: ccts "
                        + "\(run.command.joined(separator: " "))",
                    "rules: \(run.ruleSource); settings: \(try store.settings(id).joined(separator: ", "))",
                ]
                for file in files {
                    lines.append(
                        "  \(file.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) "
                            + "\(file.sha256.prefix(16))…  \(file.name)"
                    )
                }
                lines.append("")
                lines.append(run.report ?? "(no results: the run did not complete)")
                emit(lines.joined(separator: "\n"))
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete", abstract: "Delete a run and everything stored with it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Run id.") var id: Int64
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() throws {
            try reportingErrors {
                try store.open().delete(id)
                emit(
                    json
                        ? try OutputDocument(
                            command: "runs delete", inputs: RunIDInput(store: store.path, id: id),
                            results: ["deleted": id], warnings: []
                        ).encoded()
                        : "Deleted run \(id).")
            }
        }
    }
}

struct ShowJSON: Encodable {
    var run: RunJSON
    var files: [FileJSON]
    var settings: [String]
    /// The run's own JSON document, as it printed it.
    var document: JSONValue?
}

/// The inputs of `runs list --json`.
struct ListInputs: Encodable { var store: String, scenario: String?, status: String?, limit: Int? }
/// The inputs of a `runs` command about one run.
struct RunIDInput: Encodable { var store: String, id: Int64 }
