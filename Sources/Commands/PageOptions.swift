import ArgumentParser
import CommandSupport
import Foundation
import Reports

/// `--report FILE.html` and `--pdf FILE.pdf` on the commands that store a run: the stored run
/// written as one page, as `ccts report` writes it, and printed to PDF.
struct PageOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Also write the stored run as one HTML page (as ccts report does).", valueName: "file.html"))
    var report: String?
    @Option(
        name: .long,
        help: ArgumentHelp("Also print that page to PDF through a headless Chromium.", valueName: "file.pdf"))
    var pdf: String?
    @Option(name: .long, help: ArgumentHelp("Printed page size: a4 (default) or letter.", valueName: "size"))
    var paper: PaperSize = .a4

    /// A page is written from the stored run, so the run must be stored.
    func check(noStore: Bool) throws {
        guard noStore else { return }
        if report != nil {
            throw ValidationError("--report writes the stored run as a page; it cannot go with --no-store")
        }
        if pdf != nil { throw ValidationError("--pdf prints the stored run's page; it cannot go with --no-store") }
    }

    /// Writes the page (and the PDF) of run `id` from what the command computed; says what was
    /// written unless the output is JSON.
    func write(id: Int64?, store: StoreOptions, json: Bool, computed: RunReportPage.Computed) throws {
        guard let id, report != nil || pdf != nil else { return }
        let said = try PageWriter(
            page: RunReportPage(id: id, store: try store.open(), storePath: store.path, paper: paper.document),
            computed: computed
        )
        .write(html: report, pdf: pdf)
        if !json { emit(said) }  // the JSON document stays the only output
    }
}

/// `--paper a4|letter`: the printed page's size (A4 for the audience ccts writes for; Letter on request).
enum PaperSize: String, ExpressibleByArgument, CaseIterable {
    case a4, letter
    var document: ReportDocument.Paper { self == .a4 ? .a4 : .letter }
}

/// The page of a stored run to an HTML file, a PDF, or both (the PDF printed from the HTML).
struct PageWriter {
    let page: RunReportPage
    /// nil: recompute the run and check it against its stored results (`ccts report`).
    var computed: RunReportPage.Computed? = nil

    func write(html: String?, pdf: String?) throws -> String {
        guard let pdf else { return try page.write(to: html!, computed: computed) }
        // Find the printer before computing anything: a missing Chromium is said at once.
        let chromium = try PDFPrinter.locate()
        let printed = "Wrote \(pdf): the same page printed to PDF by \(chromium)."
        if let html {
            let said = try page.write(to: html, computed: computed)
            try PDFPrinter(chromium: chromium).print(html: html, to: pdf)
            return said + "\n" + printed
        }
        // PDF alone: the page goes through a temporary file
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ccts-page-\(UUID().uuidString).html"
        ).path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        _ = try page.write(to: temporary, computed: computed)
        try PDFPrinter(chromium: chromium).print(html: temporary, to: pdf)
        return printed
    }
}
