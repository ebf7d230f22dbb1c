import ArgumentParser
import Foundation
import RunStore

/// Where runs are kept: `--db FILE`, else `$CCTS_DB`, else `ccts.sqlite` in the working directory.
public struct StoreOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long, help: ArgumentHelp("Run store (SQLite). Default: $CCTS_DB, else ./ccts.sqlite.", valueName: "file")
    )
    public var db: String?

    @Option(
        name: .customLong("server-job"),
        help: ArgumentHelp("The ccts serve job this run belongs to (set by the server).", visibility: .hidden))
    public var serverJob: Int64?

    @Option(
        name: .customLong("server-entity"),
        help: ArgumentHelp("The only entity the submitting token may run (set by the server).", visibility: .hidden))
    public var serverEntity: String?

    public var path: String { db ?? Self.defaultPath }

    /// The options as a server job states them (`ccts execute`), not parsed from a command line:
    /// every option of the group is set here (an option read unset would stop the program).
    public static func job(store: String, job: Int64, entity: String?) -> StoreOptions {
        var options = StoreOptions()
        options.db = store
        options.serverJob = job
        options.serverEntity = entity
        return options
    }

    /// The store without `--db`: `$CCTS_DB`, else `./ccts.sqlite`.
    public static var defaultPath: String { CommandContext.current.environment["CCTS_DB"] ?? "ccts.sqlite" }

    /// The store for a command that records runs (created when missing).
    public func open() throws -> RunStore {
        let store = try RunStore(path: path)
        if let serverJob { store.submission = Submission(job: serverJob, entity: serverEntity) }
        return store
    }

    /// What a command that stores its run prints: the `--json` document, or the report followed by
    /// where the run was stored (nothing when `--no-store` kept it out).
    public func printed(document: String, report: String, id: Int64?, json: Bool) -> String {
        json ? document : report + (id.map { "\n\nStored as run \($0) in \(path)." } ?? "")
    }

    /// The store for a command that only reads it: opened read-only, nothing written.
    public func openForReading() throws -> RunStore {
        try RunStore(readingAt: path)
    }
}
