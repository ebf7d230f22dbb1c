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
        let first = try PlanCompiler(rules: inputs.rules, factorUncertainty: factorUncertainty).compile(
            inputs.scenario!)
        let plans = try LuaLanes.plans(first, threads: threads) { _ in
            let own = try load(.stored(inputs.tableBytes))
            return try PlanCompiler(rules: own.rules, factorUncertainty: factorUncertainty).compile(own.scenario!)
        }
        self.inputs = inputs
        self.plans = plans
        warnings = outcome.warnings.uniqued()
    }

    public var scenario: Scenario { inputs.scenario! }
}
