import WorkSharing
import Dispatch

/// Which uncertain inputs drive an output: Spearman rank correlation of each input
/// with the output over a sample of worlds — the numbers behind a tornado chart.
public struct SensitivityRanking: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var input: String
        /// Spearman's ρ between the input and the output (−1…1).
        public var spearman: Double
    }

    /// e.g. `cost 2026-27`, `total cost`.
    public var output: String
    /// Worlds the ranking is computed on.
    public var sample: Int
    /// Inputs by decreasing |ρ|.
    public var inputs: [Entry]

    /// Ranks centred on their mean, with their sum of squares: ranks of n values average (n + 1)/2
    /// whatever the ties, so each vector is centred once and every pair costs one dot product.
    public struct CentredRanks {
        var values: [Double]
        var sumOfSquares: Double

        init(_ data: UnsafeBufferPointer<Double>) {
            (values, sumOfSquares) = RadixSort.centredRanks(data)
        }

        /// Pearson correlation of two rank vectors: Spearman's ρ. The dot product runs in four
        /// lanes (so that it pipelines); its sum is exact in any order (``RadixSort/centredRanks(_:)``).
        func correlation(_ other: CentredRanks) -> Double {
            guard sumOfSquares > 0, other.sumOfSquares > 0 else { return 0 }
            let n = Swift.min(values.count, other.values.count)
            var lanes = (0.0, 0.0, 0.0, 0.0)
            values.withUnsafeBufferPointer { a in
                other.values.withUnsafeBufferPointer { b in
                    var i = 0
                    while i + 4 <= n {
                        lanes.0 += a[i] * b[i]
                        lanes.1 += a[i + 1] * b[i + 1]
                        lanes.2 += a[i + 2] * b[i + 2]
                        lanes.3 += a[i + 3] * b[i + 3]
                        i += 4
                    }
                    while i < n {
                        lanes.0 += a[i] * b[i]
                        i += 1
                    }
                }
            }
            let dot = (lanes.0 + lanes.1) + (lanes.2 + lanes.3)
            return dot / (sumOfSquares * other.sumOfSquares).squareRoot()
        }
    }

    /// Ranks every input against each output. Inputs that did not vary in the sample are left out.
    /// The rank vectors (one radix sort each), then the correlations (one dot product per input
    /// and output), are computed on `threads` threads, each into its own slot.
    public static func rank(
        inputs: [(key: String, values: UnsafeBufferPointer<Double>)],
        outputs: [(name: String, values: UnsafeBufferPointer<Double>)], threads: Int = 1
    ) -> [SensitivityRanking] {
        nonisolated(unsafe) let vectors = inputs.map(\.values) + outputs.map(\.values)  // read-only on every thread
        let slots = Slots<CentredRanks>(count: vectors.count)
        Parallel.jobs(vectors.count, threads: threads) { i in slots.set(i, CentredRanks(vectors[i])) }
        let ranks = slots.values
        let varying = inputs.indices.filter { ranks[$0].sumOfSquares > 0 }
        let correlations = Slots<Double>(count: varying.count * outputs.count)
        Parallel.jobs(varying.count * outputs.count, threads: threads) { pair in
            let (o, v) = pair.quotientAndRemainder(dividingBy: varying.count)
            correlations.set(pair, ranks[varying[v]].correlation(ranks[inputs.count + o]))
        }
        let rho = correlations.values
        return outputs.indices.map { o in
            let entries = varying.indices.map {
                Entry(input: inputs[varying[$0]].key, spearman: rho[o * varying.count + $0])
            }
            .sorted {
                abs($0.spearman) > abs($1.spearman) || (abs($0.spearman) == abs($1.spearman) && $0.input < $1.input)
            }
            return SensitivityRanking(output: outputs[o].name, sample: outputs[o].values.count, inputs: entries)
        }
    }
}

/// The results of a parallel step, one slot each (each written by one thread).
private final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = Lock()

    public init(count: Int) { slots = [Value?](repeating: nil, count: count) }

    public func set(_ i: Int, _ value: Value) { lock.locked { slots[i] = value } }

    public var values: [Value] { lock.locked { slots.map { $0! } } }
}
