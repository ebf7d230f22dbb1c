import CCTS

/// What every report page shares: the head with its inline style, tables, and the closing
/// sections (warnings, assumptions in force, files with SHA-256, the re-run command).
public enum HTMLPage {
    public struct File {
        public var role: String, name: String, sha256: String
        public init(role: String, name: String, sha256: String) {
            self.role = role
            self.name = name
            self.sha256 = sha256
        }
    }

    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#222}
        h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}
        td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
        .warn{color:#8a4b00}code{font-size:12px;word-break:break-all}figure{margin:8px 0}
        @media print{h2{page-break-before:auto}svg{max-width:100%}}
        """

    public static func e(_ text: String) -> String { SVGChart.escape(text) }
    public static func n(_ x: Double) -> String { NumberFormat.grouped(x) }

    public static func head(_ title: String) -> String {
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(e(title))</title><style>\(style)</style></head><body>"
    }

    public static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
        var s = "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        for row in rows {
            s += "<tr>" + row.enumerated().map { numeric.contains($0.offset) ? "<td class=\"n\">\(e($0.element))</td>" : "<td>\(e($0.element))</td>" }.joined() + "</tr>"
        }
        return s + "</table>"
    }

    public static func closing(warnings: [String], assumptions: [Assumption], files: [File], rerunCommand: String) -> String {
        var h = "<h2>Warnings and notes</h2>" + (warnings.isEmpty ? "<p>None.</p>" : "<ul>" + warnings.map { "<li class=\"warn\">\(e($0))</li>" }.joined() + "</ul>")
        if !assumptions.isEmpty {
            h += "<h2>Assumptions in force</h2>"
            h += table(["rule", "statement", "reasoning"], assumptions.map { [$0.rule, $0.statement, $0.reasoning] }, numeric: [])
        }
        h += "<h2>Files and how to re-run</h2>"
        h += table(["role", "file", "SHA-256"], files.map { [$0.role, $0.name, $0.sha256] }, numeric: [])
        h += "<p>Re-run and confirm bit for bit: <code>\(e(rerunCommand))</code></p>"
        return h + "</body></html>\n"
    }
}

/// One self-contained HTML page for a deterministic run: inline CSS and SVG, no script, no
/// network. Every chart has its numbers in a table below it; the page ends with the files the run
/// read (with their SHA-256) and the command that re-runs it.
public struct HTMLReport {
    public typealias File = HTMLPage.File

    public var outcome: ScenarioOutcome
    public var runID: Int64
    public var created: String
    public var engineVersion: String
    public var ruleDescription: String
    public var gwp: String
    public var assumptions: [Assumption]
    public var files: [File]
    public var rerunCommand: String

    public init(outcome: ScenarioOutcome, runID: Int64, created: String, engineVersion: String, ruleDescription: String, gwp: String,
                assumptions: [Assumption], files: [File], rerunCommand: String) {
        self.outcome = outcome
        self.runID = runID
        self.created = created
        self.engineVersion = engineVersion
        self.ruleDescription = ruleDescription
        self.gwp = gwp
        self.assumptions = assumptions
        self.files = files
        self.rerunCommand = rerunCommand
    }

    func e(_ text: String) -> String { HTMLPage.e(text) }
    func n(_ x: Double) -> String { HTMLPage.n(x) }
    func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String { HTMLPage.table(header, rows, numeric: numeric) }

    public func render() -> String {
        let years = outcome.years.map { $0.year.description }
        var h = HTMLPage.head("\(outcome.scenario) — ccts run \(runID)")
        h += "<h1>\(e(outcome.scenario))</h1>"
        h += "<p>Entity \(e(outcome.registration)), \(e(outcome.entityName)) (sector \(e(outcome.sector))). Run \(runID) of \(e(created)), ccts \(e(engineVersion)); rules: \(e(ruleDescription)); GWP \(e(gwp)).</p>"

        h += "<h2>Summary</h2>"
        h += table(["", ] + years, [
            ["Emissions, tCO2e"] + outcome.years.map { n($0.emissions.total) },
            ["Equivalent production"] + outcome.years.map { n($0.equivalentProduction) },
            ["GEI achieved"] + outcome.years.map { String($0.compliance.gei) },
            ["GEI target"] + outcome.years.map { String($0.compliance.target) },
            ["CCCs issued"] + outcome.years.map { n($0.compliance.issued) },
            ["Surrender required"] + outcome.years.map { n($0.compliance.surrenderRequired) },
            ["Shortfall, CCC"] + outcome.years.map { n($0.ledger.shortfall) },
            ["Compensation, INR"] + outcome.years.map { n($0.compensation) },
            ["Net cost, INR"] + outcome.years.map { n($0.cost) },
            ["Compliant"] + outcome.years.map { $0.compliant ? "yes" : "NO" },
        ], numeric: Set(1...max(years.count, 1)))

        let sources: [(String, (YearOutcome) -> Double)] = [
            ("combustion", { $0.emissions.combustion }), ("process", { $0.emissions.processTotal }), ("fugitive", { $0.emissions.fugitiveTotal }),
            ("indirect", { $0.emissions.indirect }), ("deductions", { -$0.emissions.deductions }),
        ]
        let series = sources.map { name, value in SVGChart.Series(name: name, values: outcome.years.map(value)) }.filter { $0.values.contains { $0 != 0 } }
        h += "<h2>Emissions by source</h2><figure>"
        h += SVGChart.stackedBars(title: "Emissions by source per compliance year", yLabel: "tCO2e", xLabel: "compliance year", categories: years, series: series)
        h += "</figure>" + table(["source"] + years, series.map { [$0.name] + $0.values.map(n) }, numeric: Set(1...max(years.count, 1)))

        var labels = years, achieved = outcome.years.map(\.compliance.gei), targets = outcome.years.map(\.compliance.target)
        var baseline = [Double](repeating: .nan, count: years.count)
        if let b = outcome.baseline {
            labels.insert(b.year.description, at: 0)
            achieved.insert(.nan, at: 0)
            targets.insert(.nan, at: 0)
            baseline = [b.gei] + baseline
        }
        h += "<h2>GEI trajectory</h2><figure>"
        h += SVGChart.lines(title: "GEI: baseline, targets and achieved", yLabel: "tCO2e per unit of equivalent product", xLabel: "compliance year",
                            categories: labels, series: [SVGChart.Series(name: "achieved", values: achieved), SVGChart.Series(name: "target", values: targets),
                                                         SVGChart.Series(name: "baseline", values: baseline)].filter { $0.values.contains { !$0.isNaN } })
        h += "</figure>" + table(["", ] + labels, [["baseline"] + baseline.map { $0.isNaN ? "" : String($0) },
                                                   ["target"] + targets.map { $0.isNaN ? "" : String($0) },
                                                   ["achieved"] + achieved.map { $0.isNaN ? "" : String($0) }], numeric: Set(1...max(labels.count, 1)))

        h += "<h2>CCC account</h2>"
        for year in outcome.years {
            let l = year.ledger
            let steps: [(label: String, value: Double, isTotal: Bool)] = [("opening", l.opening, true), ("issued", l.issued, false), ("offsets", l.offsets, false),
                                                                          ("purchased", l.purchased, false), ("surrendered", -l.surrendered, false),
                                                                          ("sold", -l.sold, false), ("closing", l.closing, true)]
            h += "<figure>" + SVGChart.waterfall(title: "CCC account \(year.year)", yLabel: "CCC", steps: steps) + "</figure>"
            h += table(["entry", "CCC", "reason"], l.entries.map { [$0.kind.rawValue, n($0.quantity), $0.reason] }, numeric: [1])
        }

        return h + HTMLPage.closing(warnings: outcome.warnings, assumptions: assumptions, files: files, rerunCommand: rerunCommand)
    }
}
