import ArgumentParser
import CCTS
import CommandSupport
import Loading
import Reports
import Simulation

/// `ccts explain SCENARIO`: the computation trace, with every factor's source.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract:
            "Print each step of the computation: formula, inputs, and the rule (with its source) behind each factor.",
        discussion:
            "With --world I (and the run's --seed), explain world I of a Monte Carlo run: every value drawn, then "
            + "every step."
    )

    @Argument(help: ArgumentHelp("Scenario file (Lua).", valueName: "scenario"))
    var scenario: String

    @Option(name: .long, help: ArgumentHelp("Only this compliance year, e.g. 2025-26.", valueName: "year"))
    var year: String?

    @Option(name: .long, help: "Explain this world of a Monte Carlo run (0-based), instead of the expected values.")
    var world: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help: "Seed of the Monte Carlo run the world belongs to (a whole number, 0 or more).")
    var seed: UInt64 = 1

    @Flag(name: .customLong("factor-uncertainty"), help: "The run drew factors from their uncertainty ranges.")
    var factorUncertainty = false

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var numberFormat: NumberFormatOption

    func validate() throws {
        if let year, ComplianceYear(year) == nil {
            throw ValidationError("--year '\(year)' is not a compliance year; expected the form 2025-26")
        }
        if let world, world < 0 { throw ValidationError("--world must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let inputs = try ruleOptions.load(scenario: scenario)
            let loaded = inputs.scenario!
            let selected = year.flatMap(ComplianceYear.init)
            if let selected, !loaded.years.contains(where: { $0.year == selected }) {
                throw CommandError(
                    "\(scenario): has no year \(selected); its years are "
                        + "\(loaded.years.map { $0.year.description }.joined(separator: ", "))"
                )
            }
            guard let world else {
                emit(
                    ExplainReport.render(
                        try Evaluation.expected(loaded, rules: inputs.rules, strict: ruleOptions.strict), year: selected
                    ))
                return
            }
            let (outcome, draws) = try Evaluation.world(
                world, seed: seed, scenario: loaded, rules: inputs.rules, strict: ruleOptions.strict,
                factorUncertainty: factorUncertainty)
            var lines: [String]
            if draws.isEmpty {
                lines = [
                    "World \(world) of seed \(seed): \(scenario) has no uncertain input (no distribution"
                        + (factorUncertainty ? "" : "; --factor-uncertainty was not asked")
                        + "), so every world is the expected values."
                ]
            } else {
                lines = ["World \(world) of seed \(seed): the values drawn"]
                var table = TextTable(header: ["input", "value"], rightAligned: [1])
                for draw in draws { table.add([draw.key, ExplainReport.format(draw.value)]) }
                lines.append(table.render(indent: "  "))
            }
            let total = outcome.years.reduce(0) { $0 + $1.cost }
            lines.append("Net cost over all years in this world: \(NumberFormat.money(total))")
            lines.append("")
            lines.append(ExplainReport.render(outcome, year: selected))
            emit(lines.joined(separator: "\n"))
        }
    }
}
