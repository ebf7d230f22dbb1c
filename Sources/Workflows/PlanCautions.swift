import CCTS
import Simulation
import Planning
import Statistics

/// What a reader must know before trusting a recommended plan, said first: that no plan meets
/// the chance limit (and why: the need at its quantile against what the instruments can supply),
/// that the plan leaves a high chance of compensation, that a decision sits on a bound (and what
/// relaxing it would change), and how far the search proves its answer.
extension PlanAnalysis {
    /// The share of worlds paying compensation above which a plan not bound by a chance limit is flagged.
    static let highChance = 0.10

    /// - Parameter programmeStart: whether the search started from the linear programme's answer.
    func cautions(
        best: ProcurementCandidate, feasible: Bool, epsilon: Double, method: String, bound: Bound? = nil,
        programmeStart: Bool = false
    ) throws -> [Warning] {
        var cautions: [Warning] = []
        let chance = best.probabilityOfNonCompliance
        if case .chanceConstrained = objective {
            if !feasible {
                cautions.append(
                    Warning(
                        .noFeasiblePlan,
                        "No plan on the searched grid keeps P(non-compliance) ≤ "
                            + "\(NumberFormat.percent(epsilon)); the closest leaves "
                            + "\(NumberFormat.percent(chance)). " + need(quantile: 1 - epsilon)))
            }
        } else if chance > Self.highChance {
            cautions.append(
                Warning(
                    .planRisk,
                    "The recommended plan leaves a \(NumberFormat.percent(chance)) chance of paying compensation in "
                        + "some year "
                        + "(above \(NumberFormat.percent(Self.highChance, decimals: 0))): it minimises the "
                        + "\(objectiveWords), and pays compensation in the "
                        + "worlds where that is cheaper than certificates. To limit the chance, use --objective chance "
                        + "--epsilon 0.05."
                ))
        }
        if let budget = plan.budget, let spend = best.largestSpend {
            cautions.append(contentsOf: try budgetCaution(best: best, budget: budget, spend: spend))
        }
        for (k, v) in variables.enumerated()
        where v.upper > 0 && v.kind != .saleShare && best.decisions[k] >= v.upper - 1e-9 {
            var relaxed = best.decisions
            relaxed[k] = v.upper * 1.25
            let moved = try cost(relaxed)
            let change = score(moved) - score(best)
            let bound =
                v.kind == .forwardShare
                ? "at the top of the searched grid (\(NumberFormat.percent(v.upper, decimals: 0)) of the estimated "
                    + "need)"
                : "at its maximum of \(NumberFormat.grouped(v.upper)) CCCs"
            var effect =
                change < 0
                ? "would lower the \(objectiveWords) by \(NumberFormat.money(-change))"
                : "would not lower the \(objectiveWords)"
            if case .chanceConstrained(let e) = objective, moved.probabilityOfNonCompliance > e {
                effect += ", but break the limit of \(NumberFormat.percent(e)) on P(non-compliance)"
            }
            cautions.append(
                Warning(
                    .planBound,
                    "\(v.name) is \(bound): allowing 25 % more \(effect) (P(non-compliance) "
                        + "\(NumberFormat.percent(best.probabilityOfNonCompliance)) → "
                        + "\(NumberFormat.percent(moved.probabilityOfNonCompliance)))."
                ))
        }
        if method == "coordinate" {
            cautions.append(
                Warning(
                    .planNotProven,
                    (programmeStart
                        ? "The plan is the linear programme's answer improved by a coordinate search on a grid "
                        : "The plan is the best a coordinate search from buying nothing found on a grid ")
                        + "(--steps, --offset-steps) over every world: a local optimum on the grid, not a proven "
                        + "optimum."
                        + (bound.map { " " + Self.boundWords($0, objective: objectiveWords) } ?? "")))
        }
        return cautions
    }

    /// The budget said: no plan keeps it (and the least spend the search reached), or it binds (the
    /// best plan without a budget spends more than it in some world), with what that plan would save.
    func budgetCaution(best: ProcurementCandidate, budget: Double, spend: Double) throws -> [Warning] {
        let words = "\(NumberFormat.money(budget)) on forwards and offsets"
        guard best.withinBudget else {
            return [
                Warning(
                    .planBudget,
                    "No plan on the searched grid keeps the budget of \(words): the least it reached spends "
                        + "\(NumberFormat.money(spend)) in some world. "
                        + "Raise the budget (--budget) or lower the maxima."
                )
            ]
        }
        var open = plan
        open.budget = nil
        let free = try ProcurementSearch.search(
            open, worlds, objective: objective, forwardSteps: forwardSteps, offsetSteps: offsetSteps)
        guard let freeSpend = free.best.largestSpend, freeSpend > budget else { return [] }
        let saving = score(best) - score(free.best)
        let (spent, freeSpent) = (NumberFormat.grouped(spend), NumberFormat.grouped(freeSpend))
        return [
            Warning(
                .planBudget,
                "The budget of \(words) binds: the recommended plan spends up to \(spent) INR in some world, "
                    + "the best plan without the budget up to \(freeSpent) INR, and its \(objectiveWords) is "
                    + (saving > 0 ? "\(NumberFormat.money(saving)) lower." : "no lower."))
        ]
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
                "\(year): more than \(NumberFormat.grouped(atQuantile)) CCCs needed in "
                + "\(NumberFormat.percent(1 - quantile, decimals: 0)) of worlds, "
                + "against at most \(NumberFormat.grouped(forwards)) from forwards and "
                + "\(NumberFormat.grouped(offsets)) expected from offsets"
        }
        return "Need at the \(NumberFormat.percent(quantile, decimals: 0)) quantile: " + parts.joined(separator: "; ")
            + "; the exchange covers only its drawn liquidity of the rest. Raise the maxima, add instruments or raise "
            + "--epsilon."
    }
}
