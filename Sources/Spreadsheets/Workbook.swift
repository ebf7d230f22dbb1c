import CXlsxWriter
import Foundation

/// An Excel workbook written with libxlsxwriter: sheets of numbers that stay numbers, each column
/// with a number format by its unit, the header row bold and frozen, columns sized to their text.
///
/// Rows of a sheet are written top to bottom (libxlsxwriter's constant-memory mode keeps one row
/// in memory, so a sheet of a million world rows costs no more memory than a sheet of ten).
public final class Workbook {
    /// How a column's numbers are shown; the value in the cell is always the full double.
    public enum NumberStyle: Sendable {
        case integer, decimal(places: Int), inr, percent, text
    }

    public struct Column: Sendable {
        public var title: String
        public var style: NumberStyle
        public init(_ title: String, _ style: NumberStyle = .text) {
            self.title = title
            self.style = style
        }
    }

    /// A cell: a number (in its column's style, or one of its own), a text, or nothing.
    public enum Cell {
        case number(Double), styled(Double, NumberStyle), text(String), empty
    }

    /// Excel's limit of rows in a sheet (header included).
    public static let maximumRows = 1_048_576

    let path: String
    let partial: String
    let workbook: UnsafeMutablePointer<lxw_workbook>
    var header: UnsafeMutablePointer<lxw_format>
    var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    let indianGrouping: Bool
    let rupeeSign: Bool
    var closed = false

    /// - Parameter indianGrouping: INR columns grouped by lakh and crore (1,23,45,678) rather than thousands.
    /// - Parameter rupeeSign: INR amounts shown with the rupee sign (₹1,23,45,678); the cell stays a number.
    public init(path: String, indianGrouping: Bool = false, rupeeSign: Bool = false) throws {
        self.path = path
        self.indianGrouping = indianGrouping
        self.rupeeSign = rupeeSign
        let folder =
            (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SpreadsheetError(file: path, message: "cannot be created: the folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw SpreadsheetError(file: path, message: "cannot be created: the folder \(folder) is not writable")
        }
        // Written beside its place and renamed when complete: a failed export never replaces a good file.
        partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
        guard let workbook = workbook_new_opt(partial, &options) else {
            throw SpreadsheetError(file: path, message: "cannot be created (check the folder exists and is writable)")
        }
        self.workbook = workbook
        header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bg_color(header, 0xF3F3F3)
    }

    deinit {
        // A workbook never closed (an error while writing) leaves no file behind.
        if !closed {
            _ = workbook_close(workbook)
            try? FileManager.default.removeItem(atPath: partial)
        }
    }

    /// The Excel number format of a style.
    func format(_ style: NumberStyle) -> UnsafeMutablePointer<lxw_format>? {
        let code: String
        switch style {
        case .text: return nil
        case .integer: code = "#,##0"
        case .decimal(let places): code = places == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: places)
        case .inr:
            let sign = rupeeSign ? "\"₹\"" : ""
            code =
                indianGrouping
                ? "[>=10000000]\(sign)##\\,##\\,##\\,##0;[>=100000]\(sign)##\\,##\\,##0;\(sign)##,##0" : "\(sign)#,##0"
        case .percent: code = "0.00%"
        }
        if let known = formats[code] { return known }
        let made = workbook_add_format(workbook)!
        format_set_num_format(made, code)
        formats[code] = made
        return made
    }

    /// Adds a sheet with a header row and `rows` (each as many cells as columns), in order.
    public func addSheet(_ name: String, columns: [Column], rows: some Sequence<[Cell]>) throws {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw SpreadsheetError(
                file: path,
                message: "sheet \"\(name)\" cannot be added (a name of at most 31 characters, none of []:*?/\\)")
        }
        var widths = columns.map { Double($0.title.count) }
        let styles = columns.map { format($0.style) }
        for (c, column) in columns.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(c), column.title, header), sheet: name)
        }
        var row: UInt32 = 1
        for cells in rows {
            guard Int(row) < Self.maximumRows else {
                throw SpreadsheetError(
                    file: path,
                    message:
                        "sheet \"\(name)\" would pass Excel's \(Self.maximumRows.formatted()) rows; export it as CSV "
                        + "(--format csv)"
                )
            }
            for (c, cell) in cells.enumerated() where c < columns.count {
                switch cell {
                case .number(let x) where x.isFinite:
                    try check(worksheet_write_number(sheet, row, lxw_col_t(c), x, styles[c]), sheet: name)
                    widths[c] = max(widths[c], Double(Self.shownLength(x, columns[c].style)))
                case .styled(let x, let style) where x.isFinite:
                    try check(worksheet_write_number(sheet, row, lxw_col_t(c), x, format(style)), sheet: name)
                    widths[c] = max(widths[c], Double(Self.shownLength(x, style)))
                case .text(let text):
                    try check(worksheet_write_string(sheet, row, lxw_col_t(c), text, nil), sheet: name)
                    widths[c] = max(widths[c], Double(min(text.count, 80)))
                case .number, .styled, .empty:
                    break
                }
            }
            row += 1
        }
        // Header frozen, columns as wide as their widest value (within reason).
        worksheet_freeze_panes(sheet, 1, 0)
        for (c, width) in widths.enumerated() {
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), min(width + 2, 60), nil)
        }
    }

    /// Writes the file; nothing is on disk before this returns.
    public func close() throws {
        closed = true
        let code = workbook_close(workbook)
        guard code == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(atPath: partial)
            throw SpreadsheetError(file: path, message: "could not be written: \(String(cString: lxw_strerror(code)))")
        }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }

    func check(_ code: lxw_error, sheet: String) throws {
        guard code == LXW_NO_ERROR else {
            throw SpreadsheetError(file: path, message: "sheet \"\(sheet)\": \(String(cString: lxw_strerror(code)))")
        }
    }

    /// About how many characters Excel shows for a value in a style.
    static func shownLength(_ x: Double, _ style: NumberStyle) -> Int {
        let digits = String(Int64(abs(x).rounded())).count
        let grouped = digits + (digits - 1) / 3 + (x < 0 ? 1 : 0)
        switch style {
        case .decimal(let places): return grouped + places + 1
        case .percent: return 8
        default: return grouped
        }
    }
}

/// A spreadsheet that cannot be written or read, in the user's terms: the file, and what went wrong.
public struct SpreadsheetError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file): \(message)" }
}
