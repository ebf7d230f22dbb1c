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

/// `ccts plan SCENARIO`: the procurement plan over the compliance cycle — forwards on dates,
/// offset contracts, the exchange at each surrender, banking — that minimises expected cost,
/// CVaR, or expected cost under a cap on P(compensation).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Choose forward CCC purchases and offset contracts over the compliance cycle that minimise expected cost, "
            + "CVaR, or expected cost under a cap on P(non-compliance).",
        discussion: """
            The scenario states the decisions in its planning section: forwards (year, date, price, maximum, and what\
             is known \
            of the year's need at the date), offset contracts (project, type, vintage, year, price, maximum, delivery),\
             the \
            exchange's liquidity and the value of a surplus at the end. Every plan is costed on the same worlds; the\
             best is \
            compared with three naive plans, each instrument is valued by leaving it out, and prices are moved ±20 %.
            """)

    typealias ObjectiveName = PlanRequest.Objective

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
            ArgumentHelp(
                "expected (least expected cost), cvar (least CVaR), or chance (least expected cost with "
                    + "P(non-compliance) "
                    + "≤ --epsilon).")
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
            ArgumentHelp(
                "Stop drawing worlds once the standard error of the mean total cost without planned purchases falls "
                    + "below "
                    + "this (INR); says whether it was reached.")
    )
    var untilSE: Double?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.") var noStore = false
    @OptionGroup var page: PageOptions
    @OptionGroup var numberFormat: NumberFormatOption

    func validate() throws {
        try page.check(noStore: noStore)
        try worldCount.check("--iterations", minimum: PlanRequest.minimumWorlds)
        guard PlanRequest.levels.contains(level) else { throw ValidationError("--level must be in [0.5, 1)") }
        guard PlanRequest.epsilons.contains(epsilon) else { throw ValidationError("--epsilon must be in [0, 1)") }
        guard steps >= 1 && offsetSteps >= 1 else {
            throw ValidationError("--steps and --offset-steps must be at least 1")
        }
        if let untilSE, !(untilSE > 0) { throw ValidationError("--until-se must be a positive number") }
        if let budget, !PlanRequest.budgets.contains(budget) {
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
    typealias Document = PlanWorkflow.Document

    /// What the options ask the library to compute (``PlanWorkflow``); kept with the run.
    var request: PlanRequest {
        PlanRequest(
            scenario: scenario, rules: ruleOptions.rules, reforms: ruleOptions.reform, sets: ruleOptions.set,
            strict: ruleOptions.strict, lua: ruleOptions.limits, iterations: iterations, seed: seed, threads: threads,
            objective: objective, level: level, epsilon: epsilon, steps: steps, offsetSteps: offsetSteps,
            budget: budget, untilStandardError: untilSE)
    }

    func run() throws {
        try reportingErrors {
            let (output, id) = try Self.computed(
                request, pricesFrom: ruleOptions.pricesFrom, store: storeOptions, noStore: noStore)
            emit(storeOptions.printed(document: output.document, report: output.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .workflow(output.results))
        }
    }

    /// Computes a plan from the files it names, kept in `store` unless `noStore`: what the command
    /// and a server job (`ccts execute`) both do.
    /// - Parameter command: the command line recorded with the run (default: this process's).
    static func computed(
        _ request: PlanRequest, pricesFrom: String?, store: StoreOptions, noStore: Bool, command: [String]? = nil
    ) throws -> (WorkflowRun.Output, Int64?) {
        let stored =
            try WorkflowRun.files(
                rules: request.rules, pricesFrom: pricesFrom, reforms: request.reforms, scenarios: [request.scenario],
                store: store.path) + [try StoredRequest.plan(request)]
        let inputs = try WorkflowInputs.disk(
            request.fileNames, rules: request.rules,
            marketPrices: try pricesFrom.map { try MarketPriceFile.load($0, store: store.path) })
        return try WorkflowRun.run(
            kind: .plan, store: store, noStore: noStore, files: stored, settings: request.sets,
            ruleSource: request.rules ?? "built-in", scenarioFile: request.scenario, seed: request.seed,
            iterations: request.iterations, threads: request.threads, command: command
        ) { try output(PlanWorkflow(request: request, inputs: inputs, limit: Watchdog())) }
    }

    /// `forward 2025-26 on 2025-11-15` → `forward_2025_26_on_2025_11_15`: a name as a store identifier.
    static func identifier(_ name: String) -> String {
        let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.joined(separator: "_")
    }

    /// The plan's document, text and metrics, as the command and a re-run keep them.
    static func output(_ workflow: PlanWorkflow) throws -> WorkflowRun.Output {
        let computed = try workflow.compute()
        let request = workflow.request, document = computed.document
        let text = try OutputDocument(
            command: "plan",
            inputs: Inputs(
                scenario: request.scenario, objective: request.objective.rawValue, level: request.level,
                epsilon: request.epsilon, worlds: request.iterations, seed: request.seed, steps: request.steps,
                offsetSteps: request.offsetSteps, untilSe: request.untilStandardError,
                rules: request.rules ?? "built-in",
                reforms: request.reforms, sets: request.sets, budget: computed.budget),
            results: document, warnings: computed.warnings
        ).encoded()
        let year = document.years.last ?? "all"
        // metric ids in snake_case, as everywhere in the store: buy_nothing.mean_cost,
        // best.forward_2025_26_on_2025_11_15
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
            metrics += zip(document.variables, best.decisions).map {
                MetricRow(year: year, metric: "best.\(identifier($0.name))", value: $1)
            }
        }
        return WorkflowRun.Output(
            document: text, results: try WorkflowRun.results(of: Data(text.utf8)),
            report: PlanReport(
                document: document, objective: request.objective.rawValue, level: request.level,
                epsilon: request.epsilon
            ).render(),
            scenarioName: document.scenario, metrics: metrics, tables: computed.tables, entity: computed.entity)
    }
}

extension PlanRequest.Objective: ExpressibleByArgument {}
