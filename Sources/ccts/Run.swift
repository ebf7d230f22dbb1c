import ArgumentParser
import CCTS
import Loading
import Reports
import Simulation

/// `ccts run SCENARIO`: the compliance lifecycle for every year of a scenario, once or over many worlds.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario through the CCTS lifecycle and print the result per year.",
        discussion: "With --iterations N, run N Monte Carlo worlds and print statistics, the odds of non-compliance, cost at risk and the inputs that drive them.")

    @Argument(help: ArgumentHelp("Scenario file (Lua).", valueName: "scenario"))
    var scenario: String

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var monteCarlo: MonteCarloOptionsGroup

    @Flag(name: .long, help: "Print one JSON document; computed numbers are under \"results\".")
    var json = false

    func run() throws {
        try reportingErrors {
            if let iterations = monteCarlo.iterations {
                try runWorlds(iterations)
            } else {
                try runOnce()
            }
        }
    }

    private func runOnce() throws {
        let inputs = try ruleOptions.load(scenario: scenario)
        var values = ExpectedValues()
        let outcome = try Lifecycle(rules: inputs.rules, strict: ruleOptions.strict, tracing: false)
            .run(inputs.scenario!, values: &values)
        if json {
            emit(try OutcomeJSON(outcome: outcome, rules: inputs.rules, scenarioFile: scenario, changes: changes(inputs)).encoded())
        } else {
            emit(ScenarioReport.render(outcome, rules: inputs.rules, scenarioFile: scenario,
                                       ruleDescription: ruleOptions.describe(inputs.rules.files.count - ruleOptions.reform.count)))
        }
    }

    private func runWorlds(_ iterations: Int) throws {
        let session = try MonteCarloSession(ruleOptions: ruleOptions, scenario: scenario, threads: monteCarlo.threads,
                                            factorUncertainty: monteCarlo.factorUncertainty)
        let options = try monteCarlo.options(iterations: iterations, years: session.scenario.years.map { $0.year.description })
        let bar = ProgressBar(quiet: monteCarlo.quiet || json)
        let results = try MonteCarlo.run(plans: session.plans, options: options) { done, total, seconds in
            bar.update(done: done, total: total, seconds: seconds)
        }
        bar.finish()
        let summary = MonteCarloSummary.of(results, seed: monteCarlo.seed, threads: monteCarlo.threads)
        if json {
            emit(try MonteCarloJSON(summary: summary, scenario: session.scenario.name, scenarioFile: scenario,
                                    registration: session.scenario.entity.registration, sector: session.scenario.entity.sector,
                                    rules: session.inputs.rules, changes: changes(session.inputs), threads: monteCarlo.threads,
                                    seconds: results.worldSeconds, warnings: session.warnings).encoded())
        } else {
            emit(MonteCarloReport.render(summary, scenario: session.scenario.name, scenarioFile: scenario, threads: monteCarlo.threads,
                                         seconds: results.worldSeconds, warnings: session.warnings))
        }
    }

    private func changes(_ inputs: LoadedInputs) -> [OutcomeJSON.Change] {
        inputs.changes.map { OutcomeJSON.Change(path: $0.path, old: $0.old, new: $0.new, by: $0.by) }
    }
}
