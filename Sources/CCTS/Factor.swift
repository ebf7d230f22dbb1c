/// How well a rule value is established, as the domain notes classify facts.
public enum RuleStatus: String, Sendable, CaseIterable {
    /// Found in a cited source.
    case verified
    /// A widely cited value not found in the sources consulted; a placeholder to check.
    case unverified
    /// Arithmetic from verified inputs.
    case derived
    /// The scheme's documents are silent; the rule states what it assumes and why.
    case assumption
    /// Made up for illustration (a synthetic portfolio entity); not from any source.
    case synthetic
}

/// Where a rule value comes from and when it may be used.
public struct Provenance: Sendable, Hashable {
    /// The rule's address in the rule set, e.g. `fuels.coal_imported.co2`.
    public var rule: String
    /// The source document(s), e.g. `IPCC 2006 GL Vol 2 Ch 1 Table 1.4`.
    public var source: String
    public var status: RuleStatus
    /// For assumptions: the reasoning; otherwise an optional remark.
    public var note: String?
    public var valid: ValidityPeriod
    /// The file that defined the value (rule file or reform), for the trace.
    public var file: String

    public init(
        rule: String, source: String, status: RuleStatus = .verified, note: String? = nil,
        valid: ValidityPeriod = ValidityPeriod(), file: String = ""
    ) {
        self.rule = rule
        self.source = source
        self.status = status
        self.note = note
        self.valid = valid
        self.file = file
    }
}

/// A number from the rules, with its unit, its published uncertainty range and its provenance.
public struct Factor: Sendable {
    public var value: Double
    public var unit: String
    /// The published (e.g. IPCC 95 %) range, used when factor uncertainty is on.
    public var range: ClosedRange<Double>?
    public var provenance: Provenance

    public init(value: Double, unit: String, range: ClosedRange<Double>? = nil, provenance: Provenance) {
        self.value = value
        self.unit = unit
        self.range = range
        self.provenance = provenance
    }
}

/// The key under which a rule factor is drawn: `factors.fuels.coal_imported.ncv`.
extension Factor {
    public var drawKey: String { "factors." + provenance.rule }
}
