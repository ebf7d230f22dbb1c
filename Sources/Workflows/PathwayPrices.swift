import CCTS
import Foundation

/// `ccts pathway --price P …`: the pathway's answers at each CCC price, the same in every year.
///
/// Every flow of the total net present cost that depends on the CCC price is a quantity of
/// certificates × the price (shortfalls bought, the bank valued at the horizon), so a measure's
/// net present cost against none is linear in a uniform price: `NPV(P) = M − P × B`, with `M` its
/// own discounted capex and opex and `B` the discounted certificates it earns or saves. One price
/// gives `B = (M − NPV(P)) / P`, so its **break-even price** `M / B` (the price at which it pays for
/// itself); a measure that earns no certificate has none. (A stated sale capped by what is held is
/// the one flow that is not linear; the break-even at each price is computed from that price's own run.)
extension PathwayWorkflow {
    /// The scenario with every year's CCC price `price` (no price path).
    static func priced(_ scenario: Scenario, at price: Double) -> Scenario {
        var s = scenario
        s.prices = s.years.map { ($0.year, .fixed(price)) }
        s.pricePath = nil
        return s
    }

    /// The measures' own capex and opex, discounted to `first`.
    static func measuresPresentCost(_ measures: [Measure], years: [ComplianceYear], first: ComplianceYear, rate: Double)
        -> Double
    {
        years.reduce(0) {
            $0 + Pathway.presentValue(Pathway.measureCost(measures, in: $1), year: $1, first: first, rate: rate)
        }
    }

    /// The rows of `--price`: per price, each measure alone against none (its NPV, its break-even
    /// price) and, with --optimise, the sets.
    func priceRows(
        _ plan: PathwayPlan, base: Scenario, rules: RuleSet, first: ComplianceYear,
        outcome: (Scenario) throws -> ScenarioOutcome
    ) throws -> [PriceRow] {
        try prices.map { price in
            let scenario = Self.priced(base, at: price)
            let baseline = try outcome(scenario)
            let mac = try macCurve(plan, base: scenario, rules: rules, baseline: baseline, outcome: outcome)
            let measures = plan.measures.map { m -> MeasureAtPrice in
                let npv = mac.first { $0.name == m.name }?.netPresentCost ?? 0
                let own = Self.measuresPresentCost(
                    [m], years: scenario.years.map(\.year), first: first, rate: plan.discountRate)
                let certificates = (own - npv) / price
                return MeasureAtPrice(
                    name: m.name, netPresentCost: npv,
                    breakEvenPrice: certificates > 1e-9 * Swift.max(own, 1) ? own / certificates : nil)
            }
            var row = PriceRow(price: price, measures: measures)
            if optimise {
                let found = try optimum(plan, base: scenario, rules: rules, first: first, ownBase: false)
                (row.leastCost, row.leastTotalCost) = (found.least, found.leastTotal)
            }
            return row
        }
    }
}
