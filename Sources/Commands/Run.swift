import ArgumentParser
import CCTS
import CommandSupport
import Foundation
import Workflows
import Loading
import Reports
import RunStore
import Simulation
import Requests

/// `ccts run SCENARIO`: the compliance lifecycle for every year of a scenario, once or over many worlds,
/// kept in the run store.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario through the CCTS lifecycle and print the result per year.",
        discussion: """
            With --iterations N, run N Monte Carlo worlds and print statistics, the odds of non-compliance, cost at\
             risk \
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compute only shard K of N (0-based) of the Monte Carlo worlds, into this store; `ccts merge` joins the N "
                + "shards' stores into the run one process makes.",
            valueName: "K/N"))
    var shard: ShardSpec?

    func validate() throws {
        if let shard {
            let refuse = { (what: String) in ValidationError("--shard \(shard): \(what)") }
            guard let worlds = monteCarlo.iterations else {
                throw refuse("a shard splits Monte Carlo worlds; give --iterations (all shards' worlds)")
            }
            // whole blocks to every shard: refused here, before a store is opened for a run that cannot start
            do { _ = try Shards.range(index: shard.index, count: shard.count, worlds: worlds) } catch let error
                as ShardError
            {
                throw ValidationError(error.description)
            }
            if monteCarlo.untilSE != nil {
                throw refuse(
                    "--until-se decides after each batch where the run stops, which shards cannot; give a fixed "
                        + "--iterations"
                )
            }
            if noStore {
                throw refuse("a shard's work is its store; it cannot go with --no-store (give each shard its own --db)")
            }
            if keepWorlds { throw refuse("keep worlds on the merged run instead: ccts merge … --keep-worlds") }
            if page.report != nil || page.pdf != nil {
                throw refuse(
                    "a shard has no statistics of its own; ask the merge for the report (ccts report ID after ccts "
                        + "merge)"
                )
            }
        }
        if keepWorlds && monteCarlo.iterations == nil { throw ValidationError("--keep-worlds needs --iterations") }
        if keepWorlds && noStore {
            throw ValidationError("--keep-worlds keeps worlds in the store; it cannot go with --no-store")
        }
        try page.check(noStore: noStore)
    }

    func run() throws {
        try reportingErrors {
            var request = try RunRequest.from(
                scenario: scenario, rules: ruleOptions, monteCarlo: monteCarlo, keepWorlds: keepWorlds,
                store: storeOptions.path)
            request.shard = shard
            let bar = ProgressBar(quiet: monteCarlo.quiet || json, lines: monteCarlo.progressLines)
            let (product, id) = try StoredExecution.run(
                request, command: CommandContext.current.arguments,
                store: noStore ? nil : storeOptions.open()
            ) { done, total, seconds in
                bar.update(done: done, total: total, seconds: seconds)
            }
            bar.finish()
            emit(storeOptions.printed(document: product.document, report: product.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .run(product.computed))
        }
    }
}
