import CCTS
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
        // 0 alone (a series of zeros): 0 to 1, an axis a reader can read, not −0.5 … 0.5
        #expect(SVGChart.ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(SVGChart.ticks(.nan, 1) == [0, 1])
    }

    @Test func chartsDrawEveryValue() {
        let bars = SVGChart.stackedBars(
            title: "t", yLabel: "y", xLabel: "x", categories: ["a", "b"],
            series: [SVGChart.Series(name: "up", values: [3, 4]), SVGChart.Series(name: "down", values: [-1, 0])])
        // three non-zero parts, each a rect with its value in its title, plus one legend square per series
        #expect(bars.components(separatedBy: "<rect").count - 1 == 3 + 2)
        #expect(bars.contains("<title>down a: -1</title>"))
        let lines = SVGChart.lines(
            title: "t", yLabel: "y", xLabel: "x", categories: ["a", "b", "c"],
            series: [SVGChart.Series(name: "s", values: [1, .nan, 3])])
        #expect(lines.components(separatedBy: "<circle").count - 1 == 2)  // the gap draws no point
    }

    /// Tick labels carry the decimals their step needs: a GEI axis is not five labels of "1".
    @Test func tickLabelsShowTheirStep() {
        // 0.68 … 0.76 by 0.02: step 0.02 → ⌈−log10 0.02⌉ = ⌈1.7⌉ = 2 decimals
        #expect(SVGChart.tickLabels([0.68, 0.70, 0.72, 0.74, 0.76]) == ["0.68", "0.70", "0.72", "0.74", "0.76"])
        #expect(SVGChart.tickLabels([0, 50_000, 100_000]) == ["0", "50,000", "100,000"])
        #expect(SVGChart.tickLabels([-0.5, 0, 0.5]) == ["-0.5", "0.0", "0.5"])
    }

    /// Every world at the same cost: one bin, an S-curve of one point; the x axis still has a width
    /// (−8,000,000 + 1e-12 is −8,000,000 in doubles, so a fixed minimum span is not enough).
    @Test func allEqualValuesDrawWithoutNaN() {
        let histogram = SVGChart.histogram(title: "h", xLabel: "INR", edges: [-8e6, -8e6], counts: [2000])
        let curve = SVGChart.curves(
            title: "s", xLabel: "INR", yLabel: "%", x: [-8e6], series: [SVGChart.Series(name: "c", values: [100])],
            markers: [(-8e6, "here")])
        for svg in [histogram, curve] {
            #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
        }
    }

    /// The MAC curve: one bar per measure with abatement, bar widths in proportion to abatement.
    @Test func macCurveWidthsAreAbatement() {
        let svg = SVGChart.macCurve(
            title: "MAC", xLabel: "t", yLabel: "INR/t",
            bars: [("cheap", 30_000, -200), ("dear", 10_000, 4_000), ("none", 0, 1)])
        // the measure without abatement draws no bar
        #expect(svg.components(separatedBy: "class=\"mark\"").count - 1 == 2)
        // plot width 640 − 90 − 20 = 530 for 40,000 t: 30,000 t → 397.5 − 1 (gap) = 396.5; 10,000 t → 132.5
        // − 1 = 131.5
        #expect(svg.contains("width=\"396.5\"") && svg.contains("width=\"131.5\""))
        #expect(svg.contains("<title>1. cheap: 30,000 t a year at -200 per t</title>"))
    }

    /// Bars carry the measure's name where it fits (a longer name is cut with "…"), and each
    /// certificate price is a dashed line named at the chart's foot.
    @Test func macCurveNamesItsBarsAndDrawsThePrice() {
        let svg = SVGChart.macCurve(
            title: "MAC", xLabel: "t", yLabel: "INR/t",
            bars: [("Solar PPA", 30_000, -200), ("Waste-heat recovery, 10 MW, steam cycle", 10_000, 4_000)],
            prices: [(2_100, "CCC price 2,100 INR/t"), (3_000, "at 3,000 INR/CCC")])
        #expect(svg.contains(">Solar PPA</text>"))
        // the bar is 131.5 px, its name fits in 129.5 at 11 px by DejaVu widths (em): "Waste-heat recover…"
        // would take 11.9 em = 130.9 px, "Waste-heat recove…" 11.46 em = 126.06 px
        #expect(svg.contains(">Waste-heat recove…</text>"))
        #expect(svg.contains("<line class=\"price\"") && svg.contains(">CCC price 2,100 INR/t</text>"))
        // one dashed line per price (a --price sweep draws each)
        #expect(svg.components(separatedBy: "<line class=\"price\"").count - 1 == 2)
        #expect(svg.contains(">at 3,000 INR/CCC</text>"))
    }
}

/// The page template: it parses, escapes what a scenario names, and keeps charts as they are.
@Suite struct ReportDocumentTests {
    @Test func textIsEscapedAndChartsAreNot() throws {
        _ = try ReportDocument.library.get()  // both templates parse
        var page = ReportDocument(
            title: "T & <b>", heading: "<script>alert(1)</script>", lead: [.text("a \"quoted\" <i>name</i>")])
        page.add(
            "Section",
            [
                .chart("<svg><rect class=\"mark\"/></svg>"), .table(["h"], [["1,234"]], numeric: [0]),
                .bullets(["x < y"]),
            ])
        let html = try page.render()
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>T &amp; &lt;b&gt;</title>"))
        #expect(html.contains("<figure><svg><rect class=\"mark\"/></svg></figure>"))
        #expect(html.contains("<td class=\"n\">1,234</td>") && html.contains("<li>x &lt; y</li>"))
        // no warnings: the page says so; no assumptions: no empty table
        #expect(html.contains("<p>None.</p>") && !html.contains("Assumptions in force"))
    }
}

/// Digits grouped the international or the Indian way (lakh, crore); money by lakh and crore.
@Suite struct NumberFormatTests {
    @Test func indianGroupingByLakhAndCrore() {
        #expect(NumberFormat.grouped(12_345_678, grouping: .indian) == "1,23,45,678")
        #expect(NumberFormat.grouped(12_345_678, grouping: .international) == "12,345,678")
        #expect(NumberFormat.grouped(-1_00_00_000, grouping: .indian) == "-1,00,00,000")  // minus one crore
        #expect(NumberFormat.grouped(999, grouping: .indian) == "999")
        #expect(NumberFormat.grouped(1000, grouping: .indian) == "1,000")
        #expect(NumberFormat.grouped(100_000, grouping: .indian) == "1,00,000")  // one lakh
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2, grouping: .indian) == "12,34,567.89")
        #expect(NumberFormat.grouped(-0.4, grouping: .indian) == "0")  // no "-0"
    }

    /// Amounts of money as `--number-format` writes them; each expectation worked by hand.
    @Test func moneyByGrouping() {
        // the default and Indian grouping keep the digits and say INR
        #expect(NumberFormat.money(-8_000_000, grouping: .international) == "-8,000,000 INR")
        #expect(NumberFormat.money(-8_000_000, grouping: .indian) == "-80,00,000 INR")
        // lakh-crore: 104,533,800 / 10⁷ = 10.45338 crore → three significant digits "10.5"
        #expect(NumberFormat.money(104_533_800, grouping: .lakhCrore) == "₹10.5 crore")
        // 123,000,000 / 10⁷ = 12.3 crore (the example)
        #expect(NumberFormat.money(123_000_000, grouping: .lakhCrore) == "₹12.3 crore")
        // -8,000,000 / 10⁵ = 80 lakh, shown with its sign first
        #expect(NumberFormat.money(-8_000_000, grouping: .lakhCrore) == "-₹80.0 lakh")
        // 4,560,000 / 10⁵ = 45.6 lakh; 123,456 / 10⁵ = 1.23456 → "1.23"
        #expect(NumberFormat.money(4_560_000, grouping: .lakhCrore) == "₹45.6 lakh")
        #expect(NumberFormat.money(123_456, grouping: .lakhCrore) == "₹1.23 lakh")
        // a thousand crore and more: whole crores, grouped the Indian way (12,345.678 crore → 12,346)
        #expect(NumberFormat.money(123_456_780_000, grouping: .lakhCrore) == "₹12,346 crore")
        // below a lakh: whole rupees; 99,999.6 rounds to a lakh and is written as one
        #expect(NumberFormat.money(12_345, grouping: .lakhCrore) == "₹12,345")
        #expect(NumberFormat.money(99_999.6, grouping: .lakhCrore) == "₹1.00 lakh")
        #expect(NumberFormat.money(0, grouping: .lakhCrore) == "₹0")
        // Indian digits under lakh-crore for every other number
        #expect(NumberFormat.grouped(12_345_678, grouping: .lakhCrore) == "1,23,45,678")
    }
}

/// What the Monte Carlo page's charts must not do: a zero axis to 0.000000001, a constant with no bar.
@Suite struct ChartEdgeCaseTests {
    @Test func anAllZeroAxisRunsFromZeroToOne() {
        #expect(SVGChart.ticks(0, 1e-9) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    /// 1,000 worlds all costing 14,000,000 INR: one bar holding 100 % of them, around the value
    /// (± 1 % = 140,000), with the mean marked.
    @Test func aConstantDrawsOneBarAndItsMarkers() {
        let svg = SVGChart.histogram(
            title: "cost", xLabel: "INR", edges: [14e6, 14e6], counts: [1_000],
            markers: [(14e6, "mean 14,000,000")])
        #expect(svg.components(separatedBy: "class=\"mark\"").count - 1 == 1)
        #expect(svg.contains("13,860,000 to 14,140,000: 100 %"))
        #expect(svg.contains(">mean 14,000,000</text>"))
    }
}
