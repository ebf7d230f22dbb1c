/// The summary of one output series (``Summary``, and the tail risk of a cost), gathered in
/// passes over its values in world order.
///
/// Pass 1: the compensated sum, min and max, and bins for the order statistics (over the range
/// of the first ``pilotWorlds`` worlds, which are held back until then). Pass 2: the squared
/// deviations from the mean and the 20-bin histogram, and the order statistics' next step.
/// Passes 3…: only while an order statistic is still unknown (see ``OrderStatisticSearch``).
/// Nothing here depends on how the worlds were split into blocks or threads, nor on whether
/// they were kept in memory or drawn again: the same values in the same order give the same bits.
final class SeriesStatistics: @unchecked Sendable {
    /// Worlds whose range sets the first pass's bins.
    static let pilotWorlds = 65_536
    /// Most bins of the first pass (fewer for fewer worlds).
    static let maximumBins = 8_192
    static let histogramBins = 20

    let riskLevel: Double?
    /// Ranks (0-based) whose first world is wanted too (the extreme worlds of total cost).
    let markLevels: [Double]
    let collectionBudget: Int
    private(set) var count = 0
    private var sum = LanedSum()
    private var least = Double.infinity
    private var greatest = -Double.infinity
    private var pilot: [Double] = []
    private var bins: ValueBins?

    private var mean = 0.0
    private var squares = LanedSum()
    private var histogram: [Int] = []
    private var histogramWidth = 0.0
    private var search: OrderStatisticSearch?
    private var pass = 1
    private var seen = 0

    init(riskLevel: Double?, markLevels: [Double] = [], collectionBudget: Int = OrderStatisticSearch.defaultCollectionBudget) {
        self.riskLevel = riskLevel
        self.markLevels = markLevels
        self.collectionBudget = collectionBudget
    }

    /// True when another pass over the worlds is needed.
    var needsPass: Bool { pass == 2 || !(search?.isDone ?? true) }

    // MARK: pass 1

    /// Takes in the next values of pass 1 (worlds count, count + 1, …).
    func first(_ values: UnsafeBufferPointer<Double>) {
        var rest = values[...]
        if bins == nil {
            let held = rest.prefix(Self.pilotWorlds - pilot.count)
            pilot += held
            rest = rest.dropFirst(held.count)
            if pilot.count == Self.pilotWorlds { binPilot() }
        }
        sum.add(values) { $0 }
        if let bins {
            var world = count + (values.count - rest.count)
            for x in rest {
                bins.add(x, world: world)
                world += 1
            }
        }
        count += values.count
    }

    private func binPilot() {
        let lo = pilot.min() ?? 0, hi = pilot.max() ?? 0
        var k = 1
        while k * 2 <= Swift.min(pilot.count, Self.maximumBins) { k *= 2 }
        let binned = ValueBins(lo: lo, hi: hi, k: k, sums: riskLevel != nil, firsts: !markLevels.isEmpty)
        for (world, x) in pilot.enumerated() { binned.add(x, world: world) }
        bins = binned
        pilot = []
    }

    /// Ends pass 1: the mean, and the ranks the order statistics need.
    func endFirstPass() {
        precondition(count > 0, "a series needs a world")
        if bins == nil { binPilot() }
        // The extremes are those of the bins: every value went to one.
        least = (0..<bins!.k).map { bins!.least[$0] }.min()!
        greatest = (0..<bins!.k).map { bins!.greatest[$0] }.max()!
        mean = sum.value / Double(count)
        histogram = [Int](repeating: 0, count: greatest > least ? Self.histogramBins : 1)
        histogramWidth = (greatest - least) / Double(Self.histogramBins)
        let wanted = Self.ranks(count, riskLevel: riskLevel, marks: markLevels)
        search = OrderStatisticSearch(bins: bins!, n: count, ranks: wanted.ranks, tailRank: wanted.tail, collectionBudget: collectionBudget)
        bins = nil
        pass = 2
        seen = 0
    }

    // MARK: passes 2…

    /// Takes in the next values of a later pass.
    func later(_ values: UnsafeBufferPointer<Double>) {
        if pass == 2 {
            let mean = self.mean, bins = histogram.count, least = self.least, width = histogramWidth
            squares.add(values) { ($0 - mean) * ($0 - mean) }
            if bins > 1 {
                histogram.withUnsafeMutableBufferPointer { counts in
                    for x in values { counts[Int(Swift.min((x - least) / width, Double(bins - 1)))] += 1 }
                }
            }
        }
        if !search!.isDone { search!.see(values, firstWorld: seen) }
        seen += values.count
    }

    func endLaterPass() {
        precondition(seen == count, "a later pass must see every world again")
        if pass == 2 && histogram.count == 1 { histogram[0] = count }
        if !search!.isDone { search!.endPass() }
        pass += 1
        seen = 0
    }

    // MARK: results

    /// Type-7 quantiles need order statistics ⌊h⌋ and ⌊h⌋ + 1 for h = (n − 1) p; the CVaR the
    /// first rank of the tail, ⌊n · level⌋; a mark (an extreme world) rank round((n − 1) p).
    static func ranks(_ n: Int, riskLevel: Double?, marks: [Double]) -> (ranks: [Int], tail: Int?) {
        var ranks: [Int] = []
        for level in Summary.levels + (riskLevel.map { [$0 * 100] } ?? []) {
            let k = Int((Double(n - 1) * level / 100).rounded(.down))
            ranks += [k, Swift.min(k + 1, n - 1)]
        }
        ranks += marks.map { markRank(n, $0) }
        let tail = riskLevel.map { Swift.min(Int((Double(n) * $0).rounded(.down)), n - 1) }
        return (ranks, tail)
    }

    static func markRank(_ n: Int, _ level: Double) -> Int { Int((Double(n - 1) * level).rounded()) }

    func statistic(rank: Int) -> OrderStatistic { search!.found[rank]! }

    /// The summary, and the tail risk when asked, once no pass is needed.
    func summary() -> (Summary, TailRisk?) {
        precondition(!needsPass)
        let n = count
        func quantile(_ level: Double) -> Double {
            let h = Double(n - 1) * level / 100
            let k = Int(h.rounded(.down))
            let below = statistic(rank: k).value, above = statistic(rank: Swift.min(k + 1, n - 1)).value
            return below + (h - h.rounded(.down)) * (above - below)
        }
        let sd = n > 1 ? (squares.value / Double(n - 1)).squareRoot() : 0
        var risk: TailRisk?
        if let riskLevel {
            let tailStart = Swift.min(Int((Double(n) * riskLevel).rounded(.down)), n - 1)
            let threshold = statistic(rank: tailStart).value
            let above = search!.tail!
            let tail = n - tailStart
            risk = TailRisk(level: riskLevel, valueAtRisk: quantile(riskLevel * 100),
                            conditionalValueAtRisk: (above.sum + Double(tail - above.count) * threshold) / Double(tail))
        }
        let edges = histogram.count > 1 ? (0...histogram.count).map { least + Double($0) * histogramWidth } : [least, greatest]
        let summary = Summary(mean: mean, sd: sd, se: sd / Double(n).squareRoot(), min: least, max: greatest,
                              percentiles: Summary.levels.map { Summary.Percentile(p: $0, value: quantile($0)) },
                              histogram: Summary.Histogram(edges: edges, counts: histogram))
        return (summary, risk)
    }
}
