import CCTS
import Workflows
import Simulation

/// A stored `plan` run as one page: the recommended plan, expected cost and CVaR against the
/// quantity each instrument buys with the optimum marked, the plan against three naive plans,
/// what each instrument is worth, and the best plan when prices move.
public enum PlanHTML {
    /// The page of a stored run's `document`.
    // Long: the page's sections in reading order, a few lines each under its heading; apart, each would take the same
    // document and formatters.
    public static func page(_ d: PlanWorkflow.Document, run: PageContext) -> ReportDocument {
        let n = HTMLPage.n
        var page = ReportDocument(
            title: "\(d.scenario) — ccts plan run \(run.runID)", heading: d.scenario,
            lead: [
                .text(
                    "Procurement plan run \(run.runID) of \(run.created) for \(d.years.joined(separator: ", ")): "
                        + "objective \(d.objective), \(n(Double(d.worlds))) worlds, "
                        + "seed \(d.seed); \(d.method) search, \(n(Double(d.evaluations))) plans costed.")
            ])
        // The answer, for a reader of this page alone; then what to know before trusting it.
        if let best = d.best {
            page.lead.append(
                .text(
                    "In short: the recommended plan costs \(NumberFormat.money(best.meanCost)) on average (CVaR 95 % "
                        + "\(NumberFormat.money(best.costCvar))) and leaves a "
                        + "\(NumberFormat.percent(best.probabilityOfNonCompliance)) "
                        + "chance of paying compensation in some year; buying nothing costs "
                        + "\(NumberFormat.money(d.withoutPurchases.meanCost)) with a "
                        + "\(NumberFormat.percent(d.withoutPurchases.probabilityOfNonCompliance)) chance."))
        } else {
            page.lead.append(.text("In short: no plan meets the limit asked; the cautions below say why."))
        }
        page.question =
            "Which purchases of offsets and CCCs meet the obligations of "
            + "\(d.years.joined(separator: " and ")) at the least "
            + ["cvar": "cost in the costliest worlds (CVaR)", "chance": "expected cost within the chance limit"][
                d.objective, default: "expected cost"]
            + ", and how likely is environmental compensation then?"
        if let best = d.best {
            page.keyFigures = [
                .init(
                    NumberFormat.money(best.meanCost), "expected cost of the recommended plan",
                    note: "buying nothing: \(NumberFormat.money(d.withoutPurchases.meanCost))"),
                .init(
                    NumberFormat.percent(best.probabilityOfNonCompliance, decimals: 1),
                    "chance of compensation in some year",
                    note:
                        "buying nothing: "
                        + NumberFormat.percent(d.withoutPurchases.probabilityOfNonCompliance, decimals: 1)
                ),
                .init(
                    NumberFormat.money(best.costCvar), "cost in the worst 5 % of worlds (CVaR 95 %)",
                    note: "the mean of the costliest twentieth of the worlds"),
            ]
        }
        page.lead += (d.cautions ?? []).map { .text("Caution: " + $0) }
        if let stopping = d.stopping { page.lead.append(.text(stopping.sentence)) }
        if d.best != nil {
            page.add(
                "Recommended plan",
                [
                    .table(
                        ["instrument", "decision", "mean CCCs", "price, INR"],
                        d.instruments.map { [$0.name, $0.decision, n($0.meanQuantity), n($0.price)] }, numeric: [2, 3])
                ])
            if let timeline = d.timeline, !timeline.isEmpty {
                page.add(
                    "Dated cash flows and holdings",
                    [
                        .text(
                            "Means over the worlds: INR paid (+) or received (−) on each date, and the CCCs held "
                                + "after it. Offsets are credits counted against the obligation, not CCCs held."),
                        .table(
                            ["date", "event", "CCCs", "INR", "CCCs held after"],
                            timeline.map { [$0.date, $0.event, n($0.cccs), n($0.inr), n($0.held)] },
                            numeric: [2, 3, 4]),
                    ])
            }
        } else {
            page.add(
                "Recommended plan",
                [
                    .text(
                        "No plan meets the limit on P(non-compliance); the charts are drawn around the plan closest to "
                            + "it. Raise the maxima or --epsilon."
                    )
                ])
        }
        page.add(
            "Cost against the quantity bought",
            d.profiles.flatMap { profile -> [ReportDocument.Block] in
                let kind = d.variables.first { $0.name == profile.instrument }?.kind
                let share = kind == .forwardShare || kind == .saleShare
                return [
                    .chart(
                        SVGChart.curves(
                            title: "\(profile.instrument): cost against quantity, the rest of the plan held",
                            xLabel: "mean CCCs bought or contracted", yLabel: "INR",
                            x: profile.points.map(\.meanQuantity),
                            series: [
                                SVGChart.Series(name: "expected cost", values: profile.points.map(\.meanCost)),
                                SVGChart.Series(name: "CVaR", values: profile.points.map(\.costCvar)),
                            ],
                            markers: [(profile.chosenQuantity, "optimum \(n(profile.chosenQuantity))")])),
                    .table(
                        ["decision", "mean CCCs", "expected cost, INR", "CVaR, INR", "P(non-compliance)"],
                        profile.points.map {
                            [
                                share ? NumberFormat.percent($0.decision, decimals: 0) : n($0.decision),
                                n($0.meanQuantity), n($0.meanCost), n($0.costCvar),
                                NumberFormat.percent($0.probabilityOfNonCompliance),
                            ]
                        },
                        numeric: [0, 1, 2, 3, 4]),
                ]
            })
        var plans = d.naive.map { ($0.plan, $0.candidate) }
        if let best = d.best { plans.insert(("recommended", best), at: 0) }
        page.add(
            "Against naive plans",
            [
                .chart(
                    SVGChart.groupedBars(
                        title: "Expected cost and CVaR of each plan", yLabel: "INR", xLabel: "plan",
                        categories: plans.map(\.0),
                        series: [
                            SVGChart.Series(name: "expected cost", values: plans.map(\.1.meanCost)),
                            SVGChart.Series(name: "CVaR", values: plans.map(\.1.costCvar)),
                        ])),
                .table(
                    ["plan", "mean cost, INR", "standard error", "P5", "P95", "CVaR", "P(non-compliance)"],
                    plans.map { name, c in
                        [
                            name, n(c.meanCost), n(c.meanCostStandardError), n(c.costP5), n(c.costP95), n(c.costCvar),
                            NumberFormat.percent(c.probabilityOfNonCompliance),
                        ]
                    }, numeric: Set(1...6)),
            ])
        if !d.instrumentValues.isEmpty {
            page.add(
                "What each instrument is worth",
                [
                    .text("The mean cost of the best plan without the instrument, less that of the best plan with it."),
                    .table(
                        ["instrument", "mean cost without, INR", "value, INR"],
                        d.instrumentValues.map { value in [value.instrument, n(value.meanCostWithout), n(value.value)]
                        },
                        numeric: [1, 2]),
                ])
        }
        if let shadow = d.shadowPrice {
            page.add(
                "Shadow price of the chance constraint",
                [
                    .text(
                        "\(NumberFormat.money(shadow / 100)) of expected cost per percentage point of "
                            + "P(non-compliance) allowed."
                    )
                ])
        }
        if !d.priceSensitivity.isEmpty {
            page.add(
                "The best plan when prices move",
                [
                    .table(
                        ["prices"] + d.variables.map(\.name) + ["mean cost, INR"],
                        d.priceSensitivity.map { s in
                            [s.change]
                                + zip(d.variables, s.decisions).map { v, x in
                                    v.kind == .forwardShare || v.kind == .saleShare
                                        ? NumberFormat.percent(x, decimals: 0) : n(x)
                                } + [n(s.meanCost)]
                        }, numeric: Set(1...(d.variables.count + 1)))
                ])
        }
        page.close(warnings: d.notes, assumptions: [], files: run.files, rerunCommand: run.rerunCommand)
        return page
    }
}
