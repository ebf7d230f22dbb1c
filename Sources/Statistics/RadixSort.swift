/// LSD radix sort of doubles (11 bits a pass, up to 6 passes): O(n) ranks for the sensitivity
/// analysis, where a comparison sort of every input and output would dominate.
public enum RadixSort {
    // 11-bit digits, 6 passes: the counting table stays in L1 for the 100,000-world samples it ranks.
    public static let digitBits = 11
    public static let passes = 6
    public static let radix = 1 << 11
    public static let mask: UInt64 = (1 << 11) - 1

    /// Maps a double to an unsigned key with the same order (negatives flipped, sign bit set on
    /// positives). −0 is taken as +0 first (x + 0), so that equal doubles have equal keys.
    @inlinable
    public static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Ranks 1…n with ties given their average rank, less their mean (n + 1)/2 (Spearman
    /// correlation is the Pearson correlation of these), and the sum of their squares.
    ///
    /// The keys are sorted with their positions (stable; a pass whose digit every key shares is
    /// skipped); runs of equal keys are then ties, found by reading the sorted keys in order.
    /// Every rank is a multiple of ½, so for the samples ranked here (n ≤ 200,000) every sum of
    /// their products is exact, whatever the order of the additions.
    public static func centredRanks(_ values: UnsafeBufferPointer<Double>) -> (ranks: [Double], sumOfSquares: Double) {
        let n = values.count
        var keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Swift.max(n, 1))
        var index = UnsafeMutableBufferPointer<Int32>.allocate(capacity: Swift.max(n, 1))
        var sortedKeys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Swift.max(n, 1))
        var sortedIndex = UnsafeMutableBufferPointer<Int32>.allocate(capacity: Swift.max(n, 1))
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: radix)
        defer {
            keys.deallocate(); sortedKeys.deallocate()
            index.deallocate(); sortedIndex.deallocate()
            counts.deallocate()
        }
        for i in 0..<n {
            keys[i] = key(values[i])
            index[i] = Int32(i)
        }
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            counts.initialize(repeating: 0)
            for i in 0..<n { counts[Int((keys[i] >> shift) & mask)] += 1 }
            if n == 0 || counts[Int((keys[0] >> shift) & mask)] == n { continue }
            var total = 0
            for d in 0..<radix {
                let c = counts[d]
                counts[d] = total
                total += c
            }
            for i in 0..<n {
                let digit = Int((keys[i] >> shift) & mask)
                let at = counts[digit]
                sortedKeys[at] = keys[i]
                sortedIndex[at] = index[i]
                counts[digit] = at + 1
            }
            swap(&keys, &sortedKeys)
            swap(&index, &sortedIndex)
        }
        var ranks = [Double](repeating: 0, count: n)
        let mean = Double(n + 1) / 2
        var sumOfSquares = 0.0
        ranks.withUnsafeMutableBufferPointer { ranks in
            var i = 0
            while i < n {
                var j = i
                while j + 1 < n && keys[j + 1] == keys[i] { j += 1 }
                let rank = Double(i + j) / 2 + 1 - mean
                for k in i...j { ranks[Int(index[k])] = rank }
                sumOfSquares += Double(j - i + 1) * (rank * rank)
                i = j + 1
            }
        }
        return (ranks, sumOfSquares)
    }
}
