/// Mutations of a Lua source text, as a careless or hostile author would make them: lines deleted
/// or duplicated, numbers swapped for extreme ones, values of the wrong type, odd keys, deep
/// nesting, bytes flipped. Deterministic for a given generator state.
struct Mutator {
    /// SplitMix64: small, fast, and the same on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Numbers that have broken numeric code before.
    static let extremeNumbers = [
        "0", "-1", "1e308", "-1e308", "(0/0)", "(1/0)", "(-1/0)", "2^62", "1e19", "1e-300", "0.5", "-0.0",
        "9007199254740993", "1e15", "1e16", "123456.789",
    ]
    /// Values of the wrong type, or odd ones.
    static let oddValues = [
        "\"x\"", "true", "{}", "{ {} }", "nil", "function() end", "{ [true] = 1 }", "{ [1.5] = 2 }",
        "normal(-30000, 1)", "beta(1e-300, 1e-300)", "uniform(-2000, 2000)", "triangular(-3000, 0, 1000)",
        "lognormal(1, 1e300)", "discrete({1, 2}, {0, 0})", "string.rep('a', 1000)",
    ]
    static let oddKeys = [
        "[\"\"] = 1", "__index = 1", "[true] = 1", "[1e300] = 1", "unknown_field = 2", "years = 3",
        "__kind = \"scenario\"", "[\"years[1]\"] = 1",
    ]

    var generator: Generator

    /// One to three mutations of `text`.
    mutating func mutate(_ text: String) -> String {
        var result = text
        for _ in 0...generator.below(3) { result = mutateOnce(result) }
        return result
    }

    private mutating func mutateOnce(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let line = generator.below(lines.count)
        switch generator.below(9) {
        case 0: lines.remove(at: line)
        case 1: lines.insert(lines[line], at: line)
        case 2, 3: lines[line] = replaceNumber(in: lines[line], with: Self.extremeNumbers)
        case 4: lines[line] = replaceNumber(in: lines[line], with: Self.oddValues)
        case 5: lines.insert(Self.oddKeys[generator.below(Self.oddKeys.count)] + ",", at: line)
        case 6:
            let depth = 1 + generator.below(80)
            lines[line] = replaceNumber(
                in: lines[line],
                with: [String(repeating: "{ ", count: depth) + "1" + String(repeating: " }", count: depth)])
        case 7:
            var bytes = Array(lines[line].utf8)
            if !bytes.isEmpty { bytes[generator.below(bytes.count)] ^= UInt8(1 << generator.below(8)) }
            lines[line] = String(decoding: bytes, as: UTF8.self)
        default:
            let other = generator.below(lines.count)
            lines.swapAt(line, other)
        }
        return lines.joined(separator: "\n")
    }

    /// The line with one of its numbers replaced (or unchanged when it has none).
    private mutating func replaceNumber(in line: String, with choices: [String]) -> String {
        let characters = Array(line)
        var runs: [Range<Int>] = []
        var i = 0
        while i < characters.count {
            if characters[i].isNumber,
                i == 0
                    || !(characters[i - 1].isLetter || characters[i - 1] == "_"
                        || characters[i - 1] == "-" && i >= 2 && characters[i - 2].isLetter)
            {
                var j = i
                while j < characters.count, characters[j].isNumber || characters[j] == "." || characters[j] == "e" {
                    j += 1
                }
                runs.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        guard !runs.isEmpty else { return line }
        let run = runs[generator.below(runs.count)]
        return String(characters[..<run.lowerBound]) + choices[generator.below(choices.count)]
            + String(characters[run.upperBound...])
    }
}
