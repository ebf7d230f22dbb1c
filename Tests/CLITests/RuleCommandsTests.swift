import Foundation
import Testing

/// `check`, `factors`, `rules export`, `rules assumptions`, `--reform` and `--set` from the command line.
@Suite struct RuleCommandsTests {
    @Test func checkReportsEachFile() throws {
        let reform = try CLI.temporaryDirectory().appendingPathComponent("reform.lua")
        try "reform \"materiality 5%\" (function(rules) rules.verification.materiality = 0.05 end)\n"
            .write(to: reform, atomically: true, encoding: .utf8)
        let ok = try CLI.run([
            "check", "Scenarios/cement-rajasthan.lua", reform.path, "Rules/default", "Rules/default/fuels.lua",
        ])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("scenario — CCTS-CEM-RJ-0042"))
        #expect(ok.stdout.contains("reform — materiality 5%: 1 rule values changed"))
        #expect(ok.stdout.contains("rule set — 10 files"))
        #expect(ok.stdout.contains("rule file"))
        let kinds = try CLI.run([
            "check", "Scenarios/measures-cement-rajasthan.lua", "Scenarios/portfolio-notified.lua",
        ])
        #expect(kinds.status == 0, "\(kinds.stdout)")
        #expect(kinds.stdout.contains("measures — 5 measures"))
        #expect(
            kinds.stdout.contains(
                "portfolio — Notified entities 2025-26 (490 over both schedules; 486 synthetic): 490 entities "
                    + "(aluminium 16, cement 186, chlor_alkali 30, petrochemicals 11, pulp_paper 53, refinery 21, "
                    + "textile 173)"
            ))
        let bad = try CLI.run([
            "check", "Scenarios/cement-rajasthan.lua", "Tests/LoadingTests/Fixtures/bad/unknown-fuel.lua",
        ])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("FAILED Tests/LoadingTests/Fixtures/bad/unknown-fuel.lua"))
    }

    @Test func exportedRulesGiveTheSameResult() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("rules")
        let export = try CLI.run(["rules", "export", folder.path])
        #expect(export.status == 0, "\(export.stderr)")
        let builtIn = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--json"])
        let exported = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--json", "--rules", folder.path])
        #expect(exported.status == 0, "\(exported.stderr)")
        func results(_ text: String) -> String { String(text[text.range(of: "\"results\"")!.lowerBound...]) }
        #expect(results(builtIn.stdout) == results(exported.stdout))
        let again = try CLI.run(["rules", "export", folder.path])
        #expect(again.status == 1 && again.stderr.contains("not overwritten"))
    }

    @Test func assumptionsAreListed() throws {
        let result = try CLI.run(["rules", "assumptions"])
        #expect(result.status == 0)
        for phrase in ["compliance.banking", "verification", "gwp_in_force", "Why:"] {
            #expect(result.stdout.contains(phrase), "missing \(phrase)")
        }
    }

    @Test func factorsSearch() throws {
        let result = try CLI.run(["factors", "limestone"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("materials.limestone.ef"))
        #expect(result.stdout.contains("0.43971"))
        #expect(!result.stdout.contains("coal_imported"))
    }

    @Test func setAndReformChangeTheOutcome() throws {
        // Chlor-alkali: the verifier's 3 % production finding is material at 2 %, not at 5 %.
        let base = try CLI.run(["run", "Scenarios/chlor-alkali-gujarat-shortfall.lua"])
        #expect(base.stdout.contains("MATERIAL"))
        let relaxed = try CLI.run([
            "run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--set", "verification.materiality=0.05",
        ])
        #expect(relaxed.status == 0)
        #expect(relaxed.stdout.contains("not material"))
        let json = try CLI.run([
            "run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--set", "verification.materiality=0.05", "--json",
        ])
        #expect(json.stdout.contains("\"by\" : \"--set verification.materiality=0.05\""))
    }
}
