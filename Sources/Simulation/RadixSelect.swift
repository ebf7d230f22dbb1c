/// Exact order statistics of many values without sorting them: a most-significant-digit
/// radix selection: 16 bits at the first level, 11 below.
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
        // The first level reads the doubles in place (no copy of a million keys).
        select(KeySource.doubles(values), requests: ranks.enumerated().map { (rank: $0.element, slot: $0.offset) },
               shift: 48, bits: 16, into: &result)
        return result
    }

    /// Where a level reads its keys from: the caller's doubles, or a gathered bucket.
    enum KeySource {
        case doubles(UnsafeBufferPointer<Double>)
        case keys([UInt64])

        var count: Int {
            switch self {
            case .doubles(let d): return d.count
            case .keys(let k): return k.count
            }
        }

        func forEach(_ body: (UInt64) -> Void) {
            switch self {
            case .doubles(let d): for x in d { body(RadixSort.key(x)) }
            case .keys(let k): for key in k { body(key) }
            }
        }

        var sortedKeys: [UInt64] {
            switch self {
            case .doubles(let d): return d.map(RadixSort.key).sorted()
            case .keys(let k): return k.sorted()
            }
        }
    }

    /// Selects within `keys` on the digit of `bits` bits above `shift`: 16 bits for the first
    /// level over all values, 11 bits below it so that the tables stay small for the buckets.
    private static func select(_ keys: KeySource, requests: [(rank: Int, slot: Int)], shift: Int, bits: Int,
                               into result: inout [Double]) {
        if keys.count <= smallEnoughToSort || bits <= 0 {
            let sorted = keys.sortedKeys
            for request in requests { result[request.slot] = RadixSort.value(sorted[request.rank]) }
            return
        }
        let radix = 1 << bits
        let mask = UInt64(radix - 1)
        var counts = [Int](repeating: 0, count: radix)
        keys.forEach { key in counts[Int((key >> UInt64(shift)) & mask)] += 1 }
        // Which bucket each request falls in, and its rank inside that bucket.
        var starts = [Int](repeating: 0, count: radix)
        var running = 0
        for bucket in 0..<radix {
            starts[bucket] = running
            running += counts[bucket]
        }
        var byBucket: [Int: [(rank: Int, slot: Int)]] = [:]
        for request in requests {
            var lo = 0, hi = radix - 1
            while lo < hi {                     // the last bucket whose start ≤ rank
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= request.rank { lo = mid } else { hi = mid - 1 }
            }
            while counts[lo] == 0 { lo -= 1 }
            byBucket[lo, default: []].append((request.rank - starts[lo], request.slot))
        }
        // Gather the needed buckets in one pass, then recurse with the next 16 bits.
        let buckets = byBucket.keys.sorted()
        var place = [Int32](repeating: -1, count: radix)
        var gathered: [[UInt64]] = buckets.map { _ in [] }
        for (index, bucket) in buckets.enumerated() {
            place[bucket] = Int32(index)
            gathered[index].reserveCapacity(counts[bucket])
        }
        keys.forEach { key in
            let index = place[Int((key >> UInt64(shift)) & mask)]
            if index >= 0 { gathered[Int(index)].append(key) }
        }
        for (index, bucket) in buckets.enumerated() {
            let subset = gathered[index]
            if subset.allSatisfy({ $0 == subset[0] }) {
                for request in byBucket[bucket]! { result[request.slot] = RadixSort.value(subset[0]) }
            } else {
                let nextBits = Swift.min(11, shift)
                select(.keys(subset), requests: byBucket[bucket]!, shift: shift - nextBits, bits: nextBits, into: &result)
            }
        }
    }
}
