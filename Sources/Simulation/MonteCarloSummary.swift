import Statistics
import CCTS

/// What a Monte Carlo run found: statistics per output and year, the odds of
/// non-compliance, tail risk of cost, sensitivity, and the worlds behind the extremes.
///
/// Computed by ``MonteCarloStatistics`` in world order: identical for any thread count, and
/// whether the worlds were kept in memory or drawn again in bounded memory.
public struct MonteCarloSummary: Codable, Sendable, Equatable {
    public struct YearSummary: Codable, Sendable, Equatable {
        public var year: String
        /// By metric name (every metric but `compliant`).
        public var metrics: [String: Summary]
        public var probabilityOfNonCompliance: Double
        public var probabilityStandardError: Double
        public var costRisk: TailRisk
    }

    public struct ExtremeWorld: Codable, Sendable, Equatable {
        /// `min`, `p1`, `p50`, `p99`, `max` of total cost.
        public var label: String
        public var world: Int
        public var totalCost: Double
    }

    public var worlds: Int
    public var seed: UInt64
    public var years: [YearSummary]
    public var totalCost: Summary
    public var totalCostRisk: TailRisk
    /// Probability of missing at least one year.
    public var probabilityOfNonComplianceAnyYear: Double
    public var sensitivity: [SensitivityRanking]
    public var extremeWorlds: [ExtremeWorld]
    /// How `--until-se` ended (absent without it).
    public var stopping: StoppingRule?

    /// The summary of a run kept in memory (``MonteCarlo/summarise(_:seed:threads:)`` without the convergence trace).
    public static func of(_ results: WorldResults, seed: UInt64, threads: Int = 1) -> MonteCarloSummary {
        MonteCarlo.summarise(results, seed: seed, threads: threads).0
    }
}
