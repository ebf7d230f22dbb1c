import ArgumentParser
import Foundation
import Reports
import RunStore
import CCTS
import Simulation

/// `ccts report RUN_ID --out FILE.html`: one self-contained HTML page for a stored run.
///
/// The page's numbers come from the one evaluator: the run is recomputed from its stored files
/// and settings, and the recomputation must equal the stored results bit for bit before a page
/// is written (a report never shows numbers its run did not produce).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a stored run as one self-contained HTML page (inline SVG charts, no script, no network).",
        discussion: """
        Deterministic runs: summary, emissions by source (stacked bars), the GEI trajectory (baseline, targets, \\
        achieved), the CCC account of each year as a waterfall with its entries, warnings, the assumptions in force, \\
        the files with their SHA-256 and the command that re-runs the run. Each chart has its numbers in a table.
        """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Run id (ccts runs list).") var id: Int64
    @Option(name: .long, help: "Where to write the page (default: ccts-run-ID.html).") var out: String?

    func run() throws {
        try reportingErrors {
            let store = try store.open()
            let stored = try store.run(id)
            guard stored.status == "completed", let expected = stored.resultsJSON else {
                throw CommandError("run \(id) is \(stored.status); only a completed run can be reported")
            }
            guard stored.kind == NewRun.Kind.deterministic.rawValue || stored.kind == NewRun.Kind.montecarlo.rawValue else {
                throw CommandError("run \(id) is a \(stored.kind) run; ccts report writes deterministic and Monte Carlo runs so far; "
                                   + "`ccts runs show \(id)` prints this one")
            }
            _ = try store.verifyInputs(id)
            let files = try store.files(id)
            let request = try RunRequest.from(stored: stored, files: files, settings: try store.settings(id))
            let pageFiles = files.map { HTMLReport.File(role: $0.role.rawValue, name: $0.name, sha256: $0.sha256) }
            let rerun = "ccts runs rerun \(id) --db \(self.store.path)"
            let page: String
            if let mc = request.monteCarlo {
                page = try monteCarloPage(stored, request, mc, expected: expected, files: pageFiles, rerun: rerun)
            } else {
                let inputs = try request.load()
                let outcome = try Evaluation.expected(inputs.scenario!, rules: inputs.rules, strict: request.strict, tracing: false)
                let changes = RunExecution.changes(inputs, plan: try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!))
                let recomputed = try OutcomeJSON(outcome: outcome, rules: inputs.rules, scenarioFile: request.scenario.name, changes: changes).resultsJSON()
                guard recomputed == expected else { throw differs() }
                page = HTMLReport(outcome: outcome, runID: id, created: stored.created, engineVersion: stored.engineVersion,
                                  ruleDescription: "\(stored.ruleSource) (\(request.ruleFiles.count) files)", gwp: inputs.rules.gwpInForce,
                                  assumptions: inputs.rules.assumptions, files: pageFiles, rerunCommand: rerun).render()
            }
            let path = out ?? "ccts-run-\(id).html"
            try OutputFile.write(page, to: path)
            emit("Wrote \(path): run \(id), \(stored.scenarioName) (recomputed and identical to the stored results).")
        }
    }

    func differs() -> CommandError {
        CommandError("run \(id)'s stored results differ from its recomputation; `ccts runs rerun \(id)` shows where. No report written")
    }

    /// The Monte Carlo page: the worlds recomputed (and checked against the stored results), the
    /// running mean of total cost at 40 points, each year's target.
    func monteCarloPage(_ stored: StoredRun, _ request: RunRequest, _ mc: RunRequest.MonteCarlo, expected: String,
                        files: [HTMLPage.File], rerun: String) throws -> String {
        let product = try RunExecution.monteCarlo(request, mc)
        guard try product.json.resultsJSON() == expected else { throw differs() }
        let costs = product.results.value(of: (metric: .cost, year: nil))
        var points: [MonteCarloHTML.Point] = []
        var sum = 0.0, squares = 0.0, next = 1
        let step = max(costs.count / 40, 1)
        for (i, x) in costs.enumerated() {
            sum += x
            squares += x * x
            let k = i + 1
            if k == next || k == costs.count, k >= 2 {
                let mean = sum / Double(k), variance = max((squares - Double(k) * mean * mean) / Double(k - 1), 0)
                points.append(MonteCarloHTML.Point(worlds: k, mean: mean, standardError: (variance / Double(k)).squareRoot()))
            }
            if k >= next { next += step }
        }
        let scenario = product.session.scenario, rules = product.session.inputs.rules
        let targets = scenario.years.map { Targets.target(for: scenario.entity, in: $0.year, rules: rules)?.gei }
        var page = MonteCarloHTML(summary: product.summary, scenario: scenario.name, entity: "Entity \(scenario.entity.registration) (sector \(scenario.entity.sector))",
                                  runID: id, created: stored.created, engineVersion: stored.engineVersion,
                                  ruleDescription: "\(stored.ruleSource) (\(request.ruleFiles.count) files)", targets: targets, convergence: points,
                                  explainCommand: "ccts explain \(request.scenario.name) --seed \(mc.seed) --world", warnings: product.warnings,
                                  assumptions: rules.assumptions, files: files, rerunCommand: rerun)
        page.explainOptions = request.optionsChangingNumbers
        return page.render()
    }
}
