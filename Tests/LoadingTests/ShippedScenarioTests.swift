import CCTS
import Foundation
import Loading
import Simulation
import Testing
import TestSupport

/// The shipped scenarios of the Second Schedule and of the gases and fuels that only some
/// sectors have, against numbers worked out by hand from the rules' values.
@Suite struct ShippedScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func shipped(_ name: String) throws -> ScenarioOutcome {
        let inputs = try Loader().load(
            scenario: try SourceFile.read(Self.root.appendingPathComponent("Scenarios/\(name)").path))
        return try Evaluation.expected(inputs.scenario!, rules: inputs.rules)
    }

    @Test func refineryOnItsNRGFMetric() throws {
        let outcome = try shipped("refinery-nrgf-gujarat.lua")
        let (first, second) = (outcome.years[0], outcome.years[1])
        // 2026-27, a full year: natural gas 30,000 TJ: 30,000 × 56.1 = 1,683,000 + CH4 30,000 × 1 / 1000 × 28 = 840
        // + N2O 30,000 × 0.1 / 1000 × 265 = 795 fuel oil 200,000 t × 40.4 = 8,080 TJ: × 77.4 = 625,392 + 8,080 × 3
        // / 1000 × 28 = 678.72 + 8,080 × 0.6 / 1000 × 265 = 1,284.72 petcoke 150,000 t × 32.5 = 4,875 TJ: × 97.5 =
        // 475,312.5 + 409.5 + 775.125 grid 300,000 MWh × 0.7117 = 213,510; total 3,001,997.565 tCO2e
        #expect(close(second.emissions.total, 3_001_997.565, relative: 1e-11))
        // equivalent output = 90,000 MBBLS × NRGF 9.5 = 855,000; GEI = 3,001,997.565 / 855,000 = 3.5111083 →
        // 3.511108
        #expect(second.equivalentProduction == 855_000)
        #expect(second.compliance.gei == 3.511108)
        // surrender ⌈(3.511108 − 3.50) × 855,000⌉ = ⌈9,497.34⌉ = 9,498
        #expect(second.compliance.surrenderRequired == 9_498)
        // opening 807 + 6,000 forward + 3,500 at the surrender = 10,307 − 9,498 = 809
        #expect(second.ledger.opening == 807 && second.ledger.purchased == 9_500 && second.ledger.closing == 809)
        // cost 6,000 × 2,250 + 3,500 × 2,300 (market) = 13,500,000 + 8,050,000 = 21,550,000
        #expect(second.cost == 21_550_000)
        // 2025-26: Second Schedule, 1 Jan – 31 Mar 2026 = 90 days: 88,000 × 9.5 × 90 / 365 = 206,136.99
        // issued ⌊(3.58 − 3.576082) × 206,136.99⌋ = ⌊807.64⌋ = 807
        #expect(close(first.equivalentProduction, 88_000 * 9.5 * 90 / 365))
        #expect(first.compliance.gei == 3.576082 && first.compliance.issued == 807)
    }

    @Test func refineryLinesMustStateTheirNRGF() {
        let text = """
            return scenario {
              name = "no NRGF", entity = { registration = "R", sector = "refinery", targets = { ["2026-27"] = 3.5 } },
              years = { ["2026-27"] = { fuels = { { "fuel_oil", 1000, "t" } }, products = { { "crude_throughput",\
             90000, "MBBLS" } } } },
            }
            """
        do {
            _ = try runScenario(text)
            Issue.record("a refinery line without NRGF was accepted")
        } catch let error as InputError {
            #expect(error.description.contains("products[1].nrgf: is missing; crude_throughput is measured per NRGF"))
        } catch { Issue.record("\(error)") }
        let tonnes = text.replacingOccurrences(of: "\"MBBLS\" }", with: "\"t\", nrgf = 9 }")
        do {
            _ = try runScenario(tonnes)
            Issue.record("crude throughput in tonnes was accepted")
        } catch let error as InputError {
            #expect(error.description.contains("'t' is a mass unit; expected a oil volume unit (bbl, MBBLS, MMBBLS)"))
        } catch { Issue.record("\(error)") }
    }

    @Test func textileMillOnTheSecondSchedulePeriod() throws {
        let outcome = try shipped("textile-composite-tamilnadu.lua")
        let (first, second) = (outcome.years[0], outcome.years[1])
        // production 30,000 + 25,000 = 55,000 t × 90 / 365 = 13,561.64 t
        #expect(close(first.equivalentProduction, 55_000.0 * 90 / 365))
        // 2026-27: coal 34,000 t × 25.8 = 877.2 TJ × (94.6 + 10 × 28 / 1000 + 1.5 × 265 / 1000) = 877.2 × 95.2775
        // = 83,577.423 gas 420,000 GJ = 420 TJ × (56.1 + 0.028 + 0.0265) = 23,584.89; biomass 6,000 t × 15.6 = 93.6
        // TJ × (30 × 28 + 4 × 265) / 1000 = 177.84 grid 103,000 × 0.7117 = 73,305.1; total 180,645.253
        #expect(close(second.emissions.total, 180_645.253, relative: 1e-11))
        // GEI 180,645.253 / 56,000 = 3.2258081 → 3.225808; issued ⌊(3.25 − 3.225808) × 56,000⌋ =
        // ⌊1,354.75⌋ = 1,354
        #expect(second.compliance.issued == 1_354)
        // 180 banked + 1,354 issued; 1,000 sold after the surrender at 2,300: closing 534, revenue 2,300,000
        #expect(second.ledger.closing == 534 && second.cost == -2_300_000)
    }

    @Test func paperMillBurnsBlackLiquor() throws {
        let outcome = try shipped("pulp-paper-jk-rayagada.lua")
        let liquor = try #require(outcome.years[1].emissions.fuels.first { $0.fuel == "black_liquor" })
        // 265,000 t × 11.8 GJ/t = 3,127 TJ; CO2 biogenic, reported 0; CH4 3,127 × 3 / 1000 × 28 = 262.668;
        // N2O 3,127 × 2 / 1000 × 265 = 1,657.31
        #expect(close(liquor.energyTJ, 3_127) && liquor.co2 == 0)
        #expect(close(liquor.ch4, 262.668) && close(liquor.n2o, 1_657.31))
        // 2025-26: obligation 562, 600 bought forward on 10 Mar 2026: 38 banked
        #expect(outcome.years[0].compliance.surrenderRequired == 562 && outcome.years[0].ledger.closing == 38)
        // 2026-27: 12,000 sold on 5 Oct 2027 at 2,150 and 8,000 after the surrender at the market 2,200: 43,400,000
        #expect(outcome.years[1].ledger.sold == 20_000 && outcome.years[1].cost == -43_400_000)
    }

    @Test func smelterWithPerfluorocarbonsAndSF6() throws {
        let year = try #require(try shipped("aluminium-vedanta-jharsuguda.lua").years.first)
        // Tier 2: CF4 = 1,250,000 t × 0.143 × 0.05 = 8,937.5 kg = 8.9375 t × 6,630 (AR5) = 59,255.625
        // C2F6 = 8.9375 × 0.121 = 1.0814375 t × 11,100 = 12,003.95625; SF6 0.06 t × 23,500 = 1,410;
        // R-410A 1.8 t × (677 + 3,170) / 2 = 3,462.3; annual 76,131.88125 × 175 / 365 (First Schedule period) =
        // 36,501.86
        #expect(close(year.emissions.fugitiveTotal, 76_131.881_25 * 175 / 365, relative: 1e-11))
        let cf4 = try #require(year.emissions.fugitive.first { $0.refrigerant == "CF4" })
        #expect(close(cf4.co2e, 59_255.625 * 175 / 365))
    }
}
