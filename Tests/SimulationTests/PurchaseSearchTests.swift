import CCTS
import Loading
import Testing
@testable import Simulation

/// `ccts plan`'s search against the newsvendor critical fractile.
@Suite struct PurchaseSearchTests {
    /// One purchase quantity, a fixed price, no exchange liquidity, no salvage: the newsvendor.
    ///
    /// Need D = E − T × P with E from 100,000 t imported coal ~ N(100,000, 4,000):
    /// 2.4581595 tCO2e per t coal (25.8 GJ/t × (94.6 + 10/1000 × 28 + 1.5/1000 × 265) t/TJ / 1000),
    /// so μ_D = 245,815.95 − 0.7 × 340,000 = 7,815.95 and σ_D = 4,000 × 2.4581595 = 9,832.638.
    /// Forward c = 2,500; shortfall pays p = 2 × 2,000 = 4,000. Critical fractile (p − c)/p = 0.375,
    /// Φ⁻¹(0.375) = −0.318639, Q* = 7,815.95 − 0.318639 × 9,832.638 = 4,682.9.
    @Test func matchesTheCriticalFractile() throws {
        let inputs = try Loader().load(scenario: SourceFile(name: "newsvendor.lua", text: """
            return scenario {
              entity = { registration = "NV", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              market = { price = 2000 },
              years = { ["2025-26"] = {
                fuels = { { "coal_imported", normal(100000, 4000), "t" } },
                products = { { "opc", 340000, "t" } },
              } },
              planning = { forward = { price = 2500, max = 20000 }, spot = { liquidity = 0 } },
            }
            """))
        let scenario = try #require(inputs.scenario)
        let planning = try #require(scenario.planning)
        let plan = try PlanCompiler(rules: inputs.rules).compile(scenario)
        let results = try MonteCarlo.run(plans: [plan, plan], options: MonteCarloOptions(iterations: 40_000, seed: 3, threads: 2))
        let worlds = PlanningWorlds(results: results, year: 0, planning: planning, multiple: 2, seed: 3)
        let (best, _) = PurchaseSearch.search(planning, worlds, objective: .expectedCost, forwardSteps: 400, offsetSteps: 1)
        let q = try #require(best).forward
        let expected = 7_815.95 + SpecialFunctions.normalQuantile(0.375) * 9_832.638
        #expect(abs(expected - 4_682.9) < 1)
        // Sampling error of the 0.375-quantile at n = 40,000: √(0.375·0.625/n)/φ(z)·σ ≈ 63; grid step 50.
        #expect(abs(q - expected) < 3 * 63 + 50, "best forward \(q), newsvendor \(expected)")
        // And exactly: the sample optimum is the sample's 0.375-quantile of the need, to the grid step.
        let sorted = worlds.need.sorted()
        #expect(abs(q - sorted[Int(0.375 * Double(sorted.count))]) <= 50 + 1)
    }

    @Test func costOfOneWorld() {
        let planning = PurchasePlanning(year: ComplianceYear("2025-26")!, forwardPrice: 2_000, maximumForward: 0, offsetPrice: 1_000,
                                        offsetDelivery: .fixed(1), maximumOffsets: 0, spotLiquidity: .fixed(1), surplusValue: 0.5)
        // need 10,000; forward 3,000 (6,000,000); offsets 2,000 × 0.5 delivered = 1,000 (1,000,000);
        // remaining 6,000: exchange fills 0.25 → 1,500 × 2,400 = 3,600,000; 4,500 × 4,800 = 21,600,000 compensation
        let short = planning.cost(forward: 3_000, offsets: 2_000, need: 10_000, price: 2_400, compensation: 4_800, delivery: 0.5, liquidity: 0.25)
        #expect(short.cost == 6_000_000 + 1_000_000 + 3_600_000 + 21_600_000)
        #expect(!short.compliant)
        // surplus: need 1,000, forward 3,000 → 2,000 surplus worth 0.5 × 2,400 each = 2,400,000 back
        let surplus = planning.cost(forward: 3_000, offsets: 0, need: 1_000, price: 2_400, compensation: 4_800, delivery: 1, liquidity: 0)
        #expect(surplus.cost == 6_000_000 - 2_400_000 && surplus.compliant)
    }
}
