import WorkSharing
import Statistics
import Simulation
import CCTS

/// An entity's own abatement in the market, from its measures (the `ccts pathway` measures
/// format): each measure, in each year it is active, abates what the one evaluator says it
/// abates at expected values (emissions without it − emissions with it alone), at its cost per
/// tonne that year, `(capex × CRF(rate, lifetime) + opex) / abatement`.
public struct MeasureStep: Sendable, Equatable {
    public var measure: String
    /// Index of the compliance year in the market's years.
    public var year: Int
    /// tCO2e.
    public var quantity: Double
    /// INR/tCO2e.
    public var cost: Double
}

public enum MeasureCurve {
    public static func steps(_ scenario: Scenario, plan: PathwayPlan, rules: RuleSet, years: [ComplianceYear]) throws
        -> [MeasureStep]
    {
        let without = try Evaluation.expected(scenario, rules: rules, tracing: false)
        var steps: [MeasureStep] = []
        for measure in plan.measures {
            let with = try Evaluation.expected(
                try Evaluation.applying([measure], to: scenario, rules: rules), rules: rules, tracing: false)
            for (before, after) in zip(without.years, with.years) where measure.isActive(in: before.year) {
                let abatement = before.emissions.total - after.emissions.total
                guard abatement > 0, let y = years.firstIndex(of: before.year) else { continue }
                steps.append(
                    MeasureStep(
                        measure: measure.name, year: y, quantity: abatement,
                        cost: (measure.annualisedCapex(rate: plan.discountRate) + measure.opex) / abatement))
            }
        }
        return steps
    }
}
