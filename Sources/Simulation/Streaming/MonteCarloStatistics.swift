import Statistics
import WorkSharing
import CCTS
import Dispatch

/// THE statistics of a Monte Carlo run: every number of a ``MonteCarloSummary``, computed in
/// passes over the worlds in index order.
///
/// In memory (``StoredWorlds``) the passes read the world table; bounded (``RegeneratedWorlds``)
/// they draw the worlds again, so memory does not grow with the number of worlds. Either way the
/// same values arrive in the same order and every statistic is the same to the bit, for any
/// thread count: sums are compensated (``CompensatedSum``) and run in world order, percentiles
/// and the CVaR are exact (``OrderStatisticSearch``), the sensitivity ranking reads the first
/// worlds. Within a block the series are summarised in parallel, one thread per series.
final class MonteCarloStatistics: @unchecked Sendable {
    let years: [ComplianceYear]
    let inputKeys: [String]
    let threads: Int
    /// The summarised series (every metric but `compliant`, each year; then total cost), by table index.
    private let summarised: [Int]
    private let statistics: [SeriesStatistics]
    private var missed: [Int]
    private var missedAny = 0
    private let sample: SensitivitySample
    private var trace = ConvergenceTrace()
    private(set) var worlds = 0

    /// Marks of total cost whose worlds the summary names.
    static let marks: [(label: String, level: Double)] = [
        ("min", 0), ("p1", 0.01), ("p50", 0.5), ("p99", 0.99), ("max", 1),
    ]

    /// - Parameters:
    ///   - firstWorld: where pass 1 begins: 0, or a shard's first world.
    ///   - bins: the first pass's bins per summarised series, when known already (a shard's).
    init(
        years: [ComplianceYear], inputKeys: [String], sensitivityWorlds: Int, threads: Int, firstWorld: Int = 0,
        bins: [BinGeometry]? = nil
    ) {
        self.years = years
        self.inputKeys = inputKeys
        self.threads = Swift.max(1, threads)
        summarised = Self.summarised(years: years.count)
        let total = SeriesLayout.total(years: years.count)
        statistics = summarised.enumerated().map { i, series in
            // cost (each year's, and total) has its tail risk; total cost names its extreme worlds
            let isCost = series == total || series % Metric.allCases.count == Metric.cost.rawValue
            return SeriesStatistics(
                riskLevel: isCost ? 0.95 : nil, markLevels: series == total ? Self.marks.map(\.level) : [],
                firstWorld: firstWorld, bins: bins?[i])
        }
        missed = [Int](repeating: 0, count: years.count)
        sample = SensitivitySample(years: years.count, inputs: inputKeys.count, capacity: sensitivityWorlds)
    }

    /// Runs `job` 0..<jobs on the threads, each job on one thread.
    private func parallel(_ jobs: Int, _ job: (Int) -> Void) {
        Parallel.jobs(jobs, threads: threads, job)
    }

    // MARK: passes

    /// The summarised series' table indices (each year's metrics but `compliant`, then total cost).
    static func summarised(years: Int) -> [Int] {
        (0..<years).flatMap { y in Metric.allCases.filter(\.isSummarised).map { SeriesLayout.index($0, year: y) } }
            + [SeriesLayout.total(years: years)]
    }

    /// Pass 1 over the next block (blocks in index order).
    func first(_ block: WorldBlock) {
        parallel(statistics.count) { job in statistics[job].first(block.series(summarised[job])) }
        worlds += block.count
    }

    /// Counts the block's worlds out of compliance, each year and in any year (local counts,
    /// added once: a class's properties cost an access check each).
    private func countMissed(_ block: WorldBlock) {
        var any = 0
        var compliantEveryYear = [Bool](repeating: true, count: block.count)
        for y in years.indices {
            let compliant = block.series(SeriesLayout.index(.compliant, year: y))
            var count = 0
            for i in 0..<block.count {  // without branches: the worlds out of compliance come at random
                let out = compliant[i] == 0
                count += out ? 1 : 0
                compliantEveryYear[i] = compliantEveryYear[i] && !out
            }
            missed[y] += count
        }
        for ok in compliantEveryYear { any += ok ? 0 : 1 }
        missedAny += any
    }

    /// Pass 1 of this range of worlds, as a shard keeps it.
    func closeFirstPass() -> [SeriesFirstPass] {
        statistics.map { series in
            series.closeFirstPass()
            return series.firstPass
        }
    }

    /// Ends pass 1 over every world: this process's own, or (`merged`) the shards' joined.
    func endFirstPass(merged: [SeriesFirstPass]? = nil) {
        for (i, series) in statistics.enumerated() { series.endFirstPass(merged: merged?[i]) }
        if let merged { worlds = merged[0].count }
        trace = ConvergenceTrace(worlds: worlds)
    }

    var needsPass: Bool { statistics.contains { $0.needsPass } }

    /// A later pass over the next block; the first of them also counts the worlds out of
    /// compliance and keeps the sensitivity sample.
    func later(_ block: WorldBlock) {
        let firstLater = trace.isOpen
        parallel(statistics.count + 1) { job in
            if job < statistics.count {
                statistics[job].later(block.series(summarised[job]))
                if job == statistics.count - 1, firstLater { trace.add(block.series(summarised[job])) }
            } else if firstLater {
                countMissed(block)
                sample.take(block)
            }
        }
    }

    func endLaterPass() {
        parallel(statistics.count) { job in statistics[job].endLaterPass() }
        trace.close()
    }

    /// Every pass: pass 1 over up to `limit` worlds (`onBlock`, given each block once summarised, may
    /// end it early, e.g. `--until-se`), then the later passes over the worlds pass 1 saw.
    /// - Parameter visit: visits worlds 0..<limit in blocks with the inputs of the worlds below a bound
    ///   (``StoredWorlds/visit(worlds:inputsBelow:_:)`` or ``RegeneratedWorlds/visit(worlds:inputsBelow:_:)``).
    func run(
        limit: Int, visit: (Int, Int, (WorldBlock) -> Bool) throws -> Void,
        onBlock: @escaping (WorldBlock) -> Bool = { _ in true }
    ) rethrows {
        try visit(limit, 0) { block in
            first(block)
            return onBlock(block)
        }
        endFirstPass()
        Timeline.mark("statistics pass 1")
        try finish(visit: visit)
    }

    /// The later passes, once pass 1 has ended.
    func finish(visit: (Int, Int, (WorldBlock) -> Bool) throws -> Void) rethrows {
        while needsPass {
            try visit(worlds, trace.isOpen ? sample.capacity : 0) { block in
                later(block)
                return true
            }
            Timeline.mark("statistics later pass: the worlds seen")
            endLaterPass()
            Timeline.mark("statistics later pass")
        }
    }

    // MARK: results

    func summary(seed: UInt64, stopping: StoppingRule?) -> MonteCarloSummary {
        let n = worlds
        let results = statistics.map { $0.summary() }
        var yearSummaries: [MonteCarloSummary.YearSummary] = []
        let metrics = Metric.allCases.filter(\.isSummarised)
        for (y, label) in years.enumerated() {
            var byName: [String: Summary] = [:]
            var risk: TailRisk?
            for (m, metric) in metrics.enumerated() {
                let (summary, tail) = results[y * metrics.count + m]
                byName[metric.name] = summary
                if metric == .cost { risk = tail }
            }
            let p = Double(missed[y]) / Double(n)
            yearSummaries.append(
                MonteCarloSummary.YearSummary(
                    year: label.description, metrics: byName, probabilityOfNonCompliance: p,
                    probabilityStandardError: (p * (1 - p) / Double(n)).squareRoot(), costRisk: risk!))
        }
        let total = statistics[statistics.count - 1]
        defer { Timeline.mark("sensitivity ranking") }
        let extremes = Self.marks.map { mark in
            let found = total.statistic(rank: SeriesStatistics.markRank(n, mark.level))
            return MonteCarloSummary.ExtremeWorld(label: mark.label, world: found.firstWorld, totalCost: found.value)
        }
        return MonteCarloSummary(
            worlds: n, seed: seed, years: yearSummaries, totalCost: results[results.count - 1].0,
            totalCostRisk: results[results.count - 1].1!,
            probabilityOfNonComplianceAnyYear: Double(missedAny) / Double(n),
            sensitivity: sample.rankings(worlds: n, years: years, inputKeys: inputKeys, threads: threads),
            extremeWorlds: extremes,
            stopping: stopping)
    }

    /// The running mean of total cost at about 40 points (filled by pass 2).
    var convergence: [ConvergencePoint] { trace.points }
}

/// The first worlds' inputs and main outputs, for the Spearman ranking: memory for
/// `capacity` worlds, whatever the run's size.
final class SensitivitySample: @unchecked Sendable {
    let capacity: Int
    let years: Int
    private var inputs: [[Double]]
    /// gei, credits, cost of each year, then total cost.
    private var outputs: [[Double]]
    static let metrics: [Metric] = [.gei, .credits, .cost]

    init(years: Int, inputs: Int, capacity: Int) {
        self.capacity = capacity
        self.years = years
        self.inputs = [[Double]](repeating: [], count: inputs)
        outputs = [[Double]](repeating: [], count: years * Self.metrics.count + 1)
        for k in self.inputs.indices { self.inputs[k].reserveCapacity(capacity) }  // filled once, without regrowing
        for k in outputs.indices { outputs[k].reserveCapacity(capacity) }
    }

    func take(_ block: WorldBlock) {
        let n = Swift.min(block.count, capacity - block.start)
        guard n > 0 else { return }
        func first(_ values: UnsafeBufferPointer<Double>) -> UnsafeBufferPointer<Double> {
            UnsafeBufferPointer(rebasing: values.prefix(n))
        }
        for k in inputs.indices { inputs[k].append(contentsOf: first(block.input(k))) }
        for y in 0..<years {
            for (m, metric) in Self.metrics.enumerated() {
                outputs[y * Self.metrics.count + m].append(
                    contentsOf: first(block.series(SeriesLayout.index(metric, year: y))))
            }
        }
        outputs[outputs.count - 1].append(contentsOf: first(block.series(SeriesLayout.total(years: years))))
    }

    func rankings(worlds: Int, years labels: [ComplianceYear], inputKeys: [String], threads: Int)
        -> [SensitivityRanking]
    {
        let n = Swift.min(worlds, capacity)
        guard n > 2, !inputKeys.isEmpty else { return [] }
        // the first n worlds of each (all of them: the sample holds min(worlds, capacity)), not copied
        return withBuffers(inputs) { inputs in
            withBuffers(outputs) { outputs in
                let inputBuffers = inputs.map { UnsafeBufferPointer(rebasing: $0.prefix(n)) }
                let outputBuffers = outputs.map { UnsafeBufferPointer(rebasing: $0.prefix(n)) }
                var named: [(name: String, values: UnsafeBufferPointer<Double>)] = []
                for (y, label) in labels.enumerated() {
                    for (m, metric) in Self.metrics.enumerated() {
                        named.append(("\(metric.name) \(label)", outputBuffers[y * Self.metrics.count + m]))
                    }
                }
                named.append(("total cost", outputBuffers[outputBuffers.count - 1]))
                return SensitivityRanking.rank(
                    inputs: zip(inputKeys, inputBuffers).map { (key: $0, values: $1) }, outputs: named, threads: threads
                )
            }
        }
    }
}

/// Calls `body` with a buffer pointer to each array (valid only inside it).
func withBuffers<R>(_ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
    func step(_ i: Int, _ done: [UnsafeBufferPointer<Double>]) -> R {
        guard i < arrays.count else { return body(done) }
        return arrays[i].withUnsafeBufferPointer { step(i + 1, done + [$0]) }
    }
    return step(0, [])
}

/// One point of the running mean of total cost.
public struct ConvergencePoint: Sendable, Equatable {
    public var worlds: Int
    public var mean: Double
    public var standardError: Double
}

/// The running mean of total cost and its standard error at about 40 evenly spaced numbers of
/// worlds (Welford's update, ``RunningMoments``), for the report's convergence chart.
struct ConvergenceTrace {
    private(set) var points: [ConvergencePoint] = []
    private var moments = RunningMoments()
    private var next = 1
    private var step = 1
    private var worlds = 0
    private(set) var isOpen = false

    init() {}

    init(worlds: Int) {
        self.worlds = worlds
        step = Swift.max(worlds / 40, 1)
        isOpen = true
    }

    mutating func add(_ values: UnsafeBufferPointer<Double>) {
        for x in values {
            moments.add(x)
            let k = moments.count
            if k == next || k == worlds, k >= 2 {
                points.append(ConvergencePoint(worlds: k, mean: moments.mean, standardError: moments.standardError))
            }
            if k >= next { next += step }
        }
    }

    mutating func close() { isOpen = false }
}
