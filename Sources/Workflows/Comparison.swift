import CCTS
import Simulation
import Market

/// What `ccts compare` finds: one record per rule set (base first, then each reform), and the
/// summary of them all that a run stores and a re-run must reproduce.
public enum Comparison {
    /// One rule set's part of a comparison, all a summary needs: what a shard stores and the merge reads.
    public struct VariantRecord: Codable, Sendable {
        /// 0 for the base rules, i for the i-th --reform.
        public var index: Int
        public var name: String
        public var years: [String]
        public var sectors: [String]
        public var worlds: Int
        public var entities: [PortfolioMarket.EntitySummary]
        /// Each aggregate's value in every world: [year × aggregates + aggregate][world], aggregates in
        /// `MarketAggregate.all(sectors:)` order (in a temporary file beyond one part of worlds).
        public var series: WorldSeries
        /// Each entity's mean compliance cost, [entity × years + year].
        public var entityCost: [Double]
        public var ruleChanges: [RuleChangeUse]
        public var notes: [Warning]
        /// The portfolio's own name (`name = …` in its file): what the run and its page are called.
        public var portfolio: String? = nil
        /// Of the base rules over worlds: the portfolio's position with every input at its expected
        /// value, which the worlds' means are set against (nil at expected values, and in shards of
        /// reforms).
        public var expectedValues: [ExpectedPosition]? = nil
        /// Of its rules at expected values: each year's supply, need and price, to be drawn.
        public var supplyCurves: [SupplyCurve]? = nil
    }

    /// The portfolio's CCCs issued and owed in a year with every input at its expected value.
    public struct ExpectedPosition: Codable, Sendable { public var year: String, issued: Double, surrender: Double }

    /// A mean with its 5–95 % range of worlds, or for a probability its standard error.
    public struct Band: Codable, Sendable { public var mean: Double, p5: Double?, p95: Double?, standardError: Double? }

    /// The mean paired difference from the base, with its 95 % interval.
    public struct Change: Codable, Sendable { public var mean: Double, low: Double, high: Double }

    /// `id` is stable (`clearing_price`, `abatement.cement`); `aggregate` is the display label.
    public struct Row: Codable, Sendable {
        public var year: String, id: String, aggregate: String, unit: String, base: Band, variants: [Band],
            changes: [Change]
    }

    /// What the worlds and rules determine: what a re-run must reproduce.
    public struct Results: Codable, Sendable {
        public var entities: Int, worlds: Int, seed: UInt64, reforms: [String]
        public var rows: [Row]
        public var entityChanges: [[EntityChange]]
        /// Per variant (base first): every rule change and how many entities read the changed value.
        public var ruleChanges: [[RuleChangeUse]]
        /// What the rules left out (supply they do not accept).
        public var notes: [String] = []
        /// Over worlds: the base rules' position at expected values, against the worlds' means.
        public var expectedValues: [ExpectedPosition]? = nil
        /// Per variant (base first), its market at expected values, year by year: supply by price, the
        /// need, the price (empty for a variant computed before they were kept).
        public var supplyCurves: [[SupplyCurve]]? = nil
    }

    /// A rule value a variant changed, and how many entities read it.
    public struct RuleChangeUse: Codable, Sendable {
        public var path: String, old: String, new: String, by: String, entitiesReading: Int
    }

    /// An entity's mean compliance cost (INR) under the base and a reform, and its mean net credits.
    public struct EntityChange: Codable, Sendable {
        public var registration: String, name: String, sector: String, year: String, base: Double, reform: Double,
            change: Double
        public var netCreditsBase: Double, netCreditsReform: Double
    }
}
