import Foundation

/// CSV as RFC 4180 writes it: fields separated by commas, quoted with double quotes when they hold
/// a comma, a quote or a line break (a quote inside doubled), lines ending in LF or CRLF; a UTF-8
/// byte-order mark is skipped. A field is a number only when all of it reads as one in the C
/// locale (`1234.5`, `-3`, `2e6`); `0,71` or `1,234` stay text, so a decimal comma is reported,
/// never misread.
enum CSVTable {
    static func parse(_ data: Data, origin: String) throws -> SheetData {
        guard var text = String(data: data, encoding: .utf8) else {
            throw TableFileError(origin, "is not UTF-8 text; save it as CSV UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [(number: Int, cells: [SheetData.Cell])] = []
        var fields: [String] = [], field = "", quoted = false, inQuotes = false, line = 1, rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endField() {
            fields.append(field)
            field = ""
            quoted = false
        }
        func endRow() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                rows.append((rowLine, fields.map { cell($0) }))
            }
            fields = []
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let after = next() {
                        if after == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false; pending = after
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",": endField()
            case "\"":
                guard field.isEmpty, !quoted else {
                    throw TableFileError(
                        "\(origin), row \(rowLine)",
                        "has a quote inside an unquoted field; quote the whole field and double the quote (\"\"like this\"\")"
                    )
                }
                inQuotes = true
                quoted = true
            case "\r": break
            case "\n":
                endRow()
                line += 1
                rowLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw TableFileError("\(origin), row \(rowLine)", "has a quoted field that never closes") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return SheetData(origin: origin, rows: rows)
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
