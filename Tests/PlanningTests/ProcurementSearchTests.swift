import CCTS
import Loading
import Testing
@testable import Simulation
@testable import Planning

/// `ccts plan`'s procurement search against optima worked out by hand.
@Suite struct ProcurementSearchTests {
    /// Imported coal ~ N(100,000, sd) t; 2.4581595 tCO2e per t (25.8 GJ/t × (94.6 + 10/1000 × 28 +
    /// 1.5/1000 × 265) t/TJ / 1000); production 340,000 t, so the need is D = 245,815.95 − T × 340,000
    /// with sd 2.4581595 × sd(coal). Price 2,000, compensation 2 × 2,000 = 4,000, no exchange.
    static func scenario(
        coalSD: Double, targets: [Double], planning: String, sets: [String] = [], price: String = "2000"
    ) throws -> (ProcurementPlan, ProcurementWorlds) {
        let years = ["2025-26", "2026-27"].prefix(targets.count)
        let yearText = years.map {
            """
            ["\($0)"] = { monitored = "period", fuels = { { "coal_imported",\
             \(coalSD > 0 ? "normal(100000, \(coalSD))" : "100000"), "t" } }, products = { { "opc", 340000, "t" } } },
            """
        }.joined(separator: "\n")
        let targetText = zip(years, targets).map { "[\"\($0)\"] = \($1)" }.joined(separator: ", ")
        let inputs = try Loader(sets: sets).load(
            scenario: SourceFile(
                name: "plan.lua",
                text: """
                    return scenario {
                      entity = { registration = "NV", sector = "cement", targets = { \(targetText) } },
                      market = { price = \(price) },
                      years = { \(yearText) },
                      planning = \(planning),
                    }
                    """))
        let scenario = try #require(inputs.scenario)
        let plan = try #require(scenario.planning)
        let compiled = try PlanCompiler(rules: inputs.rules).compile(scenario)
        let results = try MonteCarlo.run(
            plans: [compiled, compiled], options: MonteCarloOptions(iterations: 20_000, seed: 3, threads: 2))
        return (plan, ProcurementWorlds(results: results, plan: plan, rules: inputs.rules, openingBalance: 0, seed: 3))
    }

    /// One year, one forward at c = 2,500 against p = 4,000: the newsvendor's critical fractile
    /// (p − c) / p = 0.375. μ_D = 245,815.95 − 0.7 × 340,000 = 7,815.95, σ_D = 4,000 × 2.4581595 = 9,832.638;
    /// Φ⁻¹(0.375) = −0.318639: Q* = 7,815.95 − 0.318639 × 9,832.638 = 4,682.9.
    @Test func oneYearMatchesTheCriticalFractile() throws {
        let (plan, worlds) = try Self.scenario(
            coalSD: 4000, targets: [0.7],
            planning: "{ forward = { price = 2500, max = 20000 }, spot = { liquidity = 0 } }")
        let search = try ProcurementSearch.search(
            plan, worlds, objective: .expectedCost, forwardSteps: 200, offsetSteps: 1)
        let q = search.best.decisions[0]
        let expected = 7_815.95 + SpecialFunctions.normalQuantile(0.375) * 9_832.638
        #expect(abs(expected - 4_682.9) < 1)
        // Sampling error of the 0.375-quantile at n = 20,000: √(0.375·0.625/n)/φ(z)·σ ≈ 89; grid step 100.
        #expect(abs(q - expected) < 3 * 89 + 100, "best forward \(q), newsvendor \(expected)")
        // And exactly: the sample optimum is the sample's 0.375-quantile of the need, to the grid step.
        let sorted = worlds.credits[0].map { -$0 }.sorted()
        #expect(abs(q - sorted[Int(0.375 * Double(sorted.count))]) <= 100 + 1)
    }

    /// Two years, one forward in the first, costless banking: a forward certificate unused in the
    /// first year meets the second, so the marginal forward saves p × P(D1 + D2 > q) (D2 ≥ 0 but for
    /// 0.15 % of worlds): q* = μ1 + μ2 + Φ⁻¹(0.375) √(σ1² + σ2²). Coal sd 2,000: σ = 4,916.319 each;
    /// μ1 = 7,815.95 (target 0.70), μ2 = 245,815.95 − 0.68 × 340,000 = 14,615.95 (target 0.68):
    /// q* = 22,431.9 − 0.318639 × 4,916.319 × √2 = 20,216.5. Without banking the forward meets the
    /// first year alone: q* = 7,815.95 − 0.318639 × 4,916.319 = 6,249.4 — the optimum moves by 13,967.
    @Test func twoYearsWithBankingMoveTheOptimum() throws {
        let planning = "{ forwards = { { year = \"2025-26\", price = 2500, max = 40000 } }, spot = { liquidity = 0 } }"
        let z = SpecialFunctions.normalQuantile(0.375), sigma = 2_000 * 2.4581595
        let banked = 7_815.95 + 14_615.95 + z * sigma * 2.0.squareRoot()
        let alone = 7_815.95 + z * sigma
        #expect(abs(banked - 20_216.5) < 1 && abs(alone - 6_249.4) < 1)
        let (plan, worlds) = try Self.scenario(coalSD: 2000, targets: [0.70, 0.68], planning: planning)
        let q = try ProcurementSearch.search(plan, worlds, objective: .expectedCost, forwardSteps: 200, offsetSteps: 1)
            .best.decisions[0]
        // Quantile error at n = 20,000: √(0.375·0.625/n)/φ(z) × 4,916.3 × √2 ≈ 62; grid step 200.
        #expect(abs(q - banked) < 3 * 62 + 200, "best forward \(q), banked optimum \(banked)")
        let (unbankedPlan, unbanked) = try Self.scenario(
            coalSD: 2000, targets: [0.70, 0.68], planning: planning,
            sets: ["compliance.banking.allowed=false"])
        let q0 = try ProcurementSearch.search(
            unbankedPlan, unbanked, objective: .expectedCost, forwardSteps: 200, offsetSteps: 1
        ).best.decisions[0]
        // σ alone 4,916.3: quantile error ≈ 44
        #expect(abs(q0 - alone) < 3 * 44 + 200, "best forward without banking \(q0), one-year optimum \(alone)")
    }

    /// Two projects of one type, each contracted for half the need: with independent deliveries a
    /// bad delivery of one is often made up by the other, so the tail of the cost is lighter than
    /// when they fail together (correlation 1), at the same expected delivery.
    @Test func diversificationLowersCVaR() throws {
        func plan(_ correlation: Double) -> String {
            """
            { forwards = { { year = "2025-26", price = 2500, max = 0 } }, spot = { liquidity = 0 }, correlation =\
             \(correlation),
              offsets = {
                { project = "A", type = "renewable_energy", vintage = "2025-26", year = "2025-26", price = 1500, max =\
             6000, delivered = beta(4, 2) },
                { project = "B", type = "renewable_energy", vintage = "2025-26", year = "2025-26", price = 1500, max =\
             6000, delivered = beta(4, 2) },
              } }
            """
        }
        var cvars: [Double] = [], means: [Double] = []
        for correlation in [0.0, 1.0] {
            let (p, worlds) = try Self.scenario(coalSD: 400, targets: [0.7], planning: plan(correlation))
            let variables = ProcurementSearch.variables(p, eligible: worlds.eligible, years: worlds.years)
            let c = try ProcurementSearch.evaluate(
                p, worlds, variables: variables, decisions: [0, 6000, 6000], riskLevel: 0.95)
            cvars.append(c.costCvar)
            means.append(c.meanCost)
        }
        #expect(cvars[0] < cvars[1] * 0.95, "CVaR independent \(cvars[0]) vs together \(cvars[1])")
        // The expected delivery is the same (2/3 each): the means differ by less than the tails do.
        #expect(abs(means[0] - means[1]) < (cvars[1] - cvars[0]) / 2)
    }

    /// Least expected cost with P(compensation) ≤ 5 %: the unconstrained optimum leaves 62.5 % of
    /// worlds short, so the constraint binds and the best is the smallest grid quantity covering
    /// 95 % of the sample's needs — exactly.
    @Test func theChanceConstraintBindsExactly() throws {
        let (plan, worlds) = try Self.scenario(
            coalSD: 4000, targets: [0.7],
            planning: "{ forward = { price = 2500, max = 40000 }, spot = { liquidity = 0 } }")
        let search = try ProcurementSearch.search(
            plan, worlds, objective: .chanceConstrained(epsilon: 0.05), forwardSteps: 200, offsetSteps: 1)
        #expect(search.feasible)
        let q = search.best.decisions[0], step = 200.0
        let needs = worlds.credits[0].map { -$0 }
        func short(_ x: Double) -> Double { Double(needs.filter { $0 > x }.count) / Double(needs.count) }
        #expect(
            short(q) <= 0.05 && short(q - step) > 0.05, "q \(q): P(short) \(short(q)), one step less \(short(q - step))"
        )
        #expect(search.best.probabilityOfNonCompliance == short(q))
        // 7,815.95 + Φ⁻¹(0.95) × 9,832.638 = 23,989, to the sample and the grid
        // quantile error at n = 20,000: √(0.95·0.05/n)/φ(1.645) × 9,832.6 ≈ 232
        #expect(abs(q - (7_815.95 + 1.644854 * 9_832.638)) < 3 * 232 + step)
    }

    /// Deterministic needs (coal fixed at 100,000 t): 2025-26 owes ⌈(0.722988 − 0.70) × 340,000⌉ = 7,816 (GEI
    /// 245,815.95 / 340,000 = 0.722988), 2026-27 ⌈(0.722988 − 0.68) × 340,000⌉ = 14,616; prices 2,000 and 3,000,
    /// so compensation 4,000 and 6,000 a CCC. 5,000 credits contracted for 2025-26 at 1,000: on time 5,000,000 + (7,816
    /// − 5,000) × 4,000 + 14,616 × 6,000 = 103,960,000; after the 2025-26 surrender (30 Sep 2026) they meet
    /// 2026-27: 5,000,000 + 7,816 × 4,000 + 9,616 × 6,000 = 93,960,000; after the last surrender they are surplus
    /// worth 0.5 × 3,000: 5,000,000 + 31,264,000 + 87,696,000 − 7,500,000 = 116,460,000.
    @Test(arguments: [(nil, 103_960_000.0), ("2026-11-01", 93_960_000.0), ("2027-11-01", 116_460_000.0)])
    func lateDeliveryCountsForALaterYear(delivery: String?, cost: Double) throws {
        let (plan, worlds) = try Self.scenario(
            coalSD: 0, targets: [0.70, 0.68],
            planning: """
                { forwards = { { year = "2025-26", price = 2500, max = 0 } }, spot = { liquidity = 0 }, surplus_value =\
                 0.5,
                  offsets = { { project = "LATE", type = "mangrove_afforestation", vintage = "2025-26", year =\
                 "2025-26", price = 1000, max = 5000
                                \(delivery.map { ", delivery = \"\($0)\"" } ?? "") } } }
                """, price: "{ [\"2025-26\"] = 2000, [\"2026-27\"] = 3000 }")
        #expect(worlds.credits[0].allSatisfy { $0 == -7_816 } && worlds.credits[1].allSatisfy { $0 == -14_616 })
        let c = try ProcurementSearch.evaluate(
            plan, worlds, variables: ProcurementSearch.variables(plan, eligible: worlds.eligible, years: worlds.years),
            decisions: [0, 5_000], riskLevel: 0.95)
        #expect(c.meanCost == cost)
    }

    /// Selling a surplus: 2025-26 issues ⌊(0.75 − 0.722988) × 340,000⌋ = 9,184, and so does 2026-27. Sold in
    /// 2025-26 at 2,000 a CCC rather than carried to the end, where it is worth 0.5 × 3,000 = 1,500: the best sells
    /// all of it; cost −9,184 × 2,000 − 9,184 × 1,500 = −32,144,000 (against −18,368 × 1,500 =
    /// −27,552,000).
    @Test func aSurplusIsSoldWhenThatPaysMore() throws {
        let (plan, worlds) = try Self.scenario(
            coalSD: 0, targets: [0.75, 0.75],
            planning: """
                { forwards = { { year = "2025-26", price = 2500, max = 0 } }, spot = { liquidity = 0 }, surplus_value =\
                 0.5, sell_surplus = true }
                """, price: "{ [\"2025-26\"] = 2000, [\"2026-27\"] = 3000 }")
        let search = try ProcurementSearch.search(
            plan, worlds, objective: .expectedCost, forwardSteps: 10, offsetSteps: 1)
        #expect(search.best.decisions == [0, 1])
        #expect(search.best.meanCost == -32_144_000)
        let kept = try ProcurementSearch.evaluate(
            plan, worlds, variables: ProcurementSearch.variables(plan, eligible: worlds.eligible, years: worlds.years),
            decisions: [0, 0], riskLevel: 0.95)
        #expect(kept.meanCost == -27_552_000)
    }

    /// A contract with a minimum lot is searched as nothing, or from the lot to its maximum.
    @Test func aMinimumLotShapesTheGrid() {
        let lot = ProcurementVariable(name: "offsets CBG", kind: .offsetQuantity, index: 0, upper: 15_000, lower: 6_000)
        // 0, then 4 points from 6,000 to 15,000: steps of 9,000 / 3 = 3,000
        #expect(ProcurementSearch.grid(lot, steps: 4) == [0, 6_000, 9_000, 12_000, 15_000])
        let free = ProcurementVariable(name: "offsets RE", kind: .offsetQuantity, index: 0, upper: 15_000)
        #expect(ProcurementSearch.grid(free, steps: 3) == [0, 5_000, 10_000, 15_000])
    }

    /// One world by hand: need 10,000 (credits −10,000), forward 3,000 at 2,000; a contract of 2,000
    /// delivering 0.5 → 1,000 at 1,000; remaining 6,000: the exchange fills 0.25 → 1,500 × 2,400;
    /// 4,500 × 2 × 2,400 compensation.
    @Test func costOfOneWorld() throws {
        let (plan, _) = try Self.scenario(
            coalSD: 4000, targets: [0.7],
            planning: """
                { forward = { price = 2000, max = 3000 }, offsets = { price = 1000, max = 2000, delivered = 0.5 }, spot\
                 = { liquidity = 0.25 } }
                """)
        let worlds = ProcurementWorlds(fixed: -10_000, price: 2_400, plan: plan, delivered: 0.5, liquidity: 0.25)
        let c = try ProcurementSearch.evaluate(
            plan, worlds, variables: ProcurementSearch.variables(plan, eligible: [true], years: worlds.years),
            decisions: [3_000, 2_000],
            riskLevel: 0.95)
        #expect(c.meanCost == 6_000_000 + 1_000_000 + 3_600_000 + 21_600_000)
        #expect(c.probabilityOfNonCompliance == 1)
    }
}
