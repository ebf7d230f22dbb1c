import CCTS
import CommandSupport
import Foundation
import Reports
import RunStore
import Workflows
import Requests

/// `ccts compare … --shard K/N`, and the merge of such shards: a comparison split over its rule
/// sets (the base rules are 0, the i-th `--reform` is i; shard K computes those whose index mod N is
/// K, on all worlds and entities). Each rule set's record (``Compare/VariantRecord``: every
/// aggregate in every world, each entity's means) is all the summary needs, so the merge assembles
/// the comparison one process makes — the same `results`, byte for byte.
enum CompareShard {
    /// What a compare shard stores.
    struct State: Codable {
        /// Rule sets of the whole comparison (base + reforms).
        var variants: Int
        var records: [Comparison.VariantRecord]
    }

    struct Results: Encodable {
        var shard: String
        var ruleSets: [Int]
        var stateSha256: String
    }

    /// The shard's `results`: which rule sets, and the SHA-256 of their records (what `runs rerun` compares).
    static func results(_ records: [Comparison.VariantRecord], variants: Int, shard: ShardSpec) throws -> (
        document: String, state: Data
    ) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // the same bytes every time, for the SHA-256
        let bytes = try encoder.encode(State(variants: variants, records: records))
        let results = Results(
            shard: shard.description, ruleSets: records.map(\.index), stateSha256: SHA256.hex([UInt8](bytes)))
        return (try JSONText.encode(results), bytes)
    }

    /// Computes and stores shard `shard` of `compare` (with `--no-store`, only prints its results);
    /// returns what it prints.
    static func run(_ compare: Compare, shard: ShardSpec, files: [StoredFile]) throws -> String {
        let request = compare.request, variants = request.variants  // with its shard
        let records = {
            try CompareWorkflow.records(
                request, inputs: try WorkflowInputs.disk(request.fileNames, rules: request.rules), limit: Watchdog())
        }
        guard !compare.noStore else {
            return try results(try records().records, variants: variants, shard: shard).document
        }
        let scenarioFile = compare.files.joined(separator: ", ")
        let record = NewRun(
            command: CommandContext.current.arguments, engineVersion: Ccts.version, kind: .shard,
            scenarioName: scenarioFile, scenarioFile: scenarioFile, ruleSource: compare.ruleOptions.rules ?? "built-in",
            files: files, settings: compare.ruleOptions.set, strict: false, seed: compare.seed,
            iterations: compare.iterations, threads: compare.threads)
        return try WorkflowShards.record(record, in: compare.storeOptions, shard: shard, worlds: compare.iterations) {
            let (records, tables) = try records()
            let (document, bytes) = try results(records, variants: variants, shard: shard)
            let names = records.map { "\($0.index) (\($0.name))" }.joined(separator: ", ")
            let report =
                "Compare shard \(shard) of \(scenarioFile): rule set\(records.count == 1 ? "" : "s") \(names).\n"
                + "Merge the \(shard.count) shards' stores into the comparison one process makes: ccts merge "
                + "SHARD.sqlite… --db ccts.sqlite"
            return WorkflowShards.Computed(
                document: document, state: bytes, tables: tables, report: report, name: scenarioFile)
        }
    }

    /// The comparison the shards make together, stored as an ordinary `compare` run in `into`.
    static func merge(_ found: [Merge.Found], into storeOptions: StoreOptions, json: Bool) throws -> String {
        let first = found[0]
        let states = try WorkflowShards.states(found, as: State.self, workflow: "compare")
        let variants = states[0].variants
        var byIndex: [Int: Comparison.VariantRecord] = [:]
        for (shard, state) in zip(found, states) {
            guard state.variants == variants else {
                throw CommandError(
                    "\(shard.path) belongs to a comparison of \(state.variants) rule sets, not \(variants)")
            }
            for record in state.records {
                guard byIndex[record.index] == nil else {
                    throw CommandError("rule set \(record.index) is in two shards (\(shard.path))")
                }
                byIndex[record.index] = record
            }
        }
        let missing = (0..<variants).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw CommandError(
                "the comparison's rule sets \(missing.map(String.init).joined(separator: ", ")) are in no shard given")
        }
        // The comparison as one process would have computed it: the stored request, the whole
        // comparison's (from an older ccts, which kept none, the stored command without its shard and store).
        let command = Merge.withoutShardOptions(first.run.command)
        let files = try first.store.files(first.id)
        guard var kept = try StoredRequest.compare(in: files) ?? legacyRequest(command, shard: first) else {
            throw CommandError("\(first.path): its stored compare cannot be read again")
        }
        if let name = kept.display.numberFormat, let grouping = NumberFormat.Grouping(rawValue: name) {
            NumberFormat.grouping = grouping
        }
        let output = CompareOutput(request: kept.request, display: kept.display)
        let tables = files.filter { $0.role == .table }.map { (name: $0.name, bytes: $0.bytes ?? Data($0.text.utf8)) }
        let start = DispatchTime.now().uptimeNanoseconds
        let (merged, id) = try WorkflowRun.run(
            kind: .compare, store: storeOptions, noStore: false,
            files: files.filter { $0.role != .table },
            settings: try first.store.settings(first.id), ruleSource: first.run.ruleSource,
            scenarioFile: first.run.scenarioFile, seed: first.run.seed, iterations: first.run.iterations,
            threads: kept.request.threads, command: command
        ) {
            try output.assemble(
                (0..<variants).map { byIndex[$0]! }, tables: tables,
                seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return json
            ? merged.document
            : merged.report
                + (id.map { "\n\nMerged \(found.count) compare shards; stored as run \($0) in \(storeOptions.path)." }
                    ?? "")
    }

    /// The request of a shard stored by a ccts that kept none: its stored command, read again.
    static func legacyRequest(_ command: [String], shard: Merge.Found) throws -> StoredRequest.Compare? {
        let compare: Compare
        do { compare = try Compare.parse(Array(command.dropFirst())) } catch {
            throw CommandError(
                "\(shard.path): its stored command cannot be read again (\(Compare.message(for: error)))")
        }
        var request = compare.request
        request.shard = nil
        return StoredRequest.Compare(request: request, display: compare.display)
    }
}
