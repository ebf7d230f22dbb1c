import Foundation
@testable import Loading
import LuaSandbox
import Testing

/// The readers behind `rows_from` and `lines_from`: CSV as RFC 4180 writes it, an Excel workbook
/// written by another program (openpyxl wrote Scenarios/data/entities.xlsx).
@Suite struct TableFileTests {
    @Test func csvQuotesLineBreaksAndNumbers() throws {
        let text =
            "\u{FEFF}name,quantity,note\r\n\"coal, imported\",1e3,\"two\nlines\"\r\n\"say "
            + "\"\"hi\"\"\",-2.5,\r\n\r\nx,0,71\n"
        let sheet = try CSVTable.parse(Data(text.utf8), origin: "t.csv")
        #expect(sheet.rows.map(\.number) == [1, 2, 4, 6])  // the quoted line break counts; the empty line 5 is skipped
        #expect(sheet.rows[1].cells == [.text("coal, imported"), .number(1000), .text("two\nlines")])
        #expect(sheet.rows[2].cells == [.text("say \"hi\""), .number(-2.5), .empty])
        // an unquoted 0,71 is two fields; quoted, "0,71" stays text and is never read as 0.71 or 71
        #expect(sheet.rows[3].cells == [.text("x"), .number(0), .number(71)])
        #expect(
            CSVTable.cell("0,71") == .text("0,71") && CSVTable.cell("1,234") == .text("1,234")
                && CSVTable.cell(" 12 ") == .number(12))
        #expect(throws: TableFileError.self) { try CSVTable.parse(Data("a,\"open\n".utf8), origin: "t.csv") }
        // Read from the bytes: spaces and tabs around a number trimmed, a field of spaces empty, text
        // kept as written, a line of spaces a row of one empty cell, bytes that are not UTF-8 refused
        // with their row.
        let padded = try CSVTable.parse(Data("a,b,c\n 12\t, \t,\" x \"\n   \n".utf8), origin: "p.csv")
        #expect(padded.rows[1].cells == [.number(12), .empty, .text(" x ")])
        #expect(padded.rows.count == 3 && padded.rows[2].cells == [.empty])
        #expect {
            try CSVTable.parse(Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]), origin: "bad.csv")
        } throws: { error in
            "\(error)" == "bad.csv: is not UTF-8 text (row 2); save it as CSV UTF-8"
        }
    }

    @Test func workbookWrittenByAnotherProgram() throws {
        let data = try Data(
            contentsOf: URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
                .deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Scenarios/data/entities.xlsx"))
        let sheet = try XLSXTable.read(data, file: "entities.xlsx", sheet: "entities")
        #expect(sheet.origin == "entities.xlsx, sheet \"entities\"")
        #expect(sheet.rows.count == 11 && sheet.rows.first?.number == 1)
        #expect(sheet.rows[0].cells.first == .text("registration") && sheet.rows[0].cells[4] == .text("output (t)"))
        #expect(
            sheet.rows[1].cells.prefix(5) == [
                .text("CEM-SHEET-001"), .text("Cement works A (synthetic)"), .text("cement"), .text("opc"),
                .number(1_000_000),
            ])
        // the first sheet when none is named; the other sheet by name
        #expect(try XLSXTable.read(data, file: "e.xlsx", sheet: nil).origin == "e.xlsx, sheet \"entities\"")
        #expect(try XLSXTable.read(data, file: "e.xlsx", sheet: "about").rows.count == 1)
        #expect(throws: TableFileError.self) { try XLSXTable.read(Data("not a zip".utf8), file: "e.xlsx", sheet: nil) }
    }

    @Test func headersWithUnitsAndMonths() throws {
        #expect(TableRows.nameAndUnit("quantity (t)") == ("quantity", "t"))
        #expect(TableRows.nameAndUnit(" gas [GJ] ") == ("gas", "GJ"))
        #expect(TableRows.nameAndUnit("fuel") == ("fuel", nil))
        func month(_ cell: SheetData.Cell) -> [Int] { TableRows.month(cell).map { [$0.0, $0.1] } ?? [] }
        #expect(month(.text("2025-04")) == [2025, 4] && month(.text("2026-03-31")) == [2026, 3])
        // Excel serial days: 45748 is 2025-04-01, 45382 is 2024-03-31
        #expect(month(.number(45_748)) == [2025, 4] && month(.number(45_382)) == [2024, 3])
        #expect(TableRows.month(.text("April")) == nil)
    }

    /// libxml2 reads the parts: entities and character references decoded, an empty element has no
    /// end, a document type is refused, broken XML is refused with its line, and an entity that
    /// would expand a billion times is never expanded.
    @Test func xmlPartsThroughLibxml2() throws {
        func events(_ xml: String) throws -> [XMLReader.Event] {
            let reader = try XMLReader(Array(xml.utf8))
            var all: [XMLReader.Event] = []
            while let event = try reader.next() { all.append(event) }
            return all
        }
        let t = try events("<r><t x=\"1 &amp; 2\">a &amp; b &lt;c&gt; &#8377; &#x20B9;</t><e/></r>")
        #expect(
            t == [
                .start(name: "r", attributes: [:], selfClosing: false),
                .start(name: "t", attributes: ["x": "1 & 2"], selfClosing: false), .text("a & b <c> ₹ ₹"),
                .end(name: "t"), .start(name: "e", attributes: [:], selfClosing: true), .end(name: "r"),
            ])
        #expect(throws: XMLReader.Malformed.self) { try events("<r><c>1</r>") }
        do {
            _ = try events("<r>\n<c>1</r>")
            Issue.record("broken XML was read")
        } catch let error as XMLReader.Malformed {
            #expect(error.message.hasPrefix("it is not well-formed XML (line 2:"), "\(error.message)")
        }
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><r>&d;</r>
            """
        // libxml2's own guard stops the expansion ("Detected an entity reference loop"), before ccts
        // would refuse the document type.
        #expect(throws: XMLReader.Malformed.self) { try events(laughs) }
        do {
            _ = try events("<!DOCTYPE r><r/>")
            Issue.record("a document type was read")
        } catch let error as XMLReader.Malformed {
            #expect(error.message.contains("declares a document type"), "\(error.message)")
        }
    }

    /// `where` keeps the rows that match; declared columns are checked before Lua sees a row.
    @Test func recordsFilteredAndChecked() throws {
        let sheet = try CSVTable.parse(
            Data("registration,sector,output (t),note\nA,cement,100,\nB,paper,200,x\nC,cement,\"0,5\",\n".utf8),
            origin: "e.csv")
        let rows = try TableRows(sheet)
        func options(_ fields: [(String, LuaValue)]) throws -> TableOptions {
            try TableOptions(
                .table(LuaTable(fields: fields.map { (name: $0.0, value: $0.1) })), function: "rows_from", file: "e.csv"
            )
        }
        let paper = try rows.records(
            try options([("where", .table(LuaTable(fields: [(name: "sector", value: .string("paper"))])))]))
        #expect(paper.table?.sequence.count == 1)
        let record = try #require(paper.table?.sequence.first?.table)
        #expect(
            record["registration"].string == "B" && record["output"].number == 200
                && record["output_unit"].string == "t" && record["note"].string == "x")
        // C's output is "0,5": declared a number, refused with its place; "note" may be empty when declared "text?"
        let declared = try options([
            (
                "columns",
                .table(
                    LuaTable(fields: [
                        (name: "output", value: .string("number")), (name: "note", value: .string("text?")),
                    ]))
            )
        ])
        #expect(throws: TableFileError.self) { try rows.records(declared) }
        do { _ = try rows.records(declared) } catch {
            #expect(
                "\(error)"
                    == "e.csv, row 4, column \"output\": expected a number, found \"0,5\" (write numbers without a "
                    + "thousands separator and decimals with a point: 5000, 0.71)"
            )
        }
        #expect(throws: TableFileError.self) { try options([("colums", .table(LuaTable()))]) }
    }

    /// A value under no column name is refused with its row and column letter, as the rows are read:
    /// a ragged row (the unquoted decimal comma of `32,9` makes six fields under five names) or a
    /// cell in an unnamed column.
    @Test func aValueUnderNoColumnNameIsRefused() throws {
        func read(_ text: String, _ origin: String) throws {
            try TableRows(SheetRows.csv(Data(text.utf8), origin: origin)).eachDataRow { _ in }
        }
        #expect { try read("month,fuel,quantity,unit,ncv\n2025-04,petcoke,5000,t,32,9\n", "f.csv") } throws: {
            "\($0)".hasPrefix(
                "f.csv, row 2, column F: holds 9 under no column name: the row has more values than the header has "
                    + "columns (5)"
            )
        }
        #expect { try read("fuel,,quantity\ncoal_imported,x,3\n", "g.csv") } throws: {
            "\($0)".hasPrefix("g.csv, row 2, column B: holds \"x\" under no column name; name the column")
        }
        // trailing empty cells are not values
        try read("fuel,quantity\ncoal_imported,3,,\n", "h.csv")
    }

    /// The CSV's rows are handed on one at a time: a header row, then rows read as they are asked
    /// for; the header is found without reading on (a broken quote after it is met only when the
    /// data rows are read).
    @Test func csvRowsAreReadAsTheyAreAskedFor() throws {
        let rows = SheetRows.csv(Data("fuel,quantity\ncoal_imported,3\npetcoke,4\n\"open\n".utf8), origin: "s.csv")
        let table = try TableRows(rows)
        #expect(table.headerRow == 1 && table.columns.map(\.name) == ["fuel", "quantity"])
        var seen: [Int] = []
        #expect(throws: TableFileError.self) { try table.eachDataRow { seen.append($0.number) } }
        #expect(seen == [2, 3])
    }
}
