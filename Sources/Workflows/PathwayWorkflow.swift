import CCTS
import Foundation
import Loading
import Optimisation
import Simulation
import Requests

/// `pathway` as a library: a reduction pathway year by year against the targets, each measure's
/// abatement and cost per tonne (the MAC curve), net present costs, the least-cost set of measures
/// meeting every target with a stated probability, and the answers at stated prices. The command
/// line, a re-run and a merge of shards all compute through it.
public struct PathwayWorkflow {
    public var request: PathwayRequest
    public var inputs: WorkflowInputs
    /// Every candidate set already evaluated, in mask order (a merge's), instead of evaluating them.
    public var candidates: [SetRow]?
    public var limit: any LoadTimeLimit
    /// Worlds of a set's evaluation held in memory at once (its world table: 65,536 worlds of five
    /// years take 24 MB); what the set keeps of every world — its credits and total — is beside it.
    /// The numbers do not depend on it.
    public var partWorlds = 65_536

    public init(
        request: PathwayRequest, inputs: WorkflowInputs, candidates: [SetRow]? = nil,
        limit: any LoadTimeLimit = NoLoadTimeLimit()
    ) {
        self.request = request
        self.inputs = inputs
        self.candidates = candidates
        self.limit = limit
    }

    var optimise: Bool { request.optimise }
    var exhaustive: Bool { request.exhaustive }
    var probability: Double { request.probability }
    var iterations: Int { request.iterations }
    var seed: UInt64 { request.seed }
    var prices: [Double] { request.prices }

    /// What a pathway computes, with what the command's document says of how.
    public struct Computed {
        public var document: Document
        /// The last year the pathway runs to.
        public var horizon: ComplianceYear
        /// How `optimise` searched: "solver" or "exhaustive" (nil without).
        public var method: String?
        /// The CSV and Excel tables the scenario read.
        public var tables: [(name: String, bytes: Data)]
        public var entity: String
        /// The warnings the document lists, with their codes.
        public var warnings: [Warning]
    }

    /// What every pathway computation starts from: the rules, the measures, the scenario extended to the horizon.
    public struct Prepared {
        public var inputs: LoadedInputs
        public var rules: RuleSet
        public var plan: PathwayPlan
        public var loaded: Scenario
        public var end: ComplianceYear
        public var base: Scenario
        public var first: ComplianceYear
    }

    public func prepared() throws -> Prepared {
        var loader = Loader(sets: request.sets, budget: request.lua.budget)
        loader.tables = inputs.tables
        loader.marketPrices = inputs.marketPrices
        let scenario = try inputs.file(request.scenario)
        let reforms = try request.reforms.map(inputs.file)
        let loadedInputs = try limit.limit(seconds: request.lua.seconds, what: request.scenario) {
            try loader.load(scenario: scenario, ruleFiles: inputs.ruleFiles, reformFiles: reforms)
        }
        let rules = loadedInputs.rules
        var plan = try loader.loadMeasures(try inputs.file(request.measures), rules: rules)
        if let discountRate = request.discountRate { plan.discountRate = discountRate }
        let loaded = loadedInputs.scenario!
        let end = request.horizon.flatMap(ComplianceYear.init) ?? plan.horizon ?? loaded.years.last!.year
        let base = Pathway.extend(
            loaded, rules: rules, to: end, annualReduction: plan.annualTargetReduction, trajectory: plan.trajectory,
            growth: plan.growth(into:))
        return Prepared(
            inputs: loadedInputs, rules: rules, plan: plan, loaded: loaded, end: end, base: base,
            first: base.years[0].year)
    }

    /// The pathway: every year with and without the measures, each measure alone, and with
    /// `optimise` the least-cost sets; at each `--price` the same answers again.
    public func compute() throws -> Computed {
        do {
            let prepared = try prepared()
            let (inputs, rules, plan, loaded, end, base) = (
                prepared.inputs, prepared.rules, prepared.plan, prepared.loaded, prepared.end, prepared.base
            )
            let withAll = try Evaluation.applying(plan.measures, to: base, rules: rules)
            let strict = request.strict
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
            let assumptions = Self.assumptions(plan, first: first, end: end, lastStated: lastStated)
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
            return Computed(
                document: document, horizon: end,
                method: optimise ? (exhaustive || candidates != nil ? "exhaustive" : "solver") : nil,
                tables: inputs.tables, entity: loaded.entity.registration, warnings: warnings)
        }
    }

    /// What the pathway's costs assume, in words: the one cost of the page, the discounting, and the
    /// years the measures file extends the scenario with.
    static func assumptions(_ plan: PathwayPlan, first: ComplianceYear, end: ComplianceYear, lastStated: ComplianceYear)
        -> [String]
    {
        var assumptions = [
            "Total net present cost, the one cost of this page: the measures' capex and opex plus the CCC account "
                + "as ccts run settles it (the scenario's own purchases, offsets and sales at their prices, "
                + "banking under the rules), with any shortfall bought at the year's price instead of paying "
                + "compensation (no measure, trade, is always a choice); CCCs still banked after \(end) "
                + "are valued at that year's price.",
            "Measures: capex in the start year, opex in every active year, discounted at "
                + "\(NumberFormat.percent(plan.discountRate, decimals: 1)) a year to \(first).",
        ]
        if end > lastStated {
            assumptions.append(
                "Years after \(lastStated) repeat its activity\(Self.growthWords(plan)); targets the rules and the "
                    + "scenario do not state come from the measures file's "
                    + (plan.trajectory.isEmpty ? "" : "targets trajectory where it gives one, else ")
                    + "target_reduction, \(NumberFormat.percent(plan.annualTargetReduction, decimals: 1)) a year.")
        }
        return assumptions
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
        if ownBase, let candidates {
            guard candidates.count == 1 << plan.measures.count else {
                throw WorkflowError(
                    "the candidate sets given (\(candidates.count)) do not match the measures file's "
                        + "\(plan.measures.count) measures")
            }
            all = candidates
        } else if exhaustive || candidates != nil {
            all = try candidateSets(plan, base: base, rules: rules, first: first, only: nil).map(\.row)
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
    public func candidateSets(
        _ plan: PathwayPlan, base: Scenario, rules: RuleSet, first: ComplianceYear, only shard: ShardSpec?
    )
        throws -> [(mask: Int, row: SetRow)]
    {
        let count = plan.measures.count
        guard count <= 12 else {
            throw WorkflowError(
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

    /// Adds each world's total net present cost to `totals` (world `w` of `results` at `offset + w`):
    /// every year's flow as ``Pathway/yearFlow(cost:compensation:shortfall:price:measures:year:first:rate:)``
    /// gives it, less the CCCs carried out of the last year at its price.
    static func addTotalPresentCosts(
        _ results: WorldResults, into totals: inout [Double], offset: Int, years: [ComplianceYear],
        measures: [Measure], rules: RuleSet, rate: Double
    ) {
        let n = results.worlds, first = years[0], last = years.count - 1
        let banking = rules.compliance.banking
        for (y, year) in years.enumerated() {
            let cost = results.series(.cost, year: y), compensation = results.series(.compensation, year: y)
            let shortfall = results.series(.shortfall, year: y), price = results.series(.price, year: y)
            let measureCost = Pathway.measureCost(measures, in: year)
            for w in 0..<n {
                totals[offset + w] += Pathway.yearFlow(
                    cost: cost[w], compensation: compensation[w], shortfall: shortfall[w], price: price[w],
                    measures: measureCost, year: year, first: first, rate: rate)
            }
        }
        let closing = results.series(.closing, year: last), price = results.series(.price, year: last)
        for w in 0..<n {
            let carried = banking.allowed ? Swift.min(closing[w], banking.maximumCarried ?? .infinity) : 0
            totals[offset + w] -= Pathway.presentValue(carried * price[w], year: years[last], first: first, rate: rate)
        }
    }

    /// The mean of the worlds' totals and its standard error (the sum in world order, then the squares).
    static func meanAndStandardError(_ totals: [Double]) -> (mean: Double, standardError: Double) {
        let n = totals.count
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
    public static func growthWords(_ plan: PathwayPlan) -> String {
        if !plan.productionGrowthByYear.isEmpty {
            return ", production grown by "
                + plan.productionGrowthByYear.map { "\(NumberFormat.percent($0.rate, decimals: 1)) into \($0.year)" }
                .joined(separator: ", ")
        }
        guard plan.productionGrowth != 0 else { return "" }
        return ", production grown by \(NumberFormat.percent(plan.productionGrowth, decimals: 1)) a year"
    }
}
