/// How verification treats the verifier's findings.
public struct VerificationRules {
    /// Materiality threshold as a fraction (0.02 = 2 %), or a function of
    /// `emissions` (reported, tCO2e) and `production` (t equivalent product).
    public var materiality: RuleNumber
    /// Fractional uplift applied to verified emissions when a misstatement is material (0 = none).
    public var conservativeUplift: Double
    /// What the threshold is compared with: the misstatement of each quantity, or of the GEI.
    public var basis: MaterialityBasis
    public var provenance: Provenance

    public init(
        materiality: RuleNumber, conservativeUplift: Double, basis: MaterialityBasis = .quantities,
        provenance: Provenance
    ) {
        self.materiality = materiality
        self.conservativeUplift = conservativeUplift
        self.basis = basis
        self.provenance = provenance
    }
}

/// Materiality judged on emissions and production separately (each misstatement against the
/// threshold), or on the GEI they make, which is what drives the credits: +1.5 % emissions and
/// −1.5 % production are each below 2 % but put the GEI 3 % off.
public enum MaterialityBasis: String, Sendable, CaseIterable {
    case quantities, gei
}

/// How a certificate count is rounded from the exact credit figure.
public enum Rounding: String, Sendable, CaseIterable {
    case floor, ceil, nearest

    @inlinable
    public func apply(_ x: Double) -> Double {
        switch self {
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        case .nearest: return x.rounded(.toNearestOrAwayFromZero)
        }
    }
}

/// Compliance rules: rounding, banking, offsets, compensation, prices, deductions.
public struct ComplianceRules {
    /// Decimal places GEI is rounded to before credits are computed (6 in the procedure's tables).
    public var geiDecimals: Int
    public var issueRounding: Rounding
    public var surrenderRounding: Rounding
    public var banking: BankingRules
    public var offsets: OffsetRules
    /// Environmental compensation per CCC of shortfall, as a multiple of the year's average
    /// traded price; may be a function of `shortfall` and `price`.
    public var compensationMultiple: RuleNumber
    public var compensationProvenance: Provenance
    /// Average traded CCC price (INR/CCC) by year when a scenario gives none.
    public var prices: [(year: ComplianceYear, factor: Factor)]
    /// A stored market run's prices, world by world (`--prices-from`): when set, every year it
    /// cleared is priced by it, before the scenario's own price and the rules' default.
    public var marketPrices: MarketPrices?
    /// Whether captured CO2 may be deducted from the entity's emissions.
    public var capturedCO2Deductible: Bool
    /// Whether exported electricity and heat are deducted at the grid and heat factors.
    public var exportsDeductible: Bool
    /// The greenhouse gases counted in an entity's emissions unless its sector says otherwise.
    public var coveredGases: [String] = ["CO2", "CH4", "N2O", "HFC", "PFC", "SF6"]
    /// The day, in the calendar year after a compliance year ends, by which its CCCs are
    /// surrendered: it orders dated trades against the surrender.
    public var surrenderDeadline = MonthDay(month: 9, day: 30)
    public var surrenderProvenance: Provenance?
    /// Compliance periods shorter than a year (first periods), by schedule.
    public var periods: [CompliancePeriod] = []
    /// How the market clears (`ccts compare`).
    public var market = MarketRules()
    public var provenance: Provenance

    public init(
        geiDecimals: Int, issueRounding: Rounding, surrenderRounding: Rounding, banking: BankingRules,
        offsets: OffsetRules, compensationMultiple: RuleNumber, compensationProvenance: Provenance,
        prices: [(year: ComplianceYear, factor: Factor)],
        capturedCO2Deductible: Bool, exportsDeductible: Bool, provenance: Provenance
    ) {
        self.geiDecimals = geiDecimals
        self.issueRounding = issueRounding
        self.surrenderRounding = surrenderRounding
        self.banking = banking
        self.offsets = offsets
        self.compensationMultiple = compensationMultiple
        self.compensationProvenance = compensationProvenance
        self.prices = prices.sorted { $0.year < $1.year }
        self.capturedCO2Deductible = capturedCO2Deductible
        self.exportsDeductible = exportsDeductible
        self.provenance = provenance
    }

    /// The compliance period of `year` for sectors of `schedule`, when it is shorter than the year.
    public func period(for year: ComplianceYear, schedule: String?) -> CompliancePeriod? {
        guard let schedule else { return nil }
        return periods.first { $0.year == year && $0.schedule == schedule }
    }

    /// The default price for `year`: its own, or the latest before it.
    public func price(for year: ComplianceYear) -> (year: ComplianceYear, factor: Factor)? {
        prices.last { $0.year <= year } ?? prices.first
    }
}

/// What carries from one compliance year to the next.
public struct BankingRules {
    public var allowed: Bool
    /// Largest number of CCCs that may be carried (nil = no limit).
    public var maximumCarried: Double?

    public init(allowed: Bool, maximumCarried: Double?) {
        self.allowed = allowed
        self.maximumCarried = maximumCarried
    }
}

/// Which offset credits an obligated entity may retire for compliance.
public struct OffsetRules {
    public var allowed: Bool
    /// Project types accepted (e.g. `renewable_energy`, `biochar`).
    public var eligibleTypes: [String]
    /// The oldest vintage accepted (nil = any).
    public var earliestVintage: ComplianceYear?
    /// Offsets may meet at most this share of the year's surrender obligation (nil = no cap).
    public var maximumShare: Double?

    public init(allowed: Bool, eligibleTypes: [String], earliestVintage: ComplianceYear?, maximumShare: Double?) {
        self.allowed = allowed
        self.eligibleTypes = eligibleTypes
        self.earliestVintage = earliestVintage
        self.maximumShare = maximumShare
    }
}
