import Testing
@testable import CCTS

@Suite struct UnitsTests {
    @Test(arguments: [
        ("kg", 1_500.0, 1.5), ("t", 2.0, 2.0), ("kt", 0.5, 500.0), ("Mt", 0.002, 2_000.0),
        ("L", 2_500.0, 2.5), ("ML", 0.3, 300.0), ("kSm3", 4.0, 4_000.0), ("MMSCM", 1.5, 1_500_000.0),
        ("TJ", 2.0, 2_000.0), ("MWh", 10.0, 36.0), ("kWh", 1_000.0, 3.6), ("GWh", 1.0, 3_600.0),
    ])
    func conversionToBase(symbol: String, value: Double, base: Double) throws {
        let unit = try #require(MeasurementUnit.named(symbol))
        #expect(abs(unit.base(value) - base) < 1e-9 * max(1, base))
    }

    @Test func energyToMegawattHours() throws {
        // 36 GJ / 3.6 GJ/MWh = 10 MWh; 1 GWh = 1,000 MWh
        #expect(MeasurementUnit.named("GJ")!.megawattHours(36) == 10)
        #expect(abs(MeasurementUnit.named("GWh")!.megawattHours(1) - 1_000) < 1e-9)
    }

    @Test func unknownSpellingsAreNotGuessed() {
        #expect(MeasurementUnit.named("tonnes") == nil)
        #expect(MeasurementUnit.named("kl") == nil)  // case matters: kL is kilolitre
    }

    @Test func factorUnitSpellings() {
        // 1 kcal = 4.1868 kJ, so 6,000 kcal/kg = 25.1208 GJ/t
        #expect(abs(FactorUnit.multiplier(from: "kcal/kg", to: "GJ/t")! * 6_000 - 25.1208) < 1e-9)
        #expect(FactorUnit.multiplier(from: "kg/TJ", to: "t/TJ") == 0.001)
        #expect(FactorUnit.multiplier(from: "t/TJ", to: "GJ/t") == nil)
    }
}

@Suite struct ComplianceYearTests {
    @Test func parsesAndPrints() throws {
        #expect(ComplianceYear("2025-26")?.startYear == 2025)
        #expect(ComplianceYear("2025-2026")?.description == "2025-26")
        #expect(ComplianceYear("2099-00")?.startYear == 2099)
        #expect(ComplianceYear("1999-00") == nil)  // outside 2000-01 … 2099-00
        #expect(ComplianceYear("9998-99") == nil)
        #expect(ComplianceYear("2025-27") == nil)
        #expect(ComplianceYear("2025") == nil)
        #expect(ComplianceYear("FY26") == nil)
    }

    @Test func validityCoversWholeYears() throws {
        let year = try #require(ComplianceYear("2025-26"))  // 2025-04-01 … 2026-03-31
        #expect(ValidityPeriod(from: CalendarDay("2006-04-01"), to: nil).covers(year))
        #expect(ValidityPeriod(from: CalendarDay("2024-04-01"), to: CalendarDay("2026-03-31")).covers(year))
        #expect(!ValidityPeriod(from: CalendarDay("2024-04-01"), to: CalendarDay("2026-03-30")).covers(year))
        #expect(!ValidityPeriod(from: CalendarDay("2025-10-08"), to: nil).covers(year))
        #expect(CalendarDay("2025-13-01") == nil)
    }
}
