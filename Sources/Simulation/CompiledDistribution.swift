#if canImport(Glibc)
    import Glibc
#endif
import CCTS

/// A ``Distribution`` reduced to a kind and four parameters, ready for the hot loop.
///
/// Discrete tables live in a shared flat buffer (``DiscreteTables``) so that a
/// compiled distribution holds no reference and copying it costs nothing.
public struct CompiledDistribution: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case fixed, uniform, normal, truncatedNormal, lognormal, triangular, beta, discrete, twoPieceNormal
    }

    public var kind: Kind
    /// fixed: value · uniform: min · normal: mean · lognormal: μ of ln · triangular: min · beta: α ·
    /// discrete: offset · two-piece: centre
    public var a: Double
    /// uniform: max · normal: sd · lognormal: σ of ln · triangular: max · beta: β · discrete: count ·
    /// two-piece: sd below
    public var b: Double
    /// truncated normal: lower · triangular: mode · beta: lower end · two-piece: sd above
    public var c: Double
    /// truncated normal: upper · beta: upper end
    public var d: Double
    /// beta: the Gamma samplers of α and β, prepared once.
    public var gammaA: GammaShape
    public var gammaB: GammaShape

    public init(kind: Kind, a: Double = 0, b: Double = 0, c: Double = 0, d: Double = 0) {
        self.kind = kind
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        gammaA = kind == .beta ? GammaShape(a) : GammaShape(1)
        gammaB = kind == .beta ? GammaShape(b) : GammaShape(1)
    }

    /// Compiles a scenario distribution; discrete values go into `tables`.
    public static func compile(_ distribution: Distribution, tables: inout DiscreteTables) -> CompiledDistribution {
        switch distribution {
        case .fixed(let x):
            return CompiledDistribution(kind: .fixed, a: x)
        case .uniform(let lo, let hi):
            return CompiledDistribution(kind: .uniform, a: lo, b: hi)
        case .normal(let mean, let sd, let lower, let upper):
            // Bounds more than 8.5 sd away cut off less than 1e-16 of the mass: the plain normal is the same
            // distribution.
            if (mean - lower) > 8.5 * sd && (upper - mean) > 8.5 * sd {
                return CompiledDistribution(kind: .normal, a: mean, b: sd)
            }
            return CompiledDistribution(kind: .truncatedNormal, a: mean, b: sd, c: lower, d: upper)
        case .lognormal(let mean, let sd):
            // Parameters of ln X from the mean m and sd s of X: σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
            let variance = log(1 + (sd * sd) / (mean * mean))
            return CompiledDistribution(kind: .lognormal, a: log(mean) - variance / 2, b: variance.squareRoot())
        case .triangular(let lo, let mode, let hi):
            return CompiledDistribution(kind: .triangular, a: lo, b: hi, c: mode)
        case .pert(let lo, let mode, let hi):
            // PERT = lo + (hi − lo) × Beta(1 + 4(m − lo)/(hi − lo), 1 + 4(hi − m)/(hi − lo)).
            let range = hi - lo
            guard range > 0 else { return CompiledDistribution(kind: .fixed, a: mode) }
            return CompiledDistribution(
                kind: .beta, a: 1 + 4 * (mode - lo) / range, b: 1 + 4 * (hi - mode) / range, c: lo, d: hi)
        case .beta(let alpha, let beta):
            return CompiledDistribution(kind: .beta, a: alpha, b: beta, c: 0, d: 1)
        case .scaledBeta(let alpha, let beta, let scale):
            return CompiledDistribution(kind: .beta, a: alpha, b: beta, c: 0, d: scale)
        case .discrete(let values, let weights):
            let offset = tables.append(values: values, weights: weights)
            return CompiledDistribution(kind: .discrete, a: Double(offset), b: Double(values.count))
        }
    }

    /// A rule factor's published 95 % range as a two-piece normal around its value:
    /// sd below = (value − low)/1.96, sd above = (high − value)/1.96; draws are clamped at zero.
    public static func factorUncertainty(_ factor: Factor) -> CompiledDistribution {
        guard let range = factor.range else { return CompiledDistribution(kind: .fixed, a: factor.value) }
        return CompiledDistribution(
            kind: .twoPieceNormal, a: factor.value,
            b: (factor.value - range.lowerBound) / 1.959963984540054,
            c: (range.upperBound - factor.value) / 1.959963984540054)
    }

    public var isFixed: Bool { kind == .fixed }
}

/// The constants of Marsaglia and Tsang's Gamma(shape) sampler, computed once per shape.
public struct GammaShape: Sendable, Equatable {
    /// shape − 1/3 (of shape + 1 when shape < 1).
    public let d: Double
    /// 1 / √(9d).
    public let c: Double
    /// 1/shape when shape < 1 (the boost U^(1/shape)), else 0.
    public let boost: Double

    public init(_ shape: Double) {
        let base = shape < 1 ? shape + 1 : shape
        d = base - 1.0 / 3.0
        c = 1 / (9 * d).squareRoot()
        boost = shape < 1 ? 1 / shape : 0
    }
}

/// Values and cumulative weights of every discrete distribution of a plan, in one buffer.
public struct DiscreteTables: Sendable {
    /// For a table at `offset` with `n` entries: values at offset..<offset+n, cumulative
    /// probabilities at offset+n..<offset+2n (the last is exactly 1).
    public private(set) var buffer: [Double] = []

    public init() {}

    mutating func append(values: [Double], weights: [Double]) -> Int {
        let offset = buffer.count
        let total = weights.reduce(0, +)
        buffer += values
        var running = 0.0
        for (index, weight) in weights.enumerated() {
            running += weight
            buffer.append(index == weights.count - 1 ? 1 : running / total)
        }
        return offset
    }
}
