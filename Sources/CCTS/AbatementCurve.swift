/// A sector's default marginal abatement cost curve, scaled to each entity by its emissions:
/// the market model's supply of abatement when an entity states no measures of its own.
public struct AbatementCurve: Sendable {
    public var sector: String
    public var steps: [AbatementStep]
    public var provenance: Provenance
    /// `cost_uncertainty = { low, high }`: every step's costs × a factor drawn uniformly from this
    /// range once per world, the same for the sector's entities and years in that world (what a
    /// study's range of costs for the sector's measures says); at expected values its midpoint.
    /// nil: the costs as written.
    public var costFactor: ClosedRange<Double>?

    public init(
        sector: String, steps: [AbatementStep], provenance: Provenance, costFactor: ClosedRange<Double>? = nil
    ) {
        self.sector = sector
        self.steps = steps
        self.provenance = provenance
        self.costFactor = costFactor
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

/// When certificate holders carry certificates into a later year of the market.
public enum MarketBanking: String, Sendable, CaseIterable {
    /// Holders keep certificates for a later year whenever it clears dearer (foreseen within the
    /// world), until the prices of the years they link are equal: banking moves supply to the
    /// dearer year. Needs banking allowed without a cap; with a cap it acts as `unsold`.
    case whenDearer = "when_dearer"
    /// Only what is left unsold when a year clears at its floor is banked.
    case unsold
    /// Nothing is banked by the market.
    case none
}

/// How the CCC market of a compliance year clears in `ccts compare`.
public struct MarketRules: Sendable {
    /// The lowest price, INR/CCC: where a market in surplus clears.
    public var floor: Double = 0
    /// The highest price (nil: none; a market short after every abatement step clears at the
    /// dearest step).
    public var ceiling: Double?
    /// When holders bank certificates for a later year.
    public var banking = MarketBanking.whenDearer
    /// CCCs a year the regulator sells at the ceiling from a reserve (0: none): with a ceiling and
    /// no reserve, nobody sells at it, and what the market lacks pays compensation.
    public var ceilingReserve = 0.0
    /// CCCs a year the regulator buys at the floor (0: none): with a floor and no buyer, a long
    /// market's surplus stays unsold with its holders.
    public var floorPurchases = 0.0
    public var provenance: Provenance?

    public init() {}
}

/// Certificates offered to the market by sellers that are not obligated entities: an offset
/// project's issuance (with its delivery risk) or another seller, at an asking price.
public struct MarketSupply: Sendable {
    public var project: String
    /// Offset project type, for eligibility under the rules' offsets (nil: CCCs, always eligible).
    public var type: String?
    public var vintage: ComplianceYear?
    /// The compliance year whose market it is offered in.
    public var year: ComplianceYear
    /// Certificates offered (whole), and the fraction delivered.
    public var credits: Distribution
    public var delivered: Distribution
    /// The lowest price the seller accepts, INR/CCC.
    public var ask: Double
    public var path: String

    public init(
        project: String, type: String?, vintage: ComplianceYear?, year: ComplianceYear, credits: Distribution,
        delivered: Distribution, ask: Double, path: String
    ) {
        self.project = project
        self.type = type
        self.vintage = vintage
        self.year = year
        self.credits = credits
        self.delivered = delivered
        self.ask = ask
        self.path = path
    }
}
