/// Summary statistics of one output over the worlds of a run.
public struct Summary: Codable, Sendable, Equatable {
    public var mean: Double
    public var sd: Double
    /// Standard error of the mean, sd / √n.
    public var se: Double
    public var min: Double
    public var max: Double
    /// Percentiles 1, 5, 10, 25, 50, 75, 90, 95, 99 (linear interpolation between order statistics).
    public var percentiles: [Percentile]
    public var histogram: Histogram

    public struct Percentile: Codable, Sendable, Equatable {
        public var p: Double
        public var value: Double
    }

    /// Worlds by value over P1 … P99 (the bins' edges as near as the counting allows: each is an
    /// edge of one of 4,096 equal bins from the least to the greatest value), with the worlds
    /// beyond counted apart; a constant has one bin of every world.
    public struct Histogram: Codable, Sendable, Equatable {
        /// Bin edges, bins + 1 values.
        public var edges: [Double]
        public var counts: [Int]
        /// Worlds below the first edge and above the last (nil in a run stored before they were counted).
        public var below: Int?
        public var above: Int?
    }

    public static let levels: [Double] = [1, 5, 10, 25, 50, 75, 90, 95, 99]

    /// Summarises `values` (at least one), with the tail risk at `riskLevel` when asked: the same
    /// passes (``SeriesStatistics``) as every output of a Monte Carlo run.
    public static func of(_ values: UnsafeBufferPointer<Double>, riskLevel: Double? = nil) -> (Summary, TailRisk?) {
        let statistics = SeriesStatistics(riskLevel: riskLevel)
        statistics.first(values)
        statistics.endFirstPass()
        while statistics.needsPass {
            statistics.later(values)
            statistics.endLaterPass()
        }
        return statistics.summary()
    }

    /// Type-7 quantile of already sorted values: h = (n − 1) p, interpolated between ⌊h⌋ and ⌊h⌋ + 1.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        quantile(count: sorted.count, p) { sorted[$0] }
    }

    /// The order statistics (0-based ranks) a type-7 quantile of `n` values reads: ⌊h⌋ and ⌊h⌋ + 1.
    public static func quantileRanks(count n: Int, _ p: Double) -> [Int] {
        let lo = Int((Double(n - 1) * p).rounded(.down))
        return [lo, Swift.min(lo + 1, n - 1)]
    }

    /// Type-7 quantile of `n` values given their order statistics by rank (``quantileRanks(count:_:)``).
    public static func quantile(count n: Int, _ p: Double, orderStatistic: (Int) -> Double) -> Double {
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, n - 1)
        let low = orderStatistic(lo)
        return low + (h - Double(lo)) * (orderStatistic(hi) - low)
    }

    public func percentile(_ p: Double) -> Double? { percentiles.first { $0.p == p }?.value }
}

/// Value at risk and conditional value at risk of a cost at a level (e.g. 0.95).
public struct TailRisk: Codable, Sendable, Equatable {
    public var level: Double
    /// The level-quantile of cost.
    public var valueAtRisk: Double
    /// The mean cost of the worlds at or above the VaR: the expected cost in the worst (1 − level) share.
    public var conditionalValueAtRisk: Double

    /// How many of `n` worlds the CVaR at `level` averages: those from rank `⌊n × level⌋` up (at least one).
    public static func tailCount(_ n: Int, level: Double) -> Int {
        n - Swift.min(Int((Double(n) * level).rounded(.down)), n - 1)
    }
}
