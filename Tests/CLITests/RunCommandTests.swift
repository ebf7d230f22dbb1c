import Foundation
import Testing

/// End to end: the built binary on the shipped scenarios, as the README uses it.
@Suite struct RunCommandTests {
    static let scenarios = [
        "cement-rajasthan.lua", "aluminium-vedanta-jharsuguda.lua", "chlor-alkali-gujarat-shortfall.lua",
        "pulp-paper-jk-rayagada.lua", "benchmark.lua", "plan-chlor-alkali-purchases.lua",
        "refinery-nrgf-gujarat.lua", "textile-composite-tamilnadu.lua", "cement-rajasthan-monthly.lua",
    ]

    @Test(arguments: scenarios)
    func shippedScenarioRuns(name: String) throws {
        let result = try CLI.run(["run", "Scenarios/\(name)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("GEI achieved"))
        #expect(result.stderr.isEmpty)
    }

    @Test func everyScenarioFileIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: CLI.packageRoot.appendingPathComponent("Scenarios").path
        )
        .filter { $0.hasSuffix(".lua") }
        // Portfolios run through `ccts compare`, measures through `ccts pathway` (their own tests).
        for file in files where !file.hasPrefix("portfolio-") && !file.hasPrefix("measures-") {
            #expect(Self.scenarios.contains(file), "\(file) has no end-to-end test")
        }
    }

    @Test func cementResultAsTheReadmeShowsIt() throws {
        let result = try CLI.run(["run", "Scenarios/cement-rajasthan.lua"])
        #expect(result.status == 0)
        for phrase in ["2025-26", "CCCs issued", "27,445", "Compliant", "biochar", "is not eligible"] {
            #expect(result.stdout.contains(phrase), "missing \(phrase)")
        }
    }

    /// Every rupee of the cement plant's net cost, line by line, in the text and the JSON:
    /// offsets 4,000 × 1,500 + 5,000 × 900 = 10,500,000 (the biochar's 4,500,000 not counted by the rules);
    /// sold 10,000 × 1,850 = 18,500,000; net 10,500,000 − 18,500,000 = −8,000,000; the 49,778 CCCs carried
    /// out of 2026-27 are worth 49,778 × 2,100 = 104,533,800, so net of the bank −8,000,000 − 104,533,800 =
    /// −112,533,800.
    @Test func netCostIsItemised() throws {
        let text = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--no-store"]).stdout
        for line in [
            "  offsets paid                      10,500,000", "    of which not counted             4,500,000",
            "  CCCs sold                        -18,500,000", "Net cost, INR                       -8,000,000",
            "Prices: 2025-26 1,800 INR/CCC from scenario (market.price); 2026-27 2,100 INR/CCC from scenario "
                + "(market.price)",
            "net -8,000,000 INR; the 49,778 CCCs carried out of 2026-27 are worth 104,533,800 INR at 2,100 INR/CCC, so "
                + "net of the bank's value -112,533,800 INR",
        ] {
            #expect(text.contains(line), "missing: \(line)")
        }
        let result = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--no-store", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [String: Any])
        let year = try #require((results["years"] as? [[String: Any]])?.first)
        let breakdown = try #require(year["cost_breakdown"] as? [String: Any])
        func inr(_ key: String) -> Double? { (breakdown[key] as? [String: Any])?["inr"] as? Double }
        #expect(inr("offsets") == 10_500_000 && inr("offsets_not_counted") == 4_500_000 && inr("sold") == -18_500_000)
        #expect(inr("purchased")! + inr("offsets")! + inr("compensation")! + inr("sold")! == year["cost"] as? Double)
        #expect(year["price_origin"] as? String == "scenario (market.price)")
        let period = try #require(results["cost"] as? [String: Any])
        #expect(period["net"] as? Double == -8_000_000 && period["net_of_bank"] as? Double == -112_533_800)
    }

    @Test func jsonHasResultsAndConsistentCredits() throws {
        let result = try CLI.run(["run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [String: Any])
        let year = try #require((results["years"] as? [[String: Any]])?.first)
        let gei = try #require(year["gei"] as? Double)
        let target = try #require(year["target"] as? Double)
        let production = try #require((year["verification"] as? [String: Any])?["production_used"] as? Double)
        // surrender = ⌈(GEI − target) × verified production⌉; production verified 3 % low = 242,500 t a
        // year, taken pro rata for the First Schedule's 175-day period: 242,500 × 175 / 365 = 116,267.12 t
        #expect(abs(production - 242_500.0 * 175 / 365) < 1e-6)
        #expect(year["surrender_required"] as? Double == ((gei - target) * production).rounded(.up))
        let ledger = try #require(year["ledger"] as? [String: Any])
        let shortfall = try #require(ledger["shortfall"] as? Double)
        // compensation = shortfall × 2 × 2,400 INR
        #expect(year["compensation"] as? Double == shortfall * 2 * 2_400)
        #expect(year["compliant"] as? Bool == false)
    }

    @Test func explainShowsEverySource() throws {
        let result = try CLI.run(["explain", "Scenarios/cement-rajasthan.lua", "--year", "2025-26"])
        #expect(result.status == 0, "\(result.stderr)")
        for phrase in [
            "energy_TJ = quantity_t × NCV / 1000", "IPCC 2006 GL Vol 2 Ch 1", "CEA CO2 Baseline Database",
            "Type II (scenario), replacing the default 32.5 of fuels.petcoke.ncv", "materiality",
            "credits = (target GEI − GEI) × equivalent production", "gwp.AR5",
        ] {
            #expect(result.stdout.contains(phrase), "missing \(phrase)")
        }
        #expect(!result.stdout.contains("2026-27 ═══"))
    }

    @Test func jsonIsReproducible() throws {
        let first = try CLI.run(["run", "Scenarios/pulp-paper-jk-rayagada.lua", "--json"])
        let second = try CLI.run(["run", "Scenarios/pulp-paper-jk-rayagada.lua", "--json"])
        #expect(first.status == 0 && first.stdout == second.stdout)
    }

    /// A change no year reads is named as such, in the text and the JSON; a reform that changes
    /// nothing says so; a change that is read is listed plainly.
    @Test func unusedRuleChangesAreReported() throws {
        let args = [
            "run", "Scenarios/cement-rajasthan.lua", "--no-store", "--reform",
            "Scenarios/reforms/cement-2026-27-tighter.lua",
            "--set", "compliance.price[\"2025-26\"]=2500", "--set", "verification.materiality=0.05",
        ]
        var text = try CLI.run(args)
        #expect(text.status == 0, "\(text.stderr)")
        text.stdout = text.stdout.replacingOccurrences(of: "\n    ", with: " ")  // undo the wrapping at 100 columns
        // the scenario states market = { price = … }: the rules' price is never read
        #expect(
            text.stdout.contains(
                "compliance.price[\"2025-26\"][1]: 2167 → 2500 (--set compliance.price[\"2025-26\"]=2500) "
                    + "— changed but not used"
            ))
        #expect(text.stdout.contains("the scenario states its own market price"))
        #expect(text.stdout.contains("verification.materiality: 0.02 → 0.05 (--set verification.materiality=0.05)\n"))
        #expect(text.stdout.contains("reform 'Cement 2026-27 targets 2% tighter' changed no rule value"))
        let json = try CLI.run(args + ["--json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let changes = (document["inputs"] as! [String: Any])["changes"] as! [[String: Any]]
        #expect(changes.map { $0["used"] as! Bool } == [false, true])
    }
}
