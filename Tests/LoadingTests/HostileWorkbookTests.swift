import Foundation
@testable import Loading
import Testing
import ZIPFoundation

/// Workbooks made to hurt the reader: every one is refused with the file's name and what is wrong,
/// before memory grows — never a crash, a trap or gigabytes.
@Suite struct HostileWorkbookTests {
    /// A workbook of one sheet whose `<sheetData>` is `cells`, as zip bytes.
    static func workbook(_ sheetData: String, compress: Bool = false, extra: (path: String, bytes: Int)? = nil) throws
        -> Data
    {
        // In memory: ZIPFoundation's file-backed archive leaks its path (LeakSanitizer sees it in make test).
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts = [
            ("xl/workbook.xml", "<workbook><sheets><sheet name=\"s\" r:id=\"rId1\"/></sheets></workbook>"),
            (
                "xl/_rels/workbook.xml.rels",
                "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
            ("xl/worksheets/sheet1.xml", "<worksheet><sheetData>\(sheetData)</sheetData></worksheet>"),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: compress ? .deflate : .none
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        if let extra {
            try archive.addEntry(
                with: extra.path, type: .file, uncompressedSize: Int64(extra.bytes), compressionMethod: .deflate
            ) { _, size in
                Data(count: size)
            }
        }
        return try #require(archive.data)
    }

    /// `data` with every occurrence of `old` (little-endian UInt32) replaced by `new`.
    static func patched(_ data: Data, _ old: UInt32, _ new: UInt32) -> Data {
        let from = withUnsafeBytes(of: old.littleEndian) { Array($0) },
            to = withUnsafeBytes(of: new.littleEndian) { Array($0) }
        var bytes = [UInt8](data), i = 0
        while i + 4 <= bytes.count {
            if Array(bytes[i..<(i + 4)]) == from {
                bytes.replaceSubrange(i..<(i + 4), with: to); i += 4
            } else {
                i += 1
            }
        }
        return Data(bytes)
    }

    func refusal(_ data: Data) -> String {
        do {
            _ = try XLSXTable.read(data, file: "hostile.xlsx", sheet: nil)
            return "read without complaint"
        } catch {
            return "\(error)"
        }
    }

    @Test func aSaneWorkbookStillReads() throws {
        let sheet = try XLSXTable.read(
            try Self.workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"C1\"><v>3</v></c></row>"), file: "ok.xlsx",
            sheet: nil)
        #expect(sheet.rows.first?.cells == [.number(1), .empty, .number(3)])
    }

    /// A 15-letter column would overflow a 64-bit column number (26¹⁵ > 2⁶³): refused before any arithmetic.
    @Test func referencesOutsideTheGridAreRefused() throws {
        let overflow = refusal(try Self.workbook("<row r=\"2\"><c r=\"ZZZZZZZZZZZZZZZ2\"><v>1</v></c></row>"))
        #expect(
            overflow.contains("hostile.xlsx, sheet \"s\"")
                && overflow.contains("has a cell at \"ZZZZZZZZZZZZZZZ2\", outside Excel's grid"), "\(overflow)")
        // AAAAAAA is column 26⁶ + … ≈ 321 million, far past XFD (16,384): refused, not laid out
        let far = refusal(try Self.workbook("<row r=\"1\"><c r=\"AAAAAAA1\"><v>1</v></c></row>"))
        #expect(far.contains("has a cell at \"AAAAAAA1\", outside Excel's grid (A1 to XFD1048576)"), "\(far)")
        // XFE is column 16,385, one past Excel's last
        #expect(
            refusal(try Self.workbook("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")).contains("outside Excel's grid")
        )
        let row = refusal(try Self.workbook("<row r=\"99999999999\"><c><v>1</v></c></row>"))
        #expect(row.contains("has a row numbered \"99999999999\", outside Excel's rows 1 to 1048576"), "\(row)")
    }

    /// 1,300 rows each with one cell at XFD spread over 1,300 × 16,384 = 21,299,200 cells, past the
    /// 20,000,000 limit: refused before they are laid out.
    @Test func aSheetSpreadOverTooManyCellsIsRefused() throws {
        let rows = (1...1_300).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        let message = refusal(try Self.workbook(rows))
        #expect(
            message.contains("spreads over 21299200 cells (each row as wide as its last cell); the limit is 20000000"),
            "\(message)")
    }

    /// A part whose CRC-32 no longer matches its bytes is damaged: refused, naming the part.
    @Test func aDamagedPartIsRefused() throws {
        let xml = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"
        let crc = Data(xml.utf8).crc32(checksum: 0)
        let damaged = Self.patched(
            try Self.workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), crc, crc ^ 0xFFFF_FFFF)
        let message = refusal(damaged)
        #expect(
            message.contains("holds a damaged part (xl/worksheets/sheet1.xml): its CRC-32 does not match"), "\(message)"
        )
    }

    /// A part that declares 4,096 bytes and inflates to 129 MiB is stopped at the 128 MiB limit while inflating.
    @Test func aPartThatLiesAboutItsSizeIsStopped() throws {
        let size = 129 << 20
        let book = try Self.workbook(
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", extra: ("xl/sharedStrings.xml", size))
        let message = refusal(Self.patched(book, UInt32(size), 4_096))
        #expect(
            message.contains(
                "holds a part (xl/sharedStrings.xml) that inflates past 128 MiB although it declares 4096 bytes"),
            "\(message)")
    }
}
