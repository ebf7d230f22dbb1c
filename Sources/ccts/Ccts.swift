import ArgumentParser

/// `ccts`: scenario simulator and what-if engine for India's Carbon Credit Trading Scheme.
@main
struct Ccts: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ccts",
        abstract: "Scenario simulator and what-if engine for India's Carbon Credit Trading Scheme (CCTS).",
        discussion: """
        Rules (emission factors, sector targets, materiality, banking, compensation, prices) are Lua \
        files; the built-in set is in Rules/default. Scenarios describe a plant year by year. \
        Start with: ccts run Scenarios/cement-rajasthan.lua
        """,
        version: version,
        subcommands: [Run.self, Explain.self, Check.self, Factors.self, RulesCommand.self, Runs.self, Compare.self, PathwayCommand.self, PlanCommand.self, Bench.self]
    )
}
