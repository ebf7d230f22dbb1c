import CCTS
import Optimisation
import Simulation
import Planning

/// The plan as a linear programme over sampled worlds (sample-average approximation), relaxing
/// the plan's rules so that every plan the search can choose is one of its solutions.
///
/// It relaxes (each only enlarges what a plan can do): a forward with `known` buys any quantity
/// up to its maximum in each world (as if it knew the world); a contract takes any quantity up to
/// its maximum (no lot minimum) and delivers `quantity × delivered` (whole credits aside: at most
/// one credit per contract and world); the exchange sells up to its drawn liquidity × the year's
/// whole obligation; a sale sells any part of the bank. Per world and year:
/// `bank_y = bank_{y−1} + owed + forwards + exchange + counted offsets + shortfall − sale − forfeited`,
/// counted offsets at most those delivered and `max_share` of the obligation, the bank at most the
/// rules' carry-over, the shortfall at most the year's obligation (the ledger's compensation never
/// covers more); the cost is forwards + offsets delivered + exchange + `multiple × price ×
/// shortfall` − sales − the surplus's value. Expected cost: the mean; CVaR (Rockafellar–Uryasev):
/// `t + Σ max(cost_w − t, 0) / ((1 − α) M)`. A chance limit adds a binary per world, set when any
/// year of the world has a shortfall (`shortfall ≤ obligation × z_w`), and `Σ z_w ≤` the worlds
/// allowed to pay compensation: a mixed-integer programme.
struct PlanProgramme {
    var lp = LinearProgram()
    /// Per forward: its column when its quantity is fixed in advance (the same in every world).
    private(set) var fixedForward: [Int?] = []
    /// Per contract: its column when the rules accept its credits.
    private(set) var contract: [Int?] = []
    /// Per forward with `known`: its column in each world and year, `[forward][world]`.
    private(set) var knownForward: [Int: [Int]] = [:]
    /// `[world × years + year]`: the bank carried out of the year, the CCCs sold after the surrender, those forfeited.
    private(set) var bank: [Int] = [], sold: [Int] = [], forfeited: [Int] = []
    let worlds: ProcurementWorlds

    /// - Parameters:
    ///   - alpha: the CVaR level (0: the expected cost).
    ///   - compensatedWorlds: with a chance limit, how many of the worlds may pay compensation.
    // Long: the linear programme built block by block (forwards, offsets, the exchange, CVaR, the chance limit); the
    // blocks share its column numbering.
    init(plan: ProcurementPlan, worlds w: ProcurementWorlds, alpha: Double, compensatedWorlds: Int? = nil) {
        worlds = w
        let m = w.worlds, years = w.years, weight = 1 / Double(Swift.max(m, 1))
        let cvar = alpha > 0
        // A world's cost, term by term, for the CVaR rows; the expected cost adds them at `weight`.
        var worldCost = [[(column: Int, coefficient: Double)]](repeating: [], count: m)
        var lp = LinearProgram()
        func spend(_ column: Int, _ perWorld: [Double]) {
            for k in 0..<m where perWorld[k] != 0 { worldCost[k].append((column, perWorld[k])) }
        }
        // First stage: fixed forwards and contracts.
        fixedForward = plan.forwards.indices.map { i -> Int? in
            guard plan.forwards[i].knownError == nil else { return nil }
            let f = plan.forwards[i]
            let c = lp.addColumn("forward \(i + 1)", upper: f.maximum, cost: cvar ? 0 : f.price)
            spend(c, [Double](repeating: f.price, count: m))
            return c
        }
        contract = plan.offsets.indices.map { j -> Int? in
            guard w.eligible[j] else { return nil }
            let o = plan.offsets[j]
            let paid = w.delivered[j].map { $0 * o.price }
            let c = lp.addColumn("contract \(j + 1)", upper: o.maximum, cost: cvar ? 0 : paid.reduce(0, +) * weight)
            spend(c, paid)
            return c
        }
        // With a chance limit: whether each world pays compensation, at most `compensatedWorlds` of them.
        let compensated = compensatedWorlds.map { allowed -> [Int] in
            let z = (0..<m).map { lp.addBinary("compensated w\($0 + 1)") }
            lp.addRow("chance", z.map { ($0, 1.0) }, upper: Double(allowed))
            return z
        }
        let carry = w.bankingAllowed ? w.maximumCarried : 0
        for k in 0..<m {
            var previous: Int? = nil
            for (y, year) in years.enumerated() {
                let owed = w.credits[y][k], p = w.price[y][k], surrender = Swift.max(-owed, 0)
                var balance: [(column: Int, coefficient: Double)] = []
                func add(_ name: String, upper: Double, cost: Double, sign: Double) -> Int {
                    let c = lp.addColumn("\(name) w\(k + 1) y\(y + 1)", upper: upper, cost: cvar ? 0 : cost * weight)
                    if cost != 0 { worldCost[k].append((c, cost)) }
                    balance.append((c, sign))
                    return c
                }
                for i in plan.forwards.indices where plan.forwards[i].year == year {
                    if let q = fixedForward[i] {
                        balance.append((q, 1))
                    } else {
                        let f = plan.forwards[i]
                        knownForward[i, default: []].append(
                            add("forward \(i + 1)", upper: f.maximum, cost: f.price, sign: 1))
                    }
                }
                _ = add("exchange", upper: w.liquidity[y][k] * surrender, cost: p, sign: 1)
                let shortfall = add("shortfall", upper: surrender, cost: w.multiple * p, sign: 1)
                if let compensated {
                    lp.addRow(
                        "compensated w\(k + 1) y\(y + 1)", [(shortfall, 1), (compensated[k], -surrender)], upper: 0)
                }
                sold.append(add("sold", upper: plan.saleYears.contains(year) ? .infinity : 0, cost: -p, sign: -1))
                forfeited.append(add("forfeited", upper: .infinity, cost: 0, sign: -1))
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
                let carried = lp.addColumn("bank w\(k + 1) y\(y + 1)", upper: carry, cost: cvar ? 0 : -value * weight)
                bank.append(carried)
                if value != 0 { worldCost[k].append((carried, -value)) }
                if last {
                    for j in plan.offsets.indices where w.arrival[j] == years.count && contract[j] != nil {
                        // Late credits join the surplus: worth `value` each (their price is in the contract's cost).
                        if !cvar { lp.addCost(-value * w.delivered[j][k] * weight, to: contract[j]!) }
                        worldCost[k].append((contract[j]!, -value * w.delivered[j][k]))
                    }
                }
                // bank_y − bank_{y−1} − purchases − counted − shortfall + sold + forfeited = owed
                var row = [(column: carried, coefficient: 1.0)] + balance.map { ($0.column, -$0.coefficient) }
                if let previous { row.append((previous, -1)) }
                let opening = previous == nil ? w.openingBalance : 0
                lp.addRow("balance w\(k + 1) y\(y + 1)", row, lower: owed + opening, upper: owed + opening)
                previous = carried
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
        self.lp = lp
    }

    /// The plan's decisions (in the order of `variables`) read from a solution: fixed forwards and
    /// contracts as solved (a contract below its lot minimum rounded to 0 or the minimum, whichever
    /// is nearer); a forward that knows its year's need buys, as a share of the estimated remaining
    /// need, what the programme bought in total over the worlds against the need it estimated
    /// there (at most 150 %); a sale sells the share of the surplus the programme sold in total.
    func decisions(
        _ values: [Double], plan: ProcurementPlan, variables: [ProcurementVariable]
    ) -> [Double] {
        let w = worlds, years = w.years.count
        let expectedDelivery = plan.offsets.indices.map { j in
            w.delivered[j].reduce(0, +) / Double(Swift.max(w.worlds, 1))
        }
        return variables.map { v -> Double in
            switch v.kind {
            case .forwardQuantity: return values[fixedForward[v.index]!].rounded()
            case .offsetQuantity:
                let q = values[contract[v.index]!].rounded()
                return q > 0 && q < v.lower ? (q >= v.lower / 2 ? v.lower : 0) : q
            case .saleShare:
                var soldTotal = 0.0, held = 0.0
                for k in 0..<w.worlds {
                    let s = k * years + v.index
                    soldTotal += values[sold[s]]
                    held += values[sold[s]] + values[forfeited[s]] + values[bank[s]]
                }
                return held > 0 ? (soldTotal / held * 100).rounded() / 100 : 0
            case .forwardShare:
                let i = v.index, f = plan.forwards[i]
                guard let y = w.years.firstIndex(of: f.year), let columns = knownForward[i] else { return 0 }
                let offsetsExpected = plan.offsets.indices.filter { w.arrival[$0] == y && contract[$0] != nil }
                    .reduce(0.0) { $0 + values[contract[$1]!] * expectedDelivery[$1] }
                let earlier = plan.forwards.indices.filter {
                    $0 != i && plan.forwards[$0].year == f.year
                        && (plan.forwards[$0].date ?? f.year.firstDay)
                            < (f.date ?? f.year.firstDay)
                }
                var bought = 0.0, need = 0.0
                for k in 0..<w.worlds {
                    let opening = y == 0 ? w.openingBalance : values[bank[k * years + y - 1]]
                    let before = earlier.reduce(0.0) { sum, e in
                        sum + (fixedForward[e].map { values[$0] } ?? values[knownForward[e]![k]])
                    }
                    let estimated = -w.credits[y][k] * (1 + w.estimateError[i][k])
                    need += Swift.max(estimated - opening - before - offsetsExpected, 0)
                    bought += values[columns[k]]
                }
                return need > 0 ? Swift.min((bought / need * 100).rounded() / 100, v.upper) : 0
            }
        }
    }
}
