import Foundation

/// The chance-constrained choice of measures, solved exactly by branch-and-bound over the measures.
///
/// Why not the mixed-integer programme: with one binary per world the big-M rows make GLPK's
/// relaxations weak and each node's linear programme large (tens of thousands of rows); on forty
/// measures and 250 worlds it had not closed in 90 s. Here a node costs one pass over the worlds.
///
/// Method. Measures that all exclude each other (the variants of one lever) form a group, of which
/// at most one is chosen; every other measure is a group of its own. Groups are decided one by one,
/// the largest potential abatement first. At a node, with the chosen measures' certificates `S_yw`
/// (the baseline's plus theirs) and the undecided groups' most `P_yw` (per group the largest
/// positive change of any member):
/// - **feasibility bound**: at most `#{w : S_yw + P_yw ≥ 0 for every y}` worlds can still be met; a
///   node below `⌈probability × worlds⌉` is cut;
/// - **cost bound**: the chosen measures' cost plus each undecided group's cheapest negative cost;
///   a node whose bound is not below the best set found is cut.
/// Both bounds are valid, so a search that finishes has proved its answer optimal for the additive
/// model. A search the time limit stops reports the least bound of the branches it left, and the gap.
struct ChanceBranchAndBound {
    let selection: MeasureSelection
    let needed: Int
    let groups: [[Int]]
    let years: Int, worlds: Int
    /// `[g][y × worlds + w]`: the most the groups g… can add, each group's `max(0, max over members of Δ)`
    /// summed, for g below `groups.count` (the leaves need none).
    let suffix: [[Double]]
    /// `[g]`: the least cost the groups g… can add (each group's cheapest negative cost).
    let costSuffix: [Double]
    /// `[measure][y × worlds + w]`.
    let effect: [[Double]]

    /// - Parameter needed: how many worlds the set must meet in every year.
    init(_ selection: MeasureSelection, needed: Int) {
        self.selection = selection
        years = selection.baselineCredits.count
        worlds = selection.worlds
        self.needed = needed
        effect = selection.effect  // the selection's own storage, not a copy
        // Groups: a measure joins a group when it excludes every member already in it.
        let exclusive = Set(selection.exclusive.flatMap { [[$0.0, $0.1], [$0.1, $0.0]] })
        var groups: [[Int]] = []
        for k in selection.names.indices {
            if let g = groups.firstIndex(where: { $0.allSatisfy { exclusive.contains([k, $0]) } }) {
                groups[g].append(k)
            } else {
                groups.append([k])
            }
        }
        let size = years * worlds
        let effect = self.effect
        func potential(of group: [Int]) -> [Double] {
            (0..<size).map { i in group.reduce(0.0) { Swift.max($0, effect[$1][i]) } }
        }
        // The largest potential first: the feasibility bound tightens fastest. One potential is held at a
        // time: its total to order the groups, then again, last group first, into the suffix sums.
        let ordered = groups.map { ($0, potential(of: $0).reduce(0, +)) }.sorted { $0.1 > $1.1 }.map(\.0)
        self.groups = ordered.map { $0.sorted { selection.cost[$0] < selection.cost[$1] } }
        var suffix: [[Double]] = []
        var costSuffix = [Double](repeating: 0, count: ordered.count + 1)
        var sum = [Double](repeating: 0, count: size)  // suffix[g + 1], all zeros after the last group
        for g in stride(from: ordered.count - 1, through: 0, by: -1) {
            sum = zip(sum, potential(of: ordered[g])).map { $0 + $1 }
            suffix.append(sum)
            let cheapest = ordered[g].map { selection.cost[$0] }.min() ?? 0
            costSuffix[g] = costSuffix[g + 1] + Swift.min(cheapest, 0)
        }
        self.suffix = suffix.reversed()
        self.costSuffix = costSuffix
    }

    struct Result {
        var chosen: [Int]?
        var cost: Double?
        /// The least cost any set meeting the probability can have (the cost itself when proven).
        var bound: Double
        var proven: Bool
        var nodes: Int
    }

    func run(timeLimit: Double) -> Result {
        let deadline = Date().addingTimeInterval(timeLimit)
        var best: (chosen: [Int], cost: Double)?
        var openBound = Double.infinity, stopped = false, nodes = 0
        let baseline = selection.baselineCredits.flatMap { $0 }
        var chosen: [Int] = []

        /// Worlds meeting every year with `s` plus `extra` (nil: none).
        func met(_ s: [Double], plus extra: [Double]?) -> Int {
            var count = 0
            s.withUnsafeBufferPointer { s in
                for w in 0..<worlds {
                    var ok = true
                    for y in 0..<years {
                        let i = y * worlds + w
                        if s[i] + (extra?[i] ?? 0) < 0 {
                            ok = false
                            break
                        }
                    }
                    if ok { count += 1 }
                }
            }
            return count
        }
        func allowed(_ k: Int) -> Bool {
            selection.exclusive.allSatisfy { pair in
                !((pair.0 == k && chosen.contains(pair.1)) || (pair.1 == k && chosen.contains(pair.0)))
            }
        }
        func search(_ g: Int, _ s: [Double], _ cost: Double) {
            nodes += 1
            let lower = cost + costSuffix[g]
            if stopped || nodes & 255 == 0 && Date() > deadline {
                stopped = true
                openBound = Swift.min(openBound, lower)
                return
            }
            if let best, lower >= best.cost - 1e-9 * Swift.max(abs(best.cost), 1) { return }
            if g == groups.count {
                guard selection.allows(Set(chosen)), met(s, plus: nil) >= needed else { return }
                best = (chosen.sorted(), cost)
                return
            }
            guard met(s, plus: suffix[g]) >= needed else { return }
            // Branches in order of cost: members cheaper than nothing, nothing, then the rest.
            let members = groups[g]
            var branches: [Int?] = members.filter { selection.cost[$0] < 0 }
            branches.append(nil)
            branches += members.filter { selection.cost[$0] >= 0 }
            for branch in branches {
                guard let k = branch else {
                    search(g + 1, s, cost)
                    continue
                }
                guard allowed(k) else { continue }
                chosen.append(k)
                search(g + 1, zip(s, effect[k]).map { $0 + $1 }, cost + selection.cost[k])
                chosen.removeLast()
            }
        }
        search(0, baseline, 0)
        let bound = Swift.min(openBound, best?.cost ?? .infinity)
        return Result(
            chosen: best?.chosen, cost: best?.cost, bound: bound, proven: !stopped, nodes: nodes)
    }
}
