import WorkSharing
import CCTS
import Dispatch

/// Consecutive worlds' results: series s of world start + i at `outputs.base[s × outputs.stride + i]`
/// (series y × metrics + metric, then total cost), and the drawn value of uncertain input k of
/// world start + i at `inputs.base[k × inputs.stride + i]` for the first `inputCount` worlds.
public struct WorldBlock: Sendable {
    public let start: Int
    public let count: Int
    let outputs: OutputTable
    let inputs: OutputTable
    let inputCount: Int

    func series(_ s: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: outputs.base + s * outputs.stride, count: count)
    }

    func input(_ k: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: inputs.base + k * inputs.stride, count: inputCount)
    }
}

/// Series in a world table: each metric of each year, then total cost.
enum SeriesLayout {
    static func count(years: Int) -> Int { years * Metric.allCases.count + 1 }
    static func index(_ metric: Metric, year: Int) -> Int { year * Metric.allCases.count + metric.rawValue }
    static func total(years: Int) -> Int { years * Metric.allCases.count }
}

/// The worlds of a run kept in memory (``WorldResults``), for the statistics' passes.
public struct StoredWorlds {
    let results: WorldResults
    let block: Int

    public init(_ results: WorldResults, block: Int = 65_536) {
        self.results = results
        self.block = block
    }

    public var years: [ComplianceYear] { results.years }
    public var inputKeys: [String] { results.inputKeys }

    /// Visits worlds 0..<limit in index order, a block at a time, with the inputs of the worlds
    /// below `inputsBelow`; stops early when `body` returns false.
    public func visit(worlds limit: Int, inputsBelow: Int, _ body: (WorldBlock) -> Bool) {
        precondition(limit <= results.worlds && inputsBelow <= results.sampleCapacity)
        var start = 0
        while start < limit {
            let count = Swift.min(block, limit - start)
            let outputs = OutputTable(base: results.storage + start, stride: results.capacity)
            let inputs = OutputTable(
                base: results.inputSample + Swift.min(start, results.sampleCapacity), stride: results.sampleCapacity)
            let block = WorldBlock(
                start: start, count: count, outputs: outputs, inputs: inputs,
                inputCount: Swift.max(0, Swift.min(count, inputsBelow - start)))
            guard body(block) else { return }
            start += count
        }
    }
}

/// The worlds of a run drawn again, a block at a time, on every thread: memory for one block,
/// whatever the number of worlds. World i is drawn from (seed, i) and each input's own key, so
/// the values are those of the first drawing, bit for bit.
public final class RegeneratedWorlds: @unchecked Sendable {
    let plans: [Plan]
    let seed: UInt64
    let threads: Int
    let block: Int
    private let scratches: [Scratch]
    private let outputs: UnsafeMutablePointer<Double>
    private let inputs: UnsafeMutablePointer<Double>
    public let years: [ComplianceYear]
    public let inputKeys: [String]
    /// Seconds spent drawing and evaluating worlds, over every visit.
    public private(set) var seconds = 0.0

    /// - Parameter plans: one per thread (each with its own Lua state when rules have functions).
    public init(plans: [Plan], seed: UInt64, threads: Int, block: Int = 65_536) {
        self.plans = plans
        self.seed = seed
        self.threads = Swift.max(1, Swift.min(threads, plans.count))
        self.block = block
        scratches = plans.prefix(self.threads).map { Scratch(plan: $0) }
        years = plans[0].yearLabels
        inputKeys = plans[0].uncertainInputKeys
        outputs = .allocate(capacity: SeriesLayout.count(years: years.count) * block)
        inputs = .allocate(capacity: Swift.max(inputKeys.count, 1) * block)
    }

    deinit {
        outputs.deallocate()
        inputs.deallocate()
    }

    /// Visits worlds 0..<limit as ``StoredWorlds/visit(worlds:inputsBelow:_:)`` does, drawing each block.
    /// - Throws: the first error of a world (a rule function failing, an impossible world).
    public func visit(worlds limit: Int, inputsBelow: Int, _ body: (WorldBlock) -> Bool) throws {
        try visit(from: 0, to: limit, inputsBelow: inputsBelow, body)
    }

    /// Visits worlds start..<limit (a shard's) in order, a block at a time.
    func visit(from start: Int, to limit: Int, inputsBelow: Int, _ body: (WorldBlock) -> Bool) throws {
        var start = start
        while start < limit {
            let block = try draw(from: start, limit: limit, inputsBelow: inputsBelow)
            guard body(block) else { return }
            start += block.count
        }
    }

    /// Draws worlds start..<min(start + block, limit) into the block buffer (valid until the next draw).
    func draw(from start: Int, limit: Int, inputsBelow: Int) throws -> WorldBlock {
        let count = Swift.min(block, limit - start)
        let began = DispatchTime.now().uptimeNanoseconds
        let table = OutputTable(base: outputs, stride: block), drawn = OutputTable(base: inputs, stride: block)
        try WorldEvaluation.evaluate(
            plans: plans, scratches: scratches, worlds: start..<(start + count), seed: seed,
            into: table, origin: start, inputs: drawn, inputsBelow: inputsBelow)
        seconds += Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        return WorldBlock(
            start: start, count: count, outputs: table, inputs: drawn,
            inputCount: Swift.max(0, Swift.min(count, inputsBelow - start)))
    }
}

/// Worlds read one after another in rising order, drawn again a block at a time: how the world
/// rows of a run too large to keep in memory (`--keep-worlds`) reach the store in batches.
public final class WorldReader {
    private let source: RegeneratedWorlds
    public let worlds: Int
    /// True when the run keeps every world's inputs (``MonteCarloOptions/keepInputs``).
    public let keepsInputs: Bool
    private var current: WorldBlock?

    /// - Parameters: plans, options: those of the run (same seed); worlds: how many it ran.
    public init(plans: [Plan], options: MonteCarloOptions, worlds: Int) {
        source = RegeneratedWorlds(plans: plans, seed: options.seed, threads: options.threads, block: options.batch)
        self.worlds = worlds
        keepsInputs = options.keepInputs
    }

    public var years: [ComplianceYear] { source.years }
    public var inputKeys: [String] { source.inputKeys }

    private func block(_ world: Int) throws -> WorldBlock {
        if let current, world >= current.start, world < current.start + current.count { return current }
        let start = world - world % source.block
        let drawn = try source.draw(from: start, limit: worlds, inputsBelow: keepsInputs ? worlds : 0)
        current = drawn
        return drawn
    }

    public func value(_ metric: Metric, year: Int, world: Int) throws -> Double {
        let block = try block(world)
        return block.series(SeriesLayout.index(metric, year: year))[world - block.start]
    }

    public func input(_ k: Int, world: Int) throws -> Double {
        let block = try block(world)
        return block.input(k)[world - block.start]
    }
}

/// Evaluates a range of worlds on every thread: each thread takes the next 1,024-world chunk not
/// yet taken (``Parallel``), in ``Scratch/block``s. A world's values do not depend on the thread
/// that draws it, nor does the error thrown: that of the first failing world (chunks are taken in
/// order, and a chunk begun is finished, so every chunk below a failing one is evaluated).
enum WorldEvaluation {
    static let chunk = 1_024

    /// - Parameters:
    ///   - output: receives world w in column w − origin.
    ///   - inputs: receives the drawn uncertain inputs of worlds below `inputsBelow`, in column w − origin.
    static func evaluate(
        plans: [Plan], scratches: [Scratch], worlds: Range<Int>, seed: UInt64, into output: OutputTable, origin: Int,
        inputs: OutputTable, inputsBelow: Int
    ) throws {
        let slots = plans[0].uncertainSlots
        let failures = FailureBox()
        let chunks = (worlds.count + chunk - 1) / chunk
        Parallel.jobs(chunks, threads: scratches.count) { c, thread in
            guard !failures.failed(after: c) else { return }
            let plan = plans[thread], scratch = scratches[thread]
            let chunkStart = worlds.lowerBound + c * chunk
            let chunkEnd = Swift.min(chunkStart + chunk, worlds.upperBound)
            var blockStart = chunkStart
            while blockStart < chunkEnd {
                let block = blockStart..<Swift.min(blockStart + Scratch.block, chunkEnd)
                do {
                    try plan.evaluate(worlds: block, seed: seed, scratch: scratch, into: output, origin: origin)
                } catch {
                    failures.record(error, chunk: c)
                    return
                }
                for (w, world) in block.enumerated() where world < inputsBelow {
                    let values = scratch.world(w)
                    for (k, slot) in slots.enumerated() {
                        inputs.base[k * inputs.stride + world - origin] = values[Int(slot)]
                    }
                }
                blockStart = block.upperBound
            }
        }
        if let error = failures.first { throw error }
    }
}
