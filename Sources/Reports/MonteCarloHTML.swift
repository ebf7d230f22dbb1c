import CCTS
import Simulation
import Statistics

/// One self-contained HTML page for a stored Monte Carlo run: the histogram and S-curve of total
/// cost, the GEI of each year against its target, P(non-compliance) with its standard error, the
/// tornado of the inputs that drive cost, the convergence of the mean with its standard-error
/// band, and the extreme worlds with the command that explains each.
public struct MonteCarloHTML {
    public struct Point {
        public var worlds: Int, mean: Double, standardError: Double
        public init(worlds: Int, mean: Double, standardError: Double) {
            self.worlds = worlds
            self.mean = mean
            self.standardError = standardError
        }
    }

    public var summary: MonteCarloSummary
    public var scenario: String
    public var entity: String
    public var runID: Int64
    public var created: String
    public var engineVersion: String
    public var ruleDescription: String
    /// Each year's GEI target (nil where the year has none to show).
    public var targets: [Double?]
    /// The running mean of total cost and its standard error, at increasing numbers of worlds.
    public var convergence: [Point]
    /// `ccts explain FILE --seed S --world` (the world's number follows, then `explainOptions`).
    public var explainCommand: String
    public var explainOptions: String = ""
    public var warnings: [String]
    public var assumptions: [Assumption]
    public var files: [HTMLPage.File]
    public var rerunCommand: String

    public init(
        summary: MonteCarloSummary, scenario: String, entity: String, runID: Int64, created: String,
        engineVersion: String,
        ruleDescription: String, targets: [Double?], convergence: [Point], explainCommand: String, warnings: [String],
        assumptions: [Assumption], files: [HTMLPage.File], rerunCommand: String
    ) {
        self.summary = summary
        self.scenario = scenario
        self.entity = entity
        self.runID = runID
        self.created = created
        self.engineVersion = engineVersion
        self.ruleDescription = ruleDescription
        self.targets = targets
        self.convergence = convergence
        self.explainCommand = explainCommand
        self.warnings = warnings
        self.assumptions = assumptions
        self.files = files
        self.rerunCommand = rerunCommand
    }

    func n(_ x: Double) -> String { HTMLPage.n(x) }

    /// The histogram's bins with the worlds below and above them (beyond P1 and P99) as rows of
    /// their own: shares of every world, the cumulative share from the least world.
    func histogramTable(_ h: Summary.Histogram) -> ReportDocument.Block {
        let below = h.below ?? 0, above = h.above ?? 0
        let total = Double(max(h.counts.reduce(0, +) + below + above, 1))
        var cumulative = 0
        func row(_ from: String, _ to: String, _ c: Int) -> [String] {
            cumulative += c
            return [
                from, to, n(Double(c)), NumberFormat.percent(Double(c) / total),
                NumberFormat.percent(Double(cumulative) / total),
            ]
        }
        var rows = below > 0 ? [row("least world", n(h.edges[0]), below)] : []
        rows += h.counts.indices.map { i in row(n(h.edges[i]), n(h.edges[i + 1]), h.counts[i]) }
        if above > 0 { rows.append(row(n(h.edges[h.edges.count - 1]), "greatest world", above)) }
        return .table(["from", "to", "worlds", "share", "cumulative"], rows, numeric: [0, 1, 2, 3, 4])
    }

    /// Each year's mean cost and what it is the sum of: compensation, and CCCs and offsets bought
    /// less CCCs sold (the rest of the cost); the CCCs carried out of the year, which the cost leaves out.
    func costLines() -> ReportDocument.Block {
        let years = summary.years
        func mean(_ year: MonteCarloSummary.YearSummary, _ metric: String) -> Double { year.metrics[metric]?.mean ?? 0 }
        let rows: [[String]] = [
            ["CCCs and offsets bought − CCCs sold"] + years.map { n(mean($0, "cost") - mean($0, "compensation")) },
            ["compensation"] + years.map { n(mean($0, "compensation")) },
            ["net cost"] + years.map { n(mean($0, "cost")) },
            ["CCCs carried (mean, CCC; not in the cost)"] + years.map { n(mean($0, "closing_balance")) },
        ]
        return .table(["line"] + years.map(\.year), rows, numeric: Set(1...max(years.count, 1)))
    }

    public func render() throws -> String { try document().render() }

    /// The page as data. Everything on it comes from the run's statistics (histograms, ranks,
    /// extreme worlds) and the convergence points: no world is read again.
    // Long: the page's sections in reading order, a few lines each under its heading; apart, each would take the same
    // summary and formatters.
    public func document() -> ReportDocument {
        let s = summary
        var page = ReportDocument(
            title: "\(scenario) — ccts Monte Carlo run \(runID)", heading: scenario,
            lead: [
                .text(
                    "\(entity). Monte Carlo run \(runID) of \(created): \(n(Double(s.worlds))) worlds, seed \(s.seed); "
                        + "ccts \(engineVersion); rules: \(ruleDescription)."
                ),
                // The answer first, for a reader of this page alone.
                .text(
                    "In short: the total cost is \(NumberFormat.money(s.totalCost.mean)) on average (P5 "
                        + "\(NumberFormat.money(percentile(s.totalCost, 5))), "
                        + "P95 \(NumberFormat.money(percentile(s.totalCost, 95)))), "
                        + "and the entity misses its target in some year in "
                        + "\(NumberFormat.percent(s.probabilityOfNonComplianceAnyYear)) of worlds."
                ),
            ])
        page.question =
            "Across \(n(Double(s.worlds))) worlds of what the scenario leaves uncertain, what may compliance cost, "
            + "and how likely is a shortfall that brings environmental compensation?"
        page.keyFigures = [
            .init(
                NumberFormat.money(s.totalCost.mean), "expected total cost",
                note: "± \(NumberFormat.money(1.96 * s.totalCost.se)) (95 % interval of the mean)"),
            .init(
                NumberFormat.percent(s.probabilityOfNonComplianceAnyYear, decimals: 1),
                "chance of a shortfall in some year",
                note: "compensation is then due"),
            .init(
                NumberFormat.money(s.totalCostRisk.valueAtRisk), "total cost at risk (VaR 95 %)",
                note:
                    "1 world in 20 costs more; those cost "
                    + "\(NumberFormat.money(s.totalCostRisk.conditionalValueAtRisk)) on average"
            ),
        ]
        let hist = s.totalCost.histogram
        page.add(
            "Total cost over all years",
            [
                .table(
                    [
                        "mean, INR", "standard error", "P5", "P50", "P95", "VaR 95 %", "CVaR 95 %",
                        "P(missing any year)",
                    ],
                    [
                        [
                            n(s.totalCost.mean), n(s.totalCost.se), n(percentile(s.totalCost, 5)),
                            n(percentile(s.totalCost, 50)), n(percentile(s.totalCost, 95)),
                            n(s.totalCostRisk.valueAtRisk), n(s.totalCostRisk.conditionalValueAtRisk),
                            NumberFormat.percent(s.probabilityOfNonComplianceAnyYear),
                        ]
                    ], numeric: Set(0...7)),
                .chart(
                    SVGChart.histogram(
                        title: "Total cost: histogram of worlds (P1 to P99)", xLabel: "total cost, INR",
                        edges: hist.edges, counts: hist.counts, below: hist.below ?? 0, above: hist.above ?? 0,
                        markers: [
                            (s.totalCost.mean, "mean \(n(s.totalCost.mean))"),
                            (s.totalCostRisk.valueAtRisk, "VaR 95 % \(n(s.totalCostRisk.valueAtRisk))"),
                        ])),
                .chart(
                    SVGChart.curves(
                        title: "Total cost: cumulative share of worlds (S-curve)", xLabel: "total cost, INR",
                        yLabel: "worlds at or below, %",
                        x: Self.sCurve(s.totalCost).x,
                        series: [SVGChart.Series(name: "cumulative", values: Self.sCurve(s.totalCost).y)])),
                histogramTable(hist),
            ])
        page.add("Cost, line by line (means over the worlds, INR)", [costLines()])

        var gei: [ReportDocument.Block] = []
        for (y, year) in s.years.enumerated() {
            guard let metric = year.metrics["gei"] else { continue }
            let target = y < targets.count ? targets[y] : nil
            gei.append(
                .chart(
                    SVGChart.histogram(
                        title: "GEI \(year.year)", xLabel: "GEI, tCO2e per unit of equivalent product",
                        edges: metric.histogram.edges, counts: metric.histogram.counts,
                        below: metric.histogram.below ?? 0, above: metric.histogram.above ?? 0,
                        marker: target.map { ($0, "target \($0)") })))
            gei.append(
                .chart(
                    SVGChart.curves(
                        title: "GEI \(year.year): cumulative share of worlds (S-curve)",
                        xLabel: "GEI, tCO2e per unit of equivalent product",
                        yLabel: "worlds at or below, %", x: Self.sCurve(metric).x,
                        series: [SVGChart.Series(name: "cumulative", values: Self.sCurve(metric).y)],
                        markers: target.map { [($0, "target \($0)")] } ?? [])))
            gei.append(
                .text(
                    "\(year.year): mean GEI "
                        + "\(String((metric.mean * 1e6).rounded() / 1e6))\(target.map { ", target \($0)" } ?? ""); "
                        + "P(non-compliance) \(NumberFormat.percent(year.probabilityOfNonCompliance)) ± "
                        + "\(NumberFormat.percent(year.probabilityStandardError, decimals: 3)) (standard error); "
                        + "cost VaR 95 % \(NumberFormat.money(year.costRisk.valueAtRisk)), "
                        + "CVaR \(NumberFormat.money(year.costRisk.conditionalValueAtRisk))."
                ))
        }
        page.add("GEI against the target, and P(non-compliance)", gei)

        // The inputs that drive total cost, then each year's GEI (the credits and cost of each year: --json).
        let drivers =
            s.sensitivity.filter { $0.output == "total cost" } + s.sensitivity.filter { $0.output.hasPrefix("gei ") }
        for ranking in drivers {
            let top = Array(ranking.inputs.prefix(12))
            page.add(
                "What drives \(ranking.output)",
                [
                    .chart(
                        SVGChart.tornado(
                            title:
                                "Spearman rank correlation with \(ranking.output) (\(n(Double(ranking.sample))) "
                                + "worlds)",
                            xLabel: "Spearman ρ",
                            labels: top.map(\.input), values: top.map(\.spearman))),
                    .table(
                        ["rank", "input", "ρ"],
                        top.enumerated().map {
                            [
                                String($0.offset + 1), $0.element.input,
                                String(($0.element.spearman * 1000).rounded() / 1000),
                            ]
                        },
                        numeric: [0, 2]),
                ])
        }

        if !convergence.isEmpty {
            let xs = convergence.map { Double($0.worlds) }
            page.add(
                "Convergence of the mean total cost",
                [
                    .chart(
                        SVGChart.curves(
                            title: "Running mean of total cost with its 95 % band", xLabel: "worlds", yLabel: "INR",
                            x: xs,
                            series: [
                                SVGChart.Series(name: "mean", values: convergence.map(\.mean)),
                                SVGChart.Series(
                                    name: "95 % band: mean + 1.96 se",
                                    values: convergence.map { $0.mean + 1.96 * $0.standardError }),
                                SVGChart.Series(
                                    name: "95 % band: mean − 1.96 se",
                                    values: convergence.map { $0.mean - 1.96 * $0.standardError }),
                            ])),
                    .table(
                        ["worlds", "mean, INR", "standard error"],
                        convergence.map { point in [n(Double(point.worlds)), n(point.mean), n(point.standardError)] },
                        numeric: [0, 1, 2]),
                ])
        }

        page.add(
            "Extreme worlds",
            [
                .table(
                    ["", "world", "total cost, INR", "explain it"],
                    s.extremeWorlds.map {
                        [$0.label, String($0.world), n($0.totalCost), "\(explainCommand) \($0.world)\(explainOptions)"]
                    },
                    numeric: [1, 2])
            ])
        page.close(warnings: warnings, assumptions: assumptions, files: files, rerunCommand: rerunCommand)
        return page
    }

    /// The share of worlds at or below each edge of a histogram, in %: 0 at the lowest, 100 at the highest.
    /// The S-curve through the exact order statistics — minimum, the percentiles, maximum — rather
    /// than the histogram's bins (whose first bin can hold most of the worlds, so that a curve drawn
    /// from them jumps from 0 to 77 %).
    static func sCurve(_ summary: Summary) -> (x: [Double], y: [Double]) {
        let points = [(summary.min, 0.0)] + summary.percentiles.map { ($0.value, $0.p) } + [(summary.max, 100.0)]
        return (points.map(\.0), points.map(\.1))
    }

    func percentile(_ summary: Summary, _ p: Double) -> Double {
        summary.percentiles.first { $0.p == p }?.value ?? summary.mean
    }
}
