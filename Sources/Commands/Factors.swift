import CCTS
import ArgumentParser
import CommandSupport
import Reports

/// `ccts factors [TEXT]`: list and search the rule values in force.
struct Factors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factors",
        abstract: "List the factors, targets and parameters in force, with source and validity; TEXT filters them.")

    @Argument(help: "Show only rows whose rule, name, unit, status or source contains this text.")
    var text: String?

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var numberFormat: NumberFormatOption

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let inputs = try ruleOptions.load(scenario: nil)
            var rows = FactorListing.rows(inputs.rules)
            if let text { rows = FactorListing.search(rows, text) }
            if json {
                emit(
                    try OutputDocument(
                        command: "factors", inputs: ["search": text ?? "", "rules": ruleOptions.rules ?? "built-in"],
                        results: rows, warnings: []
                    ).encoded())
            } else {
                if rows.isEmpty {
                    emit("No rule value matches '\(text ?? "")'.")
                } else {
                    emit(FactorListing.render(rows))
                    emit("\(rows.count) values. Full sources: ccts factors --json")
                }
                // Each sector's notification and schedule, which decide whether its entities have
                // targets and a short first period (a sector's own name finds its row).
                if let sectors = SectorListing.render(inputs.rules, matching: text) { emit("\n" + sectors) }
            }
        }
    }
}
