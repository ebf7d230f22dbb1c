import ArgumentParser
import CCTS
import CommandSupport
import Foundation
import Workflows
import Loading
import Reports
import RunStore
import Simulation

/// `ccts pathway SCENARIO --measures FILE`: a reduction pathway year by year, each measure's
/// abatement and cost per tonne, the marginal abatement cost curve, NPV, and the least-cost set
/// of measures that meets every target with a stated probability.
struct PathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway",
        abstract:
            "Run a reduction pathway: GEI against target year by year, measure costs per tonne, MAC curve, NPV, least-cost set of measures."
    )

    @Argument(help: ArgumentHelp("Scenario file.", valueName: "scenario")) var scenario: String
    @Option(name: .long, help: ArgumentHelp("Measures file (Lua).", valueName: "file")) var measures: String
    @Option(
        name: .long, help: "Run up to this year (default: the measures file's horizon, else the scenario's last year).")
    var horizon: String?
    @Option(name: .customLong("discount-rate"), help: "Discount rate (default: the measures file's, else 0.10).")
    var discountRate: Double?
    @Flag(name: .long, help: "Search the least-cost set of measures meeting every target with --probability.")
    var optimise = false
    @Flag(
        name: .long,
        help:
            "With --optimise: evaluate every subset of the measures exactly (at most 12), not solve for the set."
    )
    var exhaustive = false
    @Option(
        name: .customLong("price"), parsing: .singleValue,
        help: ArgumentHelp(
            "Also answer at this CCC price, the same in every year (INR/CCC; repeat for a sweep): "
                + "each measure's NPV and break-even price, and with --optimise the sets.",
            valueName: "INR"))
    var prices: [Double] = []
    @Option(name: .long, help: "Probability of meeting every target without buying CCCs, for --optimise.")
    var probability = 0.9
    @Option(
        name: .customLong("iterations"), parsing: .unconditional,
        help: "Worlds per candidate set, for --optimise (2000, 2k).")
    var worldCount = WorldCount(2_000)
    var iterations: Int { worldCount.value }
    @Option(name: .long, parsing: .unconditional, help: "Seed of the worlds (a whole number, 0 or more).") var seed:
        UInt64 = 1
    @OptionGroup var ruleOptions: RuleOptions
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.") var noStore = false
    @OptionGroup var page: PageOptions
    @OptionGroup var numberFormat: NumberFormatOption
    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --optimise: evaluate only shard K of N (0-based) of the candidate sets, into this store; `ccts merge` joins the shards.",
            valueName: "K/N"))
    var shard: ShardSpec?
    /// The candidate sets already evaluated (a merge's: a JSON file of ``PathwayShard/State``), instead of evaluating them.
    @Option(
        name: .customLong("candidates"),
        help: ArgumentHelp("Evaluated candidate sets (written by ccts merge).", visibility: .hidden))
    var candidatesFile: String?

    func validate() throws {
        try page.check(noStore: noStore)
        for price in prices where !(price > 0 && price <= 1e6) {
            throw ValidationError("--price \(price.shown): expected a CCC price in INR above 0 and at most 1,000,000")
        }
        if !prices.isEmpty, ruleOptions.pricesFrom != nil {
            throw ValidationError("--price and --prices-from both set the CCC price; give one")
        }
        if exhaustive && !optimise {
            throw ValidationError("--exhaustive is a way to --optimise; add --optimise")
        }
        if let shard {
            guard optimise else {
                throw ValidationError(
                    "--shard \(shard): pathway shards the candidate sets of --optimise; add --optimise")
            }
            if page.report != nil || page.pdf != nil {
                throw ValidationError("--shard \(shard): a shard has no pathway of its own; report the merged run")
            }
        }
        if let horizon, ComplianceYear(horizon) == nil {
            throw ValidationError("--horizon '\(horizon)' is not a compliance year such as 2029-30")
        }
        if let discountRate, !(0..<1).contains(discountRate) {
            throw ValidationError("--discount-rate must be in [0, 1)")
        }
        guard (0..<1).contains(probability) || probability == 1 else {
            throw ValidationError("--probability must be in (0, 1]")
        }
        try worldCount.check("--iterations", minimum: 100)
    }

    /// What a pathway run was asked (its `--json` inputs).
    struct Inputs: Encodable {
        var scenario: String, measures: String, horizon: String, discountRate: Double, optimise: Bool
        var probability: Double?, worlds: Int?, seed: UInt64?, rules: String, reforms: [String], sets: [String]
        /// How --optimise searched: "solver" or "exhaustive" (nil without --optimise).
        var method: String?
        /// The prices of --price, in order (empty without).
        var prices: [Double] = []
    }
    struct YearRow: Codable {
        var year: String, target: Double, targetSource: String, geiBaseline: Double, gei: Double, emissions: Double,
            credits: Double
        var price: Double, complianceCost: Double, measureCost: Double, closingBalance: Double
        /// The GEI with the least-cost set only (--optimise, when a set meets the probability).
        var geiLeastCost: Double?
        /// The year's cost with every measure, line by line (nil in runs stored before).
        var costLines: CostLines?
    }
    /// A pathway year's cost with every measure, INR, undiscounted: `measureCost` = capex + opex;
    /// `complianceCost` = cccsBought + offsets + cccsSold (the shortfall bought at the year's price
    /// instead of compensation); `carried`: the CCCs banked out of the year at its price (negative, a
    /// holding; not in the cost).
    struct CostLines: Codable {
        var capex: Double, opex: Double, cccsBought: Double, offsets: Double, offsetsNotCounted: Double
        var cccsSold: Double, carried: Double
        var net: Double { capex + opex + cccsBought + offsets + cccsSold }

        init(_ year: YearOutcome, measures: [Measure]) {
            let c = year.costBreakdown, m = Pathway.measureCostLines(measures, in: year.year)
            (capex, opex) = (m.capex, m.opex)
            cccsBought = c.purchased.inr + year.ledger.shortfall * year.price
            (offsets, offsetsNotCounted, cccsSold, carried) = (
                c.offsets.inr, c.offsetsNotCounted.inr, c.sold.inr, c.carried.inr
            )
        }
    }
    struct MeasureRow: Codable {
        var name: String, start: String, averageAbatement: Double, annualCost: Double, costPerTonne: Double?,
            cumulativeAbatement: Double
        /// The measure alone: its total net present cost less the baseline's (negative: it saves money, the
        /// certificates it earns or saves counted at each year's price); nil in runs stored before.
        var netPresentCost: Double?
        /// `costPerTonne` less the mean CCC price of its active years: what a tonne costs net of the certificate it earns or saves.
        var netCostPerTonne: Double?
    }
    struct SetRow: Codable {
        /// `presentCost`: the measures' capex and opex alone, discounted (not the total: see `totalPresentCost`).
        var measures: [String], probability: Double, presentCost: Double
        /// Per year: the share of worlds meeting that year's target without buying CCCs.
        var probabilityByYear: [Double]
        /// The mean over worlds of the total net present cost (``Pathway/netPresentCost(_:measures:rate:)``),
        /// and its Monte Carlo standard error; nil in runs stored before.
        var totalPresentCost: Double? = nil, totalPresentCostStandardError: Double? = nil
        /// True for a subset an exhaustive search skipped because its measures exclude or require each other.
        var excluded: Bool? = nil
        /// What the sets are ranked by: the total, or (runs stored before) the measures' cost.
        var rankingCost: Double { totalPresentCost ?? presentCost }
    }
    /// When no set reaches the probability asked: the best reached, and what lower probabilities cost.
    struct Shortfall: Codable {
        var best: SetRow, bindingYear: String, bindingProbability: Double
        var cheapestAtLowerProbabilities: [LowerProbability]
    }
    /// The baseline year of the targets: its GEI and (where stated) output, numbers not text.
    struct Baseline: Codable {
        var year: String, gei: Double, output: Double?
        var sentence: String { "\(year): GEI \(gei)" + (output.map { ", output \(NumberFormat.grouped($0)) t" } ?? "") }
    }
    struct LowerProbability: Codable { var probability: Double, set: SetRow? }
    struct Document: Codable {
        var scenario: String, baseline: Baseline?, discountRate: Double, years: [YearRow], macCurve: [MeasureRow]
        var baselineNpv: Double, pathwayNpv: Double, leastCost: SetRow?, feasibleSets: [SetRow]?, shortfall: Shortfall?
        /// The least total net present cost of every set, whatever its probability of meeting the targets
        /// (the empty set is "no measure, trade"); nil without --optimise.
        var leastTotalCost: SetRow? = nil
        /// How the solver found the least-cost set (nil: without --optimise, or every subset evaluated exactly).
        var solver: SolverReport? = nil
        /// The answers at each `--price` (nil without).
        var byPrice: [PriceRow]? = nil
        var assumptions: [String]
        var warnings: [String]

        /// Headline numbers by year, for the store (`runs diff`, `runs export`).
        var metrics: [MetricRow] {
            var rows = years.flatMap { y in
                [
                    ("target", y.target), ("gei_baseline", y.geiBaseline), ("gei", y.gei), ("credits", y.credits),
                    ("compliance_cost", y.complianceCost), ("measure_cost", y.measureCost),
                ].map { MetricRow(year: y.year, metric: $0.0, value: $0.1) }
            }
            rows += [
                MetricRow(year: "all", metric: "baseline_npv", value: baselineNpv),
                MetricRow(year: "all", metric: "pathway_npv", value: pathwayNpv),
            ]
            return rows
        }
    }

    func run() throws {
        try reportingErrors {
            let stored = try WorkflowRun.files(
                rules: ruleOptions, reforms: ruleOptions.reform, scenarios: [scenario], measures: measures,
                store: storeOptions.path)
            if let shard {
                emit(try PathwayShard.run(self, shard: shard, files: stored))
                return
            }
            let (output, id) = try WorkflowRun.run(
                kind: .pathway, store: storeOptions, noStore: noStore, files: stored, settings: ruleOptions.set,
                ruleSource: ruleOptions.rules ?? "built-in", scenarioFile: scenario,
                seed: optimise ? seed : nil, iterations: optimise ? iterations : nil, threads: nil
            ) { try compute() }
            emit(storeOptions.printed(document: output.document, report: output.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .workflow(output.results))
        }
    }

    /// What every pathway computation starts from: the rules, the measures, the scenario extended to the horizon.
    struct Prepared {
        var request: RunRequest
        var inputs: LoadedInputs
        var rules: RuleSet
        var plan: PathwayPlan
        var loaded: Scenario
        var end: ComplianceYear
        var base: Scenario
        var first: ComplianceYear
    }

    func prepared() throws -> Prepared {
        let request = try RunRequest.from(
            scenario: scenario, rules: ruleOptions, monteCarlo: nil, keepWorlds: false, store: storeOptions.path)
        let inputs = try request.load()
        let rules = inputs.rules
        var plan = try request.loader.loadMeasures(try SourceFile.read(measures), rules: rules)
        if let discountRate { plan.discountRate = discountRate }
        let loaded = inputs.scenario!
        let end = horizon.flatMap(ComplianceYear.init) ?? plan.horizon ?? loaded.years.last!.year
        let base = Pathway.extend(
            loaded, rules: rules, to: end, annualReduction: plan.annualTargetReduction, trajectory: plan.trajectory,
            growth: plan.growth(into:))
        return Prepared(
            request: request, inputs: inputs, rules: rules, plan: plan, loaded: loaded, end: end, base: base,
            first: base.years[0].year)
    }

    func compute() throws -> WorkflowRun.Output {
        do {
            let prepared = try prepared()
            let (inputs, rules, plan, loaded, end, base) = (
                prepared.inputs, prepared.rules, prepared.plan, prepared.loaded, prepared.end, prepared.base
            )
            let withAll = try Evaluation.applying(plan.measures, to: base, rules: rules)
            let strict = ruleOptions.strict
            func outcome(_ s: Scenario) throws -> ScenarioOutcome {
                try Evaluation.expected(s, rules: rules, strict: strict, tracing: false)
            }
            let baseline = try outcome(base), pathway = try outcome(withAll)
            let first = base.years[0].year
            let lastStated = loaded.years.last!.year
            /// Where a year's target comes from: the rules' notification, the scenario, or the extension.
            func targetSource(_ year: ComplianceYear) -> String {
                guard let known = Targets.target(for: loaded.entity, in: year, rules: rules) else {
                    return plan.trajectory.contains { $0.year == year }
                        ? "trajectory"
                        : "−\(NumberFormat.percent(plan.annualTargetReduction, decimals: 1))/yr"
                }
                return known.provenance == nil ? "scenario" : "rules"
            }
            var years: [YearRow] = []
            for (b, p) in zip(baseline.years, pathway.years) {
                years.append(
                    YearRow(
                        year: p.year.description, target: p.compliance.target, targetSource: targetSource(p.year),
                        geiBaseline: b.compliance.gei, gei: p.compliance.gei, emissions: p.emissions.total,
                        credits: p.compliance.issued - p.compliance.surrenderRequired, price: p.price,
                        complianceCost: p.cost - p.compensation + p.ledger.shortfall * p.price,
                        measureCost: Pathway.measureCost(plan.measures, in: p.year),
                        closingBalance: p.ledger.carried, costLines: CostLines(p, measures: plan.measures)))
            }
            let baselineNpv = Pathway.netPresentCost(baseline, measures: [], rate: plan.discountRate)
            let pathwayNpv = Pathway.netPresentCost(pathway, measures: plan.measures, rate: plan.discountRate)
            var assumptions = [
                "Total net present cost, the one cost of this page: the measures' capex and opex plus the CCC account as ccts run settles it (the scenario's own purchases, offsets and sales at their prices, banking under the rules), with any shortfall bought at the year's price instead of paying compensation (no measure, trade, is always a choice); CCCs still banked after \(end) are valued at that year's price.",
                "Measures: capex in the start year, opex in every active year, discounted at \(NumberFormat.percent(plan.discountRate, decimals: 1)) a year to \(first).",
            ]
            if end > lastStated {
                assumptions.append(
                    "Years after \(lastStated) repeat its activity\(Self.growthWords(plan)); targets the rules and the scenario do not state come from the measures file's "
                        + (plan.trajectory.isEmpty ? "" : "targets trajectory where it gives one, else ")
                        + "target_reduction, \(NumberFormat.percent(plan.annualTargetReduction, decimals: 1)) a year.")
            }
            let mac = try macCurve(plan, base: base, rules: rules, baseline: baseline, outcome: outcome)
            var least: SetRow?, feasible: [SetRow]?, shortfall: Shortfall?, leastTotal: SetRow?
            var solver: SolverReport?
            if optimise {
                let found = try optimum(plan, base: base, rules: rules, first: first)
                (least, feasible, shortfall, leastTotal, solver) = (
                    found.least, found.feasible, found.shortfall, found.leastTotal, found.solver
                )
                if let least {
                    let chosen = try outcome(
                        try Evaluation.applying(
                            plan.measures.filter { least.measures.contains($0.name) }, to: base, rules: rules))
                    for (i, year) in chosen.years.enumerated() { years[i].geiLeastCost = year.compliance.gei }
                }
            }
            let byPrice =
                prices.isEmpty ? nil : try priceRows(plan, base: base, rules: rules, first: first, outcome: outcome)
            let warnings = (baseline.warnings + pathway.warnings).uniqued()
            let document = Document(
                scenario: loaded.name,
                baseline: baseline.baseline.map { Baseline(year: $0.year.description, gei: $0.gei, output: $0.output) },
                discountRate: plan.discountRate, years: years, macCurve: mac,
                baselineNpv: baselineNpv, pathwayNpv: pathwayNpv, leastCost: least, feasibleSets: feasible,
                shortfall: shortfall, leastTotalCost: leastTotal, solver: solver, byPrice: byPrice,
                assumptions: assumptions,
                warnings: warnings.map(\.message))
            let text = try OutputDocument(
                command: "pathway",
                inputs: Inputs(
                    scenario: scenario, measures: measures, horizon: end.description,
                    discountRate: plan.discountRate, optimise: optimise,
                    probability: optimise ? probability : nil, worlds: optimise ? iterations : nil,
                    seed: optimise ? seed : nil, rules: ruleOptions.rules ?? "built-in",
                    reforms: ruleOptions.reform, sets: ruleOptions.set,
                    method: optimise ? (exhaustive || candidatesFile != nil ? "exhaustive" : "solver") : nil,
                    prices: prices),
                results: document, warnings: warnings
            ).encoded()
            return WorkflowRun.Output(
                document: text, results: try WorkflowRun.results(of: Data(text.utf8)), report: render(document),
                scenarioName: loaded.name, metrics: document.metrics, tables: inputs.tables,
                entity: loaded.entity.registration)
        }
    }

    /// The least-cost sets of --optimise: every subset (a merge's candidates, or --exhaustive), or the solver's.
    /// - Parameter base: the scenario the sets are evaluated on; a merge's candidates were evaluated on the
    ///   command's own base, so a base priced otherwise (`--price`) evaluates every subset again.
    func optimum(
        _ plan: PathwayPlan, base: Scenario, rules: RuleSet, first: ComplianceYear, ownBase: Bool = true
    ) throws -> (
        least: SetRow?, feasible: [SetRow], shortfall: Shortfall?, leastTotal: SetRow?, solver: SolverReport?
    ) {
        var all: [SetRow], solver: SolverReport?
        if ownBase, let candidatesFile {
            all = try PathwayShard.read(candidates: candidatesFile, measures: plan.measures.count)
        } else if exhaustive || candidatesFile != nil {
            all = try candidates(plan, base: base, rules: rules, first: first, only: nil).map(\.row)
        } else {
            let found = try solverSearch(plan, base: base, rules: rules, first: first)
            (all, solver) = (found.sets, found.report)
        }
        all.removeAll { $0.excluded == true }
        let (least, feasible, shortfall) = leastCost(all, base: base)
        return (least, feasible, shortfall, all.min { $0.rankingCost < $1.rankingCost }, solver)
    }

    /// Each measure alone against the baseline: mean annual abatement over its active years, and
    /// (annualised capex + opex) per tonne; sorted by cost per tonne, with cumulative abatement.
    func macCurve(
        _ plan: PathwayPlan, base: Scenario, rules: RuleSet, baseline: ScenarioOutcome,
        outcome: (Scenario) throws -> ScenarioOutcome
    ) throws -> [MeasureRow] {
        var rows: [MeasureRow] = []
        for measure in plan.measures {
            let alone = try outcome(try Evaluation.applying([measure], to: base, rules: rules))
            let active = zip(baseline.years, alone.years).filter { measure.isActive(in: $0.0.year) }
            // Tonnes a year: a short compliance period (2025-26's 175 days) whose full-year figures the
            // lifecycle takes pro rata (monitored = "full_year") counts as its share of a year, not as a
            // whole one, so that one measure abates the same a year whichever way the year is monitored.
            let schedule = rules.sector(base.entity.sector)?.schedule(subsector: base.entity.subsector)
            let yearsActive = active.reduce(0.0) { total, pair in
                let proRata = base.years.first { $0.year == pair.0.year }?.monitored == .fullYear
                let share = proRata ? rules.compliance.period(for: pair.0.year, schedule: schedule)?.shareOfYear : nil
                return total + (share ?? 1)
            }
            let abatement =
                active.isEmpty
                ? 0 : active.reduce(0) { $0 + ($1.0.emissions.total - $1.1.emissions.total) } / yearsActive
            let annual = measure.annualisedCapex(rate: plan.discountRate) + measure.opex
            // What a tonne earns or saves: a certificate at the mean price of the measure's active years.
            let price = active.isEmpty ? 0 : active.reduce(0) { $0 + $1.1.price } / Double(active.count)
            let npv =
                Pathway.netPresentCost(alone, measures: [measure], rate: plan.discountRate)
                - Pathway.netPresentCost(baseline, measures: [], rate: plan.discountRate)
            rows.append(
                MeasureRow(
                    name: measure.name, start: measure.start.description, averageAbatement: abatement,
                    annualCost: annual,
                    costPerTonne: abatement > 0 ? annual / abatement : nil, cumulativeAbatement: 0, netPresentCost: npv,
                    netCostPerTonne: abatement > 0 ? annual / abatement - price : nil))
        }
        rows.sort { ($0.costPerTonne ?? .infinity) < ($1.costPerTonne ?? .infinity) }
        var cumulative = 0.0
        for i in rows.indices {
            cumulative += rows[i].averageAbatement
            rows[i].cumulativeAbatement = cumulative
        }
        return rows
    }

    /// Every subset of the measures that keeps their exclusions and prerequisites (or those of one
    /// shard: mask mod N = K), each evaluated exactly on the same worlds. A subset the rules forbid
    /// keeps its place in mask order with probability 0 and no total, so that shards and merges stay aligned.
    func candidates(_ plan: PathwayPlan, base: Scenario, rules: RuleSet, first: ComplianceYear, only shard: ShardSpec?)
        throws -> [(mask: Int, row: SetRow)]
    {
        let count = plan.measures.count
        guard count <= 12 else {
            throw CommandError(
                "--exhaustive evaluates every subset: at most 12 measures (the file has \(count)); "
                    + "without --exhaustive the solver chooses among any number"
            )
        }
        let selection = Self.choiceRules(plan)
        var all: [(mask: Int, row: SetRow)] = []
        for mask in 0..<(1 << count) where shard.map({ mask % $0.count == $0.index }) ?? true {
            let indices = plan.measures.indices.filter { mask & (1 << $0) != 0 }
            guard selection.allows(Set(indices)) else {
                all.append(
                    (
                        mask,
                        SetRow(
                            measures: indices.map { plan.measures[$0].name }, probability: 0, presentCost: 0,
                            probabilityByYear: base.years.map { _ in 0 }, excluded: true)
                    ))
                continue
            }
            all.append((mask, try evaluate(indices, plan: plan, base: base, rules: rules, first: first).row))
        }
        return all
    }

    /// Each world's total net present cost of a candidate set (``Pathway/netPresentCost(_:measures:rate:)``
    /// from the worlds' costs, compensation, shortfalls, prices and closing balances): its mean and standard error.
    static func totalPresentCosts(
        _ results: WorldResults, years: [ComplianceYear], measures: [Measure], rules: RuleSet,
        rate: Double
    ) -> (mean: Double, standardError: Double) {
        let n = results.worlds, first = years[0], last = years.count - 1
        let banking = rules.compliance.banking
        var totals = [Double](repeating: 0, count: n)
        for (y, year) in years.enumerated() {
            let cost = results.series(.cost, year: y), compensation = results.series(.compensation, year: y)
            let shortfall = results.series(.shortfall, year: y), price = results.series(.price, year: y)
            let measureCost = Pathway.measureCost(measures, in: year)
            for w in 0..<n {
                totals[w] += Pathway.yearFlow(
                    cost: cost[w], compensation: compensation[w], shortfall: shortfall[w], price: price[w],
                    measures: measureCost, year: year, first: first, rate: rate)
            }
        }
        let closing = results.series(.closing, year: last), price = results.series(.price, year: last)
        for w in 0..<n {
            let carried = banking.allowed ? Swift.min(closing[w], banking.maximumCarried ?? .infinity) : 0
            totals[w] -= Pathway.presentValue(carried * price[w], year: years[last], first: first, rate: rate)
        }
        let mean = totals.reduce(0, +) / Double(Swift.max(n, 1))
        let variance = totals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(Swift.max(n - 1, 1))
        return (mean, (variance / Double(Swift.max(n, 1))).squareRoot())
    }

    /// Of every candidate set (in mask order): the least total net present cost whose worlds meet
    /// every year's target without buying CCCs with at least `probability`; when none does, the best
    /// probability reached, its binding year, and the cheapest sets at lower ones.
    func leastCost(_ all: [SetRow], base: Scenario) -> (SetRow?, [SetRow], Shortfall?) {
        let cheapestFirst = all.sorted { $0.rankingCost < $1.rankingCost }
        let feasible = cheapestFirst.filter { $0.probability >= probability }
        guard feasible.isEmpty,
            let best = all.max(by: { ($0.probability, -$0.rankingCost) < ($1.probability, -$1.rankingCost) })
        else {
            return (feasible.first, Array(feasible.prefix(5)), nil)
        }
        let binding =
            best.probabilityByYear.indices.min { best.probabilityByYear[$0] < best.probabilityByYear[$1] } ?? 0
        let lower = [0.8, 0.5, 0.2].filter { $0 < probability }.map { q in
            LowerProbability(probability: q, set: cheapestFirst.first { $0.probability >= q })
        }
        return (
            nil, [],
            Shortfall(
                best: best, bindingYear: base.years[binding].year.description,
                bindingProbability: best.probabilityByYear[binding], cheapestAtLowerProbabilities: lower)
        )
    }

    /// How production grows after the scenario's last year, in words (empty without growth).
    static func growthWords(_ plan: PathwayPlan) -> String {
        if !plan.productionGrowthByYear.isEmpty {
            return ", production grown by "
                + plan.productionGrowthByYear.map { "\(NumberFormat.percent($0.rate, decimals: 1)) into \($0.year)" }
                .joined(separator: ", ")
        }
        guard plan.productionGrowth != 0 else { return "" }
        return ", production grown by \(NumberFormat.percent(plan.productionGrowth, decimals: 1)) a year"
    }

    /// A set's costs in words: the total first, the measures' part beside it.
    static func costWords(_ set: SetRow) -> String {
        guard let total = set.totalPresentCost else {
            return "measures' present cost \(NumberFormat.money(set.presentCost))"
        }
        return
            "total net present cost \(NumberFormat.money(total)) ± \(NumberFormat.grouped(set.totalPresentCostStandardError ?? 0)) (s.e.), "
            + "of which measures \(NumberFormat.money(set.presentCost))"
    }

    /// The rows of the cost-lines table (every measure, INR, undiscounted): label, then one value a year.
    static func costLineRows(_ years: [YearRow]) -> [[String]] {
        let lines = years.compactMap(\.costLines)
        guard lines.count == years.count, !years.isEmpty else { return [] }
        let rows: [(String, (CostLines) -> Double)] = [
            ("measures: capex", \.capex), ("measures: opex", \.opex), ("CCCs bought", \.cccsBought),
            ("offsets paid", \.offsets), ("  not counted", \.offsetsNotCounted), ("CCCs sold", \.cccsSold),
            ("net cost", \.net), ("bank, at the price", \.carried),
        ]
        return rows.map { label, value in [label] + lines.map { NumberFormat.grouped(value($0)) } }
    }

    static func costLinesTable(_ years: [YearRow]) -> [String] {
        let rows = costLineRows(years)
        guard !rows.isEmpty else { return [] }
        var table = TextTable(header: [""] + years.map(\.year), rightAligned: Set(1...years.count))
        for row in rows { table.add(row) }
        return [
            "", "Cost with every measure, line by line (INR, undiscounted):", table.render(),
            ("CCCs bought include a shortfall bought at the year's price instead of compensation; offsets paid count "
                + "those the rules do not accept; the bank is what the CCCs carried out of the year are worth at its "
                + "price, not in the net.").wrapped(width: ExplainReport.width, first: "", rest: ""),
        ]
    }

    func render(_ d: Document) -> String {
        var lines = [
            "\(d.scenario): pathway with \(NumberFormat.count(d.macCurve.count, "measure")), discount rate \(NumberFormat.percent(d.discountRate, decimals: 1))"
        ]
        if let baseline = d.baseline { lines.append("Baseline \(baseline.sentence)") }
        lines.append("")
        var table = TextTable(
            header: [
                "year", "target", "from", "GEI baseline", "GEI pathway", "credits", "CCC account INR", "measures INR",
            ],
            rightAligned: [1, 3, 4, 5, 6, 7])
        for y in d.years {
            table.add([
                y.year, String(format: "%.6f", y.target), y.targetSource, String(format: "%.6f", y.geiBaseline),
                String(format: "%.6f", y.gei),
                NumberFormat.grouped(y.credits), NumberFormat.grouped(y.complianceCost),
                NumberFormat.grouped(y.measureCost),
            ])
        }
        lines.append(table.render())
        lines += Self.costLinesTable(d.years)
        lines.append("")
        lines.append(
            ("Total net present cost: every measure \(NumberFormat.money(d.pathwayNpv)), no measure (trade) "
                + "\(NumberFormat.money(d.baselineNpv)), difference \(NumberFormat.money(d.pathwayNpv - d.baselineNpv))")
                .wrapped(width: ExplainReport.width, first: "", rest: "  "))
        lines.append("")
        lines.append("Assumptions:")
        lines += d.assumptions.map { $0.wrapped(width: ExplainReport.width, first: "  - ", rest: "    ") }
        lines.append("")
        lines.append("Marginal abatement cost curve (each measure alone against the baseline):")
        var mac = TextTable(
            header: [
                "measure", "from", "abatement t/yr", "annual cost INR", "INR per t", "net of CCC INR/t",
                "NPV vs none INR",
                "cumulative t/yr",
            ], rightAligned: [2, 3, 4, 5, 6, 7])
        for m in d.macCurve {
            mac.add([
                m.name, m.start, NumberFormat.grouped(m.averageAbatement), NumberFormat.grouped(m.annualCost),
                m.costPerTonne.map { NumberFormat.grouped($0) } ?? "—",
                m.netCostPerTonne.map { NumberFormat.grouped($0) } ?? "—",
                m.netPresentCost.map { NumberFormat.grouped($0) } ?? "—", NumberFormat.grouped(m.cumulativeAbatement),
            ])
        }
        lines.append(mac.render(indent: "  "))
        if optimise {
            lines.append("")
            if let solver = d.solver {
                lines.append(
                    Self.solverWords(solver).wrapped(
                        width: ExplainReport.width, first: "", rest: "  "))
            }
            if let best = d.leastCost {
                lines.append(
                    "Least-cost set meeting every target with probability ≥ \(NumberFormat.percent(probability, decimals: 0)) (\(NumberFormat.grouped(Double(iterations))) worlds):"
                )
                lines.append(
                    ("  \(best.measures.isEmpty ? "(no measure needed)" : best.measures.joined(separator: " + ")) — \(Self.costWords(best)), "
                        + "P = \(NumberFormat.percent(best.probability, decimals: 1))").wrapped(
                            width: ExplainReport.width, first: "", rest: "    "))
            } else if let s = d.shortfall {
                func name(_ set: SetRow) -> String {
                    set.measures.isEmpty ? "(no measure)" : set.measures.joined(separator: " + ")
                }
                lines.append(
                    ("No set of these measures meets every target with probability ≥ \(NumberFormat.percent(probability, decimals: 1)) "
                        + "(\(NumberFormat.grouped(Double(iterations))) worlds). The best reached is \(NumberFormat.percent(s.best.probability, decimals: 1)), by "
                        + "\(name(s.best)) (\(Self.costWords(s.best))); the year that binds is \(s.bindingYear), "
                        + "met in \(NumberFormat.percent(s.bindingProbability, decimals: 1)) of worlds.").wrapped(
                            width: ExplainReport.width, first: "", rest: "  "))
                for lower in s.cheapestAtLowerProbabilities {
                    lines.append(
                        "  at P ≥ \(NumberFormat.percent(lower.probability, decimals: 0)): "
                            + (lower.set.map {
                                "\(name($0)), \(Self.costWords($0)) (P = \(NumberFormat.percent($0.probability, decimals: 1)))"
                            } ?? "no set"))
                }
            }
            if let overall = d.leastTotalCost {
                lines.append(
                    ("Least total net present cost of every set, whatever its probability of meeting the targets: "
                        + "\(overall.measures.isEmpty ? "no measure, buying each year's shortfall" : overall.measures.joined(separator: " + ")) — "
                        + "\(Self.costWords(overall)), P = \(NumberFormat.percent(overall.probability, decimals: 1)).")
                        .wrapped(width: ExplainReport.width, first: "", rest: "  "))
            }
        }
        lines += Self.renderPrices(d.byPrice ?? [], probability: probability, optimise: optimise)
        if !d.warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += d.warnings.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
