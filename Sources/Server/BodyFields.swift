import CommandSupport
import Foundation

/// The fields a request body may have, checked before it is decoded: a misspelt or misplaced
/// field (`iteration`, `measures` on a run) or a null is refused with a 400 naming it, never
/// silently ignored. Types are the decoder's to check.
struct BodyFields {
    /// Field name → the fields of its objects (for a File or an array of Files), or nil for a plain value.
    var fields: [String: [String]?]

    static let file = ["name", "text"]
    static let table = ["name", "text", "base64"]

    /// The first problem in `body` (a decoded JSON object), as "field: what is wrong".
    func problem(in body: Any, what: String) -> String? {
        guard let object = body as? [String: Any] else { return "the body: expected a JSON object" }
        for key in object.keys.sorted() {
            guard let nested = fields[key] else {
                return "\(key): \(what) takes no field \(key); it takes \(fields.keys.sorted().joined(separator: ", "))"
            }
            let value = object[key]!
            if value is NSNull { return "\(key): expected a value, got null (leave the field out instead)" }
            guard let nested else { continue }
            let items: [(String, Any)] =
                (value as? [Any]).map { $0.enumerated().map { ("\(key)[\($0.offset)]", $0.element) } } ?? [(key, value)]
            for (path, item) in items {
                guard let inner = item as? [String: Any] else { continue }  // the decoder names the type
                for innerKey in inner.keys.sorted() where !nested.contains(innerKey) || inner[innerKey] is NSNull {
                    return nested.contains(innerKey)
                        ? "\(path).\(innerKey): expected a value, got null"
                        : "\(path).\(innerKey): a \(nested == Self.file ? "file" : "table") has only "
                            + (nested == Self.file ? "name and text" : "name, and text or base64")
                }
            }
        }
        return nil
    }
}

extension JobRequest {
    /// The fields each kind of job takes.
    static func fields(for kind: String?) -> BodyFields {
        let common: [String: [String]?] = [
            "kind": nil, "rules": BodyFields.file, "reforms": BodyFields.file, "set": nil, "iterations": nil,
            "seed": nil,
            "tables": BodyFields.table,
        ]
        switch kind {
        case "run", "plan": return BodyFields(fields: common.merging(["scenario": BodyFields.file]) { $1 })
        case "compare": return BodyFields(fields: common.merging(["scenarios": BodyFields.file]) { $1 })
        case "pathway":
            return BodyFields(
                fields: common.merging(["scenario": BodyFields.file, "measures": BodyFields.file, "optimise": nil]) {
                    $1
                })
        case "rerun": return BodyFields(fields: ["kind": nil, "run": nil])
        default: return BodyFields(fields: ["kind": nil])
        }
    }
}
