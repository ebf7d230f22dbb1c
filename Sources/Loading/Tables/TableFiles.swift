import CCTS
import Foundation
import LuaSandbox

/// The CSV and Excel files that scenario and portfolio files read with `rows_from` and
/// `lines_from` (README: tables as inputs). Swift reads them, never Lua; only files inside the
/// folder of the file that names them (no absolute path, no `..`, no link leading out), of at most
/// ``maximumBytes``. Every file read is kept, name and bytes, so that the run store can keep it
/// and a re-run reads the same bytes (``Source/stored(_:)``).
public final class TableFiles {
    public enum Source {
        /// Read from disk, beside the file that names them.
        case disk
        /// A stored run's tables by name: nothing is read from disk.
        case stored([String: Data])
    }

    public static let maximumBytes = 32 << 20

    let source: Source
    /// The scenario or portfolio file running now; nil while rule files and reforms run (they read no tables).
    var current: SourceFile?
    /// Every table file read, in the order first read.
    public private(set) var read: [(name: String, bytes: Data)] = []
    /// Per monthly file: the compliance years `lines_from(…, { year = … })` asked of it, the rows
    /// left out by one call or another, and whether a call allowed rows of other years.
    private var monthly: [String: (years: Set<String>, skipped: [Int: SkippedYear], allowOthers: Bool)] = [:]

    public init(source: Source = .disk) {
        self.source = source
    }

    /// Tables read, by name (a name read twice keeps its first bytes): what ``Source/stored(_:)``
    /// takes, so that a further load reads the bytes the first read.
    public static func byName(_ read: [(name: String, bytes: Data)]) -> [String: Data] {
        Dictionary(read.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })
    }

    /// Offers `rows_from` and `lines_from` to the prelude of `lua`. The state keeps this object
    /// alive (it holds no reference back), so a rule function that calls them later, while worlds
    /// run, gets the same clear refusal as a rule file, never a dangling reference.
    func install(in lua: LuaState) {
        lua.provide("rows") { arguments in self.call(arguments, lines: false) }
        lua.provide("lines") { arguments in self.call(arguments, lines: true) }
    }

    func call(_ arguments: [LuaValue], lines: Bool) -> Result<LuaValue, HostFailure> {
        do {
            let function = lines ? "lines_from" : "rows_from"
            guard let name = arguments.first?.string else {
                throw TableFileError(
                    function,
                    "expects a file name in quotes first, e.g. "
                        + "\(function)(\"\(lines ? "fuels.csv" : "entities.xlsx")\")"
                )
            }
            let options = try TableOptions(arguments.count > 1 ? arguments[1] : .nil, function: function, file: name)
            let (recorded, bytes) = try load(name)
            let rows: SheetRows
            if recorded.lowercased().hasSuffix(".xlsx") {
                rows = .of(try XLSXTable.read(bytes, file: recorded, sheet: options.sheet))
            } else {
                if let wanted = options.sheet {
                    throw TableFileError(
                        recorded, "is CSV, which has no sheets; sheet = \"\(wanted)\" applies to .xlsx files")
                }
                // Read row by row as the lines or records are built: the rows are never all held.
                rows = .csv(bytes, origin: recorded)
            }
            let table = try TableRows(rows)
            guard lines, let year = options.year else {
                return .success(lines ? try table.lines(options) : try table.records(options))
            }
            var entry = monthly[recorded] ?? ([], [:], false)
            entry.years.insert(year.description)
            entry.allowOthers = entry.allowOthers || options.skipOtherYears
            let result = try table.lines(options) { entry.skipped[$0.year, default: SkippedYear(first: $0)].add($0) }
            monthly[recorded] = entry
            return .success(result)
        } catch let error as TableFileError {
            return .failure(HostFailure(error.description))
        } catch {
            return .failure(HostFailure("\(error)"))
        }
    }

    /// The file `name` names, relative to the folder of the file running now: its name as
    /// recorded (that folder joined with `name`) and its bytes.
    func load(_ name: String) throws -> (String, Data) {
        guard let current else {
            throw TableFileError(name, "only scenario and portfolio files read tables; rule files and reforms cannot")
        }
        let lower = name.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx") else {
            throw TableFileError(name, "is neither .csv nor .xlsx; save the table as CSV (UTF-8) or Excel workbook")
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !name.hasPrefix("~"), !name.contains("\\"), !parts.contains(".."),
            !parts.contains("")
        else {
            throw TableFileError(
                name, "must be a path inside the folder of \(current.name) (no absolute path, no .., no ~)")
        }
        let folder = (current.name as NSString).deletingLastPathComponent
        let recorded = folder.isEmpty ? name : folder + "/" + name
        if let seen = read.first(where: { $0.name == recorded }) { return (recorded, seen.bytes) }
        let bytes: Data
        switch source {
        case .stored(let files):
            guard let stored = files[recorded] else {
                throw TableFileError(recorded, "is not among the run's stored tables; the run was made without it")
            }
            bytes = stored
        case .disk:
            let base = URL(fileURLWithPath: (current.path ?? current.name) as String).deletingLastPathComponent()
            let file = base.appendingPathComponent(name)
            let realBase = base.resolvingSymlinksInPath().standardizedFileURL.path
            let realFile = file.resolvingSymlinksInPath().standardizedFileURL.path
            guard realFile.hasPrefix(realBase.hasSuffix("/") ? realBase : realBase + "/") else {
                throw TableFileError(
                    recorded, "leads outside the folder of \(current.name) (a link); copy the table into that folder")
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: realFile)
            guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular else {
                throw TableFileError(recorded, "no such file (looked beside \(current.name))")
            }
            // A hard link is the same file under another name, which may be a file outside the folder:
            // a table with more than one name is refused (a symbolic link is resolved above).
            if let names = (attributes[.referenceCount] as? NSNumber)?.intValue, names > 1 {
                throw TableFileError(
                    recorded,
                    "has \(names) names (a hard link), so it may be a file outside the folder of \(current.name); "
                        + "copy the table into that folder")
            }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            guard size <= Self.maximumBytes else {
                throw TableFileError(
                    recorded, "is \(size >> 20) MiB; tables are read up to \(Self.maximumBytes >> 20) MiB")
            }
            guard let data = FileManager.default.contents(atPath: realFile) else {
                throw TableFileError(recorded, "cannot be read")
            }
            bytes = data
        }
        read.append((recorded, bytes))
        return (recorded, bytes)
    }
}

/// A monthly row one `lines_from(…, { year = … })` call left out: its month is in another year.
/// Its words are made only when a refusal shows them (a large sheet skips half a million rows).
struct MonthlyRow {
    var row: Int
    var origin: String
    /// The compliance year its month falls in, by its first calendar year (April to March).
    var year: Int
    var cell: SheetData.Cell
    /// `file, row N, column "month"`.
    var location: String { "\(origin), row \(row), column \"month\"" }
    var shown: String { TableRows.shown(cell) }
}

/// The rows of one compliance year that `lines_from` calls of a file left out: the first (the one a
/// refusal names) and how many, with their numbers (a row two calls skip counts once).
struct SkippedYear {
    var first: MonthlyRow
    var rows: Set<Int> = []

    mutating func add(_ row: MonthlyRow) {
        rows.insert(row.row)
        if row.row < first.row { first = row }
    }
}

extension TableFiles {
    /// After the file that read them has run: every monthly row falls in a compliance year some
    /// `lines_from` of its file asked for. A row of no asked year (a month typed `2024-04` for
    /// `2025-04`) is refused naming its file, row and column — it was dropped without a word —
    /// unless a call said `other_years = "skip"`; then the skipped rows are counted in a warning.
    /// - Parameter readBy: the scenario file whose `lines_from` read them, which the refusal names first.
    /// - Returns: the warnings for the files whose other years were skipped.
    public func checkMonthlyRows(readBy scenario: String) throws -> [Warning] {
        var warnings: [Warning] = []
        for (file, entry) in monthly.sorted(by: { $0.key < $1.key }) {
            let years = entry.skipped.filter { !entry.years.contains(ComplianceYear(startYear: $0.key).description) }
            let stray = years.values.reduce(into: Set<Int>()) { $0.formUnion($1.rows) }.sorted()
            guard let first = years.values.map(\.first).min(by: { $0.row < $1.row }) else { continue }
            let asked = entry.years.sorted().joined(separator: ", ")
            if entry.allowOthers {
                warnings.append(
                    Warning(
                        .rowsSkipped,
                        "\(file): \(stray.count) monthly row\(stray.count == 1 ? "" : "s") of months outside \(asked) "
                            + "skipped "
                            + "(other_years = \"skip\"): row\(stray.count == 1 ? "" : "s") "
                            + "\(stray.prefix(10).map(String.init).joined(separator: ", "))"
                            + (stray.count > 10 ? ", …" : "")))
                continue
            }
            throw InputError(
                file: scenario, path: "",
                message:
                    "\(first.location): \(first.shown) falls in \(ComplianceYear(startYear: first.year).description), "
                    + "which no lines_from of "
                    + "\(file) asks for (it asks for \(asked)); correct the month, or let lines_from skip other years "
                    + "with "
                    + "other_years = \"skip\" (they are then counted in a warning)"
                    + (stray.count > 1 ? "; \(stray.count - 1) more row\(stray.count == 2 ? "" : "s") like it" : ""))
        }
        return warnings
    }
}

/// The options of `rows_from` and `lines_from`.
struct TableOptions {
    enum Kind: String { case number, text }
    var sheet: String?
    /// Declared columns: their kind and whether an empty cell is allowed.
    var columns: [(name: String, kind: Kind, optional: Bool)] = []
    /// Keep only rows whose column equals the value.
    var filters: [(column: String, value: LuaValue)] = []
    /// Sum monthly rows (`month` column) that fall in this compliance year.
    var year: ComplianceYear?
    /// `other_years = "skip"`: rows of compliance years no call of the file asks for are skipped
    /// (and counted in a warning) instead of refused.
    var skipOtherYears = false

    init(_ value: LuaValue, function: String, file: String) throws {
        guard case .table(let t) = value else {
            guard value.isNil else {
                throw TableFileError(
                    "\(function)(\"\(file)\", …)", "expects its options as a table, e.g. { sheet = \"cement\" }")
            }
            return
        }
        let known =
            function == "lines_from" ? ["sheet", "where", "year", "other_years"] : ["sheet", "where", "columns"]
        for (name, option) in t.fields {
            guard known.contains(name) else {
                throw TableFileError(
                    "\(function)(\"\(file)\", …)",
                    "has no option '\(name)'; its options are \(known.joined(separator: ", "))")
            }
            switch (name, option) {
            case ("sheet", .string(let s)): sheet = s
            case ("year", .string(let y)):
                guard let parsed = ComplianceYear(y) else {
                    throw TableFileError(
                        "\(function)(\"\(file)\", …)", "year '\(y)' is not a compliance year such as 2025-26")
                }
                year = parsed
            case ("where", .table(let w)): filters = w.fields.map { ($0.name, $0.value) }
            case ("other_years", .string(let policy)):
                guard policy == "skip" else {
                    throw TableFileError(
                        "\(function)(\"\(file)\", …)",
                        "other_years is '\(policy)'; the one choice is \"skip\" (without it, a row of another year is "
                            + "an error)"
                    )
                }
                skipOtherYears = true
            case ("columns", .table(let c)):
                for (column, kind) in c.fields {
                    guard case .string(var text) = kind else {
                        throw TableFileError(
                            "\(function)(\"\(file)\", …)",
                            "columns.\(column) must be \"number\", \"text\", \"number?\" or \"text?\"")
                    }
                    let optional = text.hasSuffix("?")
                    if optional { text.removeLast() }
                    guard let k = Kind(rawValue: text) else {
                        throw TableFileError(
                            "\(function)(\"\(file)\", …)",
                            "columns.\(column) is '\(text)'; expected \"number\", \"text\", \"number?\" or \"text?\"")
                    }
                    columns.append((column, k, optional))
                }
            default:
                throw TableFileError(
                    "\(function)(\"\(file)\", …)",
                    "option '\(name)' has the wrong type (sheet, year and other_years are strings; where and columns "
                        + "are tables)"
                )
            }
        }
    }
}
