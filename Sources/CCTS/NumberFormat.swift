import Foundation

/// Number formatting for people: digits grouped, a sensible number of decimals.
public enum NumberFormat {
    /// How the digits of a whole number are grouped.
    public enum Grouping: String, CaseIterable, Sendable {
        /// Thousands, millions: 12,345,678.
        case international
        /// Thousands, then lakhs and crores (groups of two above the thousands): 1,23,45,678.
        case indian
        /// Indian grouping, and amounts of money in rupees by lakh and crore: ₹1.23 crore, ₹45.6 lakh.
        case lakhCrore = "lakh-crore"
    }

    /// The grouping of every text and HTML output of the running command. Set once by the command
    /// layer (`--number-format`) before anything is computed or printed, read everywhere after.
    public static var grouping: Grouping {
        get { setting.grouping }
        set { setting.grouping = newValue }
    }

    /// Where a command keeps its grouping: the process's one by default; a command run in-process
    /// beside others binds its own (`NumberFormat.$setting.withValue(Setting()) { … }`).
    public final class Setting: @unchecked Sendable {
        /// Written once, before any other thread reads it.
        public var grouping: Grouping = .international
        public init() {}
    }

    /// The running command's grouping (task-local; the process's when none is bound).
    @TaskLocal public static var setting = Setting()

    /// A count with its noun in the right number: "1 thread", "2 threads", "1,000 worlds";
    /// `plural` for a noun that does not take an s ("1 entity", "3 entities").
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(grouped(Double(n))) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// `1234567.891` → `1,234,567.89` with `decimals` places (trailing zeros kept); with Indian
    /// grouping `12345678` → `1,23,45,678`.
    public static func grouped(_ x: Double, decimals: Int = 0, grouping: Grouping = NumberFormat.grouping) -> String {
        guard x.isFinite else { return "\(x)" }
        let text = String(format: "%.\(decimals)f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        var size = 3
        while integer.count > size {
            groups.insert(String(integer.suffix(size)), at: 0)
            integer = String(integer.dropLast(size))
            if grouping != .international { size = 2 }
        }
        groups.insert(integer, at: 0)
        var result = groups.joined(separator: ",")
        if parts.count == 2 { result += "." + parts[1] }
        let isZero = Double(text) == 0
        return (x < 0 && !isZero ? "-" : "") + result
    }

    /// An amount of money with its unit: `12,345,678 INR` (`1,23,45,678 INR` with Indian grouping);
    /// under `lakh-crore` in rupees by crore (10⁷) or lakh (10⁵) with three significant digits —
    /// `₹1.23 crore`, `₹45.6 lakh`, `-₹80.0 lakh` — and whole rupees below a lakh (`₹12,345`).
    public static func money(_ x: Double, grouping: Grouping = NumberFormat.grouping) -> String {
        guard grouping == .lakhCrore, x.isFinite else { return grouped(x, grouping: grouping) + " INR" }
        let sign = x.rounded() < 0 ? "-" : "", amount = abs(x)
        for (size, name) in [(1e7, "crore"), (1e5, "lakh")] where amount.rounded() >= size {
            let scaled = amount / size
            // three significant digits, but never fewer than the whole number of crores
            let decimals = scaled >= 99.95 ? 0 : scaled >= 9.995 ? 1 : 2
            return "\(sign)₹\(grouped(scaled, decimals: decimals, grouping: .indian)) \(name)"
        }
        return "\(sign)₹\(grouped(amount, grouping: .indian))"
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
