import ArgumentParser
import CLua

/// `ccts`: scenario simulator and what-if engine for India's Carbon Credit Trading Scheme.
@main
struct Ccts: ParsableCommand {
    /// The release, and the commit it was built from (`make build` and `make install` pass it to
    /// the compiler; a plain `swift build` says "unknown commit"). Runs record the same text.
    static let version = "0.2.0 (commit \(String(cString: ccts_build_commit())))"

    static let configuration = CommandConfiguration(
        commandName: "ccts",
        abstract: "Scenario simulator and what-if engine for India's Carbon Credit Trading Scheme (CCTS).",
        discussion: """
        Rules (emission factors, sector targets, materiality, banking, compensation, prices) are Lua \
        files; the built-in set is in Rules/default. Scenarios describe a plant year by year. \
        Start with the shipped examples, from any folder: ccts examples copy ccts-examples && \
        cd ccts-examples && ccts run Scenarios/cement-rajasthan.lua
        """,
        version: version,
        subcommands: [Run.self, Explain.self, Check.self, Factors.self, RulesCommand.self, Runs.self, Compare.self, PathwayCommand.self, PlanCommand.self, Bench.self, ExamplesCommand.self]
    )
}
