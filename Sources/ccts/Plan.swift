import Foundation
import ArgumentParser
import CCTS
import Loading
import Reports
import RunStore
import Simulation

/// `ccts plan SCENARIO`: how many CCCs to buy forward and offsets to contract, under uncertainty.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Choose forward CCC purchases and offset contracts that minimise expected cost, CVaR, or expected cost under a cap on P(non-compliance).",
        discussion: """
        The scenario states the decision in its planning section (forward price and maximum, offset price, delivery and \
        maximum, the exchange's liquidity). Every candidate is costed on the same worlds.
        """)

    enum ObjectiveName: String, ExpressibleByArgument, CaseIterable { case expected, cvar, chance }

    @Argument(help: ArgumentHelp("Scenario file with a planning section.", valueName: "scenario"))
    var scenario: String

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .customLong("iterations"), parsing: .unconditional, help: "Worlds to cost each candidate on (20000, 20k).")
    var worldCount = WorldCount(20_000)
    var iterations: Int { worldCount.value }
    @Option(name: .long, help: "Seed of the worlds.") var seed: UInt64 = 1
    @Option(name: .long, help: "Worker threads.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .long, help: "expected (least expected cost), cvar (least CVaR), or chance (least expected cost with P(non-compliance) ≤ --epsilon).")
    var objective: ObjectiveName = .expected
    @Option(name: .long, help: "CVaR level.") var level = 0.95
    @Option(name: .long, help: "Largest acceptable P(non-compliance) for --objective chance.") var epsilon = 0.05
    @Option(name: .long, help: "Grid steps for the forward purchase.") var steps = 40
    @Option(name: .customLong("offset-steps"), help: "Grid steps for the offset contract.") var offsetSteps = 10
    @Option(name: .customLong("until-se"), help: "Stop drawing worlds once the standard error of the mean total cost without planned purchases falls below this (INR); says whether it was reached.")
    var untilSE: Double?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.") var noStore = false

    func validate() throws {
        try worldCount.check("--iterations", minimum: 100)
        guard (0.5..<1).contains(level) else { throw ValidationError("--level must be in [0.5, 1)") }
        guard (0..<1).contains(epsilon) else { throw ValidationError("--epsilon must be in [0, 1)") }
        guard steps >= 1 && offsetSteps >= 1 else { throw ValidationError("--steps and --offset-steps must be at least 1") }
        if let untilSE, !(untilSE > 0) { throw ValidationError("--until-se must be a positive number") }
    }

    struct Document: Encodable {
        var scenario: String
        var year: String
        var objective: String
        var worlds: Int
        var seed: UInt64
        var best: PurchaseCandidate?
        var withoutPurchases: PurchaseCandidate
        var candidates: [PurchaseCandidate]
        /// How `--until-se` ended (absent without it).
        var stopping: StoppingRule?
    }

    func run() throws {
        try reportingErrors {
            let stored = try WorkflowRun.files(rules: ruleOptions, reforms: ruleOptions.reform, scenarios: [scenario])
            let (output, id) = try WorkflowRun.run(kind: .plan, store: storeOptions, noStore: noStore, files: stored, settings: ruleOptions.set,
                                                   ruleSource: ruleOptions.rules ?? "built-in", scenarioFile: scenario,
                                                   seed: seed, iterations: iterations, threads: threads) { try compute() }
            emit(json ? output.document : output.report + (id.map { "\n\nStored as run \($0) in \(storeOptions.path)." } ?? ""))
        }
    }

    func compute() throws -> WorkflowRun.Output {
        do {
            let request = try RunRequest.from(scenario: scenario, rules: ruleOptions, monteCarlo: nil, keepWorlds: false)
            let session = try MonteCarloSession(load: request.load, strict: ruleOptions.strict, threads: threads, factorUncertainty: false)
            let loaded = session.scenario
            guard let planning = loaded.planning else {
                throw CommandError("\(scenario): has no planning section; add planning = { forward = { price = 1900, max = 50000 }, offsets = { price = 1400, delivered = beta(8, 2), max = 20000 }, spot = { liquidity = beta(2, 2) } }")
            }
            guard let multiple = session.inputs.rules.compliance.compensationMultiple.constant else {
                throw CommandError("ccts plan needs a constant compensation multiple; the rules in force make it a function")
            }
            let results = try MonteCarlo.run(plans: session.plans, options: MonteCarloOptions(iterations: iterations, seed: seed, threads: threads,
                                                                                                untilStandardError: untilSE))
            let yearIndex = loaded.years.firstIndex { $0.year == planning.year }!
            let worlds = PlanningWorlds(results: results, year: yearIndex, planning: planning, multiple: multiple, seed: seed)
            let goal: PurchaseSearch.Objective
            switch objective {
            case .expected: goal = .expectedCost
            case .cvar: goal = .conditionalValueAtRisk(level: level)
            case .chance: goal = .chanceConstrained(epsilon: epsilon)
            }
            let (best, candidates) = PurchaseSearch.search(planning, worlds, objective: goal, forwardSteps: steps, offsetSteps: offsetSteps)
            let nothing = PurchaseSearch.evaluate(planning, worlds, forward: 0, offsets: 0, riskLevel: level)
            let text = try JSONText.encode(Document(scenario: loaded.name, year: planning.year.description, objective: objective.rawValue,
                                                    worlds: results.worlds, seed: seed, best: best, withoutPurchases: nothing,
                                                    candidates: candidates, stopping: results.stopping))
            let year = planning.year.description
            var metrics = [MetricRow(year: year, metric: "buy nothing: mean cost", value: nothing.meanCost),
                           MetricRow(year: year, metric: "buy nothing: P(non-compliance)", value: nothing.probabilityOfNonCompliance)]
            if let best {
                metrics += [("forward", best.forward), ("offsets", best.offsets), ("mean cost", best.meanCost),
                            ("CVaR", best.costCVaR), ("P(non-compliance)", best.probabilityOfNonCompliance)]
                    .map { MetricRow(year: year, metric: "best: \($0.0)", value: $0.1) }
            }
            return WorkflowRun.Output(document: text, results: try WorkflowRun.results(of: Data(text.utf8)),
                                      report: render(loaded.name, planning, best: best, nothing: nothing, candidates: candidates, worlds: results.worlds,
                                                     stopping: results.stopping),
                                      scenarioName: loaded.name, metrics: metrics)
        }
    }

    func render(_ name: String, _ planning: PurchasePlanning, best: PurchaseCandidate?, nothing: PurchaseCandidate,
                candidates: [PurchaseCandidate], worlds: Int, stopping: StoppingRule?) -> String {
        var lines = ["\(name): purchase plan for \(planning.year), \(NumberFormat.grouped(Double(worlds))) worlds, seed \(seed)"]
            + (stopping.map { [$0.sentence.wrapped(width: ExplainReport.width, first: "", rest: "  ")] } ?? []) + [
                     "Forward CCCs at \(NumberFormat.grouped(planning.forwardPrice)) INR (up to \(NumberFormat.grouped(planning.maximumForward))); "
                     + "offsets at \(NumberFormat.grouped(planning.offsetPrice)) INR per delivered credit (up to \(NumberFormat.grouped(planning.maximumOffsets)))",
                     ""]
        func row(_ label: String, _ c: PurchaseCandidate) -> [String] {
            [label, NumberFormat.grouped(c.forward), NumberFormat.grouped(c.offsets), NumberFormat.grouped(c.meanCost),
             NumberFormat.grouped(c.meanCostStandardError), NumberFormat.grouped(c.costCVaR), NumberFormat.percent(c.probabilityOfNonCompliance)]
        }
        var table = TextTable(header: ["", "forward", "offsets", "mean cost", "se", "CVaR \(Int(level * 100))%", "P(non-compl.)"], rightAligned: Set(1...6))
        if let best { table.add(row("best (\(objective.rawValue))", best)) }
        table.add(row("buy nothing now", nothing))
        lines.append(table.render())
        if best == nil {
            let lowest = candidates.min { $0.probabilityOfNonCompliance < $1.probabilityOfNonCompliance }!
            lines.append("")
            lines.append("No candidate keeps P(non-compliance) ≤ \(NumberFormat.percent(epsilon)); the lowest is \(NumberFormat.percent(lowest.probabilityOfNonCompliance)) (forward \(NumberFormat.grouped(lowest.forward)), offsets \(NumberFormat.grouped(lowest.offsets))). Raise the maxima or --epsilon.")
        }
        if let best {
            lines.append("")
            lines.append("Cost curve at \(NumberFormat.grouped(best.offsets)) offsets:")
            var curve = TextTable(header: ["forward", "mean cost", "CVaR", "P(non-compl.)"], rightAligned: [0, 1, 2, 3])
            for c in candidates where c.offsets == best.offsets {
                curve.add([NumberFormat.grouped(c.forward) + (c == best ? " ◀" : ""), NumberFormat.grouped(c.meanCost),
                           NumberFormat.grouped(c.costCVaR), NumberFormat.percent(c.probabilityOfNonCompliance)])
            }
            lines.append(curve.render(indent: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
