import WorkSharing
import Statistics
import Simulation
import CCTS

/// What the worlds of a scenario say about its procurement, per world: each year's issued
/// minus owed certificates and price (from the one evaluator, with no planned purchase), and the
/// planning draws — each offset contract's delivery, each forward's estimate error, each year's
/// exchange liquidity — from streams keyed by the seed, so that every plan meets the same worlds.
public struct ProcurementWorlds: Sendable {
    public private(set) var worlds: Int
    public let years: [ComplianceYear]
    /// `[year][world]`.
    public private(set) var credits: [[Double]]
    public private(set) var price: [[Double]]
    public private(set) var liquidity: [[Double]]
    /// `[contract][world]`: the fraction delivered.
    public private(set) var delivered: [[Double]]
    /// `[forward][world]`: the relative error of the need the forward's date sees (0 without `known`).
    public private(set) var estimateError: [[Double]]
    public let openingBalance: Double
    /// Environmental compensation per CCC of shortfall, as a multiple of the year's price.
    public let multiple: Double
    /// The rule function of the multiple, one per lane, when the rules wrote one (then `multiple` is unused).
    public let compensation: RuleFunctionLanes?
    /// Offsets may meet at most this share of a year's surrender obligation (infinity: no cap).
    public let offsetShare: Double
    public let bankingAllowed: Bool
    public let maximumCarried: Double
    /// Per contract: whether the rules let its credits count (type, vintage, year).
    public let eligible: [Bool]
    /// Per contract: the index of the year whose surrender its credits arrive for (a delivery
    /// after a year's surrender deadline counts for the next); `years.count` after the last.
    public let arrival: [Int]

    /// - Parameter compensation: the compensation rule function per lane, when the rules wrote one.
    public init(
        results: WorldResults, plan: ProcurementPlan, rules: RuleSet, openingBalance: Double,
        compensation: RuleFunctionLanes? = nil,
        seed: UInt64
    ) {
        worlds = results.worlds
        years = results.years
        credits = results.years.indices.map { Array(results.series(.credits, year: $0)) }
        price = results.years.indices.map { Array(results.series(.price, year: $0)) }
        self.openingBalance = openingBalance
        multiple = rules.compliance.compensationMultiple.constant ?? .nan
        self.compensation = compensation
        offsetShare = rules.compliance.offsets.maximumShare ?? .infinity
        bankingAllowed = rules.compliance.banking.allowed
        maximumCarried = rules.compliance.banking.maximumCarried ?? .infinity
        eligible = plan.offsets.map { contract in
            guard let type = contract.type, let vintage = contract.vintage else { return true }
            return rules.compliance.offsets.ineligibility(type: type, vintage: vintage, year: contract.year) == nil
        }
        let deadline = rules.compliance.surrenderDeadline, years = results.years
        arrival = plan.offsets.map { contract in
            var k = years.firstIndex(of: contract.year) ?? years.count
            if let day = contract.deliveryDate {
                while k < years.count, years[k].surrenderDate(deadline) < day { k += 1 }
            }
            return k
        }

        var tables = DiscreteTables()
        let liquidityDistribution = CompiledDistribution.compile(plan.liquidity, tables: &tables)
        let deliveries = plan.offsets.map { CompiledDistribution.compile($0.delivered, tables: &tables) }
        let normal = CompiledDistribution.compile(.standardNormal, tables: &tables)
        let sampler = Sampler(tables: tables)
        let n = results.worlds
        func draws(_ key: String, _ d: CompiledDistribution) -> [Double] {
            let hash = RandomStream.hash(key)
            return Parallel.map(n) { w in
                var stream = RandomStream(seed: seed, world: UInt64(w), keyHash: hash)
                return sampler.sample(d, &stream)
            }
        }
        liquidity = results.years.map { year in
            draws(ProcurementPlan.liquidityKey(year), liquidityDistribution).map { Swift.min(Swift.max($0, 0), 1) }
        }
        // Deliveries of projects of one type share a common normal factor: z = √ρ Z_type + √(1 − ρ) ε.
        let rho = plan.deliveryCorrelation
        var factors: [String: [Double]] = [:]
        var delivered: [[Double]] = []
        for (contract, distribution) in zip(plan.offsets, deliveries) {
            let own = draws(ProcurementPlan.deliveryKey(contract.project), normal)
            var z = own
            if rho > 0 {
                let type = contract.type ?? contract.project
                if factors[type] == nil { factors[type] = draws(ProcurementPlan.deliveryFactorKey(type), normal) }
                let common = factors[type]!
                z = (0..<n).map { rho.squareRoot() * common[$0] + (1 - rho).squareRoot() * own[$0] }
            }
            delivered.append(Parallel.map(n) { Swift.min(Swift.max(sampler.fromNormal(distribution, z[$0]), 0), 1) })
        }
        self.delivered = delivered
        estimateError = plan.forwards.enumerated().map { index, forward in
            guard let error = forward.knownError, error > 0 else { return [Double](repeating: 0, count: n) }
            return draws(ProcurementPlan.estimateKey(index), normal).map { error * $0 }
        }
    }

    /// The first `count` worlds (a plan costed on them meets exactly those worlds).
    public func prefix(_ count: Int) -> ProcurementWorlds {
        var first = self
        first.worlds = Swift.min(count, worlds)
        func cut(_ rows: [[Double]]) -> [[Double]] { rows.map { Array($0.prefix(first.worlds)) } }
        (first.credits, first.price, first.liquidity) = (cut(credits), cut(price), cut(liquidity))
        (first.delivered, first.estimateError) = (cut(delivered), cut(estimateError))
        return first
    }

    /// The same worlds with every exchange price (and so every compensation) × `factor`.
    public func pricesScaled(by factor: Double) -> ProcurementWorlds {
        var scaled = self
        scaled.price = price.map { $0.map { $0 * factor } }
        return scaled
    }

    /// One world of one year with these values (tests cost a plan in it by hand).
    init(fixed credits: Double, price: Double, plan: ProcurementPlan, delivered: Double, liquidity: Double) {
        worlds = 1
        years = [plan.forwards.first?.year ?? plan.offsets[0].year]
        self.credits = [[credits]]
        self.price = [[price]]
        self.liquidity = [[liquidity]]
        self.delivered = plan.offsets.map { _ in [delivered] }
        estimateError = plan.forwards.map { _ in [0] }
        openingBalance = 0
        multiple = 2
        compensation = nil
        offsetShare = .infinity
        bankingAllowed = true
        maximumCarried = .infinity
        eligible = plan.offsets.map { _ in true }
        arrival = plan.offsets.map { _ in 0 }
    }
}
