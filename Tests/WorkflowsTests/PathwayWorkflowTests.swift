import Foundation
import CCTS
import Loading
import TestSupport
import Testing
import Workflows
import Requests

/// `pathway` called as a library on texts held in memory: the hand-worked plant of CLITests'
/// PathwayCommandTests (emissions 983,122.495 t, production 1,400,000 t, GEI 0.70223, 2,000 INR),
/// with one CCUS measure of 10,000 t a year.
@Suite struct PathwayWorkflowTests {
    static func workflow(_ request: PathwayRequest, candidates: [PathwayWorkflow.SetRow]? = nil) throws
        -> PathwayWorkflow
    {
        PathwayWorkflow(
            request: request,
            inputs: WorkflowInputs(
                files: [
                    SourceFile(name: "plant.lua", text: OneCementPlant.scenario(target: "0.72")),
                    SourceFile(name: "measures.lua", text: OneCementPlant.ccus),
                ],
                ruleFiles: try RuleSource.builtIn.files(), tables: .stored([:])),
            candidates: candidates)
    }

    @Test func yearsAndNetPresentCostByHand() throws {
        let computed = try Self.workflow(PathwayRequest(scenario: "plant.lua", measures: "measures.lua")).compute()
        let years = computed.document.years
        // 2025-26: (983,122.495 − 10,000) / 1.4e6 = 0.695087; ⌊(0.72 − 0.695087) × 1.4e6⌋ = 34,878
        // 2026-27: target 0.72 × 0.98 = 0.7056; ⌊(0.7056 − 0.695087) × 1.4e6⌋ = 14,718
        #expect(years.map(\.credits) == [34_878, 14_718])
        #expect(computed.horizon == ComplianceYear("2026-27") && computed.method == nil)
        // 100e6 + 10e6 + 10e6 / 1.1 − (34,878 + 14,718) × 2,000 / 1.1 = 28,916,363.64
        #expect(abs(computed.document.pathwayNpv - (110_000_000 + (10_000_000 - 99_192_000) / 1.1)) < 1e-3)
        #expect(computed.entity == "T-CEM")
    }

    /// A merge's candidate sets must be one per subset of the measures: two for one measure.
    @Test func candidatesOfAnotherSearchAreRefused() throws {
        let request = PathwayRequest(
            scenario: "plant.lua", measures: "measures.lua", optimise: true, exhaustive: true, iterations: 100)
        let all = try Self.workflow(request).compute().document.feasibleSets ?? []
        let wrong = Array(repeating: all.first!, count: 3)
        #expect {
            _ = try Self.workflow(request, candidates: wrong).compute()
        } throws: { error in
            "\(error)" == "the candidate sets given (3) do not match the measures file's 1 measures"
        }
    }
}

/// A set's worlds evaluated in parts give the numbers of one part: each world is drawn from
/// (seed, world) wherever its part starts, and the totals are summed in world order.
@Suite struct PathwayPartsTests {
    @Test func partsOfTheWorldsGiveTheSameDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let scenario = root.appendingPathComponent("Scenarios/cement-rajasthan.lua").path
        let measures = root.appendingPathComponent("Scenarios/measures-cement-rajasthan.lua").path
        let request = PathwayRequest(scenario: scenario, measures: measures, optimise: true, iterations: 2_500)
        func document(partWorlds: Int) throws -> String {
            var workflow = PathwayWorkflow(
                request: request, inputs: try WorkflowInputs.disk(request.fileNames, rules: nil))
            workflow.partWorlds = partWorlds
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(workflow.compute().document), as: UTF8.self)
        }
        // 2,500 worlds in one part, then in parts of 1,024, 1,024 and 452
        let whole = try document(partWorlds: 65_536)
        #expect(whole.contains("\"least_cost\"") || whole.contains("\"leastCost\""))
        #expect(try document(partWorlds: 1_024) == whole)
    }
}
