/// What a unit measures. Conversions happen only within a dimension, or across
/// one through a stated property of the material (a density, an NCV).
public enum Dimension: String, Sendable {
    case mass = "mass"
    case liquidVolume = "liquid volume"
    case gasVolume = "gas volume"
    case energy = "energy"
    /// Barrels of crude processed (a refinery's throughput).
    case oilVolume = "oil volume"
}

/// A unit of measure a scenario may write, with its factor to the dimension's base unit.
///
/// Base units: tonnes (mass), kilolitres (liquid volume), standard cubic metres
/// (gas volume), gigajoules (energy), thousand barrels, MBBLS (oil volume). Every conversion in the engine goes through
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
        MeasurementUnit(symbol: "bbl", dimension: .oilVolume, toBase: 0.001),
        MeasurementUnit(symbol: "MBBLS", dimension: .oilVolume, toBase: 1),
        MeasurementUnit(symbol: "MMBBLS", dimension: .oilVolume, toBase: 1_000),
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

/// Units a rule file may write for a factor, converted once to the unit the engine computes in.
///
/// Each canonical unit lists the spellings it accepts and their multipliers, so
/// `kg/GJ` for a CO2 factor is understood as t/TJ and `kcal/kg` for an NCV as GJ/t.
public enum FactorUnit {
    public static let conversions: [String: [(spelling: String, multiplier: Double)]] = [
        "GJ/t": [("GJ/t", 1), ("TJ/Gg", 1), ("MJ/kg", 1), ("kcal/kg", 0.0041868)],
        "t/TJ": [("t/TJ", 1), ("tCO2/TJ", 1), ("kg/GJ", 1), ("kg/TJ", 0.001)],
        "kg/TJ": [("kg/TJ", 1), ("g/GJ", 1)],
        "tCO2/t": [("tCO2/t", 1), ("t/t", 1)],
        "tCO2/MWh": [("tCO2/MWh", 1), ("kgCO2/kWh", 1), ("t/MWh", 1)],
        "tCO2/GJ": [("tCO2/GJ", 1), ("t/GJ", 1), ("kg/MJ", 1)],
        "t/kL": [("t/kL", 1), ("kg/L", 1)],
        "kg/Sm3": [("kg/Sm3", 1)],
        "t/t": [("t/t", 1)],
        "kg/t": [("kg/t", 1), ("g/kg", 1)],
        "tCO2e/t": [("tCO2e/t", 1)],
        "INR/CCC": [("INR/CCC", 1), ("Rs/CCC", 1)],
    ]

    /// The multiplier from `spelling` to `canonical`, or nil if the spelling is not accepted.
    public static func multiplier(from spelling: String, to canonical: String) -> Double? {
        conversions[canonical]?.first { $0.spelling == spelling }?.multiplier
    }

    /// The spellings accepted for `canonical`.
    public static func spellings(for canonical: String) -> [String] {
        conversions[canonical]?.map(\.spelling) ?? [canonical]
    }
}
