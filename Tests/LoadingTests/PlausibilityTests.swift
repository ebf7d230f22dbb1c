import CCTS
import Loading
import Testing
import TestSupport

/// Values a typing slip makes implausible are refused with the field and what was probably meant.
@Suite struct PlausibilityTests {
    func refusal(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    /// A baseline GEI of 73 beside a target of 0.7: 73 / 0.7 = 104× apart, where targets sit a few per
    /// cent from their baselines; 73 / 10² = 0.73 agrees, so it is suggested.
    @Test func aBaselineAHundredTimesItsTargetIsRefused() {
        let text = cementScenario(target: 0.7).replacingOccurrences(
            of: "registration = \"T-CEM\",",
            with: "registration = \"T-CEM\", baseline = { year = \"2023-24\", gei = 73 },")
        let message = refusal { _ = try runScenario(text) }
        #expect(
            message.contains(
                "entity.baseline.gei: is 73, but the 2025-26 target is 0.7 (104× the target); "
                    + "a target is set a few per cent from its baseline"
            ),
            "\(message)")
        #expect(message.contains("did you mean 0.73?"), "\(message)")
        // 0.7412 beside 0.7 is a trajectory, and loads
        let fine = cementScenario(target: 0.7).replacingOccurrences(
            of: "registration = \"T-CEM\",",
            with: "registration = \"T-CEM\", baseline = { year = \"2023-24\", gei = 0.7412 },")
        #expect(refusal { _ = try runScenario(fine) } == "accepted")
    }

    /// The same check on a target the rules (or a portfolio's sheet) state: 73 beside 0.72 and 0.71.
    @Test func aPortfolioTargetWithAMistypedBaselineIsRefused() {
        let portfolio = SourceFile(
            name: "sheet.lua",
            text: """
                target "S-1" { sector = "cement", baseline = { year = "2023-24", output = 1e6, gei = 73 },
                  gei = { ["2025-26"] = 0.72, ["2026-27"] = 0.71 }, source = "sheet", status = "synthetic" }
                return portfolio { name = "p", entities = { { entity = { registration = "S-1", sector = "cement" },
                  years = { ["2025-26"] = { monitored = "period", fuels = { { "coal_imported", 1000, "t" } },
                  products = { { "opc", 1e6, "t" } } } } } } }
                """)
        let message = refusal { _ = try Loader().loadPortfolio([portfolio], reformFiles: []) }
        #expect(message.contains("baseline.gei: is 73, but the 2025-26 target is 0.72"), "\(message)")
        #expect(message.contains("did you mean 0.73?"), "\(message)")
    }

    /// Every fraction field suggests the fraction a percentage meant: max_share = 95 → 0.95.
    @Test func aShareWrittenAsAPercentageSuggestsTheFraction() {
        let message = refusal {
            _ = try runScenario(cementScenario(), loader: Loader(sets: ["compliance.offsets.max_share=95"]))
        }
        #expect(message.contains("max_share: is 95; expected a fraction of the obligation in 0…1"), "\(message)")
        #expect(message.contains("did you mean 0.95?"), "\(message)")
    }
}
