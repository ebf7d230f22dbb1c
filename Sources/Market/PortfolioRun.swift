import WorkSharing
import Statistics
import Simulation
import CCTS

/// A portfolio's market in every world: what its entities supply and demand, year by year,
/// under one rule set.
///
/// Each entity draws its worlds from its own seed, `mix(seed xor hash(registration))`: entities
/// are independent of one another but for the common factors their inputs are correlated with
/// (``CorrelationModel``: `common.<name>`, drawn from the run's seed, the same for every entity in
/// a world), and the same entity meets the same worlds under every rule set (common random
/// numbers), so differences between rule sets come from the rules.
public struct PortfolioMarket: Sendable {
    public let years: [ComplianceYear]
    public let worlds: Int
    /// `[year × worlds + world]`.
    public internal(set) var issued: [Double]
    public internal(set) var surrender: [Double]
    /// The entities' own offsets counted towards their surrender.
    public internal(set) var offsets: [Double]
    public internal(set) var compensation: [Double]
    public internal(set) var compliant: [Double]
    /// Sum of the entities' prices, divided by the entity count at the end: the average price.
    public internal(set) var price: [Double]
    public internal(set) var entityCount = 0
    /// Per entity: mean net credits (issued − surrender) and P(compliant) per year.
    public internal(set) var entities: [EntitySummary] = []
    /// Per entity, `[entity][year × worlds + world]`: net credits (issued − owed, signed) and
    /// emissions, which the market model clears (``MarketSimulation``).
    public internal(set) var entityCredits: [[Double]] = []
    public internal(set) var entityEmissions: [[Double]] = []
    /// Per entity, `[year × worlds + world]`: its own offsets counted towards its surrender (its
    /// lifecycle applied eligibility and the cap), which enter the market with its position; empty
    /// for an entity that counted none (``ownOffsets(_:_:)``).
    public internal(set) var entityOffsets: [[Double]] = []
    /// Per entity: the CCCs it holds when the first year opens (its scenario's `opening_balance`).
    public internal(set) var openingBalances: [Double] = []
    /// Their sum, added in entity order (what `openingBalances.reduce(0, +)` gives), for the
    /// aggregates that read it in every world.
    public internal(set) var openingBalanceTotal = 0.0
    /// Per entity with stated purchases or sales: its registration. The market decides every
    /// entity's trades at the clearing price, so stated trades are replaced (and the output says so).
    public internal(set) var statedTrades: [String] = []

    public struct EntitySummary: Codable, Sendable, Equatable {
        public var registration: String
        public var name: String
        public var sector: String
        public var meanNetCredits: [Double]
        public var meanCompensation: [Double]
        public var probabilityCompliant: [Double]
    }

    /// The sectors of the entities, sorted: the order of every by-sector series.
    public var sectors: [String] { Array(Set(entities.map(\.sector))).sorted() }

    /// The worlds of the whole run, whose means the entity summaries accumulate (`worlds` when the
    /// run is in one part).
    public let totalWorlds: Int

    init(years: [ComplianceYear], worlds: Int, totalWorlds: Int? = nil) {
        self.years = years
        self.worlds = worlds
        self.totalWorlds = totalWorlds ?? worlds
        let cells = years.count * worlds
        issued = .init(repeating: 0, count: cells)
        surrender = .init(repeating: 0, count: cells)
        offsets = .init(repeating: 0, count: cells)
        compensation = .init(repeating: 0, count: cells)
        compliant = .init(repeating: 0, count: cells)
        price = .init(repeating: 0, count: cells)
    }

    /// Entity `e`'s own offsets counted in `cell` (`year × worlds + world`).
    @inline(__always)
    func ownOffsets(_ e: Int, _ cell: Int) -> Double {
        let offsets = entityOffsets[e]
        return offsets.isEmpty ? 0 : offsets[cell]
    }

    /// Frees the per-entity worlds once the market has been cleared from them.
    public mutating func dropEntityWorlds() {
        entityCredits = []
        entityEmissions = []
        entityOffsets = []
    }

    /// Adds one entity's worlds: `value(metric, year, world)`.
    /// - Parameter continuing: the entity's summary over the run's earlier parts, whose running means
    ///   this part continues.
    mutating func add(_ scenario: Scenario, continuing: EntitySummary? = nil, value: (Metric, Int, Int) -> Double) {
        let zeros = [Double](repeating: 0, count: years.count)
        var net = continuing?.meanNetCredits ?? zeros, ec = continuing?.meanCompensation ?? zeros
        var ok = continuing?.probabilityCompliant ?? zeros
        var credits = [Double](repeating: 0, count: years.count * worlds), emissions = credits, offsets = credits
        for (y, year) in years.enumerated() {
            guard let own = scenario.years.firstIndex(where: { $0.year == year }) else { continue }
            for w in 0..<worlds {
                credits[y * worlds + w] = value(.credits, own, w)
                emissions[y * worlds + w] = value(.emissions, own, w)
                offsets[y * worlds + w] = value(.offsets, own, w)
            }
            for w in 0..<worlds {
                let credits = value(.credits, own, w)
                let cell = y * worlds + w
                issued[cell] += max(credits, 0)
                surrender[cell] += max(-credits, 0)
                self.offsets[cell] += value(.offsets, own, w)
                compensation[cell] += value(.compensation, own, w)
                compliant[cell] += value(.compliant, own, w)
                price[cell] += value(.price, own, w)
                net[y] += credits / Double(totalWorlds)
                ec[y] += value(.compensation, own, w) / Double(totalWorlds)
                ok[y] += value(.compliant, own, w) / Double(totalWorlds)
            }
        }
        entityCount += 1
        entityCredits.append(credits)
        entityEmissions.append(emissions)
        // Most entities have no offsets of their own: keep no worlds for them (the market reads 0).
        entityOffsets.append(offsets.contains { $0 != 0 } ? offsets : [])
        openingBalances.append(scenario.openingBalance)
        openingBalanceTotal += scenario.openingBalance
        if scenario.years.contains(where: { !$0.purchases.isEmpty || !$0.sales.isEmpty }) {
            statedTrades.append(scenario.entity.registration)
        }
        entities.append(
            EntitySummary(
                registration: scenario.entity.registration, name: scenario.entity.name,
                sector: scenario.entity.sector, meanNetCredits: net, meanCompensation: ec,
                probabilityCompliant: ok))
    }

    /// Each entity's plans, one per thread: the plan, and for a plan that calls Lua rule functions
    /// (which own one Lua state) one more per copy of the rules. Compiled once for a run in parts.
    public static func plans(
        _ entities: [Scenario], rules: RuleSet, copies: [RuleSet] = [], threads: Int, factorUncertainty: Bool
    )
        throws -> [[Plan]]
    {
        try entities.map { scenario in
            let plan = try PlanCompiler(rules: rules, factorUncertainty: factorUncertainty).compile(scenario)
            return try LuaLanes.plans(plan, threads: threads) { k in
                try copies.indices.contains(k - 1)
                    ? PlanCompiler(rules: copies[k - 1], factorUncertainty: factorUncertainty).compile(scenario) : nil
            }
        }
    }

    /// Runs every entity over `worlds` worlds (or, with `worlds` nil, once at expected values).
    /// - Parameter copies: further loads of the same rules, each with its own Lua state: an entity
    ///   whose plan calls Lua rule functions runs on one thread per copy (plus the first).
    /// - Parameter part: only these worlds of the `worlds` (each drawn as the whole run draws it), continuing
    ///   the entity summaries of the earlier parts: a market of many worlds is cleared part by part in bounded
    ///   memory, with the numbers one part gives.
    /// - Parameter compiled: the entities' plans (``plans(_:rules:copies:threads:factorUncertainty:)``),
    ///   compiled here when nil.
    public static func run(
        _ entities: [Scenario], rules: RuleSet, copies: [RuleSet] = [], worlds: Int?, seed: UInt64, threads: Int,
        factorUncertainty: Bool, part: (worlds: Range<Int>, continuing: [EntitySummary])? = nil,
        compiled: [[Plan]]? = nil
    ) throws -> PortfolioMarket {
        let years = Array(Set(entities.flatMap { $0.years.map(\.year) })).sorted()
        var market = PortfolioMarket(years: years, worlds: part?.worlds.count ?? worlds ?? 1, totalWorlds: worlds ?? 1)
        let compiled =
            try worlds == nil
            ? []
            : compiled
                ?? plans(entities, rules: rules, copies: copies, threads: threads, factorUncertainty: factorUncertainty)
        for (e, scenario) in entities.enumerated() {
            let continuing = part.flatMap { e < $0.continuing.count ? $0.continuing[e] : nil }
            if let worlds {
                // the portfolio's common factors from the run's seed: the same in every entity's world w
                let plans = compiled[e].map { plan -> Plan in
                    var plan = plan
                    plan.commonSeed = seed
                    return plan
                }
                let count = plans.count
                let entitySeed = RandomStream.mix(seed ^ RandomStream.hash(scenario.entity.registration))
                var options = MonteCarloOptions(
                    iterations: part?.worlds.count ?? worlds, seed: entitySeed, threads: count, sensitivitySample: 0)
                options.firstWorld = part?.worlds.lowerBound ?? 0
                let results = try MonteCarlo.run(plans: plans, options: options)
                // each metric's worlds of each year read once, not once per value
                let columns = Metric.allCases.map { metric in
                    (0..<results.years.count).map { results.series(metric, year: $0) }
                }
                market.add(scenario, continuing: continuing) { metric, year, world in
                    columns[metric.rawValue][year][world]
                }
            } else {
                let outcome = try Evaluation.expected(scenario, rules: rules, tracing: false)
                market.add(scenario) { metric, year, _ in
                    let y = outcome.years[year]
                    switch metric {
                    case .credits: return y.compliance.issued - y.compliance.surrenderRequired
                    case .emissions: return y.emissions.total
                    case .compensation: return y.compensation
                    case .compliant: return y.compliant ? 1 : 0
                    case .price: return y.price
                    case .offsets: return y.ledger.offsets
                    default: return 0
                    }
                }
            }
        }
        return market
    }
}
