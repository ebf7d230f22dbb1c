import Foundation
@testable import Reports
@testable import RunStore
import Testing
import TestSupport

/// `ccts report`: one self-contained HTML page for a stored deterministic run.
@Suite struct ReportCommandTests {
    @Test func deterministicRunAsOnePage() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            page = folder.appendingPathComponent("cement.html").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let result = try CLI.run(["report", "1", "--db", db, "--out", page])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("recomputed and identical to the stored results"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // Self-contained: no script, nothing fetched (the SVG namespace is a name, not a request)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"))
        // Charts: emissions by source, the GEI trajectory, a CCC waterfall per year (2)
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        for title in [
            "Emissions by source per compliance year", "GEI: baseline, targets and achieved", "CCC account 2025-26",
            "CCC account 2026-27",
        ] {
            #expect(html.contains(title), "missing chart \(title)")
        }
        // The numbers of the run (README: 27,445 and 28,333 issued) in the tables beside the charts
        #expect(html.contains("<td class=\"n\">27,445</td>") && html.contains("<td class=\"n\">28,333</td>"))
        // the baseline of the scenario (0.7412) on the trajectory
        #expect(html.contains("<td class=\"n\">0.7412</td>"))
        // Files with their SHA-256 and the command that re-runs the run
        let scenario = try String(contentsOfFile: "Scenarios/cement-rajasthan.lua", encoding: .utf8)
        #expect(html.contains(SHA256.hex(scenario)))
        #expect(html.contains("ccts runs rerun 1 --db \(db)"))
        // the answer first: 27,445 + 28,333 = 55,778 CCCs issued, none to surrender, −8,000,000 + 0 INR net, 49,778
        // banked at the end
        #expect(
            html.contains(
                "Answer: Compliant in every year (2025-26, 2026-27). Net cost over the period -8,000,000 INR"),
            "\(html.prefix(3000))")
        #expect(html.contains("55,778 CCCs issued, 0 to surrender, 49,778 CCCs in the bank at the end."))
        #expect(html.contains("About this scenario: "))  // the scenario file's own opening comment
        // The first page, printed alone: the question, the answer, three figures; the detail after it.
        let summary = try #require(html.components(separatedBy: "<section class=\"summary\">").dropFirst().first)
            .components(separatedBy: "</section>")[0]
        #expect(
            summary.contains(
                "The question:</b> Does Example Cement Works (synthetic) meet its GHG emission intensity target "
                    + "in 2025-26 and 2026-27"
            ))
        #expect(summary.contains("About this scenario: ") && summary.contains("Answer: Compliant"))
        #expect(summary.components(separatedBy: "<div class=\"figure\">").count - 1 == 3)
        // the net cost as the sum of its lines: 10,500,000 offsets (4,500,000 of them not counted) − 18,500,000
        // sold = −8,000,000; the bank 49,778 CCCs × 2,100 INR/CCC = 104,533,800 INR
        #expect(summary.contains("<div class=\"value\">-8,000,000 INR</div>"))
        #expect(summary.contains("offsets 10,500,000 INR (4,500,000 INR not counted) − CCCs sold 18,500,000 INR"))
        #expect(
            summary.contains("<div class=\"value\">49,778 CCCs</div>")
                && summary.contains("worth 104,533,800 INR at 2,100"))
        #expect(!summary.contains("<h2>"))  // no detail section on the first page
        #expect(html.contains("@media print{.assumption{page-break-inside:avoid}.summary{break-after:page}}"))
        #expect(html.contains("compliance.surrender_date"))  // the assumptions in force
        // only those of rules the run reads: the cement plant's products and grid, not aluminium's curve or LPG's
        // density; 54 assumptions in the built-in rules, 17 concern this run (the compliance ones and its own), 37 left
        // out and
        // counted (the steel and fertiliser materials' among them: a cement plant reads neither)
        #expect(
            html.contains("sectors.cement.products.opc.equivalence") && !html.contains("abatement.aluminium")
                && !html.contains("fuels.lpg.density"))
        #expect(
            html.contains(
                "37 of the rules&#39; 54 assumptions concern fuels, materials, grids, heat sources, sectors or "
                    + "abatement curves this run does not read"
            ))
    }

    @Test func monteCarloRunAsOnePage() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path, page = folder.appendingPathComponent("mc.html").path
        let run = try CLI.run(["run", "Scenarios/benchmark.lua", "--iterations", "2000", "--db", db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [String: Any])
        let mean = try #require((results["total_cost"] as? [String: Any])?["mean"] as? Double)
        let worst = try #require((results["extreme_worlds"] as? [[String: Any]])?.last?["world"] as? Int)
        let result = try CLI.run(["report", "1", "--db", db, "--out", page])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("src="))
        // the answer first: the mean total cost in the opening sentence
        #expect(html.contains("In short: the total cost is \(Self.grouped(mean)) INR on average"))
        // histogram and S-curve of total cost, of the GEI of each year (2 × 2), the tornados of total cost and of
        // each year's GEI (3), the convergence band
        #expect(html.components(separatedBy: "<svg").count - 1 == 10)
        for title in [
            "Total cost: histogram of worlds", "Total cost: cumulative share of worlds (S-curve)", "GEI 2025-26",
            "GEI 2026-27",
            "GEI 2026-27: cumulative share of worlds (S-curve)",
            "Spearman rank correlation with total cost", "Spearman rank correlation with gei 2025-26",
            "Spearman rank correlation with gei 2026-27", "Running mean of total cost with its 95 % band",
        ] {
            #expect(html.contains(title), "missing chart \(title)")
        }
        // the run's mean total cost, and at the last convergence point (all 2,000 worlds) the same mean
        // grouped by thousands with commas, as the report prints numbers
        let digits = String(Int(mean.rounded()).magnitude)
        let grouped =
            (mean < 0 ? "-" : "")
            + digits.enumerated().map { i, c in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
        #expect(html.contains("<td class=\"n\">\(grouped)</td>"), "mean \(grouped)")
        #expect(html.contains("<td class=\"n\">2,000</td><td class=\"n\">\(grouped)</td>"))
        // the cost line by line: each year's mean compensation, and the rest of its mean cost (CCCs and offsets
        // bought less sold), read from the run's JSON means
        let years = try #require(results["years"] as? [[String: Any]])
        func yearMean(_ y: [String: Any], _ metric: String) -> Double {
            ((y["metrics"] as? [String: Any])?[metric] as? [String: Any])?["mean"] as? Double ?? .nan
        }
        let compensation = years.map { "<td class=\"n\">\(Self.grouped(yearMean($0, "compensation")))</td>" }.joined()
        let rest = years.map {
            "<td class=\"n\">\(Self.grouped(yearMean($0, "cost") - yearMean($0, "compensation")))</td>"
        }
        #expect(html.contains("Cost, line by line (means over the worlds, INR)"))
        #expect(html.contains("<td>compensation</td>\(compensation)</tr>"))
        #expect(html.contains("<td>CCCs and offsets bought − CCCs sold</td>\(rest.joined())</tr>"))
        // P(non-compliance) with its standard error, and each extreme world with the command that explains it
        #expect(html.contains("P(non-compliance)") && html.contains("(standard error)"))
        #expect(html.contains("ccts explain Scenarios/benchmark.lua --seed 1 --world \(worst)"))
    }

    /// A compare run: each reported quantity by year for the base and the reform, with the paired change.
    @Test func compareRunAsOnePage() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            page = folder.appendingPathComponent("compare.html").path
        let portfolio = folder.appendingPathComponent("two.lua"), reform = folder.appendingPathComponent("tighter.lua")
        try CompareCommandTests.portfolio.write(to: portfolio, atomically: true, encoding: .utf8)
        try CompareCommandTests.reform.write(to: reform, atomically: true, encoding: .utf8)
        let result = try CLI.run(["compare", portfolio.path, "--reform", reform.path, "--db", db, "--report", page])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote \(page): run 1"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<script"))
        // 7 quantities by year, supply and demand of the base and the reform in 2025-26, and the sector split
        #expect(html.components(separatedBy: "<svg").count - 1 == 10)
        #expect(
            html.contains("base rules, 2025-26: clears at 211 INR/CCC")
                && html.contains("reform 1, 2025-26: clears at 581"))
        // the clearing prices worked out by hand in CompareCommandTests: 211.146 and 581.041, change +369.895
        #expect(html.contains("<td class=\"n\">211</td>") && html.contains("<td class=\"n\">581</td>"))
        #expect(html.contains("<td class=\"n\">+370</td>"))
        // the answer first: the reform's move of the clearing price, 211 → 581 INR/CCC
        #expect(html.contains("In short, reform 1 in 2025-26: the clearing price moves from 211 to 581 INR/CCC"))
        #expect(html.contains("Entities whose compliance cost reform 1 changes most, 2025-26"))
    }

    /// The shipped portfolio's page is titled with the portfolio's own name, and a reform of 186 cement
    /// targets lists its first ten edits and counts the other 176 by family.
    @Test func aLargeReformIsCountedNotListed() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path, page = folder.appendingPathComponent("p.html").path
        let result = try CLI.spawn([
            "compare", "Scenarios/portfolio-notified.lua", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua",
            "--db", db, "--report", page,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<h1>Notified entities 2025-26 (490 over both schedules; 486 synthetic)</h1>"))
        #expect(html.contains("Reform 1: 186 rule values changed"))
        #expect(
            html.contains(
                "And 176 more: targets.cement[…].gei[…], 176 values, 176 of them read by an entity. "
                    + "Every edit: ccts runs show 1 --json."))
    }

    /// `run --report FILE` writes the page of the run it stores; without a store it cannot.
    @Test func runWritesItsOwnPage() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            page = folder.appendingPathComponent("paper.html").path
        let run = try CLI.run(["run", "Scenarios/pulp-paper-jk-rayagada.lua", "--db", db, "--report", page])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Stored as run 1") && run.stdout.contains("Wrote \(page): run 1"))
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("CCC account 2026-27"))
        let refused = try CLI.run(["run", "Scenarios/pulp-paper-jk-rayagada.lua", "--no-store", "--report", page])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--report writes the stored run as a page; it cannot go with --no-store"))
    }

    /// A pathway run: GEI against the target and the MAC curve, on the plant PathwayCommandTests works out by hand.
    @Test func pathwayRunAsOnePage() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            page = folder.appendingPathComponent("pathway.html").path
        let scenario = folder.appendingPathComponent("plant.lua"),
            measures = folder.appendingPathComponent("measures.lua")
        try OneCementPlant.scenario(target: "0.72").write(to: scenario, atomically: true, encoding: .utf8)
        try OneCementPlant.ccus.write(to: measures, atomically: true, encoding: .utf8)
        let result = try CLI.run(["pathway", scenario.path, "--measures", measures.path, "--db", db, "--report", page])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote \(page): run 1"))
        var html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<script"))
        // two charts: GEI per year against the target, and the MAC curve
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(
            html.contains("GEI per year: target, baseline and pathway")
                && html.contains("Marginal abatement cost curve"))
        // GEI 2025-26 with the CCUS: (983,122.495 − 10,000) / 1.4e6 = 0.695087; 2026-27 target 0.72 × 0.98 = 0.7056
        #expect(html.contains("<td class=\"n\">0.695087</td>") && html.contains("<td class=\"n\">0.7056</td>"))
        // MAC bar: width 10,000 t a year, height (100e6 × CRF(10 %, 10 y) + 10e6) / 10,000
        //   = (100e6 × 0.1627453949 + 10e6) / 10,000 = 2,627.45 → 2,627 INR per t
        #expect(html.contains("<td class=\"n\">10,000</td><td class=\"n\">26,274,539</td><td class=\"n\">2,627</td>"))
        // NPV (PathwayCommandTests): 110,000,000 + (10,000,000 − 99,192,000) / 1.1 = 28,916,363.64
        #expect(html.contains("<td>every measure</td><td class=\"n\">28,916,364</td>"))
        // The same page with Indian grouping: 2,89,16,364
        let indian = try CLI.run(["report", "1", "--db", db, "--out", page, "--number-format", "indian"])
        #expect(indian.status == 0, "\(indian.stderr)")
        // a workflow page is drawn from its stored results at once (their SHA-256 checked); --verify recomputes
        #expect(indian.stdout.contains("(from its stored results, their SHA-256 checked; --verify recomputes them)"))
        html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<td>every measure</td><td class=\"n\">2,89,16,364</td>"))
        let verified = try CLI.run(["report", "1", "--db", db, "--out", page, "--verify"])
        #expect(verified.stdout.contains("recomputed and identical to the stored results"), "\(verified.stderr)")
    }

    /// A plan run: cost and CVaR against the quantity each instrument buys, the optimum marked.
    /// Every profile passes through the recommended plan (the others held at it), and with an
    /// exhaustive search for least expected cost no point of a profile costs less than it.
    @Test func planRunAsOnePage() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            page = folder.appendingPathComponent("plan.html").path
        let file = folder.appendingPathComponent("one-year.lua")
        try PlanCommandTests.oneYear.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.spawn([
            "plan", file.path, "--iterations", "2000", "--steps", "20", "--offset-steps", "3", "--db", db, "--report",
            page, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let best = try #require(json["best"] as? [String: Any])
        let bestCost = try #require(best["mean_cost"] as? Double)
        let profiles = try #require(json["profiles"] as? [[String: Any]])
        #expect(profiles.count == 2)  // the forward and the offset contract
        for profile in profiles {
            let points = try #require(profile["points"] as? [[String: Any]])
            let costs = points.compactMap { $0["mean_cost"] as? Double }
            #expect(costs.contains(bestCost))
            #expect(costs.allSatisfy { $0 >= bestCost })
        }
        let html = try String(contentsOfFile: page, encoding: .utf8)
        // a chart per instrument and the plans compared
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(
            html.contains(": cost against quantity, the rest of the plan held")
                && html.contains("Expected cost and CVaR of each plan"))
        let chosen = try #require(profiles.first?["chosen_quantity"] as? Double)
        #expect(html.contains("optimum \(Self.grouped(chosen))"))
        #expect(html.contains("<td>recommended</td><td class=\"n\">\(Self.grouped(bestCost))</td>"))
        // the answer first: the recommended plan's mean cost, in the page's opening sentence
        #expect(html.contains("In short: the recommended plan costs \(Self.grouped(bestCost)) INR on average"))
    }

    /// `--pdf` prints the page with a headless Chromium; without one it says how to get one.
    @Test func pdfThroughChromiumOrHowToGetOne() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            pdf = folder.appendingPathComponent("cement.pdf").path
        #expect(try CLI.spawn(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let missing = try CLI.spawn(
            ["report", "1", "--db", db, "--pdf", pdf], environment: ["PATH": "/nonexistent", "CCTS_CHROMIUM": ""])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("writing a PDF needs a headless Chromium and none is on PATH"))
        #expect(missing.stderr.contains("sudo apt-get install chromium"))
        #expect(!FileManager.default.fileExists(atPath: pdf))
        // where Chromium is installed (make test installs it), a real PDF
        guard
            ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].contains(
                where: FileManager.default.isExecutableFile)
        else { return }
        let printed = try CLI.spawn(["report", "1", "--db", db, "--pdf", pdf])
        #expect(printed.status == 0, "\(printed.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.prefix(5) == Data("%PDF-".utf8) && bytes.count > 10_000)
        // A4 by default: 210 × 297 mm = 595.28 × 841.89 pt (Chromium writes 594.96 × 841.92); Letter (612 × 792) on
        // request
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("0 0 594.95996 841.91998"), "not A4")
        let letter = folder.appendingPathComponent("letter.pdf").path
        #expect(try CLI.spawn(["report", "1", "--db", db, "--pdf", letter, "--paper", "letter"]).status == 0)
        let letterText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: letter)), as: UTF8.self)
        #expect(letterText.contains("0 0 612 792"), "not Letter")
    }

    /// Every printed page repeats the scenario, the run and its date at its top and numbers itself;
    /// the text goes into CSS escaped, so a scenario name cannot end the style sheet.
    @Test func printedPagesCarryARunningHeaderAndNumbers() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path, html = folder.appendingPathComponent("p.html").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db, "--report", html]).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("@page{size:A4;"))
        #expect(page.contains(#"@top-left{content:"Integrated cement plant, Rajasthan · run 1 · 20"#))
        #expect(page.contains(#"content:"Page " counter(page) " of " counter(pages)"#))
        #expect(
            ReportDocument.cssString(#"a "b" </style><script>\x"#) == #"a \22 b\22  \3c /style\3e \3c script\3e \5c x"#)
    }

    /// `--number-format indian` in the text of a run; a wrong CCTS_NUMBER_FORMAT is refused by name.
    @Test func indianGroupingInText() throws {
        let indian = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--no-store", "--number-format", "indian"])
        #expect(indian.status == 0, "\(indian.stderr)")
        // total emissions 741,816 and 1,589,825 t (README) grouped by lakh: 7,41,816 and 15,89,825
        #expect(indian.stdout.contains("7,41,816") && indian.stdout.contains("15,89,825"))
        // lakh-crore: the net −8,000,000 INR is 80 lakh; the 49,778 CCCs carried × 2,100 = 104,533,800 INR
        // = 10.45 crore; net of the bank −8,000,000 − 104,533,800 = −112,533,800 = −11.25 crore → "11.3"
        let rupees = try CLI.run([
            "run", "Scenarios/cement-rajasthan.lua", "--no-store", "--number-format", "lakh-crore",
        ])
        #expect(rupees.status == 0, "\(rupees.stderr)")
        #expect(
            rupees.stdout.contains("net -₹80.0 lakh; the 49,778 CCCs carried out of 2026-27 are worth ₹10.5 crore"))
        #expect(rupees.stdout.contains("net of the bank's value -₹11.3 crore"))
        #expect(rupees.stdout.contains("15,89,825"))  // other numbers grouped by lakh and crore
        let fromEnvironment = try CLI.run(
            ["run", "Scenarios/cement-rajasthan.lua", "--no-store"], environment: ["CCTS_NUMBER_FORMAT": "indian"])
        #expect(fromEnvironment.stdout.contains("15,89,825"))
        let wrong = try CLI.run(
            ["run", "Scenarios/cement-rajasthan.lua", "--no-store"], environment: ["CCTS_NUMBER_FORMAT": "lakh"])
        #expect(wrong.status == 2)  // a usage error, as every option the parser refuses
        #expect(wrong.stderr.contains("CCTS_NUMBER_FORMAT is 'lakh'; expected international, indian or lakh-crore"))
    }

    static func grouped(_ x: Double) -> String {
        let digits = String(Int(x.rounded()).magnitude)
        return (x.rounded() < 0 ? "-" : "")
            + digits.enumerated().map { i, c in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
    }

    /// A plan page is drawn from the stored results without recomputing them; results edited in the
    /// store are refused by their digest, and a store from before digests recomputes to check.
    @Test func aWorkflowPageIsDrawnFromItsCheckedResults() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path, file = folder.appendingPathComponent("plan.lua")
        try PlanCommandTests.oneYear.write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.spawn(["plan", file.path, "--iterations", "300", "--db", db]).status == 0)
        let out = folder.appendingPathComponent("plan.html").path
        let drawn = try CLI.spawn(["report", "1", "--db", db, "--out", out])
        #expect(drawn.stdout.contains("(from its stored results, their SHA-256 checked"), "\(drawn.stderr)")
        let store = try RunStore(path: db)
        let original = try #require(try store.run(1).resultsJSON)
        // no digest (a store from before v9): recomputed and compared, as before
        try store.pool.write { d in try d.execute(sql: "UPDATE run SET results_sha256 = NULL WHERE id = 1") }
        let old = try CLI.spawn(["report", "1", "--db", db, "--out", out])
        #expect(old.stdout.contains("recomputed and identical to the stored results"), "\(old.stderr)")
        // edited results with a digest: refused, nothing written
        try store.pool.write { d in
            try d.execute(
                sql: "UPDATE run SET results = ?, results_sha256 = ? WHERE id = 1",
                arguments: [
                    original.replacingOccurrences(of: "\"worlds\" : 300", with: "\"worlds\" : 301"),
                    SHA256.hex(original),
                ])
        }
        try FileManager.default.removeItem(atPath: out)
        let edited = try CLI.spawn(["report", "1", "--db", db, "--out", out])
        #expect(
            edited.status == 1 && edited.stderr.contains("no longer match the SHA-256 recorded"), "\(edited.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func alteredResultsAreNotReported() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path
        // A run whose stored results were altered is not reported: the page shows only what the run produced
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let store = try RunStore(path: db)
        let original = try #require(try store.run(2).resultsJSON)
        try store.pool.write { d in
            try d.execute(
                sql: "UPDATE run SET results = ? WHERE id = 2",
                arguments: [original.replacingOccurrences(of: "\"issued\" : 27445", with: "\"issued\" : 27446")])
        }
        let altered = try CLI.run([
            "report", "2", "--db", db, "--out", folder.appendingPathComponent("altered.html").path,
        ])
        #expect(altered.status == 1)
        #expect(
            altered.stderr.contains(
                "run 2's stored results no longer match the SHA-256 recorded when it completed; "
                    + "`ccts runs rerun 2` shows what differs"
            ), "\(altered.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("altered.html").path))
    }

    /// A run another ccts made, whose results this one computes differently (as an upgrade may): the
    /// refusal says which made it and which is running, not only that the results differ.
    @Test func aRunAnotherCctsMadeSaysSo() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let store = try RunStore(path: db)
        // results as an older ccts might have written them, with their own digest, under its version
        let other = try #require(try store.run(1).resultsJSON)
            .replacingOccurrences(of: "\"issued\" : 27445", with: "\"issued\" : 27446")
        try store.pool.write { d in
            try d.execute(
                sql: "UPDATE run SET results = ?, results_sha256 = ?, engine_version = ? WHERE id = 1",
                arguments: [other, SHA256.hex(other), "0.1.0 (commit 0123456789ab)"])
        }
        let refused = try CLI.run(["report", "1", "--db", db, "--out", folder.appendingPathComponent("p.html").path])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "run 1's stored results differ from its recomputation; run 1 was made by ccts 0.1.0 (commit "
                    + "0123456789ab) and this is ccts 0.2.0"), "\(refused.stderr)")
    }
}
