import Simulation  // its RandomStream draws the test data
import Testing

@testable import Statistics

@Suite struct StatisticsTests {
    /// A reproducible spread of values with many ties (a third are zero, like shortfalls).
    func data(_ n: Int) -> [Double] {
        var stream = RandomStream(seed: 11, world: 0, keyHash: 0)
        return (0..<n).map { i in i % 3 == 0 ? 0 : (stream.uniform() - 0.3) * 1e6 }
    }

    /// Order statistics found pass by pass equal sorting, whatever the ties: a third of the values are
    /// 0, and the bin holding them (with p25 and p50) holds a dozen other values too; with a budget
    /// of 64 values per pass it is refined (1,024 finer bins), and the zeros' own finer bin answers
    /// as all-equal.
    @Test(arguments: [
        (1, 1 << 19), (2, 1 << 19), (17, 1 << 19), (5_000, 1 << 19), (300_001, 1 << 19), (5_000, 64), (300_001, 64),
    ])
    func orderStatisticsMatchSorting(n: Int, budget: Int) {
        let values = data(n)
        let sorted = values.sorted()
        let statistics = SeriesStatistics(
            riskLevel: 0.95, markLevels: [0, 0.01, 0.5, 0.99, 1], collectionBudget: budget)
        var passes = 1
        values.withUnsafeBufferPointer { buffer in
            statistics.first(buffer)
            statistics.endFirstPass()
            while statistics.needsPass {
                statistics.later(buffer)
                statistics.endLaterPass()
                passes += 1
            }
        }
        for level in [0, 0.01, 0.5, 0.99, 1] {
            let rank = SeriesStatistics.markRank(n, level)
            let found = statistics.statistic(rank: rank)
            #expect(found.value == sorted[rank])
            #expect(found.firstWorld == values.firstIndex(of: sorted[rank]))
        }
        #expect(passes <= 4)
        // CVaR: n − ⌊0.95 n⌋ largest values averaged, against the sorted tail summed plainly.
        let (summary, risk) = statistics.summary()
        let tail = sorted[min(Int((Double(n) * 0.95).rounded(.down)), n - 1)...]
        let cvar = tail.reduce(0, +) / Double(tail.count)
        #expect(abs(risk!.conditionalValueAtRisk - cvar) <= 1e-9 * max(abs(cvar), 1))
        #expect(summary.percentile(50) == Summary.quantile(sorted, 0.5))
    }

    @Test func summaryMatchesDefinitions() {
        let values = data(100_001)
        let sorted = values.sorted()
        let (summary, risk) = values.withUnsafeBufferPointer { Summary.of($0, riskLevel: 0.95) }
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(summary.mean - mean) < 1e-6)
        // Type 7: h = (n − 1) p = 100,000 × 0.95 = 95,000 exactly, so p95 is sorted[95,000].
        #expect(summary.percentile(95) == sorted[95_000])
        // p1: h = 1,000 exactly.
        #expect(summary.percentile(1) == sorted[1_000])
        #expect(summary.min == sorted.first && summary.max == sorted.last)
        let histogram = summary.histogram
        #expect(histogram.counts.reduce(0, +) + histogram.below! + histogram.above! == values.count)
        let tail = sorted[95_000...]  // n − ⌊0.95 n⌋ = 100,001 − 95,000 = 5,001 largest
        let cvar = tail.reduce(0, +) / Double(tail.count)
        #expect(abs(risk!.conditionalValueAtRisk - cvar) < 1e-6 * abs(cvar))
        #expect(risk!.valueAtRisk == sorted[95_000])
    }

    /// The histogram covers P1 … P99, whatever the extremes: 0, 1, …, 9,998 and one world at
    /// 1,000,000. Fine bins 1,000,000 / 4,096 = 244.140625 wide; P1 = 99.99 (h = 9,999 × 0.01)
    /// in fine bin 0, P99 = 9,899.01 in bin ⌊9,899.01 / 244.140625⌋ = 40: 41 fine bins grouped
    /// into 20 at k × 41 / 20 (0, 2, 4, …, 38, 41). The first bar [0, 488.28125) holds 0…488 = 489
    /// worlds, the last [38 × 244.140625 = 9,277.34375, 41 × 244.140625 = 10,009.765625) holds
    /// 9,278…9,998 = 721; the outlier is counted above. (20 equal bins from min to max put
    /// 9,999 worlds in the first.)
    @Test func histogramSpansP1ToP99WithTheTailsCounted() {
        var values = (0..<10_000).map(Double.init)
        values[9_999] = 1_000_000
        let (summary, _) = values.withUnsafeBufferPointer { Summary.of($0) }
        let h = summary.histogram
        #expect(h.edges.count == 21 && h.counts.count == 20)
        #expect(h.edges[0] == 0 && h.edges[1] == 488.28125 && h.edges[20] == 10_009.765625)
        #expect(h.counts[0] == 489 && h.counts[19] == 721)
        #expect(h.counts.reduce(0, +) == 9_999 && h.below == 0 && h.above == 1)
    }

    @Test func interpolatedPercentile() {
        // n = 4: p50 → h = 1.5 → halfway between the 2nd and 3rd values.
        let (summary, _) = [4.0, 1, 3, 2].withUnsafeBufferPointer { Summary.of($0) }
        #expect(summary.percentile(50) == 2.5)
        #expect(summary.sd == (5.0 / 3).squareRoot())  // sample sd of 1, 2, 3, 4
    }

    /// −0 and +0 are equal doubles, so they tie: values [0, −0, 1, −2] rank 2.5, 2.5, 4, 1;
    /// less their mean (4 + 1)/2 = 2.5: 0, 0, 1.5, −1.5, whose squares sum to 2.25 + 2.25 = 4.5.
    @Test func centredRanksTieSignedZeros() {
        let (ranks, sumOfSquares) = [0.0, -0.0, 1, -2].withUnsafeBufferPointer(RadixSort.centredRanks)
        #expect(ranks == [0, 0, 1.5, -1.5])
        #expect(sumOfSquares == 4.5)
    }

    @Test func spearmanOfMonotoneAndReversed() {
        let x = (0..<1_000).map { Double($0) }
        let up = x.map { $0 * $0 * $0 }, down = x.map { -$0 }
        let rankings = x.withUnsafeBufferPointer { xs in
            up.withUnsafeBufferPointer { ups in
                down.withUnsafeBufferPointer { downs in
                    SensitivityRanking.rank(inputs: [("x", xs)], outputs: [("up", ups), ("down", downs)])
                }
            }
        }
        #expect(abs(rankings[0].inputs[0].spearman - 1) < 1e-12)
        #expect(abs(rankings[1].inputs[0].spearman + 1) < 1e-12)
    }
}
