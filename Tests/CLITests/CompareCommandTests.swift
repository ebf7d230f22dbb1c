import Foundation
import Testing
import TestSupport

/// `ccts compare` on a two-entity portfolio added up by hand, and on the shipped portfolio.
@Suite struct CompareCommandTests {
    static let portfolio = TwoCementPlants.portfolio
    static let reform = TwoCementPlants.reform
    static let severe = TwoCementPlants.severe

    /// The market clears by hand on the built-in cement curve (Rules/default/abatement.lua), per
    /// plant of emissions E = 983,122.495 t: 2 % at 100 → 800 INR/t (q1 = 19,662.45 t), 3 % at
    /// 300 → 1,200 (q2 = 29,493.67 t), 3 % at 1,200 → 2,500, 2 % at 2,000 → 4,000.
    @Test func twoEntitiesClearByHand() throws {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("two.lua")
        let reform = folder.appendingPathComponent("tighter.lua"), severe = folder.appendingPathComponent("severe.lua")
        try Self.portfolio.write(to: portfolio, atomically: true, encoding: .utf8)
        try Self.reform.write(to: reform, atomically: true, encoding: .utf8)
        try Self.severe.write(to: severe, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "compare", portfolio.path, "--reform", reform.path, "--reform", severe.path, "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require((json["results"] as? [String: Any])?["rows"] as? [[String: Any]])
        func row(_ id: String) throws -> (base: Double, reform: Double, severe: Double) {
            let r = try #require(rows.first { ($0["id"] as? String) == id }, "no row \(id)")
            let base = try #require((r["base"] as? [String: Any])?["mean"] as? Double)
            let variants = try #require(r["variants"] as? [[String: Any]]).compactMap { $0["mean"] as? Double }
            return (base, variants[0], variants[1])
        }
        // Base: A issues (0.72 − 0.70223) × 1.4e6 = 24,878; B owes (0.70223 − 0.68) × 1.4e6 = 31,122 (both
        // whole). Reform: A (0.7056 − 0.70223) × 1.4e6 = 4,718; B (0.70223 − 0.6664) × 1.4e6 = 50,162. Severe (×
        // 0.8): A owes (0.70223 − 0.576) × 1.4e6 = 176,722; B (0.70223 − 0.544) × 1.4e6 = 221,522.
        #expect(try row("issued") == (24_878, 4_718, 0))
        #expect(try row("surrender_obligations") == (31_122, 50_162, 398_244))
        #expect(try row("net_position") == (-6_244, -45_444, -398_244))
        let price = try row("clearing_price")
        // Base: short 6,244 on the first piece: 2 q1 (p − 100) / 700 = 6,244 → p = 100 + 6,244 × 700 / 39,324.90 =
        // 211.146
        #expect(abs(price.base - 211.145_864_890_417_33) < 1e-6)
        // Reform: 2 q1 × 200 / 700 = 11,235.69 at 300, then slope 2 q1 / 700 + 2 q2 / 900 = 121.720 per INR:
        // p = 300 + (45,444 − 11,235.69) / 121.720 = 581.041
        #expect(abs(price.reform - 581.041_197_758_842_4) < 1e-6)
        // Severe: every step (2 × 10 % × E = 196,624.50 t) leaves 398,244 − 196,624.50 = 201,619.50 uncovered at
        // the dearest step, 4,000
        #expect(price.severe == 4_000)
        let abatement = try row("abatement")
        #expect(
            abs(abatement.base - 6_244) < 1e-6 && abs(abatement.reform - 45_444) < 1e-6
                && abs(abatement.severe - 196_624.499) < 1e-6)
        // Each plant abates half: A long 24,878 + 3,122 = 28,000 sells to B short 31,122 − 3,122 = 28,000.
        #expect(abs(try row("traded").base - 28_000) < 1e-6)
        // Compensation only on the uncovered: 201,619.501 × 2 × 4,000 = 1,612,956,008
        let compensation = try row("compensation")
        #expect(compensation.base == 0 && compensation.reform == 0 && abs(compensation.severe - 1_612_956_008) < 1e-3)
        #expect(try row("share_compliant") == (1, 1, 0))
        #expect(try row("p_short") == (0, 0, 1))
        // Abatement spend: base 6,244 t at the mean of 100 and 211.146 = 971,397.39 INR
        #expect(abs(try row("compliance_cost").base - 971_397.390_187_882_7) < 1e-3)
        // Reform: 11,235.69 t at the mean of 100 and 300 + (2 q1 × 81.04 / 700 + 2 q2 × 281.04 / 900) t at
        // their pieces' means = 17,316,604.25 INR (the piecewise integral of the price over the quantity)
        #expect(abs(try row("compliance_cost.cement").reform - 17_316_604.252_399_493) < 1e-3)
        // Supply and demand as drawn: the need is the net shortfall, the price where supply reaches it. Each
        // plant's first piece is 2 % of E = 0.02 × 983,122.495 = 19,662.45 t from 100 to 800 INR/t, so supply is
        // 0 at 100, 2 × 19,662.45 × 200 / 700 = 11,235.69 at 300, where the second piece (3 % of E, 300 to 1,200)
        // starts; at 800 the first is whole and the second 500 / 900 in:
        // 39,324.90 + 2 × 29,493.67 × 5 / 9 = 72,095.65.
        let curves = try #require((json["results"] as? [String: Any])?["supply_curves"] as? [[[String: Any]]])
        #expect(curves.count == 3)
        let base = try #require(curves[0].first), reformed = try #require(curves[1].first)
        #expect(base["need"] as? Double == 6_244 && reformed["need"] as? Double == 45_444)
        #expect(abs((base["price"] as? Double ?? 0) - 211.145_864_890_417_33) < 1e-6)
        #expect(abs((reformed["price"] as? Double ?? 0) - 581.041_197_758_842_4) < 1e-6)
        let points = try #require(base["points"] as? [[String: Double]])
        func supply(at price: Double) -> Double? { points.last { $0["price"] == price }?["quantity"] }
        #expect(supply(at: 100) == 0)
        #expect(abs((supply(at: 300) ?? 0) - 2 * 0.02 * 983_122.495 * 200 / 700) < 1e-6)
        #expect(abs((supply(at: 800) ?? 0) - (2 * 0.02 * 983_122.495 + 2 * 0.03 * 983_122.495 * 500 / 900)) < 1e-6)
    }

    /// Two plants of the hand-computed cement figures over two years, with the targets given.
    static func twoYears(_ a: (Double, Double), _ b: (Double, Double)) -> String {
        """
        target "A" { sector = "cement", gei = { ["2025-26"] = \(a.0), ["2026-27"] = \(a.1) }, source = "test", status =\
         "synthetic" }
        target "B" { sector = "cement", gei = { ["2025-26"] = \(b.0), ["2026-27"] = \(b.1) }, source = "test", status =\
         "synthetic" }
        local year = { monitored = "period", fuels = { { "coal_imported", 210000, "t" } }, process = { { "limestone",\
         1e6, "t", purity = 0.9 } },
          electricity = { purchased = { 100000, "MWh" }, renewable = { 50000, "MWh" } }, products = { { "opc", 1e6, "t"\
         }, { "ppc", 4e5, "t" } } }
        local function plant(registration)
          return { entity = { registration = registration, sector = "cement" }, years = { ["2025-26"] = year,\
         ["2026-27"] = year } }
        end
        return portfolio { name = "two plants, two years", market = { price = 2000 }, entities = { plant("A"),\
         plant("B") } }
        """
    }

    /// `compare` on a portfolio text and a reform text: (base, reform) of row `id` in `year`.
    func compareRows(_ portfolioText: String, reform reformText: String) throws -> (String, String) throws -> (
        base: Double, reform: Double
    ) {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("portfolio.lua"),
            reform = folder.appendingPathComponent("reform.lua")
        try portfolioText.write(to: portfolio, atomically: true, encoding: .utf8)
        try reformText.write(to: reform, atomically: true, encoding: .utf8)
        let result = try CLI.run(["compare", portfolio.path, "--reform", reform.path, "--json", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require((json["results"] as? [String: Any])?["rows"] as? [[String: Any]])
        return { id, year in
            let r = try #require(rows.first { ($0["id"] as? String) == id && ($0["year"] as? String) == year })
            return (
                try #require((r["base"] as? [String: Any])?["mean"] as? Double),
                try #require((r["variants"] as? [[String: Any]])?.first?["mean"] as? Double)
            )
        }
    }

    /// Surplus of a year in which the market is long is banked and supplies the next year: without
    /// banking the next year clears higher up the abatement curve.
    @Test func bankingMovesSupplyToTheNextYear() throws {
        let row = try compareRows(
            Self.twoYears((0.72, 0.69), (0.71, 0.69)),
            reform: #"reform "no banking" (function(rules) rules.compliance.banking.allowed = false end)"#)
        // 2025-26: A issues (0.72 − 0.70223) × 1.4e6 = 24,878, B (0.71 − 0.70223) × 1.4e6 = 10,878: long
        // 35,756, clears at the floor, 0, and the holders keep it.
        #expect(try row("clearing_price", "2025-26") == (0, 0))
        // 2026-27: each owes (0.70223 − 0.69) × 1.4e6 = 17,122, 34,244 in all. Banked: 35,756 − 34,244 = 1,512
        // long, price 0, no abatement. Without banking: 34,244 short, cleared on the cement curve at
        // 300 + (34,244 − 2 q1 × 200 / 700) / (2 q1 / 700 + 2 q2 / 900) = 489.027 INR, abating all of it.
        let price = try row("clearing_price", "2026-27"), abatement = try row("abatement", "2026-27")
        #expect(price.base == 0 && abs(price.reform - 489.026_683_879_228_2) < 1e-6)
        #expect(abatement.base == 0 && abs(abatement.reform - 34_244) < 1e-6)
    }

    /// A dearer later year draws certificates forward until both years clear at one price
    /// (`market.banking = "when_dearer"`); banking only what is unsold at the floor does not.
    @Test func aDearerYearDrawsCertificatesForward() throws {
        let row = try compareRows(
            Self.twoYears((0.71, 0.68), (0.71, 0.68)),
            reform: #"reform "bank only the unsold" (function(rules) rules.compliance.market.banking = "unsold" end)"#)
        // 2025-26: each issues (0.71 − 0.70223) × 1.4e6 = 10,878: long 21,756. 2026-27: each owes
        // (0.70223 − 0.68) × 1.4e6 = 31,122: short 62,244.
        // Unsold only: 2025-26 clears at 0 and banks 21,756; 2026-27 is 40,488 short on one year's curve:
        // 300 + (40,488 − 2 q1 × 200 / 700) / (2 q1 / 700 + 2 q2 / 900) = 540.325.
        // When dearer: one market of both years, 40,488 short on two years' curves:
        // 300 + (40,488 − 4 q1 × 200 / 700) / (4 q1 / 700 + 4 q2 / 900) = 374.009 in both years; 2025-26 abates
        // 20,244 at that price and banks 21,756 + 20,244 = 42,000, which with 2026-27's own 20,244 covers its 62,244.
        let first = try row("clearing_price", "2025-26"), second = try row("clearing_price", "2026-27")
        #expect(abs(first.base - 374.008_541_529_710_4) < 1e-6 && abs(second.base - 374.008_541_529_710_4) < 1e-6)
        #expect(first.reform == 0 && abs(second.reform - 540.324_775_367_113_1) < 1e-6)
        #expect(abs(try row("abatement", "2025-26").base - 20_244) < 1e-6)
        #expect(try row("compensation", "2026-27") == (0, 0))
    }

    /// An entity's own measures (the pathway format) replace its sector's curve in the market.
    @Test func ownMeasuresSupplyAbatementAtTheirCost() throws {
        // A buys 10,000 MWh of solar instead of grid power at 7,117,000 INR a year: the evaluator
        // gives 10,000 × 0.7117 = 7,117 t less, at 7,117,000 / 7,117 = 1,000 INR/t.
        let withMeasures = Self.portfolio.replacingOccurrences(
            of: "return { entity = { registration = registration, sector = \"cement\" },",
            with: """
                return { entity = { registration = registration, sector = "cement" },
                    measures = registration == "A" and { discount_rate = 0.1,
                      { name = "Solar PPA", type = "renewable_power", mwh = 10000, start = "2025-26", capex = 0, opex =\
                 7117000, lifetime = 25 } } or nil,
                """)
        let row = try compareRows(withMeasures, reform: Self.reform)
        // Base: 6,244 short; only B's cement curve is below 1,000: q1 × 200 / 700 = 5,617.84 at 300, then
        // q1 / 700 + q2 / 900 = 60.860 per INR: p = 300 + (6,244 − 5,617.84) / 60.860 = 310.288
        let price = try row("clearing_price", "2025-26")
        #expect(abs(price.base - 310.288_490_668_077_54) < 1e-6)
        // Reform: 45,444 short; B's curve gives q1 + q2 × 700 / 900 = 42,601.97 by 1,000, where A's 7,117 t
        // step is used for the remaining 2,842.03: the price is the step's, 1,000
        #expect(price.reform == 1_000)
        #expect(abs(try row("abatement", "2025-26").reform - 45_444) < 1e-6)
    }

    /// Offset projects outside the entities sell at their ask, with their delivery; a reform that
    /// no longer accepts their type leaves them out and says so.
    @Test func offsetSupplyClearsAtItsAsk() throws {
        let withSupply = Self.portfolio.replacingOccurrences(
            of: "entities = { plant(\"A\"), plant(\"B\") } }",
            with: """
                entities = { plant("A"), plant("B") },
                  supply = { { project = "RE-BUNDLE", type = "renewable_energy", vintage = "2025-26", year = "2025-26",
                               credits = 5000, delivered = 0.8, ask = 150 } } }
                """)
        let row = try compareRows(
            withSupply,
            reform: """
                reform "no renewable-energy offsets" (function(rules)
                  local kept = {}
                  for _, t in ipairs(rules.compliance.offsets.eligible_types) do if t ~= "renewable_energy" then\
                 kept[#kept + 1] = t end end
                  rules.compliance.offsets.eligible_types = kept
                end)
                """)
        // 5,000 × 0.8 = 4,000 offered at 150. Base 6,244 short: the two plants' curves give 2 q1 × 50 / 700 =
        // 2,808.92 below 150, the offsets the remaining 3,435.08 at 150: the price is the ask.
        let price = try row("clearing_price", "2025-26")
        #expect(price.base == 150)
        #expect(abs(try row("supply_sold", "2025-26").base - 3_435.078_585_714_285_5) < 1e-6)
        // cost: 2,808.92 t at the mean of 100 and 150 (351,115.18) + 3,435.08 × 150 paid to the project (515,261.79)
        #expect(abs(try row("compliance_cost", "2025-26").base - 866_376.964_642_857_1) < 1e-3)
        // Without the offsets the market clears on the curves alone, at 211.146 (twoEntitiesClearByHand)
        #expect(abs(price.reform - 211.145_864_890_417_33) < 1e-6)
    }

    /// The market clears worlds in chunks on all cores, and Lua rule functions run in one Lua
    /// state per thread; the results do not depend on the threads.
    @Test func resultsDoNotDependOnThreads() throws {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("uncertain.lua"),
            reform = folder.appendingPathComponent("tighter.lua")
        try Self.portfolio.replacingOccurrences(
            of: "{ \"coal_imported\", 210000, \"t\" }", with: "{ \"coal_imported\", normal(210000, 8000), \"t\" }"
        )
        .write(to: portfolio, atomically: true, encoding: .utf8)
        try Self.reform.write(to: reform, atomically: true, encoding: .utf8)
        func results(_ threads: String) throws -> NSDictionary {
            // the second reform's materiality is a Lua function: its worlds run in one Lua state per thread
            let run = try CLI.run([
                "compare", portfolio.path, "--reform", reform.path, "--reform",
                "Scenarios/reforms/materiality-by-size.lua",
                "--iterations", "700", "--threads", threads, "--json", "--no-store",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try #require(json["results"] as? NSDictionary)
        }
        let one = try results("1"), two = try results("2")
        #expect(one == two)
        // the worlds differ: the price has a range
        let rows = try #require(one["rows"] as? [[String: Any]])
        let price = try #require(rows.first { ($0["id"] as? String) == "clearing_price" }?["base"] as? [String: Any])
        #expect((price["p5"] as? Double ?? 0) < (price["p95"] as? Double ?? 0))
    }

    @Test func shippedPortfolioUnderATighterCementTarget() throws {
        let result = try CLI.spawn([
            "compare", "Scenarios/portfolio-notified.lua",
            "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua", "--iterations", "200",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("490 entities, 200 worlds each"))
        #expect(result.stdout.contains("Entities whose compliance cost reform 1 changes most in 2026-27"))
        #expect(result.stdout.contains("CEM-SYN-"))
    }

    /// The shipped portfolio's entities have uncertain verifier findings (an assumption stated in
    /// the file), so a materiality reform bites over worlds; at expected values the output says why
    /// it cannot; every line fits 100 columns unless --wide is asked.
    @Test func materialityReformBitesOnThePortfolio() throws {
        let args = [
            "compare", "Scenarios/portfolio-notified.lua", "--reform", "Scenarios/reforms/materiality-by-size.lua",
            "--no-store",
        ]
        let worlds = try CLI.spawn(args + ["--iterations", "100", "--json"])
        #expect(worlds.status == 0, "\(worlds.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(worlds.stdout.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [String: Any])
        let rows = try #require(results["rows"] as? [[String: Any]])
        let issued = rows.filter { ($0["aggregate"] as? String) == "CCCs issued" }
        let changes = issued.compactMap { (($0["changes"] as? [[String: Any]])?.first?["mean"] as? Double) }
        #expect(
            changes.count == 2 && changes.contains { $0 != 0 }, "the reform changes issuance in some year: \(changes)")
        let entityChanges = try #require(results["entity_changes"] as? [[[String: Any]]])
        #expect(!(entityChanges.first ?? []).isEmpty)

        let text = try CLI.spawn(
            args + ["--iterations", "100", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua"])
        let wide = text.stdout.split(separator: "\n").filter { $0.count > 100 }
        #expect(wide.isEmpty, "lines over 100 columns: \(wide.prefix(2))")
        #expect(text.stdout.contains("═══ 2026-27: reform 2 against the base ═══"))
        // ranked entities all changed: no row of the table shows a change of 0
        let ranked =
            text.stdout.components(separatedBy: "Entities whose compliance cost reform 2 changes most in 2026-27").last
            ?? ""
        #expect(!ranked.split(separator: "\n").contains { $0.hasPrefix("  CEM") && $0.hasSuffix(" 0") })
        #expect(
            try CLI.spawn(args + ["--iterations", "100", "--wide"]).stdout.split(separator: "\n").contains {
                $0.count > 100
            })  // side by side

        let expected = try CLI.spawn(args)
        #expect(
            expected.stdout.contains(
                "at expected values verifier findings are zero, so a materiality rule cannot change anything"))
        #expect(expected.stdout.contains("Reform 1 changes no entity's mean compliance cost"))
    }

    /// Without a reform, compare clears the base rules' market alone (the price other commands can
    /// take with --prices-from): at expected values the shipped portfolio's 2025-26 is long —
    /// 567,010 issued against 415,528 owed, a net position of 567,010 − 415,528 = 151,482 — so it
    /// clears at the floor, 0 INR, with no abatement.
    @Test func theBaseMarketAlone() throws {
        let result = try CLI.spawn(["compare", "Scenarios/portfolio-notified.lua", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        for line in [
            "═══ 2025-26: base rules ═══", "CCCs issued CCC 567,010",
            "net position before abatement CCC 151,482",
            "clearing price INR/CCC 0", "price at the floor (market long) % 100.0 %",
        ] {
            #expect(text.contains(line), "missing: \(line)")
        }
        #expect(!result.stdout.contains("Reform 1"))
        // Every entity is short, long, or within half a certificate of even: the counts add up to at most 490.
        let json = try #require(
            (try JSONSerialization.jsonObject(
                with: Data(
                    try CLI.spawn([
                        "compare", "Scenarios/portfolio-notified.lua", "--no-store",
                        "--json",
                    ]).stdout.utf8)) as? [String: Any])?["results"] as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]]).filter { $0["year"] as? String == "2025-26" }
        func mean(_ id: String) -> Double? {
            (rows.first { $0["id"] as? String == id }?["base"] as? [String: Any])?["mean"] as? Double
        }
        let short = try #require(mean("entities_short")), long = try #require(mean("entities_long"))
        #expect(short > 0 && long > 0 && short + long <= 490)
        #expect(rows.allSatisfy { ($0["unit"] as? String)?.isEmpty == false })
    }

    /// Over worlds, the base rules' issuance at expected values beside the worlds' means, and why they
    /// differ: the expected-value run's figures (567,010 issued, 415,528 owed in 2025-26 — the run
    /// above) and the worlds' means, read from the same run's JSON.
    @Test func theWorldsAreSetAgainstExpectedValues() throws {
        let run = try CLI.spawn([
            "compare", "Scenarios/portfolio-notified.lua", "--no-store", "--iterations", "500", "--json",
        ])
        let results = try #require(
            (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let expected = try #require(results["expected_values"] as? [[String: Any]])
        #expect(expected.first?["year"] as? String == "2025-26")
        #expect(expected.first?["issued"] as? Double == 567_010 && expected.first?["surrender"] as? Double == 415_528)
        let rows = try #require(results["rows"] as? [[String: Any]]).filter { $0["year"] as? String == "2025-26" }
        func mean(_ id: String) throws -> Double {
            try #require((rows.first { $0["id"] as? String == id }?["base"] as? [String: Any])?["mean"] as? Double)
        }
        let issued = try mean("issued"), owed = try mean("surrender_obligations")
        // uncertainty raises both (each is convex in an entity's GEI)
        #expect(issued > 567_010 && owed > 415_528)
        let text = try CLI.spawn(["compare", "Scenarios/portfolio-notified.lua", "--no-store", "--iterations", "500"])
        let n = ReportCommandTests.grouped
        let flat = text.stdout.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        #expect(
            flat.contains(
                "2025-26: CCCs issued \(n(issued)) on average, 567,010 at expected values; surrender "
                    + "obligations \(n(owed)) against 415,528; net position \(n(issued - owed)) against 151,482."),
            "\(flat.suffix(2000))")
        #expect(flat.contains("each is convex in the GEI"))
    }

    /// A sector's abatement costs uncertain (`cost_uncertainty = { 0.5, 1.5 }`): the two plants' positions
    /// are certain, so each world clears at 211.146 × its factor (every cost scales: the need 6,244 is met on
    /// the first piece at 100 f + 6,244 × 700 f / 39,324.90). Over 2,000 worlds the prices lie within
    /// 0.5–1.5 × 211.146 and average 211.146 × 1 (the uniform's mean; standard error 0.289 / √2,000 =
    /// 0.0065, tolerance 0.03); at expected values the midpoint, 1: 211.146 exactly.
    @Test func uncertainAbatementCostsMoveThePrice() throws {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("two.lua"), reform = folder.appendingPathComponent("costs.lua")
        try Self.portfolio.write(to: portfolio, atomically: true, encoding: .utf8)
        try """
        reform "cement abatement costs uncertain" (function(rules)
          rules.abatement.cement.cost_uncertainty = { 0.5, 1.5 }
        end)
        """.write(to: reform, atomically: true, encoding: .utf8)
        let p = 211.145_864_890_417_33
        func price(_ extra: [String]) throws -> [String: Any] {
            let run = try CLI.run(["compare", portfolio.path, "--reform", reform.path, "--json", "--no-store"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try #require(
                ((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                    as? [String: Any])?["rows"] as? [[String: Any]])
            return try #require(rows.first { $0["id"] as? String == "clearing_price" })
        }
        let expected = try price([])
        #expect(abs(((expected["variants"] as? [[String: Any]])?.first?["mean"] as? Double ?? 0) - p) < 1e-6)
        let worlds = try price(["--iterations", "2000"])
        let base = try #require(worlds["base"] as? [String: Any])
        let uncertain = try #require((worlds["variants"] as? [[String: Any]])?.first)
        #expect(abs((base["mean"] as? Double ?? 0) - p) < 1e-6)  // the rules as written: every world at 211.146
        let mean = try #require(uncertain["mean"] as? Double)
        let p5 = try #require(uncertain["p5"] as? Double), p95 = try #require(uncertain["p95"] as? Double)
        #expect(abs(mean / p - 1) < 0.03, "\(mean)")
        // the 5th and 95th percentiles of a uniform on 0.5–1.5: 0.55 and 1.45 (± 0.02 at 2,000 worlds)
        #expect(abs(p5 / p - 0.55) < 0.02 && abs(p95 / p - 1.45) < 0.02, "\(p5) \(p95)")
    }

    /// A range that is not one is refused, naming the rule and what is expected.
    @Test func aBadCostUncertaintyIsRefused() throws {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("two.lua"), reform = folder.appendingPathComponent("bad.lua")
        try Self.portfolio.write(to: portfolio, atomically: true, encoding: .utf8)
        try """
        reform "inverted" (function(rules) rules.abatement.cement.cost_uncertainty = { 1.5, 0.5 } end)
        """.write(to: reform, atomically: true, encoding: .utf8)
        let run = try CLI.run(["compare", portfolio.path, "--reform", reform.path, "--no-store"])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("cost_uncertainty") && run.stderr.contains("0 < low ≤ high ≤ 10"), "\(run.stderr)")
    }
}
