import Foundation
import Testing
import TestSupport

/// `ccts plan` on cases whose optimum follows by hand. The plant: `coal` t of imported coal, 340,000 t
/// of OPC against a target of 0.7, so its need is N = emissions − 238,000 CCCs; the price is 2,000, so
/// a CCC short costs 2 × 2,000 = 4,000 in compensation; there is no exchange (liquidity 0). N is read
/// back from the plan of buying nothing (4,000 × N), independently of the search.
@Suite struct PlanClosedFormTests {
    /// The plant's scenario with `coal` (a number or a distribution) and `planning`'s fields.
    static func plant(coal: String, planning: String) -> String {
        NoExchangePlant.scenario(coal: coal, planning: planning)
    }

    /// The results of `ccts plan` on `scenario` with `arguments`.
    func plan(_ scenario: String, _ arguments: [String]) throws -> [String: Any] {
        let file = try CLI.temporaryDirectory().appendingPathComponent("plant.lua")
        try scenario.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["plan", file.path, "--json", "--no-store"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
    }

    /// N's mean, from the cost of buying nothing (4,000 a CCC short, short in every world).
    func need(_ json: [String: Any]) throws -> Double {
        try #require((json["without_purchases"] as? [String: Any])?["mean_cost"] as? Double) / 4_000
    }

    /// The recommended plan's decisions.
    func decisions(_ json: [String: Any]) -> [Double] {
        (json["best"] as? [String: Any])?["decisions"] as? [Double] ?? []
    }

    /// A budget caps what forwards and offsets may cost in any world. N is about 9,900 (±2,500); a
    /// forward CCC costs 2,500 against 4,000 short, so without a budget the forward buys about 7,000
    /// (17,500,000 INR). With 10,000,000 INR it can buy at most 10,000,000 / 2,500 = 4,000, and
    /// every one of them saves 4,000 − 2,500 in nearly every world: the plan buys exactly 4,000 and
    /// says the budget binds. --budget 5e6 replaces it: 2,000.
    @Test func aBudgetCapsTheSpend() throws {
        let scenario = Self.plant(
            coal: "normal(100000, 1000)", planning: "forward = { price = 2500, max = 20000 }, budget = 10e6")
        let common = ["--iterations", "1000", "--steps", "20"]
        let capped = try plan(scenario, common)
        #expect(decisions(capped).first == 4_000)
        let cautions = capped["cautions"] as? [String] ?? []
        #expect(
            cautions.contains {
                $0.hasPrefix("The budget of 10,000,000 INR on forwards and offsets binds: ")
                    && $0.contains("the recommended plan spends up to 10,000,000 INR in some world")
            },
            "\(cautions)")
        #expect(decisions(try plan(scenario, common + ["--budget", "5e6"])).first == 2_000)
        #expect(decisions(try plan(scenario, common + ["--budget", "1e9"])).first ?? 0 > 4_000)
    }

    /// The linear programme's bound where it is exact: N certain, one forward at 2,500. No plan can
    /// cost less than buying all N forward, 2,500 × N, and the bound is exactly that; it never
    /// exceeds the plan's own cost.
    @Test func theLinearProgrammeBoundsThePlan() throws {
        let json = try plan(
            Self.plant(coal: "100000", planning: "forward = { price = 2500, max = 20000 }"),
            ["--iterations", "200", "--steps", "20"])
        let n = try need(json)
        #expect(n > 1_000 && n < 20_000 && n == n.rounded())
        let bound = try #require(json["bound"] as? [String: Any])
        let lower = try #require(bound["lower_bound"] as? Double)
        #expect(abs(lower - 2_500 * n) < 1e-6 * lower, "\(lower) against 2,500 × \(n)")
        #expect(lower <= (bound["plan_cost"] as? Double ?? 0) + 1e-6)
    }

    /// Two forwards at different prices against a certain N: the cheaper one to its maximum, the
    /// dearer one for the rest. The bound is exact: 6,000 × 2,000 + (N − 6,000) × 2,400; the search's
    /// plan costs no less and buys the cheaper forward's 6,000 (on its grid of 200 steps: 30 CCCs).
    @Test func twoForwardsAtDifferentPrices() throws {
        let json = try plan(
            Self.plant(
                coal: "100000",
                planning: """
                    forwards = { { year = "2025-26", price = 2000, max = 6000 },
                                 { year = "2025-26", price = 2400, max = 20000 } }
                    """),
            ["--iterations", "200", "--steps", "200"])
        let n = try need(json)
        #expect(n > 6_000 && n < 26_000)
        let lower = try #require((json["bound"] as? [String: Any])?["lower_bound"] as? Double)
        let byHand = 6_000 * 2_000 + (n - 6_000) * 2_400
        #expect(abs(lower - byHand) < 1e-6 * byHand, "\(lower) against \(byHand)")
        #expect(decisions(json).first == 6_000)
        #expect(try #require((json["best"] as? [String: Any])?["mean_cost"] as? Double) >= lower - 1e-6)
    }

    /// A normal need under a chance limit: coal ~ normal(100,000, 1,000) t makes the emissions E
    /// normal with σ = E's mean / 100, so σ_N = (μ_N + 238,000) / 100. With one forward,
    /// P(compensation) ≤ 5 % needs it to cover N's 95th percentile, q* = μ_N + 1.6449 σ_N; the plan's
    /// forward is within a grid step (20,000 / 100 = 200) and the sampling error of a 2,000-world
    /// quantile (about 0.1 σ) of q*.
    @Test func aNormalNeedUnderAChanceLimit() throws {
        let json = try plan(
            Self.plant(coal: "normal(100000, 1000)", planning: "forward = { price = 2500, max = 20000 }"),
            ["--iterations", "2000", "--steps", "100", "--objective", "chance", "--epsilon", "0.05"])
        let mean = try need(json), sigma = (mean + 238_000) / 100
        let quantile = mean + 1.6449 * sigma
        let q = try #require(decisions(json).first)
        #expect(abs(q - quantile) <= 200 + 0.15 * sigma, "\(q) against \(quantile) (σ \(sigma))")
        let chance = (json["best"] as? [String: Any])?["probability_of_non_compliance"] as? Double
        #expect(try #require(chance) <= 0.05)
        // The mixed-integer bound on the first 200 worlds, at most k = max(⌊0.05 × 200⌋, the plan's own
        // count there) of them short: the forward must cover all but k worlds' needs, so it costs at least
        // 2,500 × the (k + 1)-th largest need of 200 — above the need's 90th percentile, μ + 1.2816 σ,
        // unless 190 of 200 draws fell below it. It never exceeds the plan's own cost there.
        let bound = try #require(json["bound"] as? [String: Any])
        let lower = try #require(bound["lower_bound"] as? Double)
        let allowed = try #require(bound["compensated_worlds"] as? Int)
        #expect(allowed >= 10 && allowed < 20 && bound["worlds"] as? Int == 200)
        #expect(lower >= 2_500 * (mean + 1.2816 * sigma), "\(lower) against 2,500 × \(mean + 1.2816 * sigma)")
        #expect(lower <= (bound["plan_cost"] as? Double ?? 0) + 1e-6)
        #expect(try #require(bound["gap"] as? Double) < 0.05)
    }
}
