import ArgumentParser
import Foundation
import RunStore

/// Where runs are kept: `--db FILE`, else `$CCTS_DB`, else `ccts.sqlite` in the working directory.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Run store (SQLite). Default: $CCTS_DB, else ./ccts.sqlite.", valueName: "file"))
    var db: String?

    @Option(name: .customLong("server-job"), help: ArgumentHelp("The ccts serve job this run belongs to (set by the server).", visibility: .hidden))
    var serverJob: Int64?

    @Option(name: .customLong("server-entity"), help: ArgumentHelp("The only entity the submitting token may run (set by the server).", visibility: .hidden))
    var serverEntity: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["CCTS_DB"] ?? "ccts.sqlite"
    }

    /// The store for a command that records runs (created when missing).
    func open() throws -> RunStore {
        let store = try RunStore(path: path)
        if let serverJob { store.submission = Submission(job: serverJob, entity: serverEntity) }
        return store
    }

    /// The store for a command that only reads it: opened read-only, nothing written.
    func openForReading() throws -> RunStore {
        try RunStore(readingAt: path)
    }
}

/// Runs a request with its record in the store: `running` first, then results and `completed`
/// in one transaction, or `failed` with the error.
enum StoredExecution {
    static func run(_ request: RunRequest, command: [String], store: RunStore?, rerunOf: Int64? = nil,
                    progress: ((Int, Int, Double) -> Void)? = nil) throws -> (product: RunProduct, id: Int64?) {
        guard let store else { return (try RunExecution.execute(request, progress: progress), nil) }
        // The scenario's own name is known once it is loaded; until then the run is listed by its file.
        let (product, id) = try store.record(request.record(command: command, scenarioName: request.scenario.name, rerunOf: rerunOf),
                                             started: { Watchdog.recordFailure(in: store, run: $0) }) {
            let product = try RunExecution.execute(request, progress: progress)
            return (product, product.results, product.scenarioName)
        }
        return (product, id)
    }
}
