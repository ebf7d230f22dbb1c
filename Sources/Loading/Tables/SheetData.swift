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
