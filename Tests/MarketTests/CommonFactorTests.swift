import CCTS
import Foundation
import Loading
import Simulation
import Testing
import Market

/// Common factors (`common.<name>` in `correlations`): drawn once per world for a whole portfolio,
/// so that entities correlated with one move together, and nowhere else.
@Suite struct CommonFactorTests {
    /// A chlor-alkali plant whose only uncertain input is its coal, normal(142,000, 5 %), correlated at
    /// rank `rank` with `factor` (or with nothing).
    static func plant(_ registration: String, factor: String?, rank: Double = 0.9) throws -> Scenario {
        try Loader().load(
            scenario: SourceFile(name: "\(registration).lua", text: text(registration, factor: factor, rank: rank))
        )
        .scenario!
    }

    static let coal = #"years["2025-26"].fuels.coal_domestic.quantity"#

    static func text(_ registration: String, factor: String?, rank: Double) -> String {
        """
        return scenario {
          name = "\(registration)",
          entity = { registration = "\(registration)", sector = "chlor_alkali", subsector = "membrane",
                     targets = { ["2025-26"] = 2.22 } },
          market = { price = 2400 },
          years = {
            ["2025-26"] = {
              monitored = "full_year",
              fuels = { { "coal_domestic", normal(142000, 7100), "t" } },
              products = { { "caustic_soda", 250000, "t" } },
            },
          },
          \(factor.map { "correlations = { { '\(Self.coal)', '\($0)', \(rank) } }," } ?? "")
        }
        """
    }

    /// Pearson correlation of two entities' emissions over the worlds of a portfolio run.
    static func correlation(_ a: Scenario, _ b: Scenario, worlds: Int = 4_000) throws -> Double {
        let rules = try Loader().load(
            scenario: SourceFile(name: "rules.lua", text: Self.text("R", factor: nil, rank: 0))
        ).rules
        let market = try PortfolioMarket.run(
            [a, b], rules: rules, worlds: worlds, seed: 7, threads: 2, factorUncertainty: false)
        let x = market.entityEmissions[0], y = market.entityEmissions[1]
        let mx = x.reduce(0, +) / Double(worlds), my = y.reduce(0, +) / Double(worlds)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for w in 0..<worlds {
            sxy += (x[w] - mx) * (y[w] - my)
            sxx += (x[w] - mx) * (x[w] - mx)
            syy += (y[w] - my) * (y[w] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Rank 0.9 is normal-scale ρ = 2 sin(π × 0.9 / 6) = 0.90798 with the factor; two plants on one
    /// factor: ρ² = 0.8244 (emissions are linear in the normal coal, so Pearson = the normal scale).
    /// Sampling error at 4,000 worlds: (1 − 0.82²) / √4,000 ≈ 0.005; tolerance 0.03.
    @Test func entitiesOnOneFactorMoveTogether() throws {
        let rho = 2 * sin(Double.pi * 0.9 / 6)
        let together = try Self.correlation(
            Self.plant("CA-1", factor: "common.demand.chlor_alkali"),
            Self.plant("CA-2", factor: "common.demand.chlor_alkali"))
        #expect(abs(together - rho * rho) < 0.03, "\(together) against \(rho * rho)")
        // on different factors, or on none: independent (|r| within 4 standard errors of 0, 4 / √4,000 = 0.063)
        let apart = try Self.correlation(
            Self.plant("CA-1", factor: "common.demand.chlor_alkali"), Self.plant("CA-2", factor: "common.economy"))
        #expect(abs(apart) < 0.063, "\(apart)")
        let alone = try Self.correlation(Self.plant("CA-1", factor: nil), Self.plant("CA-2", factor: nil))
        #expect(abs(alone) < 0.063, "\(alone)")
        // opposite loadings (rank 0.9 and −0.9): −ρ²
        let opposed = try Self.correlation(
            Self.plant("CA-1", factor: "common.demand.chlor_alkali"),
            Self.plant("CA-2", factor: "common.demand.chlor_alkali", rank: -0.9))
        #expect(abs(opposed + rho * rho) < 0.03, "\(opposed)")
    }

    /// Refusals name the entry: two factors correlated with each other, a factor without a name.
    @Test func badFactorsAreRefused() throws {
        func refusal(_ pair: String) -> String {
            let text = """
                return scenario {
                  entity = { registration = "X", sector = "chlor_alkali", targets = { ["2025-26"] = 2.22 } },
                  market = { price = 2400 },
                  years = { ["2025-26"] = { fuels = { { "coal_domestic", normal(142000, 7100), "t" } },
                                           products = { { "caustic_soda", 250000, "t" } } } },
                  correlations = { \(pair) },
                }
                """
            do {
                _ = try Loader().load(scenario: SourceFile(name: "f.lua", text: text))
                return "accepted"
            } catch { return "\(error)" }
        }
        let both = refusal("{ 'common.a', 'common.b', 0.5 }")
        #expect(both.contains("f.lua") && both.contains("correlations[1]"), "\(both)")
        #expect(both.contains("correlates two common factors ('common.a', 'common.b')"), "\(both)")
        let unnamed = refusal("{ 'years[\"2025-26\"].fuels.coal_domestic.quantity', 'common.', 0.5 }")
        #expect(
            unnamed.contains("correlations[1][2]") && unnamed.contains("needs a name after \"common.\""), "\(unnamed)")
        let unknown = refusal("{ 'years[\"2025-26\"].fuels.coal.quantity', 'common.a', 0.5 }")
        #expect(unknown.contains("is not an uncertain input of this scenario (nor a common factor"), "\(unknown)")
    }
}
