import Foundation
import Testing

/// No message says "1 threads" or "1 measures": a count of one takes the singular. The commands
/// below are run with a count of one where they print counts (one thread, one measure, one reform,
/// one shard), and their whole output is searched.
struct CountWordingTests {
    /// "1 <noun>s" not preceded by a digit, a decimal point or a comma (1,001 threads would be right).
    static let pluralAfterOne = try! NSRegularExpression(
        pattern:
            #"(?<![0-9.,])1 (thread|measure|reform|world|entity|entities|shard|block|year|file|run|set|core|warning|"#
            + #"input)s\b"#
    )

    @Test func aCountOfOneTakesTheSingular() throws {
        let folder = try CLI.temporaryDirectory()
        let measures = folder.appendingPathComponent("one-measure.lua")
        try """
        return measures {
          discount_rate = 0.10,
          { name = "Solar PPA, 60 GWh a year", type = "renewable_power", mwh = 60000, start = "2025-26", capex = 0,\
         opex = 30e6, lifetime = 25 },
        }
        """.write(to: measures, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["run", "Scenarios/benchmark.lua", "--iterations", "1000", "--threads", "1", "--no-store"],
            ["pathway", "Scenarios/cement-rajasthan.lua", "--measures", measures.path, "--no-store"],
            [
                "compare", "Scenarios/portfolio-from-sheet.lua", "--reform",
                "Scenarios/reforms/cement-2026-27-tighter.lua", "--iterations", "1000",
                "--threads", "1", "--no-store",
            ],
        ]
        for arguments in commands {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            let text = result.stdout + result.stderr
            let found = Self.pluralAfterOne.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .map { String(text[Range($0.range, in: text)!]) }
            #expect(found.isEmpty, "\(arguments[0]) says \(found)")
        }
        // and the check itself catches what it is for
        #expect(Self.pluralAfterOne.firstMatch(in: "seed 1, 1 threads", range: NSRange(location: 0, length: 17)) != nil)
        #expect(
            Self.pluralAfterOne.firstMatch(in: "1,001 threads, 0.1 worlds", range: NSRange(location: 0, length: 25))
                == nil)
    }
}
