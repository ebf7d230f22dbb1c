import CCTS
import Loading
import Testing
import TestSupport

/// The market's rules: the built-in abatement curves and market section, and what is refused.
@Suite struct MarketRulesTests {
    func load(_ sets: [String]) throws -> RuleSet {
        try Loader(sets: sets).load(scenario: SourceFile(name: "plant.lua", text: cementScenario())).rules
    }

    @Test func builtInCurvesCoverEveryNotifiedSector() throws {
        let rules = try load([])
        for sector in rules.sectors where sector.notified {
            let curve = try #require(rules.abatementCurve(sector: sector.id), "no abatement curve for \(sector.id)")
            // each curve abates at most a tenth of the emissions in a year, at positive costs
            #expect(curve.steps.reduce(0) { $0 + $1.share } <= 0.1 + 1e-12)
            #expect(curve.steps.allSatisfy { $0.fromCost > 0 && $0.fromCost <= $0.toCost })
            #expect(curve.provenance.status == .assumption)
        }
        #expect(
            rules.compliance.market.floor == 0 && rules.compliance.market.ceiling == nil
                && rules.compliance.market.banking == .whenDearer)
    }

    @Test(arguments: [
        ("compliance.market.floor=-5", "compliance.market.floor: is -5; expected a price from 0 to 10,000,000 INR/CCC"),
        ("compliance.market.ceiling=100", nil),
        (
            "abatement.cement.steps[1].share=2",
            "abatement.cement.steps[1].share: is 2; expected a fraction of the entity's emissions in (0, 1]"
        ),
        (
            "abatement.cement.steps[2].share=0.95",
            "abatement.cement.steps: abate 1.02 of the emissions in all; the shares add up to at most 1"
        ),
    ])
    func badMarketRulesAreRefused(set: String, message: String?) throws {
        if let message {
            do {
                _ = try load([set])
                Issue.record("\(set) was accepted")
            } catch let error as InputError {
                #expect(error.description.contains(message), "\(error.description)")
            }
        } else {
            #expect(try load([set]).compliance.market.ceiling == 100)
        }
    }
}
