import Foundation
import Testing

/// `ccts plan` on the shipped procurement scenario.
@Suite struct PlanCommandTests {
    /// A one-year plan in the one-year planning form: one forward, one offset contract, no exchange.
    static let oneYear = """
        return scenario {
          entity = { registration = "NV", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          market = { price = 2000 },
          years = { ["2025-26"] = { monitored = "period", fuels = { { "coal_imported", normal(100000, 4000), "t" } }, products = { { "opc", 340000, "t" } } } },
          planning = { forward = { price = 2500, max = 20000 }, offsets = { price = 1500, max = 6000, delivered = beta(8, 2) }, spot = { liquidity = 0 } },
        }
        """

    @Test func findsAPlanOverTheCycleAndHonoursTheChanceConstraint() throws {
        let result = try CLI.run(["plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "600", "--steps", "8",
                                  "--offset-steps", "2", "--objective", "chance", "--epsilon", "0.2", "--json", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"] as? [String: Any])
        #expect(json["years"] as? [String] == ["2025-26", "2026-27"])
        // 4 forwards + 3 contracts + the 2025-26 sale: more grid points than an exhaustive search costs, so coordinate search
        #expect(json["method"] as? String == "coordinate")
        let variables = try #require(json["variables"] as? [[String: Any]])
        #expect(variables.count == 8)
        #expect(variables.last?["kind"] as? String == "share of the surplus sold")
        #expect(variables.filter { ($0["kind"] as? String) == "forward share of the estimated need" }.count == 2)
        let best = try #require(json["best"] as? [String: Any])
        let nothing = try #require(json["without_purchases"] as? [String: Any])
        #expect((best["probability_of_non_compliance"] as? Double ?? 1) <= 0.2)
        #expect((best["mean_cost"] as? Double ?? .infinity) < (nothing["mean_cost"] as? Double ?? 0))
        // Three naive plans; none meets the constraint more cheaply than the recommended plan
        let naive = try #require(json["naive"] as? [[String: Any]])
        #expect(naive.map { $0["plan"] as? String } == ["buy nothing ahead", "buy the expected shortfall at the start", "buy everything forward"])
        for n in naive {
            let c = try #require(n["candidate"] as? [String: Any])
            let feasible = (c["probability_of_non_compliance"] as? Double ?? 1) <= 0.2
            #expect(!feasible || (c["mean_cost"] as? Double ?? 0) >= (best["mean_cost"] as? Double ?? .infinity) - 1e-6)
        }
        // Every instrument valued; a plan without an instrument that meets the constraint costs at least as much
        // as the recommendation (the recommendation is the best of every search)
        let values = try #require(json["instrument_values"] as? [[String: Any]])
        #expect(values.count == 8)
        #expect(values.filter { $0["feasible_without"] as? Bool == true }.allSatisfy { ($0["value"] as? Double ?? -1) >= -1e-6 })
        #expect((json["price_sensitivity"] as? [[String: Any]])?.map { $0["change"] as? String } == [
            "forward prices −20 %", "forward prices +20 %", "offset prices −20 %", "offset prices +20 %", "exchange prices −20 %", "exchange prices +20 %"])
        #expect(json["shadow_price"] != nil)
    }

    @Test func oneYearFormStillPlans() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("one-year.lua")
        try Self.oneYear.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["plan", file.path, "--iterations", "2000", "--steps", "20", "--offset-steps", "3", "--json", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"] as? [String: Any])
        #expect(json["method"] as? String == "exhaustive")
        #expect((json["candidates"] as? [Any])?.count == 21 * 4)
    }

    @Test func scenarioWithoutPlanningSaysWhatToAdd() throws {
        let result = try CLI.run(["plan", "Scenarios/cement-rajasthan.lua", "--iterations", "100"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has no planning section; add planning = {"))
    }
}
