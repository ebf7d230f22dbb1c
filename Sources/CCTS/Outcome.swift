/// A product line converted to equivalent product.
public struct ProductOutput: Sendable {
    public var product: String
    /// Quantity, t.
    public var quantity: Double
    public var equivalence: Double
    public var equivalent: Double { quantity * equivalence }
}

/// The GEI comparison and the resulting credits.
///
/// `credits = (target GEI − achieved GEI) × equivalent production`; positive
/// credits are issued (rounded by the issue rule), negative ones are a surrender
/// obligation (rounded by the surrender rule).
public struct ComplianceOutcome: Sendable {
    public var target: Double
    public var targetOrigin: String
    /// GEI from the figures compliance uses, rounded to the rules' decimals, tCO2e/t.
    public var gei: Double
    /// Unrounded credits, signed.
    public var exactCredits: Double
    public var issued: Double
    public var surrenderRequired: Double
}

/// Everything that happened in one compliance year.
public struct YearOutcome: Sendable {
    public var year: ComplianceYear
    public var emissions: EmissionsBreakdown
    public var products: [ProductOutput]
    /// Reported equivalent production, t.
    public var equivalentProduction: Double
    /// GEI from the reported figures, before verification.
    public var reportedGEI: Double
    public var verification: VerificationOutcome
    public var compliance: ComplianceOutcome
    public var offsets: [OffsetOutcome]
    public var ledger: Ledger
    /// Average traded CCC price used for trades and compensation, INR/CCC.
    public var price: Double
    public var priceOrigin: String
    public var compensationMultiple: Double
    /// Environmental compensation, INR.
    public var compensation: Double
    /// Purchases + offsets + compensation − sales, INR.
    public var cost: Double
    public var compliant: Bool { ledger.shortfall <= 0 }
    public var warnings: [String]
    public var trace: [TraceStep]
}

/// The outcome of a scenario: every year, and the trajectory baseline → targets → achieved.
public struct ScenarioOutcome: Sendable {
    public var scenario: String
    public var registration: String
    public var entityName: String
    public var sector: String
    public var baseline: Baseline?
    public var years: [YearOutcome]
    public var warnings: [String] { years.flatMap(\.warnings) }
}
