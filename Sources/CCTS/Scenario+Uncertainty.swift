#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A total quantity of fuel split among fuels by shares that always sum to one.
///
/// Kiln fuel is a heat demand met by a changing mix: `fuel_mix = { total = { normal(5e6, 2e5), "GJ" },
/// shares = dirichlet { coal_imported = 60, petcoke = 30, biomass = 10 } }`. The expected share of
/// fuel i is α_i / Σα; a larger Σα means shares closer to that mix.
public struct FuelMix {
    public var total: Distribution
    /// Energy (split by energy) or mass (split by tonnes).
    public var unit: MeasurementUnit
    public var fuels: [String]
    /// Dirichlet concentrations, one per fuel.
    public var concentrations: [Double]
    public var path: String
    /// `years["2025-26"].fuel_mix`; the total draws at `key.total`, the shares at `key.shares`.
    public var key: String
    /// Lines of the mix as burned: by default each fuel at its drawn quantity; a fuel switch
    /// (``Pathway``) burns a share of one fuel's quantity as another fuel.
    public var burned: [MixLine] = []

    /// A fuel burned from the mix's share `source`: `quantity = total × share_source × factor`.
    public struct MixLine: Sendable {
        public var source: Int
        public var fuel: String
        public var factor: Double
        public var unit: MeasurementUnit
    }

    public init(
        total: Distribution, unit: MeasurementUnit, fuels: [String], concentrations: [Double], path: String, key: String
    ) {
        self.total = total
        self.unit = unit
        self.fuels = fuels
        self.concentrations = concentrations
        self.path = path
        self.key = key
        burned = fuels.indices.map { MixLine(source: $0, fuel: fuels[$0], factor: 1, unit: unit) }
    }

    /// The fuel lines burned from this mix, each on the quantity of its source share
    /// (`FuelLine/share` is the line's factor on that quantity).
    public var lines: [(source: Int, line: FuelLine)] {
        burned.map { b in
            var line = FuelLine(
                fuel: b.fuel, quantity: .fixed(0), unit: b.unit, path: path, key: "\(key).\(fuels[b.source])")
            line.share = b.factor
            return (b.source, line)
        }
    }
}

/// A year-to-year CCC price path: each year's price depends on the last.
///
/// - Geometric: `P_k = P_(k−1) × exp(drift + σ Z_k)`; `drift` is the growth of the median price.
/// - Mean-reverting (in logs): `ln P_k = ln P_(k−1) + θ (ln mean − ln P_(k−1)) + σ Z_k`.
///
/// The first year's price is `start` (which may itself be uncertain). A deterministic
/// run takes Z = 0: the median path.
public struct PricePath: Sendable, Equatable {
    public enum Model: Sendable, Equatable {
        case geometric(drift: Double)
        case meanReverting(mean: Double, reversion: Double)
    }

    public var start: Distribution
    public var model: Model
    public var volatility: Double

    public init(start: Distribution, model: Model, volatility: Double) {
        self.start = start
        self.model = model
        self.volatility = volatility
    }

    /// The price a year after `previous`, for the standard normal draw `z`.
    public func next(after previous: Double, z: Double) -> Double {
        switch model {
        case .geometric(let drift):
            return previous * exp(drift + volatility * z)
        case .meanReverting(let mean, let reversion):
            let logPrevious = log(previous)
            return exp(logPrevious + reversion * (log(mean) - logPrevious) + volatility * z)
        }
    }

    /// Key of the standard normal that moves the price into `year`.
    public static func shockKey(_ year: ComplianceYear) -> String { "market.price_path[\"\(year)\"]" }
    public static let startKey = "market.price_path.start"
}

/// A requested rank (Spearman) correlation between two uncertain inputs, by their stable keys.
public struct InputCorrelation: Sendable, Equatable {
    public var first: String
    public var second: String
    public var rank: Double
    public var path: String

    public init(first: String, second: String, rank: Double, path: String) {
        self.first = first
        self.second = second
        self.rank = rank
        self.path = path
    }
}
