import Foundation
import CCTS
import DefaultRules
import LuaSandbox

/// Where a run's rules come from.
public enum RuleSource: Sendable, Equatable {
    /// The set compiled into the binary (`Rules/default`).
    case builtIn
    /// A folder of `.lua` rule files (`--rules DIR`).
    case directory(String)

    /// The files of the set, in load order.
    public func files() throws -> [SourceFile] {
        switch self {
        case .builtIn:
            return BuiltInRuleFiles.files.map { SourceFile(name: "default/\($0.name)", text: $0.text) }
        case .directory(let path):
            return try SourceFile.directory(path)
        }
    }
}

/// Loads rule files, reforms and `--set` overrides into one Lua state and
/// decodes the result into a ``RuleSet``.
///
/// Order: the prelude (constructors), each rule file, each reform in the order
/// given, each `--set`; then the whole table is checked and typed. A reform is
/// a function from the base rules to new rules, applied to this run's own
/// copy: nothing is shared between runs.
public struct RuleSetLoader {
    public let lua: LuaState
    /// The tables the declaration files read (nil: they read none).
    var tables: TableFiles?

    public init(lua: LuaState, tables: TableFiles? = nil) {
        self.lua = lua
        self.tables = tables
    }

    /// Creates a state with the engine's prelude installed; scenario and portfolio files run in it
    /// read their CSV and Excel tables through `tables`.
    public static func makeState(budget: LuaBudget, tables: TableFiles = TableFiles()) throws -> LuaState {
        let lua = try LuaState(budget: budget)
        tables.install(in: lua)
        try lua.installPrelude(String(decoding: PackageResources.prelude_lua, as: UTF8.self), chunk: "(prelude)")
        return lua
    }

    /// Runs a scenario or portfolio file (one that may read tables) and returns its values.
    static func runDeclaring(_ file: SourceFile, lua: LuaState, tables: TableFiles?) throws -> [LuaValue] {
        try lua.callInternal("set_current_file", [.string(file.name)])
        tables?.current = file
        defer { tables?.current = nil }
        return try lua.run(file.text, chunk: file.name)
    }

    /// Loads and decodes.
    /// - Returns: the rule set and every value the reforms and overrides changed.
    /// - Parameter declarations: files run after the rule files and before the reforms, whose
    ///   returned values come back in `declared` (a portfolio declares its entities' targets this way,
    ///   so that a reform can change them as it changes notified ones).
    public func load(
        rules: [SourceFile], declarations: [SourceFile] = [], reforms: [SourceFile] = [],
        sets: [String] = []
    ) throws -> (RuleSet, [RuleChange], declared: [LuaValue]) {
        for file in rules { try runFile(file) }
        var declared: [LuaValue] = []
        for file in declarations {
            declared.append(try Self.runDeclaring(file, lua: lua, tables: tables).first ?? .nil)
        }
        var changes: [RuleChange] = []
        var reformNames: [String] = []
        for file in reforms {
            let before = try lua.callInternal("reform_count", []).first?.number ?? 0
            try runFile(file)
            let after = try lua.callInternal("reform_count", []).first?.number ?? 0
            guard after > before else {
                throw InputError(
                    file: file.name, path: "", message: "defines no reform",
                    suggestion: "write reform \"name\" (function(rules) … end)")
            }
            for index in Int(before) + 1...Int(after) {
                let snapshot = try currentRules()
                let applied = try lua.callInternal("apply_reform", [.number(Double(index))], chunk: file.name)
                let name = applied.first?.string ?? file.name
                reformNames.append(name)
                let after: LuaValue
                do {
                    after = try currentRules()
                } catch {
                    // the rules cannot be read back as rules (a key that is neither a name nor a whole
                    // number, `rules[1.5] = 1`): the reform that just ran wrote it, so it is named
                    throw InputError(
                        file: file.name, path: "",
                        message: "reform '\(name)' left the rules unreadable: \(Self.detail(of: error))",
                        suggestion: "write rules by their names, e.g. rules.verification.materiality = 0.05")
                }
                changes += RuleChange.differences(from: snapshot, to: after, by: "reform '\(name)'", file: file.name)
            }
        }
        for assignment in sets {
            let snapshot = try currentRules()
            try apply(assignment, to: snapshot)
            changes += RuleChange.differences(
                from: snapshot, to: try currentRules(), by: "--set \(assignment)", file: "--set")
        }
        var decoder = RuleSetDecoder(lua: lua, changes: changes)
        let ruleSet: RuleSet
        do {
            ruleSet = try decoder.decode(
                try currentRules(), files: rules.map(\.name) + reforms.map(\.name), reforms: reformNames)
        } catch var error as InputError {
            // A value refused where a --set or a reform put it is that --set's or reform's fault: say so.
            // (or beside it: a factor's range refuses the value a --set wrote into `co2[1]`)
            let parent = RuleChange.parent(of: error.path)
            let blamed = changes.last { change in
                RuleChange.overlaps(change.path, error.path)
                    || parent.map { RuleChange.overlaps(change.path, $0) } == true
            }
            if let change = blamed {
                error.message +=
                    " (the value \(change.by.hasPrefix("--set") ? "given by" : "set by") \(change.by); it was "
                    + "\(change.old))"
                error.file = change.by.hasPrefix("--set") ? change.by : change.file
            }
            throw error
        }
        return (ruleSet, changes, declared)
    }

    func runFile(_ file: SourceFile) throws {
        try lua.callInternal("set_current_file", [.string(file.name)])
        do {
            try lua.run(file.text, chunk: file.name)
        } catch let error as LuaError {
            throw error
        }
    }

    /// An error's message without the engine's own label (`(engine): …`), for a message of the user's file.
    static func detail(of error: Error) -> String {
        let text = "\(error)"
        return text.hasPrefix("(engine): ") ? String(text.dropFirst("(engine): ".count)) : text
    }

    func currentRules() throws -> LuaValue {
        try lua.callInternal("rules", []).first ?? .nil
    }

    /// Applies `path=value` after checking that the path exists (with a suggestion when it does not).
    func apply(_ assignment: String, to rules: LuaValue) throws {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw InputError(
                file: "--set", path: assignment, message: "expected path=value, e.g. verification.materiality=0.05")
        }
        let path = String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)
        let text = String(assignment[assignment.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        let segments = try RulePath.segments(path)
        var node = rules
        var walked: [String] = []
        for (depth, segment) in segments.enumerated() {
            guard case .table(let table) = node else {
                throw InputError(
                    file: "--set", path: path, message: "'\(walked.joined(separator: "."))' is a value, not a table")
            }
            let next =
                Int(segment).flatMap { $0 >= 1 && $0 <= table.sequence.count ? table.sequence[$0 - 1] : nil }
                ?? table[segment]
            // A rule whose value is nil by default (compliance.banking.max_carried) may be set: the
            // rule set's own checks then judge the name and the value, blaming this --set.
            let settingAnAbsentLeaf = depth == segments.count - 1 && Int(segment) == nil && !segments.dropLast().isEmpty
            if next.isNil && !settingAnAbsentLeaf {
                let names = table.fieldNames.filter { !$0.hasPrefix("__") }
                throw InputError(
                    file: "--set", path: path,
                    message: "no rule '\(segment)' under '\(walked.isEmpty ? "rules" : walked.joined(separator: "."))'",
                    suggestion: NameSuggestion.hint(for: segment, in: names, noun: "names there"))
            }
            walked.append(segment)
            node = next
        }
        let value: LuaValue
        if let number = Double(text) {
            value = .number(number)
        } else if text == "true" || text == "false" {
            value = .boolean(text == "true")
        } else {
            value = .string(text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
        }
        let keys = segments.map { Int($0).map { LuaValue.number(Double($0)) } ?? .string($0) }
        try lua.callInternal("set_path", [.table(LuaTable(sequence: keys)), value], chunk: "--set")
    }
}

/// Parses rule paths written `compliance.banking.allowed` or `targets.cement["X-1"].gei["2026-27"]`.
enum RulePath {
    static func segments(_ path: String) throws -> [String] {
        var segments: [String] = []
        var current = ""
        // a `.` right after `]` (`targets.cement["X"].gei`) follows a segment; any other needs a name before it
        var afterBracket = false
        var index = path.startIndex
        while index < path.endIndex {
            let c = path[index]
            if c == "." {
                guard !current.isEmpty || afterBracket else {
                    let character = path.distance(from: path.startIndex, to: index) + 1
                    throw InputError(
                        file: "--set", path: path, message: "has no name before the '.' at character \(character)",
                        suggestion: "write one name between dots, e.g. compliance.banking.max_carried")
                }
                if !current.isEmpty { segments.append(current); current = "" }
                afterBracket = false
            } else if c == "[" {
                if !current.isEmpty { segments.append(current); current = "" }
                guard let close = path[index...].firstIndex(of: "]") else {
                    throw InputError(file: "--set", path: path, message: "unclosed '['")
                }
                let inner = path[path.index(after: index)..<close].trimmingCharacters(
                    in: CharacterSet(charactersIn: "\"'"))
                segments.append(inner)
                index = close
                afterBracket = true
            } else {
                current.append(c)
                afterBracket = false
            }
            index = path.index(after: index)
        }
        guard !path.hasSuffix(".") else {
            throw InputError(
                file: "--set", path: path, message: "ends with '.'; expected a rule name after it",
                suggestion: "e.g. compliance.banking.max_carried")
        }
        if !current.isEmpty { segments.append(current) }
        guard !segments.isEmpty else { throw InputError(file: "--set", path: path, message: "empty rule path") }
        return segments
    }
}
