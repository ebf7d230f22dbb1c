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
        for family in FuzzTarget.allCases {
            #expect((report.byTarget[family] ?? 0) > 0, "the campaign judged no \(family) input")
        }
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

/// The generated families, each judged on inputs whose verdict is known: the shipped input runs,
/// a hostile one is refused with a located message (never a defect).
@Suite(.serialized) struct FuzzFamilyTests {
    nonisolated(unsafe) static let corpus = Result { try Campaign.corpus(root: FuzzTests.root) }

    func judge(_ text: String, _ target: FuzzTarget) throws -> Oracle.Verdict {
        let (_, oracle) = try Self.corpus.get()
        return oracle.judge(text, as: target, name: target.rawValue)
    }

    func refusal(_ text: String, _ target: FuzzTarget) throws -> String {
        guard case .refused(let message) = try judge(text, target) else {
            Issue.record("not refused: \(target) \(text.prefix(200))")
            return ""
        }
        return message
    }

    /// The shipped sheet in its archive runs; the archive damaged (CRC-32, cut short), a cell outside
    /// Excel's grid and a document type are refused naming the workbook and the portfolio that reads it.
    @Test func workbooks() throws {
        let (seeds, _) = try Self.corpus.get()
        let sheet = try #require(seeds.first { $0.target == .workbook }).file.text
        #expect(try judge("-- archive: none\n" + sheet, .workbook) == .ran)
        let crc = try refusal("-- archive: crc\n" + sheet, .workbook)
        #expect(
            crc.contains("portfolio-from-sheet.lua") && crc.contains("entities.xlsx") && crc.contains("CRC-32"),
            "\(crc)")
        let cut = try refusal("-- archive: truncate\n" + sheet, .workbook)
        #expect(cut.contains("entities.xlsx: is a zip archive cut short"), "\(cut)")
        let far = sheet.replacingFirst("r=\"B2\"", with: "r=\"ZZZZZZZZZZZZZZZ2\"")
        #expect(try refusal("-- archive: none\n" + far, .workbook).contains("outside Excel's grid"))
        let doctype = try refusal("-- archive: none\n<!DOCTYPE worksheet>" + sheet, .workbook)
        #expect(doctype.contains("document type") && doctype.contains("xl/worksheets/"), "\(doctype)")
        if case .defect(let why) = try judge("-- archive: size\n" + sheet, .workbook) { Issue.record("\(why)") }
    }

    /// A `--set` in range runs; one out of range is refused naming the `--set` (its "nan" is the user's).
    @Test func settings() throws {
        #expect(try judge("compliance.offsets.max_share=0.1", .setting) == .ran)
        #expect(try refusal("fuels.coal_imported.ncv=nan", .setting).contains("--set fuels.coal_imported.ncv=nan"))
    }

    /// The benchmark's own correlations run; a pair given two values is refused naming both.
    @Test func correlations() throws {
        let pair = "'years[\"2026-27\"].fuel_mix.total', 'years[\"2026-27\"].products.opc.quantity'"
        #expect(try judge("  correlations = {\n    { \(pair), 0.7 },\n  },", .correlations) == .ran)
        let both = try refusal("  correlations = {\n    { \(pair), 0.7 },\n    { \(pair), -0.7 },\n  },", .correlations)
        #expect(both.contains("benchmark.lua") && both.contains("0.7") && both.contains("-0.7"), "\(both)")
    }

    /// A generated planning section with a forward and a contract runs through the search; a negative
    /// price is refused naming the plan's file.
    @Test func planning() throws {
        let forward = "{ year = \"2025-26\", price = 2400, max = 30000 }"
        let contract =
            "{ project = \"P-0\", type = \"renewable_energy\", vintage = \"2025-26\", year = \"2025-26\", "
            + "price = 1500, "
            + "max = 10000, delivered = beta(8, 2) }"
        let section =
            "  planning = {\n    forwards = { \(forward) },\n    offsets = { \(contract) },\n"
            + "    spot = { liquidity = beta(2, 2) },\n  },"
        #expect(try judge(section, .planning) == .ran)
        let negative = try refusal(section.replacingFirst("price = 2400", with: "price = -1"), .planning)
        #expect(negative.contains("plan-chlor-alkali-purchases.lua"), "\(negative)")
    }

    /// Generated portfolios: of 40, some run and some are refused, none is a defect.
    @Test func generatedPortfolios() throws {
        let (_, oracle) = try Self.corpus.get()
        var mutator = Mutator(generator: .init(state: 3))
        var ran = 0, refused = 0
        for _ in 0..<40 {
            switch oracle.judge(mutator.portfolio(oracle.families!.vocabulary), as: .portfolio, name: "generated.lua") {
            case .ran: ran += 1
            case .refused: refused += 1
            case .defect(let why): Issue.record("\(why)")
            }
        }
        #expect(ran > 0 && refused > 0, "\(ran) ran, \(refused) refused")
    }
}
