import CCTS
import Optimisation
import Workflows

/// A pathway's answers in words and rows, the same on the text page and the report page.
public enum PathwayWords {
    /// A set's costs in words: the total first, the measures' part beside it.
    public static func costWords(_ set: PathwayWorkflow.SetRow) -> String {
        guard let total = set.totalPresentCost else {
            return "measures' present cost \(NumberFormat.money(set.presentCost))"
        }
        return
            "total net present cost \(NumberFormat.money(total)) ± "
            + "\(NumberFormat.grouped(set.totalPresentCostStandardError ?? 0)) (s.e.), "
            + "of which measures \(NumberFormat.money(set.presentCost))"
    }

    /// The rows of the cost-lines table (every measure, INR, undiscounted): label, then one value a year.
    public static func costLineRows(_ years: [PathwayWorkflow.YearRow]) -> [[String]] {
        let lines = years.compactMap(\.costLines)
        guard lines.count == years.count, !years.isEmpty else { return [] }
        let rows: [(String, (PathwayWorkflow.CostLines) -> Double)] = [
            ("measures: capex", \.capex), ("measures: opex", \.opex), ("CCCs bought", \.cccsBought),
            ("offsets paid", \.offsets), ("  not counted", \.offsetsNotCounted), ("CCCs sold", \.cccsSold),
            ("net cost", \.net), ("bank, at the price", \.carried),
        ]
        return rows.map { label, value in [label] + lines.map { NumberFormat.grouped(value($0)) } }
    }

    /// The solver's part of the page, in words.
    public static func solverWords(_ r: PathwayWorkflow.SolverReport) -> String {
        let status: String
        switch r.status {
        case LinearSolution.Status.optimal.rawValue: status = "proved the model's optimum (gap 0)"
        case LinearSolution.Status.feasible.rawValue:
            let gap = NumberFormat.percent(r.gap ?? 0, decimals: 2)
            status = "stopped at its time limit with a gap of \(gap) to the best bound"
        case LinearSolution.Status.infeasible.rawValue:
            status = "proved that no set reaches the probability in the model"
        default: status = "found no answer in its time limit"
        }
        let count = NumberFormat.grouped(Double(r.worlds)), sets = NumberFormat.count(r.setsEvaluatedExactly, "set")
        return
            "Chosen by \(r.method) on \(count) worlds: each measure evaluated alone on the common worlds and "
            + "their effects added (an additive model), exclusions and prerequisites kept; it \(status). "
            + "\(sets) then evaluated exactly (measures acting on the same emissions interact): "
            + (r.answerKept.map {
                $0
                    ? "the model's answer stands."
                    : "the exact evaluation moved from the model's answer to the set below."
            } ?? "the best sets below are the exact evaluation's.")
    }
}
