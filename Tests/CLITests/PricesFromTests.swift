import Foundation
import Testing

/// `--prices-from`: the market a regulator clears prices the entity's run, pathway and plan,
/// world by world, and says so; a run that used it keeps the prices and re-runs without the market.
@Suite struct PricesFromTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The base rules' mean clearing price per year of a stored compare run.
    func meanPrices(_ compare: [String: Any]) throws -> [String: Double] {
        let rows = try #require((compare["results"] as? [String: Any])?["rows"] as? [[String: Any]])
        var prices: [String: Double] = [:]
        for row in rows where row["id"] as? String == "clearing_price" {
            prices[try #require(row["year"] as? String)] = try #require(
                (row["base"] as? [String: Any])?["mean"] as? Double)
        }
        return prices
    }

    @Test func aMarketRunPricesTheEntityWorldByWorld() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("market.sqlite").path
        // A market of the base rules alone (no --reform): 400 worlds, kept as run 1.
        let compare = try CLI.spawn([
            "compare", "Scenarios/portfolio-notified.lua", "--iterations", "400", "--seed", "3", "--json", "--db", db,
        ])
        #expect(compare.status == 0, "\(compare.stderr)")
        let market = try meanPrices(try json(compare.stdout))
        let p25 = try #require(market["2025-26"])

        // At expected values the chlor-alkali plant is short 1,045 CCCs in 2025-26; at the market's mean
        // price its compensation is 1,045 × 2 × p̄ (the rules' multiple 2).
        let run = try CLI.spawn([
            "run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--prices-from", "1", "--db", db, "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let year = try #require(((try json(run.stdout))["results"] as? [String: Any])?["years"] as? [[String: Any]])[0]
        #expect(year["price"] as? Double == p25)
        #expect(abs((year["compensation"] as? Double ?? 0) - 1_045 * 2 * p25) < 1e-6)
        #expect(
            (year["price_origin"] as? String)?.hasPrefix(
                "market run 1 (ccts compare of Notified entities 2025-26 (490 over both schedules; 486 synthetic), "
                    + "base rules, 400 worlds, seed 3): mean "
            ) == true,
            "\(year["price_origin"] ?? "")")

        // Over the market's own 400 worlds, world w is priced by market world w: the mean price is the market's.
        let worlds = try CLI.spawn([
            "run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--prices-from", "1", "--db", db, "--iterations",
            "400", "--json",
        ])
        #expect(worlds.status == 0, "\(worlds.stderr)")
        let years = try #require(((try json(worlds.stdout))["results"] as? [String: Any])?["years"] as? [[String: Any]])
        let price = try #require((years[0]["metrics"] as? [String: Any])?["price"] as? [String: Any])
        #expect(abs((price["mean"] as? Double ?? 0) - p25) < 1e-9 * max(p25, 1))

        // The run kept the prices: it re-runs bit for bit from its own files.
        let rerun = try CLI.spawn(["runs", "rerun", "3", "--db", db])
        #expect(rerun.status == 0 && rerun.stdout.contains("identical"), "\(rerun.stdout)\(rerun.stderr)")
    }

    @Test func whatCannotBePricedIsRefused() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("market.sqlite").path
        let none = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--prices-from", "7", "--db", db])
        #expect(
            none.status != 0 && none.stderr.contains("--prices-from 7: there is no run store at \(db)"),
            "\(none.stderr)")
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let notMarket = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--prices-from", "1", "--db", db])
        #expect(
            notMarket.stderr.contains(
                "run 1 in \(db) is a completed deterministic run; give a completed `ccts compare` run"),
            "\(notMarket.stderr)")
        let word = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--prices-from", "latest", "--db", db])
        #expect(word.stderr.contains("--prices-from latest: no such file, and not a run ID"), "\(word.stderr)")
        // A market of 2025-26 and 2026-27 cannot price a pathway to 2029-30: said, with the way out.
        #expect(try CLI.run(["compare", "Scenarios/portfolio-notified.lua", "--db", db]).status == 0)
        let pathway = try CLI.run([
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
            "--prices-from", "2", "--db", db,
        ])
        #expect(
            pathway.stderr.contains("the market run has no price for 2027-28; it cleared 2025-26, 2026-27"),
            "\(pathway.stderr)")
        let compare = try CLI.run(["compare", "Scenarios/portfolio-notified.lua", "--prices-from", "2", "--db", db])
        #expect(compare.stderr.contains("ccts compare clears its own prices"), "\(compare.stderr)")
    }
}
