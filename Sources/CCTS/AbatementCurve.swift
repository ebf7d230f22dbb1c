/// A sector's default marginal abatement cost curve, scaled to each entity by its emissions:
/// the market model's supply of abatement when an entity states no measures of its own.
public struct AbatementCurve: Sendable {
    public var sector: String
    public var steps: [AbatementStep]
    public var provenance: Provenance

    public init(sector: String, steps: [AbatementStep], provenance: Provenance) {
        self.sector = sector
        self.steps = steps
        self.provenance = provenance
    }
}

/// A share of an entity's emissions that can be abated in the compliance year at a marginal
/// cost: one cost (a step) or costs rising linearly over the share (`fromCost` … `toCost`).
public struct AbatementStep: Sendable, Equatable {
    /// Fraction of the entity's emissions, 0 … 1.
    public var share: Double
    /// INR per tCO2e.
    public var fromCost: Double
    public var toCost: Double

    public init(share: Double, fromCost: Double, toCost: Double) {
        self.share = share
        self.fromCost = fromCost
        self.toCost = toCost
    }
}

/// How the CCC market of a compliance year clears in `ccts compare`.
public struct MarketRules: Sendable {
    /// The lowest price, INR/CCC: where a market in surplus clears.
    public var floor: Double = 0
    /// The highest price (nil: none; a market short after every abatement step clears at the
    /// dearest step).
    public var ceiling: Double?
    /// Whether certificates left unsold when the market clears at its floor are banked (under
    /// the banking rules) rather than sold or lapsed.
    public var bankUnsold = true
    public var provenance: Provenance?

    public init() {}
}
