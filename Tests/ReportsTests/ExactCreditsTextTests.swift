import CCTS
@testable import Reports
import Testing

/// The run table's exact credits carry the decimals that explain their whole-certificate rounding.
@Suite struct ExactCreditsTextTests {
    func shown(_ exact: Double, issued: Double = 0, surrender: Double = 0) -> String {
        ScenarioReport.exactCredits(
            ComplianceOutcome(
                target: 0.7, targetOrigin: "test", gei: 0.7, exactCredits: exact, issued: issued,
                surrenderRequired: surrender))
    }

    @Test func fourDecimalsWhenTheyShowTheFraction() {
        // −21,044.37 rounds up to a surrender of 21,045: four decimals show why
        #expect(shown(-21_044.37, surrender: 21_045) == "-21,044.3700")
        // a whole 24,878 issued as 24,878: nothing to explain
        #expect(shown(24_878, issued: 24_878) == "24,878.0000")
    }

    @Test func moreDecimalsWhenFourWouldHideTheRounding() {
        // −21,044.00004 is a surrender of 21,045; at four decimals it would read −21,044.0000
        #expect(shown(-21_044.000_04, surrender: 21_045) == "-21,044.00004")
        // 27,445.99999 issued as 27,445 (rounded down): five decimals show it was not 27,446
        #expect(shown(27_445.999_99, issued: 27_445) == "27,445.99999")
    }
}
