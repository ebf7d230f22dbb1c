import Testing
@testable import CCTS

/// The settlement arithmetic of the ledger and the offset rules (the evaluator calls these;
/// the whole ledger with its lines is tested through runs in `LifecycleArithmeticTests`).
@Suite struct LedgerTests {
    let year = ComplianceYear("2025-26")!

    @Test func balanceIdentityHolds() {
        // opening 1,000 + credited 3,000 = 4,000 < obligation 5,000: all surrendered, shortfall 1,000, closing 0
        var a = Settlement.Account(opening: 1_000)
        a.surrender(credited: 3_000, obligation: 5_000)
        a.close(bankingAllowed: true, maximumCarried: .infinity)
        #expect(a.surrendered == 4_000 && a.shortfall == 1_000 && a.closing == 0)
        #expect(1_000 + 3_000 - a.surrendered - a.sold == a.closing)
    }

    @Test func salesAreCappedAtWhatIsHeldAtTheirMoment() {
        // 800 held, no obligation, 1,000 asked after the surrender at 2,000: 800 sold for 1,600,000, nothing left
        var after = Settlement.Account(opening: 0)
        after.surrender(credited: 800, obligation: 0)
        #expect(after.sell(1_000, at: 2_000) == 800)
        after.close(bankingAllowed: true, maximumCarried: .infinity)
        #expect(
            after.sold == 800 && after.requestedSale == 1_000 && after.saleRevenue == 1_600_000 && after.closing == 0)

        // Before the surrender only the opening 500 and a purchase of 300 are held: a sale of 1,000
        // sells 800; the 600 issued later then meets only 600 of an obligation of 700: short 100.
        var before = Settlement.Account(opening: 500)
        before.buy(300, at: 1_900)
        #expect(before.sell(1_000, at: 2_100) == 800)
        before.surrender(credited: 600, obligation: 700)
        #expect(before.surrendered == 600 && before.shortfall == 100)
        // cost 300 × 1,900 = 570,000; revenue 800 × 2,100 = 1,680,000
        #expect(before.purchaseCost == 570_000 && before.saleRevenue == 1_680_000)
    }

    @Test func bankingCapLapsesTheRest() {
        var capped = Settlement.Account(opening: 2_000)
        capped.close(bankingAllowed: true, maximumCarried: 500)
        #expect(capped.carried == 500 && capped.lapsed == 1_500)
        var none = Settlement.Account(opening: 2_000)
        none.close(bankingAllowed: false, maximumCarried: .infinity)
        #expect(none.carried == 0 && none.lapsed == 2_000)
    }

    @Test func offsetEligibilityAndCap() {
        let rules = OffsetRules(
            allowed: true, eligibleTypes: ["renewable_energy"], earliestVintage: ComplianceYear("2025-26"),
            maximumShare: 0.1)
        #expect(rules.ineligibility(type: "renewable_energy", vintage: year, year: year) == nil)
        #expect(rules.ineligibility(type: "biochar", vintage: year, year: year)?.contains("not eligible") == true)
        #expect(
            rules.ineligibility(type: "renewable_energy", vintage: ComplianceYear("2024-25")!, year: year)?.contains(
                "older") == true)
        #expect(
            rules.ineligibility(type: "renewable_energy", vintage: ComplianceYear("2026-27")!, year: year)?.contains(
                "later") == true)
        // cap = 10 % × 10,000 = 1,000 whole certificates; 10 % × 10,005 = 1,000.5 → 1,000
        #expect(OffsetRules.cap(share: 0.1, obligation: 10_000) == 1_000)
        #expect(OffsetRules.cap(share: 0.1, obligation: 10_005) == 1_000)
        #expect(OffsetRules.cap(share: .infinity, obligation: 10_005) == .infinity)
    }
}

/// A market run's prices as the file a run keeps of them.
@Suite struct MarketPricesTests {
    @Test func csvRoundTripsAndSummarises() throws {
        // two years × three worlds; 2025-26: mean (100 + 200 + 600) / 3 = 300, 5 % quantile the 1st of 3 (⌈0.15⌉ =
        // 1): 100
        let prices = MarketPrices(
            source: "market run 9", years: [ComplianceYear("2025-26")!, ComplianceYear("2026-27")!], worlds: 3,
            prices: [100, 200, 600, 0.1, 0.2, 0.30000000000000004])
        let back = try MarketPrices(csv: prices.csv, file: "p.csv")
        #expect(back == prices)
        #expect(
            prices.mean(row: 0) == 300 && prices.quantile(row: 0, 0.05) == 100 && prices.quantile(row: 0, 0.95) == 600)
        #expect(prices.origin(row: 0) == "market run 9: mean 300, 5–95 % 100–600 INR/CCC, world by world")
    }

    @Test func aBadLineIsNamed() {
        #expect(throws: InputError.self) {
            try MarketPrices(csv: "year,world,price\n2025-26,0,12\n2025-26,2,13\n", file: "p.csv")
        }
        do {
            _ = try MarketPrices(csv: "year,world,price\n2025-26,0,-5\n", file: "p.csv")
            Issue.record("a negative price was accepted")
        } catch let error as InputError {
            #expect(
                error.file == "p.csv" && error.path == "line 2" && error.message.contains("expected year,world,price"))
        } catch { Issue.record("\(error)") }
    }
}
