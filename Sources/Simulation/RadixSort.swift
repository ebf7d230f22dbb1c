/// LSD radix argsort of doubles (11 bits a pass, 6 passes): O(n) ranks for the sensitivity
/// analysis, where a comparison sort of every input and output would dominate.
public enum RadixSort {
    // 11-bit digits, 6 passes: the counting table stays in L1 for the 100,000-world samples it ranks.
    static let digitBits = 11
    static let passes = 6
    static let radix = 1 << 11
    static let mask: UInt64 = (1 << 11) - 1

    /// Maps a double to an unsigned key with the same order (negatives flipped, sign bit set on positives).
    @inlinable
    static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The inverse of ``key(_:)``.
    @inlinable
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Indices that sort the values ascending (stable).
    public static func order(_ values: UnsafeBufferPointer<Double>) -> [Int32] {
        let n = values.count
        var keys = values.map(key)
        var index = (0..<n).map { Int32($0) }
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchIndex = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: radix)
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            for i in 0..<radix { counts[i] = 0 }
            for k in keys { counts[Int((k >> shift) & mask)] += 1 }
            if counts.contains(n) { continue }
            var total = 0
            for i in 0..<radix { let c = counts[i]; counts[i] = total; total += c }
            // Through raw buffers: the scatter must not pay a copy-on-write check per element.
            keys.withUnsafeBufferPointer { keys in
                index.withUnsafeBufferPointer { index in
                    scratchKeys.withUnsafeMutableBufferPointer { outKeys in
                        scratchIndex.withUnsafeMutableBufferPointer { outIndex in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for i in 0..<n {
                                    let digit = Int((keys[i] >> shift) & mask)
                                    outKeys[counts[digit]] = keys[i]
                                    outIndex[counts[digit]] = index[i]
                                    counts[digit] += 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &scratchKeys)
            swap(&index, &scratchIndex)
        }
        return index
    }

    /// Ranks 1…n with ties given their average rank (for Spearman correlation).
    public static func ranks(_ values: UnsafeBufferPointer<Double>) -> [Double] {
        let order = order(values)
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[Int(order[j + 1])] == values[Int(order[i])] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[Int(order[k])] = rank }
            i = j + 1
        }
        return ranks
    }
}
