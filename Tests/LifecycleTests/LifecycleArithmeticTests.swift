import CCTS
import Loading
import Testing
import TestSupport

/// The lifecycle's formulas on the built-in rules, against numbers worked out by hand.
@Suite struct LifecycleArithmeticTests {
    @Test func monitoringGEIAndIssuance() throws {
        let year = try #require(try runScenario(cementScenario()).years.first)
        let e = year.emissions
        // energy = 210,000 t × 25.8 GJ/t / 1000 = 5,418 TJ
        #expect(close(e.fuels[0].energyTJ, 5418))
        // CO2 = 5,418 TJ × 94.6 t/TJ = 512,542.8 t
        #expect(close(e.fuels[0].co2, 512_542.8))
        // CH4 = 5,418 × 10 kg/TJ / 1000 × 28 (AR5) = 1,517.04; N2O = 5,418 × 1.5 / 1000 × 265 = 2,153.655
        #expect(close(e.fuels[0].ch4, 1_517.04))
        #expect(close(e.fuels[0].n2o, 2_153.655))
        // process = 1,000,000 t × 0.43971 (IPCC 2006 Table 2.1) × 0.9 = 395,739
        #expect(close(e.processTotal, 395_739))
        // electricity = 100,000 MWh × 0.7117 (CEA 2024-25, applied to 2025-26) = 71,170; renewable counts 0
        #expect(close(e.electricity, 71_170))
        // total = 512,542.8 + 1,517.04 + 2,153.655 + 395,739 + 71,170 = 983,122.495
        #expect(close(e.total, 983_122.495))
        // production = 1,000,000 + 400,000 = 1,400,000 t; GEI = 983,122.495 / 1.4e6 = 0.70223035… → 0.70223
        #expect(year.equivalentProduction == 1_400_000)
        #expect(year.compliance.gei == 0.70223)
        // credits = (0.72 − 0.70223) × 1,400,000 = 24,878 → issued 24,878 (a whole number: nothing rounded)
        #expect(close(year.compliance.exactCredits, 24_878, relative: 1e-9))
        #expect(year.compliance.issued == 24_878)
        #expect(year.compliance.surrenderRequired == 0)
        #expect(year.ledger.closing == 24_878 && year.compliant)
    }

    @Test func unitConversions() throws {
        let text = cementScenario(yearExtra: "").replacingOccurrences(
            of: "{ { \"coal_imported\", 210000, \"t\" } }",
            with:
                "{ { \"diesel\", 1000, \"kL\" }, { \"natural_gas\", 10, \"MMSCM\" }, { \"coal_imported\", 2.58, \"TJ\" "
                + "}, { \"lignite\", 0.5, \"kt\" } }"
        )
        .replacingOccurrences(of: "{ 100000, \"MWh\" }", with: "{ 1000000, \"kWh\" }")
        let e = try #require(try runScenario(text).years.first).emissions
        // diesel: 1,000 kL × 0.84 t/kL = 840 t × 43.0 GJ/t = 36.12 TJ × 74.1 = 2,676.492 tCO2
        #expect(close(e.fuels[0].co2, 2_676.492))
        // natural gas: 10 MMSCM = 1e7 Sm3 × 0.75 kg/Sm3 / 1000 = 7,500 t × 48.0 = 360 TJ × 56.1 = 20,196 tCO2
        #expect(close(e.fuels[1].energyTJ, 360))
        #expect(close(e.fuels[1].co2, 20_196))
        // energy units skip the NCV: 2.58 TJ × 94.6 = 244.068 tCO2
        #expect(close(e.fuels[2].co2, 244.068))
        // 0.5 kt lignite = 500 t × 11.9 = 5.95 TJ × 101.0 = 600.95 tCO2
        #expect(close(e.fuels[3].co2, 600.95))
        // 1,000,000 kWh = 1,000 MWh × 0.7117 = 711.7 tCO2
        #expect(close(e.electricity, 711.7))
    }

    @Test func heatExportsCaptureAndRefrigerants() throws {
        let extra = """
            heat = { purchased = { 90000, "GJ" }, exported = { 1000, "GJ" } },
            captured_co2 = { 12000, "t" },
            refrigerants = { { "R-134a", 250, "kg" } },
            """
        let text = cementScenario(yearExtra: extra).replacingOccurrences(
            of: "renewable = { 50000, \"MWh\" }",
            with: "exported = { 8000, \"MWh\" }")
        let e = try #require(try runScenario(text).years.first).emissions
        // heat: 90,000 GJ × 0.062333 tCO2/GJ (gas boiler: 56.1 / 0.9 / 1000) = 5,609.97
        #expect(close(e.heat, 5_609.97))
        // exports: 8,000 MWh × 0.7117 = 5,693.6 and 1,000 GJ × 0.062333 = 62.333; captured 12,000 t
        #expect(close(e.exportedElectricity, 5_693.6))
        #expect(close(e.exportedHeat, 62.333))
        #expect(e.captured == 12_000)
        // R-134a: 0.25 t × 1,300 (AR5) = 325 tCO2e
        #expect(close(e.fugitiveTotal, 325))
        // total = 983,122.495 + 5,609.97 + 325 − 5,693.6 − 62.333 − 12,000 = 971,301.532
        #expect(close(e.total, 971_301.532))
        let noDeductions = try runScenario(
            text,
            loader: Loader(sets: [
                "compliance.exports_deductible=false",
                "compliance.captured_co2_deductible=false",
            ]))
        let year = try #require(noDeductions.years.first)
        #expect(year.emissions.deductions == 0)
        #expect(year.warnings.map(\.message).contains { $0.contains("exported electricity of 8000 MWh not deducted") })
    }

    @Test func typeIIFactorsOverrideDefaults() throws {
        let text = cementScenario().replacingOccurrences(
            of: "{ \"coal_imported\", 210000, \"t\" }",
            with: "{ \"coal_imported\", 210000, \"t\", ncv = 24.0, co2 = 95.0, biomass_fraction = 0.1 }")
        let fuel = try #require(try runScenario(text).years.first?.emissions.fuels.first)
        // 210,000 × 24.0 / 1000 = 5,040 TJ; CO2 = 5,040 × 95.0 × (1 − 0.1) = 430,920
        #expect(close(fuel.energyTJ, 5_040))
        #expect(close(fuel.co2, 430_920))
    }

    @Test func materialMisstatementUsesVerifiedFigures() throws {
        let year = try #require(
            try runScenario(cementScenario(yearExtra: "verification = { emissions = 0.03 },")).years.first)
        // verified = 983,122.495 × 1.03 = 1,012,616.16985; misstatement = 0.03 / 1.03 = 2.91 % > 2 % → material
        #expect(year.verification.material)
        #expect(close(year.verification.emissionsMisstatement, 0.03 / 1.03))
        #expect(close(year.verification.emissions, 1_012_616.16985))
        // GEI = 1,012,616.16985 / 1.4e6 = 0.72329726… → 0.723297; credits = (0.72 − 0.723297) × 1.4e6 =
        // −4,615.8 → surrender 4,616
        #expect(year.compliance.gei == 0.723297)
        #expect(year.compliance.surrenderRequired == 4_616)
    }

    @Test func immaterialMisstatementKeepsReportedFigures() throws {
        let year = try #require(
            try runScenario(cementScenario(yearExtra: "verification = { emissions = 0.015 },")).years.first)
        // 0.015 / 1.015 = 1.48 % ≤ 2 %: the reported GEI 0.70223 stands
        #expect(!year.verification.material)
        #expect(year.compliance.gei == 0.70223)
    }

    @Test func shortfallOffsetsAndCompensation() throws {
        let extra = """
            offsets = {
              { project = "P-RE", type = "renewable_energy", credits = 5000, delivered = 0.8, vintage = "2025-26" },
              { project = "P-BC", type = "biochar", credits = 3000, vintage = "2025-26" },
            },
            trades = { buy = { 10000, price = 2000 } },
            """
        let year = try #require(
            try runScenario(cementScenario(target: 0.68, extra: "market = { price = 2500 },", yearExtra: extra)).years
                .first)
        // credits = (0.68 − 0.70223) × 1.4e6 = −31,122 → surrender 31,122 (whole)
        #expect(year.compliance.surrenderRequired == 31_122)
        // offsets: 5,000 × 0.8 = 4,000 counted; biochar is not an eligible type: delivered, not counted
        #expect(year.ledger.offsets == 4_000)
        #expect(year.offsets[1].counted == 0 && year.offsets[1].ineligibility.contains("not eligible"))
        #expect(year.warnings.map(\.message).contains { $0.contains("P-BC") })
        // holdings 4,000 + 10,000 = 14,000 surrendered; shortfall 31,122 − 14,000 = 17,122
        #expect(year.ledger.surrendered == 14_000 && year.ledger.shortfall == 17_122)
        // EC = 17,122 × 2 × 2,500 = 85,610,000; cost = 10,000 × 2,000 + 85,610,000 = 105,610,000
        #expect(year.compensation == 85_610_000)
        #expect(year.cost == 105_610_000)
        #expect(!year.compliant)
    }

    @Test func bankingCarriesSurplusIntoNextYear() throws {
        let yearBody = """
              fuels = { { "coal_imported", 210000, "t" } },
              process = { { "limestone", 1e6, "t", purity = 0.9 } },
              electricity = { purchased = { 100000, "MWh" }, renewable = { 50000, "MWh" } },
              products = { { "opc", 1e6, "t" }, { "ppc", 4e5, "t" } },
            """
        let text = """
            return scenario {
              name = "two years",
              entity = { registration = "T-CEM", sector = "cement", targets = { ["2025-26"] = 0.72, ["2024-25"] = 0.69\
             } },
              opening_balance = 100,
              years = { ["2024-25"] = { \(yearBody) }, ["2025-26"] = { \(yearBody) } },
            }
            """
        let outcome = try runScenario(text)
        // 2024-25 uses the 2024-25 factor (same 0.7117), GEI 0.70223 > 0.69:
        // surrender = (0.70223 − 0.69) × 1.4e6 = 17,122 against 100 banked: shortfall 17,022
        #expect(outcome.years[0].compliance.surrenderRequired == 17_122)
        #expect(outcome.years[0].ledger.shortfall == 17_022)
        #expect(outcome.years[0].ledger.carried == 0)
        // 2025-26: issued 24,878, opening 0 → closing 24,878
        #expect(outcome.years[1].ledger.opening == 0)
        #expect(outcome.years[1].ledger.closing == 24_878)
    }

    @Test func staleFactorWarnsAndStrictRefuses() throws {
        // 2026-27 has only the 2024-25 grid factor, valid to 2026-03-31.
        let outcome = try runScenario(cementScenario(year: "2026-27"))
        #expect(
            outcome.warnings.map(\.message).contains {
                $0.contains("grids.national.factors[\"2024-25\"]") && $0.contains("2026-27")
            })
        #expect {
            _ = try runScenario(cementScenario(year: "2026-27"), strict: true)
        } throws: { error in
            "\(error)".contains("--strict") && "\(error)".contains("2026-27")
        }
    }
}
