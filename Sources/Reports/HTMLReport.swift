import CCTS

/// What report pages share: the files a run read, and numbers as the reader reads them.
public enum HTMLPage {
    public struct File {
        public var role: String, name: String, sha256: String
        public init(role: String, name: String, sha256: String) {
            self.role = role
            self.name = name
            self.sha256 = sha256
        }
    }

    /// A whole number grouped in the chosen style (``NumberFormat/grouping``).
    public static func n(_ x: Double) -> String { NumberFormat.grouped(x) }
    /// A ratio such as a GEI to six decimals (the precision the rules notify targets in), trailing zeros dropped.
    public static func ratio(_ x: Double) -> String { x.isNaN ? "" : String((x * 1e6).rounded() / 1e6) }
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

    public init(
        outcome: ScenarioOutcome, runID: Int64, created: String, engineVersion: String, ruleDescription: String,
        gwp: String,
        assumptions: [Assumption], files: [File], rerunCommand: String
    ) {
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

    func n(_ x: Double) -> String { HTMLPage.n(x) }

    /// The answer first, in one sentence a manager reads alone: compliant or not in each year (and
    /// what falling short costs), the net cost over the period, and the CCCs left in the bank.
    var answer: String {
        let short = outcome.years.filter { !$0.compliant }
        let years = outcome.years.map(\.year.description)
        let verdict =
            short.isEmpty
            ? "Compliant in \(years.count == 1 ? years[0] : "every year (\(years.joined(separator: ", ")))")"
            : "NOT compliant in "
                + short.map {
                    "\($0.year) (short \(n($0.ledger.shortfall)) CCCs, "
                        + "compensation \(NumberFormat.money($0.compensation)))"
                }.joined(separator: " and ")
        let cost = outcome.years.reduce(0) { $0 + $1.cost }
        let bank = outcome.years.last.map(\.ledger.closing) ?? 0
        return
            "Answer: \(verdict). Net cost over the period \(NumberFormat.money(cost)) "
            + "(a negative cost is money received); "
            + "\(n(outcome.years.reduce(0) { $0 + $1.compliance.issued })) CCCs issued, "
            + "\(n(outcome.years.reduce(0) { $0 + $1.compliance.surrenderRequired })) "
            + "to surrender, \(n(bank)) CCCs in the bank at the end."
    }

    /// The summary's three numbers: the years short (or none), the net cost, the bank at the end
    /// with its value at the last year's price.
    var keyFigures: [ReportDocument.KeyFigure] {
        let short = outcome.years.filter { !$0.compliant }
        let cost = outcome.years.reduce(0) { $0 + $1.cost }
        let compensation = outcome.years.reduce(0) { $0 + $1.compensation }
        var figures = [
            short.isEmpty
                ? ReportDocument.KeyFigure("Compliant", "in every year", note: "no compensation due")
                : ReportDocument.KeyFigure(
                    "Short in \(short.count) of \(outcome.years.count)",
                    "years: \(short.map(\.year.description).joined(separator: ", "))",
                    note: "compensation \(NumberFormat.money(compensation))"),
            ReportDocument.KeyFigure(
                NumberFormat.money(cost), "net cost over the period", note: Self.itemised(outcome)),
        ]
        if let last = outcome.years.last {
            let bank = PeriodCost(years: outcome.years.map(\.costBreakdown)).bank
            figures.append(
                ReportDocument.KeyFigure(
                    "\(n(bank.quantity)) CCCs", "carried out of \(last.year)",
                    note: "worth \(NumberFormat.money(-bank.inr)) at \(n(last.price)) INR/CCC; not in the net cost"))
        }
        return figures
    }

    /// The net cost as the sum of its lines over the period, those that are not zero:
    /// "offsets 10,500,000 INR (4,500,000 INR not counted) − CCCs sold 18,500,000 INR".
    static func itemised(_ outcome: ScenarioOutcome) -> String {
        let years = outcome.years.map(\.costBreakdown)
        func total(_ line: (CostBreakdown) -> CostBreakdown.Line) -> Double { years.reduce(0) { $0 + line($1).inr } }
        let notCounted = total(\.offsetsNotCounted)
        let terms: [(String, Double)] = [
            ("CCCs bought", total(\.purchased)),
            ("offsets", total(\.offsets)),
            ("compensation", total(\.compensation)),
            ("CCCs sold", total(\.sold)),
        ]
        var text = ""
        for (name, inr) in terms where inr != 0 {
            let amount =
                NumberFormat.money(abs(inr))
                + (name == "offsets" && notCounted != 0
                    ? " (\(NumberFormat.money(notCounted)) not counted)" : "")
            text += (text.isEmpty ? (inr < 0 ? "− " : "") : (inr < 0 ? " − " : " + ")) + "\(name) \(amount)"
        }
        return text.isEmpty ? "nothing bought, sold or due" : text
    }

    public func render() throws -> String { try document().render() }

    /// The page as data: summary, emissions by source, GEI trajectory, the CCC account by year.
    // Long: the page's sections in reading order, a few lines each under its heading; apart, each would take the same
    // outcome and formatters.
    public func document() -> ReportDocument {
        let years = outcome.years.map { $0.year.description }
        let yearColumns = Set(1...max(years.count, 1))
        var page = ReportDocument(
            title: "\(outcome.scenario) — ccts run \(runID)", heading: outcome.scenario,
            lead: [
                .text(answer),
                .text(
                    "Entity \(outcome.registration), \(outcome.entityName) (sector \(outcome.sector)). Run \(runID) of "
                        + "\(created), ccts \(engineVersion); rules: \(ruleDescription); GWP \(gwp)."
                ),
            ])
        page.question =
            "Does \(outcome.entityName) meet its GHG emission intensity target in "
            + (years.count == 1 ? years[0] : "\(years.dropLast().joined(separator: ", ")) and \(years.last!)")
            + ", and what does compliance cost it?"
        page.keyFigures = keyFigures
        page.add(
            "Summary",
            [
                .table(
                    [""] + years,
                    [
                        ["Emissions, tCO2e"] + outcome.years.map { n($0.emissions.total) },
                        ["Equivalent production"] + outcome.years.map { n($0.equivalentProduction) },
                        ["GEI achieved"] + outcome.years.map { HTMLPage.ratio($0.compliance.gei) },
                        ["GEI target"] + outcome.years.map { HTMLPage.ratio($0.compliance.target) },
                        ["CCCs issued"] + outcome.years.map { n($0.compliance.issued) },
                        ["Surrender required"] + outcome.years.map { n($0.compliance.surrenderRequired) },
                        ["Shortfall, CCC"] + outcome.years.map { n($0.ledger.shortfall) },
                        ["Compensation, INR"] + outcome.years.map { n($0.compensation) },
                        ["Net cost, INR"] + outcome.years.map { n($0.cost) },
                        ["Compliant"] + outcome.years.map { $0.compliant ? "yes" : "NO" },
                    ], numeric: yearColumns)
            ])

        // Every rupee of the net cost (``CostBreakdown``), and where each price came from.
        let costs = outcome.years.map(\.costBreakdown), period = PeriodCost(years: costs)
        var costRows: [[String]] = [
            ["CCCs bought"] + costs.map { n($0.purchased.inr) },
            ["Offsets paid (counted or not)"] + costs.map { n($0.offsets.inr) },
        ]
        if costs.contains(where: { $0.offsetsNotCounted.inr != 0 }) {
            costRows.append(["  of which not counted by the rules"] + costs.map { n($0.offsetsNotCounted.inr) })
        }
        costRows += [
            ["Compensation"] + costs.map { n($0.compensation.inr) },
            ["CCCs sold"] + costs.map { n($0.sold.inr) },
            ["Net cost"] + costs.map { n($0.net) },
            ["CCCs carried, at the year's price (not in the net)"] + costs.map { n(-$0.carried.inr) },
        ]
        page.add(
            "Cost, line by line (INR)",
            [
                .table([""] + years, costRows, numeric: yearColumns),
                .text(
                    "Net over the period \(NumberFormat.money(period.net)); the \(n(period.bank.quantity)) CCCs "
                        + "carried "
                        + "out of the last year are worth \(NumberFormat.money(-period.bank.inr)) at its price, so net "
                        + "of "
                        + "the bank's value \(NumberFormat.money(period.netOfBank)). Prices: "
                        + outcome.years.map { "\($0.year) \(n($0.price)) INR/CCC from \($0.priceOrigin)" }.joined(
                            separator: "; ") + "."),
            ])

        let sources: [(String, (YearOutcome) -> Double)] = [
            ("combustion", { $0.emissions.combustion }), ("process", { $0.emissions.processTotal }),
            ("fugitive", { $0.emissions.fugitiveTotal }),
            ("indirect", { $0.emissions.indirect }), ("deductions", { -$0.emissions.deductions }),
        ]
        let series = sources.map { name, value in SVGChart.Series(name: name, values: outcome.years.map(value)) }.filter
        { $0.values.contains { $0 != 0 } }
        page.add(
            "Emissions by source",
            [
                .chart(
                    SVGChart.stackedBars(
                        title: "Emissions by source per compliance year", yLabel: "tCO2e", xLabel: "compliance year",
                        categories: years, series: series)),
                .table(["source"] + years, series.map { [$0.name] + $0.values.map(n) }, numeric: yearColumns),
            ])

        var labels = years, achieved = outcome.years.map(\.compliance.gei),
            targets = outcome.years.map(\.compliance.target)
        var baseline = [Double](repeating: .nan, count: years.count)
        if let b = outcome.baseline {
            labels.insert(b.year.description, at: 0)
            achieved.insert(.nan, at: 0)
            targets.insert(.nan, at: 0)
            baseline = [b.gei] + baseline
        }
        page.add(
            "GEI trajectory",
            [
                .chart(
                    SVGChart.lines(
                        title: "GEI: baseline, targets and achieved", yLabel: "tCO2e per unit of equivalent product",
                        xLabel: "compliance year",
                        categories: labels,
                        series: [
                            SVGChart.Series(name: "achieved", values: achieved),
                            SVGChart.Series(name: "target", values: targets),
                            SVGChart.Series(name: "baseline", values: baseline),
                        ].filter { $0.values.contains { !$0.isNaN } })),
                .table(
                    [""] + labels,
                    [
                        ["baseline"] + baseline.map(HTMLPage.ratio), ["target"] + targets.map(HTMLPage.ratio),
                        ["achieved"] + achieved.map(HTMLPage.ratio),
                    ],
                    numeric: Set(1...max(labels.count, 1))),
            ])

        page.add(
            "CCC account",
            outcome.years.flatMap { year -> [ReportDocument.Block] in
                let l = year.ledger
                let steps: [(label: String, value: Double, isTotal: Bool)] = [
                    ("opening", l.opening, true), ("issued", l.issued, false), ("offsets", l.offsets, false),
                    ("purchased", l.purchased, false), ("surrendered", -l.surrendered, false),
                    ("sold", -l.sold, false), ("closing", l.closing, true),
                ]
                return [
                    .chart(SVGChart.waterfall(title: "CCC account \(year.year)", yLabel: "CCC", steps: steps)),
                    .table(
                        ["entry", "CCC", "reason"], l.entries.map { [$0.kind.rawValue, n($0.quantity), $0.reason] },
                        numeric: [1]),
                ]
            })
        page.close(
            warnings: outcome.warnings.map(\.message), assumptions: assumptions, files: files,
            rerunCommand: rerunCommand)
        return page
    }
}
