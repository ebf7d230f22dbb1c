import Foundation
@testable import RunStore
import Testing

/// `ccts runs export ID --format xlsx`, read back by an independent reader (openpyxl, through
/// scripts/xlsx-dump; `make test` installs it).
@Suite struct WorkbookExportTests {
    /// Every sheet of a workbook: rows of values, number formats, frozen pane.
    struct Sheet: Decodable {
        var rows: [[Value?]]
        var formats: [[String]]
        var frozen: String?
    }
    enum Value: Decodable, Equatable {
        case number(Double), text(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
        }
    }

    func read(_ path: String) throws -> [String: Sheet] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.packageRoot.appendingPathComponent("scripts/xlsx-dump").path, path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/xlsx-dump: \(message)")
        return try JSONDecoder().decode([String: Sheet].self, from: data)
    }

    /// The row of `sheet` whose first cells are `key`.
    func row(_ sheet: Sheet, _ key: [String]) -> (values: [Value?], formats: [String])? {
        guard
            let i = sheet.rows.firstIndex(where: { row in
                key.indices.allSatisfy { row.count > $0 && row[$0] == .text(key[$0]) }
            })
        else { return nil }
        return (sheet.rows[i], sheet.formats[i])
    }

    @Test func deterministicRunAsAWorkbook() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            book = folder.appendingPathComponent("cement.xlsx").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let export = try CLI.run(["runs", "export", "1", "--format", "xlsx", "--out", book, "--db", db])
        #expect(export.status == 0, "\(export.stderr)")
        let sheets = try read(book)
        #expect(Set(sheets.keys) == ["Run", "Files", "By year", "Results", "Ledger", "Cost", "Emissions"])
        // a metric a row, the years as columns: issued 27,445 and 28,333 (README), the net cost −8,000,000 and 0
        let byYear = try #require(sheets["By year"])
        #expect(byYear.rows[0] == [.text("metric"), .text("unit"), .text("2025-26"), .text("2026-27")])
        #expect(row(byYear, ["issued"])?.values == [.text("issued"), .text("CCC"), .number(27_445), .number(28_333)])
        #expect(row(byYear, ["cost"])?.values == [.text("cost"), .text("INR"), .number(-8_000_000), .number(0)])
        // headers frozen on every sheet
        #expect(sheets.values.allSatisfy { $0.frozen == "A2" })
        let results = try #require(sheets["Results"])
        // the README's cement plant: 27,445 CCCs issued in 2025-26, a number in the CCC format
        let issued = try #require(row(results, ["2025-26", "issued"]))
        #expect(issued.values[2] == .text("CCC") && issued.values[3] == .number(27_445) && issued.formats[3] == "#,##0")
        // GEI 0.70328 to six places; the net cost −8,000,000 INR in the INR format (see the Cost sheet below)
        let gei = try #require(row(results, ["2025-26", "gei"]))
        #expect(gei.values[3] == .number(0.70328) && gei.formats[3] == "#,##0.000000")
        let cost = try #require(row(results, ["2025-26", "cost"]))
        #expect(cost.values[2] == .text("INR") && cost.values[3] == .number(-8_000_000) && cost.formats[3] == "#,##0")
        // the files with their SHA-256, the ledger entries
        let scenario = try String(
            contentsOfFile: CLI.packageRoot.appendingPathComponent("Scenarios/cement-rajasthan.lua").path,
            encoding: .utf8)
        let files = try #require(sheets["Files"]), ledger = try #require(sheets["Ledger"])
        #expect(row(files, ["scenario", "Scenarios/cement-rajasthan.lua"])?.values[2] == .text(SHA256.hex(scenario)))
        #expect(row(ledger, ["2025-26", "issued"])?.values[2] == .number(27_445))
        // Every rupee of the net: 4,000 × 1,500 + 5,000 × 900 = 6,000,000 + 4,500,000 = 10,500,000 paid for offsets,
        // of which the biochar's 4,500,000 did not count; 10,000 sold × 1,850 = 18,500,000 received; 10,500,000 −
        // 18,500,000 = −8,000,000; 21,445 carried × 1,800 = 38,601,000 (a holding, not in the net).
        let costSheet = try #require(sheets["Cost"])
        #expect(row(costSheet, ["2025-26", "offsets paid (counted or not)"])?.values[3] == .number(10_500_000))
        #expect(row(costSheet, ["2025-26", "of which not counted by the rules"])?.values[3] == .number(4_500_000))
        #expect(row(costSheet, ["2025-26", "CCCs sold"])?.values[2...3] == [.number(10_000), .number(-18_500_000)])
        #expect(row(costSheet, ["2025-26", "net cost"])?.values[3] == .number(-8_000_000))
        #expect(
            row(costSheet, ["2025-26", "CCCs carried, at the year's price (not in the net)"])?.values[3]
                == .number(-38_601_000))
        // the period: 49,778 carried out of 2026-27 × 2,100 = 104,533,800; −8,000,000 − 104,533,800 =
        // −112,533,800
        #expect(row(costSheet, ["period", "net of the bank's value"])?.values[3] == .number(-112_533_800))
        // Indian grouping of INR: lakh and crore in the number format, the value unchanged
        let indian = folder.appendingPathComponent("indian.xlsx").path
        #expect(
            try CLI.run([
                "runs", "export", "1", "--format", "xlsx", "--out", indian, "--db", db, "--number-format", "indian",
            ]).status == 0)
        let indianResults = try #require(try read(indian)["Results"])
        let indianCost = try #require(row(indianResults, ["2025-26", "cost"]))
        #expect(indianCost.values[3] == .number(-8_000_000) && indianCost.formats[3].contains("[>=10000000]"))
        // lakh-crore: the same grouping with the rupee sign, the value still a number
        let rupees = folder.appendingPathComponent("rupees.xlsx").path
        #expect(
            try CLI.run([
                "runs", "export", "1", "--format", "xlsx", "--out", rupees, "--db", db, "--number-format", "lakh-crore",
            ]).status == 0)
        let rupeeResults = try #require(try read(rupees)["Results"])
        let rupeeCost = try #require(row(rupeeResults, ["2025-26", "cost"]))
        #expect(
            rupeeCost.values[3] == .number(-8_000_000)
                && rupeeCost.formats[3]
                    == "[>=10000000]\"₹\"##\\,##\\,##\\,##0;[>=100000]\"₹\"##\\,##\\,##0;\"₹\"##,##0",
            "\(rupeeCost.formats[3])")
    }

    /// Kept worlds with their drawn inputs: the Worlds sheet holds what the CSV export holds.
    @Test func worldsWithTheirInputs() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            book = folder.appendingPathComponent("worlds.xlsx").path
        #expect(
            try CLI.run([
                "run", "Scenarios/benchmark.lua", "--iterations", "200", "--keep-worlds", "--db", db, "--quiet",
            ]).status == 0)
        #expect(
            try CLI.run(["runs", "export", "1", "--format", "xlsx", "--worlds", "--out", book, "--db", db]).status == 0)
        let worlds = try #require(try read(book)["Worlds"])
        let csv = try CLI.run(["runs", "export", "1", "--worlds", "--db", db]).stdout.split(separator: "\n")
        // 200 worlds × 2 years + the header, as in the CSV
        #expect(worlds.rows.count == 401 && csv.count == 401)
        let header = worlds.rows[0].map { value -> String in
            if case .text(let t)? = value { return t } else { return "" }
        }
        #expect(header.count > 9 && header[2] == "emissions" && header.contains("market.price_path.start"))
        // world 7 of 2025-26: every value, outputs and drawn inputs, as the CSV gives it
        let csvRow = csv[8].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for (c, value) in worlds.rows[8].enumerated() where c >= 2 {
            guard case .number(let x)? = value, let expected = Double(csvRow[c]) else {
                Issue.record("column \(header[c]) is not a number"); continue
            }
            #expect(abs(x - expected) <= 1e-9 * max(abs(expected), 1), "column \(header[c])")
        }
    }

    @Test func xlsxRefusesWhatItCannotWrite() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let noWorlds = try CLI.run([
            "runs", "export", "1", "--format", "xlsx", "--worlds", "--out",
            folder.appendingPathComponent("w.xlsx").path, "--db", db,
        ])
        #expect(noWorlds.status == 1 && noWorlds.stderr.contains("run 1 kept no world rows; run it with --keep-worlds"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("w.xlsx").path))
        let nowhere = try CLI.run([
            "runs", "export", "1", "--format", "xlsx", "--out", "/nonexistent-folder/x.xlsx", "--db", db,
        ])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("/nonexistent-folder/x.xlsx: cannot be created"))
    }

    /// A compare's workbook holds the table the command computed: every row with its unit, its 5–95 %
    /// range and the reform's paired change with its interval (not only the means), and each reform's
    /// entity changes; the numbers are the JSON's.
    @Test func compareWorkbookHoldsItsTables() throws {
        let folder = try CLI.temporaryDirectory()
        let db = folder.appendingPathComponent("runs.sqlite").path,
            book = folder.appendingPathComponent("compare.xlsx").path
        let compare = try CLI.spawn([
            "compare", "Scenarios/portfolio-notified.lua", "--reform", "Scenarios/reforms/cement-2026-27-tighter.lua",
            "--iterations", "200", "--json", "--db", db,
        ])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(try CLI.spawn(["runs", "export", "1", "--format", "xlsx", "--out", book, "--db", db]).status == 0)
        let sheets = try read(book)
        let rows = try #require(sheets["rows"]), changes = try #require(sheets["entity_changes 1"])
        #expect(
            Array(rows.rows[0].prefix(7))
                == ["year", "id", "aggregate", "unit", "base.mean", "base.p5", "base.p95"].map { .text($0) })
        #expect(rows.rows[0].contains(.text("changes[1].low")) && rows.rows[0].contains(.text("changes[1].high")))
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])?["results"]
                as? [String: Any])
        let price = try #require(
            (json["rows"] as? [[String: Any]])?.first {
                $0["id"] as? String == "clearing_price" && $0["year"] as? String == "2025-26"
            })
        let mean = try #require((price["base"] as? [String: Any])?["mean"] as? Double)
        let priceRow = try #require(self.row(rows, ["2025-26", "clearing_price"]))
        #expect(priceRow.values[3] == .text("INR/CCC") && priceRow.values[4] == .number(mean))
        #expect(changes.rows.count == 490 * 2 + 1)
    }
}
