import CCTS
import LuaSandbox

/// A sheet read as a header row and data rows, turned into Lua tables: records (`rows_from`) or
/// activity lines (`lines_from`). Headers may carry a unit: `quantity (t)` or `quantity [t]`.
struct TableRows {
    struct Column {
        var name: String
        var unit: String?
        var index: Int
    }

    let rows: SheetRows
    let columns: [Column]
    let headerRow: Int
    var origin: String { rows.origin }

    /// Reads the header (the first row with a value) and stops there: the data rows are read as
    /// ``eachDataRow(_:)`` asks for them.
    init(_ rows: SheetRows) throws {
        self.rows = rows
        struct Found: Error { var header: SheetRows.Row }
        var header: SheetRows.Row?
        do {
            try rows.forEach { row in
                if row.cells.contains(where: { $0 != .empty }) { throw Found(header: row) }
            }
        } catch let found as Found {
            header = found.header
        }
        guard let header else {
            throw TableFileError(rows.origin, "is empty; expected a header row of column names, then one row per line")
        }
        headerRow = header.number
        var columns: [Column] = []
        for (index, cell) in header.cells.enumerated() {
            let location = "\(rows.origin), row \(header.number), column \(SheetData.columnLetter(index))"
            switch cell {
            case .empty: continue
            case .text(let text):
                let (name, unit) = Self.nameAndUnit(text)
                guard !name.isEmpty else {
                    throw TableFileError(location, "header '\(text)' has no name before its unit")
                }
                guard !columns.contains(where: { $0.name == name }) else {
                    throw TableFileError(location, "column \"\(name)\" appears twice")
                }
                columns.append(Column(name: name, unit: unit, index: index))
            default:
                throw TableFileError(
                    location,
                    "expected a column name in the header row, found a number; the first non-empty row is the header")
            }
        }
        self.columns = columns
    }

    init(_ sheet: SheetData) throws { try self.init(SheetRows.of(sheet)) }

    /// Each row after the header that holds a value, in order. A value under no column name is
    /// refused, never dropped: a ragged row (an unquoted decimal comma splits `32,9` into 32 and 9)
    /// or a value beyond or between the named columns.
    func eachDataRow(_ body: (SheetRows.Row) throws -> Void) throws {
        let named = Set(columns.map(\.index)), last = columns.map(\.index).max() ?? -1
        try rows.forEach { row in
            guard row.number > headerRow, row.cells.contains(where: { $0 != .empty }) else { return }
            if let stray = row.cells.indices.first(where: { !named.contains($0) && row.cells[$0] != .empty }) {
                throw TableFileError(
                    "\(origin), row \(row.number), column \(SheetData.columnLetter(stray))",
                    "holds \(Self.shown(row.cells[stray])) under no column name"
                        + (stray > last
                            ? ": the row has more values than the header has columns (\(columns.count)); "
                                + "an unquoted decimal comma splits a number in two — quote it (\"32,9\") "
                                + "or write 32.9"
                            : "; name the column in the header row, or empty the cell"))
            }
            try body(row)
        }
    }

    /// `quantity (t)` → ("quantity", "t"); `fuel` → ("fuel", nil).
    static func nameAndUnit(_ header: String) -> (String, String?) {
        let text = header.trimmingWhitespace()
        for (open, close) in [("(", ")"), ("[", "]")] where text.hasSuffix(close) {
            if let start = text.lastIndex(of: Character(open)) {
                let unit = String(text[text.index(after: start)..<text.index(before: text.endIndex)])
                    .trimmingWhitespace()
                return (String(text[..<start]).trimmingWhitespace(), unit.isEmpty ? nil : unit)
            }
        }
        return (text, nil)
    }

    func cell(_ row: (number: Int, cells: [SheetData.Cell]), _ column: Column) -> SheetData.Cell {
        column.index < row.cells.count ? row.cells[column.index] : .empty
    }

    func location(_ row: Int, _ column: Column) -> String { "\(origin), row \(row), column \"\(column.name)\"" }

    func column(_ name: String) throws -> Column {
        guard let found = columns.first(where: { $0.name == name }) else {
            throw TableFileError(
                origin,
                "has no column \"\(name)\" in its header (row \(headerRow)); its columns are "
                    + "\(columns.map { "\"\($0.name)\"" }.joined(separator: ", "))"
            )
        }
        return found
    }

    static func value(_ cell: SheetData.Cell) -> LuaValue {
        switch cell {
        case .number(let x): return .number(x)
        case .text(let t): return .string(t)
        case .boolean(let b): return .boolean(b)
        case .empty: return .nil
        }
    }

    static func shown(_ cell: SheetData.Cell) -> String {
        switch cell {
        case .number(let x): return x.shown
        case .text(let t): return "\"\(t)\""
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .empty: return "an empty cell"
        }
    }

    /// Each data row that passes the `where` filters, in order.
    func eachSelected(_ options: TableOptions, _ body: (SheetRows.Row) throws -> Void) throws {
        let filters = try options.filters.map { (try column($0.column), $0.value) }
        try eachDataRow { row in
            let kept = filters.allSatisfy { column, wanted in
                switch (cell(row, column), wanted) {
                case (.text(let t), .string(let w)): return t == w
                case (.number(let x), .number(let w)): return x == w
                case (.boolean(let b), .boolean(let w)): return b == w
                default: return false
                }
            }
            if kept { try body(row) }
        }
    }

    /// One record per row: `{ column = value, … }`; a header's unit as `column_unit`; declared
    /// columns checked (present in the header, of their kind, not empty unless optional).
    func records(_ options: TableOptions) throws -> LuaValue {
        let declared = try options.columns.map { (try column($0.name), $0.kind, $0.optional) }
        var out: [LuaValue] = []
        try eachSelected(options) { row in
            for (column, kind, optional) in declared {
                let value = cell(row, column)
                switch (value, kind) {
                case (.number, .number), (.text, .text): break
                case (.empty, _):
                    if !optional {
                        throw TableFileError(
                            location(row.number, column),
                            "is empty; expected \(kind == .number ? "a number" : "a text")")
                    }
                default:
                    throw TableFileError(
                        location(row.number, column),
                        "expected \(kind == .number ? "a number" : "a text"), found \(Self.shown(value))"
                            + (kind == .number && Self.shown(value).contains(",")
                                ? " (write numbers without a thousands separator and decimals with a point: 5000, 0.71)"
                                : ""))
                }
            }
            var fields: [(name: String, value: LuaValue)] = []
            for column in columns {
                let value = Self.value(cell(row, column))
                if !value.isNil { fields.append((column.name, value)) }
                if let unit = column.unit, !columns.contains(where: { $0.name == column.name + "_unit" }) {
                    fields.append((column.name + "_unit", .string(unit)))
                }
            }
            out.append(.table(LuaTable(fields: fields)))
        }
        return .table(LuaTable(sequence: out))
    }
}
