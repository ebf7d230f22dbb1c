import Statistics
import CCTS
import Foundation

/// A Monte Carlo run split across processes or machines (`ccts run --shard K/N`, `ccts merge`).
///
/// Shard K of N computes pass 1 of the statistics (``MonteCarloStatistics``) over its own range of
/// worlds — whole blocks of 65,536, so that the sums by block are those one process would form —
/// with the first pass's bins set from the pilot worlds (the first 65,536, which every shard
/// draws for itself). What it keeps (``ShardState``) is small and does not grow with its worlds
/// beyond one compensated sum per block and series: counts, extremes and first worlds per bin.
/// The merge joins the shards' pass 1 exactly (counts add, extremes and first worlds combine,
/// block sums join in block order) and runs the later passes itself, drawing the worlds again
/// from (seed, world) in bounded memory. The result is, to the byte, that of one process.
public struct ShardState: Codable, Sendable {
    public var index: Int
    public var count: Int
    /// The shard's worlds, firstWorld..<firstWorld + worlds, of `totalWorlds`.
    public var firstWorld: Int
    public var worlds: Int
    public var totalWorlds: Int
    /// Pass 1 of each summarised series.
    var series: [SeriesRecord]

    struct SeriesRecord: Codable, Sendable {
        var count: Int
        var sums: [Double]
        var compensations: [Double]
        var bins: BinGeometry
        var counts: [Int]
        var least: [Double]
        var greatest: [Double]
        var firsts: [Int]
    }

    /// As stored: a binary property list (every double exactly, ±∞ of empty bins included).
    public func encoded() throws -> Data {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return try encoder.encode(self)
    }

    public static func decoded(_ data: Data) throws -> ShardState {
        try PropertyListDecoder().decode(ShardState.self, from: data)
    }
}

public enum Shards {
    /// Worlds of shard `index` of `count`: whole blocks of 65,536, the blocks shared out evenly.
    /// - Throws: ``InputError``-like message when there are fewer blocks than shards.
    public static func range(index: Int, count: Int, worlds: Int) throws -> Range<Int> {
        let block = SeriesStatistics.sumBlock
        let blocks = (worlds + block - 1) / block
        guard count >= 1, index >= 0, index < count else {
            throw ShardError("--shard \(index)/\(count): expected K/N with 0 ≤ K < N, e.g. --shard 0/4")
        }
        guard count <= blocks else {
            throw ShardError(
                "--shard \(index)/\(count): \(worlds) worlds make \(blocks) block\(blocks == 1 ? "" : "s") of \(block) "
                    + "worlds, and a shard takes whole blocks; use at most \(blocks) shard\(blocks == 1 ? "" : "s")"
            )
        }
        let start = index * blocks / count * block, end = Swift.min((index + 1) * blocks / count * block, worlds)
        return start..<end
    }

    /// Pass 1 of shard `index` of `count` of the run `options` describes (its iterations all shards').
    public static func firstPass(
        plans: [Plan], options: MonteCarloOptions, index: Int, count: Int,
        progress: ((Int, Int, Double) -> Void)? = nil
    ) throws -> ShardState {
        let range = try Shards.range(index: index, count: count, worlds: options.iterations)
        let source = RegeneratedWorlds(plans: plans, seed: options.seed, threads: options.threads, block: options.batch)
        let summarised = MonteCarloStatistics.summarised(years: source.years.count)
        // The pilot worlds' range of each series: the first pass's bins, as one process sets them.
        let pilot = Swift.min(SeriesStatistics.pilotWorlds, options.iterations)
        var lows = [Double](repeating: .infinity, count: summarised.count),
            highs = [Double](repeating: -.infinity, count: summarised.count)
        try source.visit(worlds: pilot, inputsBelow: 0) { block in
            for (i, series) in summarised.enumerated() {
                for x in block.series(series) {
                    lows[i] = Swift.min(lows[i], x)
                    highs[i] = Swift.max(highs[i], x)
                }
            }
            return true
        }
        let bins = zip(lows, highs).map { BinGeometry.pilot(lo: $0, hi: $1, worlds: pilot) }
        let statistics = MonteCarloStatistics(
            years: source.years, inputKeys: source.inputKeys, sensitivityWorlds: 0,
            threads: options.threads, firstWorld: range.lowerBound, bins: bins)
        try source.visit(from: range.lowerBound, to: range.upperBound, inputsBelow: 0) { block in
            statistics.first(block)
            progress?(block.start + block.count - range.lowerBound, range.count, source.seconds)
            return true
        }
        let series = statistics.closeFirstPass().map { pass in
            ShardState.SeriesRecord(
                count: pass.count, sums: pass.blockSums.map(\.sum), compensations: pass.blockSums.map(\.compensation),
                bins: pass.bins!.geometry, counts: Array(pass.bins!.counts), least: Array(pass.bins!.least),
                greatest: Array(pass.bins!.greatest), firsts: Array(pass.bins!.firsts))
        }
        return ShardState(
            index: index, count: count, firstWorld: range.lowerBound, worlds: range.count,
            totalWorlds: options.iterations, series: series)
    }

    /// The run the shards make together: their pass 1 joined, the later passes drawn again here.
    /// - Parameter shards: every shard of one run, once each (checked).
    public static func merge(plans: [Plan], options: MonteCarloOptions, shards: [ShardState]) throws
        -> MonteCarlo.StreamedRun
    {
        let ordered = shards.sorted { $0.index < $1.index }
        guard let first = ordered.first, ordered.map(\.index) == Array(0..<first.count),
            ordered.allSatisfy({ $0.count == first.count && $0.totalWorlds == options.iterations })
        else {
            throw ShardError("the shards do not make one run of \(options.iterations) worlds")
        }
        let source = RegeneratedWorlds(plans: plans, seed: options.seed, threads: options.threads, block: options.batch)
        let summarised = MonteCarloStatistics.summarised(years: source.years.count)
        guard ordered.allSatisfy({ $0.series.count == summarised.count }) else {
            throw ShardError("the shards were computed from another scenario (their outputs differ from this one's)")
        }
        for shard in ordered
        where shard.firstWorld
            != (try Shards.range(index: shard.index, count: shard.count, worlds: options.iterations)).lowerBound
        {
            throw ShardError(
                "shard \(shard.index)/\(shard.count) covers other worlds than this run's shard \(shard.index) would")
        }
        let merged = try summarised.indices.map { i in
            let passes = try ordered.map { try Self.pass(of: $0, series: i) }
            // one run's shards all bin an output over the same pilot range; a foreign or damaged one does not
            guard passes.allSatisfy({ $0.bins!.geometry == passes[0].bins!.geometry }) else {
                throw ShardError(
                    "the shards' first passes were binned differently (series \(i)): they are not shards of one run")
            }
            return passes.dropFirst().reduce(passes[0]) { $0.followed(by: $1) }
        }
        let statistics = MonteCarloStatistics(
            years: source.years, inputKeys: source.inputKeys,
            sensitivityWorlds: Swift.min(options.sensitivitySample, options.iterations), threads: options.threads)
        statistics.endFirstPass(merged: merged)
        var passes = 0
        try statistics.finish { limit, inputsBelow, body in
            passes += 1
            try source.visit(worlds: limit, inputsBelow: inputsBelow, body)
        }
        return MonteCarlo.StreamedRun(
            summary: statistics.summary(seed: options.seed, stopping: nil), convergence: statistics.convergence,
            worlds: statistics.worlds, worldSeconds: source.seconds, passes: passes)
    }

    /// A shard's pass 1 of series `i`, checked: a damaged or foreign state is refused, not trusted.
    private static func pass(of shard: ShardState, series i: Int) throws -> SeriesFirstPass {
        let record = shard.series[i]
        let k = record.bins.k
        guard k >= 1, k <= SeriesStatistics.maximumBins,
            [record.counts.count, record.least.count, record.greatest.count].allSatisfy({ $0 == k }),
            record.firsts.isEmpty || record.firsts.count == k, record.sums.count == record.compensations.count,
            record.count == shard.worlds, record.counts.reduce(0, +) == shard.worlds,
            record.sums.count == (shard.worlds + SeriesStatistics.sumBlock - 1) / SeriesStatistics.sumBlock
        else {
            throw ShardError(
                "shard \(shard.index)/\(shard.count) holds a damaged first pass (series \(i)); compute it again")
        }
        // Every stored number checked before use: a tampered or damaged store (a NaN extreme, a
        // negative count, an infinite sum) is refused, never merged into wrong results or a crash.
        let binsSound = (0..<k).allSatisfy { b in
            record.counts[b] >= 0
                && (record.counts[b] == 0
                    || (record.least[b].isFinite && record.greatest[b].isFinite
                        && record.least[b] <= record.greatest[b]))
        }
        guard binsSound, record.sums.allSatisfy(\.isFinite), record.compensations.allSatisfy(\.isFinite) else {
            throw ShardError(
                "shard \(shard.index)/\(shard.count) holds values no computation gives (series \(i): a count "
                    + "below zero, or an extreme or sum that is not a finite number); the store is damaged or was "
                    + "edited — compute it again"
            )
        }
        // Each block's sum is of worlds the bins hold: its mean lies between the least and the greatest
        // value binned. An edited sum that stays finite (a mean GEI of 3.001 where no world passed 2.6)
        // is caught here; an edit inside that range is not, and only rerunning the shard can tell.
        let occupied = (0..<k).filter { record.counts[$0] > 0 }
        if let low = occupied.map({ record.least[$0] }).min(), let high = occupied.map({ record.greatest[$0] }).max() {
            let slack = 1e-9 * Swift.max(abs(low), abs(high), 1)
            for (block, (sum, compensation)) in zip(record.sums, record.compensations).enumerated() {
                let worlds = Swift.min(SeriesStatistics.sumBlock, shard.worlds - block * SeriesStatistics.sumBlock)
                let mean = (sum + compensation) / Double(worlds)
                guard mean >= low - slack, mean <= high + slack else {
                    throw ShardError(
                        "shard \(shard.index)/\(shard.count) holds a sum no computation gives (series \(i), block "
                            + "\(block + 1): a mean of \(mean) outside the \(low) … \(high) its worlds span); "
                            + "the store is "
                            + "damaged or was edited — compute it again")
                }
            }
        }
        let bins = ValueBins(record.bins, firsts: !record.firsts.isEmpty)
        for b in 0..<bins.k {
            bins.counts[b] = record.counts[b]
            bins.least[b] = record.least[b]
            bins.greatest[b] = record.greatest[b]
            if !record.firsts.isEmpty { bins.firsts[b] = record.firsts[b] }
        }
        var pass = SeriesFirstPass(firstWorld: shard.firstWorld, bins: bins)
        pass.count = record.count
        pass.blockSums = zip(record.sums, record.compensations).map { CompensatedSum(sum: $0, compensation: $1) }
        return pass
    }
}

/// A shard that cannot be computed or merged, in the user's terms.
public struct ShardError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
