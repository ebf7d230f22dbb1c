import Foundation
import Testing

/// `ccts plan` on the shipped procurement scenario.
@Suite struct PlanCommandTests {
    /// A one-year plan in the one-year planning form: one forward, one offset contract, no exchange.
    static let oneYear = """
        return scenario {
          entity = { registration = "NV", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          market = { price = 2000 },
          years = { ["2025-26"] = { monitored = "period", fuels = { { "coal_imported", normal(100000, 4000), "t" } },\
         products = { { "opc", 340000, "t" } } } },
          planning = { forward = { price = 2500, max = 20000 }, offsets = { price = 1500, max = 6000, delivered =\
         beta(8, 2) }, spot = { liquidity = 0 } },
        }
        """

    @Test func findsAPlanOverTheCycleAndHonoursTheChanceConstraint() throws {
        let result = try CLI.spawn([
            "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "600", "--steps", "8",
            "--offset-steps", "2", "--objective", "chance", "--epsilon", "0.2", "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        #expect(json["years"] as? [String] == ["2025-26", "2026-27"])
        // 4 forwards + 3 contracts + the 2025-26 sale: more grid points than an exhaustive search costs, so coordinate
        // search
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
        #expect(
            naive.map { $0["plan"] as? String } == [
                "buy nothing ahead", "buy the expected shortfall at the start", "buy everything forward",
            ])
        for n in naive {
            let c = try #require(n["candidate"] as? [String: Any])
            let feasible = (c["probability_of_non_compliance"] as? Double ?? 1) <= 0.2
            #expect(!feasible || (c["mean_cost"] as? Double ?? 0) >= (best["mean_cost"] as? Double ?? .infinity) - 1e-6)
        }
        // Every instrument valued; a plan without an instrument that meets the constraint costs at least as much
        // as the recommendation (the recommendation is the best of every search)
        let values = try #require(json["instrument_values"] as? [[String: Any]])
        #expect(values.count == 8)
        #expect(
            values.filter { $0["feasible_without"] as? Bool == true }.allSatisfy {
                ($0["value"] as? Double ?? -1) >= -1e-6
            })
        #expect(
            (json["price_sensitivity"] as? [[String: Any]])?.map { $0["change"] as? String } == [
                "forward prices −20 %", "forward prices +20 %", "offset prices −20 %", "offset prices +20 %",
                "exchange prices −20 %", "exchange prices +20 %",
            ])
        #expect(json["shadow_price"] != nil)
    }

    @Test func oneYearFormStillPlans() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("one-year.lua")
        try Self.oneYear.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.spawn([
            "plan", file.path, "--iterations", "2000", "--steps", "20", "--offset-steps", "3", "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        #expect(json["method"] as? String == "exhaustive")
        #expect((json["candidates"] as? [Any])?.count == 21 * 4)
    }

    /// What to know before trusting a plan is said before the plan. The one-year plant pays
    /// compensation at 2 × 2,000 = 4,000 INR per CCC short and can buy forward at 2,500: a forward
    /// CCC pays only in worlds still short, so the least expected cost leaves it short whenever
    /// P(short) < 2,500 / 4,000 = 62.5 % at the margin — a high chance of compensation, which the
    /// output must say first. Its offsets sit at their 6,000 maximum. Under a 1 % limit no plan
    /// complies: 20,000 forward + at most 6,000 offsets are less than the need in the worst 1 %.
    @Test func cautionsComeFirst() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("one-year.lua")
        try Self.oneYear.write(to: file, atomically: true, encoding: .utf8)
        let expected = try CLI.spawn(["plan", file.path, "--iterations", "1000", "--no-store"])
        #expect(expected.status == 0, "\(expected.stderr)")
        let lines = expected.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1] == "Cautions, before the plan:")
        let text = expected.stdout.replacingOccurrences(of: "\n    ", with: " ")
        #expect(
            text.contains("chance of paying compensation in some year (above 10 %): it minimises the expected cost"),
            "\(text)")
        #expect(text.contains("offsets contract is at its maximum of 6,000 CCCs: allowing 25 % more"), "\(text)")
        #expect(text.range(of: "Cautions")!.lowerBound < text.range(of: "Recommended")!.lowerBound)

        let chance = try CLI.spawn([
            "plan", file.path, "--iterations", "1000", "--no-store", "--objective", "chance", "--epsilon", "0.01",
            "--json",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(chance.stdout.utf8)) as? [String: Any])
        let cautions = try #require((json["results"] as? [String: Any])?["cautions"] as? [String])
        #expect(
            cautions.first?.hasPrefix("No plan on the searched grid keeps P(non-compliance) ≤ 1.00 %") == true,
            "\(cautions)")
        #expect(cautions.first?.contains("against at most 20,000 from forwards") == true, "\(cautions)")
        // the cautions lead the document's warnings too
        let warnings = try #require(json["warnings"] as? [[String: Any]])
        #expect(warnings.first?["message"] as? String == cautions.first)
        // coded where the caution is raised: no plan meets the limit
        #expect(warnings.first?["code"] as? String == "no_feasible_plan")
    }

    /// Under the CVaR objective an instrument is worth what it takes off the CVaR, not off the mean:
    /// value = CVaR of the best plan without it − CVaR of the recommended plan.
    @Test func instrumentValuesInTheObjectivesTerms() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("one-year.lua")
        try Self.oneYear.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.spawn([
            "plan", file.path, "--iterations", "500", "--objective", "cvar", "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let best = try #require(json["best"] as? [String: Any])
        let values = try #require(json["instrument_values"] as? [[String: Any]])
        #expect(!values.isEmpty)
        for value in values {
            #expect(value["measure"] as? String == "CVaR 95 % of the cost")
            let without = try #require(value["objective_without"] as? Double),
                cvar = try #require(best["cost_cvar"] as? Double)
            #expect(value["value"] as? Double == without - cvar)
        }
    }

    /// The recommended plan's mean cost is the sum of lines a reader can see: forwards + offsets +
    /// exchange + compensation − sales − the surplus's value.
    @Test func theRecommendedCostIsItemised() throws {
        let result = try CLI.spawn([
            "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "400", "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let best = try #require(json["best"] as? [String: Any])
        let lines = try #require(best["cost_lines"] as? [String: Double])
        let net =
            lines["forward_cost"]! + lines["offset_cost"]! + lines["exchange_cost"]! + lines["compensation"]!
            - lines["sale_revenue"]! - lines["surplus_value"]!
        let mean = try #require(best["mean_cost"] as? Double)
        #expect(abs(net - mean) <= 1e-9 * abs(mean), "\(lines) against \(mean)")
        #expect(lines.values.allSatisfy { $0 >= 0 })
        // The dated timeline is the same money by date: its INR add up to the lines before the
        // surplus's value (forwards + offsets + exchange + compensation − sales), its dates ascend,
        // and after the last surrender the CCCs held are what is carried out of the cycle.
        let timeline = try #require(json["timeline"] as? [[String: Any]])
        let paid = timeline.compactMap { $0["inr"] as? Double }.reduce(0, +)
        #expect(abs(paid - (net + lines["surplus_value"]!)) <= 1e-6 * abs(net), "\(paid)")
        let dates = timeline.compactMap { $0["date"] as? String }
        #expect(dates == dates.sorted() && dates.count == timeline.count)
        let last = try #require(timeline.last { ($0["event"] as? String)?.contains("surrender") == true })
        let carried = try #require((best["years"] as? [[String: Any]])?.last?["carried"] as? Double)
        #expect(last["held"] as? Double == carried)
        let text = try CLI.spawn([
            "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "400", "--no-store",
        ]).stdout
        #expect(text.contains("Its mean cost, line by line (INR): forwards "))
        #expect(text.contains("Its dated cash flows and CCC holdings"))
    }

    @Test func scenarioWithoutPlanningSaysWhatToAdd() throws {
        let result = try CLI.run(["plan", "Scenarios/cement-rajasthan.lua", "--iterations", "100"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has no planning section; add planning = {"))
    }
}
