/// One movement in an entity's CCC account, with its reason: the audit trail of a year.
public struct LedgerEntry: Sendable {
    public enum Kind: String, Sendable {
        case opening, issued, offsets, offsetsNotCounted = "offsets not counted", purchased, surrendered, sold, closing, lapsed
    }
    public var kind: Kind
    /// CCCs moved (positive in, negative out; the balance for opening and closing).
    public var quantity: Double
    public var reason: String
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

    mutating func record(_ kind: LedgerEntry.Kind, _ quantity: Double, _ reason: String) {
        entries.append(LedgerEntry(kind: kind, quantity: quantity, reason: reason))
    }
}

extension OffsetRules {
    /// Whole certificates of offsets that may count: `share × obligation`, rounded down.
    @inlinable
    public static func cap(share: Double, obligation: Double) -> Double {
        share == .infinity ? .infinity : CertificateArithmetic.whole(share * obligation, scale: obligation, rounding: .floor)
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
}

/// Step 5: the ledger, given what compliance requires and what the entity trades.
struct LedgerBuilder {
    let rules: ComplianceRules
    let year: ComplianceYear

    /// Decides which delivered offsets count: project type, vintage, and the cap on their share.
    func assessOffsets(_ lines: [(line: OffsetLine, delivered: Double)], obligation: Double) -> [OffsetOutcome] {
        var remainingCap = OffsetRules.cap(share: rules.offsets.maximumShare ?? .infinity, obligation: obligation)
        return lines.map { line, delivered in
            var reason = rules.offsets.ineligibility(type: line.type, vintage: line.vintage, year: year) ?? ""
            var counted = reason.isEmpty ? delivered : 0
            if counted > remainingCap {
                reason = "over the cap of \((rules.offsets.maximumShare ?? 0).shown) × obligation; \(max(remainingCap, 0).shown) of \(delivered.shown) counted"
                counted = max(remainingCap, 0)
            }
            remainingCap -= counted
            return OffsetOutcome(project: line.project, type: line.type, vintage: line.vintage, delivered: delivered,
                                 counted: counted, ineligibility: reason, path: line.path)
        }
    }

    /// Builds the account: credit what comes in, surrender what is owed, sell what remains, bank the rest.
    func build(opening: Double, issued: Double, obligation: Double, offsets: [OffsetOutcome],
               purchased: Double, requestedSale: Double, recorder: Recorder) -> Ledger {
        var ledger = Ledger()
        ledger.opening = opening
        ledger.record(.opening, opening, "banked from the previous year")
        ledger.issued = issued
        if issued > 0 { ledger.record(.issued, issued, "GEI below target: CCCs issued") }
        for offset in offsets {
            if offset.counted > 0 {
                ledger.offsets += offset.counted
                ledger.record(.offsets, offset.counted, "\(offset.project) (\(offset.type), vintage \(offset.vintage))")
            }
            if !offset.ineligibility.isEmpty {
                ledger.record(.offsetsNotCounted, offset.delivered - offset.counted, "\(offset.project): \(offset.ineligibility)")
            }
        }
        ledger.purchased = purchased
        if purchased > 0 { ledger.record(.purchased, purchased, "bought on the exchange") }

        let holdings = opening + issued + ledger.offsets + purchased
        let account = Settlement.settle(holdings: holdings, obligation: obligation, requestedSale: requestedSale,
                                        bankingAllowed: rules.banking.allowed, maximumCarried: rules.banking.maximumCarried ?? .infinity)
        ledger.surrendered = account.surrendered
        ledger.shortfall = account.shortfall
        if obligation > 0 { ledger.record(.surrendered, -ledger.surrendered, "surrender obligation of \(obligation.shown)") }
        ledger.sold = account.sold
        if account.sold < requestedSale {
            recorder.warn("\(year): sale of \(requestedSale.shown) CCCs reduced to the \((holdings - account.surrendered).shown) held after surrender")
        }
        if ledger.sold > 0 { ledger.record(.sold, -ledger.sold, "sold on the exchange") }
        ledger.closing = account.closing
        ledger.record(.closing, ledger.closing, "holdings at the end of \(year)")
        ledger.carried = account.carried
        ledger.lapsed = account.lapsed
        if ledger.lapsed > 0 {
            let why = rules.banking.allowed ? "above the banking limit" : "banking not allowed"
            ledger.record(.lapsed, -ledger.lapsed, why)
        }
        return ledger
    }
}
