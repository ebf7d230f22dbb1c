import Testing
@testable import CCTS

/// The settlement arithmetic of the ledger and the offset rules (the evaluator calls these;
/// the whole ledger with its lines is tested through runs in `LifecycleArithmeticTests`).
@Suite struct LedgerTests {
    let year = ComplianceYear("2025-26")!

    @Test func balanceIdentityHolds() {
        // holdings 1,000 + 3,000 = 4,000 < obligation 5,000: all surrendered, shortfall 1,000, closing 0
        let a = Settlement.settle(holdings: 4_000, obligation: 5_000, requestedSale: 0, bankingAllowed: true, maximumCarried: .infinity)
        #expect(a.surrendered == 4_000 && a.shortfall == 1_000 && a.closing == 0)
        #expect(4_000 - a.surrendered - a.sold == a.closing)
    }

    @Test func salesAreCappedAtHoldings() {
        // 800 held, no obligation, 1,000 asked for sale: 800 sold, nothing left
        let a = Settlement.settle(holdings: 800, obligation: 0, requestedSale: 1_000, bankingAllowed: true, maximumCarried: .infinity)
        #expect(a.sold == 800 && a.closing == 0)
    }

    @Test func bankingCapLapsesTheRest() {
        let capped = Settlement.settle(holdings: 2_000, obligation: 0, requestedSale: 0, bankingAllowed: true, maximumCarried: 500)
        #expect(capped.carried == 500 && capped.lapsed == 1_500)
        let none = Settlement.settle(holdings: 2_000, obligation: 0, requestedSale: 0, bankingAllowed: false, maximumCarried: .infinity)
        #expect(none.carried == 0 && none.lapsed == 2_000)
    }

    @Test func offsetEligibilityAndCap() {
        let rules = OffsetRules(allowed: true, eligibleTypes: ["renewable_energy"], earliestVintage: ComplianceYear("2025-26"), maximumShare: 0.1)
        #expect(rules.ineligibility(type: "renewable_energy", vintage: year, year: year) == nil)
        #expect(rules.ineligibility(type: "biochar", vintage: year, year: year)?.contains("not eligible") == true)
        #expect(rules.ineligibility(type: "renewable_energy", vintage: ComplianceYear("2024-25")!, year: year)?.contains("older") == true)
        #expect(rules.ineligibility(type: "renewable_energy", vintage: ComplianceYear("2026-27")!, year: year)?.contains("later") == true)
        // cap = 10 % × 10,000 = 1,000 whole certificates; 10 % × 10,005 = 1,000.5 → 1,000
        #expect(OffsetRules.cap(share: 0.1, obligation: 10_000) == 1_000)
        #expect(OffsetRules.cap(share: 0.1, obligation: 10_005) == 1_000)
        #expect(OffsetRules.cap(share: .infinity, obligation: 10_005) == .infinity)
    }
}
