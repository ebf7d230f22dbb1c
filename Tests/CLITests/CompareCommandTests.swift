import Foundation
import Testing

/// `ccts compare` on a two-entity portfolio added up by hand, and on the shipped portfolio.
@Suite struct CompareCommandTests {
    /// Two cement plants with the hand-computed figures of LifecycleArithmeticTests:
    /// emissions 983,113.495 t, production 1,400,000 t, GEI 0.702224, price 2,000 INR.
    static let portfolio = """
        target "A" { sector = "cement", gei = { ["2025-26"] = 0.72 }, source = "test", status = "synthetic" }
        target "B" { sector = "cement", gei = { ["2025-26"] = 0.68 }, source = "test", status = "synthetic" }
        local function plant(registration)
          return { entity = { registration = registration, sector = "cement" },
            years = { ["2025-26"] = { fuels = { { "coal_imported", 210000, "t" } }, process = { { "limestone", 1e6, "t", purity = 0.9 } },
              electricity = { purchased = { 100000, "MWh" }, renewable = { 50000, "MWh" } },
              products = { { "opc", 1e6, "t" }, { "ppc", 4e5, "t" } } } } }
        end
        return portfolio { name = "two plants", market = { price = 2000 }, entities = { plant("A"), plant("B") } }
        """
    static let reform = """
        reform "cement 2025-26 targets 2% tighter" (function(rules)
          for _, entity in pairs(rules.targets.cement) do entity.gei["2025-26"] = entity.gei["2025-26"] * 0.98 end
        end)
        """

    @Test func twoEntitiesAddUpByHand() throws {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("two.lua"), reform = folder.appendingPathComponent("tighter.lua")
        try Self.portfolio.write(to: portfolio, atomically: true, encoding: .utf8)
        try Self.reform.write(to: reform, atomically: true, encoding: .utf8)
        let result = try CLI.run(["compare", portfolio.path, "--reform", reform.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require((json["results"] as? [String: Any])?["rows"] as? [[String: Any]])
        func row(_ name: String) throws -> (base: Double, reform: Double, change: Double) {
            let r = try #require(rows.first { ($0["aggregate"] as? String)?.hasPrefix(name) == true })
            let base = try #require((r["base"] as? [String: Any])?["mean"] as? Double)
            let variant = try #require(((r["variants"] as? [[String: Any]])?.first)?["mean"] as? Double)
            let change = try #require(((r["changes"] as? [[String: Any]])?.first)?["mean"] as? Double)
            return (base, variant, change)
        }
        // Base: A issues ⌊(0.72 − 0.702224) × 1.4e6⌋ = ⌊24,886.4⌋ = 24,886; B owes ⌈(0.702224 − 0.68) × 1.4e6⌉ = 31,114.
        // Reform: A ⌊(0.7056 − 0.702224) × 1.4e6⌋ = ⌊4,726.4⌋ = 4,726; B ⌈(0.702224 − 0.6664) × 1.4e6⌉ = ⌈50,153.6⌉ = 50,154.
        #expect(try row("CCCs issued") == (24_886, 4_726, 4_726 - 24_886))
        #expect(try row("surrender obligations") == (31_114, 50_154, 50_154 - 31_114))
        #expect(try row("net market balance") == (-6_228, -45_428, -39_200))
        #expect(try row("share of entities compliant") == (0.5, 0.5, 0))
        // Compensation: B's shortfall × 2 × 2,000: 31,114 × 4,000 = 124,456,000; 50,154 × 4,000 = 200,616,000.
        #expect(try row("compensation") == (124_456_000, 200_616_000, 76_160_000))
        // Demand exceeds supply in both: buyers bid up to the compensation they avoid, 2 × 2,000.
        #expect(try row("clearing price") == (4_000, 4_000, 0))
    }

    @Test func shippedPortfolioUnderATighterCementTarget() throws {
        let result = try CLI.run(["compare", "Scenarios/portfolio-notified.lua",
                                  "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua", "--iterations", "200"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("490 entities, 200 worlds each"))
        #expect(result.stdout.contains("Entities most affected by reform 1 in 2026-27"))
        #expect(result.stdout.contains("CEM-SYN-"))
    }

    /// The shipped portfolio's entities have uncertain verifier findings (an assumption stated in
    /// the file), so a materiality reform bites over worlds; at expected values the output says why
    /// it cannot; every line fits 100 columns unless --wide is asked.
    @Test func materialityReformBitesOnThePortfolio() throws {
        let args = ["compare", "Scenarios/portfolio-notified.lua", "--reform", "Scenarios/reforms/materiality-by-size.lua", "--no-store"]
        let worlds = try CLI.run(args + ["--iterations", "100", "--json"])
        #expect(worlds.status == 0, "\(worlds.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(worlds.stdout.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [String: Any])
        let rows = try #require(results["rows"] as? [[String: Any]])
        let issued = rows.filter { ($0["aggregate"] as? String) == "CCCs issued" }
        let changes = issued.compactMap { (($0["changes"] as? [[String: Any]])?.first?["mean"] as? Double) }
        #expect(changes.count == 2 && changes.contains { $0 != 0 }, "the reform changes issuance in some year: \(changes)")
        let entityChanges = try #require(results["entityChanges"] as? [[[String: Any]]])
        #expect(!(entityChanges.first ?? []).isEmpty)

        let text = try CLI.run(args + ["--iterations", "100", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua"])
        let wide = text.stdout.split(separator: "\n").filter { $0.count > 100 }
        #expect(wide.isEmpty, "lines over 100 columns: \(wide.prefix(2))")
        #expect(text.stdout.contains("═══ 2026-27: reform 2 against the base ═══"))
        // ranked entities all changed: no row of the table shows a change of 0
        let ranked = text.stdout.components(separatedBy: "Entities most affected by reform 2 in 2026-27").last ?? ""
        #expect(!ranked.split(separator: "\n").contains { $0.hasPrefix("  CEM") && $0.hasSuffix(" 0") })
        #expect(try CLI.run(args + ["--iterations", "100", "--wide"]).stdout.split(separator: "\n").contains { $0.count > 100 })   // side by side

        let expected = try CLI.run(args)
        #expect(expected.stdout.contains("at expected values verifier findings are zero, so a materiality rule cannot change anything"))
        #expect(expected.stdout.contains("Reform 1 changes no entity's mean net credits"))
    }

    @Test func needsAReform() throws {
        let result = try CLI.run(["compare", "Scenarios/portfolio-notified.lua"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("name at least one --reform"))
    }
}
