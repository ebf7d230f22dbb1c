import Examples
import Foundation
import Testing

/// The shipped examples travel inside the binary, all of them, byte for byte.
@Suite struct ExamplesCommandTests {
    @Test func everyShippedFileIsEmbedded() throws {
        let root = CLI.packageRoot.appendingPathComponent("Scenarios")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        let onDisk = (enumerator.allObjects as? [String] ?? []).filter {
            $0.hasSuffix(".lua") || $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx")
        }
        .map { "Scenarios/" + $0 }.sorted()
        #expect(ExampleFiles.all.map(\.path).sorted() == onDisk)
        for file in ExampleFiles.all {
            #expect(try Data(contentsOf: CLI.packageRoot.appendingPathComponent(file.path)) == Data(file.bytes))
        }
    }

    @Test func copyWritesThemOutAndNeverOverwritesUnasked() throws {
        let folder = try CLI.temporaryDirectory()
        let list = try CLI.run(["examples"])
        #expect(
            list.stdout.contains("Scenarios/cement-rajasthan.lua")
                && list.stdout.contains("Integrated cement plant in Rajasthan"))
        let copy = try CLI.run(["examples", "copy", folder.path])
        #expect(copy.status == 0, "\(copy.stderr)")
        let written = folder.appendingPathComponent("Scenarios/reforms/cement-2026-27-tighter.lua")
        #expect(FileManager.default.fileExists(atPath: written.path))
        try "-- my edits\n".write(to: written, atomically: true, encoding: .utf8)
        let again = try CLI.run(["examples", "copy", folder.path])
        #expect(again.status == 1 && again.stderr.contains("exists; nothing was written (use --force"))
        #expect(try String(contentsOf: written, encoding: .utf8) == "-- my edits\n")
        // the copy runs as the README says
        let run = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--no-store"], in: folder)
        #expect(run.stdout.contains("27,445"))
    }
}
