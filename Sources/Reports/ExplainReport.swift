import CCTS

/// The computation trace of `ccts explain`: each step, its formula, the values
/// that went in and where each came from.
public enum ExplainReport {
    public static func render(_ outcome: ScenarioOutcome, year: ComplianceYear?) -> String {
        var lines: [String] = [
            "\(outcome.scenario) — \(outcome.registration) (\(outcome.sector))".wrapped(
                width: width, first: "", rest: "  ")
        ]
        for result in outcome.years where year == nil || result.year == year {
            lines.append("")
            lines.append("═══ \(result.year) ═══")
            for step in result.trace {
                lines.append("")
                lines.append("[\(step.stage)] \(step.title)")
                lines.append(step.formula.wrapped(width: width, first: "  ", rest: "    "))
                var table = TextTable(header: ["input", "value", "unit", "from"], rightAligned: [1])
                for input in step.inputs {
                    table.add([input.name, shown(input), input.unit, input.origin])
                }
                lines.append(table.render(indent: "    ", width: width))
                lines.append(
                    "  = \(step.result.name): \(shown(step.result)) \(step.result.unit)".replacingTrailingSpaces())
                if let note = step.note {
                    lines.append(note.wrapped(width: width, first: "  note: ", rest: "        "))
                }
            }
            if !result.warnings.isEmpty {
                lines.append("")
                lines.append("Warnings for \(result.year):")
                lines += result.warnings.map { $0.message.wrapped(width: width, first: "  - ", rest: "    ") }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The width explain's tables keep to: sources wrap onto continuation lines.
    public static let width = 100

    /// A value as the trace shows it: yes/no for a fact, whole numbers without decimals.
    static func shown(_ value: TraceValue) -> String {
        value.isFlag ? (value.value != 0 ? "yes" : "no") : format(value.value)
    }

    public static func format(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return NumberFormat.grouped(x) }
        return abs(x) >= 1000 ? NumberFormat.grouped(x, decimals: 2) : NumberFormat.plain(x)
    }
}
