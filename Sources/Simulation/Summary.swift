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

    public struct Histogram: Codable, Sendable, Equatable {
        /// Bin edges, bins + 1 values from min to max.
        public var edges: [Double]
        public var counts: [Int]
    }

    public static let levels: [Double] = [1, 5, 10, 25, 50, 75, 90, 95, 99]

    /// Summarises `values` (at least one), with the tail risk at `riskLevel` when asked.
    /// Sums run in index order, so the result does not depend on how worlds were split between threads.
    public static func of(_ values: UnsafeBufferPointer<Double>, bins: Int = 20, riskLevel: Double? = nil) -> (Summary, TailRisk?) {
        let n = values.count
        var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
        for x in values {
            sum += x
            lo = Swift.min(lo, x)
            hi = Swift.max(hi, x)
        }
        let mean = sum / Double(n)
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        let sd = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0

        // Type-7 quantiles: h = (n − 1) p, interpolated between order statistics ⌊h⌋ and ⌊h⌋ + 1.
        // Type-7 quantiles: h = (n − 1) p, interpolated between order statistics ⌊h⌋ and ⌊h⌋ + 1.
        var ranks: [Int] = []
        for level in levels + (riskLevel.map { [$0 * 100] } ?? []) {
            let k = Int((Double(n - 1) * level / 100).rounded(.down))
            ranks += [k, Swift.min(k + 1, n - 1)]
        }
        let tailStart = riskLevel.map { Swift.min(Int((Double(n) * $0).rounded(.down)), n - 1) }
        if let tailStart { ranks.append(tailStart) }
        let selected = RadixSelect.values(values, ranks: ranks)
        func quantile(_ index: Int, _ level: Double) -> Double {
            let h = Double(n - 1) * level / 100
            let below = selected[2 * index], above = selected[2 * index + 1]
            return below + (h - h.rounded(.down)) * (above - below)
        }
        var risk: TailRisk?
        if let riskLevel, let tailStart {
            // CVaR: the mean of the n − tailStart largest values. Those above the tail's first
            // value, plus as many copies of it as the ranks need (ties are counted exactly).
            let threshold = selected[ranks.count - 1]
            var sumAbove = 0.0, countAbove = 0
            for x in values where x > threshold {
                sumAbove += x
                countAbove += 1
            }
            let tail = n - tailStart
            risk = TailRisk(level: riskLevel, valueAtRisk: quantile(levels.count, riskLevel * 100),
                            conditionalValueAtRisk: (sumAbove + Double(tail - countAbove) * threshold) / Double(tail))
        }
        let summary = Summary(mean: mean, sd: sd, se: sd / Double(n).squareRoot(), min: lo, max: hi,
                              percentiles: levels.enumerated().map { Percentile(p: $1, value: quantile($0, $1)) },
                              histogram: histogram(values, min: lo, max: hi, bins: bins))
        return (summary, risk)
    }

    /// Type-7 quantile of already sorted values: h = (n − 1) p, interpolated between ⌊h⌋ and ⌊h⌋ + 1.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static func histogram(_ values: UnsafeBufferPointer<Double>, min lo: Double, max hi: Double, bins: Int) -> Histogram {
        guard hi > lo else { return Histogram(edges: [lo, hi], counts: [values.count]) }
        let width = (hi - lo) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for x in values { counts[Swift.min(Int((x - lo) / width), bins - 1)] += 1 }
        return Histogram(edges: (0...bins).map { lo + Double($0) * width }, counts: counts)
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

}
