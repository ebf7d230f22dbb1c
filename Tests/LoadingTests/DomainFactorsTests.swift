import CCTS
import Loading
import Simulation
import Testing
import TestSupport

/// Built-in factors against the tables they come from (each test names its table and row).
@Suite struct DomainFactorsTests {
    let rules = try! Loader().load().rules

    @Test func lpgCombustionFactorsAreTheLPGRow() throws {
        // IPCC 2006 GL Vol 2 Ch 2 Table 2.3 (manufacturing industries), liquefied petroleum gases: CH4 1, N2O 0.1 kg/TJ
        let lpg = try #require(rules.fuel("lpg"))
        #expect(lpg.ch4.value == 1 && lpg.n2o.value == 0.1)
    }

    @Test func offRoadDieselIsOffered() throws {
        // IPCC 2006 GL Vol 2 Ch 3 Table 3.3.1, off-road, industry, diesel: CH4 4.15, N2O 28.6 kg/TJ
        let offroad = try #require(rules.fuel("diesel_offroad"))
        #expect(offroad.ch4.value == 4.15 && offroad.n2o.value == 28.6)
        // road transport stays available under its own, explicit name (Table 3.2.2: 3.9 / 3.9 kg/TJ)
        let road = try #require(rules.fuel("diesel_mobile"))
        #expect(road.ch4.value == 3.9 && road.n2o.value == 3.9 && road.name.contains("road"))
    }

    @Test func blackLiquor() throws {
        // IPCC 2006 GL Vol 2 Ch 1 Table 1.2 NCV 11.8 GJ/t, Table 1.4 CO2 95.3 t/TJ (biogenic), Ch 2 Table 2.3 CH4 3,
        // N2O 2 kg/TJ
        let liquor = try #require(rules.fuel("black_liquor"))
        #expect(liquor.ncv.value == 11.8 && liquor.co2.value == 95.3 && liquor.biogenic)
        #expect(liquor.ch4.value == 3 && liquor.n2o.value == 2)
    }

    /// IPCC 2006 GL Vol 2 Ch 1 Table 1.2 (default NCV, TJ/Gg = GJ/t) and Table 1.4 (default CO2
    /// factor, kg/TJ, here t/TJ), each fuel under the table's own name; the rules hold the printed values.
    @Test func fuelsEqualTables1_2And1_4() throws {
        let printed: [(id: String, ipcc: String, ncv: Double, co2: Double)] = [
            ("coal_imported", "other bituminous coal", 25.8, 94.6),
            ("coal_domestic", "sub-bituminous coal", 18.9, 96.1),
            ("lignite", "lignite", 11.9, 101.0),
            ("natural_gas", "natural gas", 48.0, 56.1),
            ("diesel", "gas/diesel oil", 43.0, 74.1),
            ("fuel_oil", "residual fuel oil", 40.4, 77.4),
            ("petcoke", "petroleum coke", 32.5, 97.5),
            ("lpg", "liquefied petroleum gases", 47.3, 63.1),
            ("petrol_mobile", "motor gasoline", 44.3, 69.3),
            ("biomass", "wood/wood waste", 15.6, 112.0),
            ("black_liquor", "sulphite lyes (black liquor)", 11.8, 95.3),
            ("coking_coal", "coking coal", 28.2, 94.6),
            ("coke", "coke oven coke and lignite coke", 28.2, 107.0),
            ("coke_oven_gas", "coke oven gas", 38.7, 44.4),
            ("blast_furnace_gas", "blast furnace gas", 2.47, 260),
            ("converter_gas", "oxygen steel furnace gas", 7.06, 182),
        ]
        for row in printed {
            let fuel = try #require(rules.fuel(row.id), "\(row.id)")
            #expect(fuel.ncv.value == row.ncv && fuel.co2.value == row.co2, "\(row.id) (\(row.ipcc))")
        }
    }

    /// IPCC 2006 GL Vol 3 Ch 2 §2.2.1.2 (p. 2.11): the Tier 1 default 0.52 already carries the kiln-dust
    /// correction (0.51 × 1.02 = 0.5202, printed 0.52); multiplying it by 1.02 again would count the dust twice.
    @Test func clinkerIsTheTier1DefaultAsPrinted() throws {
        let clinker = try #require(rules.material("clinker")).ef.value
        #expect(clinker == 0.52)
        #expect(((0.51 * 1.02) * 100).rounded() / 100 == clinker)
    }

    /// IPCC 2006 GL Vol 3 Ch 4 Eq 4.21: net anode carbon × 44/12, the ratio itself (not 3.6667).
    @Test func anodeCarbonIsTheMolarRatio() throws {
        #expect(try #require(rules.material("carbon_anode")).ef.value == 44.0 / 12.0)
    }

    /// IPCC 2006 GL Vol 3 Ch 2 Table 2.1 prints each carbonate's factor as 44.0095 g/mol CO2 over the
    /// carbonate's molecular weight (per CO3 group) to five decimals; the rules hold the printed values.
    @Test func carbonatesEqualTable2_1() throws {
        let printed: [(id: String, molecularWeight: Double, groups: Double, value: Double)] = [
            ("limestone", 100.0869, 1, 0.43971),  // 44.0095 / 100.0869 = 0.439714…
            ("magnesite", 84.3139, 1, 0.52197),  // 44.0095 / 84.3139 = 0.521972…
            ("dolomite", 184.4008, 2, 0.47732),  // 2 × 44.0095 / 184.4008 = 0.477322…
            ("soda_ash", 106.0685, 1, 0.41492),  // 44.0095 / 106.0685 = 0.414915… (the table's weight)
        ]
        for row in printed {
            let fromWeights = (row.groups * 44.0095 / row.molecularWeight * 1e5).rounded() / 1e5
            #expect(fromWeights == row.value, "\(row.id): \(fromWeights) from its molecular weight")
            #expect(rules.material(row.id)?.ef.value == row.value, "\(row.id)")
        }
    }

    /// IPCC SAR Table 2.9, AR4 Table 2.14, AR5 Table 8.A.1, AR6 Table 7.SM.7; blends by mass fraction.
    @Test func everyRefrigerantHasAGWPInEverySet() throws {
        let sets = ["SAR", "AR4", "AR5", "AR6"]
        for gas in rules.refrigerants {
            for set in sets { #expect(gas.gwp[set] != nil, "\(gas.id) has no \(set) GWP") }
        }
        #expect(rules.refrigerant("R-32")?.gwp == ["SAR": 650, "AR4": 675, "AR5": 677, "AR6": 771])
        // AR6 from one table, WG1 Ch 7 Table 7.SM.7: CH4 (fossil) 29.8, N2O 273, SF6 25,200 (not 24,300)
        #expect(rules.refrigerant("SF6")?.gwp["AR6"] == 25_200)
        let ar6 = try #require(rules.gwpSets.first { $0.name == "AR6" })
        #expect(ar6.ch4 == 29.8 && ar6.n2o == 273 && ar6.provenance.source.contains("Table 7.SM.7"))
        #expect(rules.refrigerant("R-125")?.gwp == ["SAR": 2800, "AR4": 3500, "AR5": 3170, "AR6": 3740])
        // R-410A = ½ R-32 + ½ R-125: AR4 (675 + 3500) / 2 = 2,087.5; SAR (650 + 2800) / 2 = 1,725
        #expect(rules.refrigerant("R-410A")?.gwp["AR4"] == 2_087.5 && rules.refrigerant("R-410A")?.gwp["SAR"] == 1_725)
        // R-404A AR4 = 0.44 × 3500 + 0.52 × 4470 + 0.04 × 1430 = 3,921.6 (the commonly quoted 3,922)
        #expect(abs((rules.refrigerant("R-404A")?.gwp["AR4"] ?? 0) - 3_921.6) < 1e-9)
        // R-407C AR4 = 0.23 × 675 + 0.25 × 3500 + 0.52 × 1430 = 1,773.85 (the commonly quoted 1,774)
        #expect(abs((rules.refrigerant("R-407C")?.gwp["AR4"] ?? 0) - 1_773.85) < 1e-9)
    }

    @Test func blendOfUnknownGasIsRefused() throws {
        let reform = SourceFile(
            name: "blend.lua",
            text: """
                refrigerant "R-999" { name = "bad", blend = { ["R-32"] = 0.5, ["R-1234yf"] = 0.5 }, source = "test",\
                 status = "derived" }
                """)
        #expect {
            try Loader().load(scenario: nil, ruleFiles: try RuleSource.builtIn.files() + [reform])
        } throws: { error in
            "\(error)".contains("blend.lua") && "\(error)".contains("unknown refrigerant 'R-1234yf'")
        }
    }
}

/// PFCs from a smelter's anode effects, Tier 1 and Tier 2, with the AR5 GWPs in force.
@Suite struct AnodeEffectTests {
    func smelter(_ anodeEffects: String) -> String {
        """
        return scenario {
          entity = { registration = "T-ALU", sector = "aluminium", targets = { ["2025-26"] = 15 } },
          market = { price = 2000 },
          years = { ["2025-26"] = {
            fuels = { { "coal_domestic", 1000, "t" } },
            anode_effects = \(anodeEffects),
            products = { { "aluminium", 600000, "t" } },
          } },
        }
        """
    }

    @Test func tierOneByCellTechnology() throws {
        // IPCC 2006 Vol 3 Ch 4 Table 4.15, CWPB: CF4 0.4 and C2F6 0.04 kg/t. 600,000 t aluminium:
        // CF4 240 t × 6,630 (AR5) = 1,591,200; C2F6 24 t × 11,100 = 266,400; together 1,857,600 tCO2e
        let year = try #require(
            try runScenario(smelter("{ technology = \"CWPB\", aluminium = { 600000, \"t\" } }")).years.first)
        #expect(close(year.emissions.fugitiveTotal, 1_857_600))
        #expect(year.emissions.fugitive.map(\.refrigerant) == ["CF4", "C2F6"])
    }

    @Test func tierTwoSlopeMethod() throws {
        // CF4 = 0.143 kg/t per AE-minute/cell-day × 0.3 = 0.0429 kg/t × 600,000 t = 25.74 t × 6,630 = 170,656.2;
        // C2F6 = 25.74 t × 0.121 = 3.11454 t × 11,100 = 34,571.394; together 205,227.594 tCO2e
        let year = try #require(
            try runScenario(
                smelter(
                    "{ slope = 0.143, minutes = 0.3, c2f6_ratio = 0.121, aluminium = { 600000, \"t\" } }")
            ).years.first)
        #expect(close(year.emissions.fugitiveTotal, 205_227.594))
    }

    @Test func unknownTechnologyIsRefused() throws {
        #expect {
            try runScenario(smelter("{ technology = \"CWBP\", aluminium = { 600000, \"t\" } }"))
        } throws: { error in
            "\(error)".contains("anode_effects.technology: unknown cell technology 'CWBP'")
                && "\(error)".contains("CWPB")
        }
    }
}

/// Which gases count is a rule: a sector (or the compliance rules for all) lists them.
@Suite struct GasCoverageTests {
    let smelter = AnodeEffectTests().smelter("{ technology = \"CWPB\", aluminium = { 600000, \"t\" } }")

    func run(reform: String) throws -> YearOutcome {
        let inputs = try Loader().load(
            scenario: SourceFile(name: "smelter.lua", text: smelter),
            reformFiles: [SourceFile(name: "coverage.lua", text: reform)])
        return try #require(try Evaluation.expected(inputs.scenario!, rules: inputs.rules).years.first)
    }

    @Test func aSectorThatDoesNotCoverPFCsLeavesThemOut() throws {
        let year = try run(
            reform: """
                reform "aluminium without PFCs" (function(rules) rules.sectors.aluminium.gases = { "CO2", "CH4", "N2O"\
                 } end)
                """)
        // the 1,857,600 tCO2e of CF4 and C2F6 (AnodeEffectTests) are not counted, and the year says so
        #expect(year.emissions.fugitiveTotal == 0)
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("CF4 (PFC)")
                    && $0.contains("not counted, outside the sector's gases: sector 'aluminium' covers CO2, CH4, N2O")
            })
    }

    @Test func methaneLeftOutEverywhere() throws {
        let year = try run(
            reform: """
                reform "no methane" (function(rules) rules.compliance.covered_gases = { "CO2", "N2O", "HFC", "PFC",\
                 "SF6" } end)
                """)
        #expect(year.emissions.fuels.allSatisfy { $0.ch4 == 0 && $0.n2o > 0 })
        #expect(year.warnings.map(\.message).contains { $0.contains("CH4 from combustion not counted") })
    }

    @Test func co2CannotBeLeftOut() throws {
        #expect {
            _ = try run(
                reform: """
                    reform "no CO2" (function(rules) rules.compliance.covered_gases = { "CH4" } end)
                    """)
        } throws: { error in "\(error)".contains("leaves out CO2") }
    }
}
