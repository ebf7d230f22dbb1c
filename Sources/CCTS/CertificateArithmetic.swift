/// Whole certificates from decimal inputs, without the off-by-one of flooring a double.
///
/// Users write decimals: a target of 0.7293, a GEI on a grid of six decimals, production of
/// 2,250,000 t. In exact arithmetic `(0.7293 − 0.70154) × 2,250,000 = 62,460`, but in binary
/// floating point the same product is 62,459.99999999977 and its floor is one certificate short.
///
/// The rule here: a computed value that lies within ``relativeTolerance`` of the *scale of
/// its terms* from a whole number (or, for the GEI, from a half step of its grid) is taken to
/// be that whole number (that half step) before the rounding rule is applied.
///
/// - The rounding error of double arithmetic on these terms is a few units in the last place,
///   about 1e-16 of the scale; 1e-13 leaves a margin of a thousand for the sums of monitoring.
/// - A true value closer than 1e-13 of the scale to a whole number would need production
///   stated to the tenth of a gram on a plant of a million tonnes: no reported figure has that
///   precision, so nothing real is snapped that should not be.
///
/// Tested against exact integer arithmetic on random decimal inputs (`CertificateArithmeticTests`).
public enum CertificateArithmetic {
    /// Fraction of the terms' scale within which a value counts as whole (or as a tie).
    public static let relativeTolerance = 1e-13

    /// `x` as a whole number when it is one up to `scale × relativeTolerance`, else `x` unchanged.
    @inlinable
    public static func snapped(_ x: Double, scale: Double) -> Double {
        let whole = x.rounded()
        return abs(x - whole) <= abs(scale) * relativeTolerance ? whole : x
    }

    /// Whole certificates from a count that may carry floating-point noise, by `rounding`.
    /// - Parameter scale: the magnitude of the terms `x` was computed from.
    @inlinable
    public static func whole(_ x: Double, scale: Double, rounding: Rounding) -> Double {
        rounding.apply(snapped(x, scale: scale))
    }

    /// The GEI on its grid of `1/gridScale` (10^decimals): `round(emissions / production)`,
    /// ties (exact halves, up to the tolerance) rounded up, as a decimal rounding of a
    /// positive figure is done by hand.
    @inlinable
    public static func gridGEI(emissions: Double, production: Double, gridScale: Double) -> Double {
        let steps = emissions / production * gridScale
        let below = steps.rounded(.down)
        let tieDistance = abs(steps - below - 0.5)
        let rounded = tieDistance <= Swift.max(abs(steps), 1) * relativeTolerance ? below + 1 : steps.rounded()
        return rounded / gridScale
    }

    /// Signed credits `(target − GEI) × production`, snapped to a whole number when within the
    /// tolerance of the terms' scale `(|target| + |GEI|) × production`.
    @inlinable
    public static func credits(target: Double, gei: Double, production: Double) -> Double {
        let exact = (target - gei) * production
        return snapped(exact, scale: (abs(target) + abs(gei)) * production)
    }

    /// Whole certificates delivered by an offset contract: `credits × fraction delivered`,
    /// rounded down (a part of a certificate is not a certificate).
    @inlinable
    public static func delivered(credits: Double, fraction: Double) -> Double {
        Rounding.floor.apply(snapped(credits * fraction, scale: credits))
    }
}
