/// Quoting for words of a command line that a user copies into a POSIX shell.
enum ShellQuote {
    /// The word as is when it has only safe characters, else in single quotes (`'` as `'\''`).
    static func quote(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
