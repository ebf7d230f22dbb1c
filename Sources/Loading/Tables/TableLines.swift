import CCTS
import LuaSandbox

/// `lines_from`: activity lines (fuels, process materials, products, …) from a sheet whose first
/// column names the line, with a `quantity` column and a `unit` column or a unit in the quantity's
/// header (`quantity (t)`); other columns become the line's named fields (`ncv`, `purity`, …).
/// With `year`, rows are monthly: a `month` column (`2025-04`, `2025-04-01` or an Excel date) picks
/// the rows of that compliance year (April to March) and lines with the same name, unit and other
/// fields are summed.
extension TableRows {
    /// - Parameter skipped: gets each monthly row left out because its month is in another year.
    // Long: one pass over a table's rows (columns found, other years' rows skipped and said, like lines summed); its
    // state is the pass's.
    func lines(_ options: TableOptions, skipped: (MonthlyRow) -> Void = { _ in }) throws -> LuaValue {
        let quantity = try column("quantity")
        let unitColumn = columns.first { $0.name == "unit" }
        guard unitColumn != nil || quantity.unit != nil else {
            throw TableFileError(
                origin,
                "has no unit: add a \"unit\" column, or write the unit in the quantity's header, e.g. \"quantity (t)\"")
        }
        let month = options.year == nil ? nil : try column("month")
        // the line's name: the first column that is not the month, the quantity or the unit
        guard let nameColumn = columns.first(where: { !["month", "quantity", "unit"].contains($0.name) }) else {
            throw TableFileError(
                origin, "has no column naming the line (fuel, material, product, …) before or beside its quantity"
            )
        }
        let others = columns.filter {
            $0.index != nameColumn.index && $0.index != quantity.index && $0.index != unitColumn?.index
                && $0.index != month?.index
        }
        let positional = [nameColumn.name, quantity.name, unitColumn?.name ?? quantity.name]

        struct Line {
            var rows: [Int]
            var name: String, quantity: Double, unit: String
            var fields: [(name: String, value: LuaValue)]
            var key: String
        }
        var lines: [Line] = []
        try eachSelected(options) { row in
            if let month, let year = options.year {
                let value = cell(row, month)
                guard let (y, m) = Self.month(value) else {
                    throw TableFileError(
                        location(row.number, month),
                        "expected a month such as 2025-04 (or a date), found \(Self.shown(value))")
                }
                let inYear = (y == year.startYear && m >= 4) || (y == year.startYear + 1 && m <= 3)
                if !inYear {
                    skipped(MonthlyRow(row: row.number, origin: origin, year: m >= 4 ? y : y - 1, cell: value))
                    return
                }
            }
            guard case .text(let name) = cell(row, nameColumn) else {
                throw TableFileError(
                    location(row.number, nameColumn),
                    "expected a name in quotes such as coal_imported, found \(Self.shown(cell(row, nameColumn)))")
            }
            guard case .number(let amount) = cell(row, quantity) else {
                let found = Self.shown(cell(row, quantity))
                throw TableFileError(
                    location(row.number, quantity),
                    "expected a number, found \(found)"
                        + (found.contains(",")
                            ? " (write numbers without a thousands separator and decimals with a point: 5000, 0.71)"
                            : ""))
            }
            // checked row by row: a negative month would otherwise vanish into the year's sum
            guard amount >= 0 else {
                throw TableFileError(
                    location(row.number, quantity), "is \(amount.shown); a quantity cannot be negative")
            }
            let unit: String
            if let unitColumn, case .text(let u) = cell(row, unitColumn) {
                unit = u
            } else if let u = quantity.unit {
                unit = u
            } else {
                throw TableFileError(
                    location(row.number, unitColumn!),
                    "expected a unit such as t, found \(Self.shown(cell(row, unitColumn!)))")
            }
            let fields = others.compactMap { c -> (String, LuaValue)? in
                let v = Self.value(cell(row, c))
                return v.isNil ? nil : (c.name, v)
            }
            let key = ([name, unit] + fields.map { "\($0.0)=\($0.1)" }).joined(separator: "\u{1F}")
            if options.year != nil, let i = lines.firstIndex(where: { $0.key == key }) {
                lines[i].quantity += amount
                lines[i].rows.append(row.number)
            } else {
                lines.append(
                    Line(rows: [row.number], name: name, quantity: amount, unit: unit, fields: fields, key: key))
            }
        }
        if let year = options.year, lines.isEmpty {
            throw TableFileError(
                origin,
                "has no row whose month falls in \(year) (April \(year.startYear) to March \(year.startYear + 1))")
        }
        return .table(
            LuaTable(
                sequence: lines.map { line in
                    let rows =
                        line.rows.count == 1
                        ? "row \(line.rows[0])" : "rows \(line.rows.map(String.init).joined(separator: ", "))"
                    let origin = "\(origin), \(rows)" + (options.year.map { " (summed for \($0))" } ?? "")
                    return .table(
                        LuaTable(
                            sequence: [.string(line.name), .number(line.quantity), .string(line.unit)],
                            fields: line.fields + [
                                ("__origin", .string(origin)),
                                ("__columns", .table(LuaTable(sequence: positional.map { .string($0) }))),
                            ]))
                }))
    }

    /// (year, month) of `2025-04`, `2025-04-01` or an Excel serial date (days since 1899-12-30).
    static func month(_ cell: SheetData.Cell) -> (Int, Int)? {
        switch cell {
        case .text(let text):
            let parts = text.trimmingWhitespace().split(separator: "-")
            guard parts.count >= 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
                (1...12).contains(m)
            else { return nil }
            return (y, m)
        case .number(let serial) where serial >= 1 && serial < 2_958_466:
            // civil date from days since 1970-01-01 (Howard Hinnant's algorithm); 1899-12-30 is day −25,569
            let z = Int(serial.rounded(.down)) - 25_569 + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let m = mp < 10 ? mp + 3 : mp - 9
            return (yoe + era * 400 + (m <= 2 ? 1 : 0), m)
        default:
            return nil
        }
    }
}
