import CCTS
import Loading
import Testing
import TestSupport

/// Iron and steel and fertiliser plants, described with the rules' IPCC 2006 factors and checked by hand.
@Suite struct SteelAndFertiliserTests {
    func plant(sector: String, product: String, _ lines: String) -> String {
        """
        return scenario {
          entity = { registration = "T-\(sector)", sector = "\(sector)", targets = { ["2025-26"] = 2.0 } },
          years = { ["2025-26"] = { \(lines) products = { { "\(product)", 1e6, "t" } } } },
        }
        """
    }

    /// A BF-BOF works by the Tier 2 mass balance (Vol 3 Ch 4 Eq 4.9, Table 4.3 carbon × 44/12).
    @Test func blastFurnaceWorksByMassBalance() throws {
        let outcome = try runScenario(
            plant(
                sector: "iron_steel", product: "crude_steel",
                """
                process = { { "coke_reductant", 400000, "t" }, { "coal_injected", 150000, "t" },
                            { "limestone", 100000, "t" }, { "iron_ore", 1.6e6, "t" },
                            { "crude_steel_out", 1e6, "t" }, { "blast_furnace_gas_out", 50000, "t" } },
                fuels = { { "blast_furnace_gas", 5000, "TJ" }, { "coking_coal", 1000, "t" } },
                """))
        let e = try #require(outcome.years.first).emissions
        // coke 400,000 × 0.83 × 44/12 = 1,217,333.33; injected coal 150,000 × 0.67 × 44/12 = 368,500;
        // limestone 100,000 × 0.43971 = 43,971; iron ore 0; steel out −1,000,000 × 0.01 × 44/12 = −36,666.67;
        // BFG out −50,000 × 0.17 × 44/12 = −31,166.67: process = 1,561,971
        #expect(abs(e.processTotal - 1_561_971) < 1e-6)
        #expect(abs(e.process.first { $0.material == "crude_steel_out" }!.co2 + 36_666.666_666_7) < 1e-6)
        // BFG 5,000 TJ × 260 = 1,300,000 tCO2 (energy units skip the NCV); coking coal 1,000 t × 28.2 GJ/t
        // = 28.2 TJ × 94.6 = 2,667.72
        #expect(abs(e.fuels[0].co2 - 1_300_000) < 1e-6 && abs(e.fuels[1].co2 - 2_667.72) < 1e-6)
        // BFG CH4 5,000 × 1 kg/TJ / 1000 × 28 (AR5) = 140; N2O 5,000 × 0.1 / 1000 × 265 = 132.5
        #expect(abs(e.fuels[0].ch4 - 140) < 1e-9 && abs(e.fuels[0].n2o - 132.5) < 1e-9)
        // the trace says an output is subtracted
        let step = try #require(outcome.years[0].trace.first { $0.title == "crude_steel_out: process CO2" })
        #expect(step.formula.contains("carbon leaving in a product, subtracted"))
        // and the run says the sector has no notified target
        #expect(outcome.warnings.contains { $0.code == .sectorNotNotified })
    }

    /// A DRI-EAF works by Tier 1 (Table 4.1): DRI 0.70 and EAF steel 0.08 t CO2 per tonne.
    @Test func driEafWorksByTier1() throws {
        let outcome = try runScenario(
            plant(
                sector: "iron_steel", product: "crude_steel",
                """
                process = { { "dri_made", 900000, "t" }, { "steel_eaf", 1e6, "t" }, { "eaf_electrodes", 2000, "t" } },
                """
            ))
        // 900,000 × 0.70 + 1,000,000 × 0.08 + 2,000 × 0.82 × 44/12 = 630,000 + 80,000 + 6,013.33 = 716,013.33
        #expect(
            abs(try #require(outcome.years.first).emissions.processTotal - (710_000 + 2_000 * 0.82 * 44 / 12)) < 1e-6)
    }

    /// An ammonia-urea plant: Tier 1 natural-gas ammonia 2.104 t CO2/t NH3 (Vol 3 Ch 3 Table 3.1), less
    /// the CO2 bound in urea, 44/60 t per t (Eq 3.1's R_CO2).
    @Test func ammoniaLessTheCO2BoundInUrea() throws {
        let outcome = try runScenario(
            plant(
                sector: "fertiliser", product: "urea",
                "process = { { \"ammonia_natural_gas\", 500000, \"t\" }, { \"urea_out\", 600000, \"t\" } },"))
        // 500,000 × 2.104 = 1,052,000; 600,000 × 44 / 60 = 440,000 subtracted: 612,000
        #expect(abs(try #require(outcome.years.first).emissions.processTotal - 612_000) < 1e-6)
    }

    /// Outputs without their inputs would make direct emissions negative: refused at the process lines
    /// (it was blamed on captured_co2, though the scenario captures nothing).
    @Test func outputsAloneAreRefusedAtTheProcessLines() {
        do {
            let outputsOnly = "process = { { \"crude_steel_out\", 1e6, \"t\" } },"
            _ = try runScenario(plant(sector: "iron_steel", product: "crude_steel", outputsOnly))
            Issue.record("accepted")
        } catch {
            // −1,000,000 × 0.01 × 44/12 = −36,666.67 tCO2e
            #expect("\(error)".contains("years[\"2025-26\"].process: the carbon leaving in products"), "\(error)")
            #expect(!"\(error)".contains("captured_co2"))
        }
    }
}
