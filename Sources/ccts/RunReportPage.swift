import CCTS
import Foundation
import Reports
import RunStore
import Simulation

/// A stored run written as one HTML page (`ccts report`, `ccts run --report`): the run is
/// recomputed from its stored files and settings and must equal its stored results bit for bit
/// before the page is written.
struct RunReportPage {
    let id: Int64
    let store: RunStore
    let storePath: String

    /// Writes the page to `path`; returns what to tell the user.
    func write(to path: String) throws -> String {
        let stored = try store.run(id)
        guard stored.status == "completed", let expected = stored.resultsJSON else {
            throw CommandError("run \(id) is \(stored.status); only a completed run can be reported")
        }
        let kinds = [NewRun.Kind.deterministic, .montecarlo, .compare].map(\.rawValue)
        guard kinds.contains(stored.kind) else {
            throw CommandError("run \(id) is a \(stored.kind) run; ccts report writes deterministic, Monte Carlo and compare runs so far; "
                               + "`ccts runs show \(id)` prints this one")
        }
        _ = try store.verifyInputs(id)
        let files = try store.files(id)
        let pageFiles = files.map { HTMLReport.File(role: $0.role.rawValue, name: $0.name, sha256: $0.sha256) }
        let rerun = "ccts runs rerun \(id) --db \(storePath)"
        let page: String
        if stored.kind == NewRun.Kind.compare.rawValue {
            // A workflow: its stored command on its stored files, and the same results.
            guard try WorkflowRun.rerun(stored, files: files) == expected else { throw differs() }
            let results = try JSONDecoder().decode(Compare.Results.self, from: Data(expected.utf8))
            page = CompareHTML(results: results, title: stored.scenarioName, runID: id, created: stored.created, files: pageFiles,
                               rerunCommand: rerun).render()
            try OutputFile.write(page, to: path)
            return "Wrote \(path): run \(id), \(stored.scenarioName) (recomputed and identical to the stored results)."
        }
        let request = try RunRequest.from(stored: stored, files: files, settings: try store.settings(id))
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
        try OutputFile.write(page, to: path)
        return "Wrote \(path): run \(id), \(stored.scenarioName) (recomputed and identical to the stored results)."
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
