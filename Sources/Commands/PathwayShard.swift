import CCTS
import CommandSupport
import Foundation
import Workflows
import Reports
import RunStore
import Requests

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

    /// Evaluates and stores shard `shard` (with `--no-store`, only prints its results); returns what it prints.
    static func run(_ command: PathwayCommand, shard: ShardSpec, files: [StoredFile]) throws -> String {
        let workflow = PathwayWorkflow(request: command.request, inputs: try command.inputs(), limit: Watchdog())
        guard !command.noStore else { return try evaluate(workflow, shard: shard).document }
        let record = NewRun(
            command: CommandContext.current.arguments, engineVersion: Ccts.version, kind: .shard,
            scenarioName: command.scenario, scenarioFile: command.scenario,
            ruleSource: command.ruleOptions.rules ?? "built-in",
            files: files, settings: command.ruleOptions.set, strict: command.ruleOptions.strict, seed: command.seed,
            iterations: command.iterations, threads: nil)
        return try WorkflowShards.record(record, in: command.storeOptions, shard: shard, worlds: command.iterations) {
            try evaluate(workflow, shard: shard)
        }
    }

    /// The shard's candidate sets evaluated: what it stores, and the `results` a re-run compares.
    static func evaluate(_ workflow: PathwayWorkflow, shard: ShardSpec) throws -> WorkflowShards.Computed {
        let prepared = try workflow.prepared()
        let rows = try workflow.candidateSets(
            prepared.plan, base: prepared.base, rules: prepared.rules, first: prepared.first, only: shard)
        let state = try encoded(
            State(
                sets: 1 << prepared.plan.measures.count,
                candidates: rows.map { Candidate(mask: $0.mask, row: $0.row) }))
        let results = Results(
            shard: shard.description, candidateSets: rows.count, stateSha256: SHA256.hex([UInt8](state)))
        let name = prepared.loaded.name
        let worlds = NumberFormat.grouped(Double(workflow.request.iterations))
        let report =
            "Pathway shard \(shard) of \(name): its candidate sets of measures evaluated over \(worlds) worlds each.\n"
            + "Merge the \(shard.count) shards' stores into the pathway one process makes: ccts merge SHARD.sqlite… "
            + "--db ccts.sqlite"
        return WorkflowShards.Computed(
            document: try JSONText.encode(results), state: state, tables: prepared.inputs.tables, report: report,
            name: name)
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
        // The pathway as one process computes it: the stored request (from an older ccts, which kept
        // none, the stored command) without its shard and with every subset evaluated (shards split
        // every subset, so a re-run evaluates them all), its candidates supplied.
        let command = Merge.withoutShardOptions(first.run.command)
        let files = try first.store.files(first.id)
        var request = try StoredRequest.pathway(in: files)?.request ?? legacyRequest(command, shard: first)
        (request.shard, request.exhaustive) = (nil, true)
        let workflow = PathwayWorkflow(
            request: request, inputs: try StoredRequest.inputs(files),
            candidates: (0..<sets).map { byMask[$0]!.row }, limit: Watchdog())
        let tables = files.filter { $0.role == .table }.map { (name: $0.name, bytes: $0.bytes ?? Data($0.text.utf8)) }
        let (output, id) = try WorkflowRun.run(
            kind: .pathway, store: storeOptions, noStore: false,
            files: StoredRequest.replacing(
                with: try StoredRequest.pathway(request), in: files.filter { $0.role != .table }),
            settings: try first.store.settings(first.id), ruleSource: first.run.ruleSource,
            scenarioFile: first.run.scenarioFile, seed: first.run.seed, iterations: first.run.iterations,
            threads: nil, command: command + (command.contains("--exhaustive") ? [] : ["--exhaustive"])
        ) {
            var output = try PathwayCommand.output(workflow)
            output.tables = tables
            return output
        }
        return json
            ? output.document
            : output.report
                + "\n\nMerged \(found.count) pathway shards; stored as run \(id.map(String.init) ?? "?") in "
                + "\(storeOptions.path)."
    }

    /// The request of a shard stored by a ccts that kept none: its stored command, read again.
    static func legacyRequest(_ command: [String], shard: Merge.Found) throws -> PathwayRequest {
        do { return try PathwayCommand.parse(Array(command.dropFirst())).request } catch {
            throw CommandError(
                "\(shard.path): its stored command cannot be read again (\(PathwayCommand.message(for: error)))")
        }
    }
}
