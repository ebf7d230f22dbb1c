/// Where an entity's GEI target for a year comes from: the notified schedule in
/// the rules, else the scenario's own statement.
public enum Targets {
    /// The target for `year`, with a citation; nil when neither rules nor scenario give one.
    public static func target(for entity: Entity, in year: ComplianceYear, rules: RuleSet) -> (
        gei: Double, origin: String, provenance: Provenance?
    )? {
        if let notified = rules.target(for: entity.registration), let factor = notified.target(for: year) {
            return (factor.value, factor.provenance.citation, factor.provenance)
        }
        if let own = entity.ownTargets.first(where: { $0.year == year }) {
            return (own.gei, "scenario (entity.targets)", nil)
        }
        return nil
    }

    /// The baseline: the rules' notified one, else the scenario's.
    public static func baseline(for entity: Entity, rules: RuleSet) -> Baseline? {
        rules.target(for: entity.registration)?.baseline ?? entity.baseline
    }
}
