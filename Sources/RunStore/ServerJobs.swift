import Foundation
import GRDB

/// A computation submitted to `ccts serve`: queued, then run by a child `ccts` process that records
/// the job on the run it makes. Kept in the store, so a server that stops (even by kill -9) finds
/// its queue again and knows which of its jobs finished.
public struct ServerJob: Sendable, Equatable {
    public enum Status: String, Sendable { case queued, running, completed, failed }

    public var id: Int64
    public var created: String
    /// The token that submitted it (nil: a server with no tokens).
    public var tokenID: Int64?
    /// run, compare, pathway or plan.
    public var kind: String
    public var status: Status
    /// The request as submitted (JSON): what the child computes, again after a restart.
    public var request: String
    public var runID: Int64?
    public var error: String?
    public var finished: String?
}

extension RunStore {
    public func addJob(kind: String, request: String, tokenID: Int64?) throws -> ServerJob {
        let created = Self.now()
        let id = try StoreError.naming(path) {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO job (created, token_id, kind, status, request) VALUES (?, ?, ?, 'queued', ?)",
                    arguments: [created, tokenID, kind, request])
                return db.lastInsertedRowID
            }
        }
        return ServerJob(id: id, created: created, tokenID: tokenID, kind: kind, status: .queued, request: request)
    }

    public func job(_ id: Int64) throws -> ServerJob? {
        try readStore { db in try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]).map(Self.job)
        }
    }

    /// Jobs, newest first; only those `tokenID` submitted when given.
    public func jobs(tokenID: Int64?, limit: Int) throws -> [ServerJob] {
        try readStore { db in
            let filter = tokenID == nil ? "" : "WHERE token_id = ?"
            let arguments: StatementArguments = tokenID.map { [$0] } ?? []
            return try Row.fetchAll(
                db, sql: "SELECT * FROM job \(filter) ORDER BY id DESC LIMIT \(limit)", arguments: arguments
            ).map(Self.job)
        }
    }

    /// The jobs still queued, oldest first (a restarted server computes them).
    public func queuedJobs() throws -> [ServerJob] {
        try readStore { db in
            try Row.fetchAll(db, sql: "SELECT * FROM job WHERE status = 'queued' ORDER BY id").map(Self.job)
        }
    }

    /// This process as the server that claims jobs: `host:pid`.
    public static var serverIdentity: String { "\(ProcessInfo.processInfo.hostName):\(getpid())" }

    /// Claims queued job `id` for this process, atomically: true when this call moved it from
    /// queued to running, false when another server (or a cancel) got there first.
    public func claimJob(_ id: Int64) throws -> Bool {
        try StoreError.naming(path) {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE job SET status = 'running', server = ? WHERE id = ? AND status = 'queued'",
                    arguments: [Self.serverIdentity, id])
                return db.changesCount == 1
            }
        }
    }

    /// Ends a job: completed with its run, or failed with the error in the user's terms. The
    /// submitted request (the files' texts) is dropped: the run keeps what it computed from, and a
    /// refused submission keeps nothing. A job already ended stays as it ended.
    public func finishJob(_ id: Int64, run: Int64?, error: String?) throws {
        try StoreError.naming(path) {
            try pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE job SET status = ?, run_id = ?, error = ?, finished = ?, request = json_object('kind',\
                         kind)
                        WHERE id = ? AND status IN ('queued', 'running')
                        """, arguments: [error == nil ? "completed" : "failed", run, error, Self.now(), id])
            }
        }
    }

    /// How many jobs token `tokenID` (nil: the local admin of a server without tokens) has queued or running.
    public func pendingJobCount(tokenID: Int64?) throws -> Int {
        try readStore { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM job WHERE status IN ('queued', 'running') AND token_id IS ?",
                arguments: [tokenID]) ?? 0
        }
    }

    /// The run a job's child recorded (the newest, should there be several), or nil.
    public func runOfJob(_ id: Int64) throws -> StoredRun? {
        try readStore { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.recordColumns) FROM run WHERE job_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [id]
            ).map(Self.storedRun)
        }
    }

    /// After a server stopped without finishing its jobs: each job left `running` ends as its run
    /// did (a child that outlived the server may have completed it), or failed as interrupted.
    /// Runs whose process is gone are marked failed first.
    /// - Returns: the jobs whose child is still computing (to be settled again once it ends).
    @discardableResult
    public func settleInterruptedJobs() throws -> [Int64] {
        try markAbandonedRuns()
        let host = ProcessInfo.processInfo.hostName
        let rows = try readStore { db in
            try Row.fetchAll(db, sql: "SELECT id, server FROM job WHERE status = 'running'")
        }
        // a job another live server on this host claimed is that server's to settle
        let running = try rows.filter { row in
            guard let server: String = try row.decode(forColumn: "server"), let colon = server.lastIndex(of: ":"),
                String(server[..<colon]) == host, let pid = Int32(server[server.index(after: colon)...])
            else { return true }
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }.map { try $0.decode(forColumn: "id") as Int64 }
        var computing: [Int64] = []
        for id in running {
            let run = try runOfJob(id)
            if let run, run.status == "completed" {
                try finishJob(id, run: run.id, error: nil)
            } else if run?.status == "running" {
                computing.append(id)
            } else {
                try finishJob(
                    id, run: run?.id, error: "interrupted: the server stopped before the job finished; submit it again")
            }
        }
        return computing
    }

    static func job(_ row: Row) throws -> ServerJob {
        ServerJob(
            id: try row.decode(forColumn: "id"), created: try row.decode(forColumn: "created"),
            tokenID: try row.decode(forColumn: "token_id"), kind: try row.decode(forColumn: "kind"),
            status: ServerJob.Status(rawValue: try row.decode(forColumn: "status")) ?? .failed,
            request: try row.decode(forColumn: "request"), runID: try row.decode(forColumn: "run_id"),
            error: try row.decode(forColumn: "error"), finished: try row.decode(forColumn: "finished"))
    }
}
