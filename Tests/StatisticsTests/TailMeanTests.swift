import Testing

@testable import Statistics

/// The search's CVaR: the mean of the largest values, by selection, against a full sort.
@Suite struct TailMeanTests {
    /// Values with ties and a fixed pseudo-random order; every tail length from 1 to all of them.
    @Test func equalsTheSortedTail() {
        var state: UInt64 = 12_345
        let values = (0..<257).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((state >> 33) % 50)  // many ties
        }
        let sorted = values.sorted()
        for count in [1, 2, 13, 128, 256, 257] {
            var copy = values
            let byHand = sorted.suffix(count).reduce(0, +) / Double(count)
            #expect(abs(meanOfLargest(&copy, count: count) - byHand) < 1e-9, "tail of \(count)")
        }
    }

    /// Five costs 1…5, the largest two: (4 + 5) / 2 = 4.5; a count above the length takes all (mean 3).
    @Test func smallCases() {
        var a: [Double] = [3, 1, 5, 2, 4]
        #expect(meanOfLargest(&a, count: 2) == 4.5)
        var b: [Double] = [3, 1, 5, 2, 4]
        #expect(meanOfLargest(&b, count: 9) == 3)
        var empty: [Double] = []
        #expect(meanOfLargest(&empty, count: 1) == 0)
    }
}
