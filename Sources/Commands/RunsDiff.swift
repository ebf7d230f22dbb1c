import CCTS
import ArgumentParser
import CommandSupport
import Foundation
import Loading
import LuaSandbox
import Reports
import RunStore

extension Runs {
    /// `ccts runs diff A B`: what differs in the inputs, then metric by metric.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract:
                "Compare two runs: first their inputs (files, rule values, scenario fields, options), then every "
                + "metric."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var numberFormat: NumberFormatOption
        @Argument(help: "The first run (before).") var first: Int64
        @Argument(help: "The second run (after).") var second: Int64
        @Flag(name: .long, help: "Print JSON.") var json = false

        struct InputChange: Encodable { var what: String, old: String, new: String }
        struct MetricChange: Encodable {
            var year: String, metric: String, first: Double?, second: Double?, change: Double?
            /// For Monte Carlo means: whether the change exceeds 3 combined standard errors.
            var beyondNoise: Bool?
        }
        struct Document: Encodable { var first: Int64, second: Int64, inputs: [InputChange], metrics: [MetricChange] }

        func run() throws {
            try reportingErrors {
                let store = try store.openForReading()
                let (a, b) = (try store.run(first), try store.run(second))
                let inputs = try inputChanges(store, a, b)
                let metrics = metricChanges(try store.metrics(first), try store.metrics(second))
                if json {
                    return emit(
                        try OutputDocument(
                            command: "runs diff",
                            inputs: ["store": store.path, "first": String(first), "second": String(second)],
                            results: Document(first: first, second: second, inputs: inputs, metrics: metrics),
                            warnings: []
                        ).encoded())
                }
                var lines = ["Run \(first) → run \(second)", "", "Inputs:"]
                if inputs.isEmpty { lines.append("  identical") }
                var inputTable = TextTable(header: ["", "run \(first)", "run \(second)"])
                for change in inputs { inputTable.add([change.what, change.old, change.new]) }
                if !inputs.isEmpty { lines.append(inputTable.render(indent: "  ")) }
                lines += ["", "Metrics:"]
                var table = TextTable(
                    header: ["year", "metric", "unit", "run \(first)", "run \(second)", "change", "noise"],
                    rightAligned: [3, 4, 5])
                for m in metrics {
                    let unit = StoreViews.unit(of: m.metric)
                    let shown = { (x: Double) in Self.format(x, unit: unit) }
                    table.add([
                        m.year, m.metric, unit.map(Self.unitWords) ?? "", m.first.map(shown) ?? "—",
                        m.second.map(shown) ?? "—",
                        m.change.map { Self.format($0, unit: unit, isChange: true) } ?? "",
                        m.beyondNoise.map { $0 ? "beyond noise" : "within noise" } ?? "",
                    ])
                }
                lines.append(table.render(indent: "  "))
                emit(lines.joined(separator: "\n"))
            }
        }

        /// A stored value as people read it, by its unit: rupees and prices whole (a clearing price is
        /// a mean over worlds; its paise are noise), probabilities and shares as percentages (a change
        /// in percentage points), counts grouped, intensities to six significant digits.
        static func format(_ x: Double, unit: String?, isChange: Bool = false) -> String {
            switch unit {
            case "INR"?, "INR per CCC"?:
                return NumberFormat.grouped(x)
            case "probability"?, "fraction"?:
                return isChange ? String(format: "%+.1f pp", x * 100) : NumberFormat.percent(x, decimals: 1)
            default:
                return abs(x) >= 100 || x == x.rounded()
                    ? NumberFormat.grouped(x) : NumberFormat.plain(x, significant: 6)
            }
        }

        /// A unit in the table's few characters: "tCO2e per unit of equivalent product" → "tCO2e/unit".
        static func unitWords(_ unit: String) -> String {
            switch unit {
            case "INR per CCC": return "INR/CCC"
            case "tCO2e per unit of equivalent product": return "tCO2e/unit"
            case "unit of equivalent product": return "unit"
            case "1 = yes": return "yes = 1"
            default: return unit
            }
        }

        /// Files by role and name with their hashes, options, then rule values and scenario fields that differ.
        func inputChanges(_ store: RunStore, _ a: StoredRun, _ b: StoredRun) throws -> [InputChange] {
            var changes: [InputChange] = []
            let (filesA, filesB) = (try store.files(a.id), try store.files(b.id))
            for name in Array(Set(filesA.map(\.name) + filesB.map(\.name))).sorted() {
                let (x, y) = (filesA.first { $0.name == name }, filesB.first { $0.name == name })
                if x?.sha256 != y?.sha256 {
                    changes.append(
                        InputChange(
                            what: "file \(name)", old: x.map { "sha256 \($0.sha256.prefix(12))…" } ?? "absent",
                            new: y.map { "sha256 \($0.sha256.prefix(12))…" } ?? "absent"))
                }
            }
            let options: [(String, String?, String?)] = [
                ("command", "ccts " + a.command.joined(separator: " "), "ccts " + b.command.joined(separator: " ")),
                ("kind", a.kind, b.kind), ("seed", a.seed.map(String.init), b.seed.map(String.init)),
                ("iterations", a.iterations.map(String.init), b.iterations.map(String.init)),
                ("factor uncertainty", String(a.factorUncertainty), String(b.factorUncertainty)),
                (
                    "--set", try store.settings(a.id).joined(separator: " "),
                    try store.settings(b.id).joined(separator: " ")
                ),
            ]
            for (name, x, y) in options where x != y {
                changes.append(InputChange(what: name, old: x ?? "—", new: y ?? "—"))
            }
            // Rule values after reforms and --set, and scenario fields, as the files define them.
            let snapshotA = try snapshot(filesA, settings: try store.settings(a.id))
            let snapshotB = try snapshot(filesB, settings: try store.settings(b.id))
            for change in RuleChange.differences(from: snapshotA.rules, to: snapshotB.rules, by: "", file: "") {
                changes.append(InputChange(what: "rule \(change.path)", old: change.old, new: change.new))
            }
            for change in RuleChange.differences(from: snapshotA.scenario, to: snapshotB.scenario, by: "", file: "") {
                changes.append(InputChange(what: "scenario \(change.path)", old: change.old, new: change.new))
            }
            return changes
        }

        func snapshot(_ files: [StoredFile], settings: [String]) throws -> (rules: LuaValue, scenario: LuaValue) {
            let sources = { (role: StoredFile.Role) in
                files.filter { $0.role == role }.map { SourceFile(name: $0.name, text: $0.text) }
            }
            guard let scenario = sources(.scenario).first else {
                throw StoreError(path: store.path, message: "a run has no stored scenario")
            }
            var loader = Loader(sets: settings)
            loader.tables = .stored(StoredTables.map(files))  // the tables each run read, not the files as they are now
            return try loader.snapshot(scenario: scenario, ruleFiles: sources(.rule), reformFiles: sources(.reform))
        }

        func metricChanges(_ a: [MetricRow], _ b: [MetricRow]) -> [MetricChange] {
            var keys: [String] = []
            for row in a + b where !keys.contains(row.year + "\u{1}" + row.metric) {
                keys.append(row.year + "\u{1}" + row.metric)
            }
            return keys.map { key in
                let parts = key.split(separator: "\u{1}").map(String.init)
                let x = a.first { $0.year == parts[0] && $0.metric == parts[1] }
                let y = b.first { $0.year == parts[0] && $0.metric == parts[1] }
                let (vx, vy) = (x?.value ?? x?.mean, y?.value ?? y?.mean)
                var noise: Bool?
                if let sx = x?.se, let sy = y?.se, let vx, let vy {
                    noise = abs(vy - vx) > 3 * (sx * sx + sy * sy).squareRoot()
                }
                return MetricChange(
                    year: parts[0], metric: parts[1], first: vx, second: vy,
                    change: vx.flatMap { x in vy.map { $0 - x } }, beyondNoise: noise)
            }
        }
    }
}
