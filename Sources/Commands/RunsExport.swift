import CCTS
import ArgumentParser
import CommandSupport
import Foundation
import RunStore
import Spreadsheets

extension Runs {
    /// `ccts runs export ID --format csv|json [--out FILE] [--worlds]`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract:
                "Write a run's results as CSV (one row per year and metric, or per world with --worlds), as its JSON "
                + "document, or as an Excel workbook.",
            discussion: """
                xlsx: sheets Run (how it was made), Files (with SHA-256), Rule changes, Results (every metric by year\
                 with its unit; \
                Monte Carlo statistics with percentiles), Ledger and Emissions (deterministic runs), and with --worlds\
                 one row per \
                world and year with every drawn input. Numbers stay numbers, formatted by unit (--number-format indian\
                 groups INR by \
                lakh and crore); headers frozen. Written to --out, else ccts-run-ID.xlsx.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, xlsx }

        @OptionGroup var store: StoreOptions
        @Argument(help: "Run id.") var id: Int64
        @Option(name: .long, help: "csv or json.") var format: Format = .csv
        @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?
        @Flag(
            name: .long,
            help: "Export the kept world rows (runs made with --keep-worlds) instead of the metrics (xlsx: as well).")
        var worlds = false
        @OptionGroup var numberFormat: NumberFormatOption

        func validate() throws {
            if worlds && format == .json {
                throw ValidationError("--worlds exports CSV or XLSX; use --format csv or --format xlsx")
            }
        }

        func run() throws {
            try reportingErrors {
                let store = try store.openForReading()
                let run = try store.run(id)
                guard run.status == "completed" else {
                    throw CommandError("run \(id) is \(run.status); only completed runs have results to export")
                }
                if format == .xlsx {
                    let path = out ?? "ccts-run-\(id).xlsx"
                    do {
                        try RunWorkbook(store: store, id: id).write(to: path, worlds: worlds)
                    } catch let error as SpreadsheetError {
                        throw CommandError(error.description)
                    }
                    emit("Wrote run \(id) to \(path).")
                    return
                }
                var output = ExportOutput(path: out)
                switch (format, worlds) {
                case (.xlsx, _):
                    return
                case (.json, _):
                    output.write(run.document ?? "{}")
                    output.write("\n")
                case (.csv, false):
                    output.write(
                        "year,metric,value,mean,sd,se,min,max,"
                            + MetricRow.percentileLevels.map { "p\($0)" }.joined(separator: ",") + "\n")
                    for row in try store.metrics(id) {
                        let cells =
                            [row.value, row.mean, row.sd, row.se, row.min, row.max].map(Self.cell)
                            + (row.percentiles.isEmpty
                                ? Array(repeating: "", count: 9) : row.percentiles.map(Self.cell))
                        output.write(
                            ([CSV.field(row.year), CSV.field(row.metric)] + cells).joined(separator: ",") + "\n")
                    }
                case (.csv, true):
                    guard try store.worldRowCount(id) > 0 else {
                        throw CommandError("run \(id) kept no world rows; run it with --keep-worlds")
                    }
                    // the drawn inputs of each world after its outputs, one column per input
                    let inputs = try store.worldInputs(id)
                    let k = inputs.keys.count
                    output.write(
                        "world,year," + (WorldRows.columns + inputs.keys.map(CSV.field)).joined(separator: ",") + "\n")
                    try store.forEachWorld(id) { world, year, values in
                        let drawn = k == 0 ? [] : inputs.values[(world * k)..<((world + 1) * k)].map(Self.cell)
                        output.write(
                            "\(world),\(year)," + (values.map(Self.cell) + drawn).joined(separator: ",") + "\n")
                    }
                }
                try output.close()
                if let out { CommandContext.current.console.write(error: Data("Wrote run \(id) to \(out).\n".utf8)) }
            }
        }

        static func cell(_ x: Double?) -> String {
            guard let x, x.isFinite else { return "" }
            return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        }
    }
}

/// CSV quoting (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled.
enum CSV {
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Standard output or a file written whole: a partial export never replaces a good file.
struct ExportOutput {
    let path: String?
    private var buffer = Data()
    private let console = CommandContext.current.console

    init(path: String?) { self.path = path }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if path == nil && buffer.count > 1 << 20 { flush() }
    }

    private mutating func flush() {
        console.write(output: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        guard let path else { return flush() }
        try OutputFile.write(buffer, to: path)
    }
}
