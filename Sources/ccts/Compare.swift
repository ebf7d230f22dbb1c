import ArgumentParser
import CCTS
import CommandSupport
import Foundation
import Loading
import LuaSandbox
import Reports
import RunStore
import Simulation

/// `ccts compare PORTFOLIO… --reform FILE…`: the same entities and worlds under the base rules and each reform.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Run portfolios (or scenarios) under the base rules and under each reform, on the same worlds, and compare the market.",
        discussion: """
            Each --reform is a separate variant compared with the base rules (not applied on top of one another). Per year, \
            the market clears: entities abate along their sector's marginal abatement cost curve up to the clearing price, \
            trade, and pay compensation only on what the market cannot cover (README: the market model). Reported: the \
            clearing price, abatement induced (by sector), CCCs traded, compensation after trading, compliance cost (by \
            sector), cost per tonne abated, the share of entities compliant, and P(market short) with its standard error; \
            with --iterations, means with 5–95 % ranges and the change with a 95 % interval of the paired differences.
            """)

    @Argument(help: ArgumentHelp("Portfolio or scenario files.", valueName: "file"))
    var files: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @Option(
        name: .customLong("iterations"), parsing: .unconditional,
        help: "Monte Carlo worlds per entity (default: one evaluation at expected values); 10000, 1e4, 10k.")
    var worldCount: WorldCount?
    var iterations: Int? { worldCount?.value }
    @Option(name: .long, parsing: .unconditional, help: "Seed of the worlds (a whole number, 0 or more).") var seed:
        UInt64 = 1
    @Option(name: .long, help: "Worker threads.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("top"), help: "Entities to list, most changed first.") var top = 10
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "One table per year with every reform side by side (wider than 100 columns).") var wide =
        false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.") var noStore = false
    @OptionGroup var page: PageOptions
    @OptionGroup var numberFormat: NumberFormatOption
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compute only shard K of N (0-based) of the rule sets (base first, then each --reform), into this store; `ccts merge` joins the shards.",
            valueName: "K/N"))
    var shard: ShardSpec?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one portfolio or scenario file") }
        guard ruleOptions.pricesFrom == nil else {
            throw ValidationError(
                "--prices-from: ccts compare clears its own prices; give a compare run's ID to run, pathway or plan instead"
            )
        }
        try worldCount?.check("--iterations", minimum: 1)
        try page.check(noStore: noStore)
        if let shard {
            let variants = ruleOptions.reform.count + 1
            guard shard.count <= variants else {
                throw ValidationError(
                    "--shard \(shard): compare shards its \(variants) rule sets (the base and \(variants - 1) reform\(variants == 2 ? "" : "s")); use at most \(variants) shards"
                )
            }
            if page.report != nil || page.pdf != nil {
                throw ValidationError("--shard \(shard): a shard has no comparison of its own; report the merged run")
            }
        }
    }

    /// One rule set's part of a comparison, all a summary needs: what a shard stores and the merge reads.
    struct VariantRecord: Codable {
        /// 0 for the base rules, i for the i-th --reform.
        var index: Int
        var name: String
        var years: [String]
        var sectors: [String]
        var worlds: Int
        var entities: [PortfolioMarket.EntitySummary]
        /// Each aggregate's value in every world: [year × aggregates + aggregate][world], aggregates in `MarketAggregate.all(sectors:)` order.
        var series: [[Double]]
        /// Each entity's mean compliance cost, [entity × years + year].
        var entityCost: [Double]
        var ruleChanges: [RuleChangeUse]
        var notes: [Warning]
        /// The portfolio's own name (`name = …` in its file): what the run and its page are called.
        var portfolio: String? = nil
        /// Of the base rules over worlds: the portfolio's position with every input at its expected
        /// value, which the worlds' means are set against (nil at expected values, and in shards of
        /// reforms).
        var expectedValues: [ExpectedPosition]? = nil
        /// Of its rules at expected values: each year's supply, need and price, to be drawn.
        var supplyCurves: [SupplyCurve]? = nil
    }

    /// The portfolio's CCCs issued and owed in a year with every input at its expected value.
    struct ExpectedPosition: Codable { var year: String, issued: Double, surrender: Double }

    /// A mean with its 5–95 % range of worlds, or for a probability its standard error.
    struct Band: Codable { var mean: Double, p5: Double?, p95: Double?, standardError: Double? }
    /// The mean paired difference from the base, with its 95 % interval.
    struct Change: Codable { var mean: Double, low: Double, high: Double }
    /// `id` is stable (`clearing_price`, `abatement.cement`); `aggregate` is the display label.
    struct Row: Codable {
        var year: String, id: String, aggregate: String, unit: String, base: Band, variants: [Band], changes: [Change]
    }
    /// What the worlds and rules determine: what a re-run must reproduce.
    struct Results: Codable {
        var entities: Int, worlds: Int, seed: UInt64, reforms: [String]
        var rows: [Row]
        var entityChanges: [[EntityChange]]
        /// Per variant (base first): every rule change and how many entities read the changed value.
        var ruleChanges: [[RuleChangeUse]]
        /// What the rules left out (supply they do not accept).
        var notes: [String] = []
        /// Over worlds: the base rules' position at expected values, against the worlds' means.
        var expectedValues: [ExpectedPosition]? = nil
        /// Per variant (base first), its market at expected values, year by year: supply by price, the
        /// need, the price (empty for a variant computed before they were kept).
        var supplyCurves: [[SupplyCurve]]? = nil
    }
    struct RuleChangeUse: Codable { var path: String, old: String, new: String, by: String, entitiesReading: Int }
    /// What a compare run was asked (its `--json` inputs).
    struct Inputs: Encodable {
        var portfolios: [String], reforms: [String], sets: [String], rules: String, worlds: Int?, seed: UInt64
    }
    struct Document: Encodable {
        var portfolio: String, seconds: Double
        var results: Results
    }
    /// An entity's mean compliance cost (INR) under the base and a reform, and its mean net credits.
    struct EntityChange: Codable {
        var registration: String, name: String, sector: String, year: String, base: Double, reform: Double,
            change: Double
        var netCreditsBase: Double, netCreditsReform: Double
    }

    func run() throws {
        try reportingErrors {
            let stored = try WorkflowRun.files(rules: ruleOptions, reforms: ruleOptions.reform, scenarios: files)
            if let shard {
                emit(try CompareShard.run(self, shard: shard, files: stored))
                return
            }
            let (output, id) = try WorkflowRun.run(
                kind: .compare, store: storeOptions, noStore: noStore, files: stored, settings: ruleOptions.set,
                ruleSource: ruleOptions.rules ?? "built-in", scenarioFile: files.joined(separator: ", "),
                seed: seed, iterations: iterations, threads: threads
            ) { try compute() }
            emit(storeOptions.printed(document: output.document, report: output.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .workflow(output.results))
        }
    }

    func compute() throws -> WorkflowRun.Output {
        let start = DispatchTime.now().uptimeNanoseconds
        let (records, tables) = try computeRecords(only: nil)
        return try assemble(
            records, tables: tables, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The rule sets' records (all, or those of one shard: index mod N = K), and the tables the base read.
    /// Worlds cleared at a time (a multiple of the market's 256-world chunks, so that the parts add
    /// their sums in the order one part would): 490 entities × 2 years × 4,096 worlds of credits and
    /// emissions are 64 MB, whatever the number of worlds.
    static let partWorlds = 4_096

    func computeRecords(only shard: ShardSpec?) throws -> (
        records: [VariantRecord], tables: [(name: String, bytes: Data)]
    ) {
        do {
            let sources = try files.map(SourceFile.read)
            let ruleFiles = try (ruleOptions.rules.map(RuleSource.directory) ?? .builtIn).files()
            var loader = Loader(sets: ruleOptions.set, budget: ruleOptions.loader.budget)
            var tables: [(name: String, bytes: Data)] = []
            var records: [VariantRecord] = []
            for (index, reform) in ([nil] + ruleOptions.reform.map(Optional.some)).enumerated() {
                let computed = shard.map { index % $0.count == $0.index } ?? true
                // the base is loaded by every shard: every rule set reads the tables it read
                if !computed && index > 0 { continue }
                let reformFiles = try reform.map { [try SourceFile.read($0)] } ?? []
                let portfolio = try Watchdog.limit(seconds: ruleOptions.maxSeconds, what: files.joined(separator: ", "))
                {
                    try loader.loadPortfolio(sources, ruleFiles: ruleFiles, reformFiles: reformFiles)
                }
                if reform == nil {
                    // every variant reads the tables the base read, byte for byte
                    tables = portfolio.tables
                    loader.tables = .stored(
                        Dictionary(tables.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first }))
                }
                guard computed else { continue }
                let compliance = portfolio.rules.compliance
                // Lua rule functions run in one Lua state per thread: load the rules again for each further thread.
                let callsLua =
                    portfolio.rules.verification.materiality.constant == nil
                    || compliance.compensationMultiple.constant == nil
                let copies =
                    iterations == nil || !callsLua
                    ? []
                    : try (1..<max(threads, 1)).map { _ in
                        try loader.loadPortfolio(sources, ruleFiles: ruleFiles, reformFiles: reformFiles).rules
                    }
                // The worlds in parts of `partWorlds`: memory holds one part's entity worlds whatever the
                // number of worlds; every world is drawn as the whole run draws it, and the running means
                // continue from part to part in world order, so the numbers are those of one part.
                let total = iterations ?? 1
                var series: [[Double]] = [], summaries: [PortfolioMarket.EntitySummary] = []
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
                for first in stride(from: 0, to: total, by: Self.partWorlds) {
                    let part = first..<Swift.min(first + Self.partWorlds, total)
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
                        portfolio, years: market.years, worlds: iterations, part: iterations == nil ? nil : part)
                    if first == 0 {
                        notes += offers.refused.map {
                            Warning(.offsetNotEligible, "\(reform == nil ? "base rules" : "reform \(index)"): \($0)")
                        }
                    }
                    let cleared = try MarketSimulation.run(
                        market, rules: portfolio.rules, multiple: compliance.compensationMultiple.constant ?? .nan,
                        compensation: RuleFunctionLanes(compensationOf: [portfolio.rules] + copies),
                        ownSteps: ownSteps ?? [], supply: offers.accepted, continuing: carried,
                        costFactors: SectorCostFactors.draw(
                            rules: portfolio.rules, market: market, worlds: iterations, seed: seed,
                            part: iterations == nil ? nil : part))
                    if first == 0, !market.statedTrades.isEmpty {
                        notes.append(
                            Warning(
                                .tradesReplaced,
                                "\(reform == nil ? "base rules" : "reform \(index)"): stated purchases and sales of "
                                    + "\(market.statedTrades.joined(separator: ", ")) are replaced by the market, which trades every entity at the clearing price"
                            ))
                    }
                    let aggregates = MarketAggregate.all(sectors: cleared.sectors)
                    let partSeries = market.years.indices.flatMap { y in
                        aggregates.map { $0.series(market, cleared, year: y) }
                    }
                    if series.isEmpty {
                        series = partSeries
                    } else {
                        for i in series.indices { series[i] += partSeries[i] }
                    }
                    carried = (cleared.entityCost, cleared.entityAbatement)
                    if iterations == nil { curves = cleared.curves }
                    summaries = market.entities
                    (years, sectors) = (market.years, cleared.sectors)
                    market.dropEntityWorlds()
                }
                let plans = try portfolio.entities.map { try PlanCompiler(rules: portfolio.rules).compile($0) }
                // over worlds, each rule set's market at expected values too: its supply and need, to be
                // drawn, and the base rules' position, to set the worlds' means against
                var expectedValues: [ExpectedPosition]?
                if iterations != nil {
                    let market = try PortfolioMarket.run(
                        portfolio.entities, rules: portfolio.rules, worlds: nil, seed: seed, threads: threads,
                        factorUncertainty: false)
                    if reform == nil {
                        expectedValues = market.years.indices.map { y in
                            ExpectedPosition(
                                year: market.years[y].description, issued: market.issued[y],
                                surrender: market.surrender[y])
                        }
                    }
                    curves =
                        try MarketSimulation.run(
                            market, rules: portfolio.rules, multiple: compliance.compensationMultiple.constant ?? .nan,
                            compensation: RuleFunctionLanes(compensationOf: [portfolio.rules]),
                            ownSteps: ownSteps ?? [],
                            supply: acceptedOffers(portfolio, years: market.years, worlds: nil, part: nil).accepted,
                            costFactors: SectorCostFactors.draw(
                                rules: portfolio.rules, market: market, worlds: nil, seed: seed)
                        ).curves
                }
                records.append(
                    VariantRecord(
                        index: index,
                        name: reform == nil ? "base rules" : portfolio.rules.reforms.joined(separator: ", "),
                        years: years.map(\.description), sectors: sectors, worlds: total,
                        entities: summaries, series: series, entityCost: carried?.cost ?? [],
                        ruleChanges: portfolio.changes.map { change in
                            RuleChangeUse(
                                path: change.path, old: change.old, new: change.new, by: change.by,
                                entitiesReading: plans.filter { $0.uses(rulePath: change.path) }.count)
                        },
                        notes: notes, portfolio: portfolio.name, expectedValues: expectedValues,
                        supplyCurves: curves))
            }
            return (records, tables)
        }
    }

    /// Offers outside the entities, drawn alike for every rule set, and those the rules do not accept
    /// (left out, and said: "supply X (path) not counted: why").
    func acceptedOffers(_ portfolio: LoadedPortfolio, years: [ComplianceYear], worlds: Int?, part: Range<Int>?)
        -> (accepted: [SupplyOffer], refused: [String])
    {
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

    /// The comparison from every rule set's record (base first): the document, what it prints, its metrics.
    /// One process and a merge of shards both come here, so both give the same bytes.
    func assemble(_ records: [VariantRecord], tables: [(name: String, bytes: Data)], seconds: Double) throws
        -> WorkflowRun.Output
    {
        var document = summarise(records, seconds: seconds)
        document.results.ruleChanges = records.map(\.ruleChanges)
        let notes = records.flatMap(\.notes)
        document.results.notes = notes.map(\.message)
        let inputs = Inputs(
            portfolios: files, reforms: ruleOptions.reform, sets: ruleOptions.set,
            rules: ruleOptions.rules ?? "built-in",
            worlds: iterations, seed: seed)
        let text = try OutputDocument(
            command: "compare", inputs: inputs, results: document.results, warnings: notes,
            timing: .init(seconds: document.seconds, threads: threads)
        ).encoded()
        var metrics: [MetricRow] = []
        for row in document.results.rows {
            metrics.append(MetricRow(year: row.year, metric: "base.\(row.id)", value: row.base.mean))
            for (index, band) in row.variants.enumerated() {
                metrics.append(MetricRow(year: row.year, metric: "reform\(index + 1).\(row.id)", value: band.mean))
            }
        }
        // The base rules' clearing price in every world: what --prices-from gives run, pathway and plan.
        let base = records[0], aggregates = MarketAggregate.all(sectors: base.sectors)
        let price = aggregates.firstIndex { $0.id == "clearing_price" }!
        let prices = MarketPriceRows(
            years: base.years, worlds: base.worlds,
            prices: base.years.indices.flatMap { base.series[$0 * aggregates.count + price] })
        return WorkflowRun.Output(
            document: text, results: try WorkflowRun.results(of: Data(text.utf8)), report: render(document),
            scenarioName: records[0].entities.count == 1
                ? files[0] : records[0].portfolio ?? "portfolio: " + files.joined(separator: ", "),
            metrics: metrics, tables: tables,
            entity: records[0].entities.count == 1 ? records[0].entities[0].registration : nil,
            marketPrices: prices)
    }

    func summarise(_ variants: [VariantRecord], seconds: Double) -> Document {
        let base = variants[0]
        let aggregates = MarketAggregate.all(sectors: base.sectors)
        var rows: [Row] = []
        for (y, year) in base.years.enumerated() {
            for (a, aggregate) in aggregates.enumerated() {
                let baseSeries = base.series[y * aggregates.count + a]
                var bands: [Band] = [], changes: [Change] = []
                for variant in variants.dropFirst() {
                    let series = variant.series[y * aggregates.count + a]
                    bands.append(Self.band(series, probability: aggregate.isProbability))
                    changes.append(
                        Self.change(zip(series, baseSeries).map { $0 - $1 }, probability: aggregate.isProbability))
                }
                rows.append(
                    Row(
                        year: year, id: aggregate.id, aggregate: aggregate.label, unit: aggregate.unit,
                        base: Self.band(baseSeries, probability: aggregate.isProbability), variants: bands,
                        changes: changes))
            }
        }
        let years = base.years.count
        let entityChanges: [[EntityChange]] = variants.dropFirst().map { variant in
            base.entities.indices.flatMap { e in
                base.years.indices.map { y in
                    let a = base.entities[e], b = variant.entities[e]
                    let before = base.entityCost[e * years + y], after = variant.entityCost[e * years + y]
                    return EntityChange(
                        registration: a.registration, name: a.name, sector: a.sector, year: base.years[y],
                        base: before, reform: after, change: after - before,
                        netCreditsBase: a.meanNetCredits[y], netCreditsReform: b.meanNetCredits[y])
                }
            }
        }
        return Document(
            portfolio: files.joined(separator: ", "), seconds: seconds,
            results: Results(
                entities: base.entities.count, worlds: base.worlds, seed: seed,
                reforms: variants.dropFirst().map(\.name), rows: rows, entityChanges: entityChanges, ruleChanges: [],
                expectedValues: base.expectedValues, supplyCurves: variants.map { $0.supplyCurves ?? [] }))
    }

    /// A mean with its 5–95 % range, or for a probability (an indicator per world) its standard error √(p(1−p)/n).
    static func band(_ values: [Double], probability: Bool) -> Band {
        let n = Double(values.count), mean = values.reduce(0, +) / n
        if probability {
            return Band(mean: mean, p5: nil, p95: nil, standardError: (mean * (1 - mean) / n).squareRoot())
        }
        let sorted = values.sorted()
        return Band(
            mean: mean, p5: Summary.quantile(sorted, 0.05), p95: Summary.quantile(sorted, 0.95), standardError: nil)
    }

    /// The paired differences' mean and 95 % interval: the 2.5–97.5 % quantiles, or for a
    /// probability mean ± 1.96 standard errors of the differences.
    static func change(_ differences: [Double], probability: Bool) -> Change {
        let n = Double(differences.count), mean = differences.reduce(0, +) / n
        if probability {
            let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Swift.max(n - 1, 1)
            let half = 1.96 * (variance / n).squareRoot()
            return Change(mean: mean, low: mean - half, high: mean + half)
        }
        let sorted = differences.sorted()
        return Change(mean: mean, low: Summary.quantile(sorted, 0.025), high: Summary.quantile(sorted, 0.975))
    }

    /// Base rules: each aggregate's mean and, with worlds, its 5–95 % range.
    func baseTable(_ d: Results, year: String, value: (Double, String) -> String) -> String {
        let mc = d.worlds > 1
        var table = TextTable(header: ["", "unit", "mean"] + (mc ? ["5–95 % of worlds"] : []), rightAligned: [2])
        for row in d.rows where row.year == year {
            table.add(
                [row.aggregate, Self.shownUnit(row.unit), value(row.base.mean, row.unit)]
                    + (mc ? [spread(row.base, row.unit, value)] : []))
        }
        return table.render(width: ExplainReport.width)
    }

    /// One reform: its mean, the change from the base and, with worlds, the change's 95 % interval.
    func reformTable(_ d: Results, year: String, reform index: Int, value: (Double, String) -> String) -> String {
        let mc = d.worlds > 1
        var table = TextTable(
            header: ["", "unit", "reform \(index + 1)", "change"] + (mc ? ["95 % interval of change"] : []),
            rightAligned: [2, 3])
        for row in d.rows where row.year == year {
            let change = row.changes[index]
            let sign = change.mean >= 0 ? "+" : ""
            table.add(
                [
                    row.aggregate, Self.shownUnit(row.unit), value(row.variants[index].mean, row.unit),
                    sign + value(change.mean, row.unit),
                ]
                    + (mc ? ["\(value(change.low, row.unit)) to \(value(change.high, row.unit))"] : []))
        }
        return table.render(width: ExplainReport.width)
    }

    /// A row's unit as the text tables show it (fractions and probabilities are shown in %).
    /// (Short forms keep a reform's table within 100 columns.)
    static func shownUnit(_ unit: String) -> String {
        switch unit {
        case "fraction", "probability": return "%"
        case "INR/tCO2e": return "INR/t"
        case "entities": return "count"
        default: return unit
        }
    }

    /// A band as text: its 5–95 % range, or ± the standard error of a probability.
    func spread(_ band: Band, _ unit: String, _ value: (Double, String) -> String) -> String {
        if let se = band.standardError { return "± \(value(se, unit)) (s.e.)" }
        return "\(value(band.p5 ?? band.mean, unit)) to \(value(band.p95 ?? band.mean, unit))"
    }

    /// Every variant side by side (`--wide`).
    func sideBySide(_ d: Results, year: String, value: (Double, String) -> String) -> String {
        let mc = d.worlds > 1
        var header = ["", "unit", "base"]
        for index in d.reforms.indices { header += ["reform \(index + 1)", "change"] }
        var table = TextTable(header: header, rightAligned: Set(2..<header.count))
        for row in d.rows where row.year == year {
            var cells = [
                row.aggregate, Self.shownUnit(row.unit),
                value(row.base.mean, row.unit) + (mc ? " [\(spread(row.base, row.unit, value))]" : ""),
            ]
            for (band, change) in zip(row.variants, row.changes) {
                cells.append(value(band.mean, row.unit))
                let sign = change.mean >= 0 ? "+" : ""
                cells.append(
                    sign + value(change.mean, row.unit)
                        + (mc ? " [\(value(change.low, row.unit)), \(value(change.high, row.unit))]" : ""))
            }
            table.add(cells)
        }
        return table.render()
    }

    /// Why the worlds' mean issuance is not the issuance at expected values: per year, both, and
    /// the reason (issuance and surrender are each convex in an entity's GEI; their difference is not).
    static func expectedValueParagraphs(_ d: Results) -> [String] {
        guard let expected = d.expectedValues, !expected.isEmpty else { return [] }
        func mean(_ year: String, _ id: String) -> Double? {
            d.rows.first { $0.year == year && $0.id == id }?.base.mean
        }
        var lines = ["", "Over the worlds against every input at its expected value (base rules):"]
        for e in expected {
            guard let issued = mean(e.year, "issued"), let owed = mean(e.year, "surrender_obligations") else {
                continue
            }
            let n = { NumberFormat.grouped($0) }
            lines.append(
                ("\(e.year): CCCs issued \(n(issued)) on average, \(n(e.issued)) at expected values; surrender "
                    + "obligations \(n(owed)) against \(n(e.surrender)); net position \(n(issued - owed)) against "
                    + "\(n(e.issued - e.surrender)).").wrapped(width: ExplainReport.width, first: "  ", rest: "    "))
        }
        lines.append(
            ("An entity issues CCCs only when its GEI is below its target and owes them only when it is above: "
                + "uncertainty spreads each entity's GEI across its target, which raises the mean issued and the "
                + "mean owed alike (each is convex in the GEI), while their difference, the net position the market "
                + "clears, moves only by what the uncertainty shifts. Common factors the portfolio declares "
                + "(common.<name>: a sector's demand, the economy, verifiers) move entities together and widen "
                + "the range of the net position and of the price.").wrapped(
                    width: ExplainReport.width, first: "  ", rest: "  "))
        return lines
    }

    func render(_ document: Document) -> String {
        let d = document.results
        let mc = d.worlds > 1
        var lines = [
            "\(document.portfolio): \(d.entities) entities, "
                + (mc ? "\(NumberFormat.grouped(Double(d.worlds))) worlds each, seed \(d.seed)" : "expected values")
                + String(format: " (%.1f s)", document.seconds)
        ]
        for (index, reform) in d.reforms.enumerated() { lines.append("Reform \(index + 1): \(reform)") }
        for (index, changes) in d.ruleChanges.enumerated() where index > 0 || !changes.isEmpty {
            let own =
                index == 0
                ? changes
                : changes.filter { change in !d.ruleChanges[0].contains { $0.path == change.path && $0.by == change.by }
                }
            lines.append(index == 0 ? "Changes in every variant (--set):" : "Changes of reform \(index):")
            if own.isEmpty { lines.append("  - none: this reform changed no rule value") }
            for c in own.prefix(own.count > 6 ? 3 : 6) {
                let line =
                    "\(c.path): \(c.old) → \(c.new) — "
                    + (c.entitiesReading == 0
                        ? "changed but not used: no entity and year reads it"
                        : "read by \(c.entitiesReading) of \(d.entities) entities")
                lines.append(line.wrapped(width: ExplainReport.width, first: "  - ", rest: "    "))
            }
            if own.count > 6 {
                let rest = own.dropFirst(3)
                let unread = rest.filter { $0.entitiesReading == 0 }.count
                lines.append(
                    "  - … and \(rest.count) more changes (--json lists them)"
                        + (unread > 0 ? "; \(unread) of them read by no entity" : ""))
            }
        }
        func value(_ x: Double, _ unit: String) -> String {
            if unit == "fraction" || unit == "probability" { return NumberFormat.percent(x, decimals: 1) }
            return NumberFormat.grouped(x)
        }
        let years = Array(Set(d.rows.map(\.year))).sorted()
        if wide {
            for year in years { lines += ["", "═══ \(year) ═══", sideBySide(d, year: year, value: value)] }
        } else {
            // One block per year and variant, each within 100 columns.
            for year in years {
                lines += ["", "═══ \(year): base rules ═══", baseTable(d, year: year, value: value)]
                for index in d.reforms.indices {
                    lines += [
                        "", "═══ \(year): reform \(index + 1) against the base ═══",
                        reformTable(d, year: year, reform: index, value: value),
                    ]
                }
            }
        }
        for (index, changes) in d.entityChanges.enumerated() {
            let lastYear = d.rows.last?.year ?? ""
            let ranked = changes.filter { $0.year == lastYear && $0.change != 0 }.sorted {
                abs($0.change) > abs($1.change)
            }.prefix(top)
            lines.append("")
            guard !ranked.isEmpty else {
                lines.append("Reform \(index + 1) changes no entity's mean compliance cost in \(lastYear).")
                continue
            }
            lines.append(
                "Entities whose compliance cost reform \(index + 1) changes most in \(lastYear) (mean, INR; + pays more):"
            )
            var table = TextTable(
                header: ["registration", "sector", "base", "reform", "change"], rightAligned: [2, 3, 4])
            for c in ranked {
                table.add([
                    c.registration, c.sector, NumberFormat.grouped(c.base), NumberFormat.grouped(c.reform),
                    NumberFormat.grouped(c.change),
                ])
            }
            lines.append(table.render(indent: "  "))
        }
        lines += Self.expectedValueParagraphs(d)
        if !d.notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            for note in d.notes { lines.append(note.wrapped(width: ExplainReport.width, first: "  - ", rest: "    ")) }
        }
        lines.append("")
        lines.append(
            ("Market: entities abate along their sector's cost curve (rules: abatement) up to the clearing price, trade at it, and pay "
                + "compensation only on what no supply covers; see docs/market.md, the market model.").wrapped(
                    width: ExplainReport.width, first: "", rest: "  "))
        if d.worlds <= 1,
            d.ruleChanges.dropFirst().contains(where: { $0.contains { $0.path.hasPrefix("verification") } })
        {
            lines.append(
                ("Note: at expected values verifier findings are zero, so a materiality rule cannot change anything; "
                    + "run with --iterations to see its effect.").wrapped(
                        width: ExplainReport.width, first: "", rest: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
