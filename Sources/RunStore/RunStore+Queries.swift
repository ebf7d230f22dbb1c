import Foundation
import GRDB

/// Reading the history: list, show, files, metrics, delete.
extension RunStore {
    /// Runs, newest first, optionally only those whose scenario name or file contains `scenario`, or with `status`.
    public func list(scenario: String? = nil, status: String? = nil, limit: Int = 100) throws -> [StoredRun] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: [DatabaseValueConvertible] = []
            if let scenario {
                conditions.append("(scenario_name LIKE ? OR scenario_file LIKE ?)")
                arguments += ["%\(scenario)%", "%\(scenario)%"]
            }
            if let status {
                conditions.append("status = ?")
                arguments.append(status)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM run \(filter) ORDER BY id DESC LIMIT \(limit)",
                                    arguments: StatementArguments(arguments)).map(Self.storedRun)
        }
    }

    /// One run, or a ``StoreError`` naming the id.
    public func run(_ id: Int64) throws -> StoredRun {
        guard let run = try pool.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) }) else {
            throw StoreError(path: path, message: "has no run \(id); 'ccts runs list' shows the runs it holds")
        }
        return Self.storedRun(run)
    }

    public func files(_ id: Int64) throws -> [StoredFile] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT role, name, text FROM run_file WHERE run_id = ? ORDER BY position", arguments: [id]).map { row in
                StoredFile(role: StoredFile.Role(rawValue: row["role"]) ?? .rule, name: row["name"], text: row["text"])
            }
        }
    }

    /// The stored SHA-256 of each file, as recorded when the run began.
    public func fileHashes(_ id: Int64) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT sha256 FROM run_file WHERE run_id = ? ORDER BY position", arguments: [id])
        }
    }

    public func settings(_ id: Int64) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT assignment FROM run_setting WHERE run_id = ? ORDER BY position", arguments: [id])
        }
    }

    public func metrics(_ id: Int64) throws -> [MetricRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM year_metric WHERE run_id = ? ORDER BY rowid", arguments: [id]).map { row in
                if let value: Double = row["value"] {
                    var metric = MetricRow(year: row["year"], metric: row["metric"], value: value)
                    metric.se = row["se"]
                    return metric
                }
                let percentiles: [Double] = MetricRow.percentileLevels.map { row["p\($0)"] ?? .nan }
                return MetricRow(year: row["year"], metric: row["metric"], mean: row["mean"], sd: row["sd"], se: row["se"],
                                 min: row["min"], max: row["max"], percentiles: percentiles)
            }
        }
    }

    public func ledger(_ id: Int64) throws -> [LedgerRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger_entry WHERE run_id = ? ORDER BY year, position", arguments: [id]).map {
                LedgerRow(year: $0["year"], kind: $0["kind"], quantity: $0["quantity"], reason: $0["reason"])
            }
        }
    }

    /// Number of world rows kept for a run.
    public func worldRowCount(_ id: Int64) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM world_result WHERE run_id = ?", arguments: [id]) ?? 0 }
    }

    /// Streams the kept world rows of a run to `body`, year by year, world by world.
    public func forEachWorld(_ id: Int64, _ body: (Int, String, [Double]) throws -> Void) throws {
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT world, year, emissions, gei, credits, closing_balance, shortfall, cost, compliant
                FROM world_result WHERE run_id = ? ORDER BY rowid
                """, arguments: [id])
            while let row = try cursor.next() {
                try body(row["world"], row["year"], (2..<9).map { row[$0] ?? .nan })
            }
        }
    }

    /// Deletes a run and everything recorded with it.
    public func delete(_ id: Int64) throws {
        _ = try run(id)
        try pool.write { db in try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id]) }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    static func storedRun(_ row: Row) -> StoredRun {
        let command = (try? JSONDecoder().decode([String].self, from: Data((row["command"] as String).utf8))) ?? []
        return StoredRun(
            id: row["id"], created: row["created"], status: row["status"], error: row["error"], command: command,
            engineVersion: row["engine_version"], kind: row["kind"], scenarioName: row["scenario_name"],
            scenarioFile: row["scenario_file"], ruleSource: row["rule_source"], strict: row["strict"],
            seed: (row["seed"] as String?).flatMap { UInt64($0) }, iterations: row["iterations"], worlds: row["worlds"],
            threads: row["threads"], factorUncertainty: row["factor_uncertainty"], untilStandardError: row["until_se"],
            standardErrorOutput: row["se_output"], keepWorlds: row["keep_worlds"], wallSeconds: row["wall_seconds"],
            rerunOf: row["rerun_of"], resultsJSON: row["results"], document: row["document"], report: row["report"])
    }
}
