#if canImport(Glibc)
    import Glibc
#endif

/// A Beta (or PERT) marginal's value at a standard normal score z, Q(z) = c + (d − c)·B⁻¹(Φ(z); α, β),
/// tabulated once per correlated input so the copula costs a table lookup per world instead of
/// a bisection of the incomplete beta function (about 40 evaluations of a continued fraction):
/// a correlated PERT input drew 0.03 M worlds/s against 0.74 M without the correlation.
///
/// The table is in z, not in u = Φ(z): Q is smooth in z with bounded derivatives over the whole
/// range (in u its slope is infinite at both ends). Knots every 1/64 on [−8.25, 8.25]; between
/// them a cubic Hermite interpolant with the exact slopes dQ/dz = (d − c)·φ(z) / f(x), f the Beta
/// density at x = B⁻¹(Φ(z)). Its error is below 1e-9 of the range (a test checks it against the
/// bisection at 20,000 points); beyond ±8.25 (Φ < 1e-16) the exact quantile is computed.
public struct CopulaQuantileTable: Sendable {
    static let reach = 8.25
    static let knotsPerUnit = 64.0
    let lower: Double
    let range: Double
    let alpha: Double
    let beta: Double
    /// Q at the knots, then dQ/dz at the knots (scaled by the knot spacing for the Hermite basis).
    let values: [Double]
    let slopes: [Double]

    public init(alpha: Double, beta: Double, lower: Double, upper: Double) {
        (self.alpha, self.beta, self.lower, self.range) = (alpha, beta, lower, upper - lower)
        let count = Int(2 * Self.reach * Self.knotsPerUnit) + 1
        let logB = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta)
        var values = [Double](repeating: 0, count: count), slopes = [Double](repeating: 0, count: count)
        let h = 1 / Self.knotsPerUnit
        for i in 0..<count {
            let z = -Self.reach + Double(i) * h
            let x = Self.betaAtNormal(z, alpha, beta)
            values[i] = lower + range * x
            let density = exp((alpha - 1) * log(x) + (beta - 1) * log1p(-x) - logB)
            let phi = exp(-0.5 * z * z) * 0.3989422804014327
            slopes[i] = range * phi / density * h
        }
        // Where the density is 0 or infinite at a knot (x at 0 or 1), a slope from the neighbours.
        for i in 0..<count where !slopes[i].isFinite {
            let left = max(i - 1, 0), right = min(i + 1, count - 1)
            slopes[i] = (values[right] - values[left]) / Double(right - left)
        }
        self.values = values
        self.slopes = slopes
    }

    /// Q(z); the exact quantile beyond the table.
    @inline(__always)
    public func value(_ z: Double) -> Double {
        let t = (z + Self.reach) * Self.knotsPerUnit
        guard t >= 0, t < Double(values.count - 1) else { return exactValue(z) }
        let i = Int(t), s = t - Double(i)
        return values.withUnsafeBufferPointer { v in
            slopes.withUnsafeBufferPointer { m in
                let s2 = s * s, s3 = s2 * s
                let h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2
                return h00 * v[i] + h10 * m[i] + h01 * v[i + 1] + h11 * m[i + 1]
            }
        }
    }

    /// The quantile by bisection, for the tails the table leaves out (and for the tests).
    public func exactValue(_ z: Double) -> Double {
        lower + range * Self.betaAtNormal(z, alpha, beta)
    }

    /// B⁻¹(Φ(z); α, β), from the side where Φ is precise: above zero, Φ(z) = 1 − Φ(−z) rounds away
    /// the digits that matter (Φ(8) is 1 − 6e-16), so there it is 1 − B⁻¹(Φ(−z); β, α).
    static func betaAtNormal(_ z: Double, _ alpha: Double, _ beta: Double) -> Double {
        z <= 0
            ? SpecialFunctions.betaQuantile(SpecialFunctions.normalCDF(z), alpha, beta)
            : 1 - SpecialFunctions.betaQuantile(SpecialFunctions.normalCDF(-z), beta, alpha)
    }
}
