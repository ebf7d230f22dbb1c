/// Collects, while the lifecycle runs, the trace steps, the warnings, and every
/// rule used outside its validity period.
///
/// Tracing can be switched off (Monte Carlo worlds do not need it); validity is
/// always checked, because a silently stale factor is the classic failure of
/// such tools.
final class Recorder {
    let year: ComplianceYear
    let tracing: Bool
    private(set) var steps: [TraceStep] = []
    private(set) var warnings: [String] = []
    private(set) var staleRules: [String] = []

    init(year: ComplianceYear, tracing: Bool) {
        self.year = year
        self.tracing = tracing
    }

    func step(stage: String, title: String, formula: String, inputs: [TraceValue], result: TraceValue, note: String? = nil) {
        guard tracing else { return }
        steps.append(TraceStep(stage: stage, title: title, formula: formula, inputs: inputs, result: result, note: note))
    }

    func warn(_ message: String) {
        if !warnings.contains(message) { warnings.append(message) }
    }

    /// Notes the use of a rule value, checks its validity for the year, and returns its citation.
    @discardableResult
    func use(_ factor: Factor) -> String { use(factor.provenance) }

    @discardableResult
    func use(_ provenance: Provenance) -> String {
        if !provenance.valid.covers(year) {
            let message = "\(provenance.rule) is valid \(provenance.valid) but is used for \(year) (\(provenance.source))"
            if !staleRules.contains(message) {
                staleRules.append(message)
                warn(message)
            }
        }
        return provenance.citation
    }
}
