import CCTS
import Loading
import Simulation

/// Loads a scenario once per worker thread where the rules need it, compiles the plans,
/// and validates everything with one deterministic pass before the first world runs.
public struct MonteCarloSession {
    public let inputs: LoadedInputs
    public let plans: [Plan]
    /// Warnings of the deterministic pass (stale factors, ineligible offsets, …).
    public let warnings: [Warning]

    /// - Parameters:
    ///   - load: loads the inputs (from the tables given, or nil: where the request reads them); called
    ///     again for each extra thread when the rules have Lua functions, so that each thread owns its
    ///     Lua state — those loads read the very table bytes the first one read.
    public init(load: (TableFiles.Source?) throws -> LoadedInputs, strict: Bool, threads: Int, factorUncertainty: Bool)
        throws
    {
        let inputs = try load(nil)
        let outcome = try Evaluation.expected(inputs.scenario!, rules: inputs.rules, strict: strict, tracing: false)
        var plans = [
            try PlanCompiler(rules: inputs.rules, factorUncertainty: factorUncertainty).compile(inputs.scenario!)
        ]
        if plans[0].callsRuleFunctions {
            for _ in 1..<max(threads, 1) {
                let own = try load(
                    .stored(
                        Dictionary(inputs.tables.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })))
                plans.append(
                    try PlanCompiler(rules: own.rules, factorUncertainty: factorUncertainty).compile(own.scenario!))
            }
        } else {
            plans += Array(repeating: plans[0], count: max(threads, 1) - 1)
        }
        self.inputs = inputs
        self.plans = plans
        warnings = outcome.warnings.uniqued()
    }

    public var scenario: Scenario { inputs.scenario! }
}
