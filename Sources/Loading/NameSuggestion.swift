/// "Did you mean …?" for misspelt names, by edit distance (as swift-argument-parser does for options).
///
/// A name is also compared with each candidate's prefix of the same length, so
/// that `coall` finds `coal_domestic` and `coal_imported`.
public enum NameSuggestion {
    /// The closest candidates (ties kept, at most three), within a third of the name's length (at least 2 edits).
    public static func nearest(to name: String, in candidates: [String]) -> [String] {
        let limit = max(2, name.count / 3)
        let lowered = name.lowercased()
        var scored: [(String, Int)] = []
        for candidate in candidates {
            let other = candidate.lowercased()
            let whole = editDistance(lowered, other)
            let prefix =
                other.count > lowered.count ? editDistance(lowered, String(other.prefix(lowered.count))) + 1 : Int.max
            let score = min(whole, prefix)
            if score <= limit { scored.append((candidate, score)) }
        }
        guard let best = scored.map(\.1).min() else { return [] }
        return Array(scored.filter { $0.1 == best }.map(\.0).prefix(3))
    }

    /// "did you mean 'x'?" (or 'x' or 'y'), else a list of what is allowed.
    public static func hint(for name: String, in candidates: [String], noun: String) -> String {
        let matches = nearest(to: name, in: candidates)
        if !matches.isEmpty { return "did you mean " + matches.map { "'\($0)'" }.joined(separator: " or ") + "?" }
        let shown = candidates.prefix(12).joined(separator: ", ")
        return "known \(noun): \(shown)\(candidates.count > 12 ? ", …" : "")"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// The hint for a fraction written as a percentage: `95` for a purity → "did you mean 0.95?".
/// Every field that takes a fraction asks it, so each says the same (nil when x is not 1…100).
enum FractionHint {
    static func forValue(_ x: Double) -> String? {
        guard x.isFinite, abs(x) > 1, abs(x) <= 100 else { return nil }
        return "\(x.shown) looks like a percentage — did you mean \((x / 100).shown)?"
    }
}
