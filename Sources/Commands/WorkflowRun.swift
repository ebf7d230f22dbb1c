import CommandSupport
import Foundation
import Loading
import RunStore
import Workflows
import Requests

/// Keeps a what-if workflow (`compare`, `plan`, `pathway`) in the run store: recorded
/// `running` with the exact texts of its files before it computes, completed with its
/// results (the part of its JSON a re-run must reproduce) and what it printed.
enum WorkflowRun {
    struct Output {
        var document: String
        var results: String
        var report: String
        var scenarioName: String
        /// Headline numbers by year, for `runs diff` and `runs export --format csv`.
        var metrics: [MetricRow] = []
        /// The CSV and Excel tables the workflow's files read (stored with its files).
        var tables: [(name: String, bytes: Data)] = []
        /// The registration of the workflow's one entity (nil for a portfolio).
        var entity: String? = nil
        /// A market run's clearing prices (`compare`, base rules), kept for `--prices-from`.
        var marketPrices: MarketPriceRows? = nil
    }

    /// - Parameter command: the command to record (default: this process's); `runs rerun` runs it again.
    static func run(
        kind: NewRun.Kind, store: StoreOptions, noStore: Bool, files: [StoredFile], settings: [String],
        ruleSource: String, scenarioFile: String, seed: UInt64?, iterations: Int?, threads: Int?,
        command: [String]? = nil,
        body: () throws -> Output
    ) throws -> (Output, Int64?) {
        guard !noStore else { return (try body(), nil) }
        let runStore = try store.open()
        let record = NewRun(
            command: command ?? CommandContext.current.arguments, engineVersion: Ccts.version, kind: kind,
            scenarioName: scenarioFile, scenarioFile: scenarioFile, ruleSource: ruleSource, files: files,
            settings: settings, strict: false, seed: seed, iterations: iterations, threads: threads)
        let start = Date()
        let (output, id) = try runStore.record(record, started: { Watchdog.recordFailure(in: runStore, run: $0) }) {
            let output = try body()
            var results = RunResults(
                resultsJSON: output.results, document: output.document, report: output.report,
                worldsEvaluated: iterations, wallSeconds: Date().timeIntervalSince(start), metrics: output.metrics)
            results.tables = StoredTables.files(output.tables)
            results.entity = output.entity
            results.marketPrices = output.marketPrices
            return (output, results, output.scenarioName)
        }
        return (output, id)
    }

    /// The files a workflow read, as the store keeps them.
    /// - Parameter store: where `--prices-from RUN` reads its market run; the prices are kept as a file.
    /// - Parameter rules: the `--rules` folder (nil: the built-in set); `pricesFrom`: `--prices-from`.
    static func files(
        rules: String?, pricesFrom: String? = nil, reforms: [String], scenarios: [String], measures: String? = nil,
        store: String = StoreOptions.defaultPath
    ) throws -> [StoredFile] {
        let ruleFiles = try (rules.map(RuleSource.directory) ?? .builtIn).files()
        let prices =
            try pricesFrom.map { [MarketPriceFile.stored(try MarketPriceFile.load($0, store: store), name: $0)] } ?? []
        return prices + ruleFiles.map { StoredFile(role: .rule, name: $0.name, text: $0.text) }
            + (try reforms.map(SourceFile.read)).map { StoredFile(role: .reform, name: $0.name, text: $0.text) }
            + (try scenarios.map(SourceFile.read)).map { StoredFile(role: .scenario, name: $0.name, text: $0.text) }
            + (try measures.map { [try SourceFile.read($0)] } ?? []).map {
                StoredFile(role: .measures, name: $0.name, text: $0.text)
            }
    }

    /// Re-runs a stored workflow and returns the `results` part of its document. A run that kept its
    /// request (a `compare`, `pathway` or `plan` by this ccts) is computed from it in this process,
    /// through the library, with its stored texts; one an older ccts stored without a request runs
    /// its stored command on copies of its files (``runStored(_:files:extra:extraFiles:what:)``).
    /// - Parameter shard: the run's shard row, for a shard run (its request is the whole computation's).
    static func rerun(_ run: StoredRun, files: [StoredFile], shard row: ShardRow? = nil) throws -> String {
        if let kept = try StoredRequest.plan(in: files) {
            let workflow = PlanWorkflow(
                request: kept.request, inputs: try StoredRequest.inputs(files), limit: Watchdog())
            return try PlanCommand.output(workflow).results
        }
        if let kept = try StoredRequest.pathway(in: files) {
            var request = kept.request
            if let row { request.shard = ShardSpec(index: row.index, count: row.count) }
            let workflow = PathwayWorkflow(request: request, inputs: try StoredRequest.inputs(files), limit: Watchdog())
            if let shard = request.shard {
                return try results(of: Data(try PathwayShard.evaluate(workflow, shard: shard).document.utf8))
            }
            return try PathwayCommand.output(workflow).results
        }
        if var kept = try StoredRequest.compare(in: files) {
            let inputs = try StoredRequest.inputs(files)
            if let row {
                let shard = ShardSpec(index: row.index, count: row.count)
                kept.request.shard = shard
                let records = try CompareWorkflow.records(kept.request, inputs: inputs, limit: Watchdog()).records
                let shardResults = try CompareShard.results(records, variants: kept.request.variants, shard: shard)
                return try results(of: Data(shardResults.document.utf8))
            }
            return try CompareOutput(request: kept.request, display: kept.display).compute(inputs: inputs).results
        }
        return try results(of: try runStored(run.command, files: files, extra: ["--json"], what: "run \(run.id)"))
    }

    /// Runs a stored command (without its store, page and `--json`) on its stored files in a fresh
    /// folder, with `extra` arguments and `--no-store`; returns what it prints.
    /// - Parameter extraFiles: more files to write into the folder (name → bytes), e.g. a merge's candidates.
    static func runStored(
        _ command: [String], files: [StoredFile], extra: [String], extraFiles: [String: Data] = [:], what: String
    ) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-rerun-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rulesFolder = folder.appendingPathComponent("stored-rules")
        try FileManager.default.createDirectory(at: rulesFolder, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for file in files {
            let relative = file.name.hasPrefix("/") ? String(file.name.dropFirst()) : file.name
            let target =
                file.role == .rule
                ? rulesFolder.appendingPathComponent((file.name as NSString).lastPathComponent)
                : folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (file.bytes ?? Data(file.text.utf8)).write(to: target)
            if file.role != .rule { paths[file.name] = relative }
        }
        for (name, bytes) in extraFiles { try bytes.write(to: folder.appendingPathComponent(name)) }
        // The stored command, with its files at their new places, the stored rules, no store, no page.
        // Options are read as `--name value` or `--name=value`; after `--` every argument is positional.
        var arguments: [String] = []
        var positionals: [String] = []
        var skip = false
        var afterTerminator = false
        let dropped = ["--rules", "--db", "--report", "--pdf", "--server-job", "--server-entity"]
        for argument in command {
            if afterTerminator { positionals.append(paths[argument] ?? argument); continue }
            if skip { skip = false; continue }
            if argument == "--" { afterTerminator = true; continue }
            // where it was stored and where its page (and PDF) went are not part of what it computes
            if dropped.contains(argument) { skip = true; continue }
            if argument == "--json" || argument == "--no-store"
                || dropped.contains(where: { argument.hasPrefix($0 + "=") })
            {
                continue
            }
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                let value = String(argument[argument.index(after: equals)...])
                arguments.append(String(argument[...equals]) + (paths[value] ?? value))
                continue
            }
            arguments.append(paths[argument] ?? argument)
        }
        arguments +=
            ["--rules", rulesFolder.path] + extra + ["--no-store"] + (afterTerminator ? ["--"] + positionals : [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandContext.current.executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = CommandContext.current.environment
        environment[SourceFile.rerunNamesVariable] = paths.filter { $0.key != $0.value }.map {
            "\($0.value)\t\($0.key)"
        }.sorted().joined(separator: "\n")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // stderr on a thread of its own while stdout is read: a child that fills one pipe while the
        // other is being waited on would otherwise block both processes.
        let errors = PipeReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreError(path: what, message: "re-running failed: \(String(decoding: stderr, as: UTF8.self))")
        }
        return stdout
    }

    /// The `results` object of a workflow's JSON document, or the whole document when it has none.
    static func results(of document: Data) throws -> String {
        guard let json = try JSONSerialization.jsonObject(with: document) as? [String: Any] else {
            return String(decoding: document, as: UTF8.self)
        }
        let part = json["results"] ?? json
        return String(
            decoding: try JSONSerialization.data(withJSONObject: part, options: [.sortedKeys, .prettyPrinted]),
            as: UTF8.self)
    }
}

/// Reads a pipe to its end on a thread of its own.
/// `@unchecked Sendable`: `data` is written by the reading thread before `done` is signalled and read only after.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe held, once it closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}
