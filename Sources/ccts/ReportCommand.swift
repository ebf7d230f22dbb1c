import ArgumentParser
import Foundation
import Reports
import RunStore
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
            guard stored.kind == NewRun.Kind.deterministic.rawValue else {
                throw CommandError("run \(id) is a \(stored.kind) run; ccts report writes deterministic runs so far "
                                   + "(`ccts run FILE` without --iterations); `ccts runs show \(id)` prints this one")
            }
            _ = try store.verifyInputs(id)
            let files = try store.files(id)
            let request = try RunRequest.from(stored: stored, files: files, settings: try store.settings(id))
            let inputs = try request.load()
            let outcome = try Evaluation.expected(inputs.scenario!, rules: inputs.rules, strict: request.strict, tracing: false)
            let changes = RunExecution.changes(inputs, plan: try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!))
            let recomputed = try OutcomeJSON(outcome: outcome, rules: inputs.rules, scenarioFile: request.scenario.name, changes: changes).resultsJSON()
            guard recomputed == expected else {
                throw CommandError("run \(id)'s stored results differ from its recomputation; `ccts runs rerun \(id)` shows where. No report written")
            }
            let page = HTMLReport(outcome: outcome, runID: id, created: stored.created, engineVersion: stored.engineVersion,
                                  ruleDescription: "\(stored.ruleSource) (\(request.ruleFiles.count) files)", gwp: inputs.rules.gwpInForce,
                                  assumptions: inputs.rules.assumptions,
                                  files: files.map { HTMLReport.File(role: $0.role.rawValue, name: $0.name, sha256: $0.sha256) },
                                  rerunCommand: "ccts runs rerun \(id) --db \(self.store.path)")
            let path = out ?? "ccts-run-\(id).html"
            try OutputFile.write(page.render(), to: path)
            emit("Wrote \(path): run \(id), \(outcome.scenario), \(outcome.years.count) years (recomputed and identical to the stored results).")
        }
    }
}
