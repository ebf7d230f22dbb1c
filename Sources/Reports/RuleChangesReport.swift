/// The rule changes of a run (reforms and `--set`), listed in the text output, with the ones
/// that cannot affect it said plainly: a regulator must never read "no effect" where the truth
/// is "not applied".
public enum RuleChangesReport {
    /// - Parameters:
    ///   - reforms: names of the reforms applied (one that changed nothing is named too).
    ///   - scenarioStatesTargets: the scenario states its own targets (said when a target change is unused).
    public static func render(_ changes: [OutcomeJSON.Change], reforms: [String], scenarioStatesTargets: Bool) -> String
    {
        let idle = reforms.filter { name in !changes.contains { $0.by == "reform '\(name)'" } }
        guard !changes.isEmpty || !idle.isEmpty else { return "" }
        var lines = ["", "Rule changes:"]
        for change in changes {
            var line = "\(change.path): \(change.old) → \(change.new) (\(change.by))"
            if !change.used {
                line += " — changed but not used: no year of this run reads it"
                if change.path.hasPrefix("targets"), scenarioStatesTargets {
                    line += "; the scenario states its own targets"
                }
                if change.path.hasPrefix("compliance.price") { line += "; the scenario states its own market price" }
            }
            lines.append(line.wrapped(width: 100, first: "  - ", rest: "    "))
        }
        for name in idle { lines.append("  - reform '\(name)' changed no rule value") }
        return lines.joined(separator: "\n")
    }
}
