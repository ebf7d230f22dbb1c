import CCTS
import Loading
import Reports
@testable import Simulation
import Testing

/// Warnings with the code their meaning gives, as a run emits them.
@Suite struct WarningCodeTests {
    /// A sale larger than what is held is reduced, and coded `sale_exceeds_holding` (documented, and
    /// never emitted before: the phrase it was matched on was no longer in the message).
    @Test func aReducedSaleIsSaleExceedsHolding() throws {
        // the hand-computed plant issues credits at the surrender; a sale of 900,000 after it sells what is held
        let outcome = try runScenario(cementScenario(yearExtra: "trades = { sell = { 900000 } },"))
        let sale = try #require(outcome.warnings.first { $0.contains("reduced to the") }, "\(outcome.warnings)")
        #expect(OutputWarning(sale).code == "sale_exceeds_holding")
    }

    /// A gas the sector does not cover is `gas_not_covered`, not an ineligible offset; and a reform of the
    /// sector's gases is read by every year (it changes every total), not "changed but not used".
    @Test func aGasOutsideTheSectorIsItsOwnCodeAndItsReformIsUsed() throws {
        let reform = SourceFile(
            name: "gases.lua",
            text: """
                reform "cement counts CO2 only" (function(rules)
                  rules.sectors.cement.gases = { "CO2" }
                end)
                """)
        let inputs = try Loader().load(
            scenario: SourceFile(name: "plant.lua", text: cementScenario()), reformFiles: [reform])
        let outcome = try Evaluation.expected(inputs.scenario!, rules: inputs.rules, tracing: false)
        let gas = try #require(outcome.warnings.first { $0.contains("CH4 from combustion") }, "\(outcome.warnings)")
        #expect(OutputWarning(gas).code == "gas_not_covered")
        let plan = try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!)
        #expect(plan.uses(rulePath: "sectors.cement.gases"))
    }
}
