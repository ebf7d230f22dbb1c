import CCTS

/// What the worlds of a run say about the planning year, per world: how many CCCs are
/// still needed, the year's price and compensation per CCC, and the planning draws.
public struct PlanningWorlds {
    public var need: [Double]
    public var price: [Double]
    public var compensation: [Double]
    public var delivery: [Double]
    public var liquidity: [Double]

    /// - Parameters:
    ///   - results: the worlds of the scenario with no planned purchase.
    ///   - multiple: compensation per CCC of shortfall as a multiple of the price (the rules' constant).
    public init(results: WorldResults, year: Int, planning: PurchasePlanning, multiple: Double, seed: UInt64) {
        let shortfall = results.series(.shortfall, year: year), closing = results.series(.closing, year: year)
        let prices = results.series(.price, year: year)
        need = (0..<results.worlds).map { shortfall[$0] - closing[$0] }
        price = Array(prices)
        compensation = price.map { $0 * multiple }
        var tables = DiscreteTables()
        let deliveryDistribution = CompiledDistribution.compile(planning.offsetDelivery, tables: &tables)
        let liquidityDistribution = CompiledDistribution.compile(planning.spotLiquidity, tables: &tables)
        let sampler = Sampler(tables: tables)
        func draws(_ d: CompiledDistribution, _ key: String) -> [Double] {
            let hash = RandomStream.hash(key)
            return (0..<results.worlds).map { world in
                var stream = RandomStream(seed: seed, world: UInt64(world), keyHash: hash)
                return sampler.sample(d, &stream)
            }
        }
        delivery = draws(deliveryDistribution, PurchasePlanning.deliveryKey)
        liquidity = draws(liquidityDistribution, PurchasePlanning.liquidityKey)
    }
}

/// One purchase decision and what it costs over the worlds.
public struct PurchaseCandidate: Codable, Sendable, Equatable {
    public var forward: Double
    public var offsets: Double
    public var meanCost: Double
    public var meanCostStandardError: Double
    public var costVaR: Double
    public var costCVaR: Double
    public var probabilityOfNonCompliance: Double
}

/// Searches forward purchases × offset contracts on a grid, every candidate on the same
/// worlds (common random numbers), for the least expected cost, the least CVaR, or the
/// least expected cost with P(non-compliance) ≤ ε.
public enum PurchaseSearch {
    public enum Objective: Equatable, Sendable {
        case expectedCost
        case conditionalValueAtRisk(level: Double)
        case chanceConstrained(epsilon: Double)
    }

    public static func evaluate(_ planning: PurchasePlanning, _ worlds: PlanningWorlds, forward: Double, offsets: Double,
                                riskLevel: Double) -> PurchaseCandidate {
        let n = worlds.need.count
        var costs = [Double](repeating: 0, count: n)
        var missed = 0
        for w in 0..<n {
            let (cost, compliant) = planning.cost(forward: forward, offsets: offsets, need: worlds.need[w], price: worlds.price[w],
                                                  compensation: worlds.compensation[w], delivery: worlds.delivery[w],
                                                  liquidity: worlds.liquidity[w])
            costs[w] = cost
            if !compliant { missed += 1 }
        }
        let (summary, risk) = costs.withUnsafeBufferPointer { Summary.of($0, riskLevel: riskLevel) }
        return PurchaseCandidate(forward: forward, offsets: offsets, meanCost: summary.mean, meanCostStandardError: summary.se,
                                 costVaR: risk!.valueAtRisk, costCVaR: risk!.conditionalValueAtRisk,
                                 probabilityOfNonCompliance: Double(missed) / Double(n))
    }

    /// Every grid point (`forwardSteps + 1` × `offsetSteps + 1`) and the best by the objective
    /// (nil when no candidate meets a chance constraint).
    public static func search(_ planning: PurchasePlanning, _ worlds: PlanningWorlds, objective: Objective,
                              forwardSteps: Int, offsetSteps: Int) -> (best: PurchaseCandidate?, candidates: [PurchaseCandidate]) {
        let level: Double
        if case .conditionalValueAtRisk(let l) = objective { level = l } else { level = 0.95 }
        var candidates: [PurchaseCandidate] = []
        let offsetGrid = planning.maximumOffsets > 0 ? offsetSteps : 0
        for i in 0...max(forwardSteps, 0) {
            for j in 0...offsetGrid {
                let forward = planning.maximumForward * Double(i) / Double(max(forwardSteps, 1))
                let offsets = offsetGrid == 0 ? 0 : planning.maximumOffsets * Double(j) / Double(offsetGrid)
                candidates.append(evaluate(planning, worlds, forward: forward, offsets: offsets, riskLevel: level))
            }
        }
        let best: PurchaseCandidate?
        switch objective {
        case .expectedCost: best = candidates.min { $0.meanCost < $1.meanCost }
        case .conditionalValueAtRisk: best = candidates.min { $0.costCVaR < $1.costCVaR }
        case .chanceConstrained(let epsilon):
            best = candidates.filter { $0.probabilityOfNonCompliance <= epsilon }.min { $0.meanCost < $1.meanCost }
        }
        return (best, candidates)
    }
}
