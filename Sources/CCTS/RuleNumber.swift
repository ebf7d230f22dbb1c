/// A rule that is a function of the case at hand.
///
/// Regulators write rules such as "materiality is 2 % for large emitters and
/// 5 % for small ones"; such a rule is a function of two named inputs, fixed by
/// the rule it stands for (materiality: `emissions`, `production`; compensation:
/// `shortfall`, `price`). The domain sees only this protocol, never Lua.
public protocol RuleFunction: AnyObject {
    /// The names the two inputs are given, in order.
    var inputNames: (String, String) { get }
    /// Evaluates the rule. Called once per year of every Monte Carlo world: implementations
    /// must not allocate.
    /// - Throws: an error naming the rule file and line when the function fails or returns a non-number.
    func evaluate(_ first: Double, _ second: Double) throws -> Double
}

/// A numeric rule value: a constant, or a ``RuleFunction``.
public enum RuleNumber {
    case constant(Double)
    case function(RuleFunction)

    /// The rule's value for these inputs (a constant ignores them).
    public func value(_ first: Double, _ second: Double) throws -> Double {
        switch self {
        case .constant(let x): return x
        case .function(let f): return try f.evaluate(first, second)
        }
    }

    /// The constant, or nil for a function (whose value depends on the case).
    public var constant: Double? {
        if case .constant(let x) = self { return x }
        return nil
    }
}
