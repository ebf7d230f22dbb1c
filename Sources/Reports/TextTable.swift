/// A plain-text table with aligned columns: numbers to the right, text to the left.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned right (by index); the others are aligned left.
    public var rightAligned: Set<Int>

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// - Parameter width: when given, the last column's text is wrapped onto continuation rows so
    ///   that no line is wider (as long as 20 characters are left for it).
    public func render(indent: String = "", width: Int? = nil) -> String {
        let all = [header] + wrapped(to: width, indent: indent.count)
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var cells: [String] = []
            for i in 0..<columns {
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                cells.append(rightAligned.contains(i) ? pad + cell : cell + pad)
            }
            return indent + cells.joined(separator: "  ").replacingTrailingSpaces()
        }
        var out = [line(header), indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += all.dropFirst().map(line)
        return out.joined(separator: "\n")
    }

    /// The rows with the last column's long cells split at spaces onto continuation rows.
    private func wrapped(to width: Int?, indent: Int) -> [[String]] {
        let columns = ([header] + rows).map(\.count).max() ?? 0
        guard let width, columns > 1 else { return rows }
        let others = (0..<(columns - 1)).map { i in ([header] + rows).map { i < $0.count ? $0[i].count : 0 }.max() ?? 0
        }
        let room = width - indent - others.reduce(0, +) - 2 * (columns - 1)
        guard room >= 20 else { return rows }
        return rows.flatMap { row -> [[String]] in
            guard row.count == columns, row[columns - 1].count > room else { return [row] }
            let lines = row[columns - 1].wrapped(width: room - 2)
            return lines.enumerated().map { index, text in
                index == 0 ? Array(row.dropLast()) + [text] : Array(repeating: "", count: columns - 1) + ["  " + text]
            }
        }
    }
}

extension String {
    /// The text broken at spaces into lines of at most `width` characters (a word longer than a
    /// line is cut).
    public func wrapped(width: Int) -> [String] {
        var lines: [String] = [], current = ""
        let width = Swift.max(width, 10)
        let words = split(separator: " ").flatMap { word -> [Substring] in
            guard word.count > width else { return [word] }
            return stride(from: 0, to: word.count, by: width).map { start in
                let from = word.index(word.startIndex, offsetBy: start)
                return word[from..<word.index(from, offsetBy: Swift.min(width, word.count - start))]
            }
        }
        for word in words {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `first` before the first line and `rest` before the others, each line within `width`.
    public func wrapped(width: Int, first: String, rest: String) -> String {
        wrapped(width: width - first.count).enumerated().map { ($0 == 0 ? first : rest) + $1 }.joined(separator: "\n")
    }

    func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
