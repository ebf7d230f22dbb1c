import ArgumentParser
import CommandSupport
import Foundation
import Workflows
import Reports
import RunStore

extension Runs {
    /// `ccts runs rerun ID`: recompute a run from its stored texts and options and compare bit for bit.
    struct Rerun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rerun",
            abstract:
                "Re-run a stored run from its stored files, settings and seed, and confirm the results match bit for "
                + "bit."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Run id.") var id: Int64
        @Flag(name: .long, help: "Print JSON.") var json = false

        struct Verdict: Encodable {
            var run: Int64, rerun: Int64?, identical: Bool, resultsSHA256: String, filesIntact: Bool,
                differences: [String]
        }

        func run() throws {
            try reportingErrors { try Self.rerun(id, store: store, json: json) }
        }

        /// Re-runs run `id` of `store` and prints the verdict: what the command and a server job
        /// (`ccts execute`) both do. Throws exit status 1 when the results differ.
        // Long: the verdict's three forms (JSON, identical, differences) after the re-run, in the order printed.
        static func rerun(_ id: Int64, store options: StoreOptions, json: Bool) throws {
            let store = try options.open()
            let original = try store.run(id)
            guard original.status == "completed", let expected = original.resultsJSON else {
                throw CommandError("run \(id) is \(original.status); only a completed run has results to reproduce")
            }
            // Every stored input: each file's text against its SHA-256, all of them against the manifest.
            let manifestChecked = try store.verifyInputs(id)
            let files = try store.files(id)
            let actual: String
            var rerunID: Int64?
            var storedRowsDiffer: [String] = []
            if [NewRun.Kind.compare, .plan, .pathway].map(\.rawValue).contains(original.kind)
                || (original.kind == NewRun.Kind.shard.rawValue
                    && ["compare", "pathway"].contains(original.command.first ?? ""))
            {
                // A workflow: its stored command on its stored files, in a fresh folder.
                actual = try WorkflowRun.rerun(original, files: files, shard: try store.shard(id))
            } else {
                let request = try RunRequest.from(
                    stored: original, files: files, settings: try store.settings(id), shard: try store.shard(id))
                let (product, newID) = try StoredExecution.run(
                    request, command: ["runs", "rerun", String(id)], store: store, rerunOf: id)
                actual = product.results.resultsJSON
                rerunID = newID
                // Every number the store shows (runs show, runs export) must be the recomputed one.
                storedRowsDiffer = MetricComparison.differences(
                    stored: try store.metrics(id), recomputed: product.results.metrics)
            }
            let differences = (actual == expected ? [] : JSONDifference.paths(expected, actual)) + storedRowsDiffer
            let verdict = Verdict(
                run: id, rerun: rerunID, identical: differences.isEmpty, resultsSHA256: SHA256.hex(actual),
                filesIntact: true, differences: differences)  // verifyInputs threw otherwise
            if json {
                emit(
                    try OutputDocument(
                        command: "runs rerun", inputs: RunIDInput(store: options.path, id: id), results: verdict,
                        warnings: []
                    ).encoded())
            } else if verdict.identical {
                emit(
                    "Run \(id) re-run\(rerunID.map { " as run \($0)" } ?? ""): results identical bit for bit (results "
                        + "SHA-256 \(verdict.resultsSHA256))."
                )
                if !manifestChecked {
                    emit("Note: run \(id) was stored before input manifests; its files were checked one by one.")
                }
            } else {
                emit(
                    "Run \(id) re-run\(rerunID.map { " as run \($0)" } ?? ""): results DIFFER at \(differences.count) "
                        + "place\(differences.count == 1 ? "" : "s"):"
                )
                for difference in differences.prefix(50) { emit("  \(difference)") }
            }
            if !verdict.identical { throw ExitCode(ExitStatus.inputError) }
        }
    }
}

/// Where two JSON documents differ, as paths with both values.
enum JSONDifference {
    static func paths(_ a: String, _ b: String) -> [String] {
        guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8)),
            let y = try? JSONSerialization.jsonObject(with: Data(b.utf8))
        else { return ["(results are not JSON)"] }
        var out: [String] = []
        compare(x, y, "results", &out)
        return out
    }

    private static func compare(_ a: Any, _ b: Any, _ path: String, _ out: inout [String]) {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            for key in Set(x.keys).union(y.keys).sorted() {
                guard let vx = x[key], let vy = y[key] else {
                    out.append("\(path).\(key): present in only one"); continue
                }
                compare(vx, vy, "\(path).\(key)", &out)
            }
        case let (x as [Any], y as [Any]):
            if x.count != y.count { out.append("\(path): \(x.count) → \(y.count) elements") }
            for i in 0..<min(x.count, y.count) { compare(x[i], y[i], "\(path)[\(i)]", &out) }
        default:
            if "\(a)" != "\(b)" { out.append("\(path): \(a) → \(b)") }
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension Data {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}

/// The stored metric rows of a run against the recomputed ones, value by value, bit for bit.
enum MetricComparison {
    static func differences(stored: [MetricRow], recomputed: [MetricRow]) -> [String] {
        guard stored.count == recomputed.count else {
            return ["stored metric rows: \(stored.count) stored, \(recomputed.count) recomputed"]
        }
        var out: [String] = []
        for (a, b) in zip(stored, recomputed) {
            let where_ = "stored metric \(a.metric) \(a.year)"
            guard a.year == b.year, a.metric == b.metric else {
                out.append("\(where_): recomputed as \(b.metric) \(b.year)"); continue
            }
            let pairs: [(String, Double?, Double?)] =
                [
                    ("value", a.value, b.value), ("mean", a.mean, b.mean), ("sd", a.sd, b.sd),
                    ("se", a.se, b.se), ("min", a.min, b.min), ("max", a.max, b.max),
                ]
                + zip(a.percentiles, b.percentiles).enumerated().map {
                    ("p\(MetricRow.percentileLevels[$0])", $1.0, $1.1)
                }
            for (name, x, y) in pairs where x?.bitPattern != y?.bitPattern {
                out.append(
                    "\(where_) \(name): \(x.map { "\($0)" } ?? "none") stored, \(y.map { "\($0)" } ?? "none") "
                        + "recomputed"
                )
            }
        }
        return out
    }
}
