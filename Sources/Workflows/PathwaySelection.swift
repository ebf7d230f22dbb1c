import CCTS
import Foundation
import Optimisation
import Simulation

/// The least-cost set of measures by an exact search of an additive model, then checked exactly.
///
/// Each measure is evaluated alone on the common worlds; the additive model of
/// ``MeasureSelection`` then chooses among all 2ⁿ sets at once (exclusions and prerequisites kept;
/// branch-and-bound with a probability, GLPK's binary programme without). The answer and
/// its neighbours (one measure added or removed) are evaluated exactly through the one evaluator,
/// where measures acting on the same emissions interact, and the best exact set is the one reported.
extension PathwayWorkflow {
    /// One set of measures evaluated on the worlds: its row, and each world's certificates per year.
    struct EvaluatedSet {
        var row: SetRow
        /// `[year][world]`: issued minus owed, before any trade.
        var credits: [[Double]]
    }

    /// The measures' exclusions and prerequisites as a ``MeasureSelection`` without worlds: each
    /// `excludes` (either way), each `requires`, and two fuel switches away from one fuel whose
    /// shares add to more than all of it.
    static func choiceRules(_ plan: PathwayPlan) -> MeasureSelection {
        let index = Dictionary(plan.measures.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var exclusive: [(Int, Int)] = [], requires: [(Int, Int)] = []
        for (a, m) in plan.measures.enumerated() {
            exclusive += m.excludes.compactMap { index[$0].map { (a, $0) } }
            requires += m.requires.compactMap { index[$0].map { (a, $0) } }
            for b in plan.measures.indices where b > a {
                if case .fuelSwitch(let from, _, let share) = m.effect,
                    case .fuelSwitch(let other, _, let otherShare) = plan.measures[b].effect,
                    from == other, share + otherShare > 1
                {
                    exclusive.append((a, b))
                }
            }
        }
        return MeasureSelection(
            names: plan.measures.map(\.name), cost: plan.measures.map { _ in 0 }, baselineCredits: [], effect: [],
            exclusive: exclusive, requires: requires)
    }

    /// The measures at `indices` applied to the base and run on the worlds of `--iterations` and
    /// `--seed`: the share of worlds meeting every year's target without buying CCCs, and the costs.
    func evaluate(_ indices: [Int], plan: PathwayPlan, base: Scenario, rules: RuleSet, first: ComplianceYear)
        throws -> EvaluatedSet
    {
        let chosen = indices.map { plan.measures[$0] }
        let candidate = try Evaluation.applying(chosen, to: base, rules: rules)
        let compiled = try PlanCompiler(rules: rules).compile(candidate)
        let threads = LuaLanes.threads(ProcessInfo.processInfo.activeProcessorCount, sharing: compiled)
        // The worlds in parts (each drawn as the whole run draws it, from (seed, world)): memory holds
        // one part's world table beside what the set keeps of every world — its credits and totals.
        let years = candidate.years.map(\.year)
        var credits = years.map { _ in [Double](repeating: 0, count: iterations) }
        var totals = [Double](repeating: 0, count: iterations)
        for start in stride(from: 0, to: iterations, by: partWorlds) {
            var options = MonteCarloOptions(
                iterations: Swift.min(partWorlds, iterations - start), seed: seed, threads: threads,
                sensitivitySample: 0)
            options.firstWorld = start
            let part = try MonteCarlo.run(plans: Array(repeating: compiled, count: threads), options: options)
            for y in years.indices {
                let series = part.series(.credits, year: y)
                for w in 0..<part.worlds { credits[y][start + w] = series[w] }
            }
            Self.addTotalPresentCosts(
                part, into: &totals, offset: start, years: years, measures: chosen, rules: rules,
                rate: plan.discountRate)
        }
        let met = (0..<iterations).filter { w in credits.allSatisfy { $0[w] >= 0 } }.count
        let byYear = credits.map { Double($0.filter { $0 >= 0 }.count) / Double(iterations) }
        let cost = candidate.years.reduce(0) {
            $0
                + Pathway.presentValue(
                    Pathway.measureCost(chosen, in: $1.year), year: $1.year, first: first, rate: plan.discountRate)
        }
        let total = Self.meanAndStandardError(totals)
        var row = SetRow(
            measures: chosen.map(\.name), probability: Double(met) / Double(iterations), presentCost: cost,
            probabilityByYear: byYear)
        (row.totalPresentCost, row.totalPresentCostStandardError) = (total.mean, total.standardError)
        return EvaluatedSet(row: row, credits: credits)
    }

    /// The sets the solver and the exact check evaluated, and how the solve went.
    func solverSearch(_ plan: PathwayPlan, base: Scenario, rules: RuleSet, first: ComplianceYear) throws -> (
        sets: [SetRow], report: SolverReport
    ) {
        // Every set evaluated exactly, by its measures: its row only. The worlds' certificates are kept
        // only as the additive model needs them (no measure, and each measure's effect against it), so
        // memory holds one set's worlds at a time beside the model, however many sets are checked.
        var evaluated: [[Int]: SetRow] = [:]
        func exact(_ indices: [Int]) throws -> SetRow {
            if let known = evaluated[indices] { return known }
            let row = try evaluate(indices, plan: plan, base: base, rules: rules, first: first).row
            evaluated[indices] = row
            return row
        }
        let none = try evaluate([], plan: plan, base: base, rules: rules, first: first)
        evaluated[[]] = none.row
        var selection = Self.choiceRules(plan)
        selection.baselineCredits = none.credits
        for m in plan.measures.indices {
            let alone = try evaluate([m], plan: plan, base: base, rules: rules, first: first)
            evaluated[[m]] = alone.row
            selection.cost[m] = (alone.row.totalPresentCost ?? 0) - (none.row.totalPresentCost ?? 0)
            selection.effect.append(
                zip(alone.credits, none.credits).flatMap { year in zip(year.0, year.1).map { $0 - $1 } })
        }
        let options = SolveOptions(timeLimit: Self.solverSeconds)
        let main = try selection.solve(probability: probability, options: options)
        // Each probability the page answers, with the model's set for it.
        var targets = [(probability, main), (0, try selection.solve(probability: 0, options: options))]
        if main.solution.status == .infeasible || main.solution.status == .noAnswer {
            targets.append((probability, try selection.mostWorldsMet(options: options)))
            for lower in [0.8, 0.5, 0.2] where lower < probability {
                targets.append((lower, try selection.solve(probability: lower, options: options)))
            }
        }
        // From each answer, the exact check: the best set one measure away that meets the probability
        // exactly (or, below it, comes closer), step after step until none is better.
        func better(_ a: SetRow, than b: SetRow, at q: Double) -> Bool {
            let (aMeets, bMeets) = (a.probability >= q, b.probability >= q)
            if aMeets != bMeets { return aMeets }
            if !aMeets && a.probability != b.probability { return a.probability > b.probability }
            return a.rankingCost < b.rankingCost
        }
        var kept = false
        for (index, (q, answer)) in targets.enumerated() where !answer.solution.values.isEmpty {
            var current = answer.chosen, row = try exact(current)
            for _ in 0..<plan.measures.count {
                var step: ([Int], SetRow)?
                for next in selection.neighbours(of: current) {
                    let candidate = try exact(next)
                    if better(candidate, than: step?.1 ?? row, at: q) { step = (next, candidate) }
                }
                guard let step else { break }
                (current, row) = step
            }
            if index == 0 { kept = current == answer.chosen }
        }
        let sets = evaluated.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { evaluated[$0]! }
        let solution = main.solution, offset = none.row.totalPresentCost ?? 0
        return (
            sets,
            SolverReport(
                method: "branch-and-bound over the measures", worlds: iterations,
                status: solution.status.rawValue, modelCost: solution.objective.map { $0 + offset },
                bound: solution.bound.map { $0 + offset }, gap: solution.gap,
                setsEvaluatedExactly: evaluated.count, answerKept: solution.values.isEmpty ? nil : kept)
        )
    }

    /// Each solve's time limit: a search it stops reports its gap.
    static let solverSeconds = 10.0
}
