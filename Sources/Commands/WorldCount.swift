import ArgumentParser
import CommandSupport

/// A count of worlds as people write it: `100000`, `1e5`, `100k`, `2.5M`, `1_000_000`, `1,000,000`.
///
/// Parsing never fails at the argument parser (so that `--iterations -5` is not mistaken for an
/// option and the message can say what is allowed); `check(_:minimum:)` in `validate()` does.
struct WorldCount: ExpressibleByArgument, CustomStringConvertible {
    /// What was typed.
    let text: String
    /// The count, when `text` is one.
    let parsed: Int?

    init(_ value: Int) {
        text = String(value)
        parsed = value
    }

    init?(argument: String) {
        text = argument
        parsed = Self.parse(argument)
    }

    var description: String { text }

    /// The value, once `check` has passed.
    var value: Int { parsed ?? 0 }

    /// The largest count any command accepts: 10^12 worlds.
    static let largest = 1_000_000_000_000

    static func parse(_ text: String) -> Int? {
        var digits = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        var multiplier = 1.0
        if let last = digits.last, let factor = ["k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "g": 1e9, "G": 1e9][last] {
            multiplier = factor
            digits.removeLast()
        }
        guard let number = Double(digits), number.isFinite else { return nil }
        let count = number * multiplier
        guard count == count.rounded(), count >= 0, count <= Double(largest) else { return nil }
        return Int(count)
    }

    /// Throws a message saying what is allowed unless the count is a whole number in range.
    func check(_ option: String, minimum: Int) throws {
        guard let parsed, parsed >= minimum else {
            throw ValidationError(
                "\(option) '\(text)' is not allowed: give a whole number of worlds from \(minimum) to 10^12, written "
                    + "as 100000, 1e5, 100k or 1_000_000"
            )
        }
    }
}
