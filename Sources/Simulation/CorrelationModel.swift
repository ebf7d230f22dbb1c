#if canImport(Glibc)
    import Glibc
#endif
import CCTS

/// Rank correlations between inputs, as a Gaussian copula.
///
/// Requested Spearman correlations ρs become normal-scale correlations
/// ρ = 2 sin(π ρs / 6) (exact for the Gaussian copula); the matrix is factored
/// once (Cholesky). In a world, each correlated input's own stream gives an
/// independent N(0, 1) draw z; `L z` makes them correlated, Φ turns them into
/// uniforms, and each input's inverse CDF into values. Keys are sorted so the
/// factorisation does not depend on the order the scenario lists them in.
public struct CorrelationModel: Sendable {
    /// The correlated inputs' keys, sorted.
    public let keys: [String]
    /// Row-major lower-triangular Cholesky factor, n × n.
    public let lower: [Double]

    public static let none = CorrelationModel(keys: [], lower: [])

    init(keys: [String], lower: [Double]) {
        self.keys = keys
        self.lower = lower
    }

    /// Builds the model, or throws when the requested correlations cannot hold together.
    public static func build(_ correlations: [InputCorrelation], file: String) throws -> CorrelationModel {
        guard !correlations.isEmpty else { return .none }
        let keys = Array(Set(correlations.flatMap { [$0.first, $0.second] })).sorted()
        let n = keys.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n { matrix[i * n + i] = 1 }
        for c in correlations {
            let i = keys.firstIndex(of: c.first)!, j = keys.firstIndex(of: c.second)!
            let rho = 2 * sin(Double.pi * c.rank / 6)
            matrix[i * n + j] = rho
            matrix[j * n + i] = rho
        }
        var lower = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var pivot = matrix[j * n + j]
            for k in 0..<j { pivot -= lower[j * n + k] * lower[j * n + k] }
            if pivot < -1e-9 {
                throw InputError(
                    file: file, path: "correlations",
                    message:
                        "the requested correlations are not positive semi-definite (they cannot hold together: e.g. A~B 0.9 and B~C 0.9 force A~C to be strongly positive)",
                    suggestion: "weaken the correlations involving '\(keys[j])'")
            }
            let diagonal = max(pivot, 0).squareRoot()
            lower[j * n + j] = diagonal
            for i in (j + 1)..<n {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                lower[i * n + j] = diagonal > 1e-12 ? sum / diagonal : 0
            }
        }
        return CorrelationModel(keys: keys, lower: lower)
    }

    public func index(of key: String) -> Int? { keys.firstIndex(of: key) }

    /// The correlated normal of input `index` in `world`: Σ_j L[index][j] z_j, with z_j the first
    /// normal of input j's own stream.
    public func normal(_ index: Int, seed: UInt64, world: UInt64, hashes: [UInt64], ziggurat: Ziggurat) -> Double {
        let n = keys.count
        var sum = 0.0
        for j in 0...index {
            var stream = RandomStream(seed: seed, world: world, keyHash: hashes[j])
            sum += lower[index * n + j] * ziggurat.normal(&stream)
        }
        return sum
    }
}
