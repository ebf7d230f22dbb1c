import Foundation
import Testing

/// The project's own reference list: every `[Rn]` cited in the rules, scenarios, sources and
/// README resolves in SOURCES.md, and nothing points at research notes outside the repository.
@Suite struct SourcesTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func texts(in folders: [String], endings: [String]) -> [(path: String, text: String)] {
        folders.flatMap { folder -> [(path: String, text: String)] in
            let base = Self.root.appendingPathComponent(folder)
            let names = (FileManager.default.enumerator(atPath: base.path)?.allObjects as? [String]) ?? []
            return names.filter { name in endings.contains { name.hasSuffix($0) } }.compactMap { name in
                (try? String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)).map {
                    ("\(folder)/\(name)", $0)
                }
            }
        }
    }

    func tags(_ text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"\[(R[0-9]+)\]"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(
            regex.matches(in: text, range: range).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            })
    }

    @Test func everyCitationResolves() throws {
        let sources = try String(contentsOf: Self.root.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        let listed = Set(
            sources.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| R") else { return nil }
                return line.dropFirst(2).split(separator: " ").first.map(String.init)
            })
        #expect(listed.count >= 30)
        var cited: [String: String] = [:]
        let files =
            texts(in: ["Rules", "Scenarios", "Sources", "docs"], endings: [".lua", ".swift", ".md"])
            + [("README.md", try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8))]
        for file in files { for tag in tags(file.text) { cited[tag] = file.path } }
        #expect(cited.count >= 30)
        for (tag, file) in cited.sorted(by: { $0.key < $1.key }) {
            #expect(listed.contains(tag), "\(file) cites [\(tag)], which SOURCES.md does not list")
        }
    }

    @Test func nothingPointsOutsideTheRepository() {
        let files = texts(in: ["Rules", "Scenarios", "Sources", "Tests"], endings: [".lua", ".swift", ".md"])
        for file in files where !file.path.hasSuffix("SourcesTests.swift") {
            for marker in ["../shared", "CCTS.md"] {
                #expect(!file.text.contains(marker), "\(file.path) points outside the repository (\(marker))")
            }
        }
    }
}
