import CCTS
import CommandSupport
import Reports
import Workflows
import Simulation
import Planning

/// The text `ccts plan` prints: the recommended plan per instrument, its cost against three
/// naive plans, what each instrument is worth, the shadow price, and the ±20 % price table.
struct PlanReport {
    let document: PlanWorkflow.Document
    let objective: String
    let level: Double
    let epsilon: Double

    // Long: the text page's blocks in reading order, a few lines each.
    func render() -> String {
        let d = document
        var lines = [
            "\(d.scenario): procurement plan for \(d.years.joined(separator: ", ")), "
                + "\(NumberFormat.grouped(Double(d.worlds))) worlds, seed \(d.seed)"
        ]
        if let cautions = d.cautions, !cautions.isEmpty {
            lines.append("Cautions, before the plan:")
            lines += cautions.map { $0.wrapped(width: ExplainReport.width, first: "  ! ", rest: "    ") }
        }
        if let stopping = d.stopping {
            lines.append(stopping.sentence.wrapped(width: ExplainReport.width, first: "", rest: "  "))
        }
        lines.append(
            ("Search: \(d.method) over \(d.variables.count) decisions, \(d.evaluations) plans costed"
                + (d.method == "coordinate"
                    ? " in \(d.sweeps) sweeps (until no decision's line search improved it)" : "")
                + "; the optimum's mean cost has a Monte Carlo standard error of "
                + NumberFormat.grouped((d.best ?? d.withoutPurchases).meanCostStandardError) + " INR.").wrapped(
                    width: ExplainReport.width, first: "", rest: "  "))
        lines.append("")
        if d.best != nil {
            lines.append("Recommended (\(objective)):")
            var table = TextTable(header: ["instrument", "decision", "mean CCCs", "price"], rightAligned: [2, 3])
            for i in d.instruments {
                table.add([i.name, i.decision, NumberFormat.grouped(i.meanQuantity), NumberFormat.grouped(i.price)])
            }
            lines.append(table.render(indent: "  "))
            if let best = d.best, let c = best.costLines {
                // Every rupee of the mean cost, line by line.
                let g = { (x: Double) in NumberFormat.grouped(x) }
                lines.append(
                    ("Its mean cost, line by line (INR): forwards \(g(c.forwardCost)) + offsets \(g(c.offsetCost))"
                        + " + exchange \(g(c.exchangeCost)) + compensation \(g(c.compensation))"
                        + " − sales \(g(c.saleRevenue)) − the surplus's value \(g(c.surplusValue)) = \(g(c.net))")
                        .wrapped(
                            width: ExplainReport.width, first: "  ", rest: "    "))
            }
            lines += PlanCommand.renderTimeline(d.timeline ?? [])
        } else {
            lines.append(
                "No plan keeps P(non-compliance) ≤ \(NumberFormat.percent(epsilon)); the table shows the plan "
                    + "closest to it. Raise the maxima or --epsilon."
            )
        }
        lines.append("")
        var costs = TextTable(
            header: ["plan", "mean cost", "se", "P5", "P95", "CVaR \(Int(level * 100)) %", "P(non-compl.)"],
            rightAligned: Set(1...6))
        func row(_ label: String, _ c: ProcurementCandidate) {
            costs.add([
                label, NumberFormat.grouped(c.meanCost), NumberFormat.grouped(c.meanCostStandardError),
                NumberFormat.grouped(c.costP5),
                NumberFormat.grouped(c.costP95), NumberFormat.grouped(c.costCvar),
                NumberFormat.percent(c.probabilityOfNonCompliance),
            ])
        }
        if let best = d.best { row("recommended", best) }
        for n in d.naive { row(n.plan, n.candidate) }
        lines.append(costs.render())
        if !d.instrumentValues.isEmpty {
            lines.append("")
            let measure = d.instrumentValues.first?.measure ?? "expected cost"
            lines.append(
                ("What each instrument is worth, in the objective's terms (\(measure) of the best plan without it − "
                    + "with it):")
                    .wrapped(width: ExplainReport.width, first: "", rest: "  "))
            var values = TextTable(header: ["instrument", "mean cost without", "value"], rightAligned: [1, 2])
            for v in d.instrumentValues {
                values.add([v.instrument, NumberFormat.grouped(v.meanCostWithout), NumberFormat.grouped(v.value)])
            }
            lines.append(values.render(indent: "  "))
        }
        if let shadow = d.shadowPrice {
            lines.append("")
            lines.append(
                ("Shadow price of the chance constraint: \(NumberFormat.money(shadow / 100)) of expected cost per "
                    + "percentage point "
                    + "of P(non-compliance) allowed, at ε = \(NumberFormat.percent(epsilon)).").wrapped(
                        width: ExplainReport.width, first: "", rest: "  "))
        }
        if !d.priceSensitivity.isEmpty {
            lines.append("")
            lines.append(
                "The best plan when prices move, under the same objective (decisions in the order of the table above):")
            var sensitivity = TextTable(
                header: ["prices", "decisions", "mean cost", "CVaR \(Int(level * 100)) %", "P(non-compl.)"],
                rightAligned: [2, 3, 4])
            for s in d.priceSensitivity {
                let decisions = zip(d.variables, s.decisions).map { v, x in
                    v.kind == .forwardShare || v.kind == .saleShare
                        ? "\(Int((x * 100).rounded())) %" : NumberFormat.grouped(x)
                }
                sensitivity.add([
                    s.change, decisions.joined(separator: ", "), NumberFormat.grouped(s.meanCost),
                    s.costCvar.map { NumberFormat.grouped($0) } ?? "",
                    s.probabilityOfNonCompliance.map { NumberFormat.percent($0) } ?? "",
                ])
            }
            lines.append(sensitivity.render(indent: "  "))
        }
        for note in d.notes { lines.append("Note: " + note) }
        return lines.joined(separator: "\n")
    }
}
