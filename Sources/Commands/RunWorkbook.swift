import CCTS
import CommandSupport
import Foundation
import Reports
import RunStore
import Spreadsheets

/// A stored run as an Excel workbook (`ccts runs export ID --format xlsx`): how the run was made
/// (command, settings, files with SHA-256, rule changes), its numbers by year and metric with units
/// (Monte Carlo statistics with their percentiles), the ledger and emission lines of a
/// deterministic run, and with `worlds` one row per world and year with every drawn input.
struct RunWorkbook {
    let store: RunStore
    let id: Int64

    /// The number format of a metric's unit.
    static func style(unit: String?) -> Workbook.NumberStyle {
        switch unit {
        case "INR"?: return .inr
        case "INR per CCC"?: return .decimal(places: 2)
        case "tCO2e"?: return .decimal(places: 3)
        case "CCC"?, "1 = yes"?: return .integer
        case "probability"?, "fraction"?: return .percent
        case let u? where u.hasPrefix("tCO2e per"): return .decimal(places: 6)
        default: return .decimal(places: 3)
        }
    }

    // Long: the workbook's sheets in the order a reader opens them, a few lines each.
    func write(to path: String, worlds: Bool) throws {
        let run = try store.run(id)
        let book = try Workbook(
            path: path, indianGrouping: NumberFormat.grouping != .international,
            rupeeSign: NumberFormat.grouping == .lakhCrore)
        typealias Column = Workbook.Column
        // How the run was made
        var made: [(String, Workbook.Cell)] = [
            ("run", .number(Double(id))), ("created", .text(run.created)), ("status", .text(run.status)),
            ("kind", .text(run.kind)),
            ("scenario", .text(run.scenarioName)), ("scenario file", .text(run.scenarioFile)),
            ("command", .text((["ccts"] + run.command).map(ShellQuote.quote).joined(separator: " "))),
            ("ccts version", .text(run.engineVersion)), ("rules", .text(run.ruleSource)),
        ]
        if let seed = run.seed { made.append(("seed", .text(String(seed)))) }
        if let worlds = run.worlds { made.append(("worlds", .number(Double(worlds)))) }
        if let seconds = run.wallSeconds { made.append(("seconds", .styled(seconds, .decimal(places: 3)))) }
        made += try store.settings(id).map { ("--set", .text($0)) }
        try book.addSheet("Run", columns: [Column("field"), Column("value")], rows: made.map { [.text($0.0), $0.1] })
        try book.addSheet(
            "Files", columns: [Column("role"), Column("file"), Column("SHA-256")],
            rows: try store.files(id).map { [.text($0.role.rawValue), .text($0.name), .text($0.sha256)] })
        let changes = Self.ruleChanges(run.document)
        if !changes.isEmpty {
            try book.addSheet(
                "Rule changes",
                columns: [Column("rule"), Column("was"), Column("is"), Column("by"), Column("read by the run")],
                rows: changes)
        }
        // Numbers by year and metric: first as a reader reads them (a metric a row, the years as
        // columns, its value or mean over the worlds), then every statistic (long, for filtering)
        let metrics = try store.metrics(id)
        let (columns, rows) = Self.byYear(metrics)
        try book.addSheet("By year", columns: columns, rows: rows)
        let levels = MetricRow.percentileLevels
        try book.addSheet(
            "Results",
            columns: [
                Column("year"), Column("metric"), Column("unit"), Column("value"), Column("mean"), Column("sd"),
                Column("standard error"), Column("min"), Column("max"),
            ] + levels.map { Column("P\($0)") },
            rows: metrics.map { row in
                let unit = StoreViews.unit(of: row.metric), style = Self.style(unit: unit)
                func cell(_ x: Double?) -> Workbook.Cell { x.map { .styled($0, style) } ?? .empty }
                return [
                    .text(row.year), .text(row.metric), unit.map { .text($0) } ?? .empty, cell(row.value),
                    cell(row.mean),
                    cell(row.sd), cell(row.se), cell(row.min), cell(row.max),
                ] + levels.indices.map { cell(row.percentiles.isEmpty ? nil : row.percentiles[$0]) }
            })
        let ledger = try store.ledger(id)
        if !ledger.isEmpty {
            try book.addSheet(
                "Ledger", columns: [Column("year"), Column("entry"), Column("CCC", .integer), Column("reason")],
                rows: ledger.map { [.text($0.year), .text($0.kind), .number($0.quantity), .text($0.reason)] })
        }
        let costs = Self.costLines(run.document)
        if !costs.isEmpty {
            try book.addSheet(
                "Cost", columns: [Column("year"), Column("line"), Column("CCC", .integer), Column("INR", .inr)],
                rows: costs)
        }
        // A workflow's own tables (compare, pathway, plan): every array of its document's results.
        if ["compare", "pathway", "plan"].contains(run.kind) {
            for sheet in DocumentSheets.sheets(
                of: run.document, skip: ["assumptions", "warnings", "notes", "cautions"])
            {
                try book.addSheet(sheet.name, columns: sheet.columns, rows: sheet.rows)
            }
        }
        let emissions = try store.emissionLines(id)
        if !emissions.isEmpty {
            try book.addSheet(
                "Emissions",
                columns: [Column("year"), Column("source"), Column("name"), Column("tCO2e", .decimal(places: 3))],
                rows: emissions.map { [.text($0.year), .text($0.source), .text($0.name), .number($0.co2e)] })
        }
        if worlds {
            guard try store.worldRowCount(id) > 0 else {
                throw CommandError("run \(id) kept no world rows; run it with --keep-worlds")
            }
            let inputs = try store.worldInputs(id)
            let k = inputs.keys.count
            let outputs = WorldRows.columns.map { Column($0, Self.style(unit: StoreViews.unit(of: $0))) }
            var rows: [[Workbook.Cell]] = []
            try store.forEachWorld(id) { world, year, values in
                let drawn =
                    k == 0 ? [] : inputs.values[(world * k)..<((world + 1) * k)].map { Workbook.Cell.number($0) }
                rows.append([.number(Double(world)), .text(year)] + values.map { .number($0) } + drawn)
            }
            try book.addSheet(
                "Worlds",
                columns: [Column("world", .integer), Column("year")] + outputs
                    + inputs.keys.map { Column($0, .decimal(places: 6)) }, rows: rows)
        }
        try book.close()
    }

    /// The metrics as a table with a row per metric (its unit beside it) and a column per year
    /// (then `all` for a run's totals): the value, or the mean over the worlds.
    static func byYear(_ metrics: [MetricRow]) -> ([Workbook.Column], [[Workbook.Cell]]) {
        var years: [String] = [], names: [String] = []
        for row in metrics {
            if !years.contains(row.year) { years.append(row.year) }
            if !names.contains(row.metric) { names.append(row.metric) }
        }
        years = years.filter { $0 != "all" } + (years.contains("all") ? ["all"] : [])
        var value: [String: Double] = [:]
        for row in metrics { value[row.year + "\u{1}" + row.metric] = row.value ?? row.mean }
        let rows = names.map { name -> [Workbook.Cell] in
            let unit = StoreViews.unit(of: name), style = Self.style(unit: unit)
            return [.text(name), unit.map { .text($0) } ?? .empty]
                + years.map { year in value[year + "\u{1}" + name].map { .styled($0, style) } ?? .empty }
        }
        return ([Workbook.Column("metric"), Workbook.Column("unit")] + years.map { Workbook.Column($0) }, rows)
    }

    /// The cost lines of a deterministic run's document (`results.years[].cost_breakdown`, then the
    /// period's `results.cost`), in the order the net adds them up.
    static func costLines(_ document: String?) -> [[Workbook.Cell]] {
        guard let document, let json = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            let results = json["results"] as? [String: Any], let years = results["years"] as? [[String: Any]]
        else { return [] }
        let lines = [
            ("purchased", "CCCs bought"), ("offsets", "offsets paid (counted or not)"),
            ("offsets_not_counted", "of which not counted by the rules"), ("compensation", "compensation"),
            ("sold", "CCCs sold"), ("carried", "CCCs carried, at the year's price (not in the net)"),
        ]
        var rows: [[Workbook.Cell]] = []
        for year in years {
            guard let label = year["year"] as? String, let breakdown = year["cost_breakdown"] as? [String: Any] else {
                continue
            }
            for (key, name) in lines {
                guard let line = breakdown[key] as? [String: Any], let ccc = line["ccc"] as? Double,
                    let inr = line["inr"] as? Double
                else { continue }
                rows.append([.text(label), .text(name), .number(ccc), .number(inr)])
                if key == "sold", let net = year["cost"] as? Double {
                    rows.append([.text(label), .text("net cost"), .empty, .number(net)])
                }
            }
        }
        if let period = results["cost"] as? [String: Any], let net = period["net"] as? Double,
            let ofBank = period["net_of_bank"] as? Double,
            let bank = period["bank_carried"] as? [String: Any], let ccc = bank["ccc"] as? Double,
            let inr = bank["inr"] as? Double
        {
            rows += [
                [.text("period"), .text("net cost"), .empty, .number(net)],
                [
                    .text("period"), .text("bank carried out of the last year, at its price"), .number(ccc),
                    .number(inr),
                ],
                [.text("period"), .text("net of the bank's value"), .empty, .number(ofBank)],
            ]
        }
        return rows
    }

    /// The rule changes a run's JSON document lists (`inputs.changes`), as rows.
    static func ruleChanges(_ document: String?) -> [[Workbook.Cell]] {
        guard let document, let json = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            let changes = (json["inputs"] as? [String: Any])?["changes"] as? [[String: Any]]
        else { return [] }
        return changes.map { c in
            [
                .text(c["path"] as? String ?? ""), .text("\(c["old"] ?? "")"), .text("\(c["new"] ?? "")"),
                .text(c["by"] as? String ?? ""),
                .text((c["used"] as? Bool).map { $0 ? "yes" : "no" } ?? ""),
            ]
        }
    }
}
