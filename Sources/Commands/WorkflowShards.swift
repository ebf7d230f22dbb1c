import CommandSupport
import Foundation
import Workflows
import RunStore
import Requests

/// What the workflow shards (`compare --shard`, `pathway --optimise --shard`) share: the store
/// record of a shard, and reading every shard's state back for the merge.
enum WorkflowShards {
    /// What a workflow shard computed: its document, its state for the merge, the tables it read,
    /// what it prints, and the scenario name to list it by.
    struct Computed {
        var document: String
        var state: Data
        var tables: [(name: String, bytes: Data)]
        var report: String
        var name: String
    }

    /// Records the shard run `record` in `store`, computing it; returns what it prints.
    static func record(
        _ record: NewRun, in store: StoreOptions, shard: ShardSpec, worlds: Int?, compute: () throws -> Computed
    ) throws -> String {
        let runStore = try store.open()
        let start = Date()
        let (report, id) = try runStore.record(record, started: { Watchdog.recordFailure(in: runStore, run: $0) }) {
            let computed = try compute()
            return (
                computed.report,
                try results(
                    document: computed.document, report: computed.report, state: computed.state,
                    tables: computed.tables, shard: shard, worlds: worlds, since: start), computed.name
            )
        }
        return report + "\n\nStored as run \(id) in \(store.path)."
    }

    /// A shard's results as stored: its `--json` document (which names the state's SHA-256, what
    /// `runs rerun` compares), what it printed, the tables it read, and its state for the merge.
    static func results(
        document: String, report: String, state: Data, tables: [(name: String, bytes: Data)], shard: ShardSpec,
        worlds: Int?, since start: Date
    ) throws -> RunResults {
        var stored = RunResults(
            resultsJSON: try WorkflowRun.results(of: Data(document.utf8)), document: document, report: report,
            worldsEvaluated: worlds, wallSeconds: Date().timeIntervalSince(start), metrics: [])
        stored.tables = StoredTables.files(tables)
        stored.shard = ShardRow(
            index: shard.index, count: shard.count, firstWorld: 0, worlds: worlds ?? 1, state: state)
        return stored
    }

    /// Every shard's state, decoded; an unreadable one is named.
    static func states<State: Decodable>(_ found: [Merge.Found], as type: State.Type, workflow: String) throws
        -> [State]
    {
        try found.map { shard in
            do { return try JSONDecoder().decode(State.self, from: shard.shard.state) } catch {
                throw CommandError("\(shard.path): its \(workflow) shard holds an unreadable state; compute it again")
            }
        }
    }
}
