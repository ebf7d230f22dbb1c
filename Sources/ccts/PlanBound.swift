import CCTS
import Optimisation
import Reports
import Simulation

/// How far the recommended plan can be from the best: a proven lower bound on what any plan can
/// cost on the first worlds, by a linear programme solved by GLPK.
///
/// The programme is a relaxation of the one ledger: every plan the search could choose is one of
/// its solutions, so its optimum is at most the best plan's cost on those worlds. It relaxes
/// (each only enlarges what a plan can do): a forward with `known` buys any quantity up to its
/// maximum in each world (as if it knew the world); a contract takes any quantity up to its
/// maximum (no lot minimum) and delivers `quantity × delivered` (whole credits aside: at most one
/// credit per contract and world); the exchange sells up to its drawn liquidity × the year's whole
/// obligation; a sale sells any part of the bank. Per world and year:
/// `bank_y = bank_{y−1} + owed + forwards + exchange + counted offsets + shortfall − sale − forfeited`,
/// counted offsets at most those delivered and `max_share` of the obligation, the bank at most the
/// rules' carry-over; the cost is forwards + offsets delivered + exchange + `multiple × price ×
/// shortfall` − sales − the surplus's value. Expected cost: the mean; CVaR (Rockafellar–Uryasev):
/// `t + Σ max(cost_w − t, 0) / ((1 − α) M)`. A chance limit or a compensation rule written as a
/// Lua function has no linear form here; then there is no bound.
extension PlanAnalysis {
    /// The bound, the plan's own cost on the same worlds, and the gap between them.
    struct Bound: Codable {
        var worlds: Int
        var lowerBound: Double
        var planCost: Double
        /// `(planCost − lowerBound) / max(|planCost|, 1)`.
        var gap: Double
        var method: String
    }

    /// Worlds the bound's programme reads: the first of the common worlds.
    static let boundWorlds = 1_000

    func bound(best: ProcurementCandidate) throws -> Bound? {
        guard worlds.compensation == nil, worlds.multiple.isFinite else { return nil }
        let alpha: Double
        switch objective {
        case .chanceConstrained: return nil
        case .expectedCost: alpha = 0
        case .conditionalValueAtRisk(let level): alpha = level
        }
        let first = worlds.prefix(Self.boundWorlds)
        let m = first.worlds, years = first.years.count
        let solution = try programme(first, alpha: alpha).solve(SolveOptions(timeLimit: 30))
        guard solution.status == .optimal, let lower = solution.objective else { return nil }
        let own = try ProcurementSearch.evaluate(
            plan, first, variables: variables, decisions: best.decisions, riskLevel: alpha > 0 ? alpha : level)
        let planCost = alpha > 0 ? own.costCvar : own.meanCost
        return Bound(
            worlds: m, lowerBound: lower, planCost: planCost,
            gap: (planCost - lower) / Swift.max(abs(planCost), 1),
            method: "linear programme over \(NumberFormat.grouped(Double(m))) worlds × \(years) years, "
                + "GLPK \(Solver.version) simplex")
    }

    /// The relaxation as a ``LinearProgram`` on `w` (see the type's description).
    func programme(_ w: ProcurementWorlds, alpha: Double) -> LinearProgram {
        var lp = LinearProgram()
        let m = w.worlds, years = w.years, weight = 1 / Double(Swift.max(m, 1))
        let cvar = alpha > 0
        // A world's cost, term by term, for the CVaR rows; the expected cost adds them at `weight`.
        var worldCost = [[(column: Int, coefficient: Double)]](repeating: [], count: m)
        func spend(_ column: Int, _ perWorld: [Double]) {
            for k in 0..<m where perWorld[k] != 0 { worldCost[k].append((column, perWorld[k])) }
        }
        // First stage: fixed forwards and contracts.
        let fixed = plan.forwards.indices.map { i -> Int? in
            guard plan.forwards[i].knownError == nil else { return nil }
            let f = plan.forwards[i]
            let c = lp.addColumn("forward \(i + 1)", upper: f.maximum, cost: cvar ? 0 : f.price)
            spend(c, [Double](repeating: f.price, count: m))
            return c
        }
        let contract = plan.offsets.indices.map { j -> Int? in
            guard w.eligible[j] else { return nil }
            let o = plan.offsets[j]
            let paid = w.delivered[j].map { $0 * o.price }
            let c = lp.addColumn("contract \(j + 1)", upper: o.maximum, cost: cvar ? 0 : paid.reduce(0, +) * weight)
            spend(c, paid)
            return c
        }
        let carry = w.bankingAllowed ? w.maximumCarried : 0
        for k in 0..<m {
            var previous: Int? = nil
            for (y, year) in years.enumerated() {
                let owed = w.credits[y][k], p = w.price[y][k], surrender = Swift.max(-owed, 0)
                var balance: [(column: Int, coefficient: Double)] = []
                func add(_ name: String, upper: Double, cost: Double, sign: Double) {
                    let c = lp.addColumn("\(name) w\(k + 1) y\(y + 1)", upper: upper, cost: cvar ? 0 : cost * weight)
                    if cost != 0 { worldCost[k].append((c, cost)) }
                    balance.append((c, sign))
                }
                for i in plan.forwards.indices where plan.forwards[i].year == year {
                    if let q = fixed[i] {
                        balance.append((q, 1))
                    } else {
                        add("forward \(i + 1)", upper: plan.forwards[i].maximum, cost: plan.forwards[i].price, sign: 1)
                    }
                }
                add("exchange", upper: w.liquidity[y][k] * surrender, cost: p, sign: 1)
                add("shortfall", upper: .infinity, cost: w.multiple * p, sign: 1)
                add("sold", upper: plan.saleYears.contains(year) ? .infinity : 0, cost: -p, sign: -1)
                add("forfeited", upper: .infinity, cost: 0, sign: -1)
                // Counted offsets: at most those delivered for this year, and max_share of the obligation.
                let arriving = plan.offsets.indices.filter { w.arrival[$0] == y && contract[$0] != nil }
                let counted = lp.addColumn(
                    "counted w\(k + 1) y\(y + 1)", upper: w.offsetShare.isFinite ? w.offsetShare * surrender : .infinity
                )
                balance.append((counted, 1))
                lp.addRow(
                    "delivered w\(k + 1) y\(y + 1)",
                    [(counted, 1)] + arriving.map { (contract[$0]!, -w.delivered[$0][k]) }, upper: 0)
                // The bank carried out of the year; after the last, worth surplus value × price, with late deliveries.
                let last = y == years.count - 1
                let value = last ? plan.surplusValue * p : 0
                let bank = lp.addColumn(
                    "bank w\(k + 1) y\(y + 1)", upper: carry, cost: cvar ? 0 : -value * weight)
                if value != 0 { worldCost[k].append((bank, -value)) }
                if last {
                    for j in plan.offsets.indices where w.arrival[j] == years.count && contract[j] != nil {
                        // Late credits join the surplus: worth `value` each (their price is in the contract's cost).
                        if !cvar { lp.addCost(-value * w.delivered[j][k] * weight, to: contract[j]!) }
                        worldCost[k].append((contract[j]!, -value * w.delivered[j][k]))
                    }
                }
                // bank_y − bank_{y−1} − purchases − counted − shortfall + sold + forfeited = owed
                var row = [(column: bank, coefficient: 1.0)] + balance.map { ($0.column, -$0.coefficient) }
                if let previous { row.append((previous, -1)) }
                let opening = previous == nil ? w.openingBalance : 0
                lp.addRow("balance w\(k + 1) y\(y + 1)", row, lower: owed + opening, upper: owed + opening)
                previous = bank
            }
        }
        if cvar {
            let t = lp.addColumn("value at risk", lower: -.infinity, upper: .infinity, cost: 1)
            for k in 0..<m {
                let v = lp.addColumn("excess w\(k + 1)", cost: weight / (1 - alpha))
                lp.addRow(
                    "tail w\(k + 1)", [(v, 1), (t, 1)] + worldCost[k].map { ($0.column, -$0.coefficient) }, lower: 0)
            }
        }
        return lp
    }

    /// The bound in words, for the cautions.
    static func boundWords(_ b: Bound, objective: String) -> String {
        "On the first \(NumberFormat.grouped(Double(b.worlds))) worlds no plan can bring the \(objective) below "
            + "\(NumberFormat.grouped(b.lowerBound)) INR (a \(b.method), relaxing the plan's rules); the recommended "
            + "plan's is \(NumberFormat.grouped(b.planCost)) INR there, within \(NumberFormat.percent(b.gap)) of it."
    }
}
