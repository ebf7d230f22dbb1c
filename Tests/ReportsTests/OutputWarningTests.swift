import CCTS
import Reports
import Testing

/// A warning in the JSON document.
@Suite struct OutputWarningTests {
    /// The JSON carries the code the site gave, and its location (the text before the first colon).
    @Test func theJSONWarningIsTheSitesCode() {
        let warning = OutputWarning(Warning(.offsetOverCap, "2025-26: offsets from P not counted: over the cap"))
        #expect(warning.code == "offset_over_cap" && warning.location == "2025-26")
    }
}
