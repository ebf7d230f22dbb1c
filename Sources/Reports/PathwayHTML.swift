import CCTS
import Workflows

/// A stored `pathway` run as one page: GEI per year against the target for the baseline, every
/// measure and (with --optimise) the least-cost set; the marginal abatement cost curve (bar width
/// the abatement, height the cost per tonne); net present cost; the sets searched.
public enum PathwayHTML {
    /// The page of a stored run's `document`.
    // Long: the page's sections in reading order, a few lines each under its heading; apart, each would take the same
    // document and formatters.
    public static func page(_ d: PathwayWorkflow.Document, run: PageContext) -> ReportDocument {
        let n = HTMLPage.n
        let costWords = PathwayWords.costWords
        var page = ReportDocument(
            title: "\(d.scenario) — ccts pathway run \(run.runID)", heading: d.scenario,
            lead: [
                .text(
                    "Pathway run \(run.runID) of \(run.created): \(d.macCurve.count) measures, discount rate "
                        + "\(NumberFormat.percent(d.discountRate, decimals: 1))."
                        + (d.baseline.map { " Baseline \($0.sentence)." } ?? "")),
                // The answer, for a reader of this page alone.
                .text(
                    "In short: with every measure the total net present cost is "
                        + "\(NumberFormat.money(d.pathwayNpv)), against "
                        + "\(NumberFormat.money(d.baselineNpv)) with none (trading the shortfalls)"
                        + (d.leastTotalCost.flatMap { set in
                            set.totalPresentCost.map {
                                "; the least total cost is "
                                    + (set.measures.isEmpty
                                        ? "no measure, trade" : set.measures.joined(separator: " + "))
                                    + " at \(NumberFormat.money($0))"
                            }
                        } ?? "") + "."),
            ])
        let years = d.years.map(\.year)
        page.question =
            "Which reduction measures meet the GHG emission intensity targets from \(years.first ?? "") to "
            + "\(years.last ?? "") at the "
            + "least total cost, counting what certificates earn or cost, against trading every shortfall?"
        page.keyFigures = [
            d.leastTotalCost.flatMap { set in
                set.totalPresentCost.map {
                    ReportDocument.KeyFigure(
                        NumberFormat.money($0), "least total net present cost",
                        note: set.measures.isEmpty ? "no measure, trade" : set.measures.joined(separator: " + "))
                }
            },
            ReportDocument.KeyFigure(
                NumberFormat.money(d.baselineNpv), "no measure (trade every shortfall)",
                note: "total net present cost"),
            ReportDocument.KeyFigure(NumberFormat.money(d.pathwayNpv), "every measure", note: "total net present cost"),
        ].compactMap { $0 }
        var series = [
            SVGChart.Series(name: "target", values: d.years.map(\.target)),
            SVGChart.Series(name: "baseline (no measure)", values: d.years.map(\.geiBaseline)),
            SVGChart.Series(name: "every measure", values: d.years.map(\.gei)),
        ]
        let leastCost = d.years.compactMap(\.geiLeastCost).count == d.years.count
        if leastCost {
            series.append(SVGChart.Series(name: "least-cost set", values: d.years.map { $0.geiLeastCost! }))
        }
        page.add(
            "GEI against the target",
            [
                .chart(
                    SVGChart.lines(
                        title: "GEI per year: target, baseline and pathway",
                        yLabel: "tCO2e per unit of equivalent product",
                        xLabel: "compliance year", categories: years, series: series)),
                .table(
                    ["year", "target", "target from", "GEI baseline", "GEI, every measure"]
                        + (leastCost ? ["GEI, least-cost set"] : [])
                        + ["CCCs (+ issued, − to surrender)", "net cost, INR", "measures, INR"],
                    d.years.map { y in
                        [
                            y.year, HTMLPage.ratio(y.target), y.targetSource, HTMLPage.ratio(y.geiBaseline),
                            HTMLPage.ratio(y.gei),
                        ]
                            + (leastCost ? [HTMLPage.ratio(y.geiLeastCost!)] : []) + [
                                n(y.credits), n(y.complianceCost), n(y.measureCost),
                            ]
                    }, numeric: Set([1, 3, 4] + (leastCost ? [5, 6, 7, 8] : [5, 6, 7]))),
            ])
        let costRows = PathwayWords.costLineRows(d.years)
        if !costRows.isEmpty {
            page.add(
                "Cost with every measure, line by line (INR, undiscounted)",
                [
                    .table([""] + years, costRows, numeric: Set(1...years.count)),
                    .text(
                        "CCCs bought include a shortfall bought at the year's price instead of compensation; offsets "
                            + "paid count those the rules do not accept; the bank is what the CCCs carried out of the "
                            + "year are worth at its price, not in the net."),
                ])
        }
        let mac = d.macCurve.filter { $0.costPerTonne != nil && $0.averageAbatement > 0 }
        // The certificate price the bars compete with: a measure below the line pays for itself.
        let meanPrice = d.years.isEmpty ? nil : Optional(d.years.reduce(0) { $0 + $1.price } / Double(d.years.count))
        page.add(
            "Marginal abatement cost curve",
            [
                .text(
                    "Each measure alone against the baseline, cheapest per tonne first: bar width is its mean "
                        + "abatement a year, height its annualised capex and opex per tonne; the dashed line is the "
                        + "mean CCC price of the years (and each --price), which a measure below it beats."
                ),
                .chart(
                    SVGChart.macCurve(
                        title: "Marginal abatement cost curve", xLabel: "abatement, tCO2e a year (cumulative)",
                        yLabel: "INR per tCO2e",
                        bars: mac.map { ($0.name, $0.averageAbatement, $0.costPerTonne!) },
                        prices: (meanPrice.map { [($0, "CCC price, mean over the years: \(n($0)) INR/t")] } ?? [])
                            + (d.byPrice ?? []).map { ($0.price, "at \(n($0.price)) INR/CCC") })),
                .table(
                    [
                        "bar", "measure", "from", "abatement, t a year", "annual cost, INR", "INR per t",
                        "INR per t net of the CCC",
                        "total NPV against none, INR", "cumulative, t a year",
                    ],
                    d.macCurve.map { m in
                        [
                            mac.firstIndex { $0.name == m.name }.map { String($0 + 1) } ?? "—", m.name, m.start,
                            n(m.averageAbatement), n(m.annualCost),
                            m.costPerTonne.map(n) ?? "no abatement", m.netCostPerTonne.map(n) ?? "",
                            m.netPresentCost.map(n) ?? "",
                            n(m.cumulativeAbatement),
                        ]
                    }, numeric: [0, 3, 4, 5, 6, 7, 8]),
            ])
        page.add(
            "Total net present cost",
            [
                .table(
                    ["", "INR"],
                    [
                        ["no measure (buying each year's shortfall)", n(d.baselineNpv)],
                        ["every measure", n(d.pathwayNpv)],
                        ["difference", n(d.pathwayNpv - d.baselineNpv)],
                    ], numeric: [1]),
                .bullets(d.assumptions),
            ])
        if let rows = d.byPrice, let first = rows.first {
            page.add(
                "At each CCC price",
                [
                    .text(
                        "Each measure alone against none at each --price (the same in every year), "
                            + "and the price at which it pays for itself."
                    ),
                    .table(
                        ["measure"] + rows.map { "NPV at \(n($0.price)) INR/CCC, INR" } + ["break-even, INR/CCC"],
                        first.measures.indices.map { i in
                            [first.measures[i].name] + rows.map { n($0.measures[i].netPresentCost) }
                                + [first.measures[i].breakEvenPrice.map(n) ?? "no certificate"]
                        }, numeric: Set(1...(rows.count + 1))),
                ]
                    + rows.compactMap { row in
                        row.leastCost.map { set in
                            .text(
                                "At \(n(row.price)) INR/CCC the least-cost set is "
                                    + (set.measures.isEmpty ? "no measure" : set.measures.joined(separator: " + "))
                                    + ": \(costWords(set)).")
                        }
                    })
        }
        if let solver = d.solver {
            page.add("How the set was found", [.text(PathwayWords.solverWords(solver))])
        }
        if let least = d.leastCost {
            page.add(
                "Least-cost set",
                [
                    .text(
                        "\(least.measures.isEmpty ? "No measure is needed" : least.measures.joined(separator: " + ")): "
                            + "\(costWords(least)), "
                            + "every target met without buying CCCs in "
                            + "\(NumberFormat.percent(least.probability, decimals: 1)) of worlds."
                    ),
                    .table(
                        ["set", "P(every target met)", "total net present cost, INR", "of which measures, INR"],
                        (d.feasibleSets ?? []).map {
                            [
                                $0.measures.isEmpty ? "(none)" : $0.measures.joined(separator: " + "),
                                NumberFormat.percent($0.probability, decimals: 1),
                                $0.totalPresentCost.map(n) ?? "", n($0.presentCost),
                            ]
                        },
                        numeric: [1, 2, 3]),
                ])
        } else if let s = d.shortfall {
            func name(_ set: PathwayWorkflow.SetRow) -> String {
                set.measures.isEmpty ? "(no measure)" : set.measures.joined(separator: " + ")
            }
            page.add(
                "Least-cost set",
                [
                    .text(
                        "No set of these measures reaches the probability asked. The best reached is "
                            + "\(NumberFormat.percent(s.best.probability, decimals: 1)), by "
                            + "\(name(s.best)) (\(costWords(s.best))); the year that binds is \(s.bindingYear), met in "
                            + "\(NumberFormat.percent(s.bindingProbability, decimals: 1)) of worlds."),
                    .table(
                        ["at P ≥", "cheapest set", "P", "total net present cost, INR"],
                        s.cheapestAtLowerProbabilities.map { lower in
                            [
                                NumberFormat.percent(lower.probability, decimals: 0), lower.set.map(name) ?? "no set",
                                lower.set.map { NumberFormat.percent($0.probability, decimals: 1) } ?? "",
                                lower.set.map { n($0.rankingCost) } ?? "",
                            ]
                        }, numeric: [0, 2, 3]),
                ])
        }
        if let overall = d.leastTotalCost {
            let chosen =
                overall.measures.isEmpty
                ? "No measure, buying each year's shortfall" : overall.measures.joined(separator: " + ")
            page.add(
                "Least total cost, whatever the probability",
                [
                    .text(
                        "\(chosen): \(costWords(overall)); every target met without buying CCCs in "
                            + "\(NumberFormat.percent(overall.probability, decimals: 1)) of worlds."
                    )
                ])
        }
        page.close(warnings: d.warnings, assumptions: [], files: run.files, rerunCommand: run.rerunCommand)
        return page
    }
}
