import Foundation
import CCTS
import LuaSandbox

/// Turns the rules table the rule files built into a typed ``RuleSet``, checking every field.
///
/// Each entry may carry `source`, `status`, `note`, `reasoning` and `valid`; its
/// factors inherit them unless they state their own. Every value marked
/// `status = "assumption"` must give its `reasoning`, and is listed among the
/// assumptions in force.
struct RuleSetDecoder {
    let lua: LuaState
    let changes: [RuleChange]
    var assumptions: [Assumption] = []
    /// Blends met while decoding refrigerants: components with mass fractions, and the file.
    var blends: [String: (parts: [(component: String, fraction: Double, path: String)], file: String)] = [:]

    init(lua: LuaState, changes: [RuleChange]) {
        self.lua = lua
        self.changes = changes
    }

    /// Inherited metadata of the entry being decoded.
    struct Context {
        var rule: String
        var source: String
        var status: RuleStatus
        var note: String?
        var reasoning: String?
        var valid: ValidityPeriod
        var file: String
    }

    mutating func decode(_ root: LuaValue, files: [String], reforms: [String]) throws -> RuleSet {
        // A section missing from every file is reported against the rule files as a whole.
        let rules = try TableReader(
            root, path: "",
            file: "rule files (\(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")))")
        let fuels = try entries(rules, "fuels") { try fuel($0, $1) }
        let materials = try entries(rules, "materials") { try material($0, $1) }
        let declared = try entries(rules, "refrigerants") { try refrigerant($0, $1) }
        let grids = try entries(rules, "grids") { try grid($0, $1) }
        let heat = try entries(rules, "heat") { try heatSource($0, $1) }
        let anodeEffects = try entries(rules, "anode_effects") { try anodeEffect($0, $1) }
        let gwpSets = try entries(rules, "gwp") { try gwpSet($0, $1) }
        let inForce = try gwpInForce(rules, known: gwpSets.map(\.name))
        let refrigerants = try resolveBlends(declared, sets: gwpSets.map(\.name))
        let sectors = try entries(rules, "sectors") { try sector($0, $1) }
        let targets = try self.targets(rules, sectors: sectors.map(\.id))
        let curves = try entries(rules, "abatement") { try abatementCurve($0, $1, sectors: sectors.map(\.id)) }
        let verification = try self.verification(rules)
        let compliance = try self.compliance(rules)
        try explicitAssumptions(rules)
        _ = rules.value("__kind")
        try rules.finish()
        var ruleSet = RuleSet(
            fuels: fuels, materials: materials, refrigerants: refrigerants, grids: grids, heat: heat,
            gwpSets: gwpSets, gwpInForce: inForce.set, gwpProvenance: inForce.provenance, sectors: sectors,
            targets: targets, verification: verification, compliance: compliance,
            assumptions: assumptions, files: files, reforms: reforms)
        ruleSet.anodeEffects = anodeEffects
        ruleSet.abatementCurves = curves
        return ruleSet
    }

    /// Decodes each entry of the map `rules[name]` (keyed by id) with `decode`.
    func entries<T>(_ rules: TableReader, _ name: String, _ decode: (String, TableReader) throws -> T) throws -> [T] {
        guard let map = try rules.optionalTable(name) else { return [] }
        return try map.entries().map { key, value, path in
            let reader = try TableReader(value, path: path, file: fileOf(value))
            let result = try decode(key, reader)
            try reader.finish()
            return result
        }
    }

    func fileOf(_ value: LuaValue) -> String {
        value.table?["__file"].string ?? "rule files"
    }

    // MARK: Metadata and factors

    /// Reads the provenance fields of an entry, inheriting from `parent`.
    mutating func context(_ reader: TableReader, rule: String, parent: Context? = nil) throws -> Context {
        let statusText = try reader.optionalString("status")
        var status = parent?.status ?? .verified
        if let statusText {
            guard let parsed = RuleStatus(rawValue: statusText) else {
                throw reader.error(
                    "status", "'\(statusText)' is not a status",
                    suggestion: NameSuggestion.hint(
                        for: statusText, in: RuleStatus.allCases.map(\.rawValue), noun: "statuses"))
            }
            status = parsed
        }
        let source = try reader.optionalString("source") ?? parent?.source
        guard let source else {
            throw reader.error(
                "source", "is missing; every rule value needs the document it comes from",
                suggestion: "add source = \"…\" (for an assumption, say so and give reasoning)")
        }
        let valid = try validity(reader) ?? parent?.valid ?? ValidityPeriod()
        let note = try reader.optionalString("note")
        let ownReasoning = try reader.optionalString("reasoning")
        let reasoning = ownReasoning ?? (statusText == nil ? parent?.reasoning : nil)
        if status == .assumption, reasoning == nil {
            throw reader.error(
                "reasoning", "is missing; a value with status = \"assumption\" must say why it is assumed")
        }
        let context = Context(
            rule: rule, source: source, status: status, note: note ?? parent?.note, reasoning: reasoning,
            valid: valid, file: reader.file)
        if status == .assumption, ownReasoning != nil || statusText != nil {
            assumptions.append(Assumption(rule: rule, statement: source, reasoning: reasoning ?? "", file: reader.file))
        }
        return context
    }

    func validity(_ reader: TableReader) throws -> ValidityPeriod? {
        guard let valid = try reader.optionalTable("valid") else { return nil }
        func day(_ name: String) throws -> CalendarDay? {
            guard let text = try valid.optionalString(name) else { return nil }
            guard let day = CalendarDay(text) else {
                throw valid.error(name, "'\(text)' is not a date; expected \"YYYY-MM-DD\"")
            }
            return day
        }
        let period = ValidityPeriod(from: try day("from"), to: try day("to"))
        try valid.finish()
        return period
    }

    func provenance(_ context: Context) -> Provenance {
        var provenance = Provenance(
            rule: context.rule, source: context.source, status: context.status,
            note: context.reasoning ?? context.note, valid: context.valid, file: context.file)
        let touched = changes.filter {
            $0.path == context.rule || $0.path.hasPrefix(context.rule + "[") || $0.path.hasPrefix(context.rule + ".")
        }
        if let change = touched.last {
            provenance.source = "changed by \(change.by) (\(change.file)): was \(change.old) — \(context.source)"
            provenance.file = change.file
        }
        return provenance
    }

    /// A factor written `{ value, "unit", range = {lo, hi}, source = … }` or as a bare number
    /// (then in the canonical unit), converted to `canonical`.
    mutating func factor(
        _ reader: TableReader, _ name: String, canonical: String, parent: Context, required: Bool = true
    ) throws -> Factor? {
        let rule = RuleChange.join(parent.rule, name)
        switch reader.value(name) {
        case .nil:
            if required { throw reader.error(name, "is missing; expected { value, \"\(canonical)\" }") }
            return nil
        case .number(let x):
            guard x.isFinite else { throw reader.error(name, "is \(x.shown); expected a finite number") }
            var context = parent
            context.rule = rule
            return Factor(value: x, unit: canonical, provenance: provenance(context))
        case .table(let table):
            let inner = TableReader(table, path: reader.fieldPath(name), file: reader.file)
            guard table.sequence.count == 2, case .number(let raw) = table.sequence[0],
                case .string(let unit) = table.sequence[1]
            else {
                throw reader.error(name, "expected { value, \"\(canonical)\" }, e.g. { 25.8, \"\(canonical)\" }")
            }
            guard raw.isFinite else { throw reader.error(name, "value is \(raw.shown); expected a finite number") }
            guard let multiplier = FactorUnit.multiplier(from: unit, to: canonical) else {
                throw inner.error(
                    "unit",
                    "'\(unit)' is not a unit for this factor; expected "
                        + "\(FactorUnit.spellings(for: canonical).joined(separator: ", "))",
                    suggestion: NameSuggestion.hint(for: unit, in: FactorUnit.spellings(for: canonical), noun: "units"))
            }
            var range: ClosedRange<Double>?
            if let bounds = try inner.optionalTable("range") {
                let values = bounds.table.sequence.compactMap(\.number)
                guard values.count == 2, values[0] <= raw, raw <= values[1] else {
                    // named at the range itself (not `range[""]`), so a --set or reform that moved the
                    // value outside it is the one blamed
                    let given =
                        values.count == 2
                        ? "is { \(values[0].shown), \(values[1].shown) }, which does not hold the value \(raw.shown): "
                        : ""
                    throw inner.error("range", given + "expected { low, high } with low ≤ \(raw.shown) ≤ high")
                }
                range = (values[0] * multiplier)...(values[1] * multiplier)
            }
            let context = try self.context(inner, rule: rule, parent: parent)
            try inner.finish()
            return Factor(value: raw * multiplier, unit: canonical, range: range, provenance: provenance(context))
        case let other:
            throw reader.error(name, "expected { value, \"\(canonical)\" }, got \(TableReader.describe(other))")
        }
    }

    func nonNegative(_ factor: Factor, _ reader: TableReader, _ name: String) throws -> Factor {
        guard factor.value >= 0 else { throw reader.error(name, "is \(factor.value); expected a value ≥ 0") }
        return factor
    }
}
