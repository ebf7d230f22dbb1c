/// What a unit measures. Conversions happen only within a dimension, or across
/// one through a stated property of the material (a density, an NCV).
public enum Dimension: String, Sendable {
    case mass = "mass"
    case liquidVolume = "liquid volume"
    case gasVolume = "gas volume"
    case energy = "energy"
}

/// A unit of measure a scenario may write, with its factor to the dimension's base unit.
///
/// Base units: tonnes (mass), kilolitres (liquid volume), standard cubic metres
/// (gas volume), gigajoules (energy). Every conversion in the engine goes through
/// this table, so a wrong unit fails in one place with one message.
public struct MeasurementUnit: Hashable, Sendable, CustomStringConvertible {
    public let symbol: String
    public let dimension: Dimension
    /// Multiply a quantity in this unit by `toBase` to get the base unit.
    public let toBase: Double

    public var description: String { symbol }

    /// Every unit the engine understands.
    public static let all: [MeasurementUnit] = [
        MeasurementUnit(symbol: "kg", dimension: .mass, toBase: 0.001),
        MeasurementUnit(symbol: "t", dimension: .mass, toBase: 1),
        MeasurementUnit(symbol: "kt", dimension: .mass, toBase: 1_000),
        MeasurementUnit(symbol: "Mt", dimension: .mass, toBase: 1_000_000),
        MeasurementUnit(symbol: "L", dimension: .liquidVolume, toBase: 0.001),
        MeasurementUnit(symbol: "kL", dimension: .liquidVolume, toBase: 1),
        MeasurementUnit(symbol: "ML", dimension: .liquidVolume, toBase: 1_000),
        MeasurementUnit(symbol: "Sm3", dimension: .gasVolume, toBase: 1),
        MeasurementUnit(symbol: "kSm3", dimension: .gasVolume, toBase: 1_000),
        MeasurementUnit(symbol: "MMSCM", dimension: .gasVolume, toBase: 1_000_000),
        MeasurementUnit(symbol: "MJ", dimension: .energy, toBase: 0.001),
        MeasurementUnit(symbol: "GJ", dimension: .energy, toBase: 1),
        MeasurementUnit(symbol: "TJ", dimension: .energy, toBase: 1_000),
        MeasurementUnit(symbol: "kWh", dimension: .energy, toBase: 0.0036),
        MeasurementUnit(symbol: "MWh", dimension: .energy, toBase: 3.6),
        MeasurementUnit(symbol: "GWh", dimension: .energy, toBase: 3_600),
    ]

    /// The unit written `symbol` (exact spelling), or nil.
    public static func named(_ symbol: String) -> MeasurementUnit? {
        all.first { $0.symbol == symbol }
    }

    /// Symbols of one dimension, for "expected one of …" messages.
    public static func symbols(of dimension: Dimension) -> [String] {
        all.filter { $0.dimension == dimension }.map(\.symbol)
    }

    /// Converts `value` in this unit to the base unit of its dimension.
    public func base(_ value: Double) -> Double { value * toBase }

    /// Converts `value` in this unit to MWh (energy units only).
    public func megawattHours(_ value: Double) -> Double {
        precondition(dimension == .energy, "\(symbol) is not an energy unit")
        return base(value) / 3.6
    }
}
