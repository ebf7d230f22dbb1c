import CCTS
import CommandSupport
import Foundation
import Loading
import RunStore
import Reports

/// `--prices-from`: the prices of a stored market run (`ccts compare`, base rules), read from the
/// store by run ID, or from a prices file (`year,world,price`) a run kept. A run that uses them
/// keeps them as a file of role `prices`, named as the option's value, so that it re-runs without
/// the market run (a re-run's folder holds the file under that name, which is read first).
enum MarketPriceFile {
    /// Reads `value`: a file of that name when one exists, else a run of `store` by its ID.
    static func load(_ value: String, store: String) throws -> MarketPrices {
        if FileManager.default.fileExists(atPath: value) {
            let text = try SourceFile.read(value).text
            return try MarketPrices(csv: text, file: value)
        }
        guard let id = Int64(value), id > 0 else {
            throw CommandError(
                "--prices-from \(value): no such file, and not a run ID; give the ID of a `ccts compare` run in "
                    + "\(store) "
                    + "(`ccts runs list` shows them) or a prices file of year,world,price lines")
        }
        guard FileManager.default.fileExists(atPath: store) else {
            throw CommandError(
                "--prices-from \(id): there is no run store at \(store); name it with --db, or run ccts compare there "
                    + "first"
            )
        }
        let runStore = try RunStore(path: store)
        let run = try runStore.run(id)
        guard run.kind == NewRun.Kind.compare.rawValue, run.status == "completed" else {
            throw CommandError(
                "--prices-from \(id): run \(id) in \(store) is a \(run.status) \(run.kind) run; give a completed `ccts "
                    + "compare` run, whose market "
                    + "clears the prices")
        }
        guard let rows = try runStore.marketPrices(id) else {
            throw CommandError(
                "--prices-from \(id): run \(id) kept no market prices (it was stored before ccts kept them); run the "
                    + "compare again"
            )
        }
        let years = try rows.years.map { label in
            guard let year = ComplianceYear(label) else {
                throw CommandError(
                    "--prices-from \(id): run \(id) holds a price for '\(label)', which is not a compliance year")
            }
            return year
        }
        let seed = run.seed.map { ", seed \($0)" } ?? ""
        return MarketPrices(
            source:
                "market run \(id) (ccts compare of \(run.scenarioName), base rules, "
                // in the results, so the same whatever --number-format: grouped by thousands
                + "\(NumberFormat.grouped(Double(rows.worlds), grouping: .international)) worlds\(seed))",
            years: years, worlds: rows.worlds, prices: rows.prices)
    }

    /// The file a run keeps of the prices it used (`name`: the option's value as given).
    static func stored(_ prices: MarketPrices, name: String) -> StoredFile {
        StoredFile(role: .prices, name: name, text: prices.csv)
    }

    /// The prices a stored run used, from its files (nil when it used none).
    static func read(_ files: [StoredFile]) throws -> MarketPrices? {
        guard let file = files.first(where: { $0.role == .prices }) else { return nil }
        return try MarketPrices(csv: file.text, file: file.name)
    }
}
