import Foundation

/// The shipped example files, embedded at build time. A test checks that this list names
/// every `.lua`, `.csv` and `.xlsx` file under `Scenarios/`.
public enum ExampleFiles {
    public static let all: [ExampleFile] = [
        ExampleFile(
            path: "Scenarios/aluminium-vedanta-jharsuguda.lua", bytes: PackageResources.aluminium_vedanta_jharsuguda_lua
        ),
        ExampleFile(path: "Scenarios/benchmark.lua", bytes: PackageResources.benchmark_lua),
        ExampleFile(path: "Scenarios/cement-rajasthan.lua", bytes: PackageResources.cement_rajasthan_lua),
        ExampleFile(
            path: "Scenarios/cement-rajasthan-monthly.lua", bytes: PackageResources.cement_rajasthan_monthly_lua),
        ExampleFile(
            path: "Scenarios/data/cement-rajasthan-fuels-monthly.csv",
            bytes: PackageResources.cement_rajasthan_fuels_monthly_csv),
        ExampleFile(path: "Scenarios/data/entities.xlsx", bytes: PackageResources.entities_xlsx),
        ExampleFile(
            path: "Scenarios/chlor-alkali-gujarat-shortfall.lua",
            bytes: PackageResources.chlor_alkali_gujarat_shortfall_lua),
        ExampleFile(
            path: "Scenarios/measures-cement-rajasthan.lua", bytes: PackageResources.measures_cement_rajasthan_lua),
        ExampleFile(
            path: "Scenarios/plan-chlor-alkali-purchases.lua", bytes: PackageResources.plan_chlor_alkali_purchases_lua),
        ExampleFile(path: "Scenarios/portfolio-from-sheet.lua", bytes: PackageResources.portfolio_from_sheet_lua),
        ExampleFile(path: "Scenarios/portfolio-notified.lua", bytes: PackageResources.portfolio_notified_lua),
        ExampleFile(path: "Scenarios/pulp-paper-jk-rayagada.lua", bytes: PackageResources.pulp_paper_jk_rayagada_lua),
        ExampleFile(path: "Scenarios/refinery-nrgf-gujarat.lua", bytes: PackageResources.refinery_nrgf_gujarat_lua),
        ExampleFile(
            path: "Scenarios/reforms/cement-2026-27-tighter.lua", bytes: PackageResources.cement_2026_27_tighter_lua),
        ExampleFile(path: "Scenarios/reforms/materiality-by-size.lua", bytes: PackageResources.materiality_by_size_lua),
        ExampleFile(
            path: "Scenarios/textile-composite-tamilnadu.lua", bytes: PackageResources.textile_composite_tamilnadu_lua),
    ]

    /// The example at `path` (`Scenarios/cement-rajasthan.lua`), if one is shipped.
    public static func named(_ path: String) -> ExampleFile? {
        all.first { $0.path == path || $0.path == "Scenarios/" + path }
    }
}

/// One shipped file: where it lives in a checkout (and in a copy), and its bytes (a scenario's
/// text, or a CSV or Excel table it reads).
public struct ExampleFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// A table a scenario or portfolio reads (`Scenarios/data/…`), not a Lua file.
    public var isTable: Bool { !path.hasSuffix(".lua") }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The file's opening comment, up to its first full stop: what the example shows.
    public var summary: String {
        if isTable { return "a table read by the examples (\(path.hasSuffix(".xlsx") ? "Excel workbook" : "CSV"))" }
        var words: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("--") else { break }
            words.append(line.dropFirst(2).trimmingCharacters(in: .whitespaces))
        }
        let comment = words.joined(separator: " ")
        var sentence = comment
        if let stop = comment.range(of: ". ") { sentence = String(comment[..<stop.lowerBound]) + "." }
        return sentence.count > 110 ? String(sentence.prefix(109)) + "…" : sentence
    }
}
