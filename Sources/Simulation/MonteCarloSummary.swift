import CCTS
import Dispatch

/// What a Monte Carlo run found: statistics per output and year, the odds of
/// non-compliance, tail risk of cost, sensitivity, and the worlds behind the extremes.
///
/// Computed from the world results in index order, so it is identical for any thread count.
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

    public static func of(_ results: WorldResults, seed: UInt64, threads: Int = 1) -> MonteCarloSummary {
        let n = results.worlds
        let metrics = Metric.allCases.filter { $0 != .compliant }
        // Every series is summarised independently, in parallel; each result lands in its own slot.
        let jobs: [(year: Int, metric: Metric)] = results.years.indices.flatMap { y in metrics.map { (y, $0) } }
        let box = SummaryBox(count: jobs.count + 1)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(threads, jobs.count + 1))) { thread in
            var index = thread
            while index <= jobs.count {
                let values = index < jobs.count ? results.series(jobs[index].metric, year: jobs[index].year) : results.totalCost
                let isCost = index == jobs.count || jobs[index].metric == .cost
                let (summary, risk) = Summary.of(values, riskLevel: isCost ? 0.95 : nil)
                box.set(index, summary, risk)
                index += Swift.max(1, Swift.min(threads, jobs.count + 1))
            }
        }
        var years: [YearSummary] = []
        var missedAny = [Bool](repeating: false, count: n)
        for (y, label) in results.years.enumerated() {
            var summaries: [String: Summary] = [:]
            var risk: TailRisk?
            for (index, job) in jobs.enumerated() where job.year == y {
                summaries[job.metric.name] = box.summaries[index]
                if job.metric == .cost { risk = box.risks[index] }
            }
            let compliant = results.series(.compliant, year: y)
            var missed = 0
            for i in 0..<n where compliant[i] == 0 {
                missed += 1
                missedAny[i] = true
            }
            let p = Double(missed) / Double(n)
            years.append(YearSummary(year: label.description, metrics: summaries, probabilityOfNonCompliance: p,
                                     probabilityStandardError: (p * (1 - p) / Double(n)).squareRoot(), costRisk: risk!))
        }
        // The world holding each order statistic of total cost: the first world with that value.
        let marks = [("min", 0.0), ("p1", 0.01), ("p50", 0.5), ("p99", 0.99), ("max", 1.0)]
        let values = RadixSelect.values(results.totalCost, ranks: marks.map { Int((Double(n - 1) * $0.1).rounded()) })
        let extremes = zip(marks, values).map { mark, value in
            ExtremeWorld(label: mark.0, world: results.totalCost.firstIndex(of: value) ?? 0, totalCost: value)
        }
        return MonteCarloSummary(worlds: n, seed: seed, years: years, totalCost: box.summaries[jobs.count]!,
                                 totalCostRisk: box.risks[jobs.count]!,
                                 probabilityOfNonComplianceAnyYear: Double(missedAny.filter { $0 }.count) / Double(n),
                                 sensitivity: sensitivity(results), extremeWorlds: extremes, stopping: results.stopping)
    }

    static func sensitivity(_ results: WorldResults) -> [SensitivityRanking] {
        let sample = Swift.min(results.worlds, results.sensitivityCount)
        guard sample > 2, !results.inputKeys.isEmpty else { return [] }
        let inputs = results.inputKeys.indices.map { (key: results.inputKeys[$0], values: UnsafeBufferPointer(rebasing: results.input($0)[0..<sample])) }
        var outputs: [(name: String, values: UnsafeBufferPointer<Double>)] = []
        for (y, label) in results.years.enumerated() {
            for metric in [Metric.gei, .credits, .cost] {
                outputs.append(("\(metric.name) \(label)", UnsafeBufferPointer(rebasing: results.series(metric, year: y)[0..<sample])))
            }
        }
        outputs.append(("total cost", UnsafeBufferPointer(rebasing: results.totalCost[0..<sample])))
        return SensitivityRanking.rank(inputs: inputs, outputs: outputs)
    }
}

/// Results of the parallel summaries, one slot per series.
final class SummaryBox: @unchecked Sendable {
    var summaries: [Summary?]
    var risks: [TailRisk?]
    private let lock = Lock()

    init(count: Int) {
        summaries = [Summary?](repeating: nil, count: count)
        risks = [TailRisk?](repeating: nil, count: count)
    }

    func set(_ index: Int, _ summary: Summary, _ risk: TailRisk?) {
        lock.locked {
            summaries[index] = summary
            risks[index] = risk
        }
    }
}
