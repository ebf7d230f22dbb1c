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
/// uniforms, and each input's inverse CDF into values. Keys are sorted (common factors first) so
/// the factorisation does not depend on the order the scenario lists them in.
///
/// A key `common.<name>` is a common factor: a standard normal that is not an input of the
/// scenario but is drawn once per world from the run's own seed, so every entity of a portfolio
/// that correlates an input with it meets the same value in the same world (a sector's demand, the
/// economy, verifiers' stringency). Two entities' inputs at normal-scale correlations ρ₁ and ρ₂
/// with one factor are correlated ρ₁ρ₂ with each other; the entity's own part stays its own.
public struct CorrelationModel: Sendable {
    /// The correlated inputs' keys: the common factors, then the inputs, each sorted.
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
        // Common factors first: with no correlation between them (the loader refuses one), their rows
        // of the factor are the identity, so each is its own stream's normal — the same value for
        // every entity that meets it in a world.
        let all = Set(correlations.flatMap { [$0.first, $0.second] })
        let keys = all.filter(isCommon).sorted() + all.filter { !isCommon($0) }.sorted()
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
                        "the requested correlations are not positive semi-definite (they cannot hold together: e.g. "
                        + "A~B 0.9 and B~C 0.9 force A~C to be strongly positive)",
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

    /// The prefix of a common factor's key.
    public static let commonPrefix = "common."

    public static func isCommon(_ key: String) -> Bool { key.hasPrefix(commonPrefix) }
}
