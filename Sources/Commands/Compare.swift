import ArgumentParser
import CCTS
import CommandSupport
import Foundation
import Loading
import LuaSandbox
import Reports
import RunStore
import Simulation
import Workflows
import Requests

/// `ccts compare PORTFOLIO… --reform FILE…`: the same entities and worlds under the base rules and each reform.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Run portfolios (or scenarios) under the base rules and under each reform, on the same worlds, and compare "
            + "the market.",
        discussion: """
            Each --reform is a separate variant compared with the base rules (not applied on top of one another). Per\
             year, \
            the market clears: entities abate along their sector's marginal abatement cost curve up to the clearing\
             price, \
            trade, and pay compensation only on what the market cannot cover (README: the market model). Reported: the \
            clearing price, abatement induced (by sector), CCCs traded, compensation after trading, compliance cost (by\
             \
            sector), cost per tonne abated, the share of entities compliant, and P(market short) with its standard\
             error; \
            with --iterations, means with 5–95 % ranges and the change with a 95 % interval of the paired differences.
            """)

    @Argument(help: ArgumentHelp("Portfolio or scenario files.", valueName: "file"))
    var files: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @Option(
        name: .customLong("iterations"), parsing: .unconditional,
        help: "Monte Carlo worlds per entity (default: one evaluation at expected values); 10000, 1e4, 10k.")
    var worldCount: WorldCount?
    var iterations: Int? { worldCount?.value }
    @Option(name: .long, parsing: .unconditional, help: "Seed of the worlds (a whole number, 0 or more).") var seed:
        UInt64 = 1
    @Option(name: .long, help: "Worker threads.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("top"), help: "Entities to list, most changed first.") var top = 10
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "One table per year with every reform side by side (wider than 100 columns).") var wide =
        false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .customLong("no-store"), help: "Do not keep this run in the store.") var noStore = false
    @OptionGroup var page: PageOptions
    @OptionGroup var numberFormat: NumberFormatOption
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compute only shard K of N (0-based) of the rule sets (base first, then each --reform), into this store; "
                + "`ccts merge` joins the shards.",
            valueName: "K/N"))
    var shard: ShardSpec?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one portfolio or scenario file") }
        guard ruleOptions.pricesFrom == nil else {
            throw ValidationError(
                "--prices-from: ccts compare clears its own prices; give a compare run's ID to run, pathway or plan "
                    + "instead"
            )
        }
        try worldCount?.check("--iterations", minimum: 1)
        try page.check(noStore: noStore)
        if let shard {
            let variants = ruleOptions.reform.count + 1
            guard shard.count <= variants else {
                throw ValidationError(
                    "--shard \(shard): compare shards its \(variants) rule sets (the base and \(variants - 1) "
                        + "reform\(variants == 2 ? "" : "s")); use at most \(variants) shards"
                )
            }
            if page.report != nil || page.pdf != nil {
                throw ValidationError("--shard \(shard): a shard has no comparison of its own; report the merged run")
            }
        }
    }

    typealias VariantRecord = Comparison.VariantRecord
    typealias Band = Comparison.Band
    typealias Row = Comparison.Row
    typealias Results = Comparison.Results

    /// What a compare run was asked (its `--json` inputs).
    struct Inputs: Encodable {
        var portfolios: [String], reforms: [String], sets: [String], rules: String, worlds: Int?, seed: UInt64
    }
    struct Document: Encodable {
        var portfolio: String, seconds: Double
        var results: Results
    }

    /// What the options ask the library to compute (``CompareWorkflow``); kept with the run.
    var request: CompareRequest {
        CompareRequest(
            portfolios: files, reforms: ruleOptions.reform, rules: ruleOptions.rules, sets: ruleOptions.set,
            lua: ruleOptions.limits, iterations: iterations, seed: seed, threads: threads, shard: shard)
    }

    /// How the text output is laid out; kept with the run, so a merge prints what one process would.
    var display: CompareOutput.Display {
        CompareOutput.Display(top: top, wide: wide, numberFormat: numberFormat.numberFormat?.rawValue)
    }

    func run() throws {
        try reportingErrors {
            var request = self.request
            // every shard keeps the whole comparison's request (the shard is its own row), so that
            // the shards' inputs agree and a merge finds one comparison
            request.shard = nil
            if let shard {
                let stored = try Self.storedFiles(request, display: display)
                emit(try CompareShard.run(self, shard: shard, files: stored))
                return
            }
            let (computed, id) = try Self.computed(request, display: display, store: storeOptions, noStore: noStore)
            emit(storeOptions.printed(document: computed.document, report: computed.report, id: id, json: json))
            try page.write(id: id, store: storeOptions, json: json, computed: .workflow(computed.results))
        }
    }

    /// The files a comparison keeps: its texts and its request.
    static func storedFiles(_ request: CompareRequest, display: CompareOutput.Display) throws -> [StoredFile] {
        try WorkflowRun.files(rules: request.rules, reforms: request.reforms, scenarios: request.portfolios)
            + [try StoredRequest.compare(request, display: display)]
    }

    /// Computes a whole comparison (no shard) from the files it names, kept in `store` unless
    /// `noStore`: what the command and a server job (`ccts execute`) both do.
    /// - Parameter command: the command line recorded with the run (default: this process's).
    static func computed(
        _ request: CompareRequest, display: CompareOutput.Display, store: StoreOptions, noStore: Bool,
        command: [String]? = nil
    ) throws -> (WorkflowRun.Output, Int64?) {
        let output = CompareOutput(request: request, display: display)
        return try WorkflowRun.run(
            kind: .compare, store: store, noStore: noStore, files: try storedFiles(request, display: display),
            settings: request.sets, ruleSource: request.rules ?? "built-in",
            scenarioFile: request.portfolios.joined(separator: ", "), seed: request.seed,
            iterations: request.iterations, threads: request.threads, command: command
        ) {
            try output.compute(inputs: try WorkflowInputs.disk(request.fileNames, rules: request.rules))
        }
    }
}
