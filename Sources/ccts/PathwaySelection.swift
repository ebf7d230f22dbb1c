import CCTS
import CommandSupport
import Foundation
import Optimisation
import Reports
import Simulation
import Workflows

/// How the least-cost set was found, in words (``PathwayWorkflow`` finds it).
extension PathwayCommand {
    /// The solver's part of the page, in words.
    static func solverWords(_ r: SolverReport) -> String {
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
