/// An input value that may be uncertain.
///
/// Scenario files write `normal(190000, 8000)` where a number may stand. A
/// deterministic run uses each distribution's ``expectedValue``; Monte Carlo
/// runs draw from it.
public enum Distribution: Sendable, Equatable {
    case fixed(Double)
    case uniform(min: Double, max: Double)
    /// Normal, optionally truncated to `[lower, upper]` (either may be infinite).
    case normal(mean: Double, sd: Double, lower: Double, upper: Double)
    /// Lognormal by the mean and standard deviation of the value itself.
    case lognormal(mean: Double, sd: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case pert(min: Double, mode: Double, max: Double)
    case beta(alpha: Double, beta: Double)
    /// `scale × Beta(α, β)`: a beta-distributed quantity in other units, or scaled by a measure.
    case scaledBeta(alpha: Double, beta: Double, scale: Double)
    /// Discrete values with weights (normalised by the sampler).
    case discrete(values: [Double], weights: [Double])

    /// The mean of the distribution: the value a deterministic run uses.
    ///
    /// Truncated normals use the untruncated mean clamped to the bounds, a stated
    /// simplification for the deterministic case only.
    public var expectedValue: Double {
        switch self {
        case .fixed(let x): return x
        case .uniform(let a, let b): return (a + b) / 2
        case .normal(let mean, _, let lower, let upper): return Swift.min(Swift.max(mean, lower), upper)
        case .lognormal(let mean, _): return mean
        case .triangular(let a, let c, let b): return (a + c + b) / 3
        case .pert(let a, let m, let b): return (a + 4 * m + b) / 6
        case .beta(let a, let b): return a / (a + b)
        case .scaledBeta(let a, let b, let k): return k * a / (a + b)
        case .discrete(let values, let weights):
            let total = weights.reduce(0, +)
            return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        }
    }

    /// N(0, 1): the shocks of price paths.
    public static let standardNormal = Distribution.normal(mean: 0, sd: 1, lower: -.infinity, upper: .infinity)

    /// The distribution of `k × X` for k > 0: a quantity in another unit, or scaled by a measure.
    /// Drawn from the same stream it gives `k` times the draw of `X`, so scaling keeps common random numbers.
    public func scaled(by k: Double) -> Distribution {
        switch self {
        case .fixed(let x): return .fixed(x * k)
        case .uniform(let a, let b): return .uniform(min: a * k, max: b * k)
        case .normal(let m, let s, let lo, let hi): return .normal(mean: m * k, sd: s * k, lower: lo * k, upper: hi * k)
        case .lognormal(let m, let s): return .lognormal(mean: m * k, sd: s * k)
        case .triangular(let a, let c, let b): return .triangular(min: a * k, mode: c * k, max: b * k)
        case .pert(let a, let c, let b): return .pert(min: a * k, mode: c * k, max: b * k)
        case .discrete(let v, let w): return .discrete(values: v.map { $0 * k }, weights: w)
        case .beta(let a, let b): return .scaledBeta(alpha: a, beta: b, scale: k)
        case .scaledBeta(let a, let b, let s): return .scaledBeta(alpha: a, beta: b, scale: s * k)
        }
    }

    /// True for `.fixed`.
    public var isFixed: Bool { if case .fixed = self { return true } else { return false } }
}
