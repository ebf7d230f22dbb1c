extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        String(
            drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed().drop {
                $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r"
            }.reversed())
    }
}
