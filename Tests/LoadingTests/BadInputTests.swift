import CCTS
import Foundation
import Loading
import Simulation
import LuaSandbox
import Testing

/// One broken scenario per failure in `Fixtures/bad/`; the first line of each names the
/// phrases its error message must contain (`-- expect: a | b | c`).
@Suite struct BadInputTests {
    static let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad")

    static var cases: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lua") }.sorted())
            ?? []
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func messageNamesTheProblem(file: String) throws {
        let path = Self.folder.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first)
        let expected = header.replacingOccurrences(of: "-- expect:", with: "").split(separator: "|").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        #expect(!expected.isEmpty)
        let loader = Loader(budget: LuaBudget(instructions: 5_000_000))
        do {
            let inputs = try loader.load(scenario: path)
            _ = try Evaluation.expected(inputs.scenario!, rules: inputs.rules)
            Issue.record("\(file) loaded and ran without an error")
        } catch {
            let message = "\(error)"
            #expect(message.contains(file), "names the file: \(message)")
            for phrase in expected {
                #expect(message.contains(phrase), "\(file): missing '\(phrase)' in: \(message)")
            }
        }
    }

    @Test func escapeLeavesNoTrace() throws {
        let marker = "/tmp/ccts-escape-fixture"
        try? FileManager.default.removeItem(atPath: marker)
        #expect(throws: LuaError.self) {
            try Loader().load(scenario: Self.folder.appendingPathComponent("escape-os.lua").path)
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
