import CCTS
import CommandSupport
import Foundation
import Loading
import RunStore
import Simulation
import Workflows
import Requests

/// A ``RunRequest`` as the command line and the store make and keep it.
extension RunRequest {
    /// The options (after the scenario) that change a world's numbers, quoted for a shell, so
    /// that a printed `ccts explain … --world I` hint opens the very world of this run.
    var optionsChangingNumbers: String {
        var words: [String] = []
        if ruleSource != "built-in" { words += ["--rules", ruleSource] }
        for reform in reformFiles { words += ["--reform", reform.name] }
        for set in sets { words += ["--set", set] }
        if strict { words.append("--strict") }
        if monteCarlo?.factorUncertainty == true { words.append("--factor-uncertainty") }
        if let marketPricesName { words += ["--prices-from", marketPricesName] }
        return words.map { " " + ShellQuote.quote($0) }.joined()
    }

    /// From the command line's options: reads the files.
    /// - Parameter shippedFallback: a path of a shipped example that is not in this folder reads
    ///   the embedded copy (``ccts bench``'s defaults, from any folder).
    /// - Parameter store: where `--prices-from RUN` reads its market run.
    static func from(
        scenario path: String, rules: RuleOptions, monteCarlo: MonteCarloOptionsGroup?, keepWorlds: Bool,
        shippedFallback: Bool = false, store: String = StoreOptions.defaultPath
    ) throws -> RunRequest {
        let read = shippedFallback ? SourceFile.readOrShipped : SourceFile.read
        let scenario = try read(path)
        let ruleSource = rules.rules.map(RuleSource.directory) ?? .builtIn
        let mc = monteCarlo.flatMap { options in
            options.iterations.map {
                MonteCarlo(
                    iterations: $0, seed: options.seed, threads: options.threads, untilSE: options.untilSE,
                    seOutput: options.seOutput, factorUncertainty: options.factorUncertainty,
                    memoryLimit: options.memoryLimit)
            }
        }
        var request = RunRequest(
            scenario: scenario, ruleFiles: try ruleSource.files(), ruleSource: rules.rules ?? "built-in",
            reformFiles: try rules.reform.map(read), sets: rules.set, strict: rules.strict,
            budget: rules.loader.budget, loadSeconds: rules.maxSeconds, monteCarlo: mc, keepWorlds: keepWorlds)
        request.loadLimit = Watchdog()
        request.marketPrices = try rules.marketPrices(store: store)
        request.marketPricesName = rules.pricesFrom
        return request
    }

    /// From a stored run: the texts it recorded, with this machine's thread count unless one was stored.
    /// - Parameter shard: the run's shard row, for a shard run.
    static func from(stored run: StoredRun, files: [StoredFile], settings: [String], shard: ShardRow? = nil) throws
        -> RunRequest
    {
        func sources(_ role: StoredFile.Role) -> [SourceFile] {
            files.filter { $0.role == role }.map { SourceFile(name: $0.name, text: $0.text) }
        }
        guard let scenario = sources(.scenario).first else {
            throw StoreError(path: "run \(run.id)", message: "has no stored scenario text")
        }
        let mc =
            [NewRun.Kind.montecarlo.rawValue, NewRun.Kind.shard.rawValue].contains(run.kind)
            ? MonteCarlo(
                iterations: run.iterations ?? 1, seed: run.seed ?? 1,
                threads: run.threads ?? ProcessInfo.processInfo.activeProcessorCount,
                untilSE: run.untilStandardError, seOutput: run.standardErrorOutput ?? "cost",
                factorUncertainty: run.factorUncertainty) : nil
        var request = RunRequest(
            scenario: scenario, ruleFiles: sources(.rule), ruleSource: run.ruleSource, reformFiles: sources(.reform),
            sets: settings, strict: run.strict, budget: .standard, loadSeconds: 60, monteCarlo: mc,
            keepWorlds: run.keepWorlds)
        request.loadLimit = Watchdog()
        request.shard = shard.map { ShardSpec(index: $0.index, count: $0.count) }
        request.tables = .stored(StoredTables.map(files))
        request.marketPrices = try MarketPriceFile.read(files)
        request.marketPricesName = files.first { $0.role == .prices }?.name
        return request
    }

    /// The record the store keeps of this request.
    func record(command: [String], scenarioName: String, rerunOf: Int64? = nil) -> NewRun {
        let files =
            ruleFiles.map { StoredFile(role: .rule, name: $0.name, text: $0.text) }
            + reformFiles.map { StoredFile(role: .reform, name: $0.name, text: $0.text) }
            + [StoredFile(role: .scenario, name: scenario.name, text: scenario.text)]
            + (marketPrices.map { [MarketPriceFile.stored($0, name: marketPricesName ?? "prices-from.csv")] } ?? [])
        return NewRun(
            command: command, engineVersion: Ccts.version,
            kind: shard != nil ? .shard : monteCarlo == nil ? .deterministic : .montecarlo,
            scenarioName: scenarioName, scenarioFile: scenario.name, ruleSource: ruleSource, files: files,
            settings: sets, strict: strict, seed: monteCarlo?.seed, iterations: monteCarlo?.iterations,
            threads: monteCarlo?.threads, factorUncertainty: monteCarlo?.factorUncertainty ?? false,
            untilStandardError: monteCarlo?.untilSE, standardErrorOutput: monteCarlo?.seOutput,
            keepWorlds: keepWorlds, rerunOf: rerunOf)
    }
}

/// The tables a stored run read, by name, for re-reading them from the store.
enum StoredTables {
    static func map(_ files: [StoredFile]) -> [String: Data] {
        var tables: [String: Data] = [:]
        for file in files where file.role == .table { tables[file.name] = file.bytes }
        return tables
    }

    /// The tables a load read, as the store keeps them.
    static func files(_ read: [(name: String, bytes: Data)]) -> [StoredFile] {
        read.map { StoredFile(table: $0.name, bytes: $0.bytes) }
    }
}

extension RunRequest {
    /// From a request that names its files (a server job): reads them, as the command line does.
    static func from(_ options: RunOptions) throws -> RunRequest {
        let ruleSource = options.rules.map(RuleSource.directory) ?? .builtIn
        let mc = options.iterations.map {
            MonteCarlo(
                iterations: $0, seed: options.seed, threads: options.threads, untilSE: nil, seOutput: "cost",
                factorUncertainty: false)
        }
        var request = RunRequest(
            scenario: try SourceFile.read(options.scenario), ruleFiles: try ruleSource.files(),
            ruleSource: options.rules ?? "built-in", reformFiles: try options.reforms.map(SourceFile.read),
            sets: options.sets, strict: options.strict, budget: options.lua.budget, loadSeconds: options.lua.seconds,
            monteCarlo: mc, keepWorlds: false)
        request.loadLimit = Watchdog()
        return request
    }
}
