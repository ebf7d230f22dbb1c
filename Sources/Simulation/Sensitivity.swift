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
    static func rank(inputs: [(key: String, values: UnsafeBufferPointer<Double>)],
                     outputs: [(name: String, values: UnsafeBufferPointer<Double>)]) -> [SensitivityRanking] {
        let inputRanks = inputs.map { (key: $0.key, ranks: CentredRanks($0.values)) }.filter { $0.ranks.sumOfSquares > 0 }
        return outputs.map { output in
            let outputRanks = CentredRanks(output.values)
            let entries = inputRanks.map { Entry(input: $0.key, spearman: $0.ranks.correlation(outputRanks)) }
                .sorted { abs($0.spearman) > abs($1.spearman) || (abs($0.spearman) == abs($1.spearman) && $0.input < $1.input) }
            return SensitivityRanking(output: output.name, sample: output.values.count, inputs: entries)
        }
    }
}
