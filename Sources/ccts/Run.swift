import ArgumentParser
import CCTS
import Loading
import Reports

/// `ccts run SCENARIO`: the compliance lifecycle for every year of a scenario.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario through the CCTS lifecycle and print the result per year.")

    @Argument(help: ArgumentHelp("Scenario file (Lua).", valueName: "scenario"))
    var scenario: String

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "Print one JSON document; computed numbers are under \"results\".")
    var json = false

    func run() throws {
        try reportingErrors {
            let inputs = try ruleOptions.load(scenario: scenario)
            var values = ExpectedValues()
            let outcome = try Lifecycle(rules: inputs.rules, strict: ruleOptions.strict, tracing: false)
                .run(inputs.scenario!, values: &values)
            if json {
                let changes = inputs.changes.map { OutcomeJSON.Change(path: $0.path, old: $0.old, new: $0.new, by: $0.by) }
                emit(try OutcomeJSON(outcome: outcome, rules: inputs.rules, scenarioFile: scenario, changes: changes).encoded())
            } else {
                emit(ScenarioReport.render(outcome, rules: inputs.rules, scenarioFile: scenario,
                                           ruleDescription: ruleOptions.describe(inputs.rules.files.count - ruleOptions.reform.count)))
            }
        }
    }
}
