import Foundation
import Testing
import TestSupport

/// `ccts pathway` on a plant whose numbers are worked out by hand (LifecycleArithmeticTests):
/// emissions 983,122.495 t, production 1,400,000 t, GEI 0.70223; price 2,000 INR.
@Suite struct PathwayCommandTests {
    func files(target: String, measures: String) throws -> (String, String) {
        let folder = try CLI.temporaryDirectory()
        let scenario = folder.appendingPathComponent("plant.lua"), file = folder.appendingPathComponent("measures.lua")
        try OneCementPlant.scenario(target: target).write(
            to: scenario, atomically: true, encoding: .utf8)
        try measures.write(to: file, atomically: true, encoding: .utf8)
        return (scenario.path, file.path)
    }

    @Test func yearsNPVAndCostPerTonneByHand() throws {
        let (scenario, measures) = try files(
            target: "0.72",
            measures: OneCementPlant.ccus)
        let result = try CLI.run(["pathway", scenario, "--measures", measures, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let years = try #require(json["years"] as? [[String: Any]])
        // 2025-26: (983,122.495 − 10,000) / 1.4e6 = 0.695087496 → 0.695087; ⌊(0.72 − 0.695087) × 1.4e6⌋ =
        // ⌊34,878.2⌋ = 34,878
        #expect(years[0]["gei"] as? Double == 0.695087)
        #expect(years[0]["credits"] as? Double == 34_878)
        // 2026-27: target 0.72 × 0.98 = 0.7056; ⌊(0.7056 − 0.695087) × 1.4e6⌋ = ⌊14,718.2⌋ = 14,718
        #expect(abs((years[1]["target"] as? Double ?? 0) - 0.7056) < 1e-12)
        #expect(years[1]["credits"] as? Double == 14_718)
        // The lifecycle's costs (no trades, no shortfall: 0 a year) plus the measure, less the bank at the
        // horizon at its price: 100e6 + 10e6 + 10e6 / 1.1 − (34,878 + 14,718) × 2,000 / 1.1
        //    = 110,000,000 + (10,000,000 − 99,192,000) / 1.1 = 28,916,363.64
        let npv = try #require(json["pathway_npv"] as? Double)
        #expect(abs(npv - (110_000_000 + (10_000_000 - 99_192_000) / 1.1)) < 1e-3)
        // Baseline: issued 24,878 then (0.7056 − 0.70223) × 1.4e6 = 4,718 (whole), all banked:
        // −(24,878 + 4,718) × 2,000 / 1.1 = −59,192,000 / 1.1
        #expect(abs((json["baseline_npv"] as? Double ?? 0) - (-59_192_000 / 1.1)) < 1e-3)
        #expect(years.map { $0["target_source"] as? String } == ["scenario", "−2.0 %/yr"])
        // Line by line with every measure (undiscounted): 2025-26 capex 100,000,000 + opex 10,000,000, nothing
        // bought or sold; the bank 34,878 × 2,000 = 69,756,000 (a holding, −); 2026-27 opex 10,000,000 and the
        // bank (34,878 + 14,718) × 2,000 = 99,192,000
        let lines = try years.map { try #require($0["cost_lines"] as? [String: Any]) }
        #expect(lines[0]["capex"] as? Double == 100e6 && lines[0]["opex"] as? Double == 10e6)
        #expect(lines[0]["cccs_bought"] as? Double == 0 && lines[0]["cccs_sold"] as? Double == 0)
        #expect(lines[0]["carried"] as? Double == -69_756_000)
        #expect(lines[1]["capex"] as? Double == 0 && lines[1]["opex"] as? Double == 10e6)
        #expect(lines[1]["carried"] as? Double == -99_192_000)
        let text = try CLI.run(["pathway", scenario, "--measures", measures]).stdout
        #expect(text.contains("Cost with every measure, line by line (INR, undiscounted):"))
        #expect(
            text.split(separator: "\n").contains {
                $0.split(separator: " ") == ["net", "cost", "110,000,000", "10,000,000"]
            })
        let assumptions = try #require(json["assumptions"] as? [String])
        #expect(
            assumptions.contains {
                $0.contains("Total net present cost, the one cost of this page")
                    && $0.contains("valued at that year's price")
            })
        #expect(assumptions.contains { $0.contains("target_reduction, 2.0 % a year") })
        // Cost per tonne: (100e6 × CRF(10 %, 10 y) + 10e6) / 10,000 t; CRF = 0.1 × 1.1¹⁰ / (1.1¹⁰ − 1) =
        // 0.1627453949
        let mac = try #require((json["mac_curve"] as? [[String: Any]])?.first)
        let crf = 0.1 * pow(1.1, 10) / (pow(1.1, 10) - 1)
        #expect(abs((mac["cost_per_tonne"] as? Double ?? 0) - (100e6 * crf + 10e6) / 10_000) < 1e-6)
        #expect(abs((mac["average_abatement"] as? Double ?? 0) - 10_000) < 1e-6)
        // Net of the certificate each tonne earns at 2,000 INR: (100e6 × CRF + 10e6) / 10,000 − 2,000.
        #expect(abs((mac["net_cost_per_tonne"] as? Double ?? 0) - ((100e6 * crf + 10e6) / 10_000 - 2_000)) < 1e-6)
        // The measure alone against none, in total net present cost: 28,916,363.64 − (−59,192,000 / 1.1)
        //    = 110,000,000 + (10,000,000 − 99,192,000 + 59,192,000) / 1.1 = 110,000,000 − 30,000,000 / 1.1 =
        // 82,727,272.73
        #expect(abs((mac["net_present_cost"] as? Double ?? 0) - (110_000_000 - 30_000_000 / 1.1)) < 1e-3)
    }

    /// A measure abates the same a year whatever the compliance period: the solar PPA's 60,000 MWh a
    /// year × the grid's 0.7117 tCO2/MWh = 42,702 t a year, although 2025-26 is a 175-day period whose
    /// 20,474 t (× 175/365) used to count as a whole year: (20,474 + 4 × 42,702) / 5 = 38,256.
    @Test func aShortPeriodCountsAsItsShareOfAYear() throws {
        let result = try CLI.run([
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
            "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let mac = try #require(json["mac_curve"] as? [[String: Any]])
        let solar = try #require(mac.first { ($0["name"] as? String)?.hasPrefix("Solar PPA") == true })
        #expect(abs((solar["average_abatement"] as? Double ?? 0) - 60_000 * 0.7117) < 0.5, "\(solar)")
    }

    /// The baseline in JSON is numbers, not a formatted sentence: the shipped plant's 2023-24
    /// GEI 0.7412 on 2,150,000 t.
    @Test func baselineIsNumbersInJSON() throws {
        let result = try CLI.run([
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
            "--json", "--no-store",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let baseline = try #require(json["baseline"] as? [String: Any])
        #expect(
            baseline["year"] as? String == "2023-24" && baseline["gei"] as? Double == 0.7412
                && baseline["output"] as? Double == 2_150_000)
    }

    /// The cement levers and an explicit target trajectory from a measures file, through the command.
    @Test func cementLeversAndTrajectory() throws {
        let (scenario, measures) = try files(
            target: "0.72",
            measures: """
                return measures { discount_rate = 0.1, horizon = "2027-28", targets = { ["2026-27"] = 0.70, ["2027-28"]\
                 = 0.68 },
                  { name = "blended", type = "clinker_substitution", share = 0.1, start = "2025-26" },
                  { name = "raw meal", type = "alternative_raw_materials", share = 0.05, start = "2026-27" },
                  { name = "e-kiln", type = "electrification", share = 0.25, efficiency = 0.9, electricity =\
                 "renewable", start = "2027-28" } }
                """)
        let result = try CLI.run(["pathway", scenario, "--measures", measures, "--json", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.map { $0["target_source"] as? String } == ["scenario", "trajectory", "trajectory"])
        #expect(years.map { $0["target"] as? Double } == [0.72, 0.70, 0.68])
        // 2025-26, blended cement alone: coal 4,876.2 TJ × (94.6 + 10 × 28 / 1000 + 1.5 × 265 / 1000) = 4,876.2 ×
        // 95.2775 = 464,592.14; process 395,739 × 0.9 = 356,165.1; grid 71,170: 891,927.24 t / 1.4e6 t = 0.637091
        #expect(years[0]["gei"] as? Double == 0.637091)
        let bad = try files(
            target: "0.72",
            measures: """
                return measures { { name = "b", type = "clinker_substitution", share = 0.1, kiln_fuels = { "coall" },\
                 start = "2025-26" } }
                """)
        let refused = try CLI.run(["pathway", bad.0, "--measures", bad.1, "--no-store"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[1].kiln_fuels[1]: unknown fuel 'coall'"))
    }

    /// When no set reaches the probability asked, the answer says how close the best came, which
    /// year binds, and what lower probabilities would cost.
    @Test func unreachableProbabilityExplainsItself() throws {
        let result = try CLI.run([
            "pathway", "Scenarios/benchmark.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua", "--no-store",
            "--optimise", "--probability", "0.999", "--iterations", "200", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let shortfall = try #require(json["shortfall"] as? [String: Any])
        let best = try #require(shortfall["best"] as? [String: Any])
        let p = try #require(best["probability"] as? Double)
        #expect(p < 0.999 && p > 0)
        // the binding year is the one with the lowest share of worlds meeting its target
        let byYear = try #require(best["probability_by_year"] as? [Double])
        #expect(shortfall["binding_probability"] as? Double == byYear.min())
        let lower = try #require(shortfall["cheapest_at_lower_probabilities"] as? [[String: Any]])
        #expect(lower.map { $0["probability"] as? Double } == [0.8, 0.5, 0.2])
        let text = try CLI.run([
            "pathway", "Scenarios/benchmark.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua", "--no-store",
            "--optimise", "--probability", "0.999", "--iterations", "200",
        ]).stdout.replacingOccurrences(of: "\n  ", with: " ")
        #expect(text.contains("No set of these measures meets every target with probability ≥ 99.9 %"))
        #expect(text.contains("the year that binds is"))
        #expect(text.contains("at P ≥ 50 %:"))
    }

    @Test func leastCostSetMeetsTheTarget() throws {
        // Target 0.70 < baseline GEI 0.70223: CCUS (0.695087) or the PPA (100,000 MWh × 0.7117 = 71,170 t less:
        // 0.651395) meets it; the PPA costs 5e6, CCUS 110e6, so the least-cost set is the PPA alone.
        let (scenario, measures) = try files(
            target: "0.70",
            measures: """
                return measures { discount_rate = 0.1,
                  { name = "CCUS", type = "ccus", tonnes = 10000, start = "2025-26", capex = 100e6, opex = 10e6,\
                 lifetime = 10 },
                  { name = "PPA", type = "renewable_power", mwh = 100000, start = "2025-26", opex = 5e6, lifetime = 20\
                 } }
                """)
        let result = try CLI.run([
            "pathway", scenario, "--measures", measures, "--optimise", "--probability", "0.9", "--iterations", "200",
            "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let best = try #require(json["least_cost"] as? [String: Any])
        #expect(best["measures"] as? [String] == ["PPA"])
        #expect(best["present_cost"] as? Double == 5e6)
        #expect(best["probability"] as? Double == 1)
        // Ranked by the total: every world of the PPA plant is long, all banked to the horizon, so the total is
        // the measure's 5e6 less the bank's value; it is below the measures' part.
        let total = try #require(best["total_present_cost"] as? Double)
        #expect(total < 5e6)
        // With no probability asked of it, the least total cost of every set is named too.
        #expect((json["least_total_cost"] as? [String: Any])?["total_present_cost"] as? Double ?? .infinity <= total)
    }

    /// The solver (branch-and-bound on the additive model, then the exact check) names the same sets
    /// as evaluating all 32 subsets exactly, at a probability some set meets and at one none does.
    @Test(arguments: [0.2, 0.7, 0.9]) func theSolverAgreesWithEverySubset(probability: Double) throws {
        func results(_ extra: [String]) throws -> [String: Any] {
            let run = try CLI.spawn(
                [
                    "pathway", "Scenarios/benchmark.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
                    "--no-store", "--optimise", "--probability", "\(probability)", "--iterations", "400", "--json",
                ] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(
                (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                    as? [String: Any])
        }
        let solved = try results([]), every = try results(["--exhaustive"])
        for key in ["least_cost", "least_total_cost"] {
            #expect(
                (solved[key] as? [String: Any])?["measures"] as? [String] == (every[key] as? [String: Any])?["measures"]
                    as? [String], "\(key)")
        }
        let (a, b) = (solved["shortfall"] as? [String: Any], every["shortfall"] as? [String: Any])
        #expect(
            (a?["best"] as? [String: Any])?["measures"] as? [String] == (b?["best"] as? [String: Any])?["measures"]
                as? [String])
        let solver = try #require(solved["solver"] as? [String: Any])
        #expect(solver["status"] as? String == (a == nil ? "optimal" : "infeasible"))
        #expect(every["solver"] == nil)
    }

    /// Forty measures, variants of one lever excluding each other and two prerequisites: more than
    /// --exhaustive takes, solved, and every rule kept in what is named.
    @Test func fortyMeasuresWithExclusionsAndPrerequisites() throws {
        let base = [
            "pathway", "Scenarios/benchmark.lua", "--measures", "Benchmarks/measures-40.lua", "--no-store",
            "--optimise",
            "--probability", "0.5", "--iterations", "300",
        ]
        let run = try CLI.run(base + ["--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        #expect((json["solver"] as? [String: Any])?["status"] as? String == "optimal")
        let chosen = try #require((json["least_cost"] as? [String: Any])?["measures"] as? [String])
        #expect(!chosen.isEmpty)
        // At most one variant of each lever (a name's part before the comma)…
        let levers = chosen.map { $0.split(separator: ",")[0] }
        #expect(Set(levers).count == levers.count, "\(chosen)")
        // …and a calciner only with the 80 GWh PPA.
        if chosen.contains(where: { $0.hasPrefix("Electric calciner") }) {
            #expect(chosen.contains("Solar PPA, 80 GWh"))
        }
        let every = try CLI.run(base + ["--exhaustive"])
        #expect(every.status == 1)
        #expect(every.stderr.contains("--exhaustive evaluates every subset: at most 12 measures (the file has 40)"))
    }

    @Test func choiceRulesNameMeasuresOfTheFile() throws {
        func refusal(_ extra: String) throws -> String {
            let (scenario, measures) = try files(
                target: "0.70",
                measures: """
                    return measures {
                      { name = "PPA", type = "renewable_power", mwh = 100000, start = "2025-26", opex = 5e6 },
                      { name = "CCUS", type = "ccus", tonnes = 10000, start = "2025-26", capex = 100e6, \(extra) } }
                    """)
            return try CLI.run(["pathway", scenario, "--measures", measures]).stderr
        }
        #expect(
            try refusal(#"excludes = { "PPS" }"#).contains(
                "[2].excludes[1]: names no measure of this file ('PPS'); did you mean 'PPA'?"))
        #expect(try refusal(#"requires = "CCUS""#).contains("[2].requires[1]: names the measure itself"))
        #expect(
            try refusal(#"requires = "PPA", excludes = "PPA""#).contains(
                "[2].requires: 'PPA' is both required and excluded; expected one or the other"))
    }

    /// NPV(P) = M − P × B for a uniform price P, so one price gives the break-even M × P / (M − NPV(P)).
    /// Checked independently: priced at its own break-even, the measure's NPV against none is zero
    /// (to within the whole certificates the ledger counts: under 1 certificate × the price).
    @Test func aMeasurePaysForItselfAtItsBreakEvenPrice() throws {
        let (scenario, measures) = try files(
            target: "0.70",
            measures: """
                return measures { discount_rate = 0.1,
                  { name = "PPA", type = "renewable_power", mwh = 100000, start = "2025-26", opex = 5e6,
                    lifetime = 20 } }
                """)
        func priced(_ price: Double) throws -> [String: Any] {
            let run = try CLI.run([
                "pathway", scenario, "--measures", measures, "--price", "\(price)", "--json", "--no-store",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let results = try #require(
                (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                    as? [String: Any])
            let rows = try #require(results["by_price"] as? [[String: Any]])
            return try #require((rows.first?["measures"] as? [[String: Any]])?.first)
        }
        let at2000 = try priced(2000)
        let npv = try #require(at2000["net_present_cost"] as? Double)
        let breakEven = try #require(at2000["break_even_price"] as? Double)
        // M = 5e6 (one year's opex, undiscounted in the first year): 5e6 × 2,000 / (5e6 − NPV).
        #expect(abs(breakEven - 5e6 * 2000 / (5e6 - npv)) < 1e-6)
        #expect(breakEven > 0 && breakEven < 2000)  // 100,000 MWh saves tens of thousands of certificates
        let atBreakEven = try priced(breakEven)
        #expect(abs(try #require(atBreakEven["net_present_cost"] as? Double)) < breakEven)
        #expect(abs(try #require(atBreakEven["break_even_price"] as? Double) - breakEven) < 1e-6 * breakEven)
    }

    /// Production grown 10 % a year after the scenario's last year: every activity scales, so the
    /// GEI stays and the emissions grow: 2027-28 = 2026-27 × 1.1 exactly.
    @Test func productionGrowsAfterTheLastYear() throws {
        let (scenario, measures) = try files(
            target: "0.70",
            measures: """
                return measures { horizon = "2027-28", growth = 0.10,
                  { name = "later", type = "ccus", tonnes = 1000, start = "2030-31", capex = 1e6 } }
                """)
        let run = try CLI.run(["pathway", scenario, "--measures", measures, "--json", "--no-store"])
        #expect(run.status == 0, "\(run.stderr)")
        let years = try #require(
            ((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])?["years"] as? [[String: Any]])
        let emissions = years.compactMap { $0["emissions"] as? Double }, gei = years.compactMap { $0["gei"] as? Double }
        #expect(emissions.count == 3)
        #expect(abs(emissions[2] / emissions[1] - 1.1) < 1e-12)
        #expect(gei[1] == gei[2])
        let text = try CLI.run(["pathway", scenario, "--measures", measures, "--no-store"]).stdout
        #expect(text.replacingOccurrences(of: "\n    ", with: " ").contains("production grown by 10.0 % a year"))
        let bad = try files(
            target: "0.70",
            measures:
                "return measures { growth = 3, { name = \"x\", type = \"ccus\", tonnes = 1, start = \"2025-26\" } }")
        #expect(
            try CLI.run(["pathway", bad.0, "--measures", bad.1]).stderr.contains(
                "growth: is 3; expected a yearly growth rate from -0.5 to 1 such as 0.03"))
    }

    @Test func shippedMeasuresOnTheCementPlant() throws {
        let result = try CLI.run([
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for phrase in [
            "2029-30", "Marginal abatement cost curve", "Solar PPA, 60 GWh a year", "Total net present cost",
        ] {
            #expect(result.stdout.contains(phrase), "missing \(phrase)")
        }
    }

    @Test func unknownMeasureTypeSuggests() throws {
        let (scenario, measures) = try files(
            target: "0.72",
            measures: """
                return measures { { name = "x", type = "fuel_swtich", from = "coal_imported", to = "biomass", share =\
                 0.1, start = "2025-26" } }
                """)
        let result = try CLI.run(["pathway", scenario, "--measures", measures])
        #expect(result.status == 1)
        #expect(result.stderr.contains("[1].type: unknown measure type 'fuel_swtich'; did you mean 'fuel_switch'?"))
    }
}
