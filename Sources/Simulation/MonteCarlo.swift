import Statistics
import WorkSharing
import CCTS
import Dispatch
import Foundation

/// How a Monte Carlo run is made.
public struct MonteCarloOptions: Sendable {
    public var iterations: Int
    public var seed: UInt64
    public var threads: Int
    /// Stop once the standard error of ``stopMetric`` falls below this (checked after each batch).
    public var untilStandardError: Double?
    /// The output `untilStandardError` watches: a metric in a year, or (year nil) total cost.
    public var stopMetric: (metric: Metric, year: Int?)
    /// Worlds kept with their input values for the sensitivity ranking (the first ones).
    public var sensitivitySample: Int
    /// Keep the drawn value of every uncertain input of every world (`--keep-worlds`), not only
    /// of the sensitivity sample. The ranking still reads the first `sensitivitySample` worlds, so
    /// no statistic changes.
    public var keepInputs: Bool = false
    /// Worlds per batch: the granularity of progress and of the stopping rule. Fixed, so
    /// that where a run stops does not depend on the thread count.
    public var batch: Int
    /// The first world drawn (worlds `firstWorld ..< firstWorld + iterations`): a run in parts of
    /// its worlds (``PortfolioMarket/run(_:rules:copies:worlds:seed:threads:factorUncertainty:part:)``)
    /// draws each world as the whole run would, from (seed, world).
    public var firstWorld = 0

    public init(
        iterations: Int, seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        untilStandardError: Double? = nil, stopMetric: (metric: Metric, year: Int?) = (.cost, nil),
        sensitivitySample: Int = 100_000, batch: Int = 65_536
    ) {
        self.iterations = iterations
        self.seed = seed
        self.threads = threads
        self.untilStandardError = untilStandardError
        self.stopMetric = stopMetric
        self.sensitivitySample = sensitivitySample
        self.batch = batch
    }
}

/// The raw results of a run: every metric of every world, and the inputs of a sample of worlds.
/// How the standard-error rule (`--until-se`) ended: reached, or not within the worlds allowed.
public struct StoppingRule: Codable, Sendable, Equatable {
    /// The output watched, e.g. `total cost` or `cost 2025-26`.
    public var output: String
    public var target: Double
    /// The standard error of the output's mean when the run stopped.
    public var standardError: Double
    public var worlds: Int
    /// Worlds allowed (`--iterations`).
    public var allowed: Int
    public var reached: Bool

    /// The warning a run gives when the standard error asked was not reached (nil when it was).
    public var warning: Warning? { reached ? nil : Warning(.standardErrorNotReached, sentence) }

    /// Plainly, for reports: reached after how many worlds, or not, with the value reached and
    /// roughly how many worlds would reach it (the error falls as 1/√n).
    public var sentence: String {
        func number(_ x: Double) -> String {
            if abs(x) >= 100 || x.rounded() == x { return String(Int(x.rounded())) }
            return String((x * 1000).rounded() / 1000)
        }
        if reached {
            return
                "--until-se \(number(target)) reached: the standard error of the mean \(output) is "
                + "\(number(standardError)) after \(worlds) worlds"
        }
        let needed = Double(worlds) * (standardError / target) * (standardError / target)
        return
            "--until-se \(number(target)) NOT reached: the standard error of the mean \(output) is "
            + "\(number(standardError)) after all \(allowed) worlds allowed; "
            + (needed < 1e12
                ? "about \(Int(needed.rounded(.up))) worlds would reach it (raise --iterations)"
                : "no number of worlds this machine can run would reach it")
    }
}

public final class WorldResults: @unchecked Sendable {
    public let years: [ComplianceYear]
    /// Worlds evaluated (fewer than asked when the standard-error rule stopped the run).
    public internal(set) var worlds: Int
    public let capacity: Int
    let storage: UnsafeMutablePointer<Double>
    /// Keys of the uncertain inputs, and their values for worlds 0..<sampleSize (input-major).
    public let inputKeys: [String]
    let inputSample: UnsafeMutablePointer<Double>
    public let sampleCapacity: Int
    /// Worlds the sensitivity ranking reads (the first ones; ≤ `sampleCapacity`).
    public let sensitivityCount: Int
    /// Seconds spent drawing and evaluating worlds (not loading, not statistics).
    public internal(set) var worldSeconds: Double = 0
    /// How `--until-se` ended (nil without it).
    public internal(set) var stopping: StoppingRule?

    init(years: [ComplianceYear], capacity: Int, inputKeys: [String], sampleCapacity: Int, sensitivityCount: Int) {
        self.years = years
        self.capacity = capacity
        worlds = 0
        self.inputKeys = inputKeys
        self.sampleCapacity = sampleCapacity
        self.sensitivityCount = Swift.min(sensitivityCount, sampleCapacity)
        let series = years.count * Metric.allCases.count + 1
        // Not initialised: every world writes all its values before anything reads them.
        storage = .allocate(capacity: series * max(capacity, 1))
        inputSample = .allocate(capacity: max(inputKeys.count * sampleCapacity, 1))
    }

    deinit {
        storage.deallocate()
        inputSample.deallocate()
    }

    var table: OutputTable { OutputTable(base: storage, stride: capacity) }

    /// Writes every page of the result buffers once, on all threads, before the worlds start.
    ///
    /// The kernel zeroes a page on its first write; on this VM that costs as much as a fifth of a
    /// million-world run. Touching the pages in parallel up front keeps the allocation out of the
    /// worlds' timing (it still counts in the whole command's) and spreads the zeroing over the cores.
    /// One write per 4 KiB page is enough (the kernel zeroes the rest); the values written are
    /// overwritten by the worlds before anything reads them.
    func touch(threads: Int) {
        let buffers = [
            (storage, (years.count * Metric.allCases.count + 1) * Swift.max(capacity, 1)),
            (inputSample, Swift.max(inputKeys.count * sampleCapacity, 1)),
        ]
        let page = 512  // doubles in a 4 KiB page
        for (base, count) in buffers {
            let pages = (count + page - 1) / page
            let buffer = OutputTable(base: base, stride: 0)  // a Sendable view; threads write disjoint pages
            let slice = (pages + threads - 1) / threads  // contiguous: threads fault in different page tables
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let end = Swift.min((thread + 1) * slice, pages)
                for p in Swift.min(thread * slice, end)..<end { (buffer.base + p * page).initialize(to: 0) }
            }
        }
    }

    /// The values of `metric` in year index `year` over the evaluated worlds.
    public func series(_ metric: Metric, year: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: storage + (year * Metric.allCases.count + metric.rawValue) * capacity, count: worlds)
    }

    /// Total cost over all years, per world.
    public var totalCost: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: storage + years.count * Metric.allCases.count * capacity, count: worlds)
    }

    /// Input `index`'s values over the sampled worlds (every world with ``MonteCarloOptions/keepInputs``).
    public func input(_ index: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: inputSample + index * sampleCapacity, count: Swift.min(worlds, sampleCapacity))
    }

    public func value(of selection: (metric: Metric, year: Int?)) -> UnsafeBufferPointer<Double> {
        selection.year.map { series(selection.metric, year: $0) } ?? totalCost
    }
}

/// Runs the worlds of a plan on several threads.
public enum MonteCarlo {
    /// Runs `options.iterations` worlds (or fewer under the standard-error rule), keeping every
    /// world's results in memory (for `--keep-worlds`, `plan`, `pathway`, `compare`).
    ///
    /// - Parameters:
    ///   - plans: one plan per thread (each with its own Lua state when the rules have rule
    ///     functions); all compiled from the same inputs.
    ///   - progress: called after each batch with (worlds done, worlds asked, seconds).
    public static func run(
        plans: [Plan], options: MonteCarloOptions,
        progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> WorldResults {
        precondition(!plans.isEmpty && options.iterations > 0)
        let plan = plans[0]
        let sensitivity = Swift.min(options.sensitivitySample, options.iterations)
        let results = WorldResults(
            years: plan.yearLabels, capacity: options.iterations, inputKeys: plan.uncertainInputKeys,
            sampleCapacity: options.keepInputs ? options.iterations : sensitivity, sensitivityCount: sensitivity)
        let threads = Swift.max(1, Swift.min(options.threads, plans.count))
        let scratches = plans.prefix(threads).map { Scratch(plan: $0) }
        results.touch(threads: threads)
        Timeline.mark("result buffers allocated and touched")
        let start = DispatchTime.now().uptimeNanoseconds
        var watch = StoppingWatch(options)
        var done = 0
        while done < options.iterations {
            let end = Swift.min(done + options.batch, options.iterations)
            let first = options.firstWorld
            try WorldEvaluation.evaluate(
                plans: plans, scratches: scratches, worlds: (first + done)..<(first + end), seed: options.seed,
                into: results.table, origin: first,
                inputs: OutputTable(base: results.inputSample, stride: results.sampleCapacity),
                inputsBelow: first + results.sampleCapacity)
            let batch = done
            done = end
            results.worlds = done
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            results.worldSeconds = seconds
            progress?(done, options.iterations, seconds)
            let watched = results.value(of: options.stopMetric)
            if watch.reached(after: UnsafeBufferPointer(rebasing: watched[batch..<done])) { break }
        }
        results.stopping = watch.rule(years: results.years, worlds: results.worlds)
        Timeline.mark("\(results.worlds) worlds drawn and evaluated")
        return results
    }

    /// Bytes ``run(plans:options:progress:)`` holds for its world table (and kept inputs): what
    /// decides between keeping the worlds in memory and ``streamed(plans:options:progress:)``.
    public static func inMemoryBytes(plan: Plan, options: MonteCarloOptions) -> Int {
        let inputs = plan.uncertainInputKeys.count
        let sample = options.keepInputs ? options.iterations : Swift.min(options.sensitivitySample, options.iterations)
        return 8 * (options.iterations * SeriesLayout.count(years: plan.yearLabels.count) + sample * inputs)
    }

    /// The summary of a run kept in memory, and the running mean of its total cost.
    public static func summarise(_ results: WorldResults, seed: UInt64, threads: Int) -> (
        MonteCarloSummary, [ConvergencePoint]
    ) {
        let statistics = MonteCarloStatistics(
            years: results.years, inputKeys: results.inputKeys,
            sensitivityWorlds: results.sensitivityCount, threads: threads)
        let source = StoredWorlds(results)
        statistics.run(limit: results.worlds, visit: { source.visit(worlds: $0, inputsBelow: $1, $2) })
        return (statistics.summary(seed: seed, stopping: results.stopping), statistics.convergence)
    }

    /// What a run in bounded memory produced (its worlds are not kept).
    public struct StreamedRun {
        public var summary: MonteCarloSummary
        public var convergence: [ConvergencePoint]
        public var worlds: Int
        /// Seconds drawing and evaluating worlds, every pass together.
        public var worldSeconds: Double
        /// Passes over the worlds (1 drawing them, then the statistics' passes drawing them again).
        public var passes: Int
    }

    /// Runs the worlds in bounded memory: each block of worlds is summarised as it is drawn and
    /// forgotten; the statistics' later passes draw the worlds again from (seed, world). Memory
    /// is one block per pass plus the statistics' bins, whatever `options.iterations`; the
    /// summary is the one ``summarise(_:seed:threads:)`` gives, to the bit.
    public static func streamed(
        plans: [Plan], options: MonteCarloOptions,
        progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> StreamedRun {
        precondition(!plans.isEmpty && options.iterations > 0)
        let source = RegeneratedWorlds(plans: plans, seed: options.seed, threads: options.threads, block: options.batch)
        let statistics = MonteCarloStatistics(
            years: source.years, inputKeys: source.inputKeys,
            sensitivityWorlds: Swift.min(options.sensitivitySample, options.iterations), threads: options.threads)
        var watch = StoppingWatch(options)
        var passes = 0
        let series =
            options.stopMetric.year.map { SeriesLayout.index(options.stopMetric.metric, year: $0) }
            ?? SeriesLayout.total(years: source.years.count)
        try statistics.run(
            limit: options.iterations,
            visit: { limit, inputsBelow, body in
                passes += 1
                try source.visit(worlds: limit, inputsBelow: inputsBelow) { block in
                    if passes == 1 { progress?(block.start + block.count, options.iterations, source.seconds) }
                    return body(block)
                }
            }, onBlock: { block in !watch.reached(after: block.series(series)) })
        return StreamedRun(
            summary: statistics.summary(
                seed: options.seed, stopping: watch.rule(years: source.years, worlds: statistics.worlds)),
            convergence: statistics.convergence, worlds: statistics.worlds, worldSeconds: source.seconds, passes: passes
        )
    }
}

/// The standard-error rule (`--until-se`): the running standard error of the watched output's
/// mean, updated batch by batch in world order (``RunningMoments``), so that where a run stops
/// does not depend on threads nor on whether its worlds are kept.
struct StoppingWatch {
    let options: MonteCarloOptions
    private var moments = RunningMoments()

    init(_ options: MonteCarloOptions) { self.options = options }

    /// Takes in the watched values of the latest batch; true when the rule is met.
    mutating func reached(after values: UnsafeBufferPointer<Double>) -> Bool {
        guard let target = options.untilStandardError else { return false }
        for x in values { moments.add(x) }
        return moments.standardError < target
    }

    /// How the rule ended (nil without it).
    func rule(years: [ComplianceYear], worlds: Int) -> StoppingRule? {
        guard let target = options.untilStandardError else { return nil }
        let se = moments.standardError
        let output = options.stopMetric.year.map { "\(options.stopMetric.metric.name) \(years[$0])" } ?? "total cost"
        return StoppingRule(
            output: output, target: target, standardError: se, worlds: worlds, allowed: options.iterations,
            reached: se < target)
    }
}
