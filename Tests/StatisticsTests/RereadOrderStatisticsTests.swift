import Statistics
import Testing

/// Order statistics found by bins over values read again pass after pass are the sorted array's.
@Suite struct RereadOrderStatisticsTests {
    /// Reads `values` in chunks of `chunk`, as a file of parts would give them.
    static func statistics(_ values: [Double], ranks: [Int], chunk: Int) -> [Int: Double] {
        RereadOrderStatistics.values(
            ranks: ranks, n: values.count, least: values.min()!, greatest: values.max()!
        ) { visit in
            values.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: chunk) {
                    visit(UnsafeBufferPointer(rebasing: all[start..<Swift.min(start + chunk, all.count)]), start)
                }
            }
        }
    }

    /// Continuous values, a zero floor tying most worlds (a shortfall), a few distinct values
    /// repeated (a count of entities), one value alone: every rank asked equals the sorted array's.
    static let cases: [[Double]] = [
        (0..<10_007).map { (i: Int) -> Double in Double((i * 7_919) % 10_007) * 0.37 - 1_000 },
        (0..<20_000).map { (i: Int) -> Double in i % 5 == 0 ? Double(i % 97) * 12.5 : 0 },
        (0..<5_000).map { (i: Int) -> Double in Double(i % 3) },
        [42.0],
    ]

    @Test(arguments: cases)
    func ranksOfTheSortedArray(values: [Double]) {
        let sorted = values.sorted(), n = values.count
        let ranks = Array(Set([0, n / 20, n / 2, n - 1 - n / 40, n - 1])).sorted()
        for chunk in [1_000, 4_096] {
            let found = Self.statistics(values, ranks: ranks, chunk: chunk)
            for rank in ranks { #expect(found[rank] == sorted[rank], "rank \(rank) of \(n), chunks of \(chunk)") }
        }
        // the quantile read from the two ranks equals the one of the sorted array, bit for bit
        let ranks5 = Summary.quantileRanks(count: n, 0.05)
        let found = Self.statistics(values, ranks: ranks5, chunk: 4_096)
        #expect(Summary.quantile(count: n, 0.05) { found[$0]! } == Summary.quantile(sorted, 0.05))
    }
}
