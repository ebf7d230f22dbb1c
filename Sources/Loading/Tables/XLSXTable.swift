import Foundation
import ZIPFoundation

/// One sheet of an Excel workbook (.xlsx): the workbook's sheet list and relationships locate the
/// sheet's part, shared strings give its texts, each `<c>` gives a cell by its reference (`B7`).
/// Numbers stay numbers; formulas give their cached value; a date cell gives Excel's serial day.
/// Parts larger than ``maximumPartBytes`` unpacked are refused (a small file cannot unpack into
/// gigabytes).
enum XLSXTable {
    static let maximumPartBytes: UInt64 = 128 << 20

    static func read(_ data: Data, file: String, sheet wanted: String?) throws -> SheetData {
        // An .xlsx is a zip archive: its first bytes are a local file header ("PK\u{3}\u{4}").
        guard data.count >= 4, data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) else {
            throw TableFileError(file, "is not an Excel workbook (.xlsx is a zip archive; this file is not one)")
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
                throw TableFileError(file, "holds a part (\(path)) of \(entry.uncompressedSize >> 20) MiB unpacked; the limit is \(maximumPartBytes >> 20) MiB")
            }
            var bytes: [UInt8] = []
            _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(contentsOf: chunk) }
            return bytes
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw TableFileError(file, "is a zip archive without xl/workbook.xml; save it from Excel or LibreOffice as .xlsx")
        }
        // sheets in order: name → relationship id
        var sheets: [(name: String, id: String)] = []
        var scanner = XMLScanner(workbook)
        while let event = scanner.next() {
            if case .start("sheet", let a, _) = event, let name = a["name"], let id = a["r:id"] ?? a["id"] { sheets.append((name, id)) }
        }
        guard !sheets.isEmpty else { throw TableFileError(file, "has no sheet") }
        let chosen: (name: String, id: String)
        if let wanted {
            guard let found = sheets.first(where: { $0.name == wanted }) else {
                throw TableFileError(file, "has no sheet \"\(wanted)\"; its sheets are \(sheets.map { "\"\($0.name)\"" }.joined(separator: ", "))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target: String?
        if let rels = try part("xl/_rels/workbook.xml.rels") {
            var r = XMLScanner(rels)
            while let event = r.next() {
                if case .start("Relationship", let a, _) = event, a["Id"] == chosen.id { target = a["Target"] }
            }
        }
        guard let target else { throw TableFileError(file, "sheet \"\(chosen.name)\" has no part in the workbook") }
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheetBytes = try part(path) else { throw TableFileError(file, "sheet \"\(chosen.name)\": part \(path) is missing") }
        let shared = try sharedStrings(try part("xl/sharedStrings.xml"))
        return SheetData(origin: "\(file), sheet \"\(chosen.name)\"", rows: try cells(sheetBytes, shared: shared, origin: "\(file), sheet \"\(chosen.name)\""))
    }

    static func sharedStrings(_ bytes: [UInt8]?) throws -> [String] {
        guard let bytes else { return [] }
        var strings: [String] = [], current = "", inText = false, inPhonetic = false
        var scanner = XMLScanner(bytes)
        while let event = scanner.next() {
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

    /// `B7` → (row 7, column 1).
    static func reference(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, digits = ""
        for ch in ref {
            if let v = ch.asciiValue, v >= 65, v <= 90, digits.isEmpty { column = column * 26 + Int(v - 64) } else if ch.isNumber { digits.append(ch) } else { return nil }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (row, column - 1)
    }

    static func cells(_ bytes: [UInt8], shared: [String], origin: String) throws -> [(number: Int, cells: [SheetData.Cell])] {
        var rows: [Int: [Int: SheetData.Cell]] = [:]
        var scanner = XMLScanner(bytes)
        var ref: (row: Int, column: Int)?, type = "n", value = "", inValue = false, inline = "", inInline = false, currentRow = 0, nextColumn = 0
        while let event = scanner.next() {
            switch event {
            case .start("row", let a, _):
                currentRow = a["r"].flatMap { Int($0) } ?? currentRow + 1
                nextColumn = 0
            case .start("c", let a, let closed):
                ref = a["r"].flatMap(reference) ?? (currentRow, nextColumn)
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
                        throw TableFileError("\(origin), row \(r.row), column \(SheetData.columnLetter(r.column))", "refers to a shared string that is not in the workbook")
                    }
                    cell = shared[i].isEmpty ? .empty : .text(shared[i])
                case "inlineStr": cell = inline.isEmpty ? .empty : .text(inline)
                case "str", "e", "d": cell = value.isEmpty ? .empty : .text(value)
                case "b": cell = .boolean(value == "1")
                // a number only when finite: "NaN" or "INF" written into a numeric cell stays text and is reported
                default: cell = value.isEmpty ? .empty : (Double(value).flatMap { $0.isFinite ? .number($0) : nil } ?? .text(value))
                }
                rows[r.row, default: [:]][r.column] = cell
                nextColumn = r.column + 1
                ref = nil
            default: break
            }
        }
        return rows.keys.sorted().map { number in
            let row = rows[number]!
            let width = (row.keys.max() ?? -1) + 1
            return (number, (0..<width).map { row[$0] ?? .empty })
        }
    }
}
