/// Exact order statistics of many values without sorting them: a most-significant-digit
/// radix selection, 16 bits a level.
///
/// One counting pass finds which bucket holds each requested rank, one gathering pass
/// copies out only those buckets, and the search goes on inside them with the next 16
/// bits (small buckets are simply sorted). A dozen percentiles of a million world
/// results cost a few passes over the data, and the result is exact whatever the ties.
public enum RadixSelect {
    static let smallEnoughToSort = 4_096

    /// The values at the given 0-based ranks of the ascending order.
    public static func values(_ values: UnsafeBufferPointer<Double>, ranks: [Int]) -> [Double] {
        var result = [Double](repeating: 0, count: ranks.count)
        let keys = values.map(RadixSort.key)
        select(keys, requests: ranks.enumerated().map { (rank: $0.element, slot: $0.offset) }, shift: 48, into: &result)
        return result
    }

    private static func select(_ keys: [UInt64], requests: [(rank: Int, slot: Int)], shift: Int, into result: inout [Double]) {
        if keys.count <= smallEnoughToSort || shift < 0 {
            let sorted = keys.sorted()
            for request in requests { result[request.slot] = RadixSort.value(sorted[request.rank]) }
            return
        }
        let mask: UInt64 = 0xFFFF
        var counts = [Int](repeating: 0, count: 1 << 16)
        for key in keys { counts[Int((key >> UInt64(shift)) & mask)] += 1 }
        // Which bucket each request falls in, and its rank inside that bucket.
        var starts = [Int](repeating: 0, count: 1 << 16)
        var running = 0
        for bucket in 0..<(1 << 16) {
            starts[bucket] = running
            running += counts[bucket]
        }
        var byBucket: [Int: [(rank: Int, slot: Int)]] = [:]
        for request in requests {
            var lo = 0, hi = (1 << 16) - 1
            while lo < hi {                     // the last bucket whose start ≤ rank
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= request.rank { lo = mid } else { hi = mid - 1 }
            }
            while counts[lo] == 0 { lo -= 1 }
            byBucket[lo, default: []].append((request.rank - starts[lo], request.slot))
        }
        // Gather the needed buckets in one pass, then recurse with the next 16 bits.
        let buckets = byBucket.keys.sorted()
        var place = [Int32](repeating: -1, count: 1 << 16)
        var gathered: [[UInt64]] = buckets.map { _ in [] }
        for (index, bucket) in buckets.enumerated() {
            place[bucket] = Int32(index)
            gathered[index].reserveCapacity(counts[bucket])
        }
        for key in keys {
            let index = place[Int((key >> UInt64(shift)) & mask)]
            if index >= 0 { gathered[Int(index)].append(key) }
        }
        for (index, bucket) in buckets.enumerated() {
            let subset = gathered[index]
            if subset.allSatisfy({ $0 == subset[0] }) {
                for request in byBucket[bucket]! { result[request.slot] = RadixSort.value(subset[0]) }
            } else {
                select(subset, requests: byBucket[bucket]!, shift: shift - 16, into: &result)
            }
        }
    }
}
