/// Supplies the number each uncertain input takes in one evaluation of the lifecycle.
///
/// A deterministic run uses ``ExpectedValues``; a Monte Carlo world supplies draws.
/// `path` is the input's stable name (`years["2025-26"].fuels[1].quantity`).
public protocol InputValues {
    mutating func value(of distribution: Distribution, at path: String) -> Double
}

/// Every input at its expected value: the deterministic run.
public struct ExpectedValues: InputValues {
    public init() {}
    public func value(of distribution: Distribution, at path: String) -> Double { distribution.expectedValue }
}
