/// A warning a run gives: a stable code a script can test, and the message a person reads.
///
/// The code is chosen where the warning is raised, by the site that knows what happened; it is never
/// inferred from the message's words. Every code and its meaning is in `WarningCode` (and the README's
/// table is checked against it).
public struct Warning: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: WarningCode
    public let message: String

    public init(_ code: WarningCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Every code a warning can carry, with what it means.
public enum WarningCode: String, CaseIterable, Sendable, Codable {
    case shortPeriodAssumed = "short_period_assumed"
    case shortPeriodProRata = "short_period_pro_rata"
    case noEffect = "no_effect"
    case gasNotCovered = "gas_not_covered"
    case offsetNotEligible = "offset_not_eligible"
    case offsetOverCap = "offset_over_cap"
    case certificatesRoundedDown = "certificates_rounded_down"
    case saleExceedsHolding = "sale_exceeds_holding"
    case soldWhileShort = "sold_while_short"
    case notDeducted = "not_deducted"
    case factorOutsideValidity = "factor_outside_validity"
    case notifiedValueUsed = "notified_value_used"
    case rowsSkipped = "rows_skipped"
    case sectorNotNotified = "sector_not_notified"
    case tradesReplaced = "trades_replaced"
    case standardErrorNotReached = "standard_error_not_reached"
    case leftOut = "left_out"
    case planRisk = "plan_risk"
    case planBound = "plan_bound"
    case planBudget = "plan_budget"
    case planNotProven = "plan_not_proven"
    case noFeasiblePlan = "no_feasible_plan"

    /// What the code means, as the README's table says it.
    public var meaning: String {
        switch self {
        case .shortPeriodAssumed:
            "A short compliance period (e.g. 2025-26 from its notification) whose quantities the scenario did not "
                + "say cover the period or the full year; they are taken as the period's."
        case .shortPeriodProRata:
            "Quantities monitored over the full year are taken pro rata for a short compliance period."
        case .noEffect: "An input that changes nothing (monitored = … for a year whose period is the whole year)."
        case .gasNotCovered: "A gas outside the sector's covered gases counts as zero."
        case .offsetNotEligible:
            "Offsets the rules do not accept (project type, vintage) are not counted, or left out of a plan or market."
        case .offsetOverCap: "Offsets beyond the cap (compliance.offsets.max_share × obligation) are not counted."
        case .certificatesRoundedDown: "A delivery that is not a whole number of certificates is rounded down."
        case .saleExceedsHolding: "A sale larger than the CCCs held at its moment is reduced to what is held."
        case .soldWhileShort: "CCCs were sold before the surrender of a year whose account ended short."
        case .notDeducted: "Exported energy or captured CO2 the rules in force do not deduct."
        case .factorOutsideValidity: "A rule value is used for a year outside its stated validity."
        case .notifiedValueUsed:
            "The scenario's baseline or target is replaced by the value notified for its registration."
        case .rowsSkipped: "Table rows outside every requested compliance year were skipped, as an option asked."
        case .sectorNotNotified:
            "The entity's sector has no notified target or compliance period; the run uses the scenario's own."
        case .tradesReplaced: "compare: stated purchases and sales are replaced by the market's clearing."
        case .standardErrorNotReached: "A Monte Carlo run stopped before reaching the standard error asked."
        case .leftOut: "plan: the scenario's own trades and offsets are left out of the search, which decides them."
        case .planRisk:
            "plan: the recommended plan (expected cost or CVaR) leaves P(non-compliance) above 10 %."
        case .planBound: "plan: a decision sits on its bound; the message says what 25 % more would change."
        case .planBudget: "plan: the budget binds, or no plan keeps it; the message says by how much."
        case .planNotProven: "plan: the plan is the best a grid search found, not a proven optimum."
        case .noFeasiblePlan: "plan: no plan meets the chance limit with the instruments given."
        }
    }
}

extension Sequence where Element == Warning {
    /// The warnings in their order, each once (a warning of every world or year is said once).
    public func uniqued() -> [Warning] {
        var seen: Set<Warning> = []
        return filter { seen.insert($0).inserted }
    }
}
