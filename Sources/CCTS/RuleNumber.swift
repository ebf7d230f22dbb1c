/// A rule that is either a number or a function of the case at hand.
///
/// Regulators write rules such as "materiality is 2 % for large emitters and
/// 5 % for small ones"; such a rule is a function of named inputs
/// (`emissions`, `production`, `price`, …). The domain sees only this protocol,
/// never Lua.
public protocol RuleFunction: AnyObject {
    /// Evaluates the rule for the named inputs.
    /// - Throws: an error naming the rule file and line when the function fails or returns a non-number.
    func evaluate(_ inputs: [(name: String, value: Double)]) throws -> Double
}

/// A numeric rule value: a constant, or a ``RuleFunction``.
public enum RuleNumber {
    case constant(Double)
    case function(RuleFunction)

    /// The rule's value for these inputs (a constant ignores them).
    public func value(_ inputs: [(name: String, value: Double)]) throws -> Double {
        switch self {
        case .constant(let x): return x
        case .function(let f): return try f.evaluate(inputs)
        }
    }

    /// The constant, or nil for a function (whose value depends on the case).
    public var constant: Double? {
        if case .constant(let x) = self { return x }
        return nil
    }
}
