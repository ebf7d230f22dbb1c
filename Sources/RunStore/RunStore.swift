import Foundation
import GRDB
import GRDBSQLite

/// Every run of `ccts`, kept in a SQLite database (GRDB, WAL mode).
///
/// A run is recorded `running` before it computes anything; its results are written in
/// one transaction that also marks it `completed`, so a run killed halfway never looks
/// complete. Opening a store marks as `failed` the `running` runs whose process on this
/// host is gone. A file that is not a ccts store, or one written by a newer ccts, is
/// refused and left untouched.
public final class RunStore: @unchecked Sendable {
    /// `PRAGMA application_id` of a ccts store: "CCTS".
    public static let applicationID: Int32 = 0x4343_5453

    public let path: String
    /// Set by a child of `ccts serve`: the job its runs belong to, and the entity its token is bound to.
    public var submission: Submission?
    /// Where reads go: the pool of a writable store, or a read-only connection.
    let reader: any DatabaseReader
    private let writablePool: DatabasePool?

    /// The store for writing; a store opened with `readOnly` refuses (a defect of the caller).
    var pool: DatabasePool {
        guard let writablePool else { preconditionFailure("a read-only store was asked to write") }
        return writablePool
    }

    /// Opens the store at `path` for reading only: nothing is written, not even the WAL switch or
    /// the marking of abandoned runs, so a colleague's or a published store (a read-only file or
    /// folder) can be listed, shown, compared and exported.
    /// - Throws: ``StoreError`` for a missing file, a file that is not a ccts store, or one from a newer ccts.
    public init(readingAt path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                path: path,
                message:
                    "does not exist; run a command that stores runs first (ccts run …), or name the store "
                    + "with --db or $CCTS_DB"
            )
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        func open(_ location: String) throws -> DatabaseQueue {
            let queue = try DatabaseQueue(path: location, configuration: configuration)
            try queue.read { db in
                try Self.check(db, path: path, migrator: Self.migrator)
                guard try db.tableExists("run") else {
                    throw StoreError(
                        path: path,
                        message:
                            "holds no runs yet (an empty database); run a command that stores runs first, or name "
                            + "another store with --db"
                    )
                }
            }
            return queue
        }
        do {
            do {
                reader = try open(path)
            } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
                // A WAL store in a folder this user cannot write (a published copy) has no -shm to
                // share: SQLite then reads it as an immutable file (no locking; nobody writes it).
                let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
                reader = try open("file:\(escaped)?immutable=1")
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.describing(error, path: path)
        }
        writablePool = nil
    }

    /// Opens (or creates) the store at `path`.
    /// - Throws: ``StoreError`` for a file that is not a ccts store, one from a newer ccts, or one that cannot be
    /// opened.
    public init(path: String) throws {
        self.path = path
        if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
            throw StoreError(
                path: path,
                message:
                    "is read-only; commands that record runs need a store they can write: name one with --db (or use "
                    + "--no-store)"
            )
        }
        // Processes opening the same store take turns, so that two of them creating a new store cannot
        // trip over each other's half-made schema. The lock is a separate file in the temporary folder:
        // the database file itself is never opened outside SQLite (closing any other descriptor on it
        // would drop SQLite's POSIX locks in this process).
        let lock = try StoreLock(for: path)
        defer { lock.release() }
        let migrator = Self.migrator
        // Inspect an existing file read-only first: a file we refuse must be left exactly as it was
        // (opening it for writing would already switch it to WAL mode).
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
            var readOnly = Configuration()
            readOnly.readonly = true
            readOnly.busyMode = .timeout(30)
            do {
                let queue = try DatabaseQueue(path: path, configuration: readOnly)
                try queue.read { db in try Self.check(db, path: path, migrator: migrator) }
                try queue.close()
            } catch let error as DatabaseError {
                throw StoreError.describing(error, path: path)
            }
        }
        // A new store is its owner's alone (0600; SQLite gives its -wal and -shm the same mode): it
        // keeps every input file a run read and, for ccts serve, the digests of its API tokens.
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.describing(error, path: path)
        }
        writablePool = pool
        reader = pool
        // Write only when something must change, so that opening a store to read it never waits
        // for another process that is writing its results.
        try StoreError.naming(path) {
            try prepare(pool, migrator: migrator)
        }
    }

    /// Migrates a new store, and marks as failed the runs whose process is gone.
    private func prepare(_ pool: DatabasePool, migrator: DatabaseMigrator) throws {
        if try pool.read({ db in try !migrator.hasCompletedMigrations(db) }) {
            do {
                try migrator.migrate(pool)
            } catch {
                // Two processes may create a new store at once; the loser finds the work done.
                guard try pool.read({ db in try migrator.hasCompletedMigrations(db) }) else { throw error }
            }
        }
        try markAbandonedRuns()
    }

    /// Refuses a database of another application, or one whose schema is newer than this ccts knows.
    static func check(_ db: Database, path: String, migrator: DatabaseMigrator) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        if id != Self.applicationID && !(id == 0 && tables == 0) {
            throw StoreError(
                path: path,
                message:
                    "is a SQLite database of another application (application_id \(id), \(tables) tables); ccts leaves "
                    + "it untouched — choose another file with --db"
            )
        }
        if try db.tableExists("grdb_migrations") {
            let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            if !unknown.isEmpty {
                throw StoreError(
                    path: path,
                    message:
                        "was written by a newer ccts (schema \(unknown.sorted().joined(separator: ", "))); this "
                        + "version knows \(migrator.migrations.joined(separator: ", ")) — upgrade ccts, or use "
                        + "another --db"
                )
            }
        }
    }

    /// The schema, one named migration at a time; shipped migrations are never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, files, metrics, ledger, emissions, worlds") { db in
            // The mark of a ccts store, committed with the tables: no reader ever sees one without the other.
            try db.execute(sql: "PRAGMA application_id = \(RunStore.applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE run (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      created TEXT NOT NULL,
                      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
                      error TEXT,
                      command TEXT NOT NULL,
                      engine_version TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      scenario_name TEXT NOT NULL,
                      scenario_file TEXT NOT NULL,
                      rule_source TEXT NOT NULL,
                      strict INTEGER NOT NULL,
                      seed TEXT,
                      iterations INTEGER,
                      worlds INTEGER,
                      threads INTEGER,
                      factor_uncertainty INTEGER NOT NULL,
                      until_se REAL,
                      se_output TEXT,
                      keep_worlds INTEGER NOT NULL,
                      pid INTEGER NOT NULL,
                      host TEXT NOT NULL,
                      wall_seconds REAL,
                      rerun_of INTEGER REFERENCES run(id) ON DELETE SET NULL,
                      results TEXT,
                      document TEXT,
                      report TEXT);
                    CREATE TABLE run_file (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      position INTEGER NOT NULL,
                      role TEXT NOT NULL,
                      name TEXT NOT NULL,
                      sha256 TEXT NOT NULL,
                      text TEXT NOT NULL,
                      PRIMARY KEY (run_id, position));
                    CREATE TABLE run_setting (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      position INTEGER NOT NULL,
                      assignment TEXT NOT NULL,
                      PRIMARY KEY (run_id, position));
                    CREATE TABLE year_metric (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      year TEXT NOT NULL, metric TEXT NOT NULL,
                      value REAL, mean REAL, sd REAL, se REAL, min REAL, max REAL,
                      p1 REAL, p5 REAL, p10 REAL, p25 REAL, p50 REAL, p75 REAL, p90 REAL, p95 REAL, p99 REAL,
                      PRIMARY KEY (run_id, year, metric));
                    CREATE TABLE ledger_entry (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      year TEXT NOT NULL, position INTEGER NOT NULL,
                      kind TEXT NOT NULL, quantity REAL NOT NULL, reason TEXT NOT NULL,
                      PRIMARY KEY (run_id, year, position));
                    CREATE TABLE emission_line (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      year TEXT NOT NULL, position INTEGER NOT NULL,
                      source TEXT NOT NULL, name TEXT NOT NULL, co2e REAL NOT NULL,
                      PRIMARY KEY (run_id, year, position));
                    CREATE TABLE world_result (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      world INTEGER NOT NULL, year TEXT NOT NULL,
                      emissions REAL, gei REAL, credits REAL, closing_balance REAL, shortfall REAL, cost REAL,\
                     compliant INTEGER);
                    CREATE INDEX world_result_run ON world_result(run_id);
                    """)
        }
        migrator.registerMigration("v2: input manifest") { db in
            // SHA-256 over every stored file (role, name, SHA-256 of its text) and setting, in order:
            // a re-run refuses a run whose stored inputs no longer add up to it.
            try db.execute(sql: "ALTER TABLE run ADD COLUMN inputs_sha256 TEXT")
        }
        migrator.registerMigration("v3: views for people") { db in
            try StoreViews.create(db)
        }
        migrator.registerMigration("v4: drawn inputs of kept worlds") { db in
            // One row per world: its inputs as a JSON array in key order (the keys once per run), each
            // number in its shortest exact form; the view `world_inputs` unfolds them for people.
            // (A row per world and input was 20 times slower to write: SQLite inserts ~450,000 rows/s here.)
            try db.execute(
                sql: """
                    CREATE TABLE world_input_key (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      input INTEGER NOT NULL, key TEXT NOT NULL,
                      PRIMARY KEY (run_id, input));
                    CREATE TABLE world_input (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      world INTEGER NOT NULL, value_list TEXT NOT NULL,
                      PRIMARY KEY (run_id, world)) WITHOUT ROWID;
                    CREATE VIEW world_inputs AS
                      SELECT w.run_id, w.world, k.key AS input, j.value
                        FROM world_input w, json_each(w.value_list) j
                        JOIN world_input_key k ON k.run_id = w.run_id AND k.input = j.key;
                    """)
        }
        migrator.registerMigration("v5: shards") { db in
            // A shard run's part of its Monte Carlo run: which shard, its worlds, its first pass
            // (a binary property list; Simulation's ShardState), read back by `ccts merge`.
            try db.execute(
                sql: """
                    CREATE TABLE shard (
                      run_id INTEGER PRIMARY KEY REFERENCES run(id) ON DELETE CASCADE,
                      shard_index INTEGER NOT NULL, shard_count INTEGER NOT NULL,
                      first_world INTEGER NOT NULL, world_count INTEGER NOT NULL,
                      state BLOB NOT NULL);
                    """)
        }
        migrator.registerMigration("v6: server tokens, jobs, entities") { db in
            // `ccts serve`: API tokens (only their SHA-256 is kept), the jobs submitted through it
            // (queued, then computed by a child ccts that records `job_id` on its run), and each
            // run's entity registration, which a token bound to an entity is limited to.
            try db.execute(
                sql: """
                    CREATE TABLE api_token (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      name TEXT NOT NULL,
                      role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
                      entity TEXT,
                      sha256 TEXT NOT NULL UNIQUE,
                      created TEXT NOT NULL,
                      revoked TEXT);
                    CREATE TABLE job (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      created TEXT NOT NULL,
                      token_id INTEGER REFERENCES api_token(id),
                      kind TEXT NOT NULL,
                      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
                      request TEXT NOT NULL,
                      run_id INTEGER REFERENCES run(id) ON DELETE SET NULL,
                      error TEXT,
                      finished TEXT);
                    ALTER TABLE run ADD COLUMN entity TEXT;
                    ALTER TABLE run ADD COLUMN job_id INTEGER REFERENCES job(id);
                    CREATE INDEX run_job ON run(job_id);
                    """)
        }
        migrator.registerMigration("v7: the server that claimed a job") { db in
            // `host:pid` of the `ccts serve` that claimed a queued job: a second server on the same
            // store claims other jobs (or none), and settles only jobs whose server has ended.
            try db.execute(sql: "ALTER TABLE job ADD COLUMN server TEXT")
        }
        migrator.registerMigration("v8: market prices") { db in
            // A market run's clearing price in every world, one row per year: the prices as
            // little-endian float64 in world order (10,000 worlds are 80 kB), read by --prices-from.
            try db.execute(
                sql: """
                    CREATE TABLE market_price (
                      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                      position INTEGER NOT NULL, year TEXT NOT NULL, worlds INTEGER NOT NULL, prices BLOB NOT NULL,
                      PRIMARY KEY (run_id, position));
                    """)
        }
        migrator.registerMigration("v9: results digest") { db in
            // The SHA-256 of a run's results as they were stored: `ccts report` draws a workflow run
            // from them without recomputing it, and refuses results that no longer match.
            try db.execute(sql: "ALTER TABLE run ADD COLUMN results_sha256 TEXT")
        }
        migrator.registerMigration("v10: units of the market's metrics") { db in
            // v3 wrote the units known then; a store made before this version learns the market's.
            try StoreViews.addMissingUnits(db)
        }
        return migrator
    }

    // MARK: Run lifecycle

    /// Records a run as `running` (committed at once, so other processes see it).
    public func begin(_ run: NewRun) throws -> Int64 {
        try StoreError.naming(path) { try beginWriting(run) }
    }

    private func beginWriting(_ run: NewRun) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (created, status, command, engine_version, kind, scenario_name, scenario_file,\
                     rule_source, strict,
                                     seed, iterations, threads, factor_uncertainty, until_se, se_output, keep_worlds,\
                     pid, host, rerun_of,
                                     inputs_sha256, job_id)
                    VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Self.now(), Self.encode(run.command), run.engineVersion, run.kind.rawValue, run.scenarioName,
                    run.scenarioFile, run.ruleSource, run.strict, run.seed.map { String($0) }, run.iterations,
                    run.threads,
                    run.factorUncertainty, run.untilStandardError, run.standardErrorOutput, run.keepWorlds,
                    Int(ProcessInfo.processInfo.processIdentifier), ProcessInfo.processInfo.hostName, run.rerunOf,
                    InputManifest.sha256(files: run.files, settings: run.settings), submission?.job,
                ])
            let id = db.lastInsertedRowID
            for (position, file) in run.files.enumerated() {
                try db.execute(
                    sql: "INSERT INTO run_file (run_id, position, role, name, sha256, text) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [id, position, file.role.rawValue, file.name, file.sha256, file.text])
            }
            for (position, assignment) in run.settings.enumerated() {
                try db.execute(
                    sql: "INSERT INTO run_setting (run_id, position, assignment) VALUES (?, ?, ?)",
                    arguments: [id, position, assignment])
            }
            return id
        }
    }

    /// Writes every result and marks the run `completed`, in one transaction.
    public func complete(_ id: Int64, with results: RunResults, scenarioName: String) throws {
        try StoreError.naming(path) { try completeWriting(id, with: results, scenarioName: scenarioName) }
        checkpoint()
    }

    private func completeWriting(_ id: Int64, with results: RunResults, scenarioName: String) throws {
        if let required = submission?.entity, results.entity != required {
            throw StoreError(
                path: path,
                message: "the submitting token is bound to entity \(required), and this run is "
                    + (results.entity.map { "of entity \($0)" } ?? "not of one entity (a portfolio)")
                    + "; its results are not kept")
        }
        try pool.write { db in
            for row in results.metrics {
                var arguments: [DatabaseValueConvertible?] = [
                    id, row.year, row.metric, row.value, row.mean, row.sd, row.se, row.min, row.max,
                ]
                arguments += (0..<9).map { row.percentiles.count == 9 ? row.percentiles[$0] : nil }
                try db.execute(
                    sql: """
                        INSERT INTO year_metric (run_id, year, metric, value, mean, sd, se, min, max, p1, p5, p10, p25,\
                         p50, p75, p90, p95, p99)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: StatementArguments(arguments))
            }
            for (position, row) in results.ledger.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO ledger_entry (run_id, year, position, kind, quantity, reason) VALUES (?, ?, ?, ?, "
                        + "?, ?)",
                    arguments: [id, row.year, position, row.kind, row.quantity, row.reason])
            }
            for (position, row) in results.emissions.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO emission_line (run_id, year, position, source, name, co2e) VALUES (?, ?, ?, ?, "
                        + "?, ?)",
                    arguments: [id, row.year, position, row.source, row.name, row.co2e])
            }
            if let worlds = results.worlds { try Self.insert(worlds, run: id, db) }
            if let shard = results.shard {
                try db.execute(
                    sql: """
                        INSERT INTO shard (run_id, shard_index, shard_count, first_world, world_count, state) VALUES\
                         (?, ?, ?, ?, ?, ?)
                        """, arguments: [id, shard.index, shard.count, shard.firstWorld, shard.worlds, shard.state])
            }
            if !results.tables.isEmpty { try Self.addTables(results.tables, run: id, db) }
            if let market = results.marketPrices {
                for (position, year) in market.years.enumerated() {
                    let row = market.prices[(position * market.worlds)..<((position + 1) * market.worlds)]
                    var bytes = Data(capacity: row.count * 8)
                    for price in row {
                        withUnsafeBytes(of: price.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
                    }
                    try db.execute(
                        sql: "INSERT INTO market_price (run_id, position, year, worlds, prices) VALUES (?, ?, ?, ?, ?)",
                        arguments: [id, position, year, market.worlds, bytes])
                }
            }
            try db.execute(
                sql: """
                    UPDATE run SET status = 'completed', results = ?, document = ?, report = ?, worlds = ?,\
                     wall_seconds = ?, scenario_name = ?,
                                   entity = ?, results_sha256 = ?
                    WHERE id = ?
                    """,
                arguments: [
                    results.resultsJSON, results.document, results.report, results.worldsEvaluated, results.wallSeconds,
                    scenarioName, results.entity, SHA256.hex(results.resultsJSON), id,
                ])
        }
    }

    /// Copies what the write-ahead log holds into the store's file (a passive checkpoint: it waits
    /// for no reader), so that the `.sqlite` file alone — copied to another machine, say — holds
    /// every completed run. Called after each run is completed; a failure only leaves the log as it is.
    public func checkpoint() {
        try? writablePool?.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }

    /// Records `run` as `running`, computes it, then stores its results and marks it `completed`,
    /// or marks it `failed` with the error that stopped it (and rethrows).
    /// - Parameter body: returns the value to pass on, the results to store, and the scenario's own name.
    public func record<T>(
        _ run: NewRun, started: (Int64) -> Void = { _ in },
        _ body: () throws -> (value: T, results: RunResults, scenarioName: String)
    ) throws -> (T, Int64) {
        let id = try begin(run)
        started(id)
        do {
            let (value, results, name) = try body()
            try complete(id, with: results, scenarioName: name)
            return (value, id)
        } catch {
            try? fail(id, error: "\(error)")
            throw error
        }
    }

    /// The clearing prices a market run kept (nil when it kept none: not a market run, or one
    /// stored before they were kept).
    public func marketPrices(_ id: Int64) throws -> MarketPriceRows? {
        try StoreError.naming(path) {
            try pool.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT year, worlds, prices FROM market_price WHERE run_id = ? ORDER BY position",
                    arguments: [id])
                guard let worlds = try rows.first.map({ try $0.decode(forColumn: "worlds") as Int }) else { return nil }
                var prices: [Double] = []
                prices.reserveCapacity(rows.count * worlds)
                for row in rows {
                    let bytes: Data = try row.decode(forColumn: "prices")
                    guard (try row.decode(forColumn: "worlds") as Int) == worlds, bytes.count == worlds * 8 else {
                        throw StoreError(
                            path: path,
                            message:
                                "run \(id)'s stored market prices are damaged (year "
                                + "\(try row.decode(forColumn: "year") as String))"
                        )
                    }
                    bytes.withUnsafeBytes { raw in
                        for w in 0..<worlds {
                            prices.append(
                                Double(
                                    bitPattern: UInt64(
                                        littleEndian: raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self))))
                        }
                    }
                }
                return MarketPriceRows(
                    years: try rows.map { try $0.decode(forColumn: "year") }, worlds: worlds, prices: prices)
            }
        }
    }

    /// Marks a run `failed` with the error that stopped it.
    public func fail(_ id: Int64, error: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE run SET status = 'failed', error = ? WHERE id = ? AND status = 'running'",
                arguments: [error, id])
        }
    }

    /// World rows through one prepared statement and SQLite's own binding calls: no allocation per
    /// row. World after world (its years, then its inputs), so a run drawn again block by block
    /// streams into the transaction in one sweep.
    static func insert(_ worlds: WorldRows, run: Int64, _ db: Database) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO world_result (run_id, world, year, emissions, gei, credits, closing_balance, shortfall,\
                 cost, compliant)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let handle = statement.sqliteStatement
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (k, key) in worlds.inputKeys.enumerated() {
            try db.execute(
                sql: "INSERT INTO world_input_key (run_id, input, key) VALUES (?, ?, ?)", arguments: [run, k, key])
        }
        let inputs = try db.makeStatement(sql: "INSERT INTO world_input (run_id, world, value_list) VALUES (?, ?, ?)")
        let inputHandle = inputs.sqliteStatement
        func failed(_ what: String, _ handle: OpaquePointer?) -> StoreError {
            StoreError(
                path: db.description,
                message: "writing \(what) failed: \(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))")
        }
        for world in 0..<worlds.worlds {
            for (y, year) in worlds.years.enumerated() {
                sqlite3_bind_int64(handle, 1, run)
                sqlite3_bind_int64(handle, 2, Int64(world))
                sqlite3_bind_text(handle, 3, year, -1, transient)
                for column in 0..<6 {
                    sqlite3_bind_double(handle, Int32(4 + column), try worlds.value(world, y, column))
                }
                sqlite3_bind_int64(handle, 10, Int64(try worlds.value(world, y, 6)))
                guard sqlite3_step(handle) == SQLITE_DONE else { throw failed("world rows", handle) }
                sqlite3_reset(handle)
            }
            guard !worlds.inputKeys.isEmpty else { continue }
            var list = "["
            for k in worlds.inputKeys.indices {
                if k > 0 { list += "," }
                let x = try worlds.input(world, k)
                list += x.isFinite ? "\(x)" : "null"
            }
            list += "]"
            sqlite3_bind_int64(inputHandle, 1, run)
            sqlite3_bind_int64(inputHandle, 2, Int64(world))
            sqlite3_bind_text(inputHandle, 3, list, -1, transient)
            guard sqlite3_step(inputHandle) == SQLITE_DONE else { throw failed("world inputs", inputHandle) }
            sqlite3_reset(inputHandle)
        }
    }

    /// The tables a run read, after its other files, and the manifest recomputed over all of them.
    static func addTables(_ tables: [StoredFile], run: Int64, _ db: Database) throws {
        var position =
            (try Int.fetchOne(db, sql: "SELECT max(position) FROM run_file WHERE run_id = ?", arguments: [run]) ?? -1)
            + 1
        for file in tables {
            try db.execute(
                sql: "INSERT INTO run_file (run_id, position, role, name, sha256, text) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [run, position, file.role.rawValue, file.name, file.sha256, file.text])
            position += 1
        }
        let files = try Row.fetchAll(
            db, sql: "SELECT role, name, text FROM run_file WHERE run_id = ? ORDER BY position", arguments: [run]
        ).map { row in
            StoredFile(
                role: StoredFile.Role(rawValue: try row.decode(forColumn: "role")) ?? .scenario,
                name: try row.decode(forColumn: "name"), text: try row.decode(forColumn: "text"))
        }
        let settings = try String.fetchAll(
            db, sql: "SELECT assignment FROM run_setting WHERE run_id = ? ORDER BY position", arguments: [run])
        try db.execute(
            sql: "UPDATE run SET inputs_sha256 = ? WHERE id = ?",
            arguments: [InputManifest.sha256(files: files, settings: settings), run])
    }

    /// Runs left `running` by a process of this host that no longer exists are marked failed.
    public func markAbandonedRuns() throws {
        let host = ProcessInfo.processInfo.hostName
        let running = try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, pid FROM run WHERE status = 'running' AND host = ?", arguments: [host])
        }
        let abandoned = try running.filter { row in
            let pid: Int32 = try row.decode(forColumn: "pid")
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        guard !abandoned.isEmpty else { return }
        try pool.write { db in
            for row in abandoned {
                try db.execute(
                    sql: "UPDATE run SET status = 'failed', error = ? WHERE id = ? AND status = 'running'",
                    arguments: [
                        "interrupted: process \(try row.decode(forColumn: "pid") as Int32) ended before the run "
                            + "completed",
                        try row.decode(forColumn: "id") as Int64,
                    ])
            }
        }
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    static func encode(_ command: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(command)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
