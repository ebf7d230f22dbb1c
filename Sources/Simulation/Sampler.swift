#if canImport(Glibc)
    import Glibc
#endif

/// Draws values from compiled distributions: independently from a stream, or from a
/// uniform `u` (the inverse-CDF route the copula takes for correlated inputs).
public struct Sampler: Sendable {
    public let ziggurat: Ziggurat
    public let tables: [Double]

    public init(tables: DiscreteTables) {
        ziggurat = .shared
        self.tables = tables.buffer
    }

    /// One draw of `d` from `stream`.
    @inlinable
    public func sample(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double {
        switch d.kind {
        case .fixed:
            return d.a
        case .uniform:
            return uniform(d, &stream)
        case .normal:
            return normal(d, &stream)
        case .truncatedNormal:
            return truncatedNormal(d, &stream)
        case .lognormal:
            return exp(Self.scaled(d, ziggurat.normal(&stream)))
        case .triangular:
            return triangular(d, &stream)
        case .beta:
            return beta(d, &stream)
        case .discrete:
            return discreteQuantile(d, stream.uniform())
        case .twoPieceNormal:
            let z = ziggurat.normal(&stream)
            return max(0, d.a + z * (z < 0 ? d.b : d.c))
        }
    }

    /// One draw of the uniform `d` (``sample(_:_:)`` for that kind; `drawBlock` calls it directly).
    @inlinable @inline(__always)
    public func uniform(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double {
        d.a + (d.b - d.a) * stream.uniform()
    }

    /// One draw of the normal `d`.
    @inlinable @inline(__always)
    public func normal(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double {
        Self.scaled(d, ziggurat.normal(&stream))
    }

    /// The first try of ``normal(_:_:)``: its draw, or nil when the ziggurat's fast path misses
    /// (then ``normal(_:_:)`` on the stream as it was gives the draw).
    @inlinable @inline(__always)
    public func normalFirstTry(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double? {
        guard let z = ziggurat.firstTry(&stream) else { return nil }
        return Self.scaled(d, z)
    }

    /// `a + b z`: the normal `d` (mean `a`, standard deviation `b`; for a lognormal, the log's) at the
    /// standard normal `z`. One place for the independent draw, its first try, the quantiles and the copula.
    @inlinable @inline(__always)
    static func scaled(_ d: CompiledDistribution, _ z: Double) -> Double { d.a + d.b * z }

    /// One draw of the triangular `d`.
    @inlinable @inline(__always)
    public func triangular(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double {
        triangularQuantile(d, stream.uniform())
    }

    /// One draw of the beta (or PERT) `d`: two Gamma draws, scaled to its range.
    @inlinable @inline(__always)
    public func beta(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double {
        let x = gamma(d.gammaA, &stream), y = gamma(d.gammaB, &stream)
        return Self.beta(d, x, y)
    }

    /// The first try of ``beta(_:_:)``: its draw when both Gamma draws are accepted at their first
    /// try (``gammaFirstTry(_:_:)``), else nil (then ``beta(_:_:)`` on the stream as it was).
    @inlinable @inline(__always)
    public func betaFirstTry(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double? {
        guard let x = gammaFirstTry(d.gammaA, &stream), let y = gammaFirstTry(d.gammaB, &stream) else { return nil }
        return Self.beta(d, x, y)
    }

    /// Beta(α, β) on [c, d] from Gamma(α) and Gamma(β) draws.
    @inlinable @inline(__always)
    static func beta(_ d: CompiledDistribution, _ x: Double, _ y: Double) -> Double {
        d.c + (d.d - d.c) * (x / (x + y))
    }

    /// The value of `d` at the standard normal `z` (the copula's route): `d`'s quantile at Φ(z),
    /// computed directly for normal and lognormal marginals.
    @inlinable
    public func fromNormal(_ d: CompiledDistribution, _ z: Double) -> Double {
        switch d.kind {
        case .normal: return Self.scaled(d, z)
        case .lognormal: return exp(Self.scaled(d, z))
        default: return quantile(d, SpecialFunctions.normalCDF(z))
        }
    }

    /// The u-quantile of `d`, for 0 < u < 1.
    public func quantile(_ d: CompiledDistribution, _ u: Double) -> Double {
        switch d.kind {
        case .fixed: return d.a
        case .uniform: return d.a + (d.b - d.a) * u
        case .normal: return Self.scaled(d, SpecialFunctions.normalQuantile(u))
        case .truncatedNormal: return truncatedQuantile(d, u)
        case .lognormal: return exp(Self.scaled(d, SpecialFunctions.normalQuantile(u)))
        case .triangular: return triangularQuantile(d, u)
        case .beta: return d.c + (d.d - d.c) * SpecialFunctions.betaQuantile(u, d.a, d.b)
        case .discrete: return discreteQuantile(d, u)
        case .twoPieceNormal:
            let z = SpecialFunctions.normalQuantile(u)
            return max(0, d.a + z * (z < 0 ? d.b : d.c))
        }
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1) × U^(1/shape).
    @inlinable
    public func gamma(_ shape: GammaShape, _ stream: inout RandomStream) -> Double {
        let d = shape.d, c = shape.c
        var draw = 0.0
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = ziggurat.normal(&stream)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = stream.uniform()
            if Self.squeezed(u, x) || log(u) < 0.5 * x * x + d * (1 - v + log(v)) {
                draw = d * v
                break
            }
        }
        return shape.boost > 0 ? draw * pow(stream.uniform(), shape.boost) : draw
    }

    /// The first try of ``gamma(_:_:)``: the draw when its first normal is the ziggurat's fast
    /// path and the squeeze accepts it (most draws for shapes ≥ 1), else nil (then
    /// ``gamma(_:_:)`` on the stream as it was gives the draw).
    @inlinable @inline(__always)
    public func gammaFirstTry(_ shape: GammaShape, _ stream: inout RandomStream) -> Double? {
        guard !(shape.boost > 0), let x = ziggurat.firstTry(&stream) else { return nil }
        var v = 1 + shape.c * x
        guard v > 0 else { return nil }
        v = v * v * v
        return Self.squeezed(stream.uniform(), x) ? shape.d * v : nil
    }

    /// Marsaglia & Tsang's squeeze: `u < 1 − 0.0331 x⁴` accepts without a logarithm.
    @inlinable @inline(__always)
    static func squeezed(_ u: Double, _ x: Double) -> Bool { u < 1 - 0.0331 * (x * x) * (x * x) }

    /// Shares from Dirichlet(α): independent Gamma(α_i) draws, normalised; written into `shares`.
    @inlinable
    public func dirichlet(
        _ alphas: UnsafeBufferPointer<GammaShape>, _ stream: inout RandomStream,
        into shares: UnsafeMutableBufferPointer<Double>
    ) {
        var total = 0.0
        for i in 0..<alphas.count {
            let g = gamma(alphas[i], &stream)
            shares[i] = g
            total += g
        }
        for i in 0..<alphas.count { shares[i] /= total }
    }

    @usableFromInline
    func truncatedNormal(_ d: CompiledDistribution, _ stream: inout RandomStream) -> Double {
        // Rejection while it is cheap; the inverse-CDF route when the bounds cut off most of the mass.
        for _ in 0..<32 {
            let x = Self.scaled(d, ziggurat.normal(&stream))
            if x >= d.c && x <= d.d { return x }
        }
        return truncatedQuantile(d, stream.uniform())
    }

    @usableFromInline
    func truncatedQuantile(_ d: CompiledDistribution, _ u: Double) -> Double {
        guard d.b > 0 else { return min(max(d.a, d.c), d.d) }
        let lo = SpecialFunctions.normalCDF((d.c - d.a) / d.b)
        let hi = SpecialFunctions.normalCDF((d.d - d.a) / d.b)
        let x = Self.scaled(d, SpecialFunctions.normalQuantile(lo + u * (hi - lo)))
        return min(max(x, d.c), d.d)
    }

    @usableFromInline
    func triangularQuantile(_ d: CompiledDistribution, _ u: Double) -> Double {
        let (lo, hi, mode) = (d.a, d.b, d.c)
        let range = hi - lo
        guard range > 0 else { return mode }
        let split = (mode - lo) / range
        return u < split
            ? lo + (u * range * (mode - lo)).squareRoot() : hi - ((1 - u) * range * (hi - mode)).squareRoot()
    }

    @usableFromInline
    func discreteQuantile(_ d: CompiledDistribution, _ u: Double) -> Double {
        let offset = Int(d.a), count = Int(d.b)
        var index = 0
        while index < count - 1 && u > tables[offset + count + index] { index += 1 }
        return tables[offset + index]
    }
}
