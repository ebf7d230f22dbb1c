import Foundation
import GRDB
import Testing
@testable import RunStore

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(text: String, digest: String) {
        #expect(SHA256.hex(text) == digest)  // FIPS 180-4 examples
    }

    @Test func millionAs() {
        #expect(
            SHA256.hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct RunStoreTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ccts-store-\(UUID().uuidString).sqlite").path
    }

    func newRun(_ name: String = "s.lua") -> NewRun {
        NewRun(
            command: ["run", name], engineVersion: "test", kind: .deterministic, scenarioName: name, scenarioFile: name,
            ruleSource: "built-in", files: [StoredFile(role: .scenario, name: name, text: "return scenario {}")],
            settings: ["a=1"], strict: false)
    }

    func results(metrics: [MetricRow]) -> RunResults {
        RunResults(
            resultsJSON: "{}", document: "{}", report: "report", worldsEvaluated: nil, wallSeconds: 0.1,
            metrics: metrics)
    }

    @Test func lifecycleFromRunningToCompleted() throws {
        let store = try RunStore(path: temporaryPath())
        let id = try store.begin(newRun())
        #expect(try store.run(id).status == "running")
        try store.complete(
            id, with: results(metrics: [MetricRow(year: "2025-26", metric: "gei", value: 0.7)]), scenarioName: "Plant")
        let run = try store.run(id)
        #expect(run.status == "completed" && run.scenarioName == "Plant" && run.report == "report")
        #expect(try store.metrics(id) == [MetricRow(year: "2025-26", metric: "gei", value: 0.7)])
        #expect(try store.settings(id) == ["a=1"])
        #expect(try store.files(id).first?.sha256 == SHA256.hex("return scenario {}"))
        #expect(try store.list().map(\.id) == [id])
        try store.delete(id)
        #expect(try store.list().isEmpty)
        #expect(throws: StoreError.self) { try store.run(id) }
        #expect(try store.integrityCheck() == "ok")
    }

    /// The views people query in the sqlite3 shell: headline results per run, metrics with units.
    @Test func viewsForPeople() throws {
        let store = try RunStore(path: temporaryPath())
        let id = try store.begin(newRun())
        // two years issuing 27,445 and 28,333 CCCs at a cost of −8,000,000 and 0 INR (the README's cement plant)
        try store.complete(
            id,
            with: results(metrics: [
                MetricRow(year: "2025-26", metric: "issued", value: 27_445),
                MetricRow(year: "2026-27", metric: "issued", value: 28_333),
                MetricRow(year: "2025-26", metric: "cost", value: -8_000_000),
                MetricRow(year: "2026-27", metric: "cost", value: 0),
                MetricRow(year: "2025-26", metric: "base.clearing_price", value: 312),
            ]), scenarioName: "Plant")
        let row = try #require(
            try store.pool.read { db in
                try Row.fetchOne(
                    db,
                    sql:
                        "SELECT scenario, kind, issued_ccc, total_cost_inr, rules, inputs_sha256 FROM runs WHERE id "
                        + "= ?",
                    arguments: [id])
            })
        // 27,445 + 28,333 = 55,778 issued; −8,000,000 + 0 = −8,000,000 INR
        #expect(row["scenario"] == "Plant" && row["kind"] == "deterministic")
        #expect(row["issued_ccc"] == 55_778.0 && row["total_cost_inr"] == -8_000_000.0)
        #expect((row["inputs_sha256"] as String?)?.count == 64)
        let units = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT metric, unit, value FROM metrics WHERE run_id = ? ORDER BY metric, year",
                arguments: [id]
            )
            .map { "\($0["metric"] as String) \($0["unit"] as String? ?? "?") \($0["value"] as Double)" }
        }
        // a workflow metric takes the unit of its last part
        #expect(
            units == [
                "base.clearing_price INR per CCC 312.0", "cost INR -8000000.0", "cost INR 0.0", "issued CCC 27445.0",
                "issued CCC 28333.0",
            ])
    }

    @Test func resultsAreAllOrNothing() throws {
        let store = try RunStore(path: temporaryPath())
        let id = try store.begin(newRun())
        // The same (year, metric) twice violates the primary key halfway through the transaction.
        let duplicate = MetricRow(year: "2025-26", metric: "gei", value: 0.7)
        #expect(throws: (any Error).self) {
            try store.complete(id, with: results(metrics: [duplicate, duplicate]), scenarioName: "x")
        }
        #expect(try store.run(id).status == "running")
        #expect(try store.metrics(id).isEmpty)
        #expect(try store.run(id).report == nil)
    }

    @Test func foreignFilesAreRefusedAndLeftUntouched() throws {
        let text = temporaryPath()
        try "not a database, just notes\n".write(toFile: text, atomically: true, encoding: .utf8)
        #expect { try RunStore(path: text) } throws: {
            "\($0)".contains("is not a SQLite database; ccts leaves it untouched")
        }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "not a database, just notes\n")
    }

    @Test func newerSchemaIsRefused() throws {
        let path = temporaryPath()
        let store = try RunStore(path: path)
        try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9: from the future')") }
        #expect { try RunStore(path: path) } throws: {
            "\($0)".contains("was written by a newer ccts (schema v9: from the future)")
        }
    }

    @Test func runsOfDeadProcessesAreMarkedFailed() throws {
        let path = temporaryPath()
        let store = try RunStore(path: path)
        let id = try store.begin(newRun())
        // A process that has certainly ended: run `true` and wait for it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        try store.pool.write { db in
            try db.execute(sql: "UPDATE run SET pid = ? WHERE id = ?", arguments: [process.processIdentifier, id])
        }
        let reopened = try RunStore(path: path)
        let run = try reopened.run(id)
        #expect(run.status == "failed")
        #expect(run.error?.contains("interrupted") == true)
    }

    @Test func worldRowsRoundTrip() throws {
        let store = try RunStore(path: temporaryPath())
        let id = try store.begin(newRun())
        var stored = results(metrics: [])
        // value = world × 10 + year + column / 10, so each cell is identifiable.
        stored.worlds = WorldRows(worlds: 3, years: ["2025-26", "2026-27"]) { world, year, column in
            column == 6 ? 1 : Double(world * 10 + year) + Double(column) / 10
        }
        try store.complete(id, with: stored, scenarioName: "x")
        #expect(try store.worldRowCount(id) == 6)
        var rows: [(Int, String, [Double])] = []
        try store.forEachWorld(id) { rows.append(($0, $1, $2)) }
        // World after world, each world's years in order: row 3 is world 1, 2026-27 (1 × 10 + 1 = 11).
        #expect(
            rows.map { "\($0.0) \($0.1)" } == [
                "0 2025-26", "0 2026-27", "1 2025-26", "1 2026-27", "2 2025-26", "2 2026-27",
            ])
        #expect(rows[3].2 == [11, 11.1, 11.2, 11.3, 11.4, 11.5, 1])
    }
}
