import Foundation
import GRDB

/// Reading the history: list, show, files, metrics, delete.
extension RunStore {
    /// Runs, newest first, optionally only those whose scenario name or file contains `scenario`,
    /// with `status`, of `kind`, or of entity `entity` (a token bound to an entity sees only those,
    /// and with `submittedBy`, the runs the server jobs of that token made, failed ones included).
    public func list(
        scenario: String? = nil, status: String? = nil, kind: String? = nil, entity: String? = nil,
        submittedBy: Int64? = nil, limit: Int = 100
    ) throws -> [StoredRun] {
        try readStore { db in
            var conditions: [String] = []
            var arguments: [DatabaseValueConvertible] = []
            if let kind {
                conditions.append("kind = ?")
                arguments.append(kind)
            }
            if let entity, let submittedBy {
                conditions.append("(entity = ? OR job_id IN (SELECT id FROM job WHERE token_id = ?))")
                arguments += [entity, submittedBy]
            } else if let entity {
                conditions.append("entity = ?")
                arguments.append(entity)
            }
            if let scenario {
                conditions.append("(scenario_name LIKE ? OR scenario_file LIKE ?)")
                arguments += ["%\(scenario)%", "%\(scenario)%"]
            }
            if let status {
                conditions.append("status = ?")
                arguments.append(status)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            // the record without its printed texts (results, document, report): a list stays small
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.recordColumns) FROM run \(filter) ORDER BY id DESC LIMIT \(limit)",
                arguments: StatementArguments(arguments)
            ).map(Self.storedRun)
        }
    }

    /// One run, or a ``StoreError`` naming the id.
    public func run(_ id: Int64) throws -> StoredRun {
        guard
            let run = try readStore({ db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id])
            })
        else {
            throw StoreError(path: path, message: "has no run \(id); 'ccts runs list' shows the runs it holds")
        }
        return try StoreError.naming(path) { try Self.storedRun(run) }
    }

    public func files(_ id: Int64) throws -> [StoredFile] {
        try readStore { db in
            try Row.fetchAll(
                db, sql: "SELECT role, name, text FROM run_file WHERE run_id = ? ORDER BY position", arguments: [id]
            ).map { row in
                StoredFile(
                    role: StoredFile.Role(rawValue: try row.decode(forColumn: "role")) ?? .rule,
                    name: try row.decode(forColumn: "name"), text: try row.decode(forColumn: "text"))
            }
        }
    }

    /// The stored SHA-256 of each file, as recorded when the run began.
    public func fileHashes(_ id: Int64) throws -> [String] {
        try readStore { db in
            try String.fetchAll(
                db, sql: "SELECT sha256 FROM run_file WHERE run_id = ? ORDER BY position", arguments: [id])
        }
    }

    public func settings(_ id: Int64) throws -> [String] {
        try readStore { db in
            try String.fetchAll(
                db, sql: "SELECT assignment FROM run_setting WHERE run_id = ? ORDER BY position", arguments: [id])
        }
    }

    public func metrics(_ id: Int64) throws -> [MetricRow] {
        try readStore { db in
            try Row.fetchAll(db, sql: "SELECT * FROM year_metric WHERE run_id = ? ORDER BY rowid", arguments: [id]).map
            { row in
                if let value: Double = try row.decode(forColumn: "value") {
                    var metric = MetricRow(
                        year: try row.decode(forColumn: "year"), metric: try row.decode(forColumn: "metric"),
                        value: value)
                    metric.se = try row.decode(forColumn: "se")
                    return metric
                }
                let percentiles: [Double] = try MetricRow.percentileLevels.map {
                    try row.decode(forColumn: "p\($0)") ?? .nan
                }
                return MetricRow(
                    year: try row.decode(forColumn: "year"), metric: try row.decode(forColumn: "metric"),
                    mean: try row.decode(forColumn: "mean"), sd: try row.decode(forColumn: "sd"),
                    se: try row.decode(forColumn: "se"),
                    min: try row.decode(forColumn: "min"), max: try row.decode(forColumn: "max"),
                    percentiles: percentiles)
            }
        }
    }

    public func ledger(_ id: Int64) throws -> [LedgerRow] {
        try readStore { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM ledger_entry WHERE run_id = ? ORDER BY year, position", arguments: [id]
            ).map {
                LedgerRow(
                    year: try $0.decode(forColumn: "year"), kind: try $0.decode(forColumn: "kind"),
                    quantity: try $0.decode(forColumn: "quantity"), reason: try $0.decode(forColumn: "reason"))
            }
        }
    }

    public func emissionLines(_ id: Int64) throws -> [EmissionRow] {
        try readStore { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM emission_line WHERE run_id = ? ORDER BY year, position", arguments: [id]
            ).map {
                EmissionRow(
                    year: try $0.decode(forColumn: "year"), source: try $0.decode(forColumn: "source"),
                    name: try $0.decode(forColumn: "name"), co2e: try $0.decode(forColumn: "co2e"))
            }
        }
    }

    /// Number of world rows kept for a run.
    public func worldRowCount(_ id: Int64) throws -> Int {
        try readStore { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM world_result WHERE run_id = ?", arguments: [id]) ?? 0
        }
    }

    /// Streams the kept world rows of a run to `body`, year by year, world by world.
    public func forEachWorld(_ id: Int64, _ body: (Int, String, [Double]) throws -> Void) throws {
        try readStore { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT world, year, emissions, gei, credits, closing_balance, shortfall, cost, compliant
                    FROM world_result WHERE run_id = ? ORDER BY rowid
                    """, arguments: [id])
            while let row = try cursor.next() {
                try body(
                    try row.decode(forColumn: "world"), try row.decode(forColumn: "year"),
                    (2..<9).map { try (row.decode(atIndex: $0) as Double?) ?? .nan })
            }
        }
    }

    /// The drawn inputs of a run's kept worlds: their keys in the order drawn, and the values
    /// world-major (`values[world * keys.count + k]`).
    public func worldInputs(_ id: Int64) throws -> (keys: [String], values: [Double]) {
        try readStore { db in
            let keys = try String.fetchAll(
                db, sql: "SELECT key FROM world_input_key WHERE run_id = ? ORDER BY input", arguments: [id])
            var values: [Double] = []
            let lists = try String.fetchCursor(
                db, sql: "SELECT value_list FROM world_input WHERE run_id = ? ORDER BY world", arguments: [id])
            while let list = try lists.next() {
                // `[1.5,-2,null]`: each number read back exactly (Swift wrote its shortest exact form)
                values += list.dropFirst().dropLast().split(separator: ",").map { Double($0) ?? .nan }
            }
            return (keys, values)
        }
    }

    /// Deletes a run and everything recorded with it.
    public func delete(_ id: Int64) throws {
        _ = try run(id)
        try StoreError.naming(path) {
            try pool.write { db in try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id]) }
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try readStore { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The columns of a run's record, without the texts it printed.
    static let recordColumns = """
        id, created, status, error, command, engine_version, kind, scenario_name, scenario_file, rule_source, strict,\
         seed,
        iterations, worlds, threads, factor_uncertainty, until_se, se_output, keep_worlds, wall_seconds, rerun_of,\
         entity, job_id
        """

    static func storedRun(_ row: Row) throws -> StoredRun {
        let command =
            (try? JSONDecoder().decode(
                [String].self, from: Data((try row.decode(forColumn: "command") as String).utf8)))
            ?? []
        return StoredRun(
            id: try row.decode(forColumn: "id"), created: try row.decode(forColumn: "created"),
            status: try row.decode(forColumn: "status"), error: try row.decode(forColumn: "error"), command: command,
            engineVersion: try row.decode(forColumn: "engine_version"), kind: try row.decode(forColumn: "kind"),
            scenarioName: try row.decode(forColumn: "scenario_name"),
            scenarioFile: try row.decode(forColumn: "scenario_file"),
            ruleSource: try row.decode(forColumn: "rule_source"), strict: try row.decode(forColumn: "strict"),
            seed: (try row.decode(forColumn: "seed") as String?).flatMap { UInt64($0) },
            iterations: try row.decode(forColumn: "iterations"), worlds: try row.decode(forColumn: "worlds"),
            threads: try row.decode(forColumn: "threads"),
            factorUncertainty: try row.decode(forColumn: "factor_uncertainty"),
            untilStandardError: try row.decode(forColumn: "until_se"),
            standardErrorOutput: try row.decode(forColumn: "se_output"),
            keepWorlds: try row.decode(forColumn: "keep_worlds"),
            wallSeconds: try row.decode(forColumn: "wall_seconds"),
            rerunOf: try row.decode(forColumn: "rerun_of"), entity: try row.decode(forColumn: "entity"),
            job: try row.decode(forColumn: "job_id"), resultsJSON: try row.decode(forColumn: "results"),
            resultsSHA256: try row.decode(forColumn: "results_sha256"), document: try row.decode(forColumn: "document"),
            report: try row.decode(forColumn: "report"))
    }

    /// A read of the store whose SQLite errors name the store (``StoreError/describing(_:path:)``).
    func readStore<T>(_ body: (Database) throws -> T) throws -> T {
        try StoreError.naming(path) { try reader.read(body) }
    }

    /// Checks that run `id`'s stored inputs are complete and unchanged: every file's text against
    /// its recorded SHA-256, and all files and settings against the manifest recorded when the run
    /// began (a deleted or added row changes it).
    /// - Returns: false for a run recorded before manifests (it can only be checked file by file).
    /// - Throws: ``StoreError`` naming what does not add up.
    @discardableResult
    /// The shard part of a shard run (nil for any other run).
    public func shard(_ id: Int64) throws -> ShardRow? {
        try readStore { db in
            try Row.fetchOne(db, sql: "SELECT * FROM shard WHERE run_id = ?", arguments: [id]).map {
                ShardRow(
                    index: try $0.decode(forColumn: "shard_index"), count: try $0.decode(forColumn: "shard_count"),
                    firstWorld: try $0.decode(forColumn: "first_world"),
                    worlds: try $0.decode(forColumn: "world_count"), state: try $0.decode(forColumn: "state"))
            }
        }
    }

    /// The completed shard runs of the store, oldest first.
    public func shardRuns() throws -> [Int64] {
        try readStore { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT r.id FROM run r JOIN shard s ON s.run_id = r.id WHERE r.status = 'completed' ORDER BY r.id"
            )
        }
    }

    /// The manifest of a run's inputs (SHA-256 over its files and settings), as recorded when it ran.
    public func inputsSHA256(_ id: Int64) throws -> String? {
        try readStore { db in
            try String.fetchOne(db, sql: "SELECT inputs_sha256 FROM run WHERE id = ?", arguments: [id])
        }
    }

    public func verifyInputs(_ id: Int64) throws -> Bool {
        let files = try self.files(id), settings = try self.settings(id)
        let recorded = try fileHashes(id)
        for (file, hash) in zip(files, recorded) where file.currentSHA256 != hash {
            throw StoreError(
                path: path,
                message:
                    "run \(id)'s stored \(file.role.rawValue) file \(file.name) no longer matches its recorded "
                    + "SHA-256; the run cannot be reproduced from this store"
            )
        }
        let manifest = try readStore { db in
            try String.fetchOne(db, sql: "SELECT inputs_sha256 FROM run WHERE id = ?", arguments: [id])
        }
        guard let manifest else { return false }
        guard manifest == InputManifest.sha256(files: files, settings: settings) else {
            throw StoreError(
                path: path,
                message:
                    "run \(id)'s stored inputs are incomplete or altered (\(files.count) files and \(settings.count) "
                    + "settings do not match the manifest recorded when it ran); it cannot be re-run faithfully"
            )
        }
        return true
    }
}

/// The SHA-256 that pins a run's inputs: one line per file (`role`, `name`, SHA-256 of the text)
/// and per setting, in order.
enum InputManifest {
    static func sha256(files: [StoredFile], settings: [String]) -> String {
        let lines =
            files.map { "file\t\($0.role.rawValue)\t\($0.name)\t\($0.currentSHA256)" } + settings.map { "set\t\($0)" }
        return SHA256.hex(lines.joined(separator: "\n"))
    }
}
