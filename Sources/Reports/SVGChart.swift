import Foundation

/// Charts as inline SVG: no script, no font or file from outside, readable from an e-mail
/// attachment. Every chart has a title, axis labels with units, and a table of its numbers is
/// printed beside it by the page (``HTMLReport``).
public enum SVGChart {
    static let width = 640.0, height = 320.0
    /// Below the plot, top to bottom: category or tick labels, the x-axis label, the legend.
    static let left = 90.0, right = 20.0, top = 36.0, bottom = 76.0
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f"]

    /// A series of a chart: its name and one value per category.
    public struct Series {
        public var name: String
        public var values: [Double]
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// A value axis covering `low` … `high` with about five round ticks (1, 2 or 5 × a power of
    /// ten apart), the first at or below `low` and the last at or above `high`. Equal bounds get
    /// an axis around the value.
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        guard low.isFinite, high.isFinite else { return [0, 1] }
        // Nothing but zeros (a series of all 0, a share axis of 1e-9): 0 to 1, not 0 to 0.000000001.
        if low >= 0, high <= 1e-6 { return [0, 0.2, 0.4, 0.6, 0.8, 1] }
        if high - low <= abs(high) * 1e-12 {
            let half = Swift.max(abs(low), 1) / 2
            return ticks(low - half, high + half)
        }
        let raw = (high - low) / 5
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var t = (low / step).rounded(.down) * step
        var out: [Double] = [t]
        while t < high - step * 1e-9 {
            t += step
            out.append((t / step).rounded() * step)
        }
        return out
    }

    static func frame(
        title: String, yLabel: String, xLabel: String, ticks: [Double], y: (Double) -> Double, body: String
    ) -> String {
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s +=
            "<text x=\"\(Int(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>"
        let labels = tickLabels(ticks)
        for (t, label) in zip(ticks, labels) {
            let yy = y(t)
            s += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(yy + 4)\" text-anchor=\"end\" font-size=\"11\">\(escape(label))</text>"
        }
        s += "<line x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>"
        s +=
            "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(height - bottom)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>"
        s +=
            "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\">\(escape(yLabel))</text>"
        s +=
            "<text x=\"\((left + width - right) / 2)\" y=\"\(height - bottom + 36)\" font-size=\"12\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        return s + body + "</svg>"
    }

    static func grouped(_ x: Double) -> String { NumberFormat.grouped(x) }

    /// Labels of evenly spaced ticks with as many decimals as their step needs (0.68, 0.70, 0.72;
    /// 0, 50,000, 100,000), digits grouped in the chosen style.
    static func tickLabels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map { grouped($0) } }
        let step = abs(ticks[1] - ticks[0])
        let decimals = step >= 1 || step == 0 ? 0 : Swift.min(Int((-log10(step)).rounded(.up) + 1e-9), 12)
        return ticks.map { NumberFormat.grouped($0, decimals: decimals) }
    }

    /// Stacked bars, one per category (negative parts below zero), with a legend.
    public static func stackedBars(
        title: String, yLabel: String, xLabel: String, categories: [String], series: [Series]
    ) -> String {
        let positive = categories.indices.map { i in series.reduce(0) { $0 + Swift.max($1.values[i], 0) } }
        let negative = categories.indices.map { i in series.reduce(0) { $0 + Swift.min($1.values[i], 0) } }
        let t = ticks(Swift.min(negative.min() ?? 0, 0), Swift.max(positive.max() ?? 1, 1))
        let low = t.first!, high = t.last!
        func y(_ v: Double) -> Double { top + (high - v) / (high - low) * (height - top - bottom) }
        let slot = (width - left - right) / Double(Swift.max(categories.count, 1)), bar = slot * 0.5
        var body = ""
        for (i, category) in categories.enumerated() {
            let x = left + slot * Double(i) + (slot - bar) / 2
            var up = 0.0, down = 0.0
            for (k, s) in series.enumerated() {
                let v = s.values[i]
                guard v != 0 else { continue }
                let from = v > 0 ? up : down, to = from + v
                if v > 0 { up = to } else { down = to }
                body +=
                    "<rect class=\"mark\" x=\"\(x)\" y=\"\(Swift.min(y(from), y(to)))\" width=\"\(bar)\" height=\"\(abs(y(from) - y(to)))\" fill=\"\(palette[k % palette.count])\"><title>\(escape(s.name)) \(escape(category)): \(escape(grouped(v)))</title></rect>"
            }
            body +=
                "<text x=\"\(x + bar / 2)\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"12\">\(escape(category))</text>"
        }
        body += legend(series.map(\.name))
        return frame(title: title, yLabel: yLabel, xLabel: xLabel, ticks: t, y: y, body: body)
    }

    /// Lines over the categories, one per series (a NaN value leaves a gap), with a legend.
    public static func lines(title: String, yLabel: String, xLabel: String, categories: [String], series: [Series])
        -> String
    {
        let values = series.flatMap(\.values).filter { !$0.isNaN }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let pad = Swift.max((hi - lo) * 0.1, abs(hi) * 0.01, 1e-6)
        let t = ticks(lo - pad, hi + pad)
        let low = t.first!, high = t.last!
        func y(_ v: Double) -> Double { top + (high - v) / (high - low) * (height - top - bottom) }
        let slot = (width - left - right) / Double(Swift.max(categories.count, 1))
        func x(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }
        var body = ""
        for (i, category) in categories.enumerated() {
            body +=
                "<text x=\"\(x(i))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"12\">\(escape(category))</text>"
        }
        for (k, s) in series.enumerated() {
            let color = palette[k % palette.count]
            let points = s.values.enumerated().filter { !$0.element.isNaN }.map { "\(x($0.offset)),\(y($0.element))" }
            if points.count > 1 {
                body +=
                    "<polyline class=\"mark\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            for (i, v) in s.values.enumerated() where !v.isNaN {
                body +=
                    "<circle class=\"mark\" cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"4\" fill=\"\(color)\"><title>\(escape(s.name)) \(escape(categories[i])): \(number(v))</title></circle>"
            }
        }
        body += legend(series.map(\.name))
        return frame(title: title, yLabel: yLabel, xLabel: xLabel, ticks: t, y: y, body: body)
    }

    /// A waterfall: a starting bar, steps up and down, and the end bar.
    public static func waterfall(title: String, yLabel: String, steps: [(label: String, value: Double, isTotal: Bool)])
        -> String
    {
        var running = 0.0, levels: [(from: Double, to: Double)] = []
        for step in steps {
            if step.isTotal {
                levels.append((0, step.value)); running = step.value
            } else {
                levels.append((running, running + step.value)); running += step.value
            }
        }
        let all = levels.flatMap { [$0.from, $0.to] }
        let t = ticks(Swift.min(all.min() ?? 0, 0), Swift.max(all.max() ?? 1, 1))
        let low = t.first!, high = t.last!
        func y(_ v: Double) -> Double { top + (high - v) / (high - low) * (height - top - bottom) }
        let slot = (width - left - right) / Double(Swift.max(steps.count, 1)), bar = slot * 0.6
        var body = ""
        for (i, (step, level)) in zip(steps, levels).enumerated() {
            let x = left + slot * Double(i) + (slot - bar) / 2
            let color = step.isTotal ? "#4e79a7" : (step.value >= 0 ? "#59a14f" : "#e15759")
            body +=
                "<rect class=\"mark\" x=\"\(x)\" y=\"\(Swift.min(y(level.from), y(level.to)))\" width=\"\(bar)\" height=\"\(Swift.max(abs(y(level.from) - y(level.to)), 0.5))\" fill=\"\(color)\"><title>\(escape(step.label)): \(escape(grouped(step.value)))</title></rect>"
            body +=
                "<text x=\"\(x + bar / 2)\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"10\">\(escape(step.label))</text>"
        }
        return frame(title: title, yLabel: yLabel, xLabel: "", ticks: t, y: y, body: body)
    }

    static func legend(_ names: [String]) -> String {
        var s = "", x = left
        for (k, name) in names.enumerated() {
            s +=
                "<rect x=\"\(x)\" y=\"\(height - 20)\" width=\"10\" height=\"10\" fill=\"\(palette[k % palette.count])\"/>"
            s += "<text x=\"\(x + 14)\" y=\"\(height - 11)\" font-size=\"11\">\(escape(name))</text>"
            x += 24 + Double(name.count) * 6
        }
        return s
    }

    /// An x axis of numbers: ticks and their labels under the plot.
    static func xAxis(_ ticks: [Double], _ x: (Double) -> Double) -> String {
        // the last label ends at its tick, so a long number stays inside the chart
        zip(ticks, tickLabels(ticks)).enumerated().map { i, tick in
            "<line x1=\"\(x(tick.0))\" x2=\"\(x(tick.0))\" y1=\"\(height - bottom)\" y2=\"\(height - bottom + 4)\" stroke=\"#333\"/>"
                + "<text x=\"\(x(tick.0))\" y=\"\(height - bottom + 16)\" text-anchor=\"\(i == ticks.count - 1 && ticks.count > 1 ? "end" : "middle")\" font-size=\"11\">\(escape(tick.1))</text>"
        }.joined()
    }

    /// A dashed vertical line at `x` with its label, written on the side with room.
    static func marker(at x: Double, label: String, color: String) -> String {
        let leftSide = x > (left + width - right) / 2
        return
            "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(top)\" y2=\"\(height - bottom)\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            + "<text x=\"\(leftSide ? x - 4 : x + 4)\" y=\"\(top + 12)\" font-size=\"11\" fill=\"\(color)\" text-anchor=\"\(leftSide ? "end" : "start")\">\(escape(label))</text>"
    }

    /// A histogram over `edges` (count + 1 of them), with an optional marked value (a target).
    /// Several values may be marked (`markers`: the mean, the VaR); a constant (every edge equal)
    /// draws one bar of all the worlds around its value.
    public static func histogram(
        title: String, xLabel: String, edges: [Double], counts: [Int], marker: (value: Double, label: String)? = nil,
        markers: [(value: Double, label: String)] = []
    ) -> String {
        var edges = edges, counts = counts
        if let first = edges.first, let last = edges.last, first == last {
            let half = Swift.max(abs(first) * 0.01, 1)
            (edges, counts) = ([first - half, first + half], [counts.reduce(0, +)])
        }
        let marks = (marker.map { [$0] } ?? []) + markers
        let total = Double(Swift.max(counts.reduce(0, +), 1))
        let shares = counts.map { Double($0) / total * 100 }
        let t = ticks(0, Swift.max(shares.max() ?? 1, 1e-9))
        let high = t.last!
        let xTicks = ticks(
            Swift.min(edges.first ?? 0, marks.map(\.value).min() ?? .infinity),
            Swift.max(edges.last ?? 1, marks.map(\.value).max() ?? -.infinity))
        let lo = xTicks.first!, hi = xTicks.last!
        func x(_ v: Double) -> Double { left + (v - lo) / (hi - lo) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (high - v) / high * (height - top - bottom) }
        var body = ""
        for (i, share) in shares.enumerated() where i + 1 < edges.count {
            body +=
                "<rect class=\"mark\" x=\"\(x(edges[i]))\" y=\"\(y(share))\" width=\"\(Swift.max(x(edges[i + 1]) - x(edges[i]) - 1, 0.5))\" height=\"\(y(0) - y(share))\" fill=\"#4e79a7\"><title>\(escape(grouped(edges[i]))) to \(escape(grouped(edges[i + 1]))): \(number(share)) %</title></rect>"
        }
        let colors = ["#e15759", "#59a14f", "#b07aa1"]
        for (k, mark) in marks.enumerated() {
            body += self.marker(at: x(mark.value), label: mark.label, color: colors[k % colors.count])
        }
        body += xAxis(xTicks, x)
        return frame(title: title, yLabel: "share of worlds, %", xLabel: xLabel, ticks: t, y: y, body: body)
    }

    /// Curves over a numeric x axis (an S-curve, a convergence band, cost against quantity), with
    /// a legend and optional marked x values (an optimum).
    public static func curves(
        title: String, xLabel: String, yLabel: String, x xs: [Double], series: [Series],
        markers: [(value: Double, label: String)] = []
    ) -> String {
        let values = series.flatMap(\.values).filter { $0.isFinite }
        let t = ticks(values.min() ?? 0, values.max() ?? 1)
        let low = t.first!, high = t.last!
        let marked = markers.map(\.value).filter(\.isFinite)
        // the x axis from round ticks too: all-equal x values (every world the same cost) still get a width
        let xTicks = ticks((xs + marked).min() ?? 0, (xs + marked).max() ?? 1)
        let lo = xTicks.first!, hi = xTicks.last!
        func x(_ v: Double) -> Double { left + (v - lo) / (hi - lo) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (high - v) / Swift.max(high - low, 1e-12) * (height - top - bottom) }
        var body = ""
        for (k, s) in series.enumerated() {
            let points = zip(xs, s.values).filter { $0.1.isFinite }.map { "\(x($0.0)),\(y($0.1))" }
            body +=
                "<polyline class=\"mark\" fill=\"none\" stroke=\"\(palette[k % palette.count])\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
        }
        for marker in markers where marker.value.isFinite {
            body += self.marker(at: x(marker.value), label: marker.label, color: "#222")
        }
        body += xAxis(xTicks, x) + legend(series.map(\.name))
        return frame(title: title, yLabel: yLabel, xLabel: xLabel, ticks: t, y: y, body: body)
    }

    /// Horizontal bars from zero, largest first (a tornado of rank correlations).
    public static func tornado(title: String, xLabel: String, labels: [String], values: [Double]) -> String {
        let rowHeight = 22.0, labelWidth = 260.0
        let h = top + rowHeight * Double(Swift.max(labels.count, 1)) + 40
        let m = Swift.max(values.map(abs).max() ?? 1, 1e-12)
        let mid = labelWidth + (width - labelWidth - right) / 2, half = (width - labelWidth - right) / 2
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(h))\" width=\"\(Int(width))\" height=\"\(Int(h))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s +=
            "<text x=\"\(Int(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>"
        for (i, (label, v)) in zip(labels, values).enumerated() {
            let y = top + rowHeight * Double(i)
            let w = abs(v) / m * half
            s +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\" font-size=\"11\">\(escape(label.count > 44 ? String(label.prefix(43)) + "…" : label))</text>"
            s +=
                "<rect class=\"mark\" x=\"\(v >= 0 ? mid : mid - w)\" y=\"\(y + 3)\" width=\"\(Swift.max(w, 0.5))\" height=\"\(rowHeight - 6)\" fill=\"\(v >= 0 ? "#e15759" : "#4e79a7")\"><title>\(escape(label)): \(number(v))</title></rect>"
        }
        s += "<line x1=\"\(mid)\" x2=\"\(mid)\" y1=\"\(top - 4)\" y2=\"\(h - 36)\" stroke=\"#333\"/>"
        s +=
            "<text x=\"\(mid - half)\" y=\"\(h - 20)\" font-size=\"11\">−\(number(m))</text><text x=\"\(mid + half)\" y=\"\(h - 20)\" font-size=\"11\" text-anchor=\"end\">+\(number(m))</text>"
        s += "<text x=\"\(mid)\" y=\"\(h - 6)\" font-size=\"12\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        return s + "</svg>"
    }

    /// Bars grouped by category, one per series, each with an optional whisker (low, high).
    public static func groupedBars(
        title: String, yLabel: String, xLabel: String, categories: [String], series: [Series],
        whiskers: [[(low: Double, high: Double)?]] = []
    ) -> String {
        let values = series.flatMap(\.values) + whiskers.flatMap { $0.compactMap { $0 }.flatMap { [$0.low, $0.high] } }
        let t = ticks(Swift.min(values.min() ?? 0, 0), Swift.max(values.max() ?? 1, 1e-9))
        let low = t.first!, high = t.last!
        func y(_ v: Double) -> Double { top + (high - v) / Swift.max(high - low, 1e-12) * (height - top - bottom) }
        let slot = (width - left - right) / Double(Swift.max(categories.count, 1))
        let bar = slot * 0.7 / Double(Swift.max(series.count, 1))
        var body = ""
        for (i, category) in categories.enumerated() {
            let start = left + slot * Double(i) + slot * 0.15
            for (k, s) in series.enumerated() {
                let v = s.values[i], x = start + bar * Double(k)
                body +=
                    "<rect class=\"mark\" x=\"\(x)\" y=\"\(Swift.min(y(0), y(v)))\" width=\"\(bar * 0.9)\" height=\"\(Swift.max(abs(y(0) - y(v)), 0.5))\" fill=\"\(palette[k % palette.count])\"><title>\(escape(s.name)) \(escape(category)): \(escape(grouped(v)))</title></rect>"
                if k < whiskers.count, i < whiskers[k].count, let w = whiskers[k][i] {
                    let cx = x + bar * 0.45
                    body += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(y(w.low))\" y2=\"\(y(w.high))\" stroke=\"#222\"/>"
                    body +=
                        "<line x1=\"\(cx - 4)\" x2=\"\(cx + 4)\" y1=\"\(y(w.low))\" y2=\"\(y(w.low))\" stroke=\"#222\"/><line x1=\"\(cx - 4)\" x2=\"\(cx + 4)\" y1=\"\(y(w.high))\" y2=\"\(y(w.high))\" stroke=\"#222\"/>"
                }
            }
            body +=
                "<text x=\"\(left + slot * (Double(i) + 0.5))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"12\">\(escape(category))</text>"
        }
        body += legend(series.map(\.name))
        return frame(title: title, yLabel: yLabel, xLabel: xLabel, ticks: t, y: y, body: body)
    }

    /// A marginal abatement cost curve: one bar per measure, cheapest first, its width the
    /// abatement (tonnes a year) and its height the cost per tonne (below zero when it saves
    /// money). Bars are numbered; the page's table names them.
    /// - Parameter prices: certificate prices to draw across the bars (a measure below one pays for
    ///   itself at it), each with its label.
    public static func macCurve(
        title: String, xLabel: String, yLabel: String, bars: [(label: String, width: Double, height: Double)],
        prices: [(value: Double, label: String)] = []
    ) -> String {
        let shown = bars.filter { $0.width > 0 && $0.height.isFinite }
        let total = Swift.max(shown.reduce(0) { $0 + $1.width }, 1e-12)
        let heights = shown.map(\.height) + prices.map(\.value)
        let t = ticks(Swift.min(heights.min() ?? 0, 0), Swift.max(heights.max() ?? 1, 1e-9))
        let low = t.first!, high = t.last!
        func x(_ v: Double) -> Double { left + v / total * (width - left - right) }
        func y(_ v: Double) -> Double { top + (high - v) / Swift.max(high - low, 1e-12) * (height - top - bottom) }
        var body = "", start = 0.0
        for (k, bar) in shown.enumerated() {
            let x0 = x(start), x1 = x(start + bar.width)
            body +=
                "<rect class=\"mark\" x=\"\(x0)\" y=\"\(Swift.min(y(0), y(bar.height)))\" width=\"\(Swift.max(x1 - x0 - 1, 0.5))\" height=\"\(Swift.max(abs(y(0) - y(bar.height)), 0.5))\" fill=\"\(palette[k % palette.count])\"><title>\(k + 1). \(escape(bar.label)): \(escape(grouped(bar.width))) t a year at \(escape(grouped(bar.height))) per t</title></rect>"
            // The measure's name as far as the bar is wide (about 6.5 px a character), else its number.
            let fits = Int((x1 - x0) / 6.5)
            let name =
                bar.label.count <= fits ? bar.label : fits >= 6 ? String(bar.label.prefix(fits - 1)) + "…" : "\(k + 1)"
            body +=
                "<text x=\"\((x0 + x1) / 2)\" y=\"\(bar.height >= 0 ? y(bar.height) - 4 : y(bar.height) + 12)\" text-anchor=\"middle\" font-size=\"11\">\(escape(name))</text>"
            start += bar.width
        }
        body += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(0))\" y2=\"\(y(0))\" stroke=\"#333\"/>"
        for price in prices {
            body +=
                "<line class=\"price\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(price.value))\" y2=\"\(y(price.value))\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"
            body +=
                "<text x=\"\(width - right)\" y=\"\(y(price.value) - 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#c0392b\">\(escape(price.label))</text>"
        }
        body += xAxis(ticks(0, total).filter { $0 <= total * (1 + 1e-9) }, x)
        return frame(title: title, yLabel: yLabel, xLabel: xLabel, ticks: t, y: y, body: body)
    }
}
