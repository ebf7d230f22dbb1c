import CCTS
import Loading
import Simulation
import Statistics
import WorkSharing
import Requests

/// `ccts run` as a library: a ``RunRequest`` → what the run computed — once at expected values,
/// over Monte Carlo worlds (their table kept in memory, or drawn again in bounded memory), the
/// first pass of one shard, or a run finished from its shards' first passes. No store, no text:
/// the command line renders and stores what this returns, and `runs rerun`, `ccts report` and
/// `ccts merge` call the same functions.
public enum RunWorkflow {
    /// A run at expected values: the outcome, the inputs it was loaded from, the compiled plan
    /// (which says which rule changes the run reads).
    public struct Expected {
        public var inputs: LoadedInputs
        public var outcome: ScenarioOutcome
        public var plan: Plan
    }

    /// Runs `request` once, at expected values.
    public static func expected(_ request: RunRequest) throws -> Expected {
        let inputs = try request.load()
        let outcome = try Evaluation.expected(
            inputs.scenario!, rules: inputs.rules, strict: request.strict, tracing: false)
        let plan = try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!)
        return Expected(inputs: inputs, outcome: outcome, plan: plan)
    }

    /// Where a Monte Carlo run's worlds can be read again: the table kept in memory, or drawn again.
    public enum WorldSource {
        case table(WorldResults)
        case drawnAgain(WorldReader)
    }

    /// The worlds of a Monte Carlo request and their summary.
    public struct Worlds {
        public var session: MonteCarloSession
        public var summary: MonteCarloSummary
        /// The deterministic pass's warnings, and a standard error not reached.
        public var warnings: [Warning]
        public var worlds: Int
        public var worldSeconds: Double
        /// The running mean of total cost, for the report page.
        public var convergence: [ConvergencePoint]
        /// Passes over the worlds when the run was summarised in bounded memory; nil when its world table was kept.
        public var boundedPasses: Int?
        /// MB the world table would take in memory.
        public var tableMB: Int
        /// The worlds, for `--keep-worlds`.
        public var source: () -> WorldSource
    }

    /// Runs `request`'s worlds (`mc`) and summarises them: in memory when the world table fits
    /// `mc.memoryLimit`, else in bounded memory; or, with `request.mergedShards`, finishes the run
    /// from its shards' first passes. The numbers are the same every way.
    public static func monteCarlo(
        _ request: RunRequest, _ mc: RunRequest.MonteCarlo, progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> Worlds {
        let session = try MonteCarloSession(
            load: request.load(tables:), strict: request.strict, threads: mc.threads,
            factorUncertainty: mc.factorUncertainty)
        Timeline.mark("rules and scenario loaded, plans compiled")
        var options = try mc.options(years: session.scenario.years.map { $0.year.description })
        options.keepInputs = request.keepWorlds  // kept worlds carry their drawn inputs

        let summary: MonteCarloSummary, worlds: Int, seconds: Double, convergence: [ConvergencePoint], passes: Int?
        let source: () -> WorldSource
        let stopping: StoppingRule?
        let tableBytes = MonteCarlo.inMemoryBytes(plan: session.plans[0], options: options)
        if let shards = request.mergedShards {
            // the shards' first passes joined; the later passes here, drawing the worlds again
            let run = try Shards.merge(plans: session.plans, options: options, shards: shards)
            (summary, convergence) = (run.summary, run.convergence)
            (worlds, seconds, passes, stopping) = (run.worlds, run.worldSeconds, run.passes, nil)
            source = { .drawnAgain(WorldReader(plans: session.plans, options: options, worlds: run.worlds)) }
        } else if tableBytes <= mc.memoryLimit << 20 {
            let results = try MonteCarlo.run(plans: session.plans, options: options, progress: progress)
            (summary, convergence) = MonteCarlo.summarise(results, seed: mc.seed, threads: mc.threads)
            (worlds, seconds, passes, stopping) = (results.worlds, results.worldSeconds, nil, results.stopping)
            source = { .table(results) }
        } else {
            let run = try MonteCarlo.streamed(plans: session.plans, options: options, progress: progress)
            (summary, convergence) = (run.summary, run.convergence)
            (worlds, seconds, passes, stopping) = (run.worlds, run.worldSeconds, run.passes, run.summary.stopping)
            source = { .drawnAgain(WorldReader(plans: session.plans, options: options, worlds: run.worlds)) }
        }
        Timeline.mark("statistics")
        // A standard error not reached is said among the warnings too, not only in the header.
        let warnings = session.warnings + (stopping?.warning.map { [$0] } ?? [])
        return Worlds(
            session: session, summary: summary, warnings: warnings, worlds: worlds, worldSeconds: seconds,
            convergence: convergence, boundedPasses: passes, tableMB: (tableBytes + (1 << 20) - 1) >> 20,
            source: source)
    }

    /// Pass 1 of one shard's worlds (`--shard K/N`), for `ccts merge`.
    public struct ShardPass {
        public var session: MonteCarloSession
        public var state: ShardState
    }

    /// Runs pass 1 of `shard`'s worlds of `request`.
    /// - Throws: ``WorkflowError`` when the shard cannot be run (more shards than worlds).
    public static func shard(
        _ request: RunRequest, _ mc: RunRequest.MonteCarlo, shard: ShardSpec,
        progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> ShardPass {
        let session = try MonteCarloSession(
            load: request.load(tables:), strict: request.strict, threads: mc.threads,
            factorUncertainty: mc.factorUncertainty)
        var unstopped = mc
        unstopped.untilSE = nil  // a shard runs all its worlds; the merge has no stopping rule either
        let options = try unstopped.options(years: session.scenario.years.map { $0.year.description })
        do {
            let state = try Shards.firstPass(
                plans: session.plans, options: options, index: shard.index, count: shard.count, progress: progress)
            return ShardPass(session: session, state: state)
        } catch let error as ShardError {
            throw WorkflowError(error.description)
        }
    }
}
