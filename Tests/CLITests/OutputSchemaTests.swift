import Foundation
import Reports
@testable import RunStore
import Testing

/// One output schema: every command's `--json` document validated against
/// schemas/ccts-output.schema.json by an independent validator (jsonschema from PyPI, through
/// scripts/validate-output; `make test` installs it).
@Suite struct OutputSchemaTests {
    /// Runs scripts/validate-output on `files`; its exit status and what it printed.
    func validate(_ files: [String]) throws -> (Int32, String) {
        try CLI.script("validate-output", files)
    }

    @Test func everyCommandsJSONMatchesTheSchema() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path
        let commands: [[String]] = [
            ["run", "Scenarios/cement-rajasthan.lua", "--db", db, "--json"],
            ["run", "Scenarios/benchmark.lua", "--iterations", "300", "--db", db, "--json", "--quiet"],
            [
                "compare", "Scenarios/portfolio-from-sheet.lua", "--reform",
                "Scenarios/reforms/cement-2026-27-tighter.lua", "--db", db, "--json",
            ],
            [
                "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
                "--optimise", "--iterations", "200", "--db", db, "--json",
            ],
            [
                "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "300", "--steps", "2",
                "--offset-steps", "1", "--db", db, "--json",
            ],
            ["factors", "coal", "--json"],
            ["rules", "assumptions", "--json"],
            ["runs", "list", "--db", db, "--json"],
            ["runs", "show", "1", "--db", db, "--json"],
            ["runs", "diff", "1", "2", "--db", db, "--json"],
            ["runs", "rerun", "1", "--db", db, "--json"],
            ["runs", "export", "2", "--format", "json", "--db", db],
            ["runs", "delete", "6", "--db", db, "--json"],
        ]
        var files: [String] = []
        for (i, arguments) in commands.enumerated() {
            let result = try CLI.spawn(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            let file = folder.appendingPathComponent("\(i).json").path
            try result.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        let (status, report) = try validate(files)
        #expect(status == 0, "\(report)")
        #expect(report.components(separatedBy: "ok     ").count - 1 == commands.count)
    }

    /// The validator is not a formality: a camelCase key, a formatted number, a bare warning string,
    /// an unknown top-level key each fail.
    @Test func theSchemaRefusesWhatItForbids() throws {
        let folder = try CLI.temporaryDirectory()
        let good =
            #"{"schema":{"name":"ccts-output","version":\#(OutputSchema.version)},"command":"factors","inputs":{},"#
            + #""results":[],"warnings":[],"units":{}}"#
        let bad = [
            good.replacingOccurrences(of: #""results":[]"#, with: #""results":[{"totalCost":1}]"#),
            good.replacingOccurrences(of: #""results":[]"#, with: #""results":[{"cost":"1,23,456"}]"#),
            good.replacingOccurrences(of: #""warnings":[]"#, with: #""warnings":["a bare string"]"#),
            good.replacingOccurrences(of: #""units":{}"#, with: #""units":{},"extra":1"#),
        ]
        let goodFile = folder.appendingPathComponent("good.json").path
        try good.write(toFile: goodFile, atomically: true, encoding: .utf8)
        #expect(try validate([goodFile]).0 == 0)
        for (i, text) in bad.enumerated() {
            let file = folder.appendingPathComponent("bad\(i).json").path
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            #expect(try validate([file]).0 == 1, "\(text)")
        }
    }

    /// Changing the schema bumps its version: the file is pinned to the version the code writes.
    @Test func theSchemaIsPinnedToItsVersion() throws {
        let path = CLI.packageRoot.appendingPathComponent("schemas/ccts-output.schema.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"version\": {\n          \"const\": \(OutputSchema.version)\n"))
        let pinned = [5: "103c80855612e58f40a905ce94373d208a7630b356e84ca3f8278221dff530a5"]
        #expect(
            SHA256.hex(text) == pinned[OutputSchema.version],
            Comment(
                rawValue: "schemas/ccts-output.schema.json changed: bump OutputSchema.version "
                    + "(Sources/Reports/OutputDocument.swift) and pin the new SHA-256 here")
        )
    }
}
