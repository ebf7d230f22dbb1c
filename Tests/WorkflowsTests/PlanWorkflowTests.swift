import CCTS
import Loading
import TestSupport
import Testing
import Workflows
import Requests

/// `plan` called as a library on texts held in memory, on CLITests' closed-form plant: its need N
/// is about 9,900 CCCs (± 2,500), a CCC short costs 4,000 in compensation, there is no exchange.
@Suite struct PlanWorkflowTests {
    static func compute(_ request: PlanRequest, planning: String) throws -> PlanWorkflow.Computed {
        let plant = NoExchangePlant.scenario(coal: "normal(100000, 1000)", planning: planning)
        return try PlanWorkflow(
            request: request,
            inputs: WorkflowInputs(
                files: [SourceFile(name: "plant.lua", text: plant)], ruleFiles: try RuleSource.builtIn.files(),
                tables: .stored([:]))
        ).compute()
    }

    /// A forward CCC costs 2,500 against 4,000 short: with a budget of 10,000,000 INR the plan buys
    /// 10,000,000 / 2,500 = 4,000 (each saves 1,500 in nearly every world); the request's budget of
    /// 5,000,000 replaces the planning section's: 5,000,000 / 2,500 = 2,000.
    @Test func theBudgetCapsTheForward() throws {
        let planning = "forward = { price = 2500, max = 20000 }, budget = 10e6"
        var request = PlanRequest(scenario: "plant.lua", iterations: 1_000, steps: 20)
        let capped = try Self.compute(request, planning: planning)
        #expect(capped.document.best?.decisions.first == 4_000 && capped.budget == 10e6)
        request.budget = 5e6
        let tighter = try Self.compute(request, planning: planning)
        #expect(tighter.document.best?.decisions.first == 2_000 && tighter.budget == 5e6)
        // the binding budget is said among the cautions
        #expect(
            tighter.warnings.contains { $0.message.hasPrefix("The budget of 5,000,000 INR") }, "\(tighter.warnings)")
    }

    /// A scenario without a planning section is refused, naming it and what to add.
    @Test func noPlanningSectionIsNamed() throws {
        let text = """
            return scenario {
              entity = { registration = "NV", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              market = { price = 2000 },
              years = { ["2025-26"] = {
                fuels = { { "coal_imported", 100000, "t" } }, products = { { "opc", 340000, "t" } } } },
            }
            """
        let workflow = PlanWorkflow(
            request: PlanRequest(scenario: "bare.lua", iterations: 100),
            inputs: WorkflowInputs(
                files: [SourceFile(name: "bare.lua", text: text)], ruleFiles: try RuleSource.builtIn.files(),
                tables: .stored([:])))
        #expect {
            _ = try workflow.compute()
        } throws: { error in
            "\(error)".hasPrefix("bare.lua: has no planning section; add planning = {")
        }
    }
}
