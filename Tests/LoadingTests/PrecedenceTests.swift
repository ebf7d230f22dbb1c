import CCTS
import Loading
import Simulation
import Testing
import TestSupport

/// Scenario values against the rules' notified ones: the rules win for a notified entity, and
/// the outcome says so, naming both values.
@Suite struct PrecedenceTests {
    func vedanta(_ entityExtra: String) -> String {
        """
        return scenario {
          name = "Vedanta with its own numbers",
          entity = { registration = "ALU-OD-VEDANTA-JSG-SMELTER2", sector = "aluminium", \(entityExtra) },
          market = { price = 2000 },
          years = {
            ["2025-26"] = {
              fuels = { { "coal_domestic", 10000, "t" } },
              electricity = { purchased = { 1000, "MWh" } },
              products = { { "aluminium", 10000, "t" } },
            },
          },
        }
        """
    }

    @Test func notifiedTargetAndBaselineWinWithAWarning() throws {
        let outcome = try runScenario(
            vedanta(
                """
                baseline = { year = "2023-24", gei = 99 }, targets = { ["2025-26"] = 50 }
                """))
        let year = try #require(outcome.years.first)
        // the notified 2025-26 target (13.226) is used, not the scenario's 50
        #expect(year.compliance.target == 13.226)
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("entity.targets[\"2025-26\"] = 50 is not used") && $0.contains("13.226")
            })
        #expect(year.warnings.map(\.message).contains { $0.contains("entity.baseline (2023-24, GEI 99) is not used") })
    }

    @Test func agreeingValuesGiveNoWarning() throws {
        let outcome = try runScenario(vedanta(""))
        #expect(!outcome.warnings.map(\.message).contains { $0.contains("is not used") })
    }

    /// A delivery that is whole in decimals (1,000 × 0.3 = 300) is not reported as rounded.
    @Test func wholeDeliveryIsNotReportedAsRounded() throws {
        let outcome = try runScenario(
            cementScenario(
                yearExtra: """
                    offsets = { { project = "P", type = "renewable_energy", credits = 1000, delivered = 0.3, vintage =\
                     "2025-26" },
                                { project = "Q", type = "renewable_energy", credits = 3333, delivered = 0.9, vintage =\
                     "2025-26" } },
                    """))
        let year = try #require(outcome.years.first)
        #expect(year.offsets.map(\.delivered) == [300, 2_999])  // 3,333 × 0.9 = 2,999.7 → 2,999
        #expect(!year.warnings.map(\.message).contains { $0.contains("offsets from P:") })
        #expect(
            year.warnings.map(\.message).contains {
                $0.contains("offsets from Q: 3333 × 0.9 delivered = 2999.7, rounded down to 2999")
            })
    }
}
