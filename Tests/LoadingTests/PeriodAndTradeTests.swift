import CCTS
import Loading
import Testing
import TestSupport

/// The short first compliance period of each schedule (`compliance.periods`) and trades dated
/// against the surrender (`compliance.surrender_date`), on numbers worked out by hand.
@Suite struct CompliancePeriodTests {
    @Test func fullYearQuantitiesAreTakenProRata() throws {
        let outcome = try runScenario(cementScenario(yearExtra: "monitored = \"full_year\","))
        let year = try #require(outcome.years.first)
        // Cement is a First Schedule sector: 2025-26 runs 8 Oct 2025 – 31 Mar 2026 = 175 days of 365.
        // production = 1,400,000 × 175 / 365 = 671,232.8767 t; the GEI is unchanged, 0.70223
        #expect(close(year.equivalentProduction, 1_400_000.0 * 175 / 365))
        // emissions = 983,122.495 × 175 / 365 = 471,360.1 tCO2e
        #expect(close(year.emissions.total, 983_122.495 * 175 / 365))
        #expect(year.compliance.gei == 0.70223)
        // credits = (0.72 − 0.70223) × 671,232.8767 = 24,878 × 175 / 365 = 11,927.81 → issued 11,927
        #expect(close(year.compliance.exactCredits, 24_878.0 * 175 / 365, relative: 1e-9))
        #expect(year.compliance.issued == 11_927)
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("2025-10-08 to 2026-03-31 (175 days)") && $0.contains("× 175/365 = 0.479452")
            })
    }

    @Test func unstatedMonitoringIsThePeriodAndSaysSo() throws {
        let year = try #require(try runScenario(cementScenario()).years.first)
        // quantities taken as the period's own: issued (0.72 − 0.70223) × 1,400,000 = 24,878
        #expect(year.compliance.issued == 24_878)
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("taken as monitored over that period; say monitored = \"period\" or \"full_year\"")
            })
        let stated = try #require(try runScenario(cementScenario(yearExtra: "monitored = \"period\",")).years.first)
        #expect(stated.compliance.issued == 24_878)
        #expect(!stated.warnings.map(\.message).contains { $0.contains("short compliance period") })
    }

    @Test func secondScheduleFirstPeriodIsJanuaryToMarch() throws {
        let text = cementScenario(yearExtra: "monitored = \"full_year\",")
            .replacingOccurrences(of: "sector = \"cement\"", with: "sector = \"textile\"")
            .replacingOccurrences(
                of: "{ { \"opc\", 1e6, \"t\" }, { \"ppc\", 4e5, \"t\" } }", with: "{ { \"yarn\", 1.4e6, \"t\" } }")
        let year = try #require(try runScenario(text).years.first)
        // 1 Jan – 31 Mar 2026 = 31 + 28 + 31 = 90 days: 1,400,000 × 90 / 365 = 345,205.48 t
        #expect(close(year.equivalentProduction, 1_400_000.0 * 90 / 365))
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("Second Schedule sectors, 2026-01-01 to 2026-03-31 (90 days)")
            })
    }

    @Test func aStatementWithoutEffectSaysSo() throws {
        let year = try #require(
            try runScenario(cementScenario(year: "2026-27", yearExtra: "monitored = \"full_year\",")).years.first)
        #expect(year.equivalentProduction == 1_400_000)
        #expect(
            year.warnings.map(\.message).contains(
                "2026-27: monitored = \"full_year\" has no effect: the compliance period is the whole year"))
    }

    @Test func badMonitoringValueIsRefused() {
        #expect(throws: InputError.self) { try runScenario(cementScenario(yearExtra: "monitored = \"fullyear\",")) }
        do {
            _ = try runScenario(cementScenario(yearExtra: "monitored = \"fullyear\","))
        } catch let error as InputError {
            #expect(
                error.description.contains(
                    "years[\"2025-26\"].monitored: 'fullyear' is not what a year's quantities can cover"))
            #expect(error.description.contains("did you mean 'full_year'"))
        } catch { Issue.record("\(error)") }
    }

    @Test func calendarArithmetic() {
        // 2025-26 has no 29 February: 365 days; 2027-28 holds 29 Feb 2028: 366
        #expect(ComplianceYear("2025-26")!.days == 365)
        #expect(ComplianceYear("2027-28")!.days == 366)
        #expect(CalendarDay("2026-02-29") == nil && CalendarDay("2028-02-29") != nil)
        #expect(CalendarDay("1970-01-01")!.ordinal == 0 && CalendarDay("2000-03-01")!.ordinal == 11_017)
    }
}

@Suite struct DatedTradeTests {
    /// Opening 10,000; target 0.69: surrender (0.70223 − 0.69) × 1,400,000 = 17,122.
    func scenario(_ trades: String) -> String {
        cementScenario(
            target: 0.69, extra: "opening_balance = 10000, market = { price = { [\"2025-26\"] = 2000 } },",
            yearExtra: "monitored = \"period\", trades = \(trades),")
    }

    @Test func aSaleBeforeTheSurrenderLeavesTheAccountShort() throws {
        let year = try #require(
            try runScenario(
                scenario(
                    """
                    { buy = { 5000, price = 1900 }, sell = { { 8000, date = "2026-02-01" }, { 1000, date = "2026-11-01"\
                     } } }
                    """)
            ).years.first)
        // held 10,000 → sell 8,000 on 1 Feb 2026 (before the 30 Sep 2026 surrender) → 2,000
        // → buy 5,000 at the surrender → 7,000 → surrender 7,000 of 17,122: short 10,122
        // → the sale of 1,000 on 1 Nov 2026 finds nothing held: sold 0
        #expect(year.compliance.surrenderRequired == 17_122)
        #expect(year.ledger.surrendered == 7_000 && year.ledger.shortfall == 10_122)
        #expect(year.ledger.sold == 8_000 && year.ledger.purchased == 5_000 && year.ledger.closing == 0)
        // compensation 10,122 × 2 × 2,000 = 40,488,000; cost 5,000 × 1,900 + 40,488,000 − 8,000 × 2,000 =
        // 33,988,000
        #expect(year.compensation == 40_488_000)
        #expect(year.cost == 33_988_000)
        #expect(year.ledger.entries.map(\.kind) == [.opening, .sold, .purchased, .surrendered, .closing])
        #expect(year.ledger.entries[1].reason == "sold on 2026-02-01 at 2000 INR/CCC")
        #expect(
            year.warnings.map(\.message).contains(
                "2025-26: 8000 CCCs sold before the surrender; the account was 10122 short at the surrender"))
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("sale of 1000 CCCs on 2026-11-01")
                    && $0.contains("reduced to the 0 held after the surrender")
            })
    }

    @Test func theSameSaleAfterTheSurrenderDoesNot() throws {
        let year = try #require(try runScenario(scenario("{ buy = { 5000, price = 1900 }, sell = 8000 }")).years.first)
        // held 10,000 + 5,000 = 15,000 at the surrender: short 17,122 − 15,000 = 2,122; nothing left to sell
        #expect(year.ledger.surrendered == 15_000 && year.ledger.shortfall == 2_122 && year.ledger.sold == 0)
        // compensation 2,122 × 2 × 2,000 = 8,488,000; cost 9,500,000 + 8,488,000 = 17,988,000
        #expect(year.cost == 17_988_000)
    }

    @Test func aPurchaseAfterTheSurrenderIsBankedNotSurrendered() throws {
        let year = try #require(try runScenario(scenario("{ buy = { { 7122, date = \"2026-10-15\" } } }")).years.first)
        // 10,000 at the surrender: short 7,122; the 7,122 bought on 15 Oct 2026 close the year, carried
        #expect(year.ledger.shortfall == 7_122 && year.ledger.closing == 7_122 && year.ledger.carried == 7_122)
    }

    @Test func aTradeOutsideItsWindowIsRefused() {
        do {
            _ = try runScenario(scenario("{ buy = { { 100, date = \"2025-06-01\" } } }"))
            Issue.record("a purchase before the period was accepted")
        } catch let error as InputError {
            // cement's 2025-26 period starts on 8 Oct 2025
            #expect(
                error.description.contains(
                    "trades.buy[1].date: is 2025-06-01; a trade of 2025-26 is dated from 2025-10-08"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try runScenario(scenario("{ sell = { { 100, date = \"2026-02-30\" } } }"))
            Issue.record("30 February was accepted")
        } catch let error as InputError {
            #expect(error.description.contains("'2026-02-30' is not a date"))
        } catch { Issue.record("\(error)") }
    }
}
