import CCTS
import Foundation
import LuaSandbox

/// Reads typed fields out of a converted Lua table, with the field path in every error.
///
/// Tracks which fields were read so that ``finish()`` can refuse a field it does
/// not know (a misspelt `quantitty` is an error with a suggestion, not silently ignored).
final class TableReader {
    let table: LuaTable
    let path: String
    /// The file errors name: the Lua file, or for a line read from a spreadsheet
    /// (`lines_from`) its place there, `fuels.csv, row 5`.
    let file: String
    /// The spreadsheet columns of a line's name, quantity and unit (a line from `lines_from`).
    let columns: [String]
    let fromSheet: Bool
    private var read: Set<String> = ["__file", "__kind", "__origin", "__columns"]

    init(_ table: LuaTable, path: String, file: String) {
        self.table = table
        self.path = path
        if let origin = table["__origin"].string {
            // a line from a table names the scenario that read it, then the table's rows and column
            self.file = "\(file): \(origin)"
            fromSheet = true
            columns = table["__columns"].table?.sequence.compactMap(\.string) ?? []
        } else {
            self.file = file
            fromSheet = false
            columns = []
        }
    }

    /// Where element `k` (1-based) of a positional line is: `[2]`, or in a spreadsheet `column "quantity"`.
    func element(_ k: Int) -> String {
        fromSheet ? "column \"\(k <= columns.count ? columns[k - 1] : String(k))\"" : path + "[\(k)]"
    }

    /// A reader for `value`, which must be a table.
    convenience init(_ value: LuaValue, path: String, file: String) throws {
        guard case .table(let table) = value else {
            throw InputError(
                file: file, path: path, message: "expected a table { … }, got \(TableReader.describe(value))")
        }
        self.init(table, path: path, file: file)
    }

    func fieldPath(_ name: String) -> String {
        if fromSheet { return "column \"\(name)\"" }
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(name.first?.isNumber ?? true)
        let key = plain ? ".\(name)" : "[\"\(name)\"]"
        return path.isEmpty ? (plain ? name : key) : path + key
    }

    func error(_ name: String, _ message: String, suggestion: String? = nil) -> InputError {
        InputError(file: file, path: fieldPath(name), message: message, suggestion: suggestion)
    }

    func value(_ name: String) -> LuaValue {
        read.insert(name)
        return table[name]
    }

    func has(_ name: String) -> Bool { !table[name].isNil }

    func string(_ name: String) throws -> String {
        guard let text = try optionalString(name) else { throw error(name, "is missing; expected a string") }
        return text
    }

    func optionalString(_ name: String) throws -> String? {
        switch value(name) {
        case .nil: return nil
        case .string(let s): return s
        case let other: throw error(name, "expected a string, got \(Self.describe(other))")
        }
    }

    func number(_ name: String) throws -> Double {
        guard let x = try optionalNumber(name) else { throw error(name, "is missing; expected a number") }
        return x
    }

    func optionalNumber(_ name: String) throws -> Double? {
        switch value(name) {
        case .nil: return nil
        case .number(let x):
            guard x.isFinite else { throw error(name, "is \(x.shown); expected a finite number") }
            return x
        case let other: throw error(name, "expected a number, got \(Self.describe(other))")
        }
    }

    func boolean(_ name: String, default fallback: Bool) throws -> Bool {
        switch value(name) {
        case .nil: return fallback
        case .boolean(let b): return b
        case let other: throw error(name, "expected true or false, got \(Self.describe(other))")
        }
    }

    func optionalTable(_ name: String) throws -> TableReader? {
        switch value(name) {
        case .nil: return nil
        case .table(let t): return TableReader(t, path: fieldPath(name), file: t["__file"].string ?? file)
        case let other: throw error(name, "expected a table { … }, got \(Self.describe(other))")
        }
    }

    func table(_ name: String) throws -> TableReader {
        guard let reader = try optionalTable(name) else { throw error(name, "is missing; expected a table { … }") }
        return reader
    }

    func strings(_ name: String) throws -> [String] {
        guard let list = try optionalTable(name) else { return [] }
        return try list.table.sequence.enumerated().map { index, element in
            guard case .string(let s) = element else {
                throw InputError(
                    file: file, path: "\(list.path)[\(index + 1)]",
                    message: "expected a string, got \(Self.describe(element))")
            }
            return s
        }
    }

    func compliance(_ name: String) throws -> ComplianceYear {
        guard let year = try optionalComplianceYear(name) else {
            throw error(name, "is missing; expected a year such as \"2025-26\"")
        }
        return year
    }

    func optionalComplianceYear(_ name: String) throws -> ComplianceYear? {
        guard let text = try optionalString(name) else { return nil }
        guard let year = ComplianceYear(text) else {
            throw error(name, "'\(text)' is not a compliance year; expected the form \"2025-26\" (2000-01 to 2099-00)")
        }
        return year
    }

    /// The table's named entries as (key, reader) pairs, for maps keyed by id or year.
    func entries() throws -> [(key: String, value: LuaValue, path: String)] {
        table.fields.filter { !$0.name.hasPrefix("__") }.map { ($0.name, $0.value, fieldPath($0.name)) }
    }

    /// The entries of a map keyed by compliance year (`{ ["2025-26"] = …, … }`), each key checked.
    func yearEntries() throws -> [(year: ComplianceYear, key: String, value: LuaValue, path: String)] {
        try entries().map { key, value, path in
            guard let year = ComplianceYear(key) else {
                throw InputError(
                    file: file, path: path,
                    message: "'\(key)' is not a compliance year; expected the form \"2025-26\" (2000-01 to 2099-00)")
            }
            return (year, key, value, path)
        }
    }

    /// Refuses fields that were never read, with the nearest known name.
    func finish(known extra: [String] = []) throws {
        let known = Array(read) + extra
        for name in table.fieldNames where !read.contains(name) && !extra.contains(name) {
            let candidates = known.filter { !$0.hasPrefix("__") }.sorted()
            throw InputError(
                file: file, path: fieldPath(name), message: "unknown field '\(name)'",
                suggestion: NameSuggestion.hint(for: name, in: candidates, noun: "fields here"))
        }
        if !table.otherKeys.isEmpty {
            throw InputError(
                file: file, path: path, message: "has numbered entries with gaps; write a plain list { a, b, c }")
        }
    }

    /// The largest GEI a target or baseline may state, tCO2e/t: far above any sector's (aluminium
    /// smelters are near 13), low enough that credits stay finite.
    static let largestGEI = 1000.0

    /// A GEI (target or baseline), tCO2e/t: above 0, at most ``largestGEI``.
    func intensity(_ name: String) throws -> Double {
        let x = try number(name)
        try Self.checkIntensity(x) { throw error(name, $0) }
        return x
    }

    static func checkIntensity(_ x: Double, fail: (String) throws -> Void) throws {
        if !(x > 0 && x <= largestGEI) {
            try fail("is \(x.shown); expected a GEI above 0 and at most \(largestGEI.shown) tCO2e/t")
        }
    }

    /// The widest ratio allowed between a baseline GEI and a target of the same entity. Targets are
    /// set a few per cent a year below their baselines (the notified trajectories move by under 2 %
    /// a year), so a factor of 2 either way is no trajectory but a typing slip: 73 for 0.73, a
    /// percentage for a fraction, kg for t. An assumption of ccts, not a rule of the scheme.
    static let baselineTargetRatio = 2.0

    /// Refuses a baseline GEI that no target of the same entity could follow (see
    /// ``baselineTargetRatio``), suggesting the power of ten that would make them agree.
    static func checkBaseline(
        _ baseline: Double, against targets: [(year: ComplianceYear, gei: Double)],
        fail: (String, String?) throws -> Void
    ) throws {
        for (year, target) in targets {
            let ratio = baseline / target
            guard ratio > baselineTargetRatio || ratio < 1 / baselineTargetRatio else { continue }
            let power = (log10(ratio)).rounded()
            let scaled = baseline / pow(10, power)
            let agrees = power != 0 && scaled / target <= baselineTargetRatio && target / scaled <= baselineTargetRatio
            let times = Double(String(format: "%.3g", ratio))!.shown
            try fail(
                "is \(baseline.shown), but the \(year) target is \(target.shown) (\(times)× "
                    + "the target); a target is set a few per cent from its baseline, so one of them is mistyped",
                agrees ? "did you mean \(Double(String(format: "%.10g", scaled))!.shown)?" : nil)
            return
        }
    }

    static func describe(_ value: LuaValue) -> String {
        switch value {
        case .string(let s): return "the string \"\(s.count > 60 ? s.prefix(60) + "…" : Substring(s))\""
        case .number(let x): return "the number \(x.shown)"
        case .boolean(let b): return "\(b)"
        default: return "a \(value.typeName)"
        }
    }
}
