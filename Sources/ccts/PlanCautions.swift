import CCTS
import Reports
import Simulation

/// What a reader must know before trusting a recommended plan, said first: that no plan meets
/// the chance limit (and why: the need at its quantile against what the instruments can supply),
/// that the plan leaves a high chance of compensation, that a decision sits on a bound (and what
/// relaxing it would change), and how far the search proves its answer.
extension PlanAnalysis {
    /// The share of worlds paying compensation above which a plan not bound by a chance limit is flagged.
    static let highChance = 0.10

    func cautions(best: ProcurementCandidate, feasible: Bool, epsilon: Double, method: String) throws -> [Warning] {
        var cautions: [Warning] = []
        let chance = best.probabilityOfNonCompliance
        if case .chanceConstrained = objective {
            if !feasible {
                cautions.append(
                    Warning(
                        .noFeasiblePlan,
                        "No plan on the searched grid keeps P(non-compliance) ≤ \(NumberFormat.percent(epsilon)); the closest leaves "
                            + "\(NumberFormat.percent(chance)). " + need(quantile: 1 - epsilon)))
            }
        } else if chance > Self.highChance {
            cautions.append(
                Warning(
                    .planRisk,
                    "The recommended plan leaves a \(NumberFormat.percent(chance)) chance of paying compensation in some year "
                        + "(above \(NumberFormat.percent(Self.highChance, decimals: 0))): it minimises the \(objectiveWords), and pays compensation in the "
                        + "worlds where that is cheaper than certificates. To limit the chance, use --objective chance --epsilon 0.05."
                ))
        }
        for (k, v) in variables.enumerated()
        where v.upper > 0 && v.kind != .saleShare && best.decisions[k] >= v.upper - 1e-9 {
            var relaxed = best.decisions
            relaxed[k] = v.upper * 1.25
            let moved = try cost(relaxed)
            let change = score(moved) - score(best)
            let bound =
                v.kind == .forwardShare
                ? "at the top of the searched grid (\(NumberFormat.percent(v.upper, decimals: 0)) of the estimated need)"
                : "at its maximum of \(NumberFormat.grouped(v.upper)) CCCs"
            var effect =
                change < 0
                ? "would lower the \(objectiveWords) by \(NumberFormat.grouped(-change)) INR"
                : "would not lower the \(objectiveWords)"
            if case .chanceConstrained(let e) = objective, moved.probabilityOfNonCompliance > e {
                effect += ", but break the limit of \(NumberFormat.percent(e)) on P(non-compliance)"
            }
            cautions.append(
                Warning(
                    .planBound,
                    "\(v.name) is \(bound): allowing 25 % more \(effect) (P(non-compliance) "
                        + "\(NumberFormat.percent(best.probabilityOfNonCompliance)) → \(NumberFormat.percent(moved.probabilityOfNonCompliance)))."
                ))
        }
        if method == "coordinate" {
            cautions.append(
                Warning(
                    .planNotProven,
                    "The search is a coordinate search on a grid (--steps, --offset-steps): the plan is the best it found, a local "
                        + "optimum on the grid, not a proven optimum."))
        }
        return cautions
    }

    /// The objective's value of a plan, INR.
    func score(_ c: ProcurementCandidate) -> Double {
        if case .conditionalValueAtRisk = objective { return c.costCvar }
        return c.meanCost
    }

    var objectiveWords: String {
        if case .conditionalValueAtRisk(let level) = objective {
            return "CVaR \(Int((level * 100).rounded())) % of the cost"
        }
        return "expected cost"
    }

    /// Per year: the CCCs needed at the `quantile` of the worlds (what is owed less the opening
    /// balance) against what the forwards and offset contracts can supply at most.
    func need(quantile: Double) -> String {
        let parts = worlds.years.enumerated().map { y, year -> String in
            let owed = worlds.credits[y].map { Swift.max(-$0, 0) }.sorted()
            let atQuantile = Swift.max(Summary.quantile(owed, quantile) - (y == 0 ? worlds.openingBalance : 0), 0)
            let forwards = plan.forwards.filter { $0.year == year }.reduce(0) { $0 + $1.maximum }
            let offsets = plan.offsets.indices.filter { worlds.arrival[$0] == y && worlds.eligible[$0] }
                .reduce(0.0) { total, j in
                    total + plan.offsets[j].maximum * worlds.delivered[j].reduce(0, +)
                        / Double(Swift.max(worlds.worlds, 1))
                }
            return
                "\(year): more than \(NumberFormat.grouped(atQuantile)) CCCs needed in \(NumberFormat.percent(1 - quantile, decimals: 0)) of worlds, "
                + "against at most \(NumberFormat.grouped(forwards)) from forwards and \(NumberFormat.grouped(offsets)) expected from offsets"
        }
        return "Need at the \(NumberFormat.percent(quantile, decimals: 0)) quantile: " + parts.joined(separator: "; ")
            + "; the exchange covers only its drawn liquidity of the rest. Raise the maxima, add instruments or raise --epsilon."
    }
}
