import CCTS
import CommandSupport
import Foundation
import Reports
import RunStore
import Simulation
import Workflows

/// A stored run written as one HTML page (`ccts report`, `--report` on the commands that store
/// runs). A compare, pathway or plan page is drawn from the run's stored results at once, after
/// checking them against the SHA-256 recorded when the run completed (`--verify` recomputes them
/// and requires them bit for bit); a run's page needs its outcome, so it is recomputed and
/// checked. A command that has just computed and stored the run hands over what it computed.
struct RunReportPage {
    let id: Int64
    let store: RunStore
    let storePath: String
    /// The printed page's size.
    var paper: ReportDocument.Paper = .a4
    /// Recompute a workflow run before drawing it, not only check its stored results' digest.
    var verify = false

    /// What the command that stored the run computed.
    enum Computed {
        case run(RunProduct.Computed)
        /// A workflow's `results` JSON, as stored.
        case workflow(String)
    }

    /// Writes the page to `path`; returns what to tell the user.
    func write(to path: String, computed: Computed? = nil) throws -> String {
        let stored = try store.run(id)
        guard stored.status == "completed", let expected = stored.resultsJSON else {
            throw CommandError("run \(id) is \(stored.status); only a completed run can be reported")
        }
        if stored.resultsIntact == false {
            throw CommandError(
                "run \(id)'s stored results no longer match the SHA-256 recorded when it completed; "
                    + "`ccts runs rerun \(id)` shows what differs. No report written")
        }
        let files = try store.files(id)
        var (page, how) = try document(stored, files: files, expected: expected, computed: computed)
        // the scenario's own description (its opening comment) under the answer, as its author wrote it
        if let scenario = files.first(where: { $0.role == .scenario }),
            let description = ScenarioDescription.of(scenario.text)
        {
            page.lead.insert(.text("About this scenario: " + description), at: min(1, page.lead.count))
        }
        page.paper = paper
        page.running = "\(stored.scenarioName) · run \(id) · \(stored.created.prefix(10))"
        try OutputFile.write(try page.render(), to: path)
        return "Wrote \(path): run \(id), \(stored.scenarioName)" + how
    }

    /// The refusal of a page whose recomputation differs from the stored results; when another ccts
    /// made the run, that is the likelier reason, and said.
    func differs(_ stored: StoredRun) -> CommandError {
        let other =
            stored.engineVersion == BuildInfo.version
            ? ""
            : "; run \(id) was made by ccts \(stored.engineVersion) and this is ccts \(BuildInfo.version), which "
                + "may compute it differently (CHANGELOG.md)"
        return CommandError(
            "run \(id)'s stored results differ from its recomputation\(other); `ccts runs rerun \(id)` shows where. "
                + "No report written")
    }

    /// The page, and how its numbers were obtained (for the message).
    func document(_ stored: StoredRun, files: [StoredFile], expected: String, computed: Computed?) throws
        -> (ReportDocument, String)
    {
        let pageFiles = files.map { HTMLPage.File(role: $0.role.rawValue, name: $0.name, sha256: $0.sha256) }
        let rerun = "ccts runs rerun \(id) --db \(storePath)"
        if [NewRun.Kind.compare, .pathway, .plan].map(\.rawValue).contains(stored.kind) {
            // A workflow: its stored command on its stored files, and the same results.
            var results = expected, how = "."
            if case .workflow(let inHand)? = computed {
                results = inHand
            } else if verify || stored.resultsIntact == nil {
                // asked, or a store from before results were digested: recompute and compare
                _ = try store.verifyInputs(id)
                guard try WorkflowRun.rerun(stored, files: files) == expected else { throw differs(stored) }
                how = " (recomputed and identical to the stored results)."
            } else {
                how = " (from its stored results, their SHA-256 checked; --verify recomputes them)."
            }
            let run = PageContext(runID: id, created: stored.created, files: pageFiles, rerunCommand: rerun)
            switch stored.kind {
            case NewRun.Kind.compare.rawValue:
                return (
                    CompareHTML(
                        results: try JSONText.decode(Compare.Results.self, from: results), title: stored.scenarioName,
                        run: run
                    ).document(), how
                )
            case NewRun.Kind.pathway.rawValue:
                return (
                    PathwayHTML.page(try JSONText.decode(PathwayCommand.Document.self, from: results), run: run), how
                )
            default:
                return (
                    PlanHTML.page(try JSONText.decode(PlanCommand.Document.self, from: results), run: run),
                    how
                )
            }
        }
        if stored.kind == NewRun.Kind.shard.rawValue {
            throw CommandError(
                "run \(id) is a shard (\(stored.scenarioName)): it has no statistics of its own; merge its run's "
                    + "shards with `ccts merge` and report the merged run"
            )
        }
        let request = try RunRequest.from(stored: stored, files: files, settings: try store.settings(id))
        let ruleDescription = "\(stored.ruleSource) (\(request.ruleFiles.count) files)"
        let run: RunProduct.Computed
        var how = "."
        if case .run(let inHand)? = computed {
            run = inHand
        } else {
            how = " (recomputed and identical to the stored results)."
            _ = try store.verifyInputs(id)
            let product = try RunExecution.execute(request)
            guard product.results.resultsJSON == expected else { throw differs(stored) }
            run = product.computed
        }
        switch run {
        case .expected(let outcome, let inputs):
            let used = AssumptionsUsed.of(
                try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!), among: inputs.rules.assumptions)
            var page = HTMLReport(
                outcome: outcome, runID: id, created: stored.created, engineVersion: stored.engineVersion,
                ruleDescription: ruleDescription,
                gwp: inputs.rules.gwpInForce, assumptions: used.shown, files: pageFiles, rerunCommand: rerun
            ).document()
            page.assumptionsNote = used.note
            return (page, how)
        case .worlds(let product):
            return (
                monteCarloPage(
                    stored, request, product, ruleDescription: ruleDescription, files: pageFiles, rerun: rerun), how
            )
        case .shard:
            throw CommandError("run \(id) is a shard: it has no page of its own")
        }
    }

    /// The Monte Carlo page: the run's statistics, the running mean of total cost at 40 points,
    /// each year's target.
    func monteCarloPage(
        _ stored: StoredRun, _ request: RunRequest, _ product: RunExecution.MonteCarloProduct, ruleDescription: String,
        files: [HTMLPage.File], rerun: String
    ) -> ReportDocument {
        let scenario = product.session.scenario, rules = product.session.inputs.rules
        let targets = scenario.years.map { Targets.target(for: scenario.entity, in: $0.year, rules: rules)?.gei }
        let used =
            product.session.plans.first.map { AssumptionsUsed.of($0, among: rules.assumptions) } ?? (
                shown: rules.assumptions, note: ""
            )
        var page = MonteCarloHTML(
            summary: product.summary, scenario: scenario.name,
            entity: "Entity \(scenario.entity.registration) (sector \(scenario.entity.sector))",
            runID: id, created: stored.created, engineVersion: stored.engineVersion, ruleDescription: ruleDescription,
            targets: targets,
            convergence: product.run.convergence.map {
                MonteCarloHTML.Point(worlds: $0.worlds, mean: $0.mean, standardError: $0.standardError)
            },
            explainCommand: "ccts explain \(request.scenario.name) --seed \(product.summary.seed) --world",
            warnings: product.warnings.map(\.message),
            assumptions: used.shown, files: files, rerunCommand: rerun)
        page.explainOptions = request.optionsChangingNumbers
        var document = page.document()
        document.assumptionsNote = used.note
        return document
    }
}
