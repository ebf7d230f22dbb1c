import CCTS

/// One world of a scenario through the one evaluator, with its full outcome: the deterministic
/// run (every input at its expected value) or world I of a Monte Carlo run.
///
/// ```swift
/// let outcome = try Evaluation.expected(scenario, rules: rules)          // ccts run
/// let (world, draws) = try Evaluation.world(89_416, seed: 1, scenario, rules: rules)  // ccts explain --world
/// ```
public enum Evaluation {
    /// The scenario at expected values.
    /// - Parameter tracing: keep the step-by-step trace (`ccts explain`).
    /// - Throws: ``InputError`` naming the file and field (see ``PlanCompiler/compile(_:)`` and
    ///   ``Plan/lifecycle(world:_:monitored:monitoredAhead:into:column:recorder:)``), or a rule function's error.
    public static func expected(_ scenario: Scenario, rules: RuleSet, strict: Bool = false, tracing: Bool = true) throws
        -> ScenarioOutcome
    {
        let plan = try PlanCompiler(rules: rules, strict: strict).compile(scenario)
        let scratch = Scratch(plan: plan)
        plan.fillExpected(scratch)
        return try plan.outcome(world: -1, scratch: scratch, scenario: scenario, rules: rules, tracing: tracing)
    }

    /// World `world` of the run with `seed`, with every value drawn (uncertain inputs and fuel-mix lines).
    public static func world(
        _ world: Int, seed: UInt64, scenario: Scenario, rules: RuleSet, strict: Bool = false,
        factorUncertainty: Bool = false, tracing: Bool = true
    ) throws -> (outcome: ScenarioOutcome, draws: [(key: String, value: Double)]) {
        let plan = try PlanCompiler(rules: rules, factorUncertainty: factorUncertainty, strict: strict).compile(
            scenario)
        let scratch = Scratch(plan: plan)
        plan.drawBlock(world..<(world + 1), seed: seed, scratch: scratch)
        let v = scratch.world(0)
        var draws = plan.uncertainSlots.map { (key: plan.inputKeys[Int($0)], value: v[Int($0)]) }
        for (m, mix) in plan.mixes.enumerated() {
            for (i, name) in plan.mixFuels[m].enumerated() {
                draws.append(("\(plan.mixKeys[m]).\(name)", v[Int(mix.output) + i]))
            }
        }
        return (
            try plan.outcome(world: world, scratch: scratch, scenario: scenario, rules: rules, tracing: tracing), draws
        )
    }
}

extension Plan {
    /// Runs world 0 of `scratch` (already filled) through the lifecycle with an ``OutcomeRecorder``.
    func outcome(world: Int, scratch: Scratch, scenario: Scenario, rules: RuleSet, tracing: Bool) throws
        -> ScenarioOutcome
    {
        let series = years.count * Metric.allCases.count + 1
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: series)
        defer { buffer.deallocate() }
        var recorder = OutcomeRecorder(plan: self, tracing: tracing)
        try lifecycle(
            world: world, scratch.world(0), monitored: Monitored(base: scratch.monitored.baseAddress!),
            monitoredAhead: false,
            into: OutputTable(base: buffer, stride: 1), column: 0, recorder: &recorder)
        return ScenarioOutcome(
            scenario: scenario.name, registration: scenario.entity.registration, entityName: scenario.entity.name,
            sector: scenario.entity.sector, baseline: Targets.baseline(for: scenario.entity, rules: rules),
            years: recorder.years)
    }
}

extension Evaluation {
    /// The scenario with `measures` applied (``Pathway/apply(_:to:rules:fuelEnergyGJ:)``), one after
    /// another, each measure that replaces fuel energy given the energy the evaluator computes for
    /// the scenario as transformed so far (so the energy formula stays in one place).
    public static func applying(_ measures: [Measure], to scenario: Scenario, rules: RuleSet) throws -> Scenario {
        var current = scenario
        for measure in measures {
            var energy: [ComplianceYear: Double] = [:]
            if Pathway.needsFuelEnergy(measure) {
                for year in try expected(current, rules: rules, tracing: false).years {
                    energy[year.year] = year.emissions.fuels.reduce(0) { $0 + $1.energyTJ } * 1000
                }
            }
            current = Pathway.apply([measure], to: current, rules: rules, fuelEnergyGJ: energy)
        }
        return current
    }
}
