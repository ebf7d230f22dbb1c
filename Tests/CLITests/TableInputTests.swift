import Foundation
@testable import RunStore
import Spreadsheets
import Testing

/// Tables as inputs: `lines_from` and `rows_from` read CSV and Excel files beside the Lua file that
/// names them, through the command line, with errors in spreadsheet terms and the files kept with
/// every stored run.
@Suite struct TableInputTests {
    /// Monthly monitoring summed per compliance year gives the annual figures' results: the README's
    /// 27,445 and 28,333 CCCs (the months are whole tonnes adding up to cement-rajasthan.lua's years).
    @Test func monthlyMonitoringSumsToTheYear() throws {
        let monthly = try CLI.run(["run", "Scenarios/cement-rajasthan-monthly.lua", "--no-store"])
        #expect(monthly.status == 0, "\(monthly.stderr)")
        #expect(monthly.stdout.contains("CCCs issued                             27,445        28,333"))
        let annual = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--no-store", "--json"])
        let fromSheet = try CLI.run(["run", "Scenarios/cement-rajasthan-monthly.lua", "--no-store", "--json"])
        func emissions(_ text: String) throws -> [Double] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let years = try #require((json["results"] as? [String: Any])?["years"] as? [[String: Any]])
            return years.compactMap { ($0["emissions"] as? [String: Any])?["total"] as? Double }
        }
        #expect(try emissions(annual.stdout) == emissions(fromSheet.stdout))
    }

    /// A regulator's list in one Excel sheet, through `compare`. CEM-SHEET-001 by hand: 12,000,000 GJ of gas
    /// × 0.0561545 t/GJ = 673,854 t on 1,000,000 t → GEI 0.673854; ⌊(0.70 − 0.673854) × 1e6⌋ = 26,146 CCCs.
    /// 2026-27: 12,200,000 × 0.0561545 = 685,084.9 t → 0.685085; (0.69 − 0.685085) × 1e6 = 4,915; under the
    /// reform's target 0.69 × 0.98 = 0.6762: (0.6762 − 0.685085) × 1e6 = −8,885.
    @Test func portfolioFromOneSheet() throws {
        let result = try CLI.run([
            "compare", "Scenarios/portfolio-from-sheet.lua", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua",
            "--no-store", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [String: Any])
        #expect(results["entities"] as? Int == 10)
        let changes = try #require((results["entity_changes"] as? [[[String: Any]]])?.first)
        let first = changes.filter { $0["registration"] as? String == "CEM-SHEET-001" }
        #expect(first.map { $0["net_credits_base"] as? Double } == [26_146, 4_915])
        #expect(first.map { $0["net_credits_reform"] as? Double } == [26_146, -8_885])
    }

    /// A copy of the sheet with one wrong cell, written with libxlsxwriter and read by ccts's own reader.
    @Test func aWrongCellIsNamedBySheetRowAndColumn() throws {
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        let book = try Workbook(path: folder.appendingPathComponent("data/entities.xlsx").path)
        let header = [
            "registration", "name", "sector", "product", "output (t)", "baseline_gei", "target_2025_26",
            "target_2026_27",
            "gas_2025_26 (GJ)", "gas_2026_27 (GJ)",
        ]
        let good: [Workbook.Cell] = [
            .text("CEM-X-1"), .text("A"), .text("cement"), .text("opc"), .number(1e6), .number(0.73), .number(0.7),
            .number(0.69), .number(12e6), .number(12.2e6),
        ]
        var bad = good
        bad[0] = .text("CEM-X-2")
        bad[4] = .text("2,400,000")
        try book.addSheet(
            "cover", columns: [Workbook.Column("note")], rows: [[.text("entities are on the next sheet")]])
        try book.addSheet(
            "entities", columns: header.map { Workbook.Column($0) },
            rows: [good, good.enumerated().map { $0.offset == 0 ? .text("CEM-X-3") : $0.element }, bad])
        try book.close()
        let portfolio = try String(
            contentsOfFile: CLI.packageRoot.appendingPathComponent("Scenarios/portfolio-from-sheet.lua").path,
            encoding: .utf8)
        try portfolio.write(to: folder.appendingPathComponent("list.lua"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(
            [
                "compare", "list.lua", "--reform",
                CLI.packageRoot.appendingPathComponent("Scenarios/reforms/cement-2026-27-tighter.lua").path,
                "--no-store",
            ], in: folder)
        #expect(refused.status == 1)
        // the header is row 1, the wrong cell in the third entity: row 4
        #expect(
            refused.stderr.contains(
                "list.lua:14: data/entities.xlsx, sheet \"entities\", row 4, column \"output\": expected a number, "
                    + "found \"2,400,000\""
            ))
        // a sheet that is not there: the sheets that are
        try portfolio.replacingOccurrences(of: "sheet = \"entities\"", with: "sheet = \"entitites\"").write(
            to: folder.appendingPathComponent("list.lua"), atomically: true, encoding: .utf8)
        let noSheet = try CLI.run(["run", "list.lua", "--no-store"], in: folder)
        #expect(
            noSheet.stderr.contains(
                "data/entities.xlsx: has no sheet \"entitites\"; its sheets are \"cover\", \"entities\""))
    }

    /// The sandbox: only files inside the folder of the Lua file, never above it, never through a link.
    @Test func onlyTheFolderOfTheFileThatNamesThem() throws {
        let folder = try CLI.temporaryDirectory()
        let inner = folder.appendingPathComponent("plant")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try "fuel,quantity,unit\ncoal_imported,1000,t\n".write(
            to: folder.appendingPathComponent("outside.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: inner.appendingPathComponent("link.csv").path,
            withDestinationPath: folder.appendingPathComponent("outside.csv").path)
        func run(_ name: String) throws -> CLI.Result {
            try """
            return scenario {
              entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = { monitored = "period", fuels = lines_from("\(name)"), products = { { "opc", 1e6,\
             "t" } } } },
            }
            """.write(to: inner.appendingPathComponent("plant.lua"), atomically: true, encoding: .utf8)
            return try CLI.run(["run", inner.appendingPathComponent("plant.lua").path, "--no-store"])
        }
        #expect(try run("../outside.csv").stderr.contains("../outside.csv: must be a path inside the folder of"))
        #expect(
            try run(folder.appendingPathComponent("outside.csv").path).stderr.contains(
                "must be a path inside the folder of"))
        #expect(try run("link.csv").stderr.contains("link.csv: leads outside the folder of"))
        // a hard link is the outside file under a name inside the folder: refused, as it has two names
        try FileManager.default.linkItem(
            atPath: folder.appendingPathComponent("outside.csv").path,
            toPath: inner.appendingPathComponent("hard.csv").path)
        #expect(
            try run("hard.csv").stderr.contains(
                "hard.csv: has 2 names (a hard link), so it may be a file outside the folder"))
        #expect(try run("/etc/passwd").stderr.contains("is neither .csv nor .xlsx"))
        #expect(try run("none.csv").stderr.contains("none.csv: no such file (looked beside"))
        // a rule file cannot read tables
        let rules = folder.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try "local t = rows_from(\"x.csv\")\n".write(
            to: rules.appendingPathComponent("reform.lua"), atomically: true, encoding: .utf8)
        let reform = try CLI.run([
            "run", "Scenarios/cement-rajasthan.lua", "--no-store", "--reform",
            rules.appendingPathComponent("reform.lua").path,
        ])
        #expect(
            reform.status == 1
                && reform.stderr.contains(
                    "only scenario and portfolio files read tables; rule files and reforms cannot")
        )
        // nor a rule function, called while the worlds run (long after the scenario loaded)
        try """
        reform "reads a table at run time" (function(rules)
          rules.verification.materiality = function(c) local t = rows_from("x.csv") return 0.02 end
        end)
        """.write(to: rules.appendingPathComponent("late.lua"), atomically: true, encoding: .utf8)
        let late = try CLI.run([
            "run", "Scenarios/benchmark.lua", "--iterations", "100", "--no-store", "--reform",
            rules.appendingPathComponent("late.lua").path,
        ])
        #expect(late.status == 1 && late.stderr.contains("x.csv: only scenario and portfolio files read tables"))
    }

    /// A decimal comma, a bad unit: the cell that holds it.
    @Test func badCellsOfACSVAreNamed() throws {
        let folder = try CLI.temporaryDirectory()
        let scenario = folder.appendingPathComponent("plant.lua")
        try """
        return scenario {
          entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          years = { ["2025-26"] = { monitored = "period", fuels = lines_from("fuels.csv"), products = { { "opc", 1e6,\
         "t" } } } },
        }
        """.write(to: scenario, atomically: true, encoding: .utf8)
        func run(_ csv: String) throws -> String {
            try csv.write(to: folder.appendingPathComponent("fuels.csv"), atomically: true, encoding: .utf8)
            return try CLI.run(["run", scenario.path, "--no-store"]).stderr
        }
        #expect(
            try run("fuel,quantity,unit\r\ncoal_imported,\"0,71\",t\r\n").contains(
                "fuels.csv, row 2, column \"quantity\": expected a number, found \"0,71\" (write numbers without a "
                    + "thousands separator and decimals with a point: 5000, 0.71)"
            ))
        #expect(
            try run("fuel,quantity,unit\ncoal_imported,5,tonnes\n").contains(
                "fuels.csv, row 2, column \"unit\": unknown unit 'tonnes'"))
        #expect(
            try run("fuel,quantity,unit\ncoall,5,t\n").contains(
                "fuels.csv, row 2, column \"fuel\": unknown fuel 'coall'"))
        #expect(
            try run("fuel,quantity,unit\ncoal_imported,-5,t\n").contains(
                "fuels.csv, row 2, column \"quantity\": is -5; a quantity cannot be negative"))
        #expect(
            try run("fuel,amount\ncoal_imported,5\n").contains(
                "fuels.csv: has no column \"quantity\" in its header (row 1); its columns are \"fuel\", \"amount\""))
        // a quoted name with a comma and a doubled quote, a UTF-8 byte-order mark: read as written
        #expect(
            try run("\u{FEFF}fuel,quantity,unit,note\ncoal_imported,1000,t,\"lot 7, \"\"wet\"\"\"\n").contains(
                "unknown field 'note'"))
    }

    /// A negative month is refused before the months are summed (5 t then −5 t must not net to nothing).
    @Test func aNegativeMonthIsNotNettedAway() throws {
        let folder = try CLI.temporaryDirectory()
        try """
        return scenario {
          entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
          years = { ["2025-26"] = { monitored = "period", fuels = lines_from("f.csv", { year = "2025-26" }), products =\
         { { "opc", 1e6, "t" } } } },
        }
        """.write(to: folder.appendingPathComponent("p.lua"), atomically: true, encoding: .utf8)
        try "month,fuel,quantity,unit\n2025-04,coal_imported,5,t\n2025-05,coal_imported,-5,t\n".write(
            to: folder.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", folder.appendingPathComponent("p.lua").path, "--no-store"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("f.csv, row 3, column \"quantity\": is -5; a quantity cannot be negative"))
    }

    /// A monthly row of a compliance year no `lines_from` of its file asks for (2024-04 typed for
    /// 2025-04) is refused naming file, row and column; with `other_years = "skip"` it is skipped and counted.
    @Test func aMonthOfNoAskedYearIsRefusedOrCountedWhenSkipped() throws {
        let folder = try CLI.temporaryDirectory()
        func scenario(_ options: String) throws -> CLI.Result {
            try """
            return scenario {
              entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = { monitored = "period", fuels = lines_from("f.csv", { year = "2025-26"\(options)\
             }),
                                        products = { { "opc", 1e6, "t" } } } },
            }
            """.write(to: folder.appendingPathComponent("p.lua"), atomically: true, encoding: .utf8)
            return try CLI.run(["run", folder.appendingPathComponent("p.lua").path, "--no-store"])
        }
        try
            ("month,fuel,quantity,unit\n2024-04,coal_imported,5,t\n"
            + "2025-05,coal_imported,7,t\n2026-04,coal_imported,9,t\n")
            .write(to: folder.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
        let refused = try scenario("")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "f.csv, row 2, column \"month\": \"2024-04\" falls in 2024-25, which no lines_from of"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("(it asks for 2025-26)") && refused.stderr.contains("; 1 more row like it"))
        let skipped = try scenario(", other_years = \"skip\"")
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(
            skipped.stdout.contains(
                "2 monthly rows of months outside 2025-26 skipped (other_years = \"skip\"): rows 2, 4"),
            "\(skipped.stdout)")
        // coded rows_skipped where the rows are counted
        let json = try CLI.run(["run", folder.appendingPathComponent("p.lua").path, "--no-store", "--json"]).stdout
        #expect(json.contains("\"code\" : \"rows_skipped\""), "\(json.prefix(400))")
    }

    /// Rules with Lua functions load the scenario once per thread: every load reads the same table
    /// bytes, and the results are those of one thread.
    @Test func everyThreadReadsTheSameTables() throws {
        func results(_ threads: String) throws -> NSDictionary? {
            let run = try CLI.run([
                "run", "Scenarios/cement-rajasthan-monthly.lua", "--iterations", "400", "--threads", threads,
                "--no-store", "--json", "--quiet",
                "--reform", "Scenarios/reforms/materiality-by-size.lua",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            return (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["results"]
                as? NSDictionary
        }
        let one = try results("1"), two = try results("2")
        #expect(one != nil && one == two)
    }

    /// The tables are kept with the run: a re-run reads the stored bytes, not the file as it is now.
    @Test func tablesAreKeptWithTheRun() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path
        let copy = try CLI.run(["examples", "copy", folder.path])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan-monthly.lua", "--db", db], in: folder).status == 0)
        let csv = folder.appendingPathComponent("Scenarios/data/cement-rajasthan-fuels-monthly.csv")
        let bytes = try Data(contentsOf: csv)
        let files = try RunStore(path: db).files(1)
        let table = try #require(files.first { $0.role == .table })
        #expect(table.name == "Scenarios/data/cement-rajasthan-fuels-monthly.csv" && table.bytes == bytes)
        #expect(table.sha256 == SHA256.hex([UInt8](bytes)))  // what sha256sum prints for the file
        // April 2025's coal 9,583 t becomes 19,583 t: the year's coal 115,000 + 10,000 = 125,000 t
        let edited = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: "2025-04,coal_imported,9583,t,", with: "2025-04,coal_imported,19583,t,")
        try edited.write(to: csv, atomically: true, encoding: .utf8)
        let rerun = try CLI.run(["runs", "rerun", "1", "--db", db], in: folder)
        #expect(rerun.stdout.contains("identical bit for bit"), "\(rerun.stderr)")
        // a new run reads the edited sheet; runs diff names the table and the line it changed
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan-monthly.lua", "--db", db], in: folder).status == 0)
        let diff = try CLI.run(["runs", "diff", "1", "3", "--db", db], in: folder).stdout
        #expect(diff.contains("file Scenarios/data/cement-rajasthan-fuels-monthly.csv"))
        #expect(
            diff.contains("scenario years[\"2025-26\"].fuels[1][2]") && diff.contains("115000")
                && diff.contains("125000"))
    }
}
