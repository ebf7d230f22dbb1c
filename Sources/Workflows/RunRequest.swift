import CCTS
import Loading
import LuaSandbox
import Simulation
import Requests

/// Everything that determines a run's results (`ccts run`): the exact file texts and every option.
///
/// Built from the command line by `ccts run`, from the store by `ccts runs rerun` and `ccts report`,
/// and from shards by `ccts merge`, so that all of them compute through one ``RunWorkflow``. A run's
/// store row holds every field (its files by role, its options in columns), which is what a re-run
/// reads back.
public struct RunRequest {
    /// The worlds of a Monte Carlo run.
    public struct MonteCarlo: Sendable, Equatable {
        public var iterations: Int
        public var seed: UInt64
        public var threads: Int
        /// Stop once the standard error of `seOutput`'s mean is below this (`--until-se`).
        public var untilSE: Double?
        /// The output the stopping rule watches: `cost`, or `METRIC:YEAR` (`--se-output`).
        public var seOutput: String
        public var factorUncertainty: Bool
        /// Largest world table kept in memory, MB (`--memory-limit`); beyond it the worlds are
        /// summarised as they are drawn and drawn again for the statistics' later passes. The
        /// numbers are the same either way, so a stored run does not record it.
        public var memoryLimit = RunRequest.MonteCarlo.defaultMemoryLimit

        public static let defaultMemoryLimit = 256

        public init(
            iterations: Int, seed: UInt64, threads: Int, untilSE: Double?, seOutput: String, factorUncertainty: Bool,
            memoryLimit: Int = RunRequest.MonteCarlo.defaultMemoryLimit
        ) {
            self.iterations = iterations
            self.seed = seed
            self.threads = threads
            self.untilSE = untilSE
            self.seOutput = seOutput
            self.factorUncertainty = factorUncertainty
            self.memoryLimit = memoryLimit
        }

        /// The options the engine runs with, for a scenario of these years.
        /// - Throws: ``WorkflowError`` when `seOutput` names no output or no year of the scenario.
        public func options(years: [String]) throws -> MonteCarloOptions {
            MonteCarloOptions(
                iterations: iterations, seed: seed, threads: threads, untilStandardError: untilSE,
                stopMetric: try Self.stopMetric(seOutput, years: years))
        }

        /// Parses `--se-output` into a metric and a year index (nil: the total over years); with
        /// `years` nil, only its form is checked (before a scenario is loaded).
        public static func stopMetric(_ seOutput: String, years: [String]?) throws -> (metric: Metric, year: Int?) {
            let parts = seOutput.split(separator: ":", maxSplits: 1).map(String.init)
            let known = Metric.allCases.filter { $0 != .offsets }
            guard let metric = Metric(name: parts.first ?? ""), metric != .offsets else {
                throw WorkflowError(
                    "--se-output: unknown output '\(parts.first ?? "")'; expected one of "
                        + known.map(\.name).joined(separator: ", "))
            }
            guard parts.count == 2 else {
                guard metric == .cost else {
                    throw WorkflowError("--se-output: give a year for \(metric.name), e.g. \(metric.name):2025-26")
                }
                return (metric, nil)
            }
            guard let years else { return (metric, 0) }
            guard let index = years.firstIndex(of: parts[1]) else {
                throw WorkflowError(
                    "--se-output: the scenario has no year \(parts[1]); its years are \(years.joined(separator: ", "))")
            }
            return (metric, index)
        }
    }

    public var scenario: SourceFile
    public var ruleFiles: [SourceFile]
    /// `built-in`, or the `--rules` folder.
    public var ruleSource: String
    public var reformFiles: [SourceFile]
    public var sets: [String]
    public var strict: Bool
    public var budget: LuaBudget
    public var loadSeconds: Double
    public var monteCarlo: MonteCarlo?
    public var keepWorlds: Bool
    /// Only this shard of the worlds (`--shard K/N`): pass 1 of its worlds, for `ccts merge`.
    public var shard: ShardSpec?
    /// The first passes of every shard of this run (`ccts merge`): the run is finished from them.
    public var mergedShards: [ShardState]?
    /// Where the scenario's CSV and Excel tables are read: beside it, or (a stored run) from the store.
    public var tables: TableFiles.Source = .disk
    /// A stored market run's prices (`--prices-from`), kept with the run under the option's value,
    /// `marketPricesName`.
    public var marketPrices: MarketPrices?
    public var marketPricesName: String?
    /// How long loading may take (the command line's watchdog; none in a library caller).
    public var loadLimit: any LoadTimeLimit = NoLoadTimeLimit()

    public init(
        scenario: SourceFile, ruleFiles: [SourceFile], ruleSource: String, reformFiles: [SourceFile], sets: [String],
        strict: Bool, budget: LuaBudget, loadSeconds: Double, monteCarlo: MonteCarlo?, keepWorlds: Bool
    ) {
        self.scenario = scenario
        self.ruleFiles = ruleFiles
        self.ruleSource = ruleSource
        self.reformFiles = reformFiles
        self.sets = sets
        self.strict = strict
        self.budget = budget
        self.loadSeconds = loadSeconds
        self.monteCarlo = monteCarlo
        self.keepWorlds = keepWorlds
    }

    var loader: Loader {
        var loader = Loader(sets: sets, budget: budget)
        loader.tables = tables
        loader.marketPrices = marketPrices
        return loader
    }

    /// Loads the inputs, under the load time limit.
    public func load() throws -> LoadedInputs { try load(tables: nil) }

    /// As ``load()``, reading the scenario's tables from `tables` when given (a further thread's load
    /// reads the bytes the first load read).
    public func load(tables: TableFiles.Source?) throws -> LoadedInputs {
        var loader = self.loader
        if let tables { loader.tables = tables }
        return try loadLimit.limit(seconds: loadSeconds, what: scenario.name) {
            try loader.load(scenario: scenario, ruleFiles: ruleFiles, reformFiles: reformFiles)
        }
    }
}
