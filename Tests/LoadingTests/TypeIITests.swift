import CCTS
import Loading
import Simulation
import Testing
import TestSupport

/// Site-specific (Type II) values a plant's monitoring plan may state, on the hand-computed plant.
@Suite struct TypeIITests {
    @Test func densityAndMethaneAndNitrousOxideOnAFuelLine() throws {
        // 1,000 kL of diesel at the plant's 0.85 t/kL = 850 t × 43.0 GJ/t = 36.55 TJ;
        // CH4 5 and N2O 0.5 kg/TJ (Type II): 36.55 × (5 × 28 + 0.5 × 265) / 1000 = 36.55 × 0.2725 = 9.959875 tCO2e
        let outcome = try runScenario(
            cementScenario(
                yearExtra: """
                    fuels = { { "diesel", 1000, "kL", density = 0.85, ch4 = 5, n2o = 0.5 } },
                    """))
        let diesel = try #require(outcome.years[0].emissions.fuels.first { $0.fuel == "diesel" })
        #expect(close(diesel.energyTJ, 36.55))
        #expect(close(diesel.ch4 + diesel.n2o, 9.959875))
        // the trace says where each value came from
        let origins = outcome.years[0].trace.flatMap(\.inputs).filter {
            ["density", "EF_CH4", "EF_N2O"].contains($0.name)
        }.map(\.origin)
        #expect(origins.count == 3 && origins.allSatisfy { $0.hasPrefix("Type II (scenario)") }, "\(origins)")
    }

    @Test func siteElectricityFactorReplacesTheGrid() throws {
        // 100,000 MWh at a captive plant's 0.95 tCO2/MWh = 95,000 t (instead of the grid's 71,170)
        let outcome = try runScenario(
            cementScenario().replacingOccurrences(
                of: "electricity = { purchased = { 100000, \"MWh\" }, renewable = { 50000, \"MWh\" } },",
                with:
                    "electricity = { purchased = { 100000, \"MWh\" }, renewable = { 50000, \"MWh\" }, factor = 0.95 },")
        )
        #expect(close(outcome.years[0].emissions.electricity, 95_000))
        let explained = try runScenario(cementScenario(), loader: Loader())
        #expect(close(explained.years[0].emissions.electricity, 71_170))
    }

    /// Exports are deducted at the grid's factor even when purchases carry a site factor: the
    /// exported power displaces grid power (compliance.lua, compliance.exports_deductible), and a
    /// supplier's factor says nothing of it.
    @Test func exportsAreDeductedAtTheGridFactorWhateverTheSiteFactor() throws {
        let outcome = try runScenario(
            cementScenario().replacingOccurrences(
                of: "electricity = { purchased = { 100000, \"MWh\" }, renewable = { 50000, \"MWh\" } },",
                with: """
                    electricity = { purchased = { 100000, "MWh" }, exported = { 8000, "MWh" }, factor = 0.95 },
                    """),
            loader: Loader())
        let e = outcome.years[0].emissions
        // purchased 100,000 × 0.95 = 95,000; exported 8,000 × 0.7117 (CEA 2024-25) = 5,693.6, not × 0.95 = 7,600
        #expect(close(e.electricity, 95_000))
        #expect(close(e.exportedElectricity, 5_693.6))
        let deduction = try #require(outcome.years[0].trace.first { $0.title == "exported electricity (deduction)" })
        #expect(
            deduction.inputs.contains { $0.name == "grid factor" && $0.origin.contains("CEA") }, "\(deduction.inputs)")
    }
}

/// Materiality on the quantities or on the GEI: a rule choice (verification.basis).
@Suite struct MaterialityBasisTests {
    @Test(arguments: [("quantities", false), ("gei", true)])
    func offsettingFindingsAreMaterialOnlyOnTheGEI(basis: String, material: Bool) throws {
        // emissions +1.5 %, production −1.5 %: misstatements 0.015 / 1.015 = 1.48 % and 0.015 / 0.985 = 1.52 %,
        // each below 2 %; the GEI's: |0.985 / 1.015 − 1| = 2.96 % > 2 %
        let outcome = try runScenario(
            cementScenario(yearExtra: "verification = { emissions = 0.015, production = -0.015 },"),
            loader: Loader(sets: ["verification.basis=\(basis)"]))
        #expect(outcome.years[0].verification.material == material)
    }
}

@Suite struct HeatExportFactorTests {
    @Test func exportedHeatHasItsOwnFactor() throws {
        // bought 10,000 GJ of gas-boiler steam: 10,000 × 0.062333 = 623.33 tCO2;
        // exported 2,000 GJ valued at the coal boiler's 0.111294: 2,000 × 0.111294 = 222.588 t deducted
        let outcome = try runScenario(
            cementScenario(
                yearExtra: """
                    heat = { purchased = { 10000, "GJ" }, exported = { 2000, "GJ" }, source = "steam", export_source =\
                     "steam_coal" },
                    """))
        #expect(close(outcome.years[0].emissions.heat, 623.33))
        #expect(close(outcome.years[0].emissions.exportedHeat, 222.588))
        // without export_source both use the purchase's factor: 2,000 × 0.062333 = 124.666
        let same = try runScenario(
            cementScenario(
                yearExtra: """
                    heat = { purchased = { 10000, "GJ" }, exported = { 2000, "GJ" }, source = "steam" },
                    """))
        #expect(close(same.years[0].emissions.exportedHeat, 124.666))
    }
}
