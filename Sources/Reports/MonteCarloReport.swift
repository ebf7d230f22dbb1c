import CCTS
import Simulation
import Statistics

/// The readable summary of a Monte Carlo run.
public enum MonteCarloReport {
    // Long: the text page's blocks in reading order, a few lines each.
    public static func render(
        _ summary: MonteCarloSummary, scenario: String, scenarioFile: String, threads: Int,
        seconds: Double, warnings: [Warning], explainOptions: String = ""
    ) -> String {
        var lines: [String] = [scenario]
        let rate = seconds > 0 ? Double(summary.worlds) / seconds : 0
        lines.append(
            "Monte Carlo: \(NumberFormat.grouped(Double(summary.worlds))) worlds, seed \(summary.seed), "
                + "\(NumberFormat.count(threads, "thread")), "
                + "\(NumberFormat.grouped(seconds, decimals: 2)) s of worlds "
                + "(\(NumberFormat.grouped(rate / 1e6, decimals: 2)) M worlds/s)"
        )
        if let stopping = summary.stopping {
            lines.append(stopping.sentence.wrapped(width: 100, first: "", rest: "  "))
        }
        let levels: [Double] = [1, 5, 50, 95, 99]
        for year in summary.years {
            lines.append("")
            lines.append("═══ \(year.year) ═══")
            var table = TextTable(
                header: ["", "mean", "sd", "se"] + levels.map { "p\(Int($0))" }, rightAligned: Set(1...8))
            for metric in Metric.allCases where metric.isSummarised {
                guard let s = year.metrics[metric.name] else { continue }
                table.add(
                    ["\(metric.name)\(metric.unit.isEmpty ? "" : ", \(metric.unit)")"]
                        + row(s, metric: metric, levels: levels))
            }
            lines.append(table.render())
            lines.append(
                "P(non-compliance): \(NumberFormat.percent(year.probabilityOfNonCompliance)) ± "
                    + "\(NumberFormat.percent(year.probabilityStandardError, decimals: 3)) (se)"
            )
            lines.append(
                "Cost at risk (95 %): VaR \(NumberFormat.money(year.costRisk.valueAtRisk)), CVaR "
                    + "\(NumberFormat.money(year.costRisk.conditionalValueAtRisk))"
            )
        }
        lines.append("")
        lines.append(
            "All years: total cost mean \(NumberFormat.money(summary.totalCost.mean)) (se "
                + "\(NumberFormat.grouped(summary.totalCost.se))), "
                + "VaR95 \(NumberFormat.grouped(summary.totalCostRisk.valueAtRisk)), CVaR95 "
                + "\(NumberFormat.grouped(summary.totalCostRisk.conditionalValueAtRisk)); "
                + "P(missing any year) \(NumberFormat.percent(summary.probabilityOfNonComplianceAnyYear))")
        let constantCost = summary.totalCost.min == summary.totalCost.max
        if constantCost, summary.sensitivity.last != nil {
            // every world costs the same: no input moves it, and a table of +0.000 rows would say nothing
            lines.append("")
            lines.append(
                "Sensitivity of total cost: none — it is \(NumberFormat.money(summary.totalCost.mean)) in every "
                    + "world, whatever the uncertain inputs draw (they move emissions within what the targets leave)")
        } else if let total = summary.sensitivity.last {
            lines.append("")
            lines.append(
                "Sensitivity of \(total.output) "
                    + "(Spearman ρ over \(NumberFormat.grouped(Double(total.sample))) worlds):"
            )
            var table = TextTable(header: ["", "input", "ρ", ""], rightAligned: [0, 2])
            for (rank, entry) in total.inputs.prefix(10).enumerated() {
                table.add(["\(rank + 1).", entry.input, String(format: "%+.3f", entry.spearman), bar(entry.spearman)])
            }
            lines.append(table.render(indent: "  "))
            if summary.sensitivity.count > 1 {
                lines.append("  (rankings for GEI, credits and cost of each year: --json)")
            }
        }
        lines.append("")
        if constantCost, let first = summary.extremeWorlds.first {
            // one world stands for all (the same world named five times said nothing more)
            lines.append(
                "Worlds behind total cost: every world costs \(NumberFormat.grouped(first.totalCost)), e.g. "
                    + "#\(first.world)"
            )
        } else {
            lines.append(
                "Worlds behind total cost: "
                    + summary.extremeWorlds.map { "\($0.label) #\($0.world) (\(NumberFormat.grouped($0.totalCost)))" }
                    .joined(separator: ", "))
        }
        if let worst = summary.extremeWorlds.last {
            lines.append(
                "Open one: ccts explain \(scenarioFile) --seed \(summary.seed) --world \(worst.world)\(explainOptions)")
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += warnings.map { "  - \($0.message)" }
        }
        return lines.joined(separator: "\n")
    }

    static func row(_ s: Summary, metric: Metric, levels: [Double]) -> [String] {
        let decimals = metric == .gei ? 6 : 0
        func f(_ x: Double) -> String { decimals > 0 ? String(format: "%.\(decimals)f", x) : NumberFormat.grouped(x) }
        return [
            f(s.mean), f(s.sd), metric == .gei ? String(format: "%.2e", s.se) : NumberFormat.grouped(s.se, decimals: 1),
        ]
            + levels.map { f(s.percentile($0) ?? .nan) }
    }

    static func bar(_ rho: Double) -> String {
        let width = Int((abs(rho) * 20).rounded())
        return String(repeating: rho < 0 ? "◀" : "▶", count: width)
    }
}

/// The JSON document of a Monte Carlo run: `results` holds only what the worlds determine
/// (identical for any thread count); `run` holds how it was run.
public struct MonteCarloJSON {
    public struct Run: Encodable {
        var threads: Int
        var seconds: Double
        var worldsPerSecond: Double
    }

    var inputs: OutcomeJSON.Inputs
    var run: Run
    var warnings: [Warning]
    var results: MonteCarloSummary

    public init(
        summary: MonteCarloSummary, scenario: String, scenarioFile: String, registration: String, sector: String,
        rules: RuleSet, changes: [OutcomeJSON.Change], threads: Int, seconds: Double, warnings: [Warning]
    ) {
        inputs = OutcomeJSON.Inputs(
            scenario: scenario, scenarioFile: scenarioFile, registration: registration, sector: sector,
            ruleFiles: rules.files, reforms: rules.reforms, changes: changes, gwp: rules.gwpInForce)
        run = Run(
            threads: threads, seconds: seconds, worldsPerSecond: seconds > 0 ? Double(summary.worlds) / seconds : 0)
        self.warnings = warnings
        results = summary
    }

    /// The whole document (``OutputDocument``); how it was run goes to `timing`.
    public func encoded() throws -> String {
        try OutputDocument(
            command: "run", inputs: inputs, results: results, warnings: warnings,
            timing: .init(seconds: run.seconds, threads: run.threads, worldsPerSecond: run.worldsPerSecond)
        ).encoded()
    }

    /// The `results` object alone: what a re-run must reproduce bit for bit.
    public func resultsJSON() throws -> String { try JSONText.encode(results) }
}
