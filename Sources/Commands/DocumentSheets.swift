import Foundation
import Reports
import Spreadsheets

/// Every table a workflow's document holds (`compare`'s rows with their ranges and paired changes,
/// `pathway`'s MAC curve and the sets it searched, `plan`'s instruments, comparisons, values and
/// price sensitivity, …) as sheets: each array of objects under `results` becomes a sheet named
/// after its key, one row per object, one column per value (nested objects and arrays flattened
/// into dotted columns: `base.p5`, `changes[1].low`), with the unit of each column where the
/// document's `units` names one.
enum DocumentSheets {
    struct Sheet {
        var name: String
        var columns: [Workbook.Column]
        var rows: [[Workbook.Cell]]
    }

    /// The sheets of `document` (a command's JSON), leaving out the arrays `skip` names.
    static func sheets(of document: String?, skip: Set<String> = []) -> [Sheet] {
        guard let document, let json = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            let results = json["results"] as? [String: Any]
        else { return [] }
        var sheets: [Sheet] = [], taken: Set<String> = []
        // One table per array of objects; an array of such arrays (compare's entity changes, one per
        // reform) gives one table per inner array.
        var tables: [(key: String, objects: [[String: Any]])] = []
        for key in results.keys.sorted() where !skip.contains(key) {
            if let objects = results[key] as? [[String: Any]] {
                tables.append((key, objects))
            } else if let nested = results[key] as? [[[String: Any]]] {
                tables += nested.enumerated().map { ("\(key) \($0.offset + 1)", $0.element) }
            }
        }
        for (key, objects) in tables where !objects.isEmpty {
            let flattened = objects.map { flatten($0, prefix: "") }
            var names: [String] = []
            for row in flattened { for (name, _) in row where !names.contains(name) { names.append(name) } }
            guard !names.isEmpty else { continue }
            // What a row is comes first: its year, its identifier or name, its unit.
            let leading = ["year", "id", "registration", "name", "instrument", "plan", "change", "aggregate", "unit"]
            names = leading.filter(names.contains) + names.filter { !leading.contains($0) }
            let columns = names.map { name in
                Workbook.Column(name, RunWorkbook.style(unit: OutputSchema.units[leaf(name)]))
            }
            let rows = flattened.map { row -> [Workbook.Cell] in
                let values = Dictionary(row, uniquingKeysWith: { first, _ in first })
                return names.map { name in
                    switch values[name] {
                    case let number as Double: return .number(number)
                    case let text as String: return .text(text)
                    case let flag as Bool: return .text(flag ? "yes" : "no")
                    default: return .empty
                    }
                }
            }
            var name = sheetName(key)
            while taken.contains(name) { name = String(name.prefix(28)) + "~\(taken.count)" }
            taken.insert(name)
            sheets.append(Sheet(name: name, columns: columns, rows: rows))
        }
        return sheets
    }

    /// An object's scalar values under dotted names, in the object's key order (sorted, as ccts writes them).
    static func flatten(_ value: Any, prefix: String) -> [(String, Any)] {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key in
                flatten(object[key]!, prefix: prefix.isEmpty ? key : "\(prefix).\(key)")
            }
        case let array as [Any]:
            return array.enumerated().flatMap { index, element in flatten(element, prefix: "\(prefix)[\(index + 1)]") }
        case let flag as Bool where type(of: value) != Double.self && "\(type(of: value))".contains("Bool"):
            return [(prefix, flag)]
        case let number as NSNumber:
            return [(prefix, number.doubleValue)]
        case let text as String:
            return [(prefix, text)]
        default:
            return []
        }
    }

    /// `base.p5` → `p5`; `changes[1].low` → `low`: the field whose unit the document names.
    static func leaf(_ name: String) -> String {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        return last.split(separator: "[").first.map(String.init) ?? last
    }

    /// A key as a sheet name: at most 31 characters, none of []:*?/\.
    static func sheetName(_ key: String) -> String {
        let cleaned = key.map { "[]:*?/\\".contains($0) ? "_" : $0 }
        return String(String(cleaned).prefix(31))
    }
}
