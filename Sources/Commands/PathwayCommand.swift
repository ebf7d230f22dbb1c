import ArgumentParser
import CCTS
import CommandSupport
import Foundation
import Loading
import Reports
import RunStore
import Simulation
import Workflows
import Requests

/// `ccts pathway SCENARIO --measures FILE`: a reduction pathway year by year, each measure's
/// abatement and cost per tonne, the marginal abatement cost curve, NPV, and the least-cost set
/// of measures that meets every target with a stated probability.
struct PathwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway",
        abstract:
            "Run a reduction pathway: GEI against target year by year, measure costs per tonne, MAC curve, NPV, "
            + "least-cost set of measures."
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
            "With --optimise: evaluate only shard K of N (0-based) of the candidate sets, into this store; `ccts "
                + "merge` joins the shards.",
            valueName: "K/N"))
    var shard: ShardSpec?

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
        try worldCount.check("--iterations", minimum: PathwayRequest.minimumWorlds)
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

    typealias Document = PathwayWorkflow.Document
    typealias YearRow = PathwayWorkflow.YearRow
    typealias CostLines = PathwayWorkflow.CostLines
    typealias SetRow = PathwayWorkflow.SetRow
    typealias SolverReport = PathwayWorkflow.SolverReport
    typealias PriceRow = PathwayWorkflow.PriceRow

    /// What the options ask the library to compute (``PathwayWorkflow``); kept with the run.
    var request: PathwayRequest {
        PathwayRequest(
            scenario: scenario, measures: measures, horizon: horizon, discountRate: discountRate, optimise: optimise,
            exhaustive: exhaustive, prices: prices, probability: probability, iterations: iterations, seed: seed,
            rules: ruleOptions.rules, reforms: ruleOptions.reform, sets: ruleOptions.set, strict: ruleOptions.strict,
            lua: ruleOptions.limits, shard: shard)
    }

    /// The request's files from disk, the `--prices-from` prices from the store.
    func inputs() throws -> WorkflowInputs {
        try WorkflowInputs.disk(
            request.fileNames, rules: ruleOptions.rules,
            marketPrices: try ruleOptions.marketPrices(store: storeOptions.path))
    }

    func run() throws {
        try reportingErrors {
            var kept = request
            // every shard keeps the whole search's request (the shard is its own row)
            kept.shard = nil
            if let shard {
                let stored = try Self.storedFiles(kept, pricesFrom: ruleOptions.pricesFrom, store: storeOptions.path)
                emit(try PathwayShard.run(self, shard: shard, files: stored))
                return
            }
            let (output, id) = try Self.computed(
                request, pricesFrom: ruleOptions.pricesFrom, store: storeOptions, noStore: noStore)
            emit(storeOptions.printed(document: output.document, report: output.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .workflow(output.results))
        }
    }

    /// The files a pathway keeps: its texts, a `--prices-from` market's prices, its request.
    static func storedFiles(_ request: PathwayRequest, pricesFrom: String?, store: String) throws -> [StoredFile] {
        try WorkflowRun.files(
            rules: request.rules, pricesFrom: pricesFrom, reforms: request.reforms, scenarios: [request.scenario],
            measures: request.measures, store: store) + [try StoredRequest.pathway(request)]
    }

    /// Computes a whole pathway (no shard) from the files it names, kept in `store` unless `noStore`:
    /// what the command and a server job (`ccts execute`) both do.
    /// - Parameter command: the command line recorded with the run (default: this process's).
    static func computed(
        _ request: PathwayRequest, pricesFrom: String?, store: StoreOptions, noStore: Bool, command: [String]? = nil
    ) throws -> (WorkflowRun.Output, Int64?) {
        let inputs = try WorkflowInputs.disk(
            request.fileNames, rules: request.rules,
            marketPrices: try pricesFrom.map { try MarketPriceFile.load($0, store: store.path) })
        return try WorkflowRun.run(
            kind: .pathway, store: store, noStore: noStore,
            files: try storedFiles(request, pricesFrom: pricesFrom, store: store.path), settings: request.sets,
            ruleSource: request.rules ?? "built-in", scenarioFile: request.scenario,
            seed: request.optimise ? request.seed : nil, iterations: request.optimise ? request.iterations : nil,
            threads: nil, command: command
        ) { try output(PathwayWorkflow(request: request, inputs: inputs, limit: Watchdog())) }
    }

    /// The pathway's document, text and metrics, as the command, a re-run and a merge keep them.
    static func output(_ workflow: PathwayWorkflow) throws -> WorkflowRun.Output {
        let computed = try workflow.compute()
        let request = workflow.request, document = computed.document
        let optimise = request.optimise
        let text = try OutputDocument(
            command: "pathway",
            inputs: Inputs(
                scenario: request.scenario, measures: request.measures, horizon: computed.horizon.description,
                discountRate: document.discountRate, optimise: optimise,
                probability: optimise ? request.probability : nil, worlds: optimise ? request.iterations : nil,
                seed: optimise ? request.seed : nil, rules: request.rules ?? "built-in",
                reforms: request.reforms, sets: request.sets, method: computed.method, prices: request.prices),
            results: document, warnings: computed.warnings
        ).encoded()
        return WorkflowRun.Output(
            document: text, results: try WorkflowRun.results(of: Data(text.utf8)),
            report: render(document, request: request), scenarioName: document.scenario, metrics: document.metrics,
            tables: computed.tables, entity: computed.entity)
    }

    static func costLinesTable(_ years: [YearRow]) -> [String] {
        let rows = PathwayWords.costLineRows(years)
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

    /// The pathway as text: its years, the MAC curve, with `optimise` the sets, at each price the answers.
    // Long: the text page's blocks in reading order, a few lines each.
    static func render(_ d: Document, request: PathwayRequest) -> String {
        let (optimise, probability, iterations) = (request.optimise, request.probability, request.iterations)
        let costWords = PathwayWords.costWords
        var lines = [
            "\(d.scenario): pathway with \(NumberFormat.count(d.macCurve.count, "measure")), discount rate "
                + "\(NumberFormat.percent(d.discountRate, decimals: 1))"
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
                + "\(NumberFormat.money(d.baselineNpv)), difference "
                + "\(NumberFormat.money(d.pathwayNpv - d.baselineNpv))")
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
                    PathwayWords.solverWords(solver).wrapped(
                        width: ExplainReport.width, first: "", rest: "  "))
            }
            if let best = d.leastCost {
                lines.append(
                    "Least-cost set meeting every target with probability ≥ "
                        + "\(NumberFormat.percent(probability, decimals: 0)) "
                        + "(\(NumberFormat.grouped(Double(iterations))) worlds):"
                )
                lines.append(
                    ("  \(best.measures.isEmpty ? "(no measure needed)" : best.measures.joined(separator: " + ")) — "
                        + "\(costWords(best)), "
                        + "P = \(NumberFormat.percent(best.probability, decimals: 1))").wrapped(
                            width: ExplainReport.width, first: "", rest: "    "))
            } else if let s = d.shortfall {
                func name(_ set: SetRow) -> String {
                    set.measures.isEmpty ? "(no measure)" : set.measures.joined(separator: " + ")
                }
                lines.append(
                    ("No set of these measures meets every target with probability ≥ "
                        + "\(NumberFormat.percent(probability, decimals: 1)) "
                        + "(\(NumberFormat.grouped(Double(iterations))) worlds). The best reached is "
                        + "\(NumberFormat.percent(s.best.probability, decimals: 1)), by "
                        + "\(name(s.best)) (\(costWords(s.best))); the year that binds is \(s.bindingYear), "
                        + "met in \(NumberFormat.percent(s.bindingProbability, decimals: 1)) of worlds.").wrapped(
                            width: ExplainReport.width, first: "", rest: "  "))
                for lower in s.cheapestAtLowerProbabilities {
                    lines.append(
                        "  at P ≥ \(NumberFormat.percent(lower.probability, decimals: 0)): "
                            + (lower.set.map {
                                "\(name($0)), \(costWords($0)) (P = "
                                    + "\(NumberFormat.percent($0.probability, decimals: 1)))"
                            } ?? "no set"))
                }
            }
            if let overall = d.leastTotalCost {
                let chosen =
                    overall.measures.isEmpty
                    ? "no measure, buying each year's shortfall" : overall.measures.joined(separator: " + ")
                lines.append(
                    ("Least total net present cost of every set, whatever its probability of meeting the targets: "
                        + "\(chosen) — "
                        + "\(costWords(overall)), P = \(NumberFormat.percent(overall.probability, decimals: 1)).")
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

extension PathwayWorkflow.Document {
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
