/// The summary of one output series (``Summary``, and the tail risk of a cost), gathered in
/// passes over its values in world order.
///
/// Pass 1: sums by block of ``sumBlock`` worlds, and bins for the order statistics over the
/// range of the first ``pilotWorlds`` worlds (held back until then, unless the bins are given).
/// Pass 1 over separate ranges of worlds (shards) merges exactly: its state
/// (``SeriesFirstPass``) is counts, extremes and block sums that join in block order. Pass 2:
/// the squared deviations from the mean, a fine histogram (``fineBins`` equal bins from the least
/// to the greatest value) and the order statistics' next step. The summary's histogram groups the
/// fine bins into at most ``histogramBins`` over P1 … P99, the worlds beyond them counted apart.
/// Passes 3…: only while an order statistic is still unknown (``OrderStatisticSearch``).
/// Nothing here depends on how the worlds were split into blocks, threads or shards, nor on
/// whether they were kept in memory or drawn again: the same values give the same bits.
public final class SeriesStatistics: @unchecked Sendable {
    /// Worlds whose range sets the first pass's bins.
    public static let pilotWorlds = 65_536
    /// Most bins of the first pass (fewer for fewer worlds).
    public static let maximumBins = 8_192
    /// Worlds whose sum is kept apart in pass 1 (and shards begin on a multiple of it).
    public static let sumBlock = 65_536
    /// Bins of the summary's histogram, over P1 … P99.
    public static let histogramBins = 20
    /// Equal bins from the least to the greatest value counted in pass 2: the summary's histogram
    /// takes its edges from theirs, so P1 … P99 is covered to within one fine bin however the worlds
    /// are spread (a cost whose worst world is 20 times its median still gets 20 readable bars).
    public static let fineBins = 4_096

    public let riskLevel: Double?
    /// Levels whose first world is wanted too (the extreme worlds of total cost).
    public let markLevels: [Double]
    public let collectionBudget: Int

    /// Pass 1 so far.
    public private(set) var firstPass: SeriesFirstPass
    private var blockSum = LanedSum()
    private var pilot: [Double] = []

    private var count = 0
    private var mean = 0.0
    private var least = 0.0
    private var greatest = 0.0
    private var squares = LanedSum()
    private var histogram: [Int] = []
    private var histogramWidth = 0.0
    private var search: OrderStatisticSearch?
    private var pass = 1
    private var seen = 0

    /// - Parameters:
    ///   - firstWorld: where pass 1 begins (0, or a shard's first world: a multiple of ``sumBlock``).
    ///   - bins: the first pass's bins when known already (a shard's, from the pilot worlds).
    public init(
        riskLevel: Double?, markLevels: [Double] = [],
        collectionBudget: Int = OrderStatisticSearch.defaultCollectionBudget,
        firstWorld: Int = 0, bins: BinGeometry? = nil
    ) {
        precondition(firstWorld % Self.sumBlock == 0)
        self.riskLevel = riskLevel
        self.markLevels = markLevels
        self.collectionBudget = collectionBudget
        firstPass = SeriesFirstPass(
            firstWorld: firstWorld, bins: bins.map { ValueBins($0, firsts: !markLevels.isEmpty) })
    }

    /// True when another pass over the worlds is needed.
    public var needsPass: Bool { pass == 2 || !(search?.isDone ?? true) }

    // MARK: pass 1

    /// Takes in the next values of pass 1 (the worlds after those seen so far).
    public func first(_ values: UnsafeBufferPointer<Double>) {
        var world = firstPass.firstWorld + firstPass.count
        var rest = values[...]
        if firstPass.bins == nil {
            let held = rest.prefix(Self.pilotWorlds - pilot.count)
            pilot += held
            rest = rest.dropFirst(held.count)
            if pilot.count == Self.pilotWorlds { binPilot() }
        }
        // sums, block by block of absolute world index
        var start = 0
        while start < values.count {
            let end = Swift.min(values.count, start + Self.sumBlock - (world + start) % Self.sumBlock)
            blockSum.add(UnsafeBufferPointer(rebasing: values[start..<end])) { $0 }
            if (world + end) % Self.sumBlock == 0 { closeBlock() }
            start = end
        }
        if let bins = firstPass.bins {
            world += values.count - rest.count
            for x in rest {
                bins.add(x, world: world)
                world += 1
            }
        }
        firstPass.count += values.count
    }

    private func closeBlock() {
        firstPass.blockSums.append(blockSum.total)
        blockSum = LanedSum()
    }

    private func binPilot() {
        let bins = ValueBins(
            .pilot(lo: pilot.min() ?? 0, hi: pilot.max() ?? 0, worlds: pilot.count), firsts: !markLevels.isEmpty)
        for (world, x) in pilot.enumerated() { bins.add(x, world: world) }
        firstPass.bins = bins
        pilot = []
    }

    /// Ends pass 1 over this series' worlds (a shard ends here, keeping ``firstPass``).
    public func closeFirstPass() {
        if firstPass.bins == nil { binPilot() }
        if (firstPass.firstWorld + firstPass.count) % Self.sumBlock != 0 { closeBlock() }
    }

    /// Ends pass 1 over all the worlds (its state merged from shards, or this process's own):
    /// the mean, the extremes, and the ranks the order statistics need.
    public func endFirstPass(merged: SeriesFirstPass? = nil) {
        if merged == nil { closeFirstPass() }
        let state = merged ?? firstPass
        precondition(state.count > 0 && state.firstWorld == 0, "a summary needs every world from world 0")
        count = state.count
        let bins = state.bins!
        var total = CompensatedSum()
        for block in state.blockSums { total.add(block) }
        mean = total.value / Double(count)
        // The extremes are those of the bins: every value went to one.
        least = (0..<bins.k).map { bins.least[$0] }.min()!
        greatest = (0..<bins.k).map { bins.greatest[$0] }.max()!
        histogram = [Int](repeating: 0, count: greatest > least ? Self.fineBins : 1)
        histogramWidth = (greatest - least) / Double(Self.fineBins)
        let wanted = Self.ranks(count, riskLevel: riskLevel, marks: markLevels)
        search = OrderStatisticSearch(
            bins: bins, n: count, ranks: wanted.ranks, tailRank: wanted.tail, collectionBudget: collectionBudget)
        firstPass.bins = nil
        pass = 2
        seen = 0
    }

    // MARK: passes 2…

    /// Takes in the next values of a later pass (worlds in order from world 0).
    public func later(_ values: UnsafeBufferPointer<Double>) {
        if pass == 2 {
            let mean = self.mean, bins = histogram.count, least = self.least, width = histogramWidth
            squares.add(values) { ($0 - mean) * ($0 - mean) }
            if bins > 1 {
                // the bin of x is ⌊(x − least) / width⌋ (the last bin closed); the division is
                // done only where a product by 1/width could fall on the other side of an integer
                // (never at x = least, where a series floored at zero has most of its worlds: slack 0)
                // (a width so small that 1/width overflows: inverse 0, every bin by the division)
                let inverse = (1 / width).isFinite ? 1 / width : 0, last = Double(bins - 1)
                histogram.withUnsafeMutableBufferPointer { counts in
                    for x in values {
                        let offset = x - least
                        var t = offset * inverse
                        let slack = t * 0x1p-50, whole = Double(Int(t))
                        if Swift.min(t - whole, whole + 1 - t) < slack { t = offset / width }  // one test, rarely true
                        counts[Int(Swift.min(t, last))] += 1
                    }
                }
            }
        }
        if !search!.isDone { search!.see(values, firstWorld: seen) }
        seen += values.count
    }

    public func endLaterPass() {
        precondition(seen == count, "a later pass must see every world again")
        if pass == 2 && histogram.count == 1 { histogram[0] = count }
        if !search!.isDone { search!.endPass() }
        pass += 1
        seen = 0
    }

    // MARK: results

    /// Type-7 quantiles need order statistics ⌊h⌋ and ⌊h⌋ + 1 for h = (n − 1) p; the CVaR the
    /// first rank of the tail, ⌊n · level⌋; a mark (an extreme world) rank round((n − 1) p).
    public static func ranks(_ n: Int, riskLevel: Double?, marks: [Double]) -> (ranks: [Int], tail: Int?) {
        var ranks: [Int] = []
        for level in Summary.levels + (riskLevel.map { [$0 * 100] } ?? []) {
            let k = Int((Double(n - 1) * level / 100).rounded(.down))
            ranks += [k, Swift.min(k + 1, n - 1)]
        }
        ranks += marks.map { markRank(n, $0) }
        let tail = riskLevel.map { n - TailRisk.tailCount(n, level: $0) }
        return (ranks, tail)
    }

    public static func markRank(_ n: Int, _ level: Double) -> Int { Int((Double(n - 1) * level).rounded()) }

    public func statistic(rank: Int) -> OrderStatistic { search!.found[rank]! }

    /// The fine bins from the one holding `low` (P1) to the one holding `high` (P99), grouped into
    /// at most ``histogramBins`` bins of whole fine bins (as equal as whole bins allow); the worlds
    /// of the fine bins below and above counted as the tails. Every edge is a fine bin's edge, so
    /// every count is exact.
    public func histogramOverP1P99(low: Double, high: Double) -> Summary.Histogram {
        guard histogram.count > 1 else {
            return Summary.Histogram(edges: [least, greatest], counts: [count], below: 0, above: 0)
        }
        let fine = histogram.count
        func bin(_ x: Double) -> Int { Swift.max(0, Swift.min(Int((x - least) / histogramWidth), fine - 1)) }
        func edge(_ i: Int) -> Double { i == fine ? greatest : least + Double(i) * histogramWidth }
        let first = bin(low), last = Swift.max(bin(high), first), span = last - first + 1
        let groups = Swift.min(Self.histogramBins, span)
        let bounds = (0...groups).map { first + $0 * span / groups }
        let counts = (0..<groups).map { k in histogram[bounds[k]..<bounds[k + 1]].reduce(0, +) }
        return Summary.Histogram(
            edges: bounds.map(edge), counts: counts, below: histogram[..<first].reduce(0, +),
            above: histogram[(last + 1)...].reduce(0, +))
    }

    /// The summary, and the tail risk when asked, once no pass is needed.
    public func summary() -> (Summary, TailRisk?) {
        precondition(!needsPass)
        let n = count
        func quantile(_ level: Double) -> Double {
            let h = Double(n - 1) * level / 100
            let k = Int(h.rounded(.down))
            let below = statistic(rank: k).value, above = statistic(rank: Swift.min(k + 1, n - 1)).value
            return below + (h - h.rounded(.down)) * (above - below)
        }
        let sd = n > 1 ? (squares.total.value / Double(n - 1)).squareRoot() : 0
        var risk: TailRisk?
        if let riskLevel {
            let tail = TailRisk.tailCount(n, level: riskLevel), tailStart = n - tail
            let threshold = statistic(rank: tailStart).value
            let above = search!.tail!
            risk = TailRisk(
                level: riskLevel, valueAtRisk: quantile(riskLevel * 100),
                conditionalValueAtRisk: (above.sum + Double(tail - above.count) * threshold) / Double(tail))
        }
        let summary = Summary(
            mean: mean, sd: sd, se: sd / Double(n).squareRoot(), min: least, max: greatest,
            percentiles: Summary.levels.map { Summary.Percentile(p: $0, value: quantile($0)) },
            histogram: histogramOverP1P99(low: quantile(1), high: quantile(99)))
        return (summary, risk)
    }
}

/// Pass 1 of one series over a range of worlds: what a shard keeps, and what shards merge into
/// the state of one pass over all the worlds.
public struct SeriesFirstPass {
    /// The range's first world (a multiple of ``SeriesStatistics/sumBlock``) and its worlds.
    public var firstWorld: Int
    public var count = 0
    /// The compensated sum of each block of ``SeriesStatistics/sumBlock`` worlds, in order.
    public var blockSums: [CompensatedSum] = []
    public var bins: ValueBins?

    public init(firstWorld: Int, bins: ValueBins?) {
        self.firstWorld = firstWorld
        self.bins = bins
    }

    /// The state of one pass over this range and then `next` (which must follow it directly).
    public func followed(by next: SeriesFirstPass) -> SeriesFirstPass {
        precondition(next.firstWorld == firstWorld + count && count % SeriesStatistics.sumBlock == 0)
        var joined = self
        joined.count += next.count
        joined.blockSums += next.blockSums
        bins!.merge(next.bins!)
        return joined
    }
}
