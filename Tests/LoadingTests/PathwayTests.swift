import CCTS
import Loading
import Simulation
import Testing
import TestSupport

/// Measures applied to the hand-computed plant (210,000 t imported coal = 5,418 TJ).
@Suite struct PathwayTests {
    func outcome(_ measures: [Measure]) throws -> YearOutcome {
        let inputs = try Loader().load(scenario: SourceFile(name: "test.lua", text: cementScenario()))
        let scenario = try Evaluation.applying(measures, to: inputs.scenario!, rules: inputs.rules)
        return try #require(try Evaluation.expected(scenario, rules: inputs.rules).years.first)
    }

    @Test func fuelSwitchKeepsTheEnergy() throws {
        let year = try outcome([
            Measure(
                name: "co-firing", effect: .fuelSwitch(from: "coal_imported", to: "biomass", share: 0.2),
                start: ComplianceYear("2025-26")!, capex: 0, opex: 0, lifetime: 10)
        ])
        let coal = try #require(year.emissions.fuels.first { $0.fuel == "coal_imported" })
        let biomass = try #require(year.emissions.fuels.first { $0.fuel == "biomass" })
        // coal keeps 80 %: 0.8 × 5,418 = 4,334.4 TJ, CO2 4,334.4 × 94.6 = 410,034.24
        #expect(close(coal.energyTJ, 4_334.4) && close(coal.co2, 410_034.24))
        // biomass takes 20 % of the energy: 1,083.6 TJ (210,000 × 0.2 × 25.8 / 15.6 t × 15.6 GJ/t);
        // CO2 0 (biogenic); CH4 1,083.6 × 30/1000 × 28 = 910.224; N2O 1,083.6 × 4/1000 × 265 = 1,148.616
        #expect(close(biomass.energyTJ, 1_083.6) && biomass.co2 == 0)
        #expect(close(biomass.ch4, 910.224) && close(biomass.n2o, 1_148.616))
    }

    @Test func efficiencyRenewablesAndCapture() throws {
        let start = ComplianceYear("2025-26")!
        let year = try outcome([
            Measure(
                name: "eff", effect: .efficiency(fuels: 0.1, electricity: 0.5), start: start, capex: 0, opex: 0,
                lifetime: 5),
            Measure(name: "ccus", effect: .ccus(tonnes: 1_000), start: start, capex: 0, opex: 0, lifetime: 5),
        ])
        // fuels 10 % less: 0.9 × 5,418 = 4,876.2 TJ; grid power half: 50,000 MWh × 0.7117 = 35,585 t
        #expect(close(year.emissions.fuels[0].energyTJ, 4_876.2))
        #expect(close(year.emissions.electricity, 35_585))
        #expect(year.emissions.captured == 1_000)
        let later = Measure(
            name: "later", effect: .ccus(tonnes: 1), start: ComplianceYear("2026-27")!, capex: 0, opex: 0, lifetime: 1)
        #expect(
            !later.isActive(in: start) && later.isActive(in: ComplianceYear("2026-27")!)
                && !later.isActive(in: ComplianceYear("2027-28")!))
    }

    /// A fuel switch acts on a fuel mix as on a listed fuel (it used to abate nothing there).
    @Test func fuelSwitchActsOnAFuelMix() throws {
        let text = cementScenario(
            yearExtra: """
                fuel_mix = { total = { 1e6, "GJ" }, shares = dirichlet { coal_imported = 60, petcoke = 40 } },
                """)
        let inputs = try Loader().load(scenario: SourceFile(name: "test.lua", text: text))
        let measure = Measure(
            name: "co-firing", effect: .fuelSwitch(from: "coal_imported", to: "biomass", share: 0.2),
            start: ComplianceYear("2025-26")!, capex: 0, opex: 0, lifetime: 10)
        let scenario = try Evaluation.applying([measure], to: inputs.scenario!, rules: inputs.rules)
        let year = try #require(try Evaluation.expected(scenario, rules: inputs.rules).years.first)
        let before = try #require(try Evaluation.expected(inputs.scenario!, rules: inputs.rules).years.first)
        // the mix's coal: expected share 60 / (60 + 40) × 1,000,000 GJ = 600 TJ; 80 % stays: 480 TJ,
        // CO2 480 × 94.6 = 45,408 t; 20 % = 120 TJ burns as biomass, biogenic CO2 0
        let mixCoal = try #require(year.emissions.fuels.last { $0.fuel == "coal_imported" })
        let mixBiomass = try #require(year.emissions.fuels.last { $0.fuel == "biomass" })
        #expect(close(mixCoal.energyTJ, 480) && close(mixCoal.co2, 45_408))
        #expect(close(mixBiomass.energyTJ, 120) && mixBiomass.co2 == 0)
        // both coal lines switch 20 %: the listed 5,418 TJ and the mix's 600 TJ: CO2 falls by at least
        // 0.2 × (5,418 + 600) × 94.6 = 113,860.56 t less the biomass CH4/N2O
        #expect(before.emissions.combustion - year.emissions.combustion > 100_000)
    }

    /// Cement levers on the hand-computed plant: 210,000 t imported coal = 5,418 TJ; limestone
    /// 1,000,000 t × EF 0.43971 × purity 0.9 = 395,739 tCO2; grid 100,000 MWh × 0.7117 = 71,170 t.
    @Test func clinkerSubstitutionCutsKilnFuelAndProcess() throws {
        let year = try outcome([
            Measure(
                name: "blended cement", effect: .clinkerSubstitution(share: 0.1, kilnFuels: []),
                start: ComplianceYear("2025-26")!, capex: 0, opex: 0, lifetime: 10)
        ])
        // 10 % less clinker: 0.9 × 5,418 = 4,876.2 TJ of coal; 0.9 × 395,739 = 356,165.1 tCO2 of process
        #expect(close(year.emissions.fuels[0].energyTJ, 4_876.2))
        #expect(close(year.emissions.processTotal, 356_165.1))
        #expect(close(year.emissions.electricity, 71_170))
    }

    @Test func alternativeRawMaterialsCutCarbonateOnly() throws {
        let year = try outcome([
            Measure(
                name: "raw meal", effect: .alternativeRawMaterials(share: 0.05),
                start: ComplianceYear("2025-26")!, capex: 0, opex: 0, lifetime: 10)
        ])
        // 0.95 × 395,739 = 375,952.05 tCO2; the coal is untouched at 5,418 TJ
        #expect(close(year.emissions.processTotal, 375_952.05))
        #expect(close(year.emissions.fuels[0].energyTJ, 5_418))
    }

    @Test(arguments: [false, true])
    func electrificationMovesHeatToPower(renewable: Bool) throws {
        let year = try outcome([
            Measure(
                name: "e-kiln", effect: .electrification(share: 0.25, efficiency: 0.9, renewable: renewable),
                start: ComplianceYear("2025-26")!, capex: 0, opex: 0, lifetime: 10)
        ])
        // 75 % of the coal stays: 0.75 × 5,418 = 4,063.5 TJ. Power added: 0.25 × 5,418,000 GJ / 3.6 / 0.9
        // = 418,055.56 MWh; from the grid (100,000 + 418,055.56) × 0.7117 = 368,700.14 tCO2, renewable 0
        #expect(close(year.emissions.fuels[0].energyTJ, 4_063.5))
        let added = 0.25 * 5_418_000 / 3.6 / 0.9
        #expect(close(year.emissions.electricity, renewable ? 71_170 : (100_000 + added) * 0.7117))
    }
}
