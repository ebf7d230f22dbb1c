import CCTS
import Foundation
import Loading
import LuaSandbox
import Simulation
import Market
import Requests

/// `compare` as a library: the same entities and worlds under the base rules and each reform,
/// each year's market cleared, and the summary of all rule sets. The command line, a re-run and
/// a merge of shards all call these, so each gives the same bytes.
public enum CompareWorkflow {
    public typealias VariantRecord = Comparison.VariantRecord

    /// Worlds cleared at a time (a multiple of the market's 256-world chunks, so that the parts add
    /// their sums in the order one part would): 490 entities × 2 years × 4,096 worlds of credits and
    /// emissions are 64 MB, whatever the number of worlds.
    public static let partWorlds = 4_096

    /// The rule sets' records (all, or those of the request's shard: index mod N = K), and the
    /// tables the base read.
    public static func records(
        _ request: CompareRequest, inputs: WorkflowInputs, limit: some LoadTimeLimit = NoLoadTimeLimit()
    ) throws -> (records: [VariantRecord], tables: [(name: String, bytes: Data)]) {
        let sources = try request.portfolios.map(inputs.file)
        var loader = Loader(sets: request.sets, budget: request.lua.budget)
        loader.tables = inputs.tables
        var tables: [(name: String, bytes: Data)] = []
        var records: [VariantRecord] = []
        for (index, reform) in ([nil] + request.reforms.map(Optional.some)).enumerated() {
            let computed = request.shard.map { index % $0.count == $0.index } ?? true
            // the base is loaded by every shard: every rule set reads the tables it read
            if !computed && index > 0 { continue }
            let reformFiles = try reform.map { [try inputs.file($0)] } ?? []
            let load = {
                try loader.loadPortfolio(sources, ruleFiles: inputs.ruleFiles, reformFiles: reformFiles)
            }
            let portfolio = try limit.limit(
                seconds: request.lua.seconds, what: request.portfolios.joined(separator: ", "), load)
            if reform == nil {
                // every variant reads the tables the base read, byte for byte
                tables = portfolio.tables
                loader.tables = .stored(TableFiles.byName(tables))
            }
            guard computed else { continue }
            // Lua rule functions run in one Lua state per thread lane (LuaLanes)
            let further =
                request.iterations == nil ? 0 : LuaLanes.furtherLoads(portfolio.rules, threads: request.threads)
            let copies = try (0..<further).map { _ in try load().rules }
            records.append(
                try record(
                    portfolio, copies: copies, index: index, request: request, isBase: reform == nil))
        }
        return (records, tables)
    }

    /// One rule set's record: its worlds cleared in parts of ``partWorlds`` (memory holds one part's
    /// entity worlds whatever the number of worlds; every world is drawn as the whole run draws it,
    /// and the running means continue from part to part in world order, so the numbers are those of
    /// one part), then, over worlds, its market at expected values. The aggregates' worlds of more
    /// than one part go to a temporary file (``WorldSeries``), 8 bytes per world and series.
    static func record(
        _ portfolio: LoadedPortfolio, copies: [RuleSet], index: Int, request: CompareRequest, isBase: Bool
    ) throws -> VariantRecord {
        let (iterations, seed, threads) = (request.iterations, request.seed, request.threads)
        let compliance = portfolio.rules.compliance
        let variant = isBase ? "base rules" : "reform \(index)"
        let total = iterations ?? 1
        var series: WorldSeries?, summaries: [PortfolioMarket.EntitySummary] = []
        var carried: (cost: [Double], abatement: [Double])?
        var years: [ComplianceYear] = [], sectors: [String] = []
        var ownSteps: [[MeasureStep]?]?
        var notes: [Warning] = []
        var curves: [SupplyCurve]?
        let compiled =
            try iterations == nil
            ? []
            : PortfolioMarket.plans(
                portfolio.entities, rules: portfolio.rules, copies: copies, threads: threads,
                factorUncertainty: false)
        for first in stride(from: 0, to: total, by: partWorlds) {
            let part = first..<Swift.min(first + partWorlds, total)
            var market = try PortfolioMarket.run(
                portfolio.entities, rules: portfolio.rules, copies: copies, worlds: iterations, seed: seed,
                threads: threads, factorUncertainty: false, part: iterations == nil ? nil : (part, summaries),
                compiled: compiled)
            if ownSteps == nil {
                ownSteps = try zip(portfolio.entities, portfolio.measures).map { entity, plan in
                    try plan.map {
                        try MeasureCurve.steps(entity, plan: $0, rules: portfolio.rules, years: market.years)
                    }
                }
            }
            let offers = acceptedOffers(
                portfolio, years: market.years, worlds: iterations, seed: seed,
                part: iterations == nil ? nil : part)
            if first == 0 {
                notes += offers.refused.map { Warning(.offsetNotEligible, "\(variant): \($0)") }
            }
            let cleared = try MarketSimulation.run(
                market, rules: portfolio.rules, multiple: compliance.compensationMultiple.constant ?? .nan,
                compensation: RuleFunctionLanes(compensationOf: [portfolio.rules] + copies),
                ownSteps: ownSteps ?? [], supply: offers.accepted, continuing: carried,
                costFactors: SectorCostFactors.draw(
                    rules: portfolio.rules, market: market, worlds: iterations, seed: seed,
                    part: iterations == nil ? nil : part))
            if first == 0, let note = tradesReplaced(market, variant: variant) { notes.append(note) }
            let aggregates = MarketAggregate.all(sectors: cleared.sectors)
            let partSeries = market.years.indices.flatMap { y in
                aggregates.map { $0.series(market, cleared, year: y) }
            }
            // beyond one part, the worlds' series go to a temporary file: memory holds one part
            if series == nil { series = try WorldSeries(count: partSeries.count, spilled: total > partWorlds) }
            try series?.append(partSeries)
            carried = (cleared.entityCost, cleared.entityAbatement)
            if iterations == nil { curves = cleared.curves }
            summaries = market.entities
            (years, sectors) = (market.years, cleared.sectors)
            market.dropEntityWorlds()
        }
        var expectedValues: [Comparison.ExpectedPosition]?
        if iterations != nil {
            (expectedValues, curves) = try expectedValueMarket(
                portfolio, ownSteps: ownSteps ?? [], seed: seed, threads: threads)
            if !isBase { expectedValues = nil }
        }
        return VariantRecord(
            index: index,
            name: isBase ? "base rules" : portfolio.rules.reforms.joined(separator: ", "),
            years: years.map(\.description), sectors: sectors, worlds: total,
            entities: summaries, series: series ?? WorldSeries([]), entityCost: carried?.cost ?? [],
            ruleChanges: try ruleChangeUses(portfolio, compiled: compiled.map { $0[0] }),
            notes: notes, portfolio: portfolio.name, expectedValues: expectedValues,
            supplyCurves: curves)
    }

    /// Each rule change and how many of the portfolio's entities read the changed value.
    /// - Parameter compiled: the entities' plans under these rules when compiled already (else empty).
    static func ruleChangeUses(_ portfolio: LoadedPortfolio, compiled: [Plan] = []) throws -> [Comparison.RuleChangeUse]
    {
        let plans =
            compiled.isEmpty
            ? try portfolio.entities.map { try PlanCompiler(rules: portfolio.rules).compile($0) } : compiled
        return portfolio.changes.map { change in
            Comparison.RuleChangeUse(
                path: change.path, old: change.old, new: change.new, by: change.by,
                entitiesReading: plans.filter { $0.uses(rulePath: change.path) }.count)
        }
    }

    /// The portfolio's stated purchases and sales, which the market replaces, said (nil: none stated).
    static func tradesReplaced(_ market: PortfolioMarket, variant: String) -> Warning? {
        guard !market.statedTrades.isEmpty else { return nil }
        return Warning(
            .tradesReplaced,
            "\(variant): stated purchases and sales of \(market.statedTrades.joined(separator: ", ")) "
                + "are replaced by the market, which trades every entity at the clearing price")
    }

    /// Over worlds, a rule set's market at expected values too: its position (the base rules' is set
    /// against the worlds' means) and its supply and need, to be drawn.
    static func expectedValueMarket(
        _ portfolio: LoadedPortfolio, ownSteps: [[MeasureStep]?], seed: UInt64, threads: Int
    ) throws -> ([Comparison.ExpectedPosition], [SupplyCurve]?) {
        let market = try PortfolioMarket.run(
            portfolio.entities, rules: portfolio.rules, worlds: nil, seed: seed, threads: threads,
            factorUncertainty: false)
        let positions = market.years.indices.map { y in
            Comparison.ExpectedPosition(
                year: market.years[y].description, issued: market.issued[y], surrender: market.surrender[y])
        }
        let curves =
            try MarketSimulation.run(
                market, rules: portfolio.rules,
                multiple: portfolio.rules.compliance.compensationMultiple.constant ?? .nan,
                compensation: RuleFunctionLanes(compensationOf: [portfolio.rules]),
                ownSteps: ownSteps,
                supply: acceptedOffers(portfolio, years: market.years, worlds: nil, seed: seed, part: nil).accepted,
                costFactors: SectorCostFactors.draw(rules: portfolio.rules, market: market, worlds: nil, seed: seed)
            ).curves
        return (positions, curves)
    }

    /// Offers outside the entities, drawn alike for every rule set, and those the rules do not accept
    /// (left out, and said: "supply X (path) not counted: why").
    public static func acceptedOffers(
        _ portfolio: LoadedPortfolio, years: [ComplianceYear], worlds: Int?, seed: UInt64, part: Range<Int>?
    ) -> (accepted: [SupplyOffer], refused: [String]) {
        var accepted: [SupplyOffer] = [], refused: [String] = []
        for (line, offer) in zip(
            portfolio.supply,
            SupplyOffer.draw(portfolio.supply, years: years, worlds: worlds, seed: seed, part: part))
        {
            if let type = line.type, let vintage = line.vintage,
                let why = portfolio.rules.compliance.offsets.ineligibility(
                    type: type, vintage: vintage, year: line.year)
            {
                refused.append("supply \(line.project) (\(line.path)) not counted: \(why)")
            } else {
                accepted.append(offer)
            }
        }
        return (accepted, refused)
    }
}
