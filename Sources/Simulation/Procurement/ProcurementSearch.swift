import CCTS

/// One decision of a procurement plan: a forward's fixed quantity or its share of the estimated
/// remaining need (when the forward's date knows something), or an offset contract's quantity.
public struct ProcurementVariable: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case forwardQuantity = "forward quantity", forwardShare = "forward share of the estimated need", offsetQuantity = "offset quantity" }
    public var name: String
    public var kind: Kind
    /// Index of the forward or the contract in the plan.
    public var index: Int
    /// The largest value searched (a quantity's maximum; 1.5 for a share).
    public var upper: Double
}

/// A plan's decisions and what they cost over the worlds.
public struct ProcurementCandidate: Codable, Sendable, Equatable {
    /// One value per ``ProcurementVariable``.
    public var decisions: [Double]
    /// Mean CCCs each forward buys and each contract delivers, in plan order (forwards, then contracts).
    public var meanQuantities: [Double]
    public var meanCost: Double
    public var meanCostStandardError: Double
    public var costP5: Double
    public var costP95: Double
    public var costVaR: Double
    public var costCVaR: Double
    /// P(compensation is due in some year).
    public var probabilityOfNonCompliance: Double
}

/// The cost of procurement plans on common worlds, and the search for the best.
///
/// Method: a search over the plan's decision parameters on the sampled worlds (sample-average
/// approximation). With few decisions every point of the grid is costed (exhaustive); with more,
/// coordinate search: each decision in turn is set to its best grid value with the others held,
/// sweep after sweep, until a sweep improves nothing. Decisions are few and the cost of a plan is
/// piecewise linear in each of them, which a grid resolves to its step; a decision that depends
/// on what its date knows (a share of the estimated remaining need) is a policy parameter, so the
/// search is over policies, not only fixed quantities.
public enum ProcurementSearch {
    public enum Objective: Equatable, Sendable {
        case expectedCost
        case conditionalValueAtRisk(level: Double)
        case chanceConstrained(epsilon: Double)
    }

    /// The decisions of `plan`: every forward, then every contract the rules accept.
    public static func variables(_ plan: ProcurementPlan, eligible: [Bool]) -> [ProcurementVariable] {
        plan.forwards.enumerated().map { i, f in
            ProcurementVariable(name: f.name, kind: f.knownError == nil ? .forwardQuantity : .forwardShare, index: i,
                                upper: f.knownError == nil ? f.maximum : 1.5)
        } + plan.offsets.enumerated().filter { eligible[$0.offset] }.map { j, o in
            ProcurementVariable(name: "offsets \(o.project)", kind: .offsetQuantity, index: j, upper: o.maximum)
        }
    }

    /// Costs `decisions` in every world.
    ///
    /// Year by year: `net = issued − owed + bank`; each forward of the year buys its fixed quantity,
    /// or `min(share × max(estimated need − what is already bought for the year, 0), max)` with
    /// estimated need `= −credits × (1 + error)` and offsets counted at their expected delivery;
    /// each contract delivers `⌊quantity × delivered⌋`; a shortfall is bought on the exchange up
    /// to `liquidity ×` it at the year's price, the rest pays `multiple ×` the price; a surplus is
    /// banked (rules' cap) and, after the last year, worth `surplus value ×` its price.
    public static func evaluate(_ plan: ProcurementPlan, _ worlds: ProcurementWorlds, variables: [ProcurementVariable],
                                decisions: [Double], riskLevel: Double) -> ProcurementCandidate {
        Layout(plan, worlds).evaluate(variables: variables, decisions: decisions, riskLevel: riskLevel)
    }

    /// What does not change between plans, prepared once per search: the instruments of each year
    /// and the worlds as flat arrays.
    struct Layout {
        let plan: ProcurementPlan
        let worlds: ProcurementWorlds
        let forwardsOf: [[Int]], contractsOf: [[Int]]
        let expectedDelivery: [Double]
        /// `[year × worlds + world]`, `[forward × worlds + world]`, `[contract × worlds + world]`.
        let credits: [Double], price: [Double], liquidity: [Double], estimateError: [Double], delivered: [Double]

        init(_ plan: ProcurementPlan, _ worlds: ProcurementWorlds) {
            self.plan = plan
            self.worlds = worlds
            let n = worlds.worlds, years = worlds.years
            forwardsOf = years.map { year in plan.forwards.indices.filter { plan.forwards[$0].year == year }
                .sorted { (plan.forwards[$0].date ?? year.firstDay) < (plan.forwards[$1].date ?? year.firstDay) } }
            contractsOf = years.map { year in plan.offsets.indices.filter { plan.offsets[$0].year == year && worlds.eligible[$0] } }
            expectedDelivery = plan.offsets.indices.map { j in worlds.delivered[j].reduce(0, +) / Double(max(n, 1)) }
            credits = worlds.credits.flatMap { $0 }
            price = worlds.price.flatMap { $0 }
            liquidity = worlds.liquidity.flatMap { $0 }
            estimateError = worlds.estimateError.flatMap { $0 }
            delivered = worlds.delivered.flatMap { $0 }
        }

        func evaluate(variables: [ProcurementVariable], decisions: [Double], riskLevel: Double) -> ProcurementCandidate {
            let (costs, quantities, missed) = worldCosts(variables: variables, decisions: decisions)
            let n = worlds.worlds
            let (summary, risk) = costs.withUnsafeBufferPointer { Summary.of($0, riskLevel: riskLevel) }
            return ProcurementCandidate(decisions: decisions, meanQuantities: quantities.map { $0 / Double(max(n, 1)) },
                                        meanCost: summary.mean, meanCostStandardError: summary.se,
                                        costP5: summary.percentiles.first { $0.p == 5 }?.value ?? summary.min,
                                        costP95: summary.percentiles.first { $0.p == 95 }?.value ?? summary.max,
                                        costVaR: risk!.valueAtRisk, costCVaR: risk!.conditionalValueAtRisk,
                                        probabilityOfNonCompliance: Double(missed) / Double(max(n, 1)))
        }

        /// What the search compares: the mean cost, P(compensation) and, for a CVaR objective, the
        /// CVaR — without the full summary a reported plan gets.
        func score(variables: [ProcurementVariable], decisions: [Double], objective: Objective) -> ProcurementCandidate {
            let (costs, quantities, missed) = worldCosts(variables: variables, decisions: decisions)
            let n = Double(max(worlds.worlds, 1))
            var cvar = 0.0
            if case .conditionalValueAtRisk(let level) = objective {
                let sorted = costs.sorted(), tail = max(Int((Double(sorted.count) * (1 - level)).rounded(.up)), 1)
                cvar = sorted.suffix(tail).reduce(0, +) / Double(tail)
            }
            return ProcurementCandidate(decisions: decisions, meanQuantities: quantities.map { $0 / n }, meanCost: costs.reduce(0, +) / n,
                                        meanCostStandardError: 0, costP5: 0, costP95: 0, costVaR: 0, costCVaR: cvar,
                                        probabilityOfNonCompliance: Double(missed) / n)
        }

        func worldCosts(variables: [ProcurementVariable], decisions: [Double]) -> (costs: [Double], quantities: [Double], missed: Int) {
            let n = worlds.worlds, years = worlds.years.count, forwards = plan.forwards.count
            var forwardDecision = [Double](repeating: 0, count: forwards)
            var contracted = [Double](repeating: 0, count: plan.offsets.count)
            for (variable, value) in zip(variables, decisions) {
                if variable.kind == .offsetQuantity { contracted[variable.index] = value } else { forwardDecision[variable.index] = value }
            }
            let expectedOffsets = contractsOf.map { $0.reduce(0.0) { $0 + contracted[$1] * expectedDelivery[$1] } }
            var costs = [Double](repeating: 0, count: n)
            var quantities = [Double](repeating: 0, count: forwards + plan.offsets.count)
            var missed = 0
            credits.withUnsafeBufferPointer { credits in price.withUnsafeBufferPointer { price in
            liquidity.withUnsafeBufferPointer { liquidity in estimateError.withUnsafeBufferPointer { estimateError in
            delivered.withUnsafeBufferPointer { delivered in
                for w in 0..<n {
                    var bank = worlds.openingBalance, cost = 0.0, short = false
                    for y in 0..<years {
                        let owed = credits[y * n + w], p = price[y * n + w]
                        var net = owed + bank, bought = 0.0
                        for i in forwardsOf[y] {
                            let forward = plan.forwards[i]
                            var q = forwardDecision[i]
                            if forward.knownError != nil {
                                let estimatedNeed = -owed * (1 + estimateError[i * n + w])
                                q = Swift.min(q * Swift.max(estimatedNeed - bank - bought - expectedOffsets[y], 0), forward.maximum)
                            }
                            q = q.rounded()
                            bought += q
                            net += q
                            cost += q * forward.price
                            quantities[i] += q
                        }
                        for j in contractsOf[y] {
                            let got = CertificateArithmetic.delivered(credits: contracted[j], fraction: delivered[j * n + w])
                            net += got
                            cost += got * plan.offsets[j].price
                            quantities[forwards + j] += got
                        }
                        if net < 0 {
                            let spot = (liquidity[y * n + w] * -net).rounded(.down)
                            let unmet = -net - spot
                            cost += spot * p + unmet * worlds.multiple * p
                            if unmet > 0 { short = true }
                            bank = 0
                        } else {
                            bank = worlds.bankingAllowed ? Swift.min(net, worlds.maximumCarried) : 0
                        }
                        if y == years - 1 { cost -= plan.surplusValue * bank * p }
                    }
                    costs[w] = cost
                    if short { missed += 1 }
                }
            } } } } }
            return (costs, quantities, missed)
        }
    }

    /// Whether `a` is a better plan than `b` under the objective (a chance constraint first
    /// prefers the plan that meets it, then the one closer to meeting it).
    public static func better(_ a: ProcurementCandidate, than b: ProcurementCandidate, _ objective: Objective) -> Bool {
        switch objective {
        case .expectedCost: return a.meanCost < b.meanCost
        case .conditionalValueAtRisk: return a.costCVaR < b.costCVaR
        case .chanceConstrained(let epsilon):
            let (aOK, bOK) = (a.probabilityOfNonCompliance <= epsilon, b.probabilityOfNonCompliance <= epsilon)
            if aOK != bOK { return aOK }
            if !aOK { return a.probabilityOfNonCompliance < b.probabilityOfNonCompliance }
            return a.meanCost < b.meanCost
        }
    }

    public struct Search: Sendable {
        public var best: ProcurementCandidate
        /// Whether the best meets the objective's constraint (always true without one).
        public var feasible: Bool
        /// `exhaustive` or `coordinate`.
        public var method: String
        /// Plans costed, and coordinate sweeps (0 for exhaustive).
        public var evaluations: Int
        public var sweeps: Int
        /// Every plan costed, for an exhaustive search.
        public var candidates: [ProcurementCandidate]
    }

    /// Grid values of a variable: `steps + 1` points from 0 to its upper bound (one point when the bound is 0).
    static func grid(_ variable: ProcurementVariable, steps: Int) -> [Double] {
        guard variable.upper > 0 else { return [0] }
        let s = max(steps, 1)
        return (0...s).map { variable.upper * Double($0) / Double(s) }
    }

    /// The best plan on the grid: exhaustive when the grid has at most `exhaustiveLimit` points,
    /// else coordinate search from buying nothing. Plans are compared on their mean cost,
    /// P(compensation) and (for a CVaR objective) CVaR; the best, and every plan of an exhaustive
    /// search of at most `listLimit` points, get the full summary.
    public static func search(_ plan: ProcurementPlan, _ worlds: ProcurementWorlds, objective: Objective,
                              forwardSteps: Int, offsetSteps: Int, exhaustiveLimit: Int = 2_000, listLimit: Int = 200) -> Search {
        let level: Double
        if case .conditionalValueAtRisk(let l) = objective { level = l } else { level = 0.95 }
        let variables = variables(plan, eligible: worlds.eligible)
        let grids = variables.map { grid($0, steps: $0.kind == .offsetQuantity ? offsetSteps : forwardSteps) }
        let layout = Layout(plan, worlds)
        func cost(_ d: [Double]) -> ProcurementCandidate { layout.score(variables: variables, decisions: d, objective: objective) }
        func full(_ c: ProcurementCandidate) -> ProcurementCandidate { layout.evaluate(variables: variables, decisions: c.decisions, riskLevel: level) }
        func feasible(_ c: ProcurementCandidate) -> Bool {
            if case .chanceConstrained(let e) = objective { return c.probabilityOfNonCompliance <= e }
            return true
        }
        let points = grids.reduce(1) { $0 * $1.count }
        if points <= exhaustiveLimit {
            var candidates: [ProcurementCandidate] = []
            var index = [Int](repeating: 0, count: grids.count)
            for _ in 0..<points {
                candidates.append(cost(zip(grids, index).map { $0[$1] }))
                for k in index.indices.reversed() {
                    index[k] += 1
                    if index[k] < grids[k].count { break }
                    index[k] = 0
                }
            }
            let best = full(candidates.dropFirst().reduce(candidates[0]) { better($1, than: $0, objective) ? $1 : $0 })
            return Search(best: best, feasible: feasible(best), method: "exhaustive", evaluations: points, sweeps: 0,
                          candidates: points <= listLimit ? candidates.map(full) : [])
        }
        var current = cost([Double](repeating: 0, count: variables.count))
        var evaluations = 1, sweeps = 0
        while sweeps < 50 {
            sweeps += 1
            var improved = false
            for k in variables.indices {
                for value in grids[k] where value != current.decisions[k] {
                    var d = current.decisions
                    d[k] = value
                    let candidate = cost(d)
                    evaluations += 1
                    if better(candidate, than: current, objective) {
                        current = candidate
                        improved = true
                    }
                }
            }
            if !improved { break }
        }
        let best = full(current)
        return Search(best: best, feasible: feasible(best), method: "coordinate", evaluations: evaluations, sweeps: sweeps, candidates: [])
    }
}
