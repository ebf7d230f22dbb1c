import WorkSharing
import Statistics
import Simulation
import CCTS
import Dispatch

/// The CCC market of a portfolio in every world and year: entities abate along their sector's
/// marginal abatement cost curve up to the clearing price, trade, and pay compensation only on
/// what the market cannot cover.
///
/// Per world, year after year: each entity's position is its net credits (issued − owed) plus
/// what it banked; the market clears at the lowest price p ≥ floor with Σ positions +
/// Σ abatement(p) ≥ 0 (``MarketClearing``); short entities buy, long ones sell, at p. When the
/// market is short after every abatement step, the uncovered quantity U is shared among the
/// short entities in proportion to their shortage, and each pays compensation on its part at
/// the rules' multiple × p (p is the year's average traded price). Long entities sell pro rata
/// what the short ones need and keep the rest. Under `market.banking = "when_dearer"` (with
/// banking allowed and uncapped) a later year that would clear dearer than the year before draws
/// certificates forward: adjacent years are merged into one market (positions and curves added)
/// until no earlier year clears cheaper than the next, and each year of a merged block clears at
/// its price, the surplus kept in one year being the bank of the next. Under `"unsold"` only what
/// is left unsold at the floor is banked; under `"none"` nothing.
///
/// Abatement is continuous (tCO2e, one CCC per tonne); an entity counts as compliant when less
/// than half a certificate of its shortage is left uncovered.
public struct MarketResults: Sendable {
    public let years: [ComplianceYear]
    public let worlds: Int
    /// Sectors present, in the order of the by-sector series.
    public let sectors: [String]
    /// `[year × worlds + world]`.
    public internal(set) var price: [Double]
    /// tCO2e abated in the year.
    public internal(set) var abatement: [Double]
    /// CCCs bought by short entities from long ones.
    public internal(set) var traded: [Double]
    /// Compensation due after trading, INR.
    public internal(set) var compensation: [Double]
    /// Abatement spend + net purchases + compensation, summed over entities (purchases between
    /// entities cancel: abatement spend + compensation + what other sellers were paid), INR.
    public internal(set) var cost: [Double]
    /// CCCs bought from sellers outside the entities (offset projects, other supply).
    public internal(set) var supplied: [Double]
    /// What the abatement cost, INR.
    public internal(set) var abatementCost: [Double]
    public internal(set) var shareCompliant: [Double]
    /// 1 when the market is short after every abatement step (compensation is due), else 0.
    public internal(set) var short: [Double]
    /// Entities short, and long, after abatement and before trading (counts).
    public internal(set) var entitiesShort: [Double]
    public internal(set) var entitiesLong: [Double]
    /// 1 when the year cleared jointly with an adjacent year through banking (`when_dearer`), else 0.
    public internal(set) var joint: [Double]
    /// CCCs the regulator's reserve sold at the ceiling, bought at the floor, and what long entities
    /// were left holding unsold (kept or banked).
    public internal(set) var reserveSold: [Double]
    public internal(set) var floorBought: [Double]
    public internal(set) var unsold: [Double]
    /// What set the price: the sector index of the marginal step, or ``MarketResults/priceAtFloor``,
    /// ``MarketResults/priceShortBeyondEveryStep`` or ``MarketResults/priceByOtherSeller``.
    public internal(set) var marginal: [Double]
    /// `[(year × sectors + sector) × worlds + world]`.
    public internal(set) var abatementBySector: [Double]
    /// Each sector's compliance cost: its abatement spend, its net purchases at the price and its compensation, INR.
    public internal(set) var costBySector: [Double]
    /// Of a market of one world (expected values): each year's supply, need and price, to be drawn.
    public internal(set) var curves: [SupplyCurve] = []
    /// Per entity and year (`[entity × years + year]`): mean compliance cost, INR, and mean abatement, tCO2e.
    public internal(set) var entityCost: [Double]
    public internal(set) var entityAbatement: [Double]

    init(years: [ComplianceYear], worlds: Int, sectors: [String], entities: Int) {
        self.years = years
        self.worlds = worlds
        self.sectors = sectors
        let cells = years.count * worlds
        price = .init(repeating: 0, count: cells)
        abatement = price; traded = price; compensation = price; cost = price; abatementCost = price; supplied = price
        shareCompliant = price; short = price
        entitiesShort = price; entitiesLong = price; joint = price; marginal = price
        reserveSold = price; floorBought = price; unsold = price
        abatementBySector = .init(repeating: 0, count: cells * sectors.count)
        costBySector = abatementBySector
        entityCost = .init(repeating: 0, count: entities * years.count)
        entityAbatement = entityCost
    }
}

extension MarketResults {
    /// Codes of ``marginal`` that are not a sector.
    public static let priceAtFloor = -1.0, priceShortBeyondEveryStep = -2.0, priceByOtherSeller = -3.0
}

public enum MarketSimulation {
    /// Worlds per chunk of work: chunks run on all cores, and per-entity sums are added chunk by
    /// chunk in order, so the results do not depend on the number of threads.
    static let chunk = 256

    /// Clears the market of `portfolio` (its entities' worlds under one rule set) in every world and year.
    /// - Parameters:
    ///   - multiple: compensation per uncovered CCC, as a multiple of the clearing price.
    ///   - ownSteps: per entity, its own measures' steps (``MeasureCurve``), which replace its
    ///     sector's default curve; nil for the sector's.
    ///   - supply: sellers outside the entities, each a step at its ask (eligible ones only).
    ///   - compensation: the compensation rule function per lane, when the rules wrote one (`multiple` is then unused).
    /// - Throws: what a compensation rule function throws, or ``Settlement/MultipleOutOfRange``.
    ///   - continuing: each entity's mean cost and abatement over the run's earlier parts (a market
    ///     cleared part by part: ``PortfolioMarket/totalWorlds`` divides, and the sums continue in world order).
    // Long: the clearing's parameters laid out once (segments, curves, cost factors) and the chunks of worlds run; the
    // set-up reads in the order Parameters declares them.
    public static func run(
        _ portfolio: PortfolioMarket, rules: RuleSet, multiple: Double, compensation: RuleFunctionLanes? = nil,
        ownSteps: [[MeasureStep]?] = [], supply: [SupplyOffer] = [],
        continuing: (cost: [Double], abatement: [Double])? = nil, costFactors: [[Double]]? = nil
    ) throws -> MarketResults {
        let entities = portfolio.entities.count, years = portfolio.years.count, worlds = portfolio.worlds
        let sectors = portfolio.sectors
        let sectorOf = portfolio.entities.map { entity in sectors.firstIndex(of: entity.sector)! }
        var results = MarketResults(years: portfolio.years, worlds: worlds, sectors: sectors, entities: entities)
        if let continuing { (results.entityCost, results.entityAbatement) = continuing }

        // Every entity's pieces of its sector's curve, a piece's quantity its share of the entity's
        // emissions in the world; or its own measures' steps, each a fixed quantity in one year.
        var segments: [AbatementSegment] = [], shares: [Double] = [], fixed: [Double] = []
        for (e, entity) in portfolio.entities.enumerated() {
            if e < ownSteps.count, let own = ownSteps[e] {
                for step in own {
                    segments.append(AbatementSegment(entity: e, fromCost: step.cost, toCost: step.cost))
                    shares.append(0)
                    fixed += (0..<years).map { $0 == step.year ? step.quantity : 0 }
                }
                continue
            }
            for step in rules.abatementCurve(sector: entity.sector)?.steps ?? [] {
                segments.append(AbatementSegment(entity: e, fromCost: step.fromCost, toCost: step.toCost))
                shares.append(step.share)
                fixed += [Double](repeating: .nan, count: years)
            }
        }
        // The regulator's reserve at the ceiling: one more seller a year, after the others.
        let market = rules.compliance.market
        var supply = supply
        let reserveFrom = supply.count
        if market.ceilingReserve > 0, let ceiling = market.ceiling {
            supply += (0..<years).map {
                SupplyOffer(
                    project: "the regulator's reserve", year: $0, ask: ceiling, isOffset: false,
                    quantities: [market.ceilingReserve])
            }
        }
        // Sellers outside the entities: one step each at its ask, seller index entities + j.
        for (j, offer) in supply.enumerated() {
            segments.append(AbatementSegment(entity: entities + j, fromCost: offer.ask, toCost: offer.ask))
            shares.append(0)
            fixed += [Double](repeating: .nan, count: years)
        }
        let clearing = MarketClearing(segments: segments, floor: market.floor, ceiling: market.ceiling)
        let banking = rules.compliance.banking
        let uncapped = banking.maximumCarried == nil
        let parameters = Parameters(
            entities: entities, years: years, worlds: worlds, sectors: sectors.count, sectorOf: sectorOf,
            segmentEntities: segments.map(\.entity), shares: shares, fixed: fixed, supply: supply,
            offsetShare: rules.compliance.offsets.maximumShare, multiple: multiple,
            banks: banking.allowed && (market.banking == .unsold || (market.banking == .whenDearer && !uncapped)),
            equalises: banking.allowed && market.banking == .whenDearer && uncapped,
            maximumCarried: banking.maximumCarried ?? .infinity, reserveFrom: reserveFrom, floor: market.floor,
            floorPurchases: market.floorPurchases, costFactors: costFactors)
        let chunks = (worlds + chunk - 1) / chunk
        let partials = PartialSums(chunks: chunks, cells: entities * years)
        // A market of one world (expected values) also keeps each year's supply and need, to be drawn.
        let curves = worlds == 1 ? CurveCollector() : nil
        let failures = FailureBox()
        results.withOutputs { outputs in
            // A compensation rule function runs in its lane's Lua state: one lane per copy.
            Parallel.jobs(chunks, threads: compensation?.lanes ?? chunks) { c, lane in
                do {
                    try clear(
                        worlds: (c * chunk)..<Swift.min((c + 1) * chunk, worlds), portfolio, clearing, parameters,
                        outputs,
                        cost: partials.cost(c), abatement: partials.abatement(c), function: compensation?[lane],
                        curves: curves)
                } catch {
                    failures.record(error, chunk: c)
                }
            }
        }
        if let error = failures.first { throw error }
        results.curves = curves?.curves ?? []
        for c in 0..<chunks {
            for k in 0..<(entities * years) {
                results.entityCost[k] += partials.cost(c)[k] / Double(portfolio.totalWorlds)
                results.entityAbatement[k] += partials.abatement(c)[k] / Double(portfolio.totalWorlds)
            }
        }
        return results
    }

    struct Parameters: Sendable {
        let entities: Int, years: Int, worlds: Int, sectors: Int
        let sectorOf: [Int], segmentEntities: [Int], shares: [Double]
        /// `[segment × years + year]`: a fixed quantity (an entity's own measure), or NaN for a share of emissions.
        let fixed: [Double]
        /// Sellers outside the entities: the last `supply.count` segments.
        let supply: [SupplyOffer]
        /// Offsets may meet at most this share of the year's surrender obligations (nil: no cap).
        let offsetShare: Double?
        let multiple: Double
        /// Holders keep what is left unsold (`unsold`, or `when_dearer` under a banking cap).
        let banks: Bool
        /// Years linked by banking clear at one price (`when_dearer`, banking allowed without a cap).
        let equalises: Bool
        let maximumCarried: Double
        /// Where the regulator's reserve offers start in `supply`; the floor and what the regulator buys at it a year.
        let reserveFrom: Int, floor: Double, floorPurchases: Double
        /// `[sector][world]`: the factor on the sector's curve costs in each world (``SectorCostFactors``;
        /// one value for all worlds when it has one), or nil: the costs as written.
        let costFactors: [[Double]]?

        /// Segment `s`'s cost factor in world `w`: its sector's, for a piece of a sector curve (not an
        /// entity's own measure nor an outside seller).
        func costFactor(segment s: Int, world w: Int) -> Double {
            guard let costFactors, s < shares.count - supply.count, fixed[s * years].isNaN else { return 1 }
            let factors = costFactors[sectorOf[segmentEntities[s]]]
            return factors[factors.count == 1 ? 0 : w]
        }
        /// The rules of the one ledger (``Settlement/settle``) for every entity.
        var settlement: Settlement.YearRules {
            Settlement.YearRules(bankingAllowed: banks || equalises, maximumCarried: maximumCarried, multiple: multiple)
        }
    }

    /// The worlds of one chunk, year after year (the bank carries from one year to the next).
    // Long: the hot loop of a chunk of worlds, year after year (bank, clearing, settlement of each entity); its buffers
    // are allocated once per chunk and reused across the years.
    static func clear(
        worlds range: Range<Int>, _ portfolio: PortfolioMarket, _ written: MarketClearing, _ k: Parameters,
        _ out: MarketResults.Outputs, cost entityCostSum: UnsafeMutableBufferPointer<Double>,
        abatement entityAbatementSum: UnsafeMutableBufferPointer<Double>, function: RuleFunction?,
        curves: CurveCollector? = nil
    ) throws {
        let entities = k.entities, worlds = k.worlds, pieces = k.shares.count
        var quantities = [Double](repeating: 0, count: Swift.max(k.years * pieces, 1)),
            merged = [Double](repeating: 0, count: pieces)
        var nets = [Double](repeating: 0, count: k.years)
        var yearClearing = [Clearing](
            repeating: Clearing(price: 0, abatement: 0, uncovered: 0, atFloor: true, shortAfterEverySupply: false),
            count: k.years)
        var yearMarginal = [Double](repeating: 0, count: k.years)
        var blocks: [(first: Int, last: Int, clearing: Clearing, marginal: Double)] = []
        var position = [Double](repeating: 0, count: entities), bank = position
        // the market of the world being cleared: its sectors' costs × their factors in it, if uncertain
        var clearing = written
        var abated = [Double](repeating: 0, count: entities + k.supply.count), spent = abated
        let firstSeller = pieces - k.supply.count

        /// The market of years `first...last` as one: their positions and their curves added.
        func clearBlock(_ first: Int, _ last: Int) -> (Clearing, Double) {
            var net = 0.0
            for s in 0..<pieces { merged[s] = 0 }
            for y in first...last {
                net += nets[y]
                for s in 0..<pieces { merged[s] += quantities[y * pieces + s] }
            }
            return merged.withUnsafeBufferPointer { q in
                let c = clearing.clear(netPosition: net, quantities: q)
                return (c, clearing.marginalShare(c, quantities: q))
            }
        }

        for w in range {
            if k.costFactors != nil { clearing = written.scaled { k.costFactor(segment: $0, world: w) } }
            for y in 0..<k.years {
                let cell = y * worlds + w
                var net = 0.0
                for e in 0..<entities { net += portfolio.entityCredits[e][cell] + portfolio.ownOffsets(e, cell) }
                if y == 0 { for e in 0..<entities { net += portfolio.openingBalances[e] } }
                nets[y] = net
                for s in 0..<firstSeller {
                    let own = k.fixed[s * k.years + y]
                    quantities[y * pieces + s] =
                        own.isNaN
                        ? k.shares[s] * Swift.max(portfolio.entityEmissions[k.segmentEntities[s]][cell], 0) : own
                }
                // Offers of this year; offsets within the cap on the year's surrender obligations.
                var offsets = 0.0
                for (j, offer) in k.supply.enumerated() {
                    let q = offer.year == y ? offer.quantities[offer.quantities.count == 1 ? 0 : w] : 0
                    quantities[y * pieces + firstSeller + j] = q
                    if offer.isOffset { offsets += q }
                }
                if let share = k.offsetShare, offsets > 0 {
                    let scale = Swift.min(share * portfolio.surrender[cell] / offsets, 1)
                    for (j, offer) in k.supply.enumerated() where offer.isOffset {
                        quantities[y * pieces + firstSeller + j] *= scale
                    }
                }
            }
            if k.equalises {
                // A later year dearer than the one before draws certificates forward until both
                // clear at one price: merge adjacent blocks while the earlier is the cheaper.
                blocks.removeAll(keepingCapacity: true)
                for y in 0..<k.years {
                    let (alone, marginal) = clearBlock(y, y)
                    var block = (first: y, last: y, clearing: alone, marginal: marginal)
                    while let previous = blocks.last, previous.clearing.price < block.clearing.price {
                        blocks.removeLast()
                        block.first = previous.first
                        (block.clearing, block.marginal) = clearBlock(block.first, block.last)
                    }
                    blocks.append(block)
                }
                for block in blocks {
                    for y in block.first...block.last {
                        yearClearing[y] = block.clearing
                        yearMarginal[y] = block.marginal
                        out.joint[y * worlds + w] = block.first < block.last ? 1 : 0
                    }
                }
            }
            for e in 0..<entities { bank[e] = portfolio.openingBalances[e] }
            for y in 0..<k.years {
                let cell = y * worlds + w
                var net = 0.0
                for e in 0..<entities {
                    position[e] = portfolio.entityCredits[e][cell] + portfolio.ownOffsets(e, cell) + bank[e]
                    net += position[e]
                }
                for i in abated.indices {
                    abated[i] = 0
                    spent[i] = 0
                }
                quantities.withUnsafeBufferPointer { all in
                    let q = UnsafeBufferPointer(rebasing: all[(y * pieces)..<((y + 1) * pieces)])
                    if !k.equalises {
                        yearClearing[y] = clearing.clear(netPosition: net, quantities: q)
                        yearMarginal[y] = clearing.marginalShare(yearClearing[y], quantities: q)
                    }
                    abated.withUnsafeMutableBufferPointer { a in
                        spent.withUnsafeMutableBufferPointer { c in
                            clearing.settle(
                                price: yearClearing[y].price, marginalShare: yearMarginal[y], quantities: q,
                                abatement: a, cost: c)
                        }
                    }
                    if let curves {
                        curves.curves.append(
                            SupplyCurve(
                                year: portfolio.years[y].description, need: Swift.max(-net, 0),
                                price: yearClearing[y].price, joint: out.joint[cell] == 1,
                                points: clearing.supplyCurve(quantities: q)))
                    }
                    // What set the price: the floor, a market short beyond every step, an outside seller, or a sector's
                    // step.
                    let c = yearClearing[y]
                    if c.shortAfterEverySupply {
                        out.marginal[cell] = MarketResults.priceShortBeyondEveryStep
                    } else if let segment = clearing.marginalSegment(price: c.price, quantities: q) {
                        out.marginal[cell] =
                            segment >= firstSeller
                            ? MarketResults.priceByOtherSeller : Double(k.sectorOf[k.segmentEntities[segment]])
                    } else {
                        out.marginal[cell] = MarketResults.priceAtFloor
                    }
                }
                var shortTotal = 0.0, longTotal = 0.0, abatement = 0.0, shortCount = 0.0, longCount = 0.0
                for e in 0..<entities {
                    let after = position[e] + abated[e]
                    if after < 0 { shortTotal -= after } else { longTotal += after }
                    if after <= -0.5 { shortCount += 1 } else if after >= 0.5 { longCount += 1 }
                    abatement += abated[e]
                }
                out.entitiesShort[cell] = shortCount
                out.entitiesLong[cell] = longCount
                var offered = 0.0, fromReserve = 0.0
                for j in k.supply.indices {
                    offered += abated[entities + j]
                    if j >= k.reserveFrom { fromReserve += abated[entities + j] }
                }
                let p = yearClearing[y].price
                // What no supply covers: less than half a certificate is rounding, not a shortage.
                let gap = shortTotal - longTotal - offered
                let uncovered = gap >= 0.5 ? gap : 0
                // Short entities buy what the other sellers offer at p first, then from long entities.
                let fromSellers = Swift.min(offered, shortTotal - uncovered)
                let unmetShare = shortTotal > 0 ? Swift.min(uncovered / shortTotal, 1) : 0
                var soldShare =
                    longTotal > 0 ? Swift.min(Swift.max(shortTotal - uncovered - fromSellers, 0) / longTotal, 1) : 0
                // What long entities are left holding; at the floor the regulator buys up to its purchases of it.
                let surplus = longTotal * (1 - soldShare)
                let bought = p <= k.floor ? Swift.min(k.floorPurchases, surplus) : 0
                if longTotal > 0 { soldShare += bought / longTotal }
                out.reserveSold[cell] = fromReserve
                out.floorBought[cell] = bought
                out.unsold[cell] = surplus - bought
                var compliant = 0.0, compensation = 0.0, abatementCost = 0.0, totalCost = 0.0
                for e in 0..<entities {
                    // The one ledger settles each entity at the clearing price: a short entity buys
                    // what the market covers before the surrender, a long one sells its share after it.
                    let after = position[e] + abated[e], own = portfolio.entityCredits[e][cell]
                    let credits = Settlement.Credits(
                        gei: 0, exact: own, issued: Swift.max(own, 0) + abated[e], surrender: Swift.max(-own, 0))
                    var offsets = Settlement.OffsetCount(share: .infinity, obligation: 0)
                    offsets.count(portfolio.ownOffsets(e, cell), eligible: true, price: 0)
                    let settled = try Settlement.settle(
                        opening: bank[e], credits: credits, offsets: offsets, price: p, rules: k.settlement,
                        compensationFunction: function,
                        beforeSurrender: { account, _, _ in
                            if after < 0 { account.buy(-after - (-after * unmetShare), at: p) }
                        },
                        afterSurrender: { account in
                            if after >= 0 { account.sell(Swift.min(after * soldShare, account.held), at: p) }
                        })
                    let entityCost = spent[e] + settled.cost
                    compensation += settled.compensation
                    if settled.compliant { compliant += 1 }
                    bank[e] = settled.account.carried
                    abatementCost += spent[e]
                    totalCost += entityCost
                    let bySector = (y * k.sectors + k.sectorOf[e]) * worlds + w
                    out.costBySector[bySector] += entityCost
                    out.abatementBySector[bySector] += abated[e]
                    entityCostSum[e * k.years + y] += entityCost
                    entityAbatementSum[e * k.years + y] += abated[e]
                }
                out.price[cell] = p
                out.abatement[cell] = abatement
                out.traded[cell] = shortTotal - uncovered
                out.compensation[cell] = compensation
                out.abatementCost[cell] = abatementCost
                out.cost[cell] = totalCost
                out.supplied[cell] = fromSellers
                out.shareCompliant[cell] = entities > 0 ? compliant / Double(entities) : 0
                out.short[cell] = uncovered > 0 ? 1 : 0
            }
        }
    }
}

/// Each year's supply curve of a one-world market (one chunk, one thread writes it).
final class CurveCollector: @unchecked Sendable {
    var curves: [SupplyCurve] = []
}

/// Per-chunk sums of each entity's cost and abatement, `[chunk][entity × years + year]`.
/// `@unchecked Sendable`: each chunk writes only its own rows.
final class PartialSums: @unchecked Sendable {
    private let costs: UnsafeMutableBufferPointer<Double>, abatements: UnsafeMutableBufferPointer<Double>
    private let cells: Int

    init(chunks: Int, cells: Int) {
        self.cells = cells
        costs = .allocate(capacity: Swift.max(chunks * cells, 1))
        costs.initialize(repeating: 0)
        abatements = .allocate(capacity: Swift.max(chunks * cells, 1))
        abatements.initialize(repeating: 0)
    }

    func cost(_ chunk: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: costs[(chunk * cells)..<((chunk + 1) * cells)])
    }
    func abatement(_ chunk: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: abatements[(chunk * cells)..<((chunk + 1) * cells)])
    }

    deinit {
        costs.deallocate()
        abatements.deallocate()
    }
}

extension MarketResults {
    /// The per-world arrays as pointers, for chunks that write disjoint worlds.
    /// `@unchecked Sendable`: each chunk writes only its own worlds' cells.
    struct Outputs: @unchecked Sendable {
        let price, abatement, traded, compensation, cost, abatementCost, shareCompliant, short,
            supplied: UnsafeMutablePointer<Double>
        let entitiesShort, entitiesLong, joint, marginal, reserveSold, floorBought, unsold: UnsafeMutablePointer<Double>
        let abatementBySector, costBySector: UnsafeMutablePointer<Double>
    }

    mutating func withOutputs(_ body: (Outputs) -> Void) {
        price.withUnsafeMutableBufferPointer { price in
            abatement.withUnsafeMutableBufferPointer { abatement in
                traded.withUnsafeMutableBufferPointer { traded in
                    compensation.withUnsafeMutableBufferPointer { compensation in
                        cost.withUnsafeMutableBufferPointer { cost in
                            abatementCost.withUnsafeMutableBufferPointer { abatementCost in
                                shareCompliant.withUnsafeMutableBufferPointer { shareCompliant in
                                    short.withUnsafeMutableBufferPointer { short in
                                        abatementBySector.withUnsafeMutableBufferPointer { abatementBySector in
                                            costBySector.withUnsafeMutableBufferPointer { costBySector in
                                                supplied.withUnsafeMutableBufferPointer { supplied in
                                                    entitiesShort.withUnsafeMutableBufferPointer { entitiesShort in
                                                        entitiesLong.withUnsafeMutableBufferPointer { entitiesLong in
                                                            joint.withUnsafeMutableBufferPointer { joint in
                                                                marginal.withUnsafeMutableBufferPointer { marginal in
                                                                    reserveSold.withUnsafeMutableBufferPointer {
                                                                        reserveSold in
                                                                        floorBought.withUnsafeMutableBufferPointer {
                                                                            floorBought in
                                                                            unsold.withUnsafeMutableBufferPointer {
                                                                                unsold in
                                                                                body(
                                                                                    Outputs(
                                                                                        price: price.baseAddress!,
                                                                                        abatement: abatement
                                                                                            .baseAddress!,
                                                                                        traded: traded.baseAddress!,
                                                                                        compensation: compensation
                                                                                            .baseAddress!,
                                                                                        cost: cost.baseAddress!,
                                                                                        abatementCost: abatementCost
                                                                                            .baseAddress!,
                                                                                        shareCompliant: shareCompliant
                                                                                            .baseAddress!,
                                                                                        short: short.baseAddress!,
                                                                                        supplied: supplied.baseAddress!,
                                                                                        entitiesShort: entitiesShort
                                                                                            .baseAddress!,
                                                                                        entitiesLong: entitiesLong
                                                                                            .baseAddress!,
                                                                                        joint: joint.baseAddress!,
                                                                                        marginal: marginal.baseAddress!,
                                                                                        reserveSold: reserveSold
                                                                                            .baseAddress!,
                                                                                        floorBought: floorBought
                                                                                            .baseAddress!,
                                                                                        unsold: unsold.baseAddress!,
                                                                                        abatementBySector:
                                                                                            abatementBySector
                                                                                            .baseAddress!,
                                                                                        costBySector: costBySector
                                                                                            .baseAddress!))
                                                                            }
                                                                        }
                                                                    }
                                                                }
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
