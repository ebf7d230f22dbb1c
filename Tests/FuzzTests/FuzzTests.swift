import Foundation
@testable import Fuzzing
import Loading
import Testing

/// The fuzzer in CI: a short campaign with a fixed seed and input count (so it judges the same
/// inputs on every run), and every input that ever showed a defect, replayed.
@Suite(.serialized) struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func shortCampaignFindsNoDefect() throws {
        let (seeds, oracle) = try Campaign.corpus(root: Self.root)
        var small = oracle
        small.worlds = 64
        let report = Campaign(seeds: seeds, oracle: small).run(seed: 20_261_129, inputs: 500, seconds: 600)
        #expect(report.inputs == 500)
        #expect(
            report.refused > 0 && report.ran > 0,
            "the mutants exercise both paths: \(report.ran) ran, \(report.refused) refused")
        for defect in report.defects.prefix(5) {
            Issue.record("\(defect.target) mutant of \(defect.name): \(defect.why)\n\(defect.text.prefix(2_000))")
        }
    }

    /// Each file in Regressions/ begins `-- target: scenario` (or rule NAME, reform, measures,
    /// portfolio) and once showed a defect; now it must run cleanly or be refused with a located message.
    @Test func regressionsStayFixed() throws {
        let (_, oracle) = try Campaign.corpus(root: Self.root)
        let folder = Self.root.appendingPathComponent("Tests/FuzzTests/Regressions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lua") }
            .sorted()
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8)
            let header = text.prefix { $0 != "\n" }.replacingOccurrences(of: "-- target: ", with: "").split(
                separator: " ")
            let target = try #require(
                FuzzTarget(rawValue: String(header.first ?? "")), "\(file): header names no target")
            let name = header.count > 1 ? String(header[1]) : "Tests/FuzzTests/Regressions/\(file)"
            let verdict = oracle.judge(text, as: target, name: name)
            if case .defect(let why) = verdict { Issue.record("\(file): \(why)") }
        }
    }

    /// The table family: the monthly CSV is a seed, read by the scenario that reads it; the sheet as
    /// shipped runs, and a ragged row (an unquoted decimal comma) is refused naming the .lua and the CSV.
    @Test func tablesAreFuzzedThroughTheScenarioThatReadsThem() throws {
        let (seeds, oracle) = try Campaign.corpus(root: Self.root)
        let table = try #require(seeds.first { $0.target == .table })
        #expect(table.file.name.hasSuffix("Scenarios/data/cement-rajasthan-fuels-monthly.csv"))
        #expect(oracle.judge(table.file.text, as: .table, name: table.file.name) == .ran)
        let lines = table.file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let ragged = ([lines[0], lines[1] + ",9"] + lines.dropFirst(2)).joined(separator: "\n")
        guard case .refused(let message) = oracle.judge(ragged, as: .table, name: table.file.name) else {
            Issue.record("a ragged row was not refused")
            return
        }
        #expect(message.contains("cement-rajasthan-monthly.lua") && message.contains("row 2"), "\(message)")
    }

    @Test func mutatorIsDeterministic() {
        var a = Mutator(generator: .init(state: 7)), b = Mutator(generator: .init(state: 7))
        let text = "return scenario {\n  x = 12,\n  y = { 3.5, 4 },\n}"
        #expect((0..<20).map { _ in a.mutate(text) } == (0..<20).map { _ in b.mutate(text) })
    }
}
