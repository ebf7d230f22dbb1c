import Foundation
import Loading
import Requests
import Statistics
import TestSupport
import Testing
import Workflows

/// A comparison beyond one part of worlds keeps its aggregates' worlds in a temporary file
/// (`WorldSeries`) and reads them back for its means and exact quantiles: the same bits as the
/// arrays in memory, summed left to right and sorted.
@Suite struct WorldSeriesTests {
    /// Two cement plants whose coal varies from world to world (normal, sd 8,000 t of 210,000 t).
    static func inputs() throws -> WorkflowInputs {
        let varying = TwoCementPlants.portfolio.replacingOccurrences(
            of: "{ \"coal_imported\", 210000, \"t\" }", with: "{ \"coal_imported\", normal(210000, 8000), \"t\" }")
        #expect(varying != TwoCementPlants.portfolio)
        return WorkflowInputs(
            files: [
                SourceFile(name: "two.lua", text: varying),
                SourceFile(name: "tighter.lua", text: TwoCementPlants.reform),
            ],
            ruleFiles: try RuleSource.builtIn.files(), tables: .stored([:]))
    }

    /// 9,000 worlds are three parts of 4,096 (the last of 808): the series go to a file. The
    /// comparison equals the one of the same series held in memory, and each base row's mean and
    /// 5–95 % range equal the array's sum ÷ n and its sorted type-7 quantiles, bit for bit.
    @Test func spilledSeriesGiveTheArraysNumbers() throws {
        let request = CompareRequest(portfolios: ["two.lua"], reforms: ["tighter.lua"], iterations: 9_000, seed: 3)
        #expect(request.iterations! > 2 * CompareWorkflow.partWorlds)
        let records = try CompareWorkflow.records(request, inputs: try Self.inputs()).records
        let spilled = try Comparison.results(records, seed: 3)
        let inMemory = try records.map { record in
            var copy = record
            copy.series = WorldSeries(try (0..<record.series.count).map(record.series.values))
            return copy
        }
        let held = try Comparison.results(inMemory, seed: 3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(spilled) == encoder.encode(held))
        var varying = 0
        for (k, row) in spilled.rows.enumerated() where row.base.p5 != nil {
            let values = try records[0].series.values(k)
            let sorted = values.sorted()
            #expect(row.base.mean == values.reduce(0, +) / Double(values.count), "\(row.id)")
            #expect(row.base.p5 == Summary.quantile(sorted, 0.05) && row.base.p95 == Summary.quantile(sorted, 0.95))
            if sorted.first! < sorted.last! { varying += 1 }
        }
        #expect(varying >= 3)  // issued, net position, the price … vary with the coal
    }

    /// Chunks read back equal what was appended, part after part; differences are taken world by
    /// world; the file is gone from its folder from the start; the arrays encode as themselves.
    @Test func aFileOfPartsReadsBackInWorldOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-series-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try WorldSeries(count: 2, spilled: true, directory: folder)
        let b = try WorldSeries(count: 2, spilled: true, directory: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        try a.append([[1, 2, 3], [10, 20, 30]])
        try a.append([[4, 5], [40, 50]])
        try b.append([[0.5, 0.5, 0.5], [1, 1, 1]])
        try b.append([[1, 1], [2, 2]])
        #expect(a.worlds == 5)
        #expect(try a.values(1) == [10, 20, 30, 40, 50])
        var starts: [Int] = [], differences: [Double] = []
        try a.forEachChunk(0, minus: b) { chunk, start in
            starts.append(start)
            differences += chunk
        }
        #expect(starts == [0, 3] && differences == [0.5, 1.5, 2.5, 3, 4])
        let decoded = try JSONDecoder().decode(WorldSeries.self, from: try JSONEncoder().encode(a))
        #expect(try decoded.values(0) == [1, 2, 3, 4, 5] && decoded.values(1) == a.values(1))
    }

    @Test func aFolderThatCannotHoldTheFileIsNamed() throws {
        let nowhere = URL(fileURLWithPath: "/nonexistent-ccts-folder")
        #expect {
            try WorldSeries(count: 1, spilled: true, directory: nowhere)
        } throws: { error in
            "\(error)".hasPrefix(
                "the comparison's worlds could not be kept in a temporary file in /nonexistent-ccts-folder: ")
                && "\(error)".hasSuffix("; set TMPDIR to a folder with room")
        }
    }
}
