import CCTS
import CommandSupport
import Dispatch
import Loading
import Reports
import RunStore
import Simulation
import Workflows

/// What a run produced: the texts `ccts run` prints and the rows the store keeps.
struct RunProduct {
    var scenarioName: String
    var report: String
    var document: String
    var results: RunResults
    /// What the run computed, for its page (``RunReportPage``) without computing it again.
    var computed: Computed

    enum Computed {
        case expected(ScenarioOutcome, LoadedInputs)
        case worlds(RunExecution.MonteCarloProduct)
        /// A shard's first pass: no statistics of its own, nothing for a page.
        case shard
    }
}

/// Runs a ``RunRequest``: once at expected values, or over Monte Carlo worlds.
enum RunExecution {
    static func execute(_ request: RunRequest, progress: ((Int, Int, Double) -> Void)? = nil) throws -> RunProduct {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        if let mc = request.monteCarlo {
            if let shard = request.shard {
                return try ShardExecution.run(request, mc, shard: shard, progress: progress, elapsed: elapsed)
            }
            return try worlds(request, mc, progress: progress, elapsed: elapsed)
        }
        let inputs = try request.load()
        let outcome = try Evaluation.expected(
            inputs.scenario!, rules: inputs.rules, strict: request.strict, tracing: false)
        let plan = try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!)
        let changes = changes(inputs, plan: plan)
        let json = OutcomeJSON(
            outcome: outcome, rules: inputs.rules, scenarioFile: request.scenario.name, changes: changes)
        let report =
            ScenarioReport.render(
                outcome, rules: inputs.rules, scenarioFile: request.scenario.name,
                ruleDescription: "\(request.ruleSource) (\(request.ruleFiles.count) files)")
            + RuleChangesReport.render(
                changes, reforms: inputs.rules.reforms,
                scenarioStatesTargets: !inputs.scenario!.entity.ownTargets.isEmpty)
        var results = RunResults(
            resultsJSON: try json.resultsJSON(), document: try json.encoded(), report: report,
            worldsEvaluated: nil, wallSeconds: elapsed(), metrics: StoredRows.metrics(outcome),
            ledger: StoredRows.ledger(outcome), emissions: StoredRows.emissions(outcome))
        results.tables = StoredTables.files(inputs.tables)
        results.entity = outcome.registration
        return RunProduct(
            scenarioName: outcome.scenario, report: report, document: results.document, results: results,
            computed: .expected(outcome, inputs))
    }

    /// The worlds of a Monte Carlo request, their summary and the results document, as `run` stores them.
    struct MonteCarloProduct {
        var session: MonteCarloSession
        var summary: MonteCarloSummary
        var warnings: [Warning]
        var changes: [OutcomeJSON.Change]
        var json: MonteCarloJSON
        var worlds: Int
        var worldSeconds: Double
        /// The running mean of total cost, for the report page.
        var convergence: [ConvergencePoint]
        /// Passes over the worlds when the run was summarised in bounded memory; nil when its world table was kept.
        var boundedPasses: Int?
        /// MB the world table would take in memory.
        var tableMB: Int
        /// The rows `--keep-worlds` stores: from the world table, or drawn again block by block.
        var worldRows: () -> WorldRows
    }

    static func monteCarlo(
        _ request: RunRequest, _ mc: RunRequest.MonteCarlo, progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> MonteCarloProduct {
        let session = try MonteCarloSession(
            load: request.load(tables:), strict: request.strict, threads: mc.threads,
            factorUncertainty: mc.factorUncertainty)
        Timeline.mark("rules and scenario loaded, plans compiled")
        let years = session.scenario.years.map { $0.year.description }
        var options = try MonteCarloOptionsGroup.options(
            iterations: mc.iterations, seed: mc.seed, threads: mc.threads,
            untilSE: mc.untilSE, seOutput: mc.seOutput, years: years)
        options.keepInputs = request.keepWorlds  // kept worlds carry their drawn inputs

        let summary: MonteCarloSummary, worlds: Int, seconds: Double, convergence: [ConvergencePoint], passes: Int?
        let rows: () -> WorldRows
        let stopping: StoppingRule?
        let tableBytes = MonteCarlo.inMemoryBytes(plan: session.plans[0], options: options)
        if let shards = request.mergedShards {
            // the shards' first passes joined; the later passes here, drawing the worlds again
            let run = try Shards.merge(plans: session.plans, options: options, shards: shards)
            (summary, convergence) = (run.summary, run.convergence)
            (worlds, seconds, passes, stopping) = (run.worlds, run.worldSeconds, run.passes, nil)
            rows = { StoredRows.worlds(WorldReader(plans: session.plans, options: options, worlds: run.worlds)) }
        } else if tableBytes <= mc.memoryLimit << 20 {
            let results = try MonteCarlo.run(plans: session.plans, options: options, progress: progress)
            (summary, convergence) = MonteCarlo.summarise(results, seed: mc.seed, threads: mc.threads)
            (worlds, seconds, passes, stopping) = (results.worlds, results.worldSeconds, nil, results.stopping)
            rows = { StoredRows.worlds(results) }
        } else {
            let run = try MonteCarlo.streamed(plans: session.plans, options: options, progress: progress)
            (summary, convergence) = (run.summary, run.convergence)
            (worlds, seconds, passes, stopping) = (run.worlds, run.worldSeconds, run.passes, run.summary.stopping)
            rows = { StoredRows.worlds(WorldReader(plans: session.plans, options: options, worlds: run.worlds)) }
        }
        Timeline.mark("statistics")
        let changes = changes(session.inputs, plan: session.plans[0])
        // A standard error not reached is said among the warnings too, not only in the header.
        let warnings = session.warnings + (stopping?.warning.map { [$0] } ?? [])
        let scenario = session.scenario
        let json = MonteCarloJSON(
            summary: summary, scenario: scenario.name, scenarioFile: request.scenario.name,
            registration: scenario.entity.registration, sector: scenario.entity.sector,
            rules: session.inputs.rules, changes: changes, threads: mc.threads,
            seconds: seconds, warnings: warnings)
        return MonteCarloProduct(
            session: session, summary: summary, warnings: warnings, changes: changes, json: json, worlds: worlds,
            worldSeconds: seconds, convergence: convergence, boundedPasses: passes,
            tableMB: (tableBytes + (1 << 20) - 1) >> 20, worldRows: rows)
    }

    private static func worlds(
        _ request: RunRequest, _ mc: RunRequest.MonteCarlo, progress: ((Int, Int, Double) -> Void)?,
        elapsed: () -> Double
    ) throws -> RunProduct {
        let product = try monteCarlo(request, mc, progress: progress)
        let (session, summary, warnings, changes, json) = (
            product.session, product.summary, product.warnings, product.changes, product.json
        )
        let scenario = session.scenario
        let report =
            MonteCarloReport.render(
                summary, scenario: scenario.name, scenarioFile: request.scenario.name, threads: mc.threads,
                seconds: product.worldSeconds, warnings: warnings,
                explainOptions: request.optionsChangingNumbers)
            + RuleChangesReport.render(
                changes, reforms: session.inputs.rules.reforms,
                scenarioStatesTargets: !scenario.entity.ownTargets.isEmpty)
            + (product.boundedPasses.map { passes in
                "\nBounded memory: the worlds were drawn \(passes) times (once to run them, \(passes - 1) more for the exact statistics' "
                    + "later passes) instead of kept in a table of \(product.tableMB) MB (--memory-limit \(mc.memoryLimit) MB); the numbers are the same either way."
            } ?? "")
        Timeline.mark("report rendered")
        var stored = RunResults(
            resultsJSON: try json.resultsJSON(), document: try json.encoded(), report: report,
            worldsEvaluated: product.worlds, wallSeconds: elapsed(), metrics: StoredRows.metrics(summary),
            worlds: request.keepWorlds ? product.worldRows() : nil)
        stored.tables = StoredTables.files(session.inputs.tables)
        stored.entity = scenario.entity.registration
        Timeline.mark("results document encoded")
        return RunProduct(
            scenarioName: scenario.name, report: report, document: stored.document, results: stored,
            computed: .worlds(product))
    }

    /// Every rule change of the run, marked with whether the run reads the changed value.
    static func changes(_ inputs: LoadedInputs, plan: Plan) -> [OutcomeJSON.Change] {
        inputs.changes.map {
            OutcomeJSON.Change(path: $0.path, old: $0.old, new: $0.new, by: $0.by, used: plan.uses(rulePath: $0.path))
        }
    }
}
