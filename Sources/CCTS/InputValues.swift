/// Supplies the number each uncertain input takes in one evaluation of the lifecycle.
///
/// A deterministic run uses ``ExpectedValues``; a Monte Carlo world supplies draws.
/// `key` is the input's stable name (`years["2025-26"].fuels.coal_imported.quantity`),
/// the same whatever order the scenario lists its lines in.
public protocol InputValues {
    /// The value of a scenario input.
    mutating func value(of distribution: Distribution, at key: String) -> Double
    /// The value of a rule factor (its published value, or a draw from its range).
    mutating func factor(_ factor: Factor, at key: String) -> Double
    /// Shares that sum to one, from Dirichlet concentrations.
    mutating func shares(_ concentrations: [Double], at key: String) -> [Double]
}

extension InputValues {
    public mutating func factor(_ factor: Factor, at key: String) -> Double { factor.value }

    public mutating func shares(_ concentrations: [Double], at key: String) -> [Double] {
        let total = concentrations.reduce(0, +)
        return concentrations.map { $0 / total }
    }
}

/// Every input at its expected value: the deterministic run.
public struct ExpectedValues: InputValues {
    public init() {}
    public func value(of distribution: Distribution, at key: String) -> Double { distribution.expectedValue }
}

/// The key under which a rule factor is drawn: `factors.fuels.coal_imported.ncv`.
extension Factor {
    public var drawKey: String { "factors." + provenance.rule }
}
