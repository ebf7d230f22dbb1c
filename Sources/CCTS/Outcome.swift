/// A product line converted to equivalent product.
public struct ProductOutput: Sendable {
    public var product: String
    /// Quantity, t.
    public var quantity: Double
    public var equivalence: Double
    public var equivalent: Double { quantity * equivalence }

    public init(product: String, quantity: Double, equivalence: Double) {
        self.product = product
        self.quantity = quantity
        self.equivalence = equivalence
    }
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

    public init(
        target: Double, targetOrigin: String, gei: Double, exactCredits: Double, issued: Double,
        surrenderRequired: Double
    ) {
        self.target = target
        self.targetOrigin = targetOrigin
        self.gei = gei
        self.exactCredits = exactCredits
        self.issued = issued
        self.surrenderRequired = surrenderRequired
    }
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
    /// What the CCCs bought cost and the CCCs sold brought in, INR (lines of ``costBreakdown``).
    public var purchaseCost = 0.0, saleRevenue = 0.0
    public var compliant: Bool { Settlement.isCompliant(shortfall: ledger.shortfall) }

    /// The year's cost line by line (``CostBreakdown``); its net is ``cost``.
    public var costBreakdown: CostBreakdown {
        let notCounted = offsets.filter { $0.counted < $0.delivered }
        return CostBreakdown(
            purchased: .init(quantity: ledger.purchased, inr: purchaseCost),
            offsets: .init(quantity: offsets.reduce(0) { $0 + $1.delivered }, inr: offsets.reduce(0) { $0 + $1.paid }),
            offsetsNotCounted: .init(
                quantity: notCounted.reduce(0) { $0 + $1.delivered - $1.counted },
                inr: notCounted.reduce(0) {
                    $0 + ($1.delivered > 0 ? $1.paid * ($1.delivered - $1.counted) / $1.delivered : 0)
                }),
            sold: .init(quantity: ledger.sold, inr: -saleRevenue),
            compensation: .init(quantity: ledger.shortfall, inr: compensation),
            carried: .init(quantity: ledger.carried, inr: -ledger.carried * price),
            price: price, priceOrigin: priceOrigin)
    }
    public var warnings: [Warning]
    public var trace: [TraceStep]

    public init(
        year: ComplianceYear, emissions: EmissionsBreakdown, products: [ProductOutput], equivalentProduction: Double,
        reportedGEI: Double, verification: VerificationOutcome, compliance: ComplianceOutcome, offsets: [OffsetOutcome],
        ledger: Ledger, price: Double, priceOrigin: String, compensationMultiple: Double, compensation: Double,
        cost: Double, warnings: [Warning], trace: [TraceStep]
    ) {
        self.year = year
        self.emissions = emissions
        self.products = products
        self.equivalentProduction = equivalentProduction
        self.reportedGEI = reportedGEI
        self.verification = verification
        self.compliance = compliance
        self.offsets = offsets
        self.ledger = ledger
        self.price = price
        self.priceOrigin = priceOrigin
        self.compensationMultiple = compensationMultiple
        self.compensation = compensation
        self.cost = cost
        self.warnings = warnings
        self.trace = trace
    }
}

/// The outcome of a scenario: every year, and the trajectory baseline → targets → achieved.
public struct ScenarioOutcome: Sendable {
    public var scenario: String
    public var registration: String
    public var entityName: String
    public var sector: String
    public var baseline: Baseline?
    public var years: [YearOutcome]
    public var warnings: [Warning] { years.flatMap(\.warnings) }

    public init(
        scenario: String, registration: String, entityName: String, sector: String, baseline: Baseline?,
        years: [YearOutcome]
    ) {
        self.scenario = scenario
        self.registration = registration
        self.entityName = entityName
        self.sector = sector
        self.baseline = baseline
        self.years = years
    }
}
