import ArgumentParser
import CCTS
import CommandSupport
import Foundation
import Loading
import Reports
import RunStore
import Simulation

/// `ccts plan SCENARIO`: the procurement plan over the compliance cycle — forwards on dates,
/// offset contracts, the exchange at each surrender, banking — that minimises expected cost,
/// CVaR, or expected cost under a cap on P(compensation).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Choose forward CCC purchases and offset contracts over the compliance cycle that minimise expected cost, CVaR, or expected cost under a cap on P(non-compliance).",
        discussion: """
            The scenario states the decisions in its planning section: forwards (year, date, price, maximum, and what is known \
            of the year's need at the date), offset contracts (project, type, vintage, year, price, maximum, delivery), the \
            exchange's liquidity and the value of a surplus at the end. Every plan is costed on the same worlds; the best is \
            compared with three naive plans, each instrument is valued by leaving it out, and prices are moved ±20 %.
            """)

    enum ObjectiveName: String, ExpressibleByArgument, CaseIterable { case expected, cvar, chance }

    @Argument(help: ArgumentHelp("Scenario file with a planning section.", valueName: "scenario"))
    var scenario: String

    @OptionGroup var ruleOptions: RuleOptions

    @Option(
        name: .customLong("iterations"), parsing: .unconditional, help: "Worlds to cost each candidate on (20000, 20k)."
    )
    var worldCount = WorldCount(20_000)
    var iterations: Int { worldCount.value }
    @Option(name: .long, parsing: .unconditional, help: "Seed of the worlds (a whole number, 0 or more).") var seed:
        UInt64 = 1
    @Option(name: .long, help: "Worker threads.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(
        name: .long,
        help:
            "expected (least expected cost), cvar (least CVaR), or chance (least expected cost with P(non-compliance) ≤ --epsilon)."
    )
    var objective: ObjectiveName = .expected
    @Option(name: .long, help: "CVaR level.") var level = 0.95
    @Option(name: .long, help: "Largest acceptable P(non-compliance) for --objective chance.") var epsilon = 0.05
    @Option(name: .long, help: "Grid steps for the forward purchase.") var steps = 40
    @Option(name: .customLong("offset-steps"), help: "Grid steps for the offset contract.") var offsetSteps = 10
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The most the plan may spend on forwards and offsets in any world, INR "
                + "(replaces the planning section's budget).",
            valueName: "INR"))
    var budget: Double?
    @Option(
        name: .customLong("until-se"),
        help:
            "Stop drawing worlds once the standard error of the mean total cost without planned purchases falls below this (INR); says whether it was reached."
    )
    var untilSE: Double?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.") var noStore = false
    @OptionGroup var page: PageOptions
    @OptionGroup var numberFormat: NumberFormatOption

    func validate() throws {
        try page.check(noStore: noStore)
        try worldCount.check("--iterations", minimum: 100)
        guard (0.5..<1).contains(level) else { throw ValidationError("--level must be in [0.5, 1)") }
        guard (0..<1).contains(epsilon) else { throw ValidationError("--epsilon must be in [0, 1)") }
        guard steps >= 1 && offsetSteps >= 1 else {
            throw ValidationError("--steps and --offset-steps must be at least 1")
        }
        if let untilSE, !(untilSE > 0) { throw ValidationError("--until-se must be a positive number") }
        if let budget, !(budget >= 0 && budget <= 1e15) {
            throw ValidationError("--budget \(budget.shown): expected INR from 0 to 1e15")
        }
    }

    /// What a plan run was asked (its `--json` inputs).
    struct Inputs: Encodable {
        var scenario: String, objective: String, level: Double, epsilon: Double, worlds: Int, seed: UInt64, steps: Int,
            offsetSteps: Int
        var untilSe: Double?, rules: String, reforms: [String], sets: [String]
        /// The budget in force (--budget, else the planning section's; nil: none).
        var budget: Double?
    }
    struct Instrument: Codable {
        var name: String, decision: String, value: Double, meanQuantity: Double, price: Double
    }
    struct Comparison: Codable { var plan: String, candidate: ProcurementCandidate }
    /// What an instrument is worth: the best plan without it against the recommended one, in the
    /// objective's own terms (`measure`: "mean cost" or "CVaR 95 % of the cost"); `meanCostWithout`
    /// is the mean cost without it whatever the objective.
    struct InstrumentValue: Codable {
        var instrument: String, meanCostWithout: Double, value: Double, feasibleWithout: Bool
        /// nil in runs stored before values were measured in the objective's terms (then: mean cost).
        var measure: String?, objectiveWithout: Double?
    }
    struct Sensitivity: Codable {
        var change: String, decisions: [Double], meanCost: Double
        /// nil in runs stored before these were kept.
        var probabilityOfNonCompliance: Double?, costCvar: Double?
    }
    /// One purchase decision swept over its grid with the others at the recommended plan.
    struct Profile: Codable {
        var instrument: String
        /// The mean CCCs the recommended plan buys or contracts with this instrument.
        var chosenQuantity: Double
        var points: [ProfilePoint]
    }
    struct ProfilePoint: Codable {
        var decision: Double, meanQuantity: Double, meanCost: Double, costCvar: Double,
            probabilityOfNonCompliance: Double
    }
    struct Document: Codable {
        var scenario: String
        var years: [String]
        var objective: String
        var worlds: Int
        var seed: UInt64
        var method: String
        var evaluations: Int
        var sweeps: Int
        var variables: [ProcurementVariable]
        /// nil when no plan meets the chance constraint.
        var best: ProcurementCandidate?
        var instruments: [Instrument]
        var withoutPurchases: ProcurementCandidate
        var naive: [Comparison]
        var instrumentValues: [InstrumentValue]
        /// INR of expected cost per unit of P(compensation) allowed, at ε (chance objective only).
        var shadowPrice: Double?
        var priceSensitivity: [Sensitivity]
        /// Mean cost and CVaR against the quantity each purchase instrument buys (the report's chart).
        var profiles: [Profile]
        var candidates: [ProcurementCandidate]
        var notes: [String]
        var stopping: StoppingRule?
        /// What to know before trusting the recommendation, said first (``PlanAnalysis/cautions(best:feasible:epsilon:method:)``).
        var cautions: [String]?
        /// The recommended plan's dated cash flows and holdings (nil without a plan, and in runs stored before).
        var timeline: [TimelineRow]? = nil
        /// A proven lower bound on the objective over the first worlds, against the plan's own value there
        /// (nil under a chance limit, with a Lua compensation function, or in runs stored before).
        var bound: PlanAnalysis.Bound? = nil
    }

    func run() throws {
        try reportingErrors {
            let stored = try WorkflowRun.files(
                rules: ruleOptions, reforms: ruleOptions.reform, scenarios: [scenario], store: storeOptions.path)
            let (output, id) = try WorkflowRun.run(
                kind: .plan, store: storeOptions, noStore: noStore, files: stored, settings: ruleOptions.set,
                ruleSource: ruleOptions.rules ?? "built-in", scenarioFile: scenario,
                seed: seed, iterations: iterations, threads: threads
            ) { try compute() }
            emit(storeOptions.printed(document: output.document, report: output.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .workflow(output.results))
        }
    }

    /// `forward 2025-26 on 2025-11-15` → `forward_2025_26_on_2025_11_15`: a name as a store identifier.
    static func identifier(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.joined(separator: "_")
    }

    var goal: ProcurementSearch.Objective {
        switch objective {
        case .expected: return .expectedCost
        case .cvar: return .conditionalValueAtRisk(level: level)
        case .chance: return .chanceConstrained(epsilon: epsilon)
        }
    }

    func compute() throws -> WorkflowRun.Output {
        do {
            let request = try RunRequest.from(
                scenario: scenario, rules: ruleOptions, monteCarlo: nil, keepWorlds: false, store: storeOptions.path)
            let session = try MonteCarloSession(
                load: request.load(tables:), strict: ruleOptions.strict, threads: threads, factorUncertainty: false)
            let loaded = session.scenario, rules = session.inputs.rules
            guard var plan = loaded.planning else {
                throw CommandError(
                    "\(scenario): has no planning section; add planning = { forwards = { { year = \"2025-26\", price = 2300, max = 50000 } }, offsets = { { project = \"RE-1\", type = \"renewable_energy\", vintage = \"2025-26\", year = \"2025-26\", price = 1400, delivered = beta(8, 2), max = 20000 } }, spot = { liquidity = beta(2, 2) } }"
                )
            }
            if let budget { plan.budget = budget }
            let results = try MonteCarlo.run(
                plans: session.plans,
                options: MonteCarloOptions(
                    iterations: iterations, seed: seed, threads: threads,
                    untilStandardError: untilSE))
            // A compensation rule function is called in the Lua state of each thread's plan.
            let worlds = ProcurementWorlds(
                results: results, plan: plan, rules: rules, openingBalance: loaded.openingBalance,
                compensation: RuleFunctionLanes(session.plans.compactMap(\.compensationFunction)), seed: seed)
            let analysis = PlanAnalysis(
                plan: plan, worlds: worlds, objective: goal, level: level, forwardSteps: steps, offsetSteps: offsetSteps
            )
            // The linear programme's answer is where the exact search starts (and its optimum the bound).
            let relaxation = try analysis.relaxation()
            var search = try ProcurementSearch.search(
                plan, worlds, objective: goal, forwardSteps: steps, offsetSteps: offsetSteps,
                start: relaxation?.start)
            // A plan without an instrument is a plan with it at zero: the best of every search is the recommendation
            // (coordinate search finds a local optimum; these are further starts).
            let without = try analysis.withoutEach(start: search.best.decisions)
            for other in without where ProcurementSearch.better(other.best, than: search.best, goal) {
                search.best = try analysis.cost(other.best.decisions)
                search.feasible = other.feasible
            }
            var notes: [Warning] = []
            // Contracts the rules refuse are left out of the search, and said first.
            let ineligible = zip(plan.offsets, worlds.eligible).filter { !$0.1 }.map { contract, _ in
                let why =
                    contract.type.flatMap { t in
                        contract.vintage.flatMap {
                            rules.compliance.offsets.ineligibility(type: t, vintage: $0, year: contract.year)
                        }
                    } ?? ""
                return Warning(.offsetNotEligible, "offsets \(contract.project) left out of the search: \(why)")
            }
            if loaded.years.contains(where: { !$0.purchases.isEmpty || !$0.sales.isEmpty || !$0.offsets.isEmpty }) {
                notes.append(
                    Warning(.leftOut, "the scenario's own trades and offsets are left out: the plan decides them"))
            }
            let bound = search.feasible ? try analysis.bound(best: search.best, relaxation: relaxation) : nil
            let cautions =
                try ineligible
                + analysis.cautions(
                    best: search.best, feasible: search.feasible, epsilon: epsilon, method: search.method,
                    bound: bound, programmeStart: relaxation != nil)
            let document = Document(
                scenario: loaded.name, years: worlds.years.map(\.description), objective: objective.rawValue,
                worlds: results.worlds, seed: seed, method: search.method, evaluations: search.evaluations,
                sweeps: search.sweeps, variables: analysis.variables, best: search.feasible ? search.best : nil,
                instruments: analysis.instruments(search.best), withoutPurchases: try analysis.nothing,
                naive: try analysis.naive,
                instrumentValues: analysis.instrumentValues(best: search.best, without: without),
                shadowPrice: try analysis.shadowPrice(epsilon: epsilon, start: search.best.decisions),
                priceSensitivity: try analysis.priceSensitivity(best: search.best.decisions),
                profiles: try analysis.profiles(around: search.best),
                candidates: search.candidates, notes: notes.map(\.message), stopping: results.stopping,
                cautions: cautions.map(\.message),
                timeline: search.feasible
                    ? Self.timeline(
                        plan: plan, worlds: worlds, best: search.best, deadline: rules.compliance.surrenderDeadline)
                    : nil, bound: bound)
            let stopped = results.stopping?.warning.map { [$0] } ?? []
            let text = try OutputDocument(
                command: "plan",
                inputs: Inputs(
                    scenario: scenario, objective: objective.rawValue, level: level,
                    epsilon: epsilon, worlds: iterations, seed: seed, steps: steps,
                    offsetSteps: offsetSteps, untilSe: untilSE, rules: ruleOptions.rules ?? "built-in",
                    reforms: ruleOptions.reform, sets: ruleOptions.set, budget: plan.budget),
                results: document, warnings: cautions + notes + stopped
            ).encoded()
            let year = worlds.years.last!.description
            // metric ids in snake_case, as everywhere in the store: buy_nothing.mean_cost, best.forward_2025_26_on_2025_11_15
            var metrics = [
                MetricRow(year: "all", metric: "buy_nothing.mean_cost", value: document.withoutPurchases.meanCost),
                MetricRow(
                    year: "all", metric: "buy_nothing.p_noncompliance",
                    value: document.withoutPurchases.probabilityOfNonCompliance),
            ]
            if let best = document.best {
                metrics += [
                    ("mean_cost", best.meanCost), ("cost_cvar", best.costCvar),
                    ("p_noncompliance", best.probabilityOfNonCompliance),
                ]
                .map { MetricRow(year: "all", metric: "best.\($0.0)", value: $0.1) }
                metrics += zip(analysis.variables, best.decisions).map {
                    MetricRow(year: year, metric: "best.\(Self.identifier($0.name))", value: $1)
                }
            }
            return WorkflowRun.Output(
                document: text, results: try WorkflowRun.results(of: Data(text.utf8)),
                report: PlanReport(document: document, objective: objective.rawValue, level: level, epsilon: epsilon)
                    .render(),
                scenarioName: loaded.name, metrics: metrics, tables: session.inputs.tables,
                entity: loaded.entity.registration)
        }
    }
}
