import Foundation
import Testing

/// The warning codes the commands raise themselves (plan, compare, Monte Carlo, tables), as `--json`
/// carries them: one test per code, each on a run that must raise it. The lifecycle's codes are in
/// `LoadingTests/WarningCodeTests`.
@Suite struct WarningCodesCommandTests {
    /// The `(code, message)` pairs of a `--json` document's warnings.
    func warnings(_ arguments: [String]) throws -> [(code: String, message: String)] {
        let result = try CLI.run(arguments + ["--json", "--no-store"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let list = try #require(json["warnings"] as? [[String: Any]])
        return list.map { ($0["code"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    /// The shipped plan under expected cost: P(non-compliance) about 40 % (`plan_risk`), forwards and
    /// contracts at their bounds (`plan_bound`), a coordinate search (`plan_not_proven`).
    @Test func planCautionsCarryTheirCodes() throws {
        let said = try warnings(["plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "500"])
        #expect(said.first?.code == "plan_risk" && said.first?.message.hasPrefix("The recommended plan leaves") == true)
        #expect(said.contains { $0.code == "plan_bound" && $0.message.contains("at its maximum of 15,000 CCCs") })
        #expect(said.last?.code == "plan_not_proven")
    }

    /// A plan of a scenario that states its own purchases leaves them out of the search: `left_out`.
    @Test func aPlanLeavesStatedTradesOut() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("with-trades.lua")
        try PlanCommandTests.oneYear.replacingOccurrences(
            of: "monitored = \"period\",", with: "monitored = \"period\", trades = { buy = { 1000 } },"
        ).write(to: file, atomically: true, encoding: .utf8)
        let said = try warnings(["plan", file.path, "--iterations", "200"])
        #expect(
            said.contains {
                $0.code == "left_out"
                    && $0.message == "the scenario's own trades and offsets are left out: the plan decides them"
            })
    }

    /// compare: stated trades replaced by the market (`trades_replaced`), supply the rules refuse
    /// (`offset_not_eligible`).
    @Test func compareNotesCarryTheirCodes() throws {
        let folder = try CLI.temporaryDirectory()
        let portfolio = folder.appendingPathComponent("p.lua")
        try CompareCommandTests.portfolio
            .replacingOccurrences(
                of: "products = { { \"opc\", 1e6, \"t\" }, { \"ppc\", 4e5, \"t\" } } } } }",
                with:
                    "products = { { \"opc\", 1e6, \"t\" }, { \"ppc\", 4e5, \"t\" } }, trades = { buy = { 500 } } } } }"
            )
            .replacingOccurrences(
                of: "entities = { plant(\"A\"), plant(\"B\") } }",
                with: """
                    entities = { plant("A"), plant("B") },
                      supply = { { project = "BIOCHAR-1", type = "biochar", vintage = "2025-26", year = "2025-26",
                                   credits = 1000, ask = 100 } } }
                    """
            )
            .write(to: portfolio, atomically: true, encoding: .utf8)
        let said = try warnings(["compare", portfolio.path])
        #expect(said.contains { $0.code == "trades_replaced" && $0.message.hasPrefix("base rules: stated purchases") })
        #expect(said.contains { $0.code == "offset_not_eligible" && $0.message.contains("supply BIOCHAR-1") })
    }

    /// A Monte Carlo run stopped by its world limit before its standard error: `standard_error_not_reached`.
    @Test func anUnreachedStandardErrorIsSaid() throws {
        let said = try warnings([
            "run", "Scenarios/benchmark.lua", "--iterations", "200", "--until-se", "0.000001", "--quiet",
        ])
        #expect(said.contains { $0.code == "standard_error_not_reached" })
    }
}
