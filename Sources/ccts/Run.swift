import ArgumentParser
import Foundation
import CCTS
import Loading
import Reports
import RunStore

/// `ccts run SCENARIO`: the compliance lifecycle for every year of a scenario, once or over many worlds,
/// kept in the run store.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario through the CCTS lifecycle and print the result per year.",
        discussion: """
        With --iterations N, run N Monte Carlo worlds and print statistics, the odds of non-compliance, cost at risk \
        and the inputs that drive them. Every run is kept in the run store (--db) unless --no-store.
        """)

    @Argument(help: ArgumentHelp("Scenario file (Lua).", valueName: "scenario"))
    var scenario: String

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var monteCarlo: MonteCarloOptionsGroup
    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.")
    var noStore = false

    @OptionGroup var page: PageOptions
    @OptionGroup var numberFormat: NumberFormatOption

    @Flag(name: .customLong("keep-worlds"), help: "Keep one row per world and year in the store (Monte Carlo runs).")
    var keepWorlds = false

    @Flag(name: .long, help: "Print one JSON document; computed numbers are under \"results\".")
    var json = false

    func validate() throws {
        if keepWorlds && monteCarlo.iterations == nil { throw ValidationError("--keep-worlds needs --iterations") }
        if keepWorlds && noStore { throw ValidationError("--keep-worlds keeps worlds in the store; it cannot go with --no-store") }
        try page.check(noStore: noStore)
    }

    func run() throws {
        try reportingErrors {
            let request = try RunRequest.from(scenario: scenario, rules: ruleOptions, monteCarlo: monteCarlo, keepWorlds: keepWorlds)
            let bar = ProgressBar(quiet: monteCarlo.quiet || json)
            let (product, id) = try StoredExecution.run(request, command: Array(CommandLine.arguments.dropFirst()),
                                                        store: noStore ? nil : storeOptions.open()) { done, total, seconds in
                bar.update(done: done, total: total, seconds: seconds)
            }
            bar.finish()
            emit(json ? product.document : product.report + (id.map { "\n\nStored as run \($0) in \(storeOptions.path)." } ?? ""))
            try page.write(id: id, store: storeOptions, json: json, computed: .run(product.computed))
        }
    }
}
