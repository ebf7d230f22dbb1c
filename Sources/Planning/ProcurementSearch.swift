import WorkSharing
import Statistics
import Simulation
import CCTS
import Dispatch

/// One decision of a procurement plan: a forward's fixed quantity or its share of the estimated
/// remaining need (when the forward's date knows something), or an offset contract's quantity.
public struct ProcurementVariable: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case forwardQuantity = "forward quantity", forwardShare = "forward share of the estimated need",
            offsetQuantity = "offset quantity"
        case saleShare = "share of the surplus sold"
    }
    public var name: String
    public var kind: Kind
    /// Index of the forward or the contract in the plan, or of the year in the worlds for a sale.
    public var index: Int
    /// The largest value searched (a quantity's maximum; 1.5 for a share).
    public var upper: Double
    /// The smallest value other than 0 (a contract's minimum lot: contract nothing, or at least this).
    public var lower: Double = 0
}

/// A plan's decisions and what they cost over the worlds.
public struct ProcurementCandidate: Codable, Sendable, Equatable {
    /// One value per ``ProcurementVariable``.
    public var decisions: [Double]
    /// Mean CCCs each forward buys, each contract delivers and each year's sale sells, in plan
    /// order (forwards, contracts, then the years).
    public var meanQuantities: [Double]
    public var meanCost: Double
    public var meanCostStandardError: Double
    public var costP5: Double
    public var costP95: Double
    public var costVar: Double
    public var costCvar: Double
    /// P(compensation is due in some year).
    public var probabilityOfNonCompliance: Double

    /// The mean cost line by line (a reported plan; nil in a search's comparisons and runs stored before).
    public var costLines: PlanCostLines?
    /// The most the plan spends on forwards and offsets over the cycle in any world (INR; nil in runs stored before).
    public var largestSpend: Double?
    /// True when that is above the plan's budget (nil: within it, or no budget).
    public var overBudget: Bool?
    /// Year by year around the surrender (a reported plan; nil in a search's comparisons and runs stored before).
    public var years: [PlanYearLines]?

    /// Whether the plan keeps its budget.
    public var withinBudget: Bool { overBudget != true }
}

/// One year of a plan around its surrender, means over the worlds: what the exchange sold it
/// (CCCs, INR), the compensation paid, what the sale after the surrender brought, and the CCCs
/// carried out of the year.
public struct PlanYearLines: Codable, Sendable, Equatable {
    public var exchangeBought: Double, exchangeCost: Double, compensation: Double, saleRevenue: Double
    public var carried: Double
    /// How many numbers a year has, in the order of the properties.
    static let count = 5

    /// Each year's means from the sums over the worlds, `count` numbers a year.
    static func means(_ sums: [Double], worlds: Int) -> [PlanYearLines] {
        let v = sums.map { $0 / Double(Swift.max(worlds, 1)) }
        return stride(from: 0, to: v.count, by: count).map { k in
            PlanYearLines(
                exchangeBought: v[k], exchangeCost: v[k + 1], compensation: v[k + 2], saleRevenue: v[k + 3],
                carried: v[k + 4])
        }
    }
}

/// A plan's mean cost, line by line: forwards + offsets + exchange + compensation − sales − the
/// surplus's value = the mean cost (INR, means over the worlds).
public struct PlanCostLines: Codable, Sendable, Equatable {
    public var forwardCost: Double, offsetCost: Double, exchangeCost: Double, compensation: Double, saleRevenue: Double
    public var surplusValue: Double
    /// How many lines there are, in the order of the initialiser.
    static let count = 6

    init(_ sums: ArraySlice<Double>, worlds: Int) {
        let v = sums.map { $0 / Double(Swift.max(worlds, 1)) }
        (forwardCost, offsetCost, exchangeCost, compensation, saleRevenue, surplusValue) = (
            v[0], v[1], v[2], v[3], v[4], v[5]
        )
    }

    /// Their sum: the plan's mean cost.
    public var net: Double { forwardCost + offsetCost + exchangeCost + compensation - saleRevenue - surplusValue }
}

/// The cost of procurement plans on common worlds, and the search for the best.
///
/// Method: a search over the plan's decision parameters on the sampled worlds (sample-average
/// approximation). With few decisions every point of the grid is costed (exhaustive); with more,
/// coordinate search from a start (the caller's: `ccts plan` starts from its linear programme's
/// answer): each decision in turn is set to its best grid value with the others held — a line
/// search costing about five points spread over the grid, then halving steps around the best — until
/// every decision's line search since the last improvement improved nothing. Decisions are few
/// and the cost of a plan is piecewise linear in each of them, which a grid resolves to its step;
/// a decision that depends on what its date knows (a share of the estimated remaining need) is a
/// policy parameter, so the search is over policies, not only fixed quantities.
public enum ProcurementSearch {
    public enum Objective: Equatable, Sendable {
        case expectedCost
        case conditionalValueAtRisk(level: Double)
        case chanceConstrained(epsilon: Double)
    }

    /// The decisions of `plan`: every forward, every contract the rules accept, every year whose surplus may be sold.
    public static func variables(_ plan: ProcurementPlan, eligible: [Bool], years: [ComplianceYear])
        -> [ProcurementVariable]
    {
        plan.forwards.enumerated().map { i, f in
            ProcurementVariable(
                name: f.name, kind: f.knownError == nil ? .forwardQuantity : .forwardShare, index: i,
                upper: f.knownError == nil ? f.maximum : 1.5)
        }
            + plan.offsets.enumerated().filter { eligible[$0.offset] }.map { j, o in
                ProcurementVariable(
                    name: "offsets \(o.project)", kind: .offsetQuantity, index: j, upper: o.maximum, lower: o.minimum)
            }
            + years.enumerated().filter { plan.saleYears.contains($0.element) }.map { y, year in
                ProcurementVariable(name: "sale of the \(year) surplus", kind: .saleShare, index: y, upper: 1)
            }
    }

    /// `decisions` with decision `k` set to each of `values` in turn, each costed in every world:
    /// the mean cost, the CVaR at `level` and P(compensation) of each (without the full summary).
    public static func profile(
        _ plan: ProcurementPlan, _ worlds: ProcurementWorlds, variables: [ProcurementVariable],
        decisions: [Double], k: Int, values: [Double], level: Double
    ) throws -> [ProcurementCandidate] {
        let layout = Layout(plan, worlds)
        return try values.map { value in
            var d = decisions
            d[k] = value
            return try layout.score(
                variables: variables, decisions: d, objective: .conditionalValueAtRisk(level: level))
        }
    }

    /// Costs `decisions` in every world.
    ///
    /// Year by year, settled by the one ledger (``Settlement/settle``): `net = issued − owed + bank`;
    /// each forward of the year buys its fixed quantity, or `min(share × max(estimated need − what is
    /// already bought for the year, 0), max)` with estimated need `= −credits × (1 + error)` and
    /// offsets counted at their expected delivery; each contract delivers `⌊quantity × delivered⌋`,
    /// counted within `compliance.offsets.max_share`; a shortfall is bought on the exchange up to
    /// `liquidity ×` it at the year's price, the rest pays `multiple ×` the price (the rule's number
    /// or its function's result); a surplus is banked (rules' cap) and, after the last year, worth
    /// `surplus value ×` its price.
    public static func evaluate(
        _ plan: ProcurementPlan, _ worlds: ProcurementWorlds, variables: [ProcurementVariable],
        decisions: [Double], riskLevel: Double
    ) throws -> ProcurementCandidate {
        try Layout(plan, worlds).evaluate(variables: variables, decisions: decisions, riskLevel: riskLevel)
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
        /// The instruments' numbers, read in every world (not their structs, which hold distributions).
        let forwardPrice: [Double], forwardMaximum: [Double], forwardIsRule: [Bool], offsetPrice: [Double]

        init(_ plan: ProcurementPlan, _ worlds: ProcurementWorlds) {
            self.plan = plan
            self.worlds = worlds
            let n = worlds.worlds, years = worlds.years
            forwardsOf = years.map { year in
                plan.forwards.indices.filter { plan.forwards[$0].year == year }
                    .sorted { (plan.forwards[$0].date ?? year.firstDay) < (plan.forwards[$1].date ?? year.firstDay) }
            }
            contractsOf = (0...years.count).map { y in
                plan.offsets.indices.filter { worlds.arrival[$0] == y && worlds.eligible[$0] }
            }
            expectedDelivery = plan.offsets.indices.map { j in worlds.delivered[j].reduce(0, +) / Double(max(n, 1)) }
            credits = worlds.credits.flatMap { $0 }
            price = worlds.price.flatMap { $0 }
            liquidity = worlds.liquidity.flatMap { $0 }
            estimateError = worlds.estimateError.flatMap { $0 }
            delivered = worlds.delivered.flatMap { $0 }
            forwardPrice = plan.forwards.map(\.price)
            forwardMaximum = plan.forwards.map(\.maximum)
            forwardIsRule = plan.forwards.map { $0.knownError != nil }
            offsetPrice = plan.offsets.map(\.price)
        }

        func evaluate(variables: [ProcurementVariable], decisions: [Double], riskLevel: Double) throws
            -> ProcurementCandidate
        {
            let (costs, quantities, missed, largest, yearly) = try worldCosts(
                variables: variables, decisions: decisions)
            let n = worlds.worlds
            let (summary, risk) = costs.withUnsafeBufferPointer { Summary.of($0, riskLevel: riskLevel) }
            let width = quantities.count - PlanCostLines.count
            let over: Bool? = largest > (plan.budget ?? .infinity) ? true : nil
            let p5: Double = summary.percentiles.first { $0.p == 5 }?.value ?? summary.min
            let p95: Double = summary.percentiles.first { $0.p == 95 }?.value ?? summary.max
            return ProcurementCandidate(
                decisions: decisions, meanQuantities: quantities.prefix(width).map { $0 / Double(max(n, 1)) },
                meanCost: summary.mean, meanCostStandardError: summary.se,
                costP5: p5, costP95: p95, costVar: risk!.valueAtRisk, costCvar: risk!.conditionalValueAtRisk,
                probabilityOfNonCompliance: Double(missed) / Double(max(n, 1)),
                costLines: PlanCostLines(quantities.suffix(PlanCostLines.count), worlds: n), largestSpend: largest,
                overBudget: over, years: PlanYearLines.means(yearly, worlds: n))
        }

        /// What the search compares: the mean cost, P(compensation) and, for a CVaR objective, the
        /// CVaR — without the full summary a reported plan gets.
        func score(variables: [ProcurementVariable], decisions: [Double], objective: Objective) throws
            -> ProcurementCandidate
        {
            let (costs, quantities, missed, largest, _) = try worldCosts(variables: variables, decisions: decisions)
            let n = Double(max(worlds.worlds, 1))
            var cvar = 0.0
            if case .conditionalValueAtRisk(let level) = objective {
                var tail = costs
                cvar = meanOfLargest(&tail, count: TailRisk.tailCount(costs.count, level: level))
            }
            return ProcurementCandidate(
                decisions: decisions, meanQuantities: quantities.dropLast(PlanCostLines.count).map { $0 / n },
                meanCost: costs.reduce(0, +) / n,
                meanCostStandardError: 0, costP5: 0, costP95: 0, costVar: 0, costCvar: cvar,
                probabilityOfNonCompliance: Double(missed) / n, largestSpend: largest,
                overBudget: largest > (plan.budget ?? .infinity) ? true : nil)
        }

        func worldCosts(variables: [ProcurementVariable], decisions: [Double]) throws -> (
            costs: [Double], quantities: [Double], missed: Int, largestSpend: Double, years: [Double]
        ) {
            let n = worlds.worlds, years = worlds.years.count, forwards = plan.forwards.count
            var forwardDecision = [Double](repeating: 0, count: forwards)
            var contracted = [Double](repeating: 0, count: plan.offsets.count)
            var sold = [Double](repeating: 0, count: years)
            for (variable, value) in zip(variables, decisions) {
                switch variable.kind {
                case .offsetQuantity: contracted[variable.index] = value
                case .saleShare: sold[variable.index] = value
                case .forwardQuantity, .forwardShare: forwardDecision[variable.index] = value
                }
            }
            let decided = Decided(
                forward: forwardDecision, contracted: contracted, sold: sold,
                expectedOffsets: contractsOf.map { $0.reduce(0.0) { $0 + contracted[$1] * expectedDelivery[$1] } })
            // Worlds in a fixed number of chunks on all cores; sums added chunk by chunk in order,
            // so the results do not depend on the threads.
            let chunks = Swift.max(Swift.min(16, n / 512), 1)
            // Per chunk: the CCCs of each instrument, then the cost lines (``PlanCostLines``), then the worlds
            // short, then the largest spend on forwards and offsets of a world, then each year's lines
            // (``PlanYearLines``).
            let width = forwards + plan.offsets.count + years + PlanCostLines.count
            let row = width + 2 + years * PlanYearLines.count
            let costs = UnsafeMutableBufferPointer<Double>.allocate(capacity: Swift.max(n, 1))
            let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunks * row)
            sums.initialize(repeating: 0)
            defer {
                costs.deallocate()
                sums.deallocate()
            }
            let shared = Shared(costs: costs.baseAddress!, sums: sums.baseAddress!)
            // A compensation rule function runs in its lane's Lua state: one lane per copy.
            let failures = FailureBox()
            Parallel.jobs(chunks, threads: worlds.compensation?.lanes ?? chunks) { c, lane in
                let range = (c * n / chunks)..<((c + 1) * n / chunks)
                let sum = shared.sums + c * row
                do {
                    sum[width] = Double(
                        try cost(
                            range, decided, function: worlds.compensation?[lane], costs: shared.costs, quantities: sum))
                } catch {
                    failures.record(error, chunk: c)
                }
            }
            if let error = failures.first { throw error }
            var quantities = [Double](repeating: 0, count: width), missed = 0, largest = 0.0
            var yearly = [Double](repeating: 0, count: years * PlanYearLines.count)
            for c in 0..<chunks {
                for k in 0..<width { quantities[k] += sums[c * row + k] }
                missed += Int(sums[c * row + width])
                largest = Swift.max(largest, sums[c * row + width + 1])
                for k in yearly.indices { yearly[k] += sums[c * row + width + 2 + k] }
            }
            return (Array(costs), quantities, missed, largest, yearly)
        }

        /// A plan's decisions as the worlds read them.
        struct Decided: Sendable {
            let forward: [Double], contracted: [Double], sold: [Double], expectedOffsets: [Double]
        }

        /// Where chunks write: disjoint worlds of `costs`, their own row of `sums`.
        struct Shared: @unchecked Sendable {
            let costs: UnsafeMutablePointer<Double>
            let sums: UnsafeMutablePointer<Double>
        }

        /// The worlds of `range`: each one's cost into `costs`, CCCs per instrument added into
        /// `quantities`; returns the worlds that paid compensation. Each year is settled by the one
        /// ledger (``Settlement/settle``): the plan decides only the trades around the surrender.
        /// - Parameter function: the compensation rule function of this lane, when the rules wrote one.
        // Long: the inner loop costing one plan over every world (each search costs about 1,900 plans); a world's
        // ledger state stays in its locals.
        func cost(
            _ range: Range<Int>, _ d: Decided, function: RuleFunction?, costs: UnsafeMutablePointer<Double>,
            quantities: UnsafeMutablePointer<Double>
        ) throws -> Int {
            let n = worlds.worlds, years = worlds.years.count, forwards = plan.forwards.count
            let rules = Settlement.YearRules(
                bankingAllowed: worlds.bankingAllowed, maximumCarried: worlds.maximumCarried,
                multiple: worlds.multiple)
            var missed = 0
            try credits.withUnsafeBufferPointer { credits in
                try price.withUnsafeBufferPointer { price in
                    try liquidity.withUnsafeBufferPointer { liquidity in
                        try estimateError.withUnsafeBufferPointer { estimateError in
                            try delivered.withUnsafeBufferPointer { delivered in
                                let spendSlot =
                                    quantities + forwards + plan.offsets.count + years + PlanCostLines.count + 1
                                let yearSlots = spendSlot + 1
                                for w in range {
                                    var bank = worlds.openingBalance, cost = 0.0, short = false, spend = 0.0
                                    for y in 0..<years {
                                        let owed = credits[y * n + w], p = price[y * n + w]
                                        let yearCredits = Settlement.Credits(
                                            gei: 0, exact: owed, issued: Swift.max(owed, 0),
                                            surrender: Swift.max(-owed, 0))
                                        var offsets = Settlement.OffsetCount(
                                            share: worlds.offsetShare, obligation: yearCredits.surrender)
                                        for j in contractsOf[y] {
                                            let got = CertificateArithmetic.delivered(
                                                credits: d.contracted[j], fraction: delivered[j * n + w])
                                            offsets.count(got, eligible: true, price: offsetPrice[j])
                                            quantities[forwards + j] += got
                                        }
                                        var late = 0.0, forwardSpend = 0.0, exchangeSpend = 0.0
                                        let settled = try Settlement.settle(
                                            opening: bank, credits: yearCredits, offsets: offsets, price: p,
                                            rules: rules, compensationFunction: function,
                                            beforeSurrender: { account, credited, obligation in
                                                // Forwards in date order, then the exchange up to its liquidity.
                                                var bought = 0.0
                                                for i in forwardsOf[y] {
                                                    var q = d.forward[i]
                                                    if forwardIsRule[i] {
                                                        let estimatedNeed = -owed * (1 + estimateError[i * n + w])
                                                        q = Swift.min(
                                                            q
                                                                * Swift.max(
                                                                    estimatedNeed - bank - bought
                                                                        - d.expectedOffsets[y], 0), forwardMaximum[i])
                                                    }
                                                    q = q.rounded()
                                                    bought += q
                                                    account.buy(q, at: forwardPrice[i])
                                                    forwardSpend += q * forwardPrice[i]
                                                    quantities[i] += q
                                                }
                                                let net = account.held + credited - obligation
                                                if net < 0 {
                                                    let spot = (liquidity[y * n + w] * -net).rounded(.down)
                                                    account.buy(spot, at: p)
                                                    exchangeSpend += spot * p
                                                    yearSlots[y * PlanYearLines.count] += spot
                                                }
                                            },
                                            afterSurrender: { account in
                                                let sale = (d.sold[y] * account.held).rounded(.down)
                                                if sale > 0 {
                                                    quantities[forwards + plan.offsets.count + y] += account.sell(
                                                        sale, at: p)
                                                }
                                                guard y == years - 1 else { return }
                                                // Credits delivered after the last surrender join the surplus.
                                                for j in contractsOf[years] {
                                                    let got = CertificateArithmetic.delivered(
                                                        credits: d.contracted[j], fraction: delivered[j * n + w])
                                                    account.receive(got)
                                                    late += got * offsetPrice[j]
                                                    quantities[forwards + j] += got
                                                }
                                            })
                                        cost += settled.cost + late
                                        spend += forwardSpend + settled.offsets.cost + late
                                        if !settled.compliant { short = true }
                                        bank = settled.account.carried
                                        let surplus = y == years - 1 ? plan.surplusValue * bank * p : 0
                                        cost -= surplus
                                        // The cost's lines (``PlanCostLines``), after the instruments' quantities.
                                        let lines = quantities + forwards + plan.offsets.count + years
                                        lines[0] += forwardSpend
                                        lines[1] += settled.offsets.cost + late
                                        lines[2] += exchangeSpend
                                        lines[3] += settled.compensation
                                        lines[4] += settled.account.saleRevenue
                                        lines[5] += surplus
                                        let year = yearSlots + y * PlanYearLines.count
                                        year[1] += exchangeSpend
                                        year[2] += settled.compensation
                                        year[3] += settled.account.saleRevenue
                                        year[4] += bank
                                    }
                                    costs[w] = cost
                                    spendSlot.pointee = Swift.max(spendSlot.pointee, spend)
                                    if short { missed += 1 }
                                }
                            }
                        }
                    }
                }
            }
            return missed
        }
    }

    /// Whether `a` is a better plan than `b` under the objective (a chance constraint first
    /// prefers the plan that meets it, then the one closer to meeting it).
    /// A plan within the budget is better than any above it; among plans above it, the cheaper in spend.
    public static func better(_ a: ProcurementCandidate, than b: ProcurementCandidate, _ objective: Objective) -> Bool {
        if a.withinBudget != b.withinBudget { return a.withinBudget }
        if !a.withinBudget { return (a.largestSpend ?? 0) < (b.largestSpend ?? 0) }
        switch objective {
        case .expectedCost: return a.meanCost < b.meanCost
        case .conditionalValueAtRisk: return a.costCvar < b.costCvar
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

    /// Grid values of a variable: `steps + 1` points from 0 to its upper bound (one point when the
    /// bound is 0); with a lower bound, 0 and `steps` points from it to the upper bound.
    /// The most coordinate sweeps a search makes.
    public static let sweeps = 50

    /// Points of a decision's grid a coordinate sweep costs first (then it refines around the best).
    static let coarsePoints = 5

    public static func grid(_ variable: ProcurementVariable, steps: Int) -> [Double] {
        guard variable.upper > 0 else { return [0] }
        let s = max(steps, 1)
        guard variable.lower > 0 else { return (0...s).map { variable.upper * Double($0) / Double(s) } }
        return [0]
            + (0..<s).map { variable.lower + (variable.upper - variable.lower) * Double($0) / Double(max(s - 1, 1)) }
    }

    /// The best plan on the grid: exhaustive when the grid has at most `exhaustiveLimit` points,
    /// else coordinate search from `start` (buying nothing without one; a start off the grid is
    /// kept until a grid value of a decision is better). Plans are compared on their mean cost,
    /// P(compensation) and (for a CVaR objective) CVaR; the best, and every plan of an exhaustive
    /// search of at most `listLimit` points, get the full summary.
    // Long: the coordinate search (sweeps, starts, stopping rule) as one loop over its shared state.
    public static func search(
        _ plan: ProcurementPlan, _ worlds: ProcurementWorlds, objective: Objective,
        forwardSteps: Int, offsetSteps: Int, exhaustiveLimit: Int = 2_000, listLimit: Int = 200,
        start: [Double]? = nil, sweeps sweepLimit: Int = ProcurementSearch.sweeps
    ) throws -> Search {
        let level: Double
        if case .conditionalValueAtRisk(let l) = objective { level = l } else { level = 0.95 }
        let variables = variables(plan, eligible: worlds.eligible, years: worlds.years)
        let grids = variables.map { grid($0, steps: $0.kind == .offsetQuantity ? offsetSteps : forwardSteps) }
        let layout = Layout(plan, worlds)
        func cost(_ d: [Double]) throws -> ProcurementCandidate {
            try layout.score(variables: variables, decisions: d, objective: objective)
        }
        func full(_ c: ProcurementCandidate) throws -> ProcurementCandidate {
            try layout.evaluate(variables: variables, decisions: c.decisions, riskLevel: level)
        }
        func feasible(_ c: ProcurementCandidate) -> Bool {
            guard c.withinBudget else { return false }
            if case .chanceConstrained(let e) = objective { return c.probabilityOfNonCompliance <= e }
            return true
        }
        let points = grids.reduce(1) { $0 * $1.count }
        if points <= exhaustiveLimit {
            var candidates: [ProcurementCandidate] = []
            var index = [Int](repeating: 0, count: grids.count)
            for _ in 0..<points {
                candidates.append(try cost(zip(grids, index).map { $0[$1] }))
                for k in index.indices.reversed() {
                    index[k] += 1
                    if index[k] < grids[k].count { break }
                    index[k] = 0
                }
            }
            let best = try full(
                candidates.dropFirst().reduce(candidates[0]) { better($1, than: $0, objective) ? $1 : $0 })
            return Search(
                best: best, feasible: feasible(best), method: "exhaustive", evaluations: points, sweeps: 0,
                candidates: points <= listLimit ? try candidates.map(full) : [])
        }
        var current = try cost(start ?? [Double](repeating: 0, count: variables.count))
        var evaluations = 1, lineSearches = 0, sinceImprovement = 0
        /// A line search on decision `k`'s grid: every `stride`-th point (about ``coarsePoints`` of
        /// them), then halving steps around the best (the cost along one decision is piecewise
        /// linear, nearly always with one valley). Returns whether it improved the plan.
        func lineSearch(_ k: Int) throws -> Bool {
            let g = grids[k], stride = Swift.max(1, g.count / coarsePoints)
            var centre = g.indices.min { abs(g[$0] - current.decisions[k]) < abs(g[$1] - current.decisions[k]) }!
            var improved = false
            func tryPoint(_ i: Int) throws {
                guard g.indices.contains(i), g[i] != current.decisions[k] else { return }
                var d = current.decisions
                d[k] = g[i]
                let candidate = try cost(d)
                evaluations += 1
                if better(candidate, than: current, objective) {
                    current = candidate
                    improved = true
                    centre = i
                }
            }
            for i in Set(Swift.stride(from: 0, to: g.count, by: stride)).union([g.count - 1]).sorted() {
                try tryPoint(i)
            }
            // Between the coarse points: halving steps around the best (for a stride of 8: 4, 2, 1,
            // which reach every point within 7).
            var step = stride / 2
            while step >= 1 {
                let around = centre
                try tryPoint(around - step)
                try tryPoint(around + step)
                step /= 2
            }
            return improved
        }
        // Decisions in turn until every one's line search, since the last that improved, improved nothing.
        // After each sweep, a pattern move (Hooke–Jeeves): the sweep's whole change made once more,
        // which follows a valley across decisions that coordinate steps would zig-zag along.
        var sweptFrom = current.decisions
        while sinceImprovement < variables.count && lineSearches < sweepLimit * variables.count {
            sinceImprovement = try lineSearch(lineSearches % variables.count) ? 1 : sinceImprovement + 1
            lineSearches += 1
            guard lineSearches % variables.count == 0 else { continue }
            let moved = zip(variables.indices, current.decisions).map { k, x in
                Swift.min(Swift.max(2 * x - sweptFrom[k], 0), variables[k].upper)
            }
            sweptFrom = current.decisions
            guard moved != current.decisions, zip(variables, moved).allSatisfy({ $1 == 0 || $1 >= $0.lower }) else {
                continue
            }
            let candidate = try cost(moved)
            evaluations += 1
            if better(candidate, than: current, objective) {
                current = candidate
                sinceImprovement = 0
            }
        }
        let sweeps = (lineSearches + variables.count - 1) / Swift.max(variables.count, 1)
        let best = try full(current)
        return Search(
            best: best, feasible: feasible(best), method: "coordinate", evaluations: evaluations, sweeps: sweeps,
            candidates: [])
    }
}
