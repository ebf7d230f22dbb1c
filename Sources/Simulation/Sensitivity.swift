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

    /// Pearson correlation of two rank vectors.
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        var meanA = 0.0, meanB = 0.0
        for i in a.indices { meanA += a[i]; meanB += b[i] }
        meanA /= n
        meanB /= n
        var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
        for i in a.indices {
            let x = a[i] - meanA, y = b[i] - meanB
            covariance += x * y
            varianceA += x * x
            varianceB += y * y
        }
        guard varianceA > 0, varianceB > 0 else { return 0 }
        return covariance / (varianceA * varianceB).squareRoot()
    }

    /// Ranks every input against each output. Inputs that did not vary in the sample are left out.
    static func rank(inputs: [(key: String, values: UnsafeBufferPointer<Double>)],
                     outputs: [(name: String, values: UnsafeBufferPointer<Double>)]) -> [SensitivityRanking] {
        let inputRanks = inputs.map { (key: $0.key, ranks: RadixSort.ranks($0.values)) }
            .filter { ranks in ranks.ranks.first.map { first in ranks.ranks.contains { $0 != first } } ?? false }
        return outputs.map { output in
            let outputRanks = RadixSort.ranks(output.values)
            let entries = inputRanks.map { Entry(input: $0.key, spearman: correlation($0.ranks, outputRanks)) }
                .sorted { abs($0.spearman) > abs($1.spearman) || (abs($0.spearman) == abs($1.spearman) && $0.input < $1.input) }
            return SensitivityRanking(output: output.name, sample: output.values.count, inputs: entries)
        }
    }
}
