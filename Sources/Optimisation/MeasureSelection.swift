import Foundation

/// Which abatement measures to take, as a mixed-integer programme on sampled worlds.
///
/// The model is additive: a set's total net present cost is the baseline's plus each chosen
/// measure's own (its net present cost against no measure, certificates included), and a world's
/// certificates in a year are the baseline's plus each chosen measure's own change. Measures that
/// act on the same emissions interact, which an additive model cannot see; the caller therefore
/// evaluates the answer and its neighbours exactly (``neighbours(of:)``) and keeps the best.
///
/// Minimise `Σ cost_k x_k` over `x_k ∈ {0, 1}` subject to `x_a + x_b ≤ 1` for each exclusive pair,
/// `x_a ≤ x_b` when a requires b, and (with a probability asked) at least `⌈probability × worlds⌉`
/// worlds `w` with `c_yw + Σ_k Δ_kyw x_k ≥ 0` in every year `y` (`c`: the baseline's certificates).
public struct MeasureSelection: Sendable {
    public var names: [String]
    /// Per measure: its total net present cost minus the baseline's (negative: it pays for itself).
    public var cost: [Double]
    /// `[year][world]`: the baseline's certificates issued minus owed.
    public var baselineCredits: [[Double]]
    /// `[measure][year × worlds + world]`: how much the measure alone changes them (year after year:
    /// flat, so that the branch-and-bound reads it without a copy — at 10⁶ worlds of five years a
    /// measure's effect is 40 MB).
    public var effect: [[Double]]
    /// Pairs that cannot both be chosen.
    public var exclusive: [(Int, Int)]
    /// `(a, b)`: a can only be chosen with b.
    public var requires: [(Int, Int)]

    public init(
        names: [String], cost: [Double], baselineCredits: [[Double]], effect: [[[Double]]],
        exclusive: [(Int, Int)] = [], requires: [(Int, Int)] = []
    ) {
        self.names = names
        self.cost = cost
        self.baselineCredits = baselineCredits
        self.effect = effect.map { $0.flatMap { $0 } }
        self.exclusive = exclusive
        self.requires = requires
    }

    public var worlds: Int { baselineCredits.first?.count ?? 0 }

    /// The answer of one solve.
    public struct Choice: Sendable, Equatable {
        public var solution: LinearSolution
        /// The measures chosen (indices, ascending); empty without an answer.
        public var chosen: [Int]
        /// Worlds meeting every year in the additive model, of ``MeasureSelection/worlds``.
        public var worldsMet: Int
    }

    /// The least-cost set whose worlds meet every year's target in at least `probability` of them.
    ///
    /// Without a probability (0): a binary programme solved by GLPK (exclusions and prerequisites as
    /// rows). With one: ``ChanceBranchAndBound``, exact for the additive model, or stopped at the
    /// time limit with its bound and gap.
    public func solve(probability: Double, options: SolveOptions = SolveOptions()) throws -> Choice {
        guard probability > 0 else {
            var lp = LinearProgram()
            let x = names.indices.map { lp.addBinary("measure \($0 + 1): \(names[$0])", cost: cost[$0]) }
            addChoiceRules(to: &lp, x)
            return choice(try lp.solve(options), measures: x.count)
        }
        return solve(needing: Int((probability * Double(worlds) - 1e-9).rounded(.up)), options: options)
    }

    /// The least-cost set meeting every year in at least `needed` worlds, by branch-and-bound.
    func solve(needing needed: Int, options: SolveOptions) -> Choice {
        let started = Date()
        let r = ChanceBranchAndBound(self, needed: needed).run(timeLimit: options.timeLimit)
        let seconds = Date().timeIntervalSince(started)
        guard let chosen = r.chosen, let value = r.cost else {
            return Choice(
                solution: LinearSolution(
                    status: r.proven ? .infeasible : .noAnswer, objective: nil, values: [], bound: nil, gap: nil,
                    seconds: seconds), chosen: [], worldsMet: 0)
        }
        let gap = r.proven ? 0 : (value - r.bound) / Swift.max(abs(value), 1)
        let solution = LinearSolution(
            status: r.proven ? .optimal : .feasible, objective: value,
            values: names.indices.map { chosen.contains($0) ? 1 : 0 }, bound: r.bound, gap: gap, seconds: seconds)
        return Choice(solution: solution, chosen: chosen, worldsMet: worldsMet(by: chosen))
    }

    /// The set meeting every year in the most worlds (of those, the cheapest), when no set reaches a
    /// probability: the largest count a set can meet, found by bisection, each step a branch-and-bound.
    public func mostWorldsMet(options: SolveOptions = SolveOptions()) throws -> Choice {
        var low = solve(needing: 0, options: options), high = worlds + 1
        let steps = Swift.max(Int(log2(Double(worlds + 1)).rounded(.up)), 1)
        let step = SolveOptions(timeLimit: options.timeLimit / Double(steps), gapTolerance: options.gapTolerance)
        while high - low.worldsMet > 1 {
            let middle = (low.worldsMet + high) / 2
            let c = solve(needing: middle, options: step)
            if c.chosen.isEmpty && c.solution.objective == nil {
                high = middle
            } else {
                low = c
            }
        }
        return low
    }

    /// Worlds meeting every year in the additive model with `chosen`.
    public func worldsMet(by chosen: [Int]) -> Int {
        (0..<worlds).filter { w in
            baselineCredits.indices.allSatisfy { y in
                baselineCredits[y][w] + chosen.reduce(0) { $0 + effect[$1][y * worlds + w] } >= 0
            }
        }.count
    }

    /// Whether a set keeps every exclusion and prerequisite.
    public func allows(_ chosen: Set<Int>) -> Bool {
        exclusive.allSatisfy { !(chosen.contains($0.0) && chosen.contains($0.1)) }
            && requires.allSatisfy { !chosen.contains($0.0) || chosen.contains($0.1) }
    }

    /// The sets one measure away from `chosen` (one added or one removed) that keep every rule.
    public func neighbours(of chosen: [Int]) -> [[Int]] {
        let set = Set(chosen)
        return names.indices.compactMap { k in
            let next = set.contains(k) ? set.subtracting([k]) : set.union([k])
            return allows(next) ? next.sorted() : nil
        }
    }

    private func addChoiceRules(to lp: inout LinearProgram, _ x: [Int]) {
        for (a, b) in exclusive {
            lp.addRow("\(names[a]) excludes \(names[b])", [(x[a], 1), (x[b], 1)], upper: 1)
        }
        for (a, b) in requires {
            lp.addRow("\(names[a]) requires \(names[b])", [(x[a], 1), (x[b], -1)], upper: 0)
        }
    }

    private func choice(_ solution: LinearSolution, measures: Int) -> Choice {
        guard !solution.values.isEmpty else { return Choice(solution: solution, chosen: [], worldsMet: 0) }
        let chosen = (0..<measures).filter { solution.values[$0] > 0.5 }
        return Choice(solution: solution, chosen: chosen, worldsMet: worldsMet(by: chosen))
    }
}
