/// Exact order statistics of finite values that can be read again in the same order — from memory
/// or from a file — with only bins and a few candidates in memory: pass 1 bins every value over
/// [least, greatest] (known from an earlier pass), then ``OrderStatisticSearch`` collects or refines
/// the bins holding the ranks until each is known. The values are the sorted array's, bit for bit.
public enum RereadOrderStatistics {
    /// Bins of the first pass (fewer for fewer values).
    public static let bins = 4_096

    /// The value at each rank (0-based, each below `n`).
    /// - Parameters:
    ///   - least, greatest: the least and greatest of the values (all finite).
    ///   - pass: calls its argument with the values in order, chunk after chunk, with the first
    ///     chunk's position; called once for the bins and once per further pass.
    public static func values(
        ranks: [Int], n: Int, least: Double, greatest: Double,
        pass: ((UnsafeBufferPointer<Double>, Int) -> Void) throws -> Void
    ) rethrows -> [Int: Double] {
        var k = 1
        while k * 2 <= Swift.min(n, bins) { k *= 2 }
        let first = ValueBins(lo: least, hi: greatest, k: k, firsts: false)
        try pass { chunk, start in
            for (offset, x) in chunk.enumerated() { first.add(x, world: start + offset) }
        }
        var search = OrderStatisticSearch(bins: first, n: n, ranks: ranks, tailRank: nil)
        while !search.isDone {
            try pass { chunk, start in search.see(chunk, firstWorld: start) }
            search.endPass()
        }
        var found: [Int: Double] = [:]
        for rank in ranks { found[rank] = search.found[rank]!.value }
        return found
    }
}
