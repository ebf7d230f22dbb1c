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

    public init(iterations: Int, seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                untilStandardError: Double? = nil, stopMetric: (metric: Metric, year: Int?) = (.cost, nil),
                sensitivitySample: Int = 100_000, batch: Int = 65_536) {
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

    /// Plainly, for reports: reached after how many worlds, or not, with the value reached and
    /// roughly how many worlds would reach it (the error falls as 1/√n).
    public var sentence: String {
        func number(_ x: Double) -> String {
            if abs(x) >= 100 || x.rounded() == x { return String(Int(x.rounded())) }
            return String((x * 1000).rounded() / 1000)
        }
        if reached {
            return "--until-se \(number(target)) reached: the standard error of the mean \(output) is \(number(standardError)) after \(worlds) worlds"
        }
        let needed = Double(worlds) * (standardError / target) * (standardError / target)
        return "--until-se \(number(target)) NOT reached: the standard error of the mean \(output) is \(number(standardError)) after all \(allowed) worlds allowed; "
            + (needed < 1e12 ? "about \(Int(needed.rounded(.up))) worlds would reach it (raise --iterations)" : "no number of worlds this machine can run would reach it")
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
    func touch(threads: Int) {
        let buffers = [(storage, (years.count * Metric.allCases.count + 1) * Swift.max(capacity, 1)),
                       (inputSample, Swift.max(inputKeys.count * sampleCapacity, 1))]
        for (base, count) in buffers {
            let slice = (count + threads - 1) / threads
            let buffer = OutputTable(base: base, stride: 0)     // a Sendable view; threads write disjoint slices
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let start = thread * slice, end = Swift.min(start + slice, count)
                if start < end { (buffer.base + start).initialize(repeating: 0, count: end - start) }
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
    /// Runs `options.iterations` worlds (or fewer under the standard-error rule).
    ///
    /// - Parameters:
    ///   - plans: one plan per thread (each with its own Lua state when the rules have rule
    ///     functions); all compiled from the same inputs.
    ///   - progress: called after each batch with (worlds done, worlds asked, seconds).
    public static func run(plans: [Plan], options: MonteCarloOptions,
                           progress: ((Int, Int, Double) -> Void)? = nil) throws -> WorldResults {
        precondition(!plans.isEmpty && options.iterations > 0)
        let plan = plans[0]
        let inputSlots = plan.uncertainSlots
        let sensitivity = Swift.min(options.sensitivitySample, options.iterations)
        let results = WorldResults(years: plan.yearLabels, capacity: options.iterations, inputKeys: plan.uncertainInputKeys,
                                   sampleCapacity: options.keepInputs ? options.iterations : sensitivity, sensitivityCount: sensitivity)
        let threads = Swift.max(1, Swift.min(options.threads, plans.count))
        let scratches = plans.prefix(threads).map { Scratch(plan: $0) }
        let failures = FailureBox()
        results.touch(threads: threads)
        let start = DispatchTime.now().uptimeNanoseconds
        let chunk = 4_096
        var done = 0
        while done < options.iterations {
            let end = Swift.min(done + options.batch, options.iterations)
            let table = results.table
            let batchStart = done
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let plan = plans[thread], scratch = scratches[thread]
                var chunkStart = batchStart + thread * chunk
                while chunkStart < end {
                    let chunkEnd = Swift.min(chunkStart + chunk, end)
                    var blockStart = chunkStart
                    while blockStart < chunkEnd {
                        let worlds = blockStart..<Swift.min(blockStart + Scratch.block, chunkEnd)
                        do {
                            try plan.evaluate(worlds: worlds, seed: options.seed, scratch: scratch, into: table)
                        } catch {
                            failures.record(error)
                            return
                        }
                        for (w, world) in worlds.enumerated() where world < results.sampleCapacity {
                            let values = scratch.world(w)
                            for (k, slot) in inputSlots.enumerated() {
                                results.inputSample[k * results.sampleCapacity + world] = values[Int(slot)]
                            }
                        }
                        blockStart = worlds.upperBound
                    }
                    chunkStart += threads * chunk
                }
            }
            if let error = failures.first { throw error }
            done = end
            results.worlds = done
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            results.worldSeconds = seconds
            progress?(done, options.iterations, seconds)
            if let target = options.untilStandardError, done >= 2 {
                let values = results.value(of: options.stopMetric)
                if standardError(values) < target { break }
            }
        }
        if let target = options.untilStandardError {
            let se = results.worlds >= 2 ? standardError(results.value(of: options.stopMetric)) : .infinity
            let output = options.stopMetric.year.map { "\(options.stopMetric.metric.name) \(results.years[$0])" } ?? "total cost"
            results.stopping = StoppingRule(output: output, target: target, standardError: se, worlds: results.worlds,
                                            allowed: options.iterations, reached: se < target)
        }
        return results
    }

    static func standardError(_ values: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for x in values { sum += x }
        let mean = sum / Double(values.count)
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        return (squares / Double(values.count - 1) / Double(values.count)).squareRoot()
    }
}

/// The first error any thread met.
final class FailureBox: @unchecked Sendable {
    private let lock = Lock()
    private var error: Error?

    func record(_ error: Error) {
        lock.locked { if self.error == nil { self.error = error } }
    }

    var first: Error? { lock.locked { error } }
}
