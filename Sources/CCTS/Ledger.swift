/// One movement in an entity's CCC account, with its reason: the audit trail of a year.
public struct LedgerEntry: Sendable {
    public enum Kind: String, Sendable {
        case opening, issued, offsets, offsetsNotCounted = "offsets not counted", purchased, surrendered, sold, closing,
            lapsed
    }
    public var kind: Kind
    /// CCCs moved (positive in, negative out; the balance for opening and closing).
    public var quantity: Double
    public var reason: String

    public init(kind: Kind, quantity: Double, reason: String) {
        self.kind = kind
        self.quantity = quantity
        self.reason = reason
    }
}

/// A year's CCC account.
///
/// `opening + issued + eligible offsets + purchased − surrendered − sold = closing`;
/// what banking does not allow to carry lapses. A surrender obligation not met
/// from holdings is the shortfall, which incurs environmental compensation.
public struct Ledger: Sendable {
    public var entries: [LedgerEntry] = []
    public var opening = 0.0
    public var issued = 0.0
    public var offsets = 0.0
    public var purchased = 0.0
    public var surrendered = 0.0
    public var sold = 0.0
    public var closing = 0.0
    /// What carries to the next year under the banking rules.
    public var carried = 0.0
    public var lapsed = 0.0
    public var shortfall = 0.0

    public init() {}

    public mutating func record(_ kind: LedgerEntry.Kind, _ quantity: Double, _ reason: String) {
        entries.append(LedgerEntry(kind: kind, quantity: quantity, reason: reason))
    }
}

extension OffsetRules {
    /// Whole certificates of offsets that may count: `share × obligation`, rounded down.
    @inlinable
    public static func cap(share: Double, obligation: Double) -> Double {
        share == .infinity
            ? .infinity : CertificateArithmetic.whole(share * obligation, scale: obligation, rounding: .floor)
    }

    /// Why offsets of this type and vintage may not be retired in `year`, or nil when they may.
    public func ineligibility(type: String, vintage: ComplianceYear, year: ComplianceYear) -> String? {
        if !allowed { return "the rules do not accept offsets for compliance" }
        if !eligibleTypes.contains(type) {
            return "project type '\(type)' is not eligible (eligible: \(eligibleTypes.joined(separator: ", ")))"
        }
        if let earliestVintage, vintage < earliestVintage {
            return "vintage \(vintage) is older than the earliest accepted, \(earliestVintage)"
        }
        if vintage > year { return "vintage \(vintage) is later than the compliance year \(year)" }
        return nil
    }
}

/// An offset line after the eligibility rules: what counted and why.
public struct OffsetOutcome: Sendable {
    public var project: String
    public var type: String
    public var vintage: ComplianceYear
    /// Credits delivered (contracted × delivered fraction).
    public var delivered: Double
    /// Credits counted towards the account.
    public var counted: Double
    /// Empty when eligible; otherwise why not.
    public var ineligibility: String
    public var path: String
    /// What the delivered credits cost, INR (0 when the line states no price).
    public var paid = 0.0

    public init(
        project: String, type: String, vintage: ComplianceYear, delivered: Double, counted: Double,
        ineligibility: String, path: String
    ) {
        self.project = project
        self.type = type
        self.vintage = vintage
        self.delivered = delivered
        self.counted = counted
        self.ineligibility = ineligibility
        self.path = path
    }
}
