import Foundation
@testable import RunStore
import Testing

/// The run store through the command line: list, show, diff, export, rerun, delete,
/// a run killed halfway, and reading while another process writes.
@Suite(.serialized) struct RunsCommandTests {
    func store() throws -> String {
        try CLI.temporaryDirectory().appendingPathComponent("runs.sqlite").path
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func twoSeedsListedComparedRerunAndExported() throws {
        let db = try store()
        for seed in ["1", "2"] {
            let run = try CLI.spawn([
                "run", "Scenarios/benchmark.lua", "--iterations", "4000", "--seed", seed, "--db", db,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Stored as run \(seed) in \(db)."))
        }
        let list = try CLI.spawn(["runs", "list", "--db", db, "--json"])
        let runs = try #require((try json(list.stdout) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(runs.map { $0["id"] as? Int } == [2, 1])
        #expect(runs.allSatisfy { $0["status"] as? String == "completed" })

        let diff = try CLI.spawn(["runs", "diff", "1", "2", "--db", db])
        #expect(diff.status == 0, "\(diff.stderr)")
        let seedRow = diff.stdout.split(separator: "\n").first {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("seed ")
        }
        #expect(seedRow.map { $0.split(separator: " ").map(String.init) } == ["seed", "1", "2"])
        #expect(diff.stdout.contains("--seed 1") && diff.stdout.contains("--seed 2"))  // the command lines differ too
        #expect(diff.stdout.contains("total_cost") && diff.stdout.contains("noise"))

        for id in ["1", "2", "3"] {
            let rerun = try CLI.spawn(["runs", "rerun", id, "--db", db])
            #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
            #expect(rerun.stdout.contains("results identical bit for bit"))
        }

        let csvFile = try CLI.temporaryDirectory().appendingPathComponent("run1.csv").path
        let export = try CLI.spawn(["runs", "export", "1", "--format", "csv", "--out", csvFile, "--db", db])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = try String(contentsOfFile: csvFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "year,metric,value,mean,sd,se,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99")
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 17 })
        #expect(lines.contains { $0.hasPrefix("all,total_cost,,") })

        let exportJSON = try CLI.spawn(["runs", "export", "2", "--format", "json", "--db", db])
        #expect(((try json(exportJSON.stdout) as? [String: Any])?["results"]) != nil)
        let show = try CLI.spawn(["runs", "show", "1", "--db", db])
        #expect(show.stdout.contains("Run 1 — completed") && show.stdout.contains("Monte Carlo: 4,000 worlds"))
        let delete = try CLI.spawn(["runs", "delete", "2", "--db", db])
        #expect(delete.status == 0)
        let after = try CLI.spawn(["runs", "list", "--db", db, "--scenario", "uncertain"])
        #expect(!after.stdout.contains("\n 2 "))
    }

    @Test func deterministicRunKeepsItsAuditTrail() throws {
        let db = try store()
        _ = try CLI.run(["run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--db", db])
        let store = try RunStore(path: db)
        let ledger = try store.ledger(1)
        #expect(ledger.contains { $0.kind == "surrendered" })
        #expect(try store.metrics(1).contains { $0.metric == "compensation" && ($0.value ?? 0) > 0 })
        let rerun = try CLI.run(["runs", "rerun", "1", "--db", db])
        #expect(rerun.stdout.contains("identical bit for bit"))
        let noStore = try CLI.run(["run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--db", db, "--no-store"])
        #expect(noStore.status == 0 && !noStore.stdout.contains("Stored as run"))
        #expect(try RunStore(path: db).list().count == 2)  // the run and its re-run
    }

    @Test func keptWorldsExportAsCSV() throws {
        let db = try store()
        let run = try CLI.run(["run", "Scenarios/benchmark.lua", "--iterations", "500", "--keep-worlds", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let export = try CLI.run(["runs", "export", "1", "--worlds", "--db", db])
        let lines = export.stdout.split(separator: "\n")
        // 500 worlds × 2 years + the header
        #expect(lines.count == 1_001)
        // the outputs, then every uncertain input as drawn
        #expect(
            lines[0].hasPrefix(
                "world,year,emissions,gei,credits,closing_balance,shortfall,cost,compliant,market.price_path.start,"))
        #expect(lines[0].contains("\"years[\"\"2025-26\"\"].fuels.diesel_mobile.quantity\""))
    }

    /// The drawn input beside the output it made: one gas line, emissions = GJ × 0.0561545 t per GJ
    /// ((56.1 + 1 × 28 / 1000 + 0.1 × 265 / 1000) / 1000, AR5 GWPs), world by world; the statistics are
    /// the same with and without --keep-worlds.
    @Test func keptWorldsCarryTheirDrawnInputs() throws {
        let db = try store()
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("gas.lua")
        try """
        return scenario {
          entity = { registration = "G", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          market = { price = 2000 },
          years = { ["2025-26"] = { monitored = "period", fuels = { { "natural_gas", uniform(9e5, 1.1e6), "GJ" } },\
         products = { { "opc", 80000, "t" } } } },
        }
        """.write(to: file, atomically: true, encoding: .utf8)
        let kept = try CLI.run([
            "run", file.path, "--iterations", "300", "--keep-worlds", "--db", db, "--json", "--quiet",
        ])
        let plain = try CLI.run(["run", file.path, "--iterations", "300", "--db", db, "--json", "--quiet"])
        #expect(kept.status == 0 && plain.status == 0, "\(kept.stderr)")
        func results(_ text: String) throws -> NSDictionary? {
            (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["results"] as? NSDictionary
        }
        #expect(try results(kept.stdout) == results(plain.stdout))
        let lines = try CLI.run(["runs", "export", "1", "--worlds", "--db", db]).stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = lines[0].map(String.init)
        let quantity = try #require(header.firstIndex { $0.contains("natural_gas.quantity") })
        #expect(lines.count == 301)
        for row in lines.dropFirst() {
            let gj = Double(row[quantity])!, emissions = Double(row[2])!
            #expect(gj >= 9e5 && gj <= 1.1e6)
            #expect(abs(emissions - gj * 0.0561545) <= 1e-6 * emissions)
        }
    }

    @Test func killedRunNeverLooksCompleteAndOthersCanRead() throws {
        let db = try store()
        let process = CLI.start(["run", "Scenarios/benchmark.lua", "--iterations", "20000000", "--db", db, "--quiet"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run is recorded, then read while it computes.
        var seenRunning = false
        for _ in 0..<100 where !seenRunning {
            Thread.sleep(forTimeInterval: 0.1)
            let list = try CLI.run(["runs", "list", "--db", db, "--json"])
            seenRunning = list.status == 0 && list.stdout.contains("\"status\" : \"running\"")
        }
        #expect(seenRunning, "a second process reads the store while the run is under way")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let store = try RunStore(path: db)  // reopening marks the dead process's run failed
        let run = try store.run(1)
        #expect(run.status == "failed")
        #expect(run.error?.contains("interrupted") == true)
        #expect(try store.metrics(1).isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func workflowsAreStoredAndRerunBitForBit() throws {
        let db = try store()
        let commands = [
            [
                "compare", "Scenarios/portfolio-notified.lua", "--reform",
                "Scenarios/reforms/cement-2026-27-tighter.lua", "--iterations", "50",
            ],
            [
                "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "500", "--steps", "5",
                "--offset-steps", "2",
            ],
            ["pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua"],
        ]
        for (index, command) in commands.enumerated() {
            let result = try CLI.spawn(command + ["--db", db])
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
            #expect(result.stdout.contains("Stored as run \(index + 1) in \(db)."))
        }
        let runs = try RunStore(path: db).list()
        #expect(runs.map(\.kind) == ["pathway", "plan", "compare"])
        #expect(runs.allSatisfy { $0.status == "completed" })
        // Their headline numbers are rows too: exported as CSV, compared by `runs diff`.
        let export = try CLI.spawn(["runs", "export", "3", "--db", db])
        #expect(export.stdout.contains("all,pathway_npv,"))
        #expect(try RunStore(path: db).metrics(1).contains { $0.metric == "reform1.issued" && $0.year == "2026-27" })
        for id in ["1", "2", "3"] {
            let rerun = try CLI.spawn(["runs", "rerun", id, "--db", db])
            #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
            #expect(rerun.stdout.contains("results identical bit for bit"))
        }
    }

    /// A compare, pathway or plan run keeps its request (what to compute, as JSON, among its checked
    /// inputs), and a re-run computes from it through the library, not from its command line: with
    /// the stored command made unreadable, the re-run is still identical bit for bit.
    @Test func workflowsRerunFromTheirStoredRequests() throws {
        let db = try store()
        let command = [
            "compare", "Scenarios/portfolio-notified.lua", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua",
            "--iterations", "40", "--threads", "2", "--top", "3", "--db", db,
        ]
        #expect(try CLI.spawn(command).status == 0)
        let store = try RunStore(path: db)
        let request = try #require(try store.files(1).first { $0.role == .request })
        #expect(request.name == "ccts-request.json")
        let kept = try #require(try JSONSerialization.jsonObject(with: Data(request.text.utf8)) as? [String: Any])
        let asked = try #require(kept["request"] as? [String: Any])
        #expect(kept["workflow"] as? String == "compare")
        #expect(asked["portfolios"] as? [String] == ["Scenarios/portfolio-notified.lua"])
        #expect(asked["reforms"] as? [String] == ["Scenarios/reforms/cement-2026-27-tighter.lua"])
        #expect(asked["iterations"] as? Int == 40 && asked["threads"] as? Int == 2 && asked["seed"] as? Int == 1)
        #expect((kept["display"] as? [String: Any])?["top"] as? Int == 3)
        // A pathway keeps its request too.
        let pathway = [
            "pathway", "Scenarios/cement-rajasthan.lua", "--measures", "Scenarios/measures-cement-rajasthan.lua",
            "--optimise", "--iterations", "200", "--price", "2500", "--db", db,
        ]
        #expect(try CLI.spawn(pathway).status == 0)
        let pathwayRequest = try #require(try store.files(2).first { $0.role == .request })
        let pathwayKept = try #require(
            try JSONSerialization.jsonObject(with: Data(pathwayRequest.text.utf8)) as? [String: Any])
        let pathwayAsked = try #require(pathwayKept["request"] as? [String: Any])
        #expect(pathwayKept["workflow"] as? String == "pathway")
        #expect(pathwayAsked["measures"] as? String == "Scenarios/measures-cement-rajasthan.lua")
        #expect(pathwayAsked["optimise"] as? Bool == true && pathwayAsked["prices"] as? [Double] == [2_500])
        // And a plan.
        let plan = [
            "plan", "Scenarios/plan-chlor-alkali-purchases.lua", "--iterations", "300", "--steps", "4",
            "--objective", "cvar", "--until-se", "1e6", "--db", db,
        ]
        #expect(try CLI.spawn(plan).status == 0)
        let planRequest = try #require(try store.files(3).first { $0.role == .request })
        #expect(planRequest.text.contains("\"objective\" : \"cvar\"") && planRequest.text.contains("\"steps\" : 4"))
        #expect(planRequest.text.contains("\"until_standard_error\" : 1000000"), "\(planRequest.text)")
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE run SET command = ? WHERE id IN (1, 2, 3)",
                arguments: ["[\"compare\", \"--no-such-option\"]"])
        }
        for id in ["1", "2", "3"] {
            let rerun = try CLI.spawn(["runs", "rerun", id, "--db", db])
            #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
            #expect(rerun.stdout.contains("results identical bit for bit"))
        }
    }

    @Test func rerunReportsWhatDiffers() throws {
        let db = try store()
        _ = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db])
        // Tamper with the stored results (27,445 CCCs issued in 2025-26 becomes 27,446): the re-run must notice, say
        // where, and exit 1.
        let store = try RunStore(path: db)
        let original = try #require(try store.run(1).resultsJSON)
        let tampered = original.replacingOccurrences(of: "\"issued\" : 27445", with: "\"issued\" : 27446")
        #expect(tampered != original)
        try store.pool.write { db in
            try db.execute(sql: "UPDATE run SET results = ? WHERE id = 1", arguments: [tampered])
        }
        let rerun = try CLI.run(["runs", "rerun", "1", "--db", db])
        #expect(rerun.status == 1)
        #expect(rerun.stdout.contains("results DIFFER at 2 places"))  // issued, and the ledger's copy of it
        #expect(rerun.stdout.contains("results.years[0].issued: 27446 → 27445"))
        #expect(rerun.stderr.isEmpty, "\(rerun.stderr)")
    }

    /// `runs rerun` checks every number it shows and every input it stores: an edited metric row
    /// is reported as a difference; a deleted file row makes the run refuse to re-run.
    @Test func rerunChecksStoredRowsAndInputs() throws {
        let db = try store()
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        #expect(try CLI.run(["run", "Scenarios/chlor-alkali-gujarat-shortfall.lua", "--db", db]).status == 0)
        let store = try RunStore(path: db)
        try store.pool.write { db in
            // what `runs export 1` shows: the first stored metric of run 1, one tonne more
            try db.execute(
                sql:
                    "UPDATE year_metric SET value = value + 1 WHERE rowid = (SELECT min(rowid) FROM year_metric WHERE "
                    + "run_id = 1)"
            )
            try db.execute(sql: "DELETE FROM run_file WHERE run_id = 2 AND position = 0")
        }
        let edited = try CLI.run(["runs", "rerun", "1", "--db", db])
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("results DIFFER at 1 place"))
        #expect(
            edited.stdout.contains(
                "stored metric emissions_combustion 2025-26 value: 229886.615048274 stored, 229885.615048274 recomputed"
            ))
        let incomplete = try CLI.run(["runs", "rerun", "2", "--db", db])
        #expect(incomplete.status == 1)
        #expect(incomplete.stderr.contains("run 2's stored inputs are incomplete or altered"))
    }

    /// Reading commands open the store read-only: a published store, read-only file in a
    /// read-only folder without its -wal and -shm, can be listed, shown and exported by a user
    /// who cannot write it, and nothing is created beside it.
    @Test func readOnlyStoreCanBeRead() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("published")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("runs.sqlite").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let store = try RunStore(path: db)
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try store.pool.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        // root ignores permissions: read as the unprivileged user `nobody`, with a copy of the binary it can run
        let asUser: [String]
        if getuid() == 0 {
            let bin = try CLI.temporaryDirectory().appendingPathComponent("ccts")
            try FileManager.default.copyItem(at: CLI.binary, to: bin)
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: bin.deletingLastPathComponent().path)
            asUser = ["/usr/sbin/runuser", "-u", "nobody", "--", bin.path]
        } else {
            asUser = [CLI.binary.path]
        }
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: asUser[0])
            process.arguments = Array(asUser.dropFirst()) + arguments
            process.currentDirectoryURL = CLI.packageRoot
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile(),
                stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (
                process.terminationStatus, String(decoding: stdout, as: UTF8.self),
                String(decoding: stderr, as: UTF8.self)
            )
        }
        let list = try run(["runs", "list", "--db", db])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Integrated cement plant, Rajasthan"))
        #expect(
            try run(["runs", "export", "1", "--format", "csv", "--db", db]).stdout.contains("emissions_combustion"))
        let write = try run(["run", "Scenarios/cement-rajasthan.lua", "--db", db])
        #expect(write.status == 1)
        #expect(write.stderr.contains("\(db): is read-only; commands that record runs need a store they can write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["runs.sqlite"])
    }

    /// A command refused inside recorded work is stored `failed` with its message, not left
    /// `running` (it used to exit halfway and be relabelled "interrupted").
    /// `runs diff` of two compare runs: a unit on every metric it knows, prices in whole rupees (a
    /// mean clearing price's paise are noise), probabilities as percentages and their change in
    /// percentage points — derived here from the same run's JSON numbers.
    @Test func diffShowsEachMetricInItsUnit() throws {
        let db = try store()
        for seed in ["1", "9"] {
            let run = try CLI.spawn([
                "compare", "Scenarios/portfolio-notified.lua", "--iterations", "200", "--seed", seed, "--db", db,
            ])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let document = try json(try CLI.spawn(["runs", "diff", "1", "2", "--db", db, "--json"]).stdout)
        let metrics = try #require(
            ((document as? [String: Any])?["results"] as? [String: Any])?["metrics"] as? [[String: Any]])
        func values(_ name: String) throws -> (Double, Double) {
            let row = try #require(
                metrics.first { $0["year"] as? String == "2025-26" && $0["metric"] as? String == name })
            return (try #require(row["first"] as? Double), try #require(row["second"] as? Double))
        }
        let text = try CLI.spawn(["runs", "diff", "1", "2", "--db", db]).stdout
        func row(_ name: String) throws -> [String] {
            let line = try #require(text.split(separator: "\n").first { $0.contains("2025-26  \(name) ") })
            return line.split(separator: " ").map(String.init)
        }
        let (price1, price2) = try values("base.clearing_price")
        // e.g. 76.712 → "77": whole rupees, never "76.712"
        #expect(
            try row("base.clearing_price")
                == [
                    "2025-26", "base.clearing_price", "INR/CCC", String(Int(price1.rounded())),
                    String(Int(price2.rounded())),
                ]
                + [String(Int((price2 - price1).rounded()))])
        let (joint1, joint2) = try values("base.p_joint")
        // e.g. 0.28 → "28.0 %", 0.26 → "26.0 %", change "-2.0 pp"
        #expect(
            try row("base.p_joint")
                == [
                    "2025-26", "base.p_joint", "probability", String(format: "%.1f", joint1 * 100), "%",
                    String(format: "%.1f", joint2 * 100), "%", String(format: "%+.1f", (joint2 - joint1) * 100), "pp",
                ])
    }

    @Test func refusedWorkflowIsStoredFailedWithItsMessage() throws {
        let db = try store()
        let plan = try CLI.run(["plan", "Scenarios/cement-rajasthan.lua", "--db", db])
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("has no planning section"))
        let runs = try #require(
            (try json(try CLI.run(["runs", "list", "--db", db, "--json"]).stdout) as? [String: Any])?["results"]
                as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["status"] as? String == "failed")
        let shown = try CLI.run(["runs", "show", "1", "--db", db])
        #expect(shown.stdout.contains("has no planning section"), "\(shown.stdout)")
    }

    @Test func notAStoreIsRefusedUntouched() throws {
        let file = try CLI.temporaryDirectory().appendingPathComponent("notes.txt").path
        try "my notes\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", file])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: \(file): is not a SQLite database; ccts leaves it untouched — choose another file with "
                + "--db\n"
        )
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "my notes\n")
        let absent = try CLI.run(["runs", "show", "42", "--db", try store()])
        #expect(absent.stderr.contains("does not exist; run a command that stores runs first"))
        let db = try store()
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let missing = try CLI.run(["runs", "show", "42", "--db", db])
        #expect(missing.stderr.contains("has no run 42"))
    }
}

/// Many processes opening and writing one new store at once: none trips over another's half-made schema.
@Suite struct ConcurrentStoreTests {
    @Test func simultaneousRunsAllLand() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("shared.sqlite").path
        let processes = (0..<6).map { index in
            let process = CLI.start([
                "run", "Scenarios/benchmark.lua", "--iterations", "2000", "--seed", String(index), "--db", db,
            ])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let runs = try RunStore(path: db).list()
        #expect(runs.count == 6 && runs.allSatisfy { $0.status == "completed" })
        #expect(Set(runs.compactMap(\.seed)) == Set((0..<6).map(UInt64.init)))
    }
}
