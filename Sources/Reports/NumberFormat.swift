import Foundation

/// Number formatting for people: thousands grouped, a sensible number of decimals.
public enum NumberFormat {
    /// `1234567.891` → `1,234,567.89` with `decimals` places (trailing zeros kept).
    public static func grouped(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return "\(x)" }
        let text = String(format: "%.\(decimals)f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer = String(integer.dropLast(3))
        }
        groups.insert(integer, at: 0)
        var result = groups.joined(separator: ",")
        if parts.count == 2 { result += "." + parts[1] }
        let isZero = Double(text) == 0
        return (x < 0 && !isZero ? "-" : "") + result
    }

    /// Up to `significant` significant digits, no grouping, trailing zeros dropped: for factors.
    public static func plain(_ x: Double, significant: Int = 8) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var text = String(format: "%.\(significant)g", x)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A fraction as a percentage: 0.0213 → `2.13 %`.
    public static func percent(_ x: Double, decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f %%", x * 100)
    }
}
