/// A sum of doubles with its rounding error carried alongside (Kahan–Babuška–Neumaier): each
/// addition's exact error is found by Knuth's TwoSum (six operations, no branch) and added to
/// `compensation`, which joins the total at the end. The error of the result does not grow with
/// the number of terms (about one rounding, against n roundings for a plain running sum). Used
/// for every mean, variance and tail sum of a Monte Carlo run; the terms are always added in a
/// fixed order (world index, or bin order), so the result is the same for any thread count and
/// for the in-memory and bounded-memory paths.
public struct CompensatedSum: Sendable, Equatable {
    public private(set) var sum = 0.0
    public private(set) var compensation = 0.0

    public init() {}

    /// A sum as stored (a shard's), its total and carried error.
    public init(sum: Double, compensation: Double) {
        self.sum = sum
        self.compensation = compensation
    }

    @inline(__always)
    public mutating func add(_ x: Double) {
        let t = sum + x
        let z = t - sum
        compensation += (sum - (t - z)) + (x - z)
        sum = t
    }

    /// Adds another compensated sum (its total and its carried error).
    @inline(__always)
    public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    public var value: Double { sum + compensation }
}

/// Four compensated sums taking the terms of worlds 0, 1, 2, 3 (mod 4) in turn, joined in lane
/// order at the end: four independent dependency chains instead of one, so the additions overlap
/// in the processor. Which lane a term joins depends on its world index alone, so the result
/// does not depend on how worlds were split into blocks or threads.
public struct LanedSum {
    private var lanes = (CompensatedSum(), CompensatedSum(), CompensatedSum(), CompensatedSum())
    /// Terms taken so far (the next term's lane is terms mod 4).
    private var terms = 0

    /// Adds `f(x)` for each value, in order.
    @inline(__always)
    public mutating func add(_ values: UnsafeBufferPointer<Double>, _ f: (Double) -> Double) {
        var i = 0
        // Bring the next term to lane 0.
        while i < values.count && terms % 4 != 0 {
            addOne(f(values[i]))
            i += 1
        }
        var (a, b, c, d) = lanes
        let start = i, end = i + (values.count - i) / 4 * 4
        while i < end {
            a.add(f(values[i]))
            b.add(f(values[i + 1]))
            c.add(f(values[i + 2]))
            d.add(f(values[i + 3]))
            i += 4
        }
        lanes = (a, b, c, d)
        terms += end - start
        while i < values.count {
            addOne(f(values[i]))
            i += 1
        }
    }

    @inline(__always)
    private mutating func addOne(_ x: Double) {
        switch terms % 4 {
        case 0: lanes.0.add(x)
        case 1: lanes.1.add(x)
        case 2: lanes.2.add(x)
        default: lanes.3.add(x)
        }
        terms += 1
    }

    /// The four lanes joined in lane order.
    public var total: CompensatedSum {
        var total = lanes.0
        total.add(lanes.1)
        total.add(lanes.2)
        total.add(lanes.3)
        return total
    }
}

/// Welford's running mean and sum of squared deviations, updated world by world in index order:
/// the standard error of a mean as worlds come in, with no cancellation between large sums of
/// INR and their squares. `--until-se` and the convergence trace of the report read it.
public struct RunningMoments: Sendable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var squares = 0.0

    public init() {}

    @inline(__always)
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        squares += delta * (x - mean)
    }

    /// sd / √n; infinite below two worlds.
    public var standardError: Double {
        count >= 2 ? (squares / Double(count - 1) / Double(count)).squareRoot() : .infinity
    }
}
