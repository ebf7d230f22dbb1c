import CCTS
import ArgumentParser
import CommandSupport

/// `ccts report RUN_ID --out FILE.html [--pdf FILE.pdf]`: one self-contained HTML page for a
/// stored run, and the same page printed to PDF.
///
/// The page's numbers come from the one evaluator: the run is recomputed from its stored files
/// and settings, and the recomputation must equal the stored results bit for bit before a page
/// is written (a report never shows numbers its run did not produce).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a stored run as one self-contained HTML page (inline SVG charts, no script, no network), or print "
            + "it to PDF.",
        discussion: """
            Deterministic runs: summary, emissions by source (stacked bars), the GEI trajectory (baseline, targets, \
            achieved), the CCC account of each year as a waterfall with its entries. Monte Carlo runs: histogram and \
            S-curve of total cost, GEI of each year against its target with P(non-compliance) and its standard error, \
            the inputs that drive cost and GEI (tornado), convergence of the mean, the extreme worlds. compare: each \
            reported quantity by year for the base and each reform, cost by sector, the entities most affected. \
            pathway: GEI against the target, the marginal abatement cost curve, NPV. plan: expected cost and CVaR \
            against the quantity bought, the optimum marked. Every page ends with the warnings, the assumptions in \
            force, the files with their SHA-256 and the command that re-runs the run; every chart has its numbers in \
            a table.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Run id (ccts runs list).") var id: Int64
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to write the page (default: ccts-run-ID.html unless --pdf alone is asked).", valueName: "file.html"))
    var out: String?
    @Option(
        name: .long, help: ArgumentHelp("Print the page to PDF through a headless Chromium.", valueName: "file.pdf"))
    var pdf: String?
    @Option(name: .long, help: ArgumentHelp("Printed page size: a4 (default) or letter.", valueName: "size"))
    var paper: PaperSize = .a4
    @OptionGroup var numberFormat: NumberFormatOption
    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Recompute a compare, pathway or plan run and require its stored results bit for bit before drawing it "
                + "(by default it is drawn from its stored results, their SHA-256 checked)."))
    var verify = false

    func run() throws {
        try reportingErrors {
            var page = RunReportPage(id: id, store: try store.open(), storePath: store.path, paper: paper.document)
            page.verify = verify
            emit(try PageWriter(page: page).write(html: out ?? (pdf == nil ? "ccts-run-\(id).html" : nil), pdf: pdf))
        }
    }
}
