import Planning
import Requests

extension PlanRequest {
    /// The search's objective.
    public var goal: ProcurementSearch.Objective {
        switch objective {
        case .expected: return .expectedCost
        case .cvar: return .conditionalValueAtRisk(level: level)
        case .chance: return .chanceConstrained(epsilon: epsilon)
        }
    }
}
