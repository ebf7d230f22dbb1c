import CCTS
import CommandSupport
import Foundation
import Reports
import RunStore
import Simulation
import Workflows
import Market
import Requests

/// A comparison's outputs from its rule sets' records: the JSON document, the text it prints, the
/// metrics and market prices the store keeps. The command, a re-run and a merge of shards all
/// come here, so each gives the same bytes.
struct CompareOutput {
    /// The text's layout options (`--top`, `--wide`, `--number-format`): they change no number.
    struct Display: Codable, Equatable {
        var top = 10
        var wide = false
        var numberFormat: String?
    }

    typealias VariantRecord = Comparison.VariantRecord
    typealias Band = Comparison.Band
    typealias Results = Comparison.Results
    typealias Document = Compare.Document

    var request: CompareRequest
    var display: Display

    var files: [String] { request.portfolios }
    var seed: UInt64 { request.seed }
    var top: Int { display.top }
    var wide: Bool { display.wide }

    /// Computes every rule set of the request (not a shard) and assembles the comparison.
    func compute(inputs: WorkflowInputs) throws -> WorkflowRun.Output {
        let start = DispatchTime.now().uptimeNanoseconds
        var whole = request
        whole.shard = nil
        let (records, tables) = try CompareWorkflow.records(whole, inputs: inputs, limit: Watchdog())
        return try assemble(
            records, tables: tables, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The comparison from every rule set's record (base first): the document, what it prints, its metrics.
    /// One process and a merge of shards both come here, so both give the same bytes.
    func assemble(_ records: [VariantRecord], tables: [(name: String, bytes: Data)], seconds: Double) throws
        -> WorkflowRun.Output
    {
        let document = Document(
            portfolio: files.joined(separator: ", "), seconds: seconds,
            results: try Comparison.results(records, seed: seed))
        let inputs = Compare.Inputs(
            portfolios: files, reforms: request.reforms, sets: request.sets, rules: request.rules ?? "built-in",
            worlds: request.iterations, seed: seed)
        let text = try OutputDocument(
            command: "compare", inputs: inputs, results: document.results, warnings: records.flatMap(\.notes),
            timing: .init(seconds: document.seconds, threads: request.threads)
        ).encoded()
        var metrics: [MetricRow] = []
        for row in document.results.rows {
            metrics.append(MetricRow(year: row.year, metric: "base.\(row.id)", value: row.base.mean))
            for (index, band) in row.variants.enumerated() {
                metrics.append(MetricRow(year: row.year, metric: "reform\(index + 1).\(row.id)", value: band.mean))
            }
        }
        // The base rules' clearing price in every world: what --prices-from gives run, pathway and plan.
        let base = records[0], aggregates = MarketAggregate.all(sectors: base.sectors)
        let price = aggregates.firstIndex { $0.id == "clearing_price" }!
        let prices = MarketPriceRows(
            years: base.years, worlds: base.worlds,
            prices: try base.years.indices.flatMap { try base.series.values($0 * aggregates.count + price) })
        return WorkflowRun.Output(
            document: text, results: try WorkflowRun.results(of: Data(text.utf8)), report: render(document),
            scenarioName: records[0].entities.count == 1
                ? files[0] : records[0].portfolio ?? "portfolio: " + files.joined(separator: ", "),
            metrics: metrics, tables: tables,
            entity: records[0].entities.count == 1 ? records[0].entities[0].registration : nil,
            marketPrices: prices)
    }

    /// Base rules: each aggregate's mean and, with worlds, its 5–95 % range.
    func baseTable(_ d: Results, year: String, value: (Double, String) -> String) -> String {
        let mc = d.worlds > 1
        var table = TextTable(header: ["", "unit", "mean"] + (mc ? ["5–95 % of worlds"] : []), rightAligned: [2])
        for row in d.rows where row.year == year {
            table.add(
                [row.aggregate, Self.shownUnit(row.unit), value(row.base.mean, row.unit)]
                    + (mc ? [spread(row.base, row.unit, value)] : []))
        }
        return table.render(width: ExplainReport.width)
    }

    /// One reform: its mean, the change from the base and, with worlds, the change's 95 % interval.
    func reformTable(_ d: Results, year: String, reform index: Int, value: (Double, String) -> String) -> String {
        let mc = d.worlds > 1
        var table = TextTable(
            header: ["", "unit", "reform \(index + 1)", "change"] + (mc ? ["95 % interval of change"] : []),
            rightAligned: [2, 3])
        for row in d.rows where row.year == year {
            let change = row.changes[index]
            let sign = change.mean >= 0 ? "+" : ""
            table.add(
                [
                    row.aggregate, Self.shownUnit(row.unit), value(row.variants[index].mean, row.unit),
                    sign + value(change.mean, row.unit),
                ]
                    + (mc ? ["\(value(change.low, row.unit)) to \(value(change.high, row.unit))"] : []))
        }
        return table.render(width: ExplainReport.width)
    }

    /// A row's unit as the text tables show it (fractions and probabilities are shown in %).
    /// (Short forms keep a reform's table within 100 columns.)
    static func shownUnit(_ unit: String) -> String {
        switch unit {
        case "fraction", "probability": return "%"
        case "INR/tCO2e": return "INR/t"
        case "entities": return "count"
        default: return unit
        }
    }

    /// A band as text: its 5–95 % range, or ± the standard error of a probability.
    func spread(_ band: Band, _ unit: String, _ value: (Double, String) -> String) -> String {
        if let se = band.standardError { return "± \(value(se, unit)) (s.e.)" }
        return "\(value(band.p5 ?? band.mean, unit)) to \(value(band.p95 ?? band.mean, unit))"
    }

    /// Every variant side by side (`--wide`).
    func sideBySide(_ d: Results, year: String, value: (Double, String) -> String) -> String {
        let mc = d.worlds > 1
        var header = ["", "unit", "base"]
        for index in d.reforms.indices { header += ["reform \(index + 1)", "change"] }
        var table = TextTable(header: header, rightAligned: Set(2..<header.count))
        for row in d.rows where row.year == year {
            var cells = [
                row.aggregate, Self.shownUnit(row.unit),
                value(row.base.mean, row.unit) + (mc ? " [\(spread(row.base, row.unit, value))]" : ""),
            ]
            for (band, change) in zip(row.variants, row.changes) {
                cells.append(value(band.mean, row.unit))
                let sign = change.mean >= 0 ? "+" : ""
                cells.append(
                    sign + value(change.mean, row.unit)
                        + (mc ? " [\(value(change.low, row.unit)), \(value(change.high, row.unit))]" : ""))
            }
            table.add(cells)
        }
        return table.render()
    }

    /// Why the worlds' mean issuance is not the issuance at expected values: per year, both, and
    /// the reason (issuance and surrender are each convex in an entity's GEI; their difference is not).
    static func expectedValueParagraphs(_ d: Results) -> [String] {
        guard let expected = d.expectedValues, !expected.isEmpty else { return [] }
        func mean(_ year: String, _ id: String) -> Double? {
            d.rows.first { $0.year == year && $0.id == id }?.base.mean
        }
        var lines = ["", "Over the worlds against every input at its expected value (base rules):"]
        for e in expected {
            guard let issued = mean(e.year, "issued"), let owed = mean(e.year, "surrender_obligations") else {
                continue
            }
            let n = { NumberFormat.grouped($0) }
            lines.append(
                ("\(e.year): CCCs issued \(n(issued)) on average, \(n(e.issued)) at expected values; surrender "
                    + "obligations \(n(owed)) against \(n(e.surrender)); net position \(n(issued - owed)) against "
                    + "\(n(e.issued - e.surrender)).").wrapped(width: ExplainReport.width, first: "  ", rest: "    "))
        }
        lines.append(
            ("An entity issues CCCs only when its GEI is below its target and owes them only when it is above: "
                + "uncertainty spreads each entity's GEI across its target, which raises the mean issued and the "
                + "mean owed alike (each is convex in the GEI), while their difference, the net position the market "
                + "clears, moves only by what the uncertainty shifts. Common factors the portfolio declares "
                + "(common.<name>: a sector's demand, the economy, verifiers) move entities together and widen "
                + "the range of the net position and of the price.").wrapped(
                    width: ExplainReport.width, first: "  ", rest: "  "))
        return lines
    }

    // Long: the text page's blocks in reading order, a few lines each.
    func render(_ document: Document) -> String {
        let d = document.results
        let mc = d.worlds > 1
        var lines = [
            "\(document.portfolio): \(d.entities) entities, "
                + (mc ? "\(NumberFormat.grouped(Double(d.worlds))) worlds each, seed \(d.seed)" : "expected values")
                + String(format: " (%.1f s)", document.seconds)
        ]
        for (index, reform) in d.reforms.enumerated() { lines.append("Reform \(index + 1): \(reform)") }
        for (index, changes) in d.ruleChanges.enumerated() where index > 0 || !changes.isEmpty {
            let own =
                index == 0
                ? changes
                : changes.filter { change in !d.ruleChanges[0].contains { $0.path == change.path && $0.by == change.by }
                }
            lines.append(index == 0 ? "Changes in every variant (--set):" : "Changes of reform \(index):")
            if own.isEmpty { lines.append("  - none: this reform changed no rule value") }
            for c in own.prefix(own.count > 6 ? 3 : 6) {
                let line =
                    "\(c.path): \(c.old) → \(c.new) — "
                    + (c.entitiesReading == 0
                        ? "changed but not used: no entity and year reads it"
                        : "read by \(c.entitiesReading) of \(d.entities) entities")
                lines.append(line.wrapped(width: ExplainReport.width, first: "  - ", rest: "    "))
            }
            if own.count > 6 {
                let rest = own.dropFirst(3)
                let unread = rest.filter { $0.entitiesReading == 0 }.count
                lines.append(
                    "  - … and \(rest.count) more changes (--json lists them)"
                        + (unread > 0 ? "; \(unread) of them read by no entity" : ""))
            }
        }
        func value(_ x: Double, _ unit: String) -> String {
            if unit == "fraction" || unit == "probability" { return NumberFormat.percent(x, decimals: 1) }
            return NumberFormat.grouped(x)
        }
        let years = Array(Set(d.rows.map(\.year))).sorted()
        if wide {
            for year in years { lines += ["", "═══ \(year) ═══", sideBySide(d, year: year, value: value)] }
        } else {
            // One block per year and variant, each within 100 columns.
            for year in years {
                lines += ["", "═══ \(year): base rules ═══", baseTable(d, year: year, value: value)]
                for index in d.reforms.indices {
                    lines += [
                        "", "═══ \(year): reform \(index + 1) against the base ═══",
                        reformTable(d, year: year, reform: index, value: value),
                    ]
                }
            }
        }
        for (index, changes) in d.entityChanges.enumerated() {
            let lastYear = d.rows.last?.year ?? ""
            let ranked = changes.filter { $0.year == lastYear && $0.change != 0 }.sorted {
                abs($0.change) > abs($1.change)
            }.prefix(top)
            lines.append("")
            guard !ranked.isEmpty else {
                lines.append("Reform \(index + 1) changes no entity's mean compliance cost in \(lastYear).")
                continue
            }
            lines.append(
                "Entities whose compliance cost reform \(index + 1) changes most in \(lastYear) (mean, INR; + pays "
                    + "more):"
            )
            var table = TextTable(
                header: ["registration", "sector", "base", "reform", "change"], rightAligned: [2, 3, 4])
            for c in ranked {
                table.add([
                    c.registration, c.sector, NumberFormat.grouped(c.base), NumberFormat.grouped(c.reform),
                    NumberFormat.grouped(c.change),
                ])
            }
            lines.append(table.render(indent: "  "))
        }
        lines += Self.expectedValueParagraphs(d)
        if !d.notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            for note in d.notes { lines.append(note.wrapped(width: ExplainReport.width, first: "  - ", rest: "    ")) }
        }
        lines.append("")
        lines.append(
            ("Market: entities abate along their sector's cost curve (rules: abatement) up to the clearing price, "
                + "trade at it, and pay "
                + "compensation only on what no supply covers; see docs/market.md, the market model.").wrapped(
                    width: ExplainReport.width, first: "", rest: "  "))
        if d.worlds <= 1,
            d.ruleChanges.dropFirst().contains(where: { $0.contains { $0.path.hasPrefix("verification") } })
        {
            lines.append(
                ("Note: at expected values verifier findings are zero, so a materiality rule cannot change anything; "
                    + "run with --iterations to see its effect.").wrapped(
                        width: ExplainReport.width, first: "", rest: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
