import Testing
@testable import CCTS

@Suite struct VerificationTests {
    @Test func immaterialFindingKeepsReportedFigures() {
        // verified = 1,000,000 × 1.015 = 1,015,000; misstatement = 15,000 / 1,015,000 = 1.478 % ≤ 2 %
        let outcome = VerificationOutcome.assess(
            reportedEmissions: 1_000_000, reportedProduction: 500_000,
            emissionsFinding: 0.015, productionFinding: 0, threshold: 0.02, uplift: 0.1)
        #expect(!outcome.material)
        #expect(abs(outcome.emissionsMisstatement - 15_000.0 / 1_015_000.0) < 1e-15)
        #expect(outcome.emissions == 1_000_000 && outcome.production == 500_000)
    }

    @Test func materialFindingUsesVerifiedFiguresWithUplift() {
        // production verified = 500,000 × 0.97 = 485,000; misstatement = 15,000 / 485,000 = 3.09 % > 2 %
        let outcome = VerificationOutcome.assess(
            reportedEmissions: 1_000_000, reportedProduction: 500_000,
            emissionsFinding: 0.01, productionFinding: -0.03, threshold: 0.02, uplift: 0.05)
        #expect(outcome.material)
        #expect(abs(outcome.production - 485_000) < 1e-9)
        // emissions used = 1,000,000 × 1.01 × 1.05 = 1,060,500
        #expect(abs(outcome.emissions - 1_060_500) < 1e-6)
    }

    @Test func thresholdIsExclusive() {
        // exactly at the threshold is not material: 0.02 × verified = |reported − verified|
        // reported 98, verified 100 → 2 / 100 = 0.02
        let outcome = VerificationOutcome.assess(
            reportedEmissions: 98, reportedProduction: 1,
            emissionsFinding: 2.0 / 98.0, productionFinding: 0, threshold: 0.02, uplift: 0)
        #expect(abs(outcome.emissionsMisstatement - 0.02) < 1e-12)
        #expect(outcome.material == (outcome.emissionsMisstatement > 0.02))
    }
}

@Suite struct RoundingTests {
    @Test(arguments: [
        (Rounding.floor, 24_886.4, 24_886.0), (.floor, 24_886.99, 24_886), (.ceil, 31_113.6, 31_114),
        (.ceil, 31_113.0, 31_113), (.nearest, 2.5, 3), (.nearest, 2.49, 2),
    ])
    func rounds(rule: Rounding, value: Double, expected: Double) {
        #expect(rule.apply(value) == expected)
    }
}

@Suite struct DistributionTests {
    @Test func expectedValues() {
        #expect(Distribution.fixed(5).expectedValue == 5)
        #expect(Distribution.uniform(min: 2, max: 4).expectedValue == 3)
        #expect(Distribution.triangular(min: 0, mode: 3, max: 6).expectedValue == 3)
        // PERT mean = (a + 4m + b) / 6 = (1 + 8 + 9) / 6 = 3
        #expect(Distribution.pert(min: 1, mode: 2, max: 9).expectedValue == 3)
        // Beta mean = α / (α + β) = 8 / 10
        #expect(Distribution.beta(alpha: 8, beta: 2).expectedValue == 0.8)
        #expect(Distribution.discrete(values: [1, 3], weights: [3, 1]).expectedValue == 1.5)
        #expect(Distribution.normal(mean: -1, sd: 1, lower: 0, upper: .infinity).expectedValue == 0)
    }
}

@Suite struct ScaledDistributionTests {
    @Test func scalingKeepsTheShapeAndScalesTheMean() {
        // E[k X] = k E[X] for every kind, including a beta-distributed quantity in other units.
        let cases: [Distribution] = [
            .fixed(3), .uniform(min: 1, max: 5), .normal(mean: 10, sd: 2, lower: 0, upper: .infinity),
            .lognormal(mean: 4, sd: 1), .triangular(min: 0, mode: 1, max: 5), .pert(min: 1, mode: 2, max: 9),
            .beta(alpha: 8, beta: 2), .discrete(values: [1, 3], weights: [1, 1]),
        ]
        for d in cases {
            #expect(
                abs(d.scaled(by: 1_000).expectedValue - 1_000 * d.expectedValue) < 1e-9
                    * max(1, abs(d.expectedValue) * 1_000), "\(d)")
        }
        #expect(Distribution.beta(alpha: 8, beta: 2).scaled(by: 1_000) == .scaledBeta(alpha: 8, beta: 2, scale: 1_000))
        #expect(
            Distribution.beta(alpha: 8, beta: 2).scaled(by: 10).scaled(by: 10)
                == .scaledBeta(alpha: 8, beta: 2, scale: 100))
    }
}
