import Testing
@testable import Reports

/// The chart builder's axes: round ticks that cover the data, whatever the data.
@Suite struct SVGChartTests {
    @Test func roundTicksCoverTheData() {
        #expect(SVGChart.ticks(0, 100) == [0, 20, 40, 60, 80, 100])
        // negative values: span 115 → raw step 23 → 50; from ⌊−35/50⌋ × 50 = −50 up to the first ≥ 80
        #expect(SVGChart.ticks(-35, 80) == [-50, 0, 50, 100])
        // very large INR: 3 × 10⁹ / 5 = 6 × 10⁸ a step; the next round step (1, 2 or 5 × 10ⁿ) is 10⁹
        #expect(SVGChart.ticks(0, 3e9) == [0, 1e9, 2e9, 3e9])
        #expect(SVGChart.ticks(0.70154, 0.7293).first! <= 0.70154 && SVGChart.ticks(0.70154, 0.7293).last! >= 0.7293)
    }

    @Test func aSinglePointOrEqualValuesStillGetAnAxis() {
        // 5 alone: an axis around it (4.5 … 5.5 and beyond, to round ticks)
        let single = SVGChart.ticks(5, 5)
        #expect(single.first! < 5 && single.last! > 5 && single.count >= 3)
        let zero = SVGChart.ticks(0, 0)
        #expect(zero.first! < 0 && zero.last! > 0)
        #expect(SVGChart.ticks(.nan, 1) == [0, 1])
    }

    @Test func chartsDrawEveryValue() {
        let bars = SVGChart.stackedBars(title: "t", yLabel: "y", xLabel: "x", categories: ["a", "b"],
                                        series: [SVGChart.Series(name: "up", values: [3, 4]), SVGChart.Series(name: "down", values: [-1, 0])])
        // three non-zero parts, each a rect with its value in its title, plus one legend square per series
        #expect(bars.components(separatedBy: "<rect").count - 1 == 3 + 2)
        #expect(bars.contains("<title>down a: -1</title>"))
        let lines = SVGChart.lines(title: "t", yLabel: "y", xLabel: "x", categories: ["a", "b", "c"],
                                   series: [SVGChart.Series(name: "s", values: [1, .nan, 3])])
        #expect(lines.components(separatedBy: "<circle").count - 1 == 2)   // the gap draws no point
    }
}
