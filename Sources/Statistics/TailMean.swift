/// The mean of the `count` largest of `values`, without sorting them all: a selection
/// (quickselect, median-of-three pivots) moves the largest `count` to the end, in O(n) on average.
/// The search's CVaR scoring calls it once per plan costed; a sort was as slow as the costing.
public func meanOfLargest(_ values: inout [Double], count: Int) -> Double {
    let n = values.count, k = Swift.min(Swift.max(count, 1), n)
    guard n > 0 else { return 0 }
    // Select so that values[n − k ..< n] are the k largest.
    let target = n - k
    var low = 0, high = n - 1
    values.withUnsafeMutableBufferPointer { v in
        while low < high {
            let middle = low + (high - low) / 2
            // Median of three as the pivot.
            if v[middle] < v[low] { v.swapAt(middle, low) }
            if v[high] < v[low] { v.swapAt(high, low) }
            if v[high] < v[middle] { v.swapAt(high, middle) }
            let pivot = v[middle]
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if target <= j {
                high = j
            } else if target >= i {
                low = i
            } else {
                break
            }
        }
    }
    var sum = 0.0
    for i in target..<n { sum += values[i] }
    return sum / Double(k)
}
