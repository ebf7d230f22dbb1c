import CCTS
import Foundation
import Loading
import Simulation
import Planning
import Requests

/// `plan` as a library: the procurement plan over the compliance cycle — forwards on dates, offset
/// contracts, the exchange at each surrender, banking — that minimises the request's objective,
/// costed on common worlds, compared with buying nothing and three naive plans, each instrument
/// valued by leaving it out, prices moved ±20 %, and what to know before trusting it.
public struct PlanWorkflow {
    public var request: PlanRequest
    public var inputs: WorkflowInputs
    public var limit: any LoadTimeLimit

    public init(request: PlanRequest, inputs: WorkflowInputs, limit: any LoadTimeLimit = NoLoadTimeLimit()) {
        self.request = request
        self.inputs = inputs
        self.limit = limit
    }

    /// What a plan computes, with the warnings its document lists (cautions first).
    public struct Computed {
        public var document: Document
        public var warnings: [Warning]
        /// The budget in force (the request's, else the planning section's; nil: none).
        public var budget: Double?
        /// The CSV and Excel tables the scenario read.
        public var tables: [(name: String, bytes: Data)]
        public var entity: String
    }

    /// Loads the request's scenario (once per further thread when its rules call Lua functions).
    func load(tables: TableFiles.Source?) throws -> LoadedInputs {
        var loader = Loader(sets: request.sets, budget: request.lua.budget)
        loader.tables = tables ?? inputs.tables
        loader.marketPrices = inputs.marketPrices
        let scenario = try inputs.file(request.scenario), reforms = try request.reforms.map(inputs.file)
        return try limit.limit(seconds: request.lua.seconds, what: request.scenario) {
            try loader.load(scenario: scenario, ruleFiles: inputs.ruleFiles, reformFiles: reforms)
        }
    }

    /// The scenario's worlds as the plan meets them: run once (no planned purchase), then each year's
    /// credits and price copied out with the planning draws; the world table is freed on return.
    static func worlds(
        _ session: MonteCarloSession, plan: ProcurementPlan, rules: RuleSet, iterations: Int, seed: UInt64,
        threads: Int, untilStandardError: Double?
    ) throws -> (worlds: ProcurementWorlds, count: Int, stopping: StoppingRule?) {
        let results = try MonteCarlo.run(
            plans: session.plans,
            options: MonteCarloOptions(
                iterations: iterations, seed: seed, threads: threads, untilStandardError: untilStandardError))
        // A compensation rule function is called in the Lua state of each thread's plan.
        let worlds = ProcurementWorlds(
            results: results, plan: plan, rules: rules, openingBalance: session.scenario.openingBalance,
            compensation: RuleFunctionLanes(session.plans.compactMap(\.compensationFunction)), seed: seed)
        return (worlds, results.worlds, results.stopping)
    }

    public func compute() throws -> Computed {
        let (scenario, seed, threads, iterations) = (
            request.scenario, request.seed, request.threads, request.iterations
        )
        let (goal, level, epsilon, steps, offsetSteps) = (
            request.goal, request.level, request.epsilon, request.steps, request.offsetSteps
        )
        do {
            let session = try MonteCarloSession(
                load: load(tables:), strict: request.strict, threads: threads, factorUncertainty: false)
            let loaded = session.scenario, rules = session.inputs.rules
            guard var plan = loaded.planning else {
                throw WorkflowError(
                    "\(scenario): has no planning section; add planning = { forwards = { { year = \"2025-26\", price = "
                        + "2300, max = 50000 } }, offsets = { { project = \"RE-1\", type = \"renewable_energy\", "
                        + "vintage = \"2025-26\", year = \"2025-26\", price = 1400, delivered = beta(8, 2), max = "
                        + "20000 } }, spot = { liquidity = beta(2, 2) } }"
                )
            }
            if let budget = request.budget { plan.budget = budget }
            // The world table is read once, into the plan's worlds, and freed before the search (at 10⁶ worlds
            // of the shipped plan, 152 MB the search does not need): only its count and stopping rule are kept.
            let (worlds, worldCount, stopping) = try Self.worlds(
                session, plan: plan, rules: rules, iterations: iterations, seed: seed, threads: threads,
                untilStandardError: request.untilStandardError)
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
            let ineligible = Self.ineligible(plan, worlds: worlds, rules: rules)
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
                scenario: loaded.name, years: worlds.years.map(\.description), objective: request.objective.rawValue,
                worlds: worldCount, seed: seed, method: search.method, evaluations: search.evaluations,
                sweeps: search.sweeps, variables: analysis.variables, best: search.feasible ? search.best : nil,
                instruments: analysis.instruments(search.best), withoutPurchases: try analysis.nothing,
                naive: try analysis.naive,
                instrumentValues: analysis.instrumentValues(best: search.best, without: without),
                shadowPrice: try analysis.shadowPrice(epsilon: epsilon, start: search.best.decisions),
                priceSensitivity: try analysis.priceSensitivity(best: search.best.decisions),
                profiles: try analysis.profiles(around: search.best),
                candidates: search.candidates, notes: notes.map(\.message), stopping: stopping,
                cautions: cautions.map(\.message),
                timeline: search.feasible
                    ? Self.timeline(
                        plan: plan, worlds: worlds, best: search.best, deadline: rules.compliance.surrenderDeadline)
                    : nil, bound: bound)
            let stopped = stopping?.warning.map { [$0] } ?? []
            return Computed(
                document: document, warnings: cautions + notes + stopped, budget: plan.budget,
                tables: session.inputs.tables, entity: loaded.entity.registration)
        }
    }

    /// The offset contracts the rules refuse, left out of the search: a warning each, with why.
    static func ineligible(_ plan: ProcurementPlan, worlds: ProcurementWorlds, rules: RuleSet) -> [Warning] {
        zip(plan.offsets, worlds.eligible).filter { !$0.1 }.map { contract, _ in
            let why =
                contract.type.flatMap { t in
                    contract.vintage.flatMap {
                        rules.compliance.offsets.ineligibility(type: t, vintage: $0, year: contract.year)
                    }
                } ?? ""
            return Warning(.offsetNotEligible, "offsets \(contract.project) left out of the search: \(why)")
        }
    }
}
