/// The value at one rank of a series' ascending order, and the first world that holds it.
public struct OrderStatistic: Sendable, Equatable {
    public var value: Double
    /// The first world holding it (kept for the series whose extreme worlds are named: total cost).
    public var firstWorld: Int
}

/// What lies strictly above an order statistic: the compensated sum and the count of those values
/// (the tail a CVaR averages).
public struct UpperTail: Sendable, Equatable {
    public var sum: Double
    public var count: Int
}

/// Exact order statistics of a series seen pass after pass in world order, keeping only a few
/// of its values in memory.
///
/// The first pass bins every value (``ValueBins``, over the range of the first worlds); the
/// cumulative counts say which bin holds each requested rank. Each further pass regards only
/// the values in those bins: a bin small enough is collected whole (value and world) and its
/// ranks read off after sorting it; a bin too large for the collection budget is split into
/// ``refinementBins`` finer bins over its own least…greatest, and the search goes on there. A bin
/// whose least and greatest values are equal answers at once. Every step is exact, whatever
/// the ties; a continuous output of 10⁸ worlds needs one further pass (its bins hold some
/// thousands of values), a series with heavy ties or a long tail perhaps two.
///
/// For the CVaR, the pass that settles the candidate holding the tail's first rank also sums,
/// in world order, every value above that candidate; the collected values above the threshold
/// complete it. The first pass keeps no sums by bin, so first passes over separate ranges of
/// worlds (shards) merge exactly (``SeriesFirstPass``).
public struct OrderStatisticSearch {
    /// Bins a candidate too large to collect is split into.
    public static let refinementBins = 1_024
    /// Values a series may collect in one pass by default (8 bytes each, plus the world): 16 MB.
    public static let defaultCollectionBudget = 1 << 20

    public struct Candidate {
        /// The level-1 bin the candidate lies in (the first pass's), for the lookup of ``see``.
        var root: Int
        /// Every value of the series in lo…hi belongs to this candidate, and no other.
        var lo: Double
        var hi: Double
        /// Values below lo.
        var below: Int
        var count: Int
        /// The first world with a value in lo…hi.
        var first: Int
        var ranks: [Int]
        var refinement: ValueBins?
        /// All values equal (lo = hi): known already, open only for the tail's sum.
        var equal: Bool { lo == hi }
        /// Collected: the values above lo in world order, and their worlds. Values equal to lo
        /// are only counted (``atLo``, ``firstAtLo``): a series floored at zero (a shortfall, a
        /// compensation) ties most of its worlds there, in one candidate.
        var values: [Double] = []
        var worlds: [Int] = []
        var atLo = 0
        var firstAtLo = 0

        /// One of its values, in world order: into the refinement, or counted at lo, or collected.
        @inline(__always)
        mutating func take(_ x: Double, world: Int) {
            if refinement == nil {
                if x == lo {
                    if atLo == 0 { firstAtLo = world }
                    atLo += 1
                } else {
                    values.append(x)
                    worlds.append(world)
                }
            } else {
                refinement.unsafelyUnwrapped.add(x, world: world)
            }
        }
    }

    public let n: Int
    public let tailRank: Int?
    /// Values this search may collect in one pass; candidates beyond it are refined instead.
    public let collectionBudget: Int
    private(set) var found: [Int: OrderStatistic] = [:]
    private(set) var tail: UpperTail?
    /// The level-1 geometry and, per level-1 bin, the first open candidate inside it (−1: none).
    private let level1: BinGeometry
    private var firstCandidate: [Int32]
    private var open: [Candidate] = []
    /// The hi of the open candidate holding the tail's rank (+∞: none), and this pass's sum of
    /// the values above it.
    private var tailHi = Double.infinity
    /// The collected candidate with the most values (−1: none): its least value is counted
    /// without a branch, for when a series ties most of its worlds there (a zero floor) and the
    /// tied and untied worlds alternate at random.
    private var tieCandidate = -1
    private var tailSum = CompensatedSum()

    /// - Parameters:
    ///   - bins: the first pass's bins over all n values.
    ///   - ranks: 0-based ranks wanted, each below n.
    ///   - tailRank: the rank whose upper tail (sum and count above it) is wanted.
    ///   - collectionBudget: values collected in one pass at most (small in tests, to make it refine).
    public init(bins: ValueBins, n: Int, ranks: [Int], tailRank: Int?, collectionBudget: Int = defaultCollectionBudget)
    {
        self.n = n
        self.tailRank = tailRank
        self.collectionBudget = collectionBudget
        level1 = bins.geometry
        firstCandidate = [Int32](repeating: -1, count: bins.k)
        open = Self.place(
            ranks: Array(Set(ranks + (tailRank.map { [$0] } ?? []))).sorted(), in: bins, root: nil, below: 0)
        settle()
    }

    /// True once every rank is known: no further pass needed.
    public var isDone: Bool { open.isEmpty }

    /// One candidate per bin that holds any of `ranks` (ascending, all within the bins' values).
    private static func place(ranks: [Int], in bins: ValueBins, root: Int?, below: Int) -> [Candidate] {
        var candidates: [Candidate] = []
        var cumulative = below, r = 0
        for b in 0..<bins.k where bins.counts[b] > 0 {
            guard r < ranks.count else { break }
            let end = cumulative + bins.counts[b]
            var held: [Int] = []
            while r < ranks.count && ranks[r] < end {
                held.append(ranks[r])
                r += 1
            }
            if !held.isEmpty {
                candidates.append(
                    Candidate(
                        root: root ?? b, lo: bins.least[b], hi: bins.greatest[b], below: cumulative,
                        count: bins.counts[b], first: bins.first(b), ranks: held))
            }
            cumulative = end
        }
        return candidates
    }

    /// Answers the candidates whose values are all equal (the one holding the tail's rank stays
    /// open for one pass, for the sum above it); of the rest, collects the smallest within the
    /// budget and refines the others; rebuilds the lookup.
    private mutating func settle() {
        var remaining: [Candidate] = []
        for candidate in open {
            if candidate.equal {
                for rank in candidate.ranks {
                    found[rank] = OrderStatistic(value: candidate.lo, firstWorld: candidate.first)
                }
                if holdsTail(candidate) { remaining.append(candidate) }
            } else {
                remaining.append(candidate)
            }
        }
        var budget = collectionBudget
        for i in remaining.indices.sorted(by: { remaining[$0].count < remaining[$1].count }) where !remaining[i].equal {
            if remaining[i].count <= budget {
                budget -= remaining[i].count
            } else {
                remaining[i].refinement = ValueBins(
                    lo: remaining[i].lo, hi: remaining[i].hi, k: Self.refinementBins, firsts: true)
            }
        }
        open = remaining
        for b in firstCandidate.indices { firstCandidate[b] = -1 }
        for (i, candidate) in open.enumerated().reversed() where !candidate.equal {
            firstCandidate[candidate.root] = Int32(i)
        }
        tailHi = open.first(where: holdsTail)?.hi ?? .infinity
        tieCandidate =
            open.indices.filter { !open[$0].equal && open[$0].refinement == nil }.max {
                open[$0].count < open[$1].count
            } ?? -1
        tailSum = CompensatedSum()
    }

    private func holdsTail(_ candidate: Candidate) -> Bool {
        tailRank.map(candidate.ranks.contains) ?? false
    }

    /// Takes in the next values of this pass (worlds firstWorld, firstWorld + 1, …).
    public mutating func see(_ values: UnsafeBufferPointer<Double>, firstWorld: Int) {
        if tailHi < .infinity {
            var sum = tailSum
            let hi = tailHi
            for x in values where x > hi { sum.add(x) }
            tailSum = sum
        }
        let level1 = self.level1
        // Through buffers: the loop touches a candidate only for the few values in one, and then
        // must not retain its refinement or check the array's uniqueness per value.
        let tie = tieCandidate, tieValue = tie >= 0 ? open[tie].lo : .nan
        var ties = 0
        firstCandidate.withUnsafeBufferPointer { lookup in
            open.withUnsafeMutableBufferPointer { open in
                for (offset, x) in values.enumerated() {
                    let isTie = x == tieValue
                    ties += isTie ? 1 : 0
                    var i = Int(lookup[level1.index(x)]) | (isTie ? -1 : 0)  // a tie goes no further
                    guard i >= 0 else { continue }
                    let root = open[i].root
                    while i < open.count && open[i].root == root && x >= open[i].lo {
                        if x <= open[i].hi {
                            // an all-equal candidate (open only for the tail's sum) keeps nothing
                            if !open[i].equal { open[i].take(x, world: firstWorld + offset) }
                            break
                        }
                        i += 1
                    }
                }
            }
        }
        if ties > 0 {
            if open[tie].atLo == 0 { open[tie].firstAtLo = firstWorld + values.firstIndex(of: tieValue)! }
            open[tie].atLo += ties
        }
    }

    /// After a pass: reads the ranks off the collected candidates, splits the refined ones.
    public mutating func endPass() {
        var next: [Candidate] = []
        for candidate in open {
            if let bins = candidate.refinement {
                next += Self.place(ranks: candidate.ranks, in: bins, root: candidate.root, below: candidate.below)
            } else if candidate.equal {
                tail = UpperTail(sum: tailSum.value, count: n - candidate.below - candidate.count)
            } else {
                resolve(collected: candidate)
            }
        }
        open = next
        settle()
    }

    /// Reads the candidate's ranks off its values in ascending order: lo (``Candidate/atLo``
    /// times), then the collected values sorted by value and world, so that the first of a run of
    /// equal values is the first world holding it.
    private mutating func resolve(collected c: Candidate) {
        let order = c.values.indices.sorted { (c.values[$0], $0) < (c.values[$1], $1) }  // indices rise with worlds
        for rank in c.ranks {
            let position = rank - c.below - c.atLo
            guard position >= 0 else {
                found[rank] = OrderStatistic(value: c.lo, firstWorld: c.firstAtLo)
                continue
            }
            let value = c.values[order[position]]
            // the first position holding this value (binary search: runs of ties can be long)
            var (low, high) = (0, position)
            while low < high {
                let middle = (low + high) / 2
                if c.values[order[middle]] < value { low = middle + 1 } else { high = middle }
            }
            found[rank] = OrderStatistic(value: value, firstWorld: c.worlds[order[low]])
        }
        if holdsTail(c), let tailRank, let threshold = found[tailRank]?.value {
            var sum = tailSum, count = n - c.below - c.count
            for x in c.values where x > threshold {  // world order
                sum.add(x)
                count += 1
            }
            tail = UpperTail(sum: sum.value, count: count)
        }
    }
}
