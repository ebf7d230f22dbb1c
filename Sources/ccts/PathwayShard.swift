import CCTS
import CommandSupport
import Foundation
import Workflows
import Reports
import RunStore

/// `ccts pathway … --optimise --shard K/N`, and the merge of such shards: the least-cost search
/// split over its candidate sets (subset `mask` of the measures; shard K evaluates the masks with
/// mask mod N = K, each on the same worlds as one process). The merge runs the pathway once more
/// with every candidate's row supplied (`--candidates`), so the selection, the document and the
/// report are those one process makes — the same `results`, byte for byte.
enum PathwayShard {
    struct Candidate: Codable {
        var mask: Int
        var row: PathwayCommand.SetRow
    }

    /// What a pathway shard stores: its candidates, of `sets` in all.
    struct State: Codable {
        var sets: Int
        var candidates: [Candidate]
    }

    struct Results: Encodable {
        var shard: String
        var candidateSets: Int
        var stateSha256: String
    }

    static func encoded(_ state: State) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // the same bytes every time, for the SHA-256
        return try encoder.encode(state)
    }

    /// Every candidate's row in mask order, from a merge's file.
    static func read(candidates path: String, measures: Int) throws -> [PathwayCommand.SetRow] {
        let state = try JSONDecoder().decode(State.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        guard state.sets == 1 << measures, state.candidates.map(\.mask) == Array(0..<state.sets) else {
            throw CommandError("\(path): the candidate sets do not match the measures file's \(measures) measures")
        }
        return state.candidates.map(\.row)
    }

    /// Evaluates and stores shard `shard` (with `--no-store`, only prints its results); returns what it prints.
    static func run(_ command: PathwayCommand, shard: ShardSpec, files: [StoredFile]) throws -> String {
        func compute() throws -> WorkflowShards.Computed {
            let prepared = try command.prepared()
            let rows = try command.candidates(
                prepared.plan, base: prepared.base, rules: prepared.rules, first: prepared.first, only: shard)
            let state = try encoded(
                State(
                    sets: 1 << prepared.plan.measures.count,
                    candidates: rows.map { Candidate(mask: $0.mask, row: $0.row) }))
            let results = Results(
                shard: shard.description, candidateSets: rows.count, stateSha256: SHA256.hex([UInt8](state)))
            let name = prepared.loaded.name
            let report =
                "Pathway shard \(shard) of \(name): its candidate sets of measures evaluated over \(NumberFormat.grouped(Double(command.iterations))) worlds each.\n"
                + "Merge the \(shard.count) shards' stores into the pathway one process makes: ccts merge SHARD.sqlite… --db ccts.sqlite"
            return WorkflowShards.Computed(
                document: try JSONText.encode(results), state: state, tables: prepared.inputs.tables, report: report,
                name: name)
        }
        guard !command.noStore else { return try compute().document }
        let record = NewRun(
            command: Array(CommandLine.arguments.dropFirst()), engineVersion: Ccts.version, kind: .shard,
            scenarioName: command.scenario, scenarioFile: command.scenario,
            ruleSource: command.ruleOptions.rules ?? "built-in",
            files: files, settings: command.ruleOptions.set, strict: command.ruleOptions.strict, seed: command.seed,
            iterations: command.iterations, threads: nil)
        return try WorkflowShards.record(
            record, in: command.storeOptions, shard: shard, worlds: command.iterations, compute: compute)
    }

    /// The pathway the shards make together, stored as an ordinary `pathway` run in `into`.
    static func merge(_ found: [Merge.Found], into storeOptions: StoreOptions, json: Bool) throws -> String {
        let first = found[0]
        let states = try WorkflowShards.states(found, as: State.self, workflow: "pathway")
        let sets = states[0].sets
        var byMask: [Int: Candidate] = [:]
        for (shard, state) in zip(found, states) {
            guard state.sets == sets else {
                throw CommandError("\(shard.path) belongs to a search of \(state.sets) candidate sets, not \(sets)")
            }
            for candidate in state.candidates {
                guard byMask[candidate.mask] == nil else {
                    throw CommandError("candidate set \(candidate.mask) is in two shards (\(shard.path))")
                }
                byMask[candidate.mask] = candidate
            }
        }
        guard byMask.count == sets else {
            throw CommandError("the search has \(sets) candidate sets; the shards given hold \(byMask.count)")
        }
        let all = try encoded(State(sets: sets, candidates: (0..<sets).map { byMask[$0]! }))
        // The pathway as one process runs it (the stored command without its shard and store, and with
        // --exhaustive: shards split every subset, so a re-run evaluates them all), its candidates
        // supplied: once for the document, once for the report.
        let unsharded = Merge.withoutShardOptions(first.run.command)
        let command = unsharded + (unsharded.contains("--exhaustive") ? [] : ["--exhaustive"])
        let files = try first.store.files(first.id)
        let what = first.path
        let document = try WorkflowRun.runStored(
            command, files: files, extra: ["--json", "--candidates", "candidates.json"],
            extraFiles: ["candidates.json": all], what: what)
        let report = String(
            decoding: try WorkflowRun.runStored(
                command, files: files, extra: ["--candidates", "candidates.json"],
                extraFiles: ["candidates.json": all], what: what), as: UTF8.self)
        let text = String(decoding: document, as: UTF8.self)
        let decoded = try JSONText.decode(PathwayCommand.Document.self, from: try WorkflowRun.results(of: document))
        let tables = files.filter { $0.role == .table }.map { (name: $0.name, bytes: $0.bytes ?? Data($0.text.utf8)) }
        let (_, id) = try WorkflowRun.run(
            kind: .pathway, store: storeOptions, noStore: false, files: files.filter { $0.role != .table },
            settings: try first.store.settings(first.id), ruleSource: first.run.ruleSource,
            scenarioFile: first.run.scenarioFile, seed: first.run.seed, iterations: first.run.iterations,
            threads: nil, command: command
        ) {
            WorkflowRun.Output(
                document: text, results: try WorkflowRun.results(of: document),
                report: report.trimmingCharacters(in: .newlines),
                scenarioName: decoded.scenario, metrics: decoded.metrics, tables: tables)
        }
        return json
            ? text
            : report.trimmingCharacters(in: .newlines)
                + "\n\nMerged \(found.count) pathway shards; stored as run \(id.map(String.init) ?? "?") in \(storeOptions.path)."
    }
}
