import CCTS
import Reports
import Simulation
import Workflows

/// The recommended plan's dated events as the text page shows them
/// (``PlanWorkflow/timeline(plan:worlds:best:deadline:)`` finds them).
extension PlanCommand {
    /// The timeline as the text page shows it.
    static func renderTimeline(_ rows: [PlanWorkflow.TimelineRow]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var table = TextTable(
            header: ["date", "event", "CCCs (mean)", "INR (mean)", "CCCs held after"], rightAligned: [2, 3, 4])
        for r in rows {
            table.add([
                r.date, r.event, NumberFormat.grouped(r.cccs), NumberFormat.grouped(r.inr),
                NumberFormat.grouped(r.held),
            ])
        }
        return [
            "", "Its dated cash flows and CCC holdings (means over the worlds; INR paid +, received −):",
            table.render(indent: "  "),
        ]
    }
}
