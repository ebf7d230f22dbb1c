import CCTS
import Foundation
import Reports
import Workflows

/// The `--price` answers in words (``PathwayWorkflow`` computes them).
extension PathwayCommand {
    /// The `--price` part of the page.
    static func renderPrices(_ rows: [PriceRow], probability: Double, optimise: Bool) -> [String] {
        guard let first = rows.first else { return [] }
        var lines = ["", "At each CCC price, the same in every year (--price):"]
        var table = TextTable(
            header: ["measure"] + rows.map { "NPV at \(NumberFormat.money($0.price))" } + ["break-even INR/CCC"],
            rightAligned: Set(1...(rows.count + 1)))
        for (i, m) in first.measures.enumerated() {
            table.add(
                [m.name] + rows.map { NumberFormat.grouped($0.measures[i].netPresentCost) }
                    + [m.breakEvenPrice.map { NumberFormat.grouped($0) } ?? "— (no certificate)"])
        }
        lines.append(table.render(indent: "  "))
        guard optimise else { return lines }
        func name(_ set: SetRow?) -> String {
            guard let set else { return "no set" }
            return set.measures.isEmpty ? "no measure" : set.measures.joined(separator: " + ")
        }
        for row in rows {
            lines.append(
                ("At \(NumberFormat.grouped(row.price)) INR/CCC: least-cost set meeting every target with P ≥ "
                    + "\(NumberFormat.percent(probability, decimals: 0)): \(name(row.leastCost))"
                    + (row.leastCost.map { ", \(PathwayWords.costWords($0))" } ?? "")
                    + "; least total cost whatever the probability: \(name(row.leastTotalCost))"
                    + (row.leastTotalCost.map { ", \(PathwayWords.costWords($0))" } ?? "") + ".")
                    .wrapped(width: ExplainReport.width, first: "  ", rest: "    "))
        }
        return lines
    }
}
