import Foundation
import LuaSandbox

/// One rule value a reform or `--set` changed: where, from what, to what, by whom.
public struct RuleChange: Sendable, Equatable {
    /// Field path in the rule set, e.g. `verification.materiality`.
    public var path: String
    public var old: String
    public var new: String
    /// The reform's name, or `--set path=value`.
    public var by: String
    public var file: String

    /// Every leaf that differs between two snapshots of the rules, with field paths.
    public static func differences(from old: LuaValue, to new: LuaValue, by: String, file: String) -> [RuleChange] {
        var changes: [RuleChange] = []
        compare(old, new, path: "", into: &changes, by: by, file: file)
        return changes
    }

    private static func compare(
        _ a: LuaValue, _ b: LuaValue, path: String, into changes: inout [RuleChange], by: String, file: String
    ) {
        switch (a, b) {
        case (.table(let x), .table(let y)):
            let names = Set(x.fieldNames).union(y.fieldNames).filter { !$0.hasPrefix("__") }.sorted()
            for name in names {
                compare(x[name], y[name], path: join(path, name), into: &changes, by: by, file: file)
            }
            for index in 0..<max(x.sequence.count, y.sequence.count) {
                let left = index < x.sequence.count ? x.sequence[index] : .nil
                let right = index < y.sequence.count ? y.sequence[index] : .nil
                compare(left, right, path: "\(path)[\(index + 1)]", into: &changes, by: by, file: file)
            }
        case (.function, .function):
            return  // a function cannot be compared; a replaced function still shows in its provenance
        case (.number(let x), .number(let y)):
            // compared as numbers, shown as people write them (0.69 × 0.98 = 0.6762, not 0.6761999999999999)
            if x != y { changes.append(RuleChange(path: path, old: render(a), new: render(b), by: by, file: file)) }
        default:
            let old = render(a), new = render(b)
            if old != new { changes.append(RuleChange(path: path, old: old, new: new, by: by, file: file)) }
        }
    }

    /// Whether two field paths name the same value or one lies inside the other
    /// (`compliance.price["2025-26"]` and `compliance.price["2025-26"][1]`).
    static func overlaps(_ a: String, _ b: String) -> Bool {
        func inside(_ x: String, _ y: String) -> Bool { x == y || x.hasPrefix(y + ".") || x.hasPrefix(y + "[") }
        return inside(a, b) || inside(b, a)
    }

    /// `a.b.range` → `a.b`; `a["x"].c` → `a["x"]`; a path of one name → nil.
    static func parent(of path: String) -> String? {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }), cut > path.startIndex else { return nil }
        return String(path[..<cut])
    }

    static func join(_ path: String, _ name: String) -> String {
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(name.first?.isNumber ?? true)
        if path.isEmpty { return plain ? name : "[\"\(name)\"]" }
        return plain ? "\(path).\(name)" : "\(path)[\"\(name)\"]"
    }

    static func render(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let b): return "\(b)"
        case .number(let x):
            // ten significant digits: a reform's arithmetic shows as the value it meant, not its binary residue
            return x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.10g", x)
        case .string(let s): return "\"\(s)\""
        case .function: return "function"
        case .table: return "table"
        }
    }
}
