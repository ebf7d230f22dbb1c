import CCTS
import LuaSandbox

/// What values an input may take. Checked on a literal, on a distribution's parameters and on
/// its whole support, so that no draw can leave the domain.
enum InputDomain: Equatable {
    /// A tonnage, an energy, a price: 0 … ``InputDomain/largest``. A normal is truncated at zero
    /// unless the file gives its own bounds.
    case quantity
    /// A fraction in 0…1 (an offset's delivered share). A normal is truncated to 0…1.
    case fraction
    /// A verifier's finding: verified = reported × (1 + finding), so −1 < finding ≤ 1.
    /// A normal is truncated to that interval.
    case finding
    /// Any finite number of at most ``InputDomain/largest`` in size (a price-path shock).
    case signed

    /// The largest magnitude any input may have, in its own unit: 10^15 (a thousand Gt in
    /// kg). Keeps every product of the lifecycle finite; no real plant comes near it.
    static let largest = 1e15

    var bounds: ClosedRange<Double> {
        switch self {
        case .quantity: return 0...InputDomain.largest
        case .fraction: return 0...1
        case .finding: return -1...1
        case .signed: return -InputDomain.largest...InputDomain.largest
        }
    }

    var expected: String {
        switch self {
        case .quantity: return "a quantity from 0 to 1e15"
        case .fraction: return "a fraction in 0…1"
        case .finding: return "a fraction above −1 and at most 1 (0.03 = the verifier found 3 % more than reported)"
        case .signed: return "a number from −1e15 to 1e15"
        }
    }
}

/// Reads a number or a distribution constructor (`normal(190000, 8000)`) into a ``Distribution``,
/// checking its parameters and that every value it can draw lies in the input's ``InputDomain``.
enum DistributionDecoder {
    static func decode(_ value: LuaValue, path: String, file: String, domain: InputDomain = .quantity) throws
        -> Distribution
    {
        func fail(_ message: String, suggestion: String? = nil) -> InputError {
            InputError(file: file, path: path, message: message, suggestion: suggestion)
        }
        switch value {
        case .number(let x):
            try check(x, domain: domain, fail: fail)
            return .fixed(x)
        case .table(let table):
            guard let kind = table["__distribution"].string else {
                throw fail("expected a number or a distribution such as normal(mean, sd), got a table")
            }
            let r = TableReader(table, path: path, file: file)
            _ = r.value("__distribution")
            var distribution = try decode(kind: kind, r, fail: fail)
            try r.finish()
            // A normal is bounded to the domain where the file gives no bound of its own, but only where
            // that changes nothing a user could see: the domain's edge at least 6 sd from the mean
            // (less than 1e-9 of the mass beyond it). Otherwise the file must say how to bound it, and
            // the suggestion is a call that loads: bounds are finite (1/0 is refused as any infinity).
            if case .normal(let mean, let sd, let lower, let upper) = distribution, domain != .signed {
                let bounds = domain.bounds
                let below = lower == -.infinity && mean - 6 * sd < bounds.lowerBound
                let above = upper == .infinity && domain != .quantity && mean + 6 * sd > bounds.upperBound
                if below || above {
                    throw fail(
                        "normal(\(mean.shown), \(sd.shown)) reaches "
                            + "\(below ? "below \(bounds.lowerBound.shown)" : "above \(bounds.upperBound.shown)"), "
                            + "outside \(domain.expected)",
                        suggestion:
                            "bound it yourself, e.g. normal(\(mean.shown), \(sd.shown), \(bounds.lowerBound.shown), "
                            + "\(bounds.upperBound == InputDomain.largest ? "1e15" : bounds.upperBound.shown)) to "
                            + "truncate, or use a distribution that cannot leave the range (lognormal for a "
                            + "quantity, beta for a fraction)"
                    )
                }
                // A finding of −1 would make the verified figure zero: the truncation stops at −99 %.
                let floor = domain == .finding ? -0.99 : bounds.lowerBound
                distribution = .normal(
                    mean: mean, sd: sd, lower: lower == -.infinity ? floor : lower,
                    upper: upper == .infinity ? (domain == .quantity ? .infinity : bounds.upperBound) : upper)
            }
            try checkSupport(distribution, domain: domain, fail: fail)
            return distribution
        default:
            throw fail("expected a number or a distribution, got \(TableReader.describe(value))")
        }
    }

    /// A literal in its domain, with a hint when a finding was written as a percentage.
    private static func check(_ x: Double, domain: InputDomain, fail: (String, String?) -> InputError) throws {
        guard x.isFinite else { throw fail("is \(x.shown); expected a finite number", nil) }
        let bounds = domain.bounds
        let inside = domain == .finding ? (x > -1 && x <= 1) : bounds.contains(x)
        guard !inside else { return }
        var hint: String?
        if domain == .finding || domain == .fraction, let percentage = FractionHint.forValue(x) {
            hint = percentage
        } else if domain == .quantity, x < 0 {
            hint = "a quantity cannot be negative"
        }
        throw fail("is \(x.shown); expected \(domain.expected)", hint)
    }

    /// Every value the distribution can draw lies in the domain (and, for a truncated normal,
    /// the truncation keeps a drawable share of its mass).
    private static func checkSupport(_ d: Distribution, domain: InputDomain, fail: (String, String?) -> InputError)
        throws
    {
        let (low, high): (Double, Double)
        switch d {
        case .fixed(let x): (low, high) = (x, x)
        case .uniform(let a, let b): (low, high) = (a, b)
        case .triangular(let a, _, let b), .pert(let a, _, let b): (low, high) = (a, b)
        case .normal(let mean, let sd, let lower, let upper):
            // Draws are by inversion inside [lower, upper]; beyond 30 sd the mass left is below
            // double precision and the draw would be infinite.
            if sd > 0, (lower - mean) / sd > 30 || (upper - mean) / sd < -30 {
                throw fail(
                    "normal(\(mean.shown), \(sd.shown)) has practically no probability inside "
                        + "\(lower.shown)…\(upper.shown)",
                    "move the mean inside the range the input can take")
            }
            (low, high) = (lower, upper == .infinity ? mean + 40 * sd : upper)
        case .lognormal(let mean, let sd): (low, high) = (0, mean + 40 * sd)
        case .beta: (low, high) = (0, 1)
        case .scaledBeta(_, _, let k): (low, high) = (Swift.min(0, k), Swift.max(0, k))
        case .discrete(let values, _): (low, high) = (values.min() ?? 0, values.max() ?? 0)
        }
        for x in [low, high] {
            guard x.isFinite, abs(x) <= InputDomain.largest else {
                throw fail("can draw \(x.shown); inputs are limited to ±1e15 in their unit", nil)
            }
        }
        let bounds = domain.bounds
        let lowOK = domain == .finding ? low > -1 : low >= bounds.lowerBound
        guard lowOK, high <= bounds.upperBound || domain == .quantity else {
            throw fail(
                "can draw values from \(low.shown) to \(high.shown); expected \(domain.expected)",
                "bound it, e.g. normal(mean, sd, \(bounds.lowerBound.shown), \(bounds.upperBound.shown)) or a beta for "
                    + "a fraction"
            )
        }
    }

    private static func decode(kind: String, _ r: TableReader, fail: (String, String?) -> InputError) throws
        -> Distribution
    {
        func positive(_ name: String) throws -> Double {
            let x = try r.number(name)
            guard x > 0 else { throw r.error(name, "is \(x.shown); expected a value > 0") }
            return x
        }
        /// Beta shapes far below 1 pile every draw on 0 or 1 and underflow the sampler.
        func shape(_ name: String) throws -> Double {
            let x = try r.number(name)
            guard x >= 0.01, x <= 1e6 else { throw r.error(name, "is \(x.shown); expected a shape from 0.01 to 1e6") }
            return x
        }
        func ordered(_ a: Double, _ b: Double, _ what: String) throws {
            guard a <= b else { throw fail("\(what) (\(a) > \(b))", nil) }
        }
        switch kind {
        case "fixed":
            return .fixed(try r.number("value"))
        case "uniform":
            let a = try r.number("min"), b = try r.number("max")
            try ordered(a, b, "min must not exceed max")
            return .uniform(min: a, max: b)
        case "normal":
            let mean = try r.number("mean"), sd = try r.number("sd")
            guard sd >= 0 else { throw r.error("sd", "is \(sd.shown); a standard deviation must be ≥ 0") }
            let lower = try r.optionalNumber("lower") ?? -.infinity, upper = try r.optionalNumber("upper") ?? .infinity
            try ordered(lower, upper, "lower must not exceed upper")
            return .normal(mean: mean, sd: sd, lower: lower, upper: upper)
        case "lognormal":
            let mean = try positive("mean"), sd = try r.number("sd")
            guard sd >= 0 else { throw r.error("sd", "is \(sd.shown); a standard deviation must be ≥ 0") }
            return .lognormal(mean: mean, sd: sd)
        case "triangular", "pert":
            let a = try r.number("min"), m = try r.number("mode"), b = try r.number("max")
            try ordered(a, m, "min must not exceed mode")
            try ordered(m, b, "mode must not exceed max")
            return kind == "pert" ? .pert(min: a, mode: m, max: b) : .triangular(min: a, mode: m, max: b)
        case "beta":
            return .beta(alpha: try shape("alpha"), beta: try shape("beta"))
        case "discrete":
            let values = try numbers(r, "values"), weights = try numbers(r, "weights")
            guard !values.isEmpty, values.count == weights.count, weights.allSatisfy({ $0 >= 0 }),
                weights.reduce(0, +) > 0
            else {
                throw fail(
                    "discrete needs equal-length lists of values and non-negative weights with a positive sum", nil)
            }
            return .discrete(values: values, weights: weights)
        default:
            throw fail("unknown distribution '\(kind)'", nil)
        }
    }

    private static func numbers(_ r: TableReader, _ name: String) throws -> [Double] {
        guard let list = try r.optionalTable(name) else {
            throw r.error(name, "is missing; expected a list of numbers")
        }
        return try list.table.sequence.enumerated().map { index, value in
            guard case .number(let x) = value, x.isFinite else {
                throw InputError(
                    file: r.file, path: "\(list.path)[\(index + 1)]",
                    message: "expected a number, got \(TableReader.describe(value))")
            }
            return x
        }
    }
}
