/// What each world reports per compliance year.
public enum Metric: Int, CaseIterable, Sendable {
    /// Reported total emissions, tCO2e.
    case emissions
    /// GEI used for compliance, tCO2e/t.
    case gei
    /// CCCs issued (positive) or surrender required (negative).
    case credits
    /// CCCs held at the end of the year.
    case closing
    /// Surrender obligation not met, CCC.
    case shortfall
    /// Purchases + offsets + compensation − sales, INR.
    case cost
    /// 1 when compliant, 0 when not.
    case compliant
    /// The year's average traded CCC price, INR/CCC.
    case price
    /// Environmental compensation, INR.
    case compensation
    /// Offsets counted towards the surrender, CCC (the market clears each entity's own offsets).
    case offsets

    public var name: String {
        switch self {
        case .emissions: return "emissions"
        case .gei: return "gei"
        case .credits: return "credits"
        case .closing: return "closing_balance"
        case .shortfall: return "shortfall"
        case .cost: return "cost"
        case .compliant: return "compliant"
        case .price: return "price"
        case .compensation: return "compensation"
        case .offsets: return "offsets_counted"
        }
    }

    public var unit: String {
        switch self {
        case .emissions: return "tCO2e"
        case .gei: return "tCO2e/t"
        case .credits, .closing, .shortfall, .offsets: return "CCC"
        case .cost, .compensation: return "INR"
        case .price: return "INR/CCC"
        case .compliant: return ""
        }
    }

    /// Whether runs summarise this metric (mean, percentiles, histograms): not the 0/1 compliance
    /// flag (its mean is the share compliant, reported as such) nor the offsets counted, which only
    /// the market reads.
    public var isSummarised: Bool { self != .compliant && self != .offsets }

    /// Parses a metric name as the command line writes it.
    public init?(name: String) {
        guard let metric = Metric.allCases.first(where: { $0.name == name }) else { return nil }
        self = metric
    }
}
