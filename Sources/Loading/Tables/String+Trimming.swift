extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (found on the UTF-8
    /// bytes: every cell of a large table passes here).
    func trimmingWhitespace() -> String {
        let bytes = utf8
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
        guard let first = bytes.firstIndex(where: { !space($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !space($0) })!
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
