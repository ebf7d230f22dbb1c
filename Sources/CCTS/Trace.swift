/// One named number that went into, or came out of, a step.
public struct TraceValue: Sendable {
    public var name: String
    public var value: Double
    public var unit: String
    /// Where the number came from: a rule address with its source, "scenario", "Type II (scenario)", …
    public var origin: String
    /// A yes/no fact (stored as 1/0 in `value`), shown as "yes" or "no".
    public var isFlag = false

    public init(_ name: String, _ value: Double, _ unit: String, origin: String = "") {
        self.name = name
        self.value = value
        self.unit = unit
        self.origin = origin
    }

    /// A yes/no fact of a step, e.g. whether a misstatement is material.
    public init(flag name: String, _ value: Bool, origin: String = "") {
        self.init(name, value ? 1 : 0, "", origin: origin)
        isFlag = true
    }
}

/// One step of the computation as an auditor reads it: formula, inputs, result.
public struct TraceStep: Sendable {
    /// Lifecycle stage: monitoring, production, verification, compliance, ledger.
    public var stage: String
    public var title: String
    public var formula: String
    public var inputs: [TraceValue]
    public var result: TraceValue
    public var note: String?

    public init(
        stage: String, title: String, formula: String, inputs: [TraceValue], result: TraceValue, note: String? = nil
    ) {
        self.stage = stage
        self.title = title
        self.formula = formula
        self.inputs = inputs
        self.result = result
        self.note = note
    }
}

extension Provenance {
    /// `fuels.coal_imported.co2 — IPCC 2006 … [assumption]`, as the trace shows a rule.
    public var citation: String {
        var text = "\(rule) — \(source)"
        if status != .verified { text += " [\(status.rawValue)]" }
        return text
    }
}
