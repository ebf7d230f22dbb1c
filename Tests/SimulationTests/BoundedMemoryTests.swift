import CCTS
import Foundation
import Loading
import Testing
@testable import Simulation
@testable import Statistics

/// Monte Carlo in bounded memory (``MonteCarlo/streamed(plans:options:progress:)``): worlds summarised
/// as they are drawn, drawn again for the later passes. Its statistics must equal the in-memory
/// path's (``MonteCarlo/summarise(_:seed:threads:)``) to the bit — the worlds drawn again must be
/// the worlds drawn first, and no statistic may depend on how worlds were blocked or threaded.
@Suite struct BoundedMemoryTests {
    let cases = MonteCarloTests()

    /// A scenario with heavy ties: a shortfall of 0 in most worlds, whole-certificate credits.
    static let ties = """
        return scenario {
          entity = { registration = "T", sector = "cement", targets = { ["2025-26"] = 0.7, ["2026-27"] = 0.69 } },
          years = {
            ["2025-26"] = { fuels = { { "coal_imported", normal(1e5, 4e3), "t" } }, products = { { "opc", normal(3.6e5,\
         5e3), "t" } } },
            ["2026-27"] = { fuels = { { "coal_imported", uniform(9e4, 1.1e5), "t" } }, products = { { "opc", 3.6e5, "t"\
         } } },
          },
        }
        """

    func plans(_ inputs: LoadedInputs, threads: Int) throws -> [Plan] {
        let plan = try PlanCompiler(rules: inputs.rules).compile(inputs.scenario!)
        return Array(repeating: plan, count: threads)
    }

    func compare(_ inputs: LoadedInputs, worlds: Int, threads: Int, batch: Int, untilSE: Double? = nil) throws {
        var options = MonteCarloOptions(iterations: worlds, seed: 7, threads: threads, untilStandardError: untilSE)
        options.batch = batch
        let kept = try MonteCarlo.run(plans: plans(inputs, threads: threads), options: options)
        let (inMemory, trace) = MonteCarlo.summarise(kept, seed: 7, threads: threads)
        let streamed = try MonteCarlo.streamed(plans: plans(inputs, threads: threads), options: options)
        #expect(streamed.summary == inMemory, "\(worlds) worlds, \(threads) threads, batches of \(batch)")
        #expect(streamed.convergence == trace)
        #expect(streamed.worlds == kept.worlds)
        // pass 1 draws the worlds; pass 2 (sd, histogram, the collected bins) draws them again
        #expect(streamed.passes >= 2)
    }

    /// N = 1, N a prime not a multiple of the block, N beyond the 65,536 worlds that set the bins;
    /// blocks of 4,096 (so the bins' first worlds span several blocks) and 65,536; 1 and 2 threads.
    @Test(arguments: [
        (1, 1, 4_096), (1, 2, 65_536), (4_099, 1, 4_096), (4_099, 2, 65_536), (70_001, 2, 4_096), (70_001, 1, 65_536),
    ])
    func benchmarkStatisticsEqualTheInMemoryPath(worlds: Int, threads: Int, batch: Int) throws {
        try compare(cases.loadBenchmark(), worlds: worlds, threads: threads, batch: batch)
    }

    @Test(arguments: [(3, 1), (10_007, 2)])
    func tiedStatisticsEqualTheInMemoryPath(worlds: Int, threads: Int) throws {
        try compare(cases.load(Self.ties), worlds: worlds, threads: threads, batch: 4_096)
    }

    /// `--until-se` stops both paths at the same batch with the same standard error.
    @Test func standardErrorRuleStopsAtTheSameWorld() throws {
        try compare(cases.loadBenchmark(), worlds: 100_000, threads: 2, batch: 4_096, untilSE: 2e6)
    }

    /// Shards: pass 1 over separate ranges of whole 65,536-world blocks, joined by the merge, which
    /// draws the worlds again for the later passes — the summary of one process, to the bit.
    /// 140,001 worlds make 3 blocks (2 full, 1 of 8,929): 1, 2 and 3 shards.
    @Test(arguments: [1, 2, 3])
    func shardsMergeToTheOneProcessSummary(count: Int) throws {
        let inputs = try cases.loadBenchmark()
        let options = MonteCarloOptions(iterations: 140_001, seed: 7, threads: 2)
        let (whole, trace) = MonteCarlo.summarise(
            try MonteCarlo.run(plans: plans(inputs, threads: 2), options: options), seed: 7, threads: 2)
        let shards = try (0..<count).map { k in
            // through the stored form, as `ccts merge` reads it
            try ShardState.decoded(
                Shards.firstPass(plans: plans(inputs, threads: 1), options: options, index: k, count: count).encoded())
        }
        #expect(shards.map(\.worlds).reduce(0, +) == 140_001)
        let merged = try Shards.merge(plans: plans(inputs, threads: 2), options: options, shards: shards.reversed())
        #expect(merged.summary == whole)
        #expect(merged.convergence == trace)
    }

    @Test func missingOrSurplusShardsAreRefused() throws {
        let inputs = try cases.loadBenchmark()
        let options = MonteCarloOptions(iterations: 140_000, seed: 7, threads: 1)
        let shards = try (0..<3).map {
            try Shards.firstPass(plans: plans(inputs, threads: 1), options: options, index: $0, count: 3)
        }
        #expect(throws: ShardError.self) {
            try Shards.merge(plans: plans(inputs, threads: 1), options: options, shards: [shards[0], shards[2]])
        }
        #expect(throws: ShardError.self) {
            try Shards.merge(plans: plans(inputs, threads: 1), options: options, shards: shards + [shards[1]])
        }
        // A shard whose stored numbers no computation gives is refused, naming it, not merged (it crashed the merge, or
        // merged silently).
        for damage in 0..<3 {
            var damaged = shards
            let b = try #require(damaged[1].series[0].counts.firstIndex { $0 > 0 })
            switch damage {
            case 0: damaged[1].series[0].least[b] = .nan
            case 1: damaged[1].series[0].sums[0] = .infinity
            default: damaged[1].series[0].greatest[b] = damaged[1].series[0].least[b] - 1
            }
            #expect { try Shards.merge(plans: plans(inputs, threads: 1), options: options, shards: damaged) } throws: {
                "\($0)".contains("shard 1/3 holds values no computation gives")
            }
        }
        // A finite but edited block sum (the mean GEI 3.001 against 2.401): its block's mean is
        // a quarter above the greatest value the shard binned, which no sum of those worlds can give.
        var edited = shards
        let series = edited[1].series[0]
        let greatest = zip(series.counts, series.greatest).filter { $0.0 > 0 }.map(\.1).max()!
        let worlds = Double(min(SeriesStatistics.sumBlock, edited[1].worlds))
        edited[1].series[0].sums[0] =
            (greatest + max(abs(greatest) * 0.25, 1)) * worlds - edited[1].series[0].compensations[0]
        #expect { try Shards.merge(plans: plans(inputs, threads: 1), options: options, shards: edited) } throws: {
            "\($0)".contains("shard 1/3 holds a sum no computation gives (series 0, block 1")
        }
        // 140,000 worlds are 3 blocks: a fourth shard would have none.
        #expect { try Shards.range(index: 0, count: 4, worlds: 140_000) } throws: {
            "\($0)".contains("use at most 3 shards")
        }
    }
}
