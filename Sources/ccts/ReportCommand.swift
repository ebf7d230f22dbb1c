import ArgumentParser

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
            emit(try RunReportPage(id: id, store: try store.open(), storePath: store.path).write(to: out ?? "ccts-run-\(id).html"))
        }
    }
}
