import CCTS
import Optimisation
import Simulation
import Planning

/// How far the recommended plan can be from the best, and where its search starts: the plan as a
/// linear programme (``PlanProgramme``) on the first worlds, solved by GLPK.
///
/// The programme relaxes the one ledger: every plan the search could choose is one of its
/// solutions, so its optimum is a proven lower bound on the best plan's cost on those worlds, and
/// its decisions (read as the plan's, ``PlanProgramme/decisions(_:plan:variables:)``) are where
/// the exact search on every world begins. Expected cost and CVaR: a linear programme (simplex);
/// a chance limit: a mixed-integer programme on fewer worlds, stopped at a time limit with its
/// proven bound. A compensation rule written as a Lua function has no linear form here; then the
/// search starts from buying nothing and there is no bound.
extension PlanAnalysis {
    /// The bound, the plan's own cost on the same worlds, and the gap between them.
    public struct Bound: Codable, Sendable {
        public var worlds: Int
        public var lowerBound: Double
        public var planCost: Double
        /// `(planCost − lowerBound) / max(|planCost|, 1)`.
        public var gap: Double
        public var method: String
        /// With a chance limit: the bound is over plans paying compensation in at most this many of
        /// the worlds (the limit's share of them, or as many as the recommended plan does there, if more).
        public var compensatedWorlds: Int? = nil
    }
    /// The programme's answer on the first worlds: its objective (a bound for expected cost and
    /// CVaR) and its decisions as the plan's, the exact search's start.
    struct Relaxation {
        var worlds: Int
        var solution: LinearSolution
        var start: [Double]
    }

    /// Worlds the linear programme reads: the first of the common worlds.
    static let boundWorlds = 500
    /// Worlds the chance limit's mixed-integer programme reads (a binary each), and its time.
    static let chanceWorlds = 200
    static let chanceSeconds = 1.0

    /// How many of `m` worlds a chance limit `epsilon` lets pay compensation: ⌊ε × m⌋.
    static func compensatedWorlds(_ epsilon: Double, of m: Int) -> Int { Int((epsilon * Double(m)).rounded(.down)) }

    /// The CVaR level of the programme (0: the expected cost; a chance limit starts from the expected cost's).
    var alpha: Double {
        if case .conditionalValueAtRisk(let level) = objective { return level }
        return 0
    }

    /// Whether the plan has a linear form (no compensation rule function, a finite multiple).
    var isLinear: Bool { worlds.compensation == nil && worlds.multiple.isFinite }

    /// The programme on the first worlds, solved: the linear programme on ``boundWorlds`` worlds, or
    /// with a chance limit the mixed-integer one on ``chanceWorlds`` worlds, at most the limit's share
    /// of them paying compensation; nil without a linear form or an answer.
    func relaxation() throws -> Relaxation? {
        guard isLinear else { return nil }
        var first = worlds.prefix(Self.boundWorlds)
        var programme = PlanProgramme(plan: plan, worlds: first, alpha: alpha)
        var limit = SolveOptions(timeLimit: 30)
        if case .chanceConstrained(let epsilon) = objective {
            first = worlds.prefix(Self.chanceWorlds)
            programme = PlanProgramme(
                plan: plan, worlds: first, alpha: 0,
                compensatedWorlds: Self.compensatedWorlds(epsilon, of: first.worlds))
            limit = SolveOptions(timeLimit: Self.chanceSeconds)
        }
        let solution = try programme.lp.solve(limit)
        guard solution.status == .optimal || solution.status == .feasible else { return nil }
        return Relaxation(
            worlds: first.worlds, solution: solution,
            start: programme.decisions(solution.values, plan: plan, variables: variables))
    }

    /// The proven bound under `best`: the relaxation's optimum (expected cost, CVaR), or the chance
    /// limit's mixed-integer programme's bound on its worlds.
    func bound(best: ProcurementCandidate, relaxation: Relaxation?) throws -> Bound? {
        guard isLinear else { return nil }
        let ofPlan: (ProcurementWorlds) throws -> ProcurementCandidate = { w in
            try ProcurementSearch.evaluate(
                plan, w, variables: variables, decisions: best.decisions, riskLevel: alpha > 0 ? alpha : level)
        }
        if case .chanceConstrained(let epsilon) = objective {
            let first = worlds.prefix(Self.chanceWorlds)
            let m = first.worlds
            let own = try ofPlan(first)
            let limit = Self.compensatedWorlds(epsilon, of: m)
            let allowed = Swift.max(limit, Int((own.probabilityOfNonCompliance * Double(m)).rounded()))
            // The relaxation solved this very programme unless the recommended plan pays in more worlds.
            var solution = relaxation?.solution
            if allowed != limit || solution == nil {
                let programme = PlanProgramme(plan: plan, worlds: first, alpha: 0, compensatedWorlds: allowed)
                solution = try programme.lp.solve(SolveOptions(timeLimit: Self.chanceSeconds))
            }
            guard let solution, let lower = solution.bound else { return nil }
            let how = solution.status == .optimal ? "solved" : "stopped after \(Self.chanceSeconds.shown) s"
            return Bound(
                worlds: m, lowerBound: lower, planCost: own.meanCost,
                gap: (own.meanCost - lower) / Swift.max(abs(own.meanCost), 1),
                method: "mixed-integer programme over \(NumberFormat.grouped(Double(m))) worlds × "
                    + "\(first.years.count) years, GLPK \(Solver.version) branch-and-bound, \(how)",
                compensatedWorlds: allowed)
        }
        guard let relaxation, let lower = relaxation.solution.objective else { return nil }
        let first = worlds.prefix(relaxation.worlds)
        let own = try ofPlan(first)
        let planCost = alpha > 0 ? own.costCvar : own.meanCost
        return Bound(
            worlds: first.worlds, lowerBound: lower, planCost: planCost,
            gap: (planCost - lower) / Swift.max(abs(planCost), 1),
            method: "linear programme over \(NumberFormat.grouped(Double(first.worlds))) worlds × "
                + "\(first.years.count) years, GLPK \(Solver.version) simplex")
    }

    /// The bound in words, for the cautions.
    static func boundWords(_ b: Bound, objective: String) -> String {
        let which = b.compensatedWorlds.map { "no plan paying compensation in at most \($0) of them" } ?? "no plan"
        return
            "On the first \(NumberFormat.grouped(Double(b.worlds))) worlds \(which) can bring the \(objective) below "
            + "\(NumberFormat.money(b.lowerBound)) (a \(b.method), relaxing the plan's rules); the recommended "
            + "plan's is \(NumberFormat.money(b.planCost)) there, within \(NumberFormat.percent(b.gap)) of it."
    }
}
