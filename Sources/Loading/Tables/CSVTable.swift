import Foundation

/// CSV as RFC 4180 writes it: fields separated by commas, quoted with double quotes when they hold
/// a comma, a quote or a line break (a quote inside doubled), lines ending in LF or CRLF; a UTF-8
/// byte-order mark is skipped. A field is a number only when all of it reads as one in the C
/// locale (`1234.5`, `-3`, `2e6`); `0,71` or `1,234` stay text, so a decimal comma is reported,
/// never misread.
enum CSVTable {
    /// One pass over the file's bytes, field by field: no copy of the text is made (a 30 MB file was
    /// first copied into a String and walked scalar by scalar: 19 s), each field decoded from its
    /// bytes as it ends, each row handed to `body` as it ends and not kept. The bytes themselves
    /// stay in memory because the run keeps them.
    static func forEachRow(
        _ data: Data, origin: String, _ body: (_ number: Int, _ cells: [SheetData.Cell]) throws -> Void
    ) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var parser = Parser(origin: origin)
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while i < bytes.count {
                i = try parser.step(bytes, at: i, body)
            }
            try parser.finish(body)
        }
    }

    /// Every row at once (tests, and small files).
    static func parse(_ data: Data, origin: String) throws -> SheetData {
        var rows: [(number: Int, cells: [SheetData.Cell])] = []
        try forEachRow(data, origin: origin) { rows.append(($0, $1)) }
        return SheetData(origin: origin, rows: rows)
    }

    /// The state of one pass: the row being read, the field's bytes, whether inside quotes.
    struct Parser {
        let origin: String
        var fields: [SheetData.Cell] = []
        var field: [UInt8] = []
        var quoted = false, inQuotes = false
        var line = 1, rowLine = 1

        init(origin: String) { self.origin = origin }

        /// Reads the byte at `i` (and the one after a quote inside quotes); returns where to go on.
        mutating func step(
            _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ body: (Int, [SheetData.Cell]) throws -> Void
        ) throws -> Int {
            let c = bytes[i]
            if inQuotes {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(c)
                        return i + 2
                    }
                    inQuotes = false
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    field.append(c)
                }
                return i + 1
            }
            switch c {
            case UInt8(ascii: ","): try endField()
            case UInt8(ascii: "\""):
                guard field.isEmpty, !quoted else {
                    throw TableFileError(
                        "\(origin), row \(rowLine)",
                        "has a quote inside an unquoted field; quote the whole field and double the quote (\"\"like "
                            + "this\"\")"
                    )
                }
                inQuotes = true
                quoted = true
            case UInt8(ascii: "\r"): break
            case UInt8(ascii: "\n"):
                try endRow(body)
                line += 1
                rowLine = line
            default: field.append(c)
            }
            return i + 1
        }

        mutating func endField() throws {
            let cell = try field.withUnsafeBufferPointer { bytes -> SheetData.Cell? in
                guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
                return CSVTable.cell(text, bytes: bytes)
            }
            guard let cell else {
                throw TableFileError(origin, "is not UTF-8 text (row \(rowLine)); save it as CSV UTF-8")
            }
            fields.append(cell)
            field.removeAll(keepingCapacity: true)
            quoted = false
        }

        mutating func endRow(_ body: (Int, [SheetData.Cell]) throws -> Void) throws {
            // A line with nothing on it (not even spaces) is no row.
            let blank = fields.isEmpty && field.isEmpty
            try endField()
            if !blank { try body(rowLine, fields) }
            fields.removeAll(keepingCapacity: true)
        }

        mutating func finish(_ body: (Int, [SheetData.Cell]) throws -> Void) throws {
            if inQuotes { throw TableFileError("\(origin), row \(rowLine)", "has a quoted field that never closes") }
            if !field.isEmpty || !fields.isEmpty { try endRow(body) }
        }
    }

    /// ``cell(_:)`` from the field's bytes too: spaces and tabs trimmed and the number test made on
    /// the bytes (Foundation's trimming was a third of the time of a large file).
    static func cell(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> SheetData.Cell {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return .empty }
        let numeric = (start..<end).allSatisfy { k in
            let b = bytes[k]
            return (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E || b == 0x45 || b == 0x65
        }
        if numeric, let x = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)),
            x.isFinite
        {
            return .number(x)
        }
        return .text(text)
    }

    /// A field as a number when all of it is one, else text; empty stays empty.
    static func cell(_ text: String) -> SheetData.Cell {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .empty }
        if let x = Double(trimmed), x.isFinite, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) {
            return .number(x)
        }
        return .text(text)
    }
}

/// A table file that cannot be read, in the user's terms: where (file, sheet, row, column) and what was expected.
struct TableFileError: Error, CustomStringConvertible {
    var location: String
    var message: String
    init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }
    var description: String { "\(location): \(message)" }
}
