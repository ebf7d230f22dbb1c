import CCTS
import CommandSupport
import Dispatch
import Loading
import Reports
import RunStore
import Simulation
import Workflows
import WorkSharing

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
        let run = try RunWorkflow.expected(request)
        let (inputs, outcome) = (run.inputs, run.outcome)
        let changes = changes(inputs, plan: run.plan)
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

    /// The worlds of a Monte Carlo request (``RunWorkflow/monteCarlo(_:_:progress:)``), with the results
    /// document and the rule changes it reports, as `run` stores them.
    struct MonteCarloProduct {
        var run: RunWorkflow.Worlds
        var changes: [OutcomeJSON.Change]
        var json: MonteCarloJSON
        var session: MonteCarloSession { run.session }
        var summary: MonteCarloSummary { run.summary }
        var warnings: [Warning] { run.warnings }
        /// The rows `--keep-worlds` stores: from the world table, or drawn again block by block.
        func worldRows() -> WorldRows {
            switch run.source() {
            case .table(let results): return StoredRows.worlds(results)
            case .drawnAgain(let reader): return StoredRows.worlds(reader)
            }
        }
    }

    static func monteCarlo(
        _ request: RunRequest, _ mc: RunRequest.MonteCarlo, progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> MonteCarloProduct {
        let run = try RunWorkflow.monteCarlo(request, mc, progress: progress)
        let changes = changes(run.session.inputs, plan: run.session.plans[0])
        let scenario = run.session.scenario
        let json = MonteCarloJSON(
            summary: run.summary, scenario: scenario.name, scenarioFile: request.scenario.name,
            registration: scenario.entity.registration, sector: scenario.entity.sector,
            rules: run.session.inputs.rules, changes: changes, threads: mc.threads,
            seconds: run.worldSeconds, warnings: run.warnings)
        return MonteCarloProduct(run: run, changes: changes, json: json)
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
                seconds: product.run.worldSeconds, warnings: warnings,
                explainOptions: request.optionsChangingNumbers)
            + RuleChangesReport.render(
                changes, reforms: session.inputs.rules.reforms,
                scenarioStatesTargets: !scenario.entity.ownTargets.isEmpty)
            + (product.run.boundedPasses.map { passes in
                "\nBounded memory: the worlds were drawn \(passes) times (once to run them, \(passes - 1) more for the "
                    + "exact statistics' "
                    + "later passes) instead of kept in a table of \(product.run.tableMB) MB (--memory-limit "
                    + "\(mc.memoryLimit) MB); the numbers are the same either way."
            } ?? "")
        Timeline.mark("report rendered")
        var stored = RunResults(
            resultsJSON: try json.resultsJSON(), document: try json.encoded(), report: report,
            worldsEvaluated: product.run.worlds, wallSeconds: elapsed(), metrics: StoredRows.metrics(summary),
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
