import Foundation

/// A rectangle of cells read from a CSV file or an Excel sheet, with the numbers people see in
/// the file: rows counted from 1 as the spreadsheet shows them, columns by letter.
struct SheetData {
    enum Cell: Equatable {
        case number(Double), text(String), boolean(Bool), empty
    }
    /// Where the cells came from, as errors name it: `fuels.csv` or `entities.xlsx, sheet "cement"`.
    var origin: String
    /// Each row with the row number the spreadsheet shows.
    var rows: [(number: Int, cells: [Cell])]

    /// `A`, `B`, …, `Z`, `AA`, … for column index 0, 1, ….
    static func columnLetter(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

/// A table's rows in order, produced as they are read: a CSV's one at a time from its bytes
/// (``CSVTable/forEachRow(_:origin:_:)``), never all at once; a workbook sheet's from its cells.
struct SheetRows {
    typealias Row = (number: Int, cells: [SheetData.Cell])
    var origin: String
    /// Calls its argument with each row, in order.
    var forEach: (_ body: (Row) throws -> Void) throws -> Void

    static func of(_ sheet: SheetData) -> SheetRows {
        SheetRows(origin: sheet.origin) { body in try sheet.rows.forEach(body) }
    }

    static func csv(_ data: Data, origin: String) -> SheetRows {
        SheetRows(origin: origin) { body in try CSVTable.forEachRow(data, origin: origin) { try body(($0, $1)) } }
    }
}
