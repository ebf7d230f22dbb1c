import CCTS

/// The computation trace of `ccts explain`: each step, its formula, the values
/// that went in and where each came from.
public enum ExplainReport {
    public static func render(_ outcome: ScenarioOutcome, year: ComplianceYear?) -> String {
        var lines: [String] = ["\(outcome.scenario) — \(outcome.registration) (\(outcome.sector))"]
        for result in outcome.years where year == nil || result.year == year {
            lines.append("")
            lines.append("═══ \(result.year) ═══")
            for step in result.trace {
                lines.append("")
                lines.append("[\(step.stage)] \(step.title)")
                lines.append("  \(step.formula)")
                var table = TextTable(header: ["input", "value", "unit", "from"], rightAligned: [1])
                for input in step.inputs {
                    table.add([input.name, format(input.value), input.unit, input.origin])
                }
                lines.append(table.render(indent: "    "))
                lines.append("  = \(step.result.name): \(format(step.result.value)) \(step.result.unit)")
                if let note = step.note { lines.append("  note: \(note)") }
            }
            if !result.warnings.isEmpty {
                lines.append("")
                lines.append("Warnings for \(result.year):")
                lines += result.warnings.map { "  - \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func format(_ x: Double) -> String {
        abs(x) >= 1000 ? NumberFormat.grouped(x, decimals: x == x.rounded() ? 0 : 2) : NumberFormat.plain(x)
    }
}
