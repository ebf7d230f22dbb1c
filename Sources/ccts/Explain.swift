import ArgumentParser
import CCTS
import Loading
import Reports

/// `ccts explain SCENARIO`: the computation trace, with every factor's source.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each step of the computation: formula, inputs, and the rule (with its source) behind each factor.")

    @Argument(help: ArgumentHelp("Scenario file (Lua).", valueName: "scenario"))
    var scenario: String

    @Option(name: .long, help: ArgumentHelp("Only this compliance year, e.g. 2025-26.", valueName: "year"))
    var year: String?

    @OptionGroup var ruleOptions: RuleOptions

    func validate() throws {
        if let year, ComplianceYear(year) == nil {
            throw ValidationError("--year '\(year)' is not a compliance year; expected the form 2025-26")
        }
    }

    func run() throws {
        try reportingErrors {
            let inputs = try ruleOptions.load(scenario: scenario)
            let selected = year.flatMap(ComplianceYear.init)
            if let selected, !inputs.scenario!.years.contains(where: { $0.year == selected }) {
                fail("\(scenario): has no year \(selected); its years are \(inputs.scenario!.years.map { $0.year.description }.joined(separator: ", "))")
            }
            var values = ExpectedValues()
            let outcome = try Lifecycle(rules: inputs.rules, strict: ruleOptions.strict, tracing: true)
                .run(inputs.scenario!, values: &values)
            emit(ExplainReport.render(outcome, year: selected))
        }
    }
}
