/// "Did you mean …?" for misspelt names, by edit distance (as swift-argument-parser does for options).
public enum NameSuggestion {
    /// The candidate closest to `name`, if it is within a third of the name's length (at least 2 edits).
    public static func nearest(to name: String, in candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// "did you mean 'x'?" or a list of what is allowed.
    public static func hint(for name: String, in candidates: [String], noun: String) -> String {
        if let match = nearest(to: name, in: candidates) { return "did you mean '\(match)'?" }
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
