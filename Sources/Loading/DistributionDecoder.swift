import CCTS
import LuaSandbox

/// Reads a number or a distribution constructor (`normal(190000, 8000)`) into a ``Distribution``,
/// checking its parameters.
enum DistributionDecoder {
    /// - Parameters:
    ///   - nonNegative: the quantity cannot be below zero (a tonnage, a price).
    static func decode(_ value: LuaValue, path: String, file: String, nonNegative: Bool = true) throws -> Distribution {
        func fail(_ message: String, suggestion: String? = nil) -> InputError {
            InputError(file: file, path: path, message: message, suggestion: suggestion)
        }
        switch value {
        case .number(let x):
            guard x.isFinite else { throw fail("is \(x.shown); expected a finite number") }
            if nonNegative && x < 0 { throw fail("is \(x.shown); expected a quantity ≥ 0") }
            return .fixed(x)
        case .table(let table):
            guard let kind = table["__distribution"].string else {
                throw fail("expected a number or a distribution such as normal(mean, sd), got a table")
            }
            let r = TableReader(table, path: path, file: file)
            _ = r.value("__distribution")
            let distribution = try decode(kind: kind, r, fail: fail)
            try r.finish()
            // A quantity that cannot be negative is a normal truncated at zero unless the file says otherwise.
            if nonNegative, case .normal(let mean, let sd, let lower, let upper) = distribution, lower == -.infinity {
                return .normal(mean: mean, sd: sd, lower: 0, upper: upper)
            }
            return distribution
        default:
            throw fail("expected a number or a distribution, got \(TableReader.describe(value))")
        }
    }

    private static func decode(kind: String, _ r: TableReader, fail: (String, String?) -> InputError) throws -> Distribution {
        func positive(_ name: String) throws -> Double {
            let x = try r.number(name)
            guard x > 0 else { throw r.error(name, "is \(x.shown); expected a value > 0") }
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
            return .beta(alpha: try positive("alpha"), beta: try positive("beta"))
        case "discrete":
            let values = try numbers(r, "values"), weights = try numbers(r, "weights")
            guard !values.isEmpty, values.count == weights.count, weights.allSatisfy({ $0 >= 0 }), weights.reduce(0, +) > 0 else {
                throw fail("discrete needs equal-length lists of values and non-negative weights with a positive sum", nil)
            }
            return .discrete(values: values, weights: weights)
        default:
            throw fail("unknown distribution '\(kind)'", nil)
        }
    }

    private static func numbers(_ r: TableReader, _ name: String) throws -> [Double] {
        guard let list = try r.optionalTable(name) else { throw r.error(name, "is missing; expected a list of numbers") }
        return try list.table.sequence.enumerated().map { index, value in
            guard case .number(let x) = value, x.isFinite else {
                throw InputError(file: r.file, path: "\(list.path)[\(index + 1)]", message: "expected a number, got \(TableReader.describe(value))")
            }
            return x
        }
    }
}
