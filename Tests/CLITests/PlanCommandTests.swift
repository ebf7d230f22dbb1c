import Foundation
import Testing

/// `ccts plan` on the shipped planning scenario.
@Suite struct PlanCommandTests {
    @Test func findsAPlanAndHonoursTheChanceConstraint() throws {
        let result = try CLI.run(["plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "3000", "--steps", "20",
                                  "--offset-steps", "3", "--objective", "chance", "--epsilon", "0.1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let best = try #require(json["best"] as? [String: Any])
        let nothing = try #require(json["withoutPurchases"] as? [String: Any])
        #expect((best["probabilityOfNonCompliance"] as? Double ?? 1) <= 0.1)
        #expect((best["meanCost"] as? Double ?? .infinity) < (nothing["meanCost"] as? Double ?? 0))
        #expect((json["candidates"] as? [Any])?.count == 21 * 4)
    }

    @Test func scenarioWithoutPlanningSaysWhatToAdd() throws {
        let result = try CLI.run(["plan", "Scenarios/cement-rajasthan.lua", "--iterations", "100"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has no planning section; add planning = {"))
    }
}
