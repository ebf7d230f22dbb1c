import CCTS
import Loading
import Simulation

/// Loads a scenario once per worker thread where the rules need it, compiles the plans,
/// and runs the worlds: the part of `run` and `bench` that is not printing.
struct MonteCarloSession {
    let inputs: LoadedInputs
    let plans: [Plan]
    /// Warnings of the deterministic pass (stale factors, ineligible offsets, …).
    let warnings: [String]

    /// - Parameter threads: plans to prepare; with Lua rule functions each gets its own state.
    init(ruleOptions: RuleOptions, scenario: String, threads: Int, factorUncertainty: Bool) throws {
        let inputs = try ruleOptions.load(scenario: scenario)
        // One deterministic pass validates everything and collects warnings before the first world.
        var expected = ExpectedValues()
        let outcome = try Lifecycle(rules: inputs.rules, strict: ruleOptions.strict, tracing: false).run(inputs.scenario!, values: &expected)
        let compiler = PlanCompiler(rules: inputs.rules, factorUncertainty: factorUncertainty)
        var plans = [try compiler.compile(inputs.scenario!)]
        if plans[0].callsRuleFunctions {
            for _ in 1..<max(threads, 1) {
                let own = try ruleOptions.load(scenario: scenario)
                plans.append(try PlanCompiler(rules: own.rules, factorUncertainty: factorUncertainty).compile(own.scenario!))
            }
        } else {
            plans += Array(repeating: plans[0], count: max(threads, 1) - 1)
        }
        self.inputs = inputs
        self.plans = plans
        var seen: Set<String> = []
        warnings = outcome.warnings.filter { seen.insert($0).inserted }
    }

    var scenario: Scenario { inputs.scenario! }
}
