import CCTS
import Foundation

/// Charts as inline SVG: no script, no font or file from outside, readable from an e-mail
/// attachment. Every chart has a title, axis labels with units, and a table of its numbers is
/// printed beside it by the page (``HTMLReport``).
public enum SVGChart {
    static let width = 640.0, height = 320.0
    /// Below the plot, top to bottom: category or tick labels, the x-axis label, the legend.
    static let left = 90.0, right = 20.0, top = 36.0, bottom = 76.0
    /// One colour per concept on every page (a series or marker whose name starts with the
    /// concept's word takes it): the target orange, a baseline brown, what the entity achieves or
    /// is expected to pay blue, the least-cost choice or optimum green, a mean black (its 95 % band
    /// grey), risk (VaR, CVaR) red.
    static let concepts: [(word: String, colour: String)] = [
        ("target", "#f28e2b"), ("baseline", "#9c755f"), ("base rules", "#9c755f"), ("achieved", "#4e79a7"),
        ("every measure", "#4e79a7"), ("expected cost", "#4e79a7"), ("cumulative", "#4e79a7"),
        ("least-cost", "#59a14f"), ("optimum", "#59a14f"), ("mean", "#222222"), ("95 % band", "#bab0ac"),
        ("var", "#e15759"), ("cvar", "#e15759"),
    ]
    /// Colours of everything else (emission sources, reforms, measures), none of them a concept's.
    static let palette = ["#76b7b2", "#b07aa1", "#edc948", "#ff9da7", "#17becf", "#8cd17d", "#d37295", "#499894"]

    /// The colour of a series or marker named `name`: its concept's, else the `index`-th of the palette.
    static func colour(for name: String, index: Int) -> String {
        let key = name.lowercased()
        return concepts.first { key.hasPrefix($0.word) }?.colour ?? palette[index % palette.count]
    }

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

    /// The width a text takes at `size` px, estimated from above: by the widths of DejaVu Sans
    /// (the widest of the fonts a browser falls back to for Helvetica and Arial on Linux), so that
    /// what is fitted by it is never wider in the browser.
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for c in text.unicodeScalars {
            switch c {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", " ", "[", "]", "(", ")", "\"": em += 0.4
            case "f", "t", "r": em += 0.44
            case "m", "w", "M", "W", "%", "@": em += 1.0
            case "A"..."Z": em += 0.8
            case "0"..."9": em += 0.66
            case "a"..."z": em += 0.66
            default: em += 0.74
            }
        }
        return em * size
    }

    /// `text` cut to `width` px at `size`, ending in "…" when cut (the whole text stays in the
    /// chart's `aria-label` or the mark's tooltip, and in the table beside the chart).
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var cut = text
        while !cut.isEmpty, textWidth(cut + "…", size: size) > width { cut.removeLast() }
        return cut + "…"
    }

    /// The chart's title, centred: on one line at 15 px when it fits, else on two lines at 13 px
    /// broken at the space nearest the middle — wrapped, never clipped by the chart.
    static func titleText(_ title: String) -> String {
        let room = width - 16
        func line(_ text: String, y: Double, size: Double) -> String {
            "<text x=\"\(Int(width / 2))\" y=\"\(y)\" text-anchor=\"middle\" font-size=\"\(Int(size))\" "
                + "font-weight=\"bold\">"
                + "\(escape(fit(text, width: room, size: size)))</text>"
        }
        if textWidth(title, size: 15) * 1.05 <= room { return line(title, y: 20, size: 15) }
        let words = title.split(separator: " ").map(String.init)
        var best = (first: title, second: "", imbalance: Double.infinity)
        for k in 1..<Swift.max(words.count, 2) where k < words.count {
            let first = words[..<k].joined(separator: " "), second = words[k...].joined(separator: " ")
            let imbalance = abs(textWidth(first, size: 13) - textWidth(second, size: 13))
            if imbalance < best.imbalance { best = (first, second, imbalance) }
        }
        return line(best.first, y: 14, size: 13) + (best.second.isEmpty ? "" : line(best.second, y: 29, size: 13))
    }

    static func frame(
        title: String, yLabel: String, xLabel: String, ticks: [Double], y: (Double) -> Double, body: String
    ) -> String {
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s +=
            titleText(title)
        let (labels, scale) = valueAxisLabels(ticks)
        let yLabel = scale.map { "\(yLabel), \($0)" } ?? yLabel
        for (t, label) in zip(ticks, labels) {
            let yy = y(t)
            s += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(yy + 4)\" text-anchor=\"end\" font-size=\"11\">\(escape(label))</text>"
        }
        s += "<line x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>"
        s +=
            "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(height - bottom)\" y2=\"\(height - bottom)\" "
            + "stroke=\"#333\"/>"
        s +=
            "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" font-size=\"12\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 16 \((top + height - bottom) / 2))\">\(escape(yLabel))</text>"
        s +=
            "<text x=\"\((left + width - right) / 2)\" y=\"\(height - bottom + 36)\" font-size=\"12\" "
            + "text-anchor=\"middle\">\(escape(fit(xLabel, width: width - 8, size: 12)))</text>"
        return s + body + "</svg>"
    }

    static func grouped(_ x: Double) -> String { NumberFormat.grouped(x) }

    /// Labels of evenly spaced ticks with as many decimals as their step needs (0.68, 0.70, 0.72;
    /// 0, 50,000, 100,000), digits grouped in the chosen style.
    /// The value axis's tick labels, and the multiple they are written in when whole numbers would
    /// reach the rotated axis label (left of them): millions, or crores under Indian grouping —
    /// 150,000,000 INR is written 150 with "INR, million" (15 with "INR, crore").
    static func valueAxisLabels(_ ticks: [Double]) -> (labels: [String], scale: String?) {
        let labels = tickLabels(ticks)
        let room = left - 6 - 26
        guard labels.contains(where: { textWidth($0, size: 11) > room }) else { return (labels, nil) }
        let (size, name) = NumberFormat.grouping == .international ? (1e6, "million") : (1e7, "crore")
        return (tickLabels(ticks.map { $0 / size }), name)
    }

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
                    "<rect class=\"mark\" x=\"\(x)\" y=\"\(Swift.min(y(from), y(to)))\" width=\"\(bar)\" "
                    + "height=\"\(abs(y(from) - y(to)))\" "
                    + "fill=\"\(colour(for: s.name, index: k))\"><title>\(escape(s.name)) \(escape(category)): "
                    + "\(escape(grouped(v)))</title></rect>"
            }
            body +=
                "<text x=\"\(x + bar / 2)\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" "
                + "font-size=\"12\">\(escape(fit(category, width: slot - 4, size: 12)))</text>"
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
                "<text x=\"\(x(i))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" "
                + "font-size=\"12\">\(escape(fit(category, width: slot - 4, size: 12)))</text>"
        }
        for (k, s) in series.enumerated() {
            let color = colour(for: s.name, index: k)
            let points = s.values.enumerated().filter { !$0.element.isNaN }.map { "\(x($0.offset)),\(y($0.element))" }
            if points.count > 1 {
                body +=
                    "<polyline class=\"mark\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" "
                    + "points=\"\(points.joined(separator: " "))\"/>"
            }
            for (i, v) in s.values.enumerated() where !v.isNaN {
                body +=
                    "<circle class=\"mark\" cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"4\" "
                    + "fill=\"\(color)\"><title>\(escape(s.name)) \(escape(categories[i])): "
                    + "\(number(v))</title></circle>"
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
                "<rect class=\"mark\" x=\"\(x)\" y=\"\(Swift.min(y(level.from), y(level.to)))\" width=\"\(bar)\" "
                + "height=\"\(Swift.max(abs(y(level.from) - y(level.to)), 0.5))\" "
                + "fill=\"\(color)\"><title>\(escape(step.label)): "
                + "\(escape(grouped(step.value)))</title></rect>"
            body +=
                "<text x=\"\(x + bar / 2)\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" "
                + "font-size=\"10\">\(escape(step.label))</text>"
        }
        return frame(title: title, yLabel: yLabel, xLabel: "", ticks: t, y: y, body: body)
    }

    /// The legend under the x-axis label: one row, or two when the names need them (each name
    /// cut to fit a row).
    static func legend(_ names: [String]) -> String {
        let room = width - right - left
        let items = names.map { fit($0, width: room - 14, size: 11) }
        let widths = items.map { 24 + textWidth($0, size: 11) }
        var rows: [[Int]] = [[]], used = 0.0
        for (k, w) in widths.enumerated() {
            if used + w > room, !rows[rows.count - 1].isEmpty {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append(k)
            used += w
        }
        // one row at the foot; two rows share the space under the axis label
        let baselines = rows.count == 1 ? [height - 11] : [height - 23, height - 9]
        var s = ""
        for (r, row) in rows.prefix(2).enumerated() {
            var x = left
            for k in row {
                s +=
                    "<rect x=\"\(x)\" y=\"\(baselines[r] - 9)\" width=\"10\" height=\"10\" "
                    + "fill=\"\(colour(for: names[k], index: k))\"/>"
                s += "<text x=\"\(x + 14)\" y=\"\(baselines[r])\" font-size=\"11\">\(escape(items[k]))</text>"
                x += widths[k]
            }
        }
        return s
    }

    /// An x axis of numbers: ticks and their labels under the plot.
    /// The ticks and their labels under the plot, and the x-axis label: when whole numbers would run
    /// into their neighbours they are written in millions (crores under Indian grouping) and the
    /// label says so ("total cost, INR, million").
    static func xAxis(_ ticks: [Double], _ x: (Double) -> Double, label: String) -> (body: String, label: String) {
        var labels = tickLabels(ticks), scale: String?
        let spacing = ticks.count > 1 ? abs(x(ticks[1]) - x(ticks[0])) : width
        // neighbours centred on their ticks need half of each; the last (ending at its tick) all of itself
        func crowded(_ labels: [String]) -> Bool {
            let w = labels.map { textWidth($0, size: 11) }
            return w.indices.dropFirst().contains { i in
                w[i - 1] / 2 + (i == w.count - 1 ? w[i] : w[i] / 2) > spacing - 6
            }
        }
        if crowded(labels) {
            let (size, name) = NumberFormat.grouping == .international ? (1e6, "million") : (1e7, "crore")
            (labels, scale) = (tickLabels(ticks.map { $0 / size }), name)
        }
        // the last label ends at its tick, so a long number stays inside the chart
        let body = zip(ticks, labels).enumerated().map { i, tick in
            "<line x1=\"\(x(tick.0))\" x2=\"\(x(tick.0))\" y1=\"\(height - bottom)\" y2=\"\(height - bottom + 4)\" "
                + "stroke=\"#333\"/>"
                + "<text x=\"\(x(tick.0))\" y=\"\(height - bottom + 16)\" "
                + "text-anchor=\"\(i == ticks.count - 1 && ticks.count > 1 ? "end" : "middle")\" "
                + "font-size=\"11\">\(escape(tick.1))</text>"
        }.joined()
        return (body, scale.map { label.isEmpty ? $0 : "\(label), \($0)" } ?? label)
    }

    /// A dashed vertical line at `x` with its label, written on the side with room.
    /// The `row`-th marker of a chart writes its label one line lower than the one before, so
    /// that the labels of close values (a mean beside its VaR) never overprint.
    static func marker(at x: Double, label: String, color: String, row: Int = 0) -> String {
        let leftSide = x > (left + width - right) / 2
        let room = leftSide ? x - 4 - left : width - right - x - 4
        return
            "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(top)\" y2=\"\(height - bottom)\" stroke=\"\(color)\" "
            + "stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            + "<text x=\"\(leftSide ? x - 4 : x + 4)\" y=\"\(top + 12 + 14 * Double(row))\" font-size=\"11\" "
            + "fill=\"\(color)\" "
            + "text-anchor=\"\(leftSide ? "end" : "start")\">\(escape(fit(label, width: room, size: 11)))</text>"
    }

    /// A histogram over `edges` (count + 1 of them), with an optional marked value (a target).
    /// Several values may be marked (`markers`: the mean, the VaR); a constant (every edge equal)
    /// draws one bar of all the worlds around its value.
    /// `below` and `above`: worlds beyond the first and last edge (the histogram covers P1 … P99):
    /// each bar's share is of every world, and the x-axis label counts those not drawn.
    public static func histogram(
        title: String, xLabel: String, edges: [Double], counts: [Int], below: Int = 0, above: Int = 0,
        marker: (value: Double, label: String)? = nil, markers: [(value: Double, label: String)] = []
    ) -> String {
        var edges = edges, counts = counts
        if let first = edges.first, let last = edges.last, first == last {
            let half = Swift.max(abs(first) * 0.01, 1)
            (edges, counts) = ([first - half, first + half], [counts.reduce(0, +)])
        }
        let marks = (marker.map { [$0] } ?? []) + markers
        let total = Double(Swift.max(counts.reduce(0, +) + below + above, 1))
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
                "<rect class=\"mark\" x=\"\(x(edges[i]))\" y=\"\(y(share))\" "
                + "width=\"\(Swift.max(x(edges[i + 1]) - x(edges[i]) - 1, 0.5))\" height=\"\(y(0) - y(share))\" "
                + "fill=\"#4e79a7\"><title>\(escape(grouped(edges[i]))) to \(escape(grouped(edges[i + 1]))): "
                + "\(number(share)) %</title></rect>"
        }
        for (k, mark) in marks.enumerated() {
            body += self.marker(at: x(mark.value), label: mark.label, color: colour(for: mark.label, index: k), row: k)
        }
        let axis = xAxis(xTicks, x, label: xLabel)
        let beyond =
            below + above == 0
            ? ""
            : " · not drawn: \(NumberFormat.count(below, "world")) below, \(NumberFormat.count(above, "world")) above"
        return frame(
            title: title, yLabel: "share of worlds, %", xLabel: axis.label + beyond, ticks: t, y: y,
            body: body + axis.body)
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
                "<polyline class=\"mark\" fill=\"none\" stroke=\"\(colour(for: s.name, index: k))\" stroke-width=\"2\" "
                + "points=\"\(points.joined(separator: " "))\"/>"
        }
        for (k, marker) in markers.filter(\.value.isFinite).enumerated() {
            body += self.marker(
                at: x(marker.value), label: marker.label, color: colour(for: marker.label, index: k), row: k)
        }
        let axis = xAxis(xTicks, x, label: xLabel)
        body += axis.body + legend(series.map(\.name))
        return frame(title: title, yLabel: yLabel, xLabel: axis.label, ticks: t, y: y, body: body)
    }

    /// Horizontal bars from zero, largest first (a tornado of rank correlations).
    public static func tornado(title: String, xLabel: String, labels: [String], values: [Double]) -> String {
        let rowHeight = 22.0, labelWidth = 260.0
        let h = top + rowHeight * Double(Swift.max(labels.count, 1)) + 40
        let m = Swift.max(values.map(abs).max() ?? 1, 1e-12)
        let mid = labelWidth + (width - labelWidth - right) / 2, half = (width - labelWidth - right) / 2
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(h))\" width=\"\(Int(width))\" "
            + "height=\"\(Int(h))\" role=\"img\" aria-label=\"\(escape(title))\">"
        s +=
            titleText(title)
        for (i, (label, v)) in zip(labels, values).enumerated() {
            let y = top + rowHeight * Double(i)
            let w = abs(v) / m * half
            s +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\" "
                + "font-size=\"11\">\(escape(fit(label, width: labelWidth - 10, size: 11)))</text>"
            s +=
                "<rect class=\"mark\" x=\"\(v >= 0 ? mid : mid - w)\" y=\"\(y + 3)\" width=\"\(Swift.max(w, 0.5))\" "
                + "height=\"\(rowHeight - 6)\" fill=\"\(v >= 0 ? "#e15759" : "#4e79a7")\"><title>\(escape(label)): "
                + "\(number(v))</title></rect>"
        }
        s += "<line x1=\"\(mid)\" x2=\"\(mid)\" y1=\"\(top - 4)\" y2=\"\(h - 36)\" stroke=\"#333\"/>"
        s +=
            "<text x=\"\(mid - half)\" y=\"\(h - 20)\" font-size=\"11\">−\(number(m))</text>"
            + "<text x=\"\(mid + half)\" y=\"\(h - 20)\" font-size=\"11\" text-anchor=\"end\">+\(number(m))</text>"
        s +=
            "<text x=\"\(mid)\" y=\"\(h - 6)\" font-size=\"12\" "
            + "text-anchor=\"middle\">\(escape(fit(xLabel, width: width - 8, size: 12)))</text>"
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
                    "<rect class=\"mark\" x=\"\(x)\" y=\"\(Swift.min(y(0), y(v)))\" width=\"\(bar * 0.9)\" "
                    + "height=\"\(Swift.max(abs(y(0) - y(v)), 0.5))\" "
                    + "fill=\"\(colour(for: s.name, index: k))\"><title>\(escape(s.name)) \(escape(category)): "
                    + "\(escape(grouped(v)))</title></rect>"
                if k < whiskers.count, i < whiskers[k].count, let w = whiskers[k][i] {
                    let cx = x + bar * 0.45
                    body += "<line x1=\"\(cx)\" x2=\"\(cx)\" y1=\"\(y(w.low))\" y2=\"\(y(w.high))\" stroke=\"#222\"/>"
                    body +=
                        "<line x1=\"\(cx - 4)\" x2=\"\(cx + 4)\" y1=\"\(y(w.low))\" y2=\"\(y(w.low))\" "
                        + "stroke=\"#222\"/><line x1=\"\(cx - 4)\" x2=\"\(cx + 4)\" y1=\"\(y(w.high))\" "
                        + "y2=\"\(y(w.high))\" stroke=\"#222\"/>"
                }
            }
            body +=
                "<text x=\"\(left + slot * (Double(i) + 0.5))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" "
                + "font-size=\"12\">\(escape(fit(category, width: slot - 4, size: 12)))</text>"
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
                "<rect class=\"mark\" x=\"\(x0)\" y=\"\(Swift.min(y(0), y(bar.height)))\" "
                + "width=\"\(Swift.max(x1 - x0 - 1, 0.5))\" "
                + "height=\"\(Swift.max(abs(y(0) - y(bar.height)), 0.5))\" "
                + "fill=\"\(palette[k % palette.count])\"><title>\(k + 1). \(escape(bar.label)): "
                + "\(escape(grouped(bar.width))) t a year at \(escape(grouped(bar.height))) per "
                + "t</title></rect>"
            // The measure's name as far as the bar is wide, else its number.
            let fitted = fit(bar.label, width: x1 - x0 - 2, size: 11)
            let name = fitted.count >= 6 || fitted == bar.label ? fitted : "\(k + 1)"
            body +=
                "<text x=\"\((x0 + x1) / 2)\" y=\"\(bar.height >= 0 ? y(bar.height) - 4 : y(bar.height) + 12)\" "
                + "text-anchor=\"middle\" font-size=\"11\">\(escape(name))</text>"
            start += bar.width
        }
        body += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(0))\" y2=\"\(y(0))\" stroke=\"#333\"/>"
        // each price a dashed line across the bars, named at the foot (a name in the plot would
        // sit on a bar's)
        var keyX = left
        for price in prices {
            body +=
                "<line class=\"price\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(price.value))\" "
                + "y2=\"\(y(price.value))\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"
            let label = fit(price.label, width: width - right - keyX - 26, size: 11)
            body +=
                "<line x1=\"\(keyX)\" x2=\"\(keyX + 20)\" y1=\"\(height - 15)\" y2=\"\(height - 15)\" "
                + "stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"
                + "<text x=\"\(keyX + 24)\" y=\"\(height - 11)\" font-size=\"11\" "
                + "fill=\"#c0392b\">\(escape(label))</text>"
            keyX += 34 + textWidth(label, size: 11)
        }
        let axis = xAxis(ticks(0, total).filter { $0 <= total * (1 + 1e-9) }, x, label: xLabel)
        return frame(title: title, yLabel: yLabel, xLabel: axis.label, ticks: t, y: y, body: body + axis.body)
    }
}
