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
    struct CentredRanks {
        var values: [Double]
        var sumOfSquares: Double

        init(_ data: UnsafeBufferPointer<Double>) {
            let mean = Double(data.count + 1) / 2
            values = RadixSort.ranks(data).map { $0 - mean }
            sumOfSquares = values.reduce(0) { $0 + $1 * $1 }
        }

        /// Pearson correlation of two rank vectors: Spearman's ρ.
        func correlation(_ other: CentredRanks) -> Double {
            guard sumOfSquares > 0, other.sumOfSquares > 0 else { return 0 }
            var dot = 0.0
            for i in values.indices { dot += values[i] * other.values[i] }
            return dot / (sumOfSquares * other.sumOfSquares).squareRoot()
        }
    }

    /// Ranks every input against each output. Inputs that did not vary in the sample are left out.
    /// The rank vectors (one radix sort each) are computed on `threads` threads, each into its own slot.
    static func rank(inputs: [(key: String, values: UnsafeBufferPointer<Double>)],
                     outputs: [(name: String, values: UnsafeBufferPointer<Double>)], threads: Int = 1) -> [SensitivityRanking] {
        nonisolated(unsafe) let vectors = inputs.map(\.values) + outputs.map(\.values)   // read-only on every thread
        let slots = RankSlots(count: vectors.count)
        let lanes = Swift.max(1, Swift.min(threads, vectors.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var i = lane
            while i < vectors.count {
                slots.set(i, CentredRanks(vectors[i]))
                i += lanes
            }
        }
        let ranks = slots.values
        let inputRanks = inputs.indices.map { (key: inputs[$0].key, ranks: ranks[$0]) }.filter { $0.ranks.sumOfSquares > 0 }
        return outputs.indices.map { o in
            let outputRanks = ranks[inputs.count + o]
            let entries = inputRanks.map { Entry(input: $0.key, spearman: $0.ranks.correlation(outputRanks)) }
                .sorted { abs($0.spearman) > abs($1.spearman) || (abs($0.spearman) == abs($1.spearman) && $0.input < $1.input) }
            return SensitivityRanking(output: outputs[o].name, sample: outputs[o].values.count, inputs: entries)
        }
    }
}

/// The rank vectors of the parallel ranking, one slot each (each written by one thread).
private final class RankSlots: @unchecked Sendable {
    private var slots: [SensitivityRanking.CentredRanks?]
    private let lock = Lock()

    init(count: Int) { slots = [SensitivityRanking.CentredRanks?](repeating: nil, count: count) }

    func set(_ i: Int, _ ranks: SensitivityRanking.CentredRanks) { lock.locked { slots[i] = ranks } }

    var values: [SensitivityRanking.CentredRanks] { lock.locked { slots.map { $0! } } }
}
