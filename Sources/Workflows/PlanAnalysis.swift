import CCTS
import Dispatch
import Simulation
import Planning

/// `body` for every element on all cores, the results in order (the searches are independent
/// and each is deterministic, so the order of work does not change them).
/// - Parameter serial: map in order on this thread (searches that call a Lua rule function use
///   their lanes' Lua states, which two searches at once must not share).
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], serial: Bool, _ body: @Sendable (T) throws -> R) throws
    -> [R]
{
    if serial { return try items.map(body) }
    let slots = Slots<Result<R, Error>>(items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in slots.set(i, Result { try body(items[i]) }) }
    return try slots.values.map { try $0.get() }
}

/// One slot per task; each task writes only its own. `@unchecked Sendable` for that reason.
final class Slots<R>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<R?>
    private let count: Int

    init(_ count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: max(count, 1))
    }

    func set(_ i: Int, _ value: R) { storage[i] = value }
    var values: [R] { (0..<count).map { storage[$0]! } }

    deinit {
        storage.deinitialize(count: max(count, 1))
        storage.deallocate()
    }
}

/// What `ccts plan` says beyond the best plan, each on the same worlds: three naive plans, the
/// value of each instrument (the best plan without it), the shadow price of the chance
/// constraint, and the best plan when each price moves ±20 %.
public struct PlanAnalysis: Sendable {
    let plan: ProcurementPlan
    let worlds: ProcurementWorlds
    let objective: ProcurementSearch.Objective
    let level: Double
    let forwardSteps: Int
    let offsetSteps: Int

    var variables: [ProcurementVariable] {
        ProcurementSearch.variables(plan, eligible: worlds.eligible, years: worlds.years)
    }

    /// Whether costing a plan calls a Lua rule function (then searches run one at a time).
    var callsLua: Bool { LuaLanes.serial(lanes: worlds.compensation) }

    func cost(_ decisions: [Double]) throws -> ProcurementCandidate {
        try ProcurementSearch.evaluate(plan, worlds, variables: variables, decisions: decisions, riskLevel: level)
    }

    var nothing: ProcurementCandidate { get throws { try cost([Double](repeating: 0, count: variables.count)) } }

    /// Buy nothing ahead; buy each year's expected shortfall with its first forward; buy every forward's maximum.
    var naive: [PlanWorkflow.Comparison] {
        get throws {
            let expectedNeed = worlds.years.indices.map { y in
                worlds.credits[y].reduce(0) { $0 + Swift.max(-$1, 0) } / Double(Swift.max(worlds.worlds, 1))
            }
            var first = [Double](repeating: 0, count: variables.count), all = first
            var seen: Set<ComplianceYear> = []
            for (k, v) in variables.enumerated() where v.kind == .forwardQuantity || v.kind == .forwardShare {
                let forward = plan.forwards[v.index]
                all[k] = v.upper
                guard seen.insert(forward.year).inserted, let y = worlds.years.firstIndex(of: forward.year) else {
                    continue
                }
                first[k] = v.kind == .forwardShare ? 1 : Swift.min(expectedNeed[y].rounded(), forward.maximum)
            }
            return [
                PlanWorkflow.Comparison(plan: "buy nothing ahead", candidate: try nothing),
                PlanWorkflow.Comparison(plan: "buy the expected shortfall at the start", candidate: try cost(first)),
                PlanWorkflow.Comparison(plan: "buy everything forward", candidate: try cost(all)),
            ]
        }
    }

    /// Where a variable's instrument is in ``ProcurementCandidate/meanQuantities``: forwards, contracts, then the
    /// years' sales.
    func quantityIndex(_ v: ProcurementVariable) -> Int {
        switch v.kind {
        case .forwardQuantity, .forwardShare: return v.index
        case .offsetQuantity: return plan.forwards.count + v.index
        case .saleShare: return plan.forwards.count + plan.offsets.count + v.index
        }
    }

    func instruments(_ best: ProcurementCandidate) -> [PlanWorkflow.Instrument] {
        zip(variables, best.decisions).map { v, value in
            let price: Double, decision: String
            switch v.kind {
            case .forwardQuantity:
                (price, decision) = (plan.forwards[v.index].price, "buy \(NumberFormat.grouped(value)) CCCs")
            case .forwardShare:
                (price, decision) = (
                    plan.forwards[v.index].price,
                    "buy \(Int((value * 100).rounded())) % of the estimated remaining need"
                )
            case .offsetQuantity:
                (price, decision) = (plan.offsets[v.index].price, "contract \(NumberFormat.grouped(value)) credits")
            case .saleShare:
                // sold at the year's price: the mean price of the worlds is shown
                let year = worlds.price[v.index]
                (price, decision) = (
                    year.reduce(0, +) / Double(max(year.count, 1)),
                    "sell \(Int((value * 100).rounded())) % of the surplus"
                )
            }
            return PlanWorkflow.Instrument(
                name: v.name, decision: decision, value: value, meanQuantity: best.meanQuantities[quantityIndex(v)],
                price: price)
        }
    }

    /// Each purchase decision (forwards, offset contracts) over its search grid with the others
    /// held at `best`: mean cost, CVaR and P(non-compliance) against the mean CCCs it buys.
    func profiles(around best: ProcurementCandidate) throws -> [PlanWorkflow.Profile] {
        let purchases = variables.indices.filter { variables[$0].kind != .saleShare }
        return try concurrentMap(purchases, serial: callsLua) { k in
            let v = variables[k], q = quantityIndex(v)
            let values = ProcurementSearch.grid(v, steps: v.kind == .offsetQuantity ? offsetSteps : forwardSteps)
            let points = try ProcurementSearch.profile(
                plan, worlds, variables: variables, decisions: best.decisions, k: k, values: values, level: level
            ).map { c in
                PlanWorkflow.ProfilePoint(
                    decision: c.decisions[k], meanQuantity: c.meanQuantities[q], meanCost: c.meanCost,
                    costCvar: c.costCvar, probabilityOfNonCompliance: c.probabilityOfNonCompliance)
            }
            return PlanWorkflow.Profile(instrument: v.name, chosenQuantity: best.meanQuantities[q], points: points)
        }
    }

    /// The best plan without each instrument (its maximum 0, the others searched again from `start`
    /// with it at 0), in variable order.
    func withoutEach(start: [Double]) throws -> [ProcurementSearch.Search] {
        try concurrentMap(Array(variables.indices), serial: callsLua) { k in
            var reduced = plan
            let v = variables[k]
            switch v.kind {
            case .offsetQuantity: reduced.offsets[v.index].maximum = 0
            case .saleShare: reduced.saleYears.removeAll { $0 == worlds.years[v.index] }
            case .forwardQuantity: reduced.forwards[v.index].maximum = 0
            case .forwardShare:
                reduced.forwards[v.index].maximum = 0
                reduced.forwards[v.index].knownError = nil
            }
            var from = start
            from[k] = 0
            // Without an instrument the plan does not use, the start is already the best found: it is
            // costed on the reduced plan, not searched again (a grid small enough is still searched whole).
            return try ProcurementSearch.search(
                reduced, worlds, objective: objective, forwardSteps: forwardSteps, offsetSteps: offsetSteps,
                start: from, sweeps: start[k] == 0 ? 0 : ProcurementSearch.sweeps)
        }
    }

    /// What each instrument is worth against `best`, in the objective's own terms: its value (the
    /// mean cost, or the CVaR, of the best plan without it minus with it) and the mean cost without it.
    func instrumentValues(best: ProcurementCandidate, without: [ProcurementSearch.Search]) -> [PlanWorkflow
        .InstrumentValue]
    {
        zip(variables, without).map { v, search in
            PlanWorkflow.InstrumentValue(
                instrument: v.name, meanCostWithout: search.best.meanCost, value: score(search.best) - score(best),
                feasibleWithout: search.feasible, measure: objectiveWords, objectiveWithout: score(search.best))
        }
    }

    /// `(cost(ε − δ) − cost(ε + δ)) / 2δ` with δ = 0.01: what allowing one more unit of probability saves.
    /// - Parameter start: where both searches start (the recommended plan).
    func shadowPrice(epsilon: Double, start: [Double]) throws -> Double? {
        guard case .chanceConstrained = objective else { return nil }
        let delta = 0.01
        func best(_ e: Double) throws -> ProcurementSearch.Search {
            try ProcurementSearch.search(
                plan, worlds, objective: .chanceConstrained(epsilon: e), forwardSteps: forwardSteps,
                offsetSteps: offsetSteps, start: start)
        }
        let tighter = try best(Swift.max(epsilon - delta, 0)), looser = try best(epsilon + delta)
        guard tighter.feasible, looser.feasible else { return nil }
        return (tighter.best.meanCost - looser.best.meanCost) / (epsilon + delta - Swift.max(epsilon - delta, 0))
    }

    /// The best plan with every forward price, every offset price, then every exchange price of the
    /// worlds (and so the compensation), × 0.8 and × 1.2, under the same objective: searched again
    /// from the recommended plan (`best`), so that a row is never worse than the recommended plan
    /// costed at the moved prices.
    func priceSensitivity(best recommended: [Double]) throws -> [PlanWorkflow.Sensitivity] {
        let labels = [
            "forward prices −20 %", "forward prices +20 %", "offset prices −20 %", "offset prices +20 %",
            "exchange prices −20 %", "exchange prices +20 %",
        ]
        .filter { !$0.hasPrefix("forward") || !plan.forwards.isEmpty }.filter {
            !$0.hasPrefix("offset") || !plan.offsets.isEmpty
        }
        return try concurrentMap(labels, serial: callsLua) { label in
            let factor = label.contains("−") ? 0.8 : 1.2
            var moved = plan, movedWorlds = worlds
            if label.hasPrefix("forward") {
                for i in moved.forwards.indices { moved.forwards[i].price *= factor }
            } else if label.hasPrefix("offset") {
                for j in moved.offsets.indices { moved.offsets[j].price *= factor }
            } else {
                movedWorlds = worlds.pricesScaled(by: factor)
            }
            let searched = try ProcurementSearch.search(
                moved, movedWorlds, objective: objective, forwardSteps: forwardSteps, offsetSteps: offsetSteps,
                start: recommended
            ).best
            let best = try ProcurementSearch.evaluate(
                moved, movedWorlds, variables: variables, decisions: searched.decisions, riskLevel: level)
            return PlanWorkflow.Sensitivity(
                change: label, decisions: best.decisions, meanCost: best.meanCost,
                probabilityOfNonCompliance: best.probabilityOfNonCompliance, costCvar: best.costCvar)
        }
    }
}
