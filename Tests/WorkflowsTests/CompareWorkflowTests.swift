import CCTS
import Foundation
import Loading
import TestSupport
import Testing
import Workflows
import Requests

/// `compare` called as a library, on texts held in memory (no file is read): the figures worked
/// out by hand for the command (CLITests' CompareCommandTests) come out of the request directly,
/// for two cement plants of emissions E = 983,122.495 t and production 1,400,000 t each (GEI
/// 0.70223), one long (target 0.72), one short (0.68).
@Suite struct CompareWorkflowTests {
    static func inputs() throws -> WorkflowInputs {
        WorkflowInputs(
            files: [
                SourceFile(name: "two.lua", text: TwoCementPlants.portfolio),
                SourceFile(name: "tighter.lua", text: TwoCementPlants.reform),
            ],
            ruleFiles: try RuleSource.builtIn.files(), tables: .stored([:]))
    }

    static let request = CompareRequest(portfolios: ["two.lua"], reforms: ["tighter.lua"])

    static func mean(_ results: Comparison.Results, _ id: String) throws -> (base: Double, reform: Double) {
        let row = try #require(results.rows.first { $0.id == id }, "no row \(id)")
        return (row.base.mean, row.variants[0].mean)
    }

    @Test func twoPlantsClearAtTheHandWorkedPrices() throws {
        let (records, tables) = try CompareWorkflow.records(Self.request, inputs: try Self.inputs())
        #expect(records.map(\.index) == [0, 1] && tables.isEmpty)
        let results = try Comparison.results(records, seed: Self.request.seed)
        // A issues (0.72 − 0.70223) × 1.4e6 = 24,878; B owes (0.70223 − 0.68) × 1.4e6 = 31,122.
        // Reform: A (0.7056 − 0.70223) × 1.4e6 = 4,718; B (0.70223 − 0.6664) × 1.4e6 = 50,162.
        #expect(try Self.mean(results, "issued") == (24_878, 4_718))
        #expect(try Self.mean(results, "surrender_obligations") == (31_122, 50_162))
        let price = try Self.mean(results, "clearing_price")
        // Short 6,244 on the cement curve's first piece (2 % of E per plant, 100 → 800 INR/t, q1 = 19,662.45 t):
        // 2 q1 (p − 100) / 700 = 6,244 → p = 100 + 6,244 × 700 / 39,324.90 = 211.146
        #expect(abs(price.base - 211.145_864_890_417_33) < 1e-6)
        // Reform: 11,235.69 at 300, then 2 q1 / 700 + 2 q2 / 900 = 121.720 per INR: p = 300 + 34,208.31 / 121.720 =
        // 581.041
        #expect(abs(price.reform - 581.041_197_758_842_4) < 1e-6)
        // The reform changed both plants' 2025-26 targets, and each plant reads its own.
        #expect(results.ruleChanges[1].count == 2 && results.ruleChanges[1].allSatisfy { $0.entitiesReading == 1 })
    }

    /// A shard computes only its rule sets, and each exactly as the whole comparison does.
    @Test func aShardComputesItsRuleSetsAsTheWholeDoes() throws {
        var request = Self.request
        request.iterations = 300
        let whole = try CompareWorkflow.records(request, inputs: try Self.inputs()).records
        request.shard = ShardSpec(index: 1, count: 2)
        let shard = try CompareWorkflow.records(request, inputs: try Self.inputs()).records
        #expect(shard.map(\.index) == [1])
        let series = 0..<whole[1].series.count
        #expect(try series.map(shard[0].series.values) == series.map(whole[1].series.values))
        #expect(shard[0].entityCost == whole[1].entityCost)
    }

    /// A request naming a file its inputs do not hold is refused with the name.
    @Test func aMissingFileIsNamed() throws {
        let request = CompareRequest(portfolios: ["two.lua"], reforms: ["elsewhere.lua"])
        #expect {
            _ = try CompareWorkflow.records(request, inputs: try Self.inputs())
        } throws: { error in
            "\(error)".contains("elsewhere.lua") && "\(error)".contains("is not among the inputs given")
        }
    }
}
