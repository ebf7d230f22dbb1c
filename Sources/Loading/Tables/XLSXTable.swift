import Foundation
import ZIPFoundation

/// One sheet of an Excel workbook (.xlsx): the workbook's sheet list and relationships locate the
/// sheet's part, shared strings give its texts, each `<c>` gives a cell by its reference (`B7`).
/// Numbers stay numbers; formulas give their cached value; a date cell gives Excel's serial day.
/// Parts larger than ``maximumPartBytes`` unpacked are refused (a small file cannot unpack into
/// gigabytes).
enum XLSXTable {
    static let maximumPartBytes: UInt64 = 128 << 20
    /// Excel's grid: columns A…XFD, rows 1…1,048,576. A reference outside it is refused before any arithmetic.
    static let maximumColumns = 16_384, maximumRows = 1_048_576
    /// Cells a sheet may spread over (each row as wide as its last cell): memory follows the cells kept.
    static let maximumCells = 20_000_000

    // Long: the archive's checks in the order they must run before ZIPFoundation reads the bytes (the leak noted
    // inside).
    static func read(_ data: Data, file: String, sheet wanted: String?) throws -> SheetData {
        // An .xlsx is a zip archive: its first bytes are a local file header ("PK\u{3}\u{4}").
        guard data.count >= 4, data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) else {
            throw TableFileError(file, "is not an Excel workbook (.xlsx is a zip archive; this file is not one)")
        }
        // The end-of-central-directory record (50 4B 05 06) within the last 65,557 bytes, or the archive
        // is cut short: refused here, because ZIPFoundation 0.9.20 leaks its in-memory file, and with it
        // these bytes, when its own check throws.
        let tail = data.suffix(65_557)
        guard tail.count >= 22,
            tail.indices.dropLast(21).contains(where: {
                tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
            })
        else {
            throw TableFileError(
                file, "is a zip archive cut short (no end of its central directory); save the workbook again")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw TableFileError(file, "is not an Excel workbook (.xlsx is a zip archive; this file is not one)")
        }
        func part(_ path: String) throws -> [UInt8]? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= maximumPartBytes else {
                throw TableFileError(
                    file,
                    "holds a part (\(path)) of \(entry.uncompressedSize >> 20) MiB unpacked; the limit is "
                        + "\(maximumPartBytes >> 20) MiB"
                )
            }
            // Counted while inflating: a part that declares a small size and inflates past the limit is
            // stopped there; its CRC-32 is checked against the archive's, whatever the archive says.
            var bytes: [UInt8] = []
            do {
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    guard UInt64(bytes.count + chunk.count) <= maximumPartBytes else { throw PartTooLarge() }
                    bytes.append(contentsOf: chunk)
                }
            } catch is PartTooLarge {
                throw TableFileError(
                    file,
                    "holds a part (\(path)) that inflates past \(maximumPartBytes >> 20) MiB although it declares "
                        + "\(entry.uncompressedSize) bytes; the limit is \(maximumPartBytes >> 20) MiB")
            } catch {
                throw TableFileError(
                    file,
                    "holds a part (\(path)) that cannot be unpacked (\(error)); save the workbook again from Excel or "
                        + "LibreOffice"
                )
            }
            guard Data(bytes).crc32(checksum: 0) == entry.checksum else {
                throw TableFileError(
                    file,
                    "holds a damaged part (\(path)): its CRC-32 does not match the archive's; save the workbook again")
            }
            return bytes
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw TableFileError(
                file, "is a zip archive without xl/workbook.xml; save it from Excel or LibreOffice as .xlsx")
        }
        // sheets in order: name → relationship id
        var sheets: [(name: String, id: String)] = []
        try events(workbook, part: "xl/workbook.xml", file: file) { event in
            if case .start("sheet", let a, _) = event, let name = a["name"], let id = a["r:id"] ?? a["id"] {
                sheets.append((name, id))
            }
        }
        guard !sheets.isEmpty else { throw TableFileError(file, "has no sheet") }
        let chosen: (name: String, id: String)
        if let wanted {
            guard let found = sheets.first(where: { $0.name == wanted }) else {
                throw TableFileError(
                    file,
                    "has no sheet \"\(wanted)\"; its sheets are "
                        + "\(sheets.map { "\"\($0.name)\"" }.joined(separator: ", "))"
                )
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target: String?
        if let rels = try part("xl/_rels/workbook.xml.rels") {
            try events(rels, part: "xl/_rels/workbook.xml.rels", file: file) { event in
                if case .start("Relationship", let a, _) = event, a["Id"] == chosen.id { target = a["Target"] }
            }
        }
        guard let target else { throw TableFileError(file, "sheet \"\(chosen.name)\" has no part in the workbook") }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheetBytes = try part(path) else {
            throw TableFileError(file, "sheet \"\(chosen.name)\": part \(path) is missing")
        }
        let shared = try sharedStrings(try part("xl/sharedStrings.xml"), file: file)
        return SheetData(
            origin: "\(file), sheet \"\(chosen.name)\"",
            rows: try cells(sheetBytes, shared: shared, origin: "\(file), sheet \"\(chosen.name)\"", part: path))
    }

    /// Each event of an XML part, read by libxml2 (``XMLReader``); a part it cannot read is refused
    /// naming the workbook and the part.
    static func events(_ bytes: [UInt8], part: String, file: String, _ body: (XMLReader.Event) throws -> Void) throws {
        do {
            let reader = try XMLReader(bytes)
            while let event = try reader.next() { try body(event) }
        } catch let error as XMLReader.Malformed {
            throw TableFileError(
                file,
                "holds a part (\(part)) that cannot be read: \(error.message); save the workbook again from Excel or "
                    + "LibreOffice")
        }
    }

    static func sharedStrings(_ bytes: [UInt8]?, file: String) throws -> [String] {
        guard let bytes else { return [] }
        var strings: [String] = [], current = "", inText = false, inPhonetic = false
        try events(bytes, part: "xl/sharedStrings.xml", file: file) { event in
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"): strings.append(current)
            case .start("rPh", _, let closed): inPhonetic = !closed
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let closed): inText = !closed
            case .end("t"): inText = false
            case .text(let t) where inText && !inPhonetic: current += t
            default: break
            }
        }
        return strings
    }

    struct PartTooLarge: Error {}

    /// `B7` → (row 7, column 1); nil for anything but at most three letters and seven digits inside
    /// Excel's grid (bounded before any arithmetic, so no reference can overflow).
    static func reference(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in ref.utf8 {
            if byte >= 65, byte <= 90, digits == 0 {
                letters += 1
                guard letters <= 3 else { return nil }
                column = column * 26 + Int(byte - 64)
            } else if byte >= 48, byte <= 57 {
                digits += 1
                guard digits <= 7 else { return nil }
                row = row * 10 + Int(byte - 48)
            } else {
                return nil
            }
        }
        guard letters > 0, digits > 0, column <= maximumColumns, row >= 1, row <= maximumRows else { return nil }
        return (row, column - 1)
    }

    // Long: one streaming pass over a sheet's XML events; the cell being read (reference, type, value) lives across the
    // events of one closure.
    static func cells(_ bytes: [UInt8], shared: [String], origin: String, part: String) throws -> [(
        number: Int, cells: [SheetData.Cell]
    )] {
        var rows: [Int: [Int: SheetData.Cell]] = [:]
        var ref: (row: Int, column: Int)?, type = "n", value = "", inValue = false, inline = "", inInline = false,
            currentRow = 0, nextColumn = 0
        try events(bytes, part: part, file: origin) { event in
            switch event {
            case .start("row", let a, _):
                if let r = a["r"] {
                    guard r.utf8.count <= 7, let number = Int(r), number >= 1, number <= maximumRows else {
                        throw TableFileError(
                            origin, "has a row numbered \"\(r.prefix(20))\", outside Excel's rows 1 to \(maximumRows)")
                    }
                    currentRow = number
                } else {
                    currentRow += 1
                }
                nextColumn = 0
            case .start("c", let a, let closed):
                if let r = a["r"] {
                    guard let parsed = reference(r) else {
                        throw TableFileError(
                            origin, "has a cell at \"\(r.prefix(20))\", outside Excel's grid (A1 to XFD\(maximumRows))")
                    }
                    ref = parsed
                } else {
                    guard nextColumn < maximumColumns, currentRow >= 1 else {
                        throw TableFileError(
                            origin, "row \(currentRow) has more than \(maximumColumns) cells, Excel's limit")
                    }
                    ref = (currentRow, nextColumn)
                }
                type = a["t"] ?? "n"
                value = ""
                inline = ""
                if closed, let r = ref { nextColumn = r.column + 1; ref = nil }
            case .start("v", _, let closed): inValue = !closed
            case .end("v"): inValue = false
            case .start("t", _, let closed): inInline = !closed
            case .end("t"): inInline = false
            case .text(let t) where inValue: value += t
            case .text(let t) where inInline: inline += t
            case .end("c"):
                guard let r = ref else { break }
                let cell: SheetData.Cell
                switch type {
                case "s":
                    guard let i = Int(value), i >= 0, i < shared.count else {
                        throw TableFileError(
                            "\(origin), row \(r.row), column \(SheetData.columnLetter(r.column))",
                            "refers to a shared string that is not in the workbook")
                    }
                    cell = shared[i].isEmpty ? .empty : .text(shared[i])
                case "inlineStr": cell = inline.isEmpty ? .empty : .text(inline)
                case "str", "e", "d": cell = value.isEmpty ? .empty : .text(value)
                case "b": cell = .boolean(value == "1")
                // a number only when finite: "NaN" or "INF" written into a numeric cell stays text and is reported
                default:
                    cell =
                        value.isEmpty
                        ? .empty : (Double(value).flatMap { $0.isFinite ? .number($0) : nil } ?? .text(value))
                }
                rows[r.row, default: [:]][r.column] = cell
                nextColumn = r.column + 1
                ref = nil
            default: break
            }
        }
        // Each row is as wide as its last cell: refused before the cells are laid out when that is too many.
        let spread = rows.values.reduce(0) { $0 + ($1.keys.max() ?? -1) + 1 }
        guard spread <= maximumCells else {
            throw TableFileError(
                origin,
                "spreads over \(spread) cells (each row as wide as its last cell); the limit is \(maximumCells); "
                    + "delete the far-away cells or move the table to a sheet of its own")
        }
        return rows.keys.sorted().map { number in
            let row = rows[number]!
            let width = (row.keys.max() ?? -1) + 1
            return (number, (0..<width).map { row[$0] ?? .empty })
        }
    }
}
