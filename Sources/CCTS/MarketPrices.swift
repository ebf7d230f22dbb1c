import Foundation

/// Each world's CCC price per year from a stored market run (`ccts compare` of a portfolio): the
/// price a regulator's market found, which `run`, `pathway` and `plan` take with `--prices-from`
/// so that every decision is priced by the same chain.
///
/// World `w` of a run reads world `w mod worlds` of the market; a run at expected values reads
/// the mean. Every use says where the price came from (``origin(row:)``).
public struct MarketPrices: Sendable, Equatable {
    /// What the prices are: "market run 3 (compare of portfolio-notified.lua, base rules, 10,000 worlds, seed 1)".
    public var source: String
    public var years: [ComplianceYear]
    public var worlds: Int
    /// `[year × worlds + world]`, INR/CCC.
    public var prices: [Double]

    public init(source: String, years: [ComplianceYear], worlds: Int, prices: [Double]) {
        precondition(prices.count == years.count * worlds, "one price per year and world")
        self.source = source
        self.years = years
        self.worlds = worlds
        self.prices = prices
    }

    /// The row of `year`, or nil when the market did not clear it.
    public func row(_ year: ComplianceYear) -> Int? { years.firstIndex(of: year) }

    public func prices(row: Int) -> ArraySlice<Double> { prices[(row * worlds)..<((row + 1) * worlds)] }

    public func mean(row: Int) -> Double { prices(row: row).reduce(0, +) / Double(Swift.max(worlds, 1)) }

    /// The `p`-quantile (0…1) of a year's prices, by the nearest rank.
    public func quantile(row: Int, _ p: Double) -> Double {
        let sorted = prices(row: row).sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[Swift.min(Swift.max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0), sorted.count - 1)]
    }

    /// Where a year's price came from, with its mean and 5–95 % range.
    public func origin(row: Int) -> String {
        "\(source): mean \(Self.rupees(mean(row: row))), 5–95 % "
            + "\(Self.rupees(quantile(row: row, 0.05)))–\(Self.rupees(quantile(row: row, 0.95))) "
            + "INR/CCC, world by world"
    }

    static func rupees(_ x: Double) -> String { x.isFinite ? String(Int(x.rounded())) : "\(x)" }

    // MARK: As a table stored with a run that used it

    /// `year,world,price` lines under a header, each price in its shortest exact form: a run that
    /// used these prices keeps them as a file, so that it re-runs without the market run.
    public var csv: String {
        var lines = ["# \(source)", "year,world,price"]
        for (y, year) in years.enumerated() {
            for w in 0..<worlds { lines.append("\(year),\(w),\(prices[y * worlds + w])") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads ``csv``.
    /// - Throws: ``InputError`` naming `file` and the line when a line is not `year,world,price`
    ///   or the years do not hold the same worlds 0, 1, ….
    public init(csv text: String, file: String) throws {
        var source = file, years: [ComplianceYear] = [], columns: [[Double]] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line == "year,world,price" { continue }
            if line.hasPrefix("#") {
                source = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3, let year = ComplianceYear(String(fields[0])), let world = Int(fields[1]),
                let price = Double(fields[2]),
                price.isFinite, price >= 0
            else {
                throw InputError(
                    file: file, path: "line \(n + 1)",
                    message: "expected year,world,price such as 2025-26,0,1834.5; got '\(line)'")
            }
            if years.last != year {
                guard !years.contains(year) else {
                    throw InputError(
                        file: file, path: "line \(n + 1)",
                        message: "year \(year) appears again after other years; keep each year's worlds together")
                }
                years.append(year)
                columns.append([])
            }
            guard world == columns[columns.count - 1].count else {
                throw InputError(
                    file: file, path: "line \(n + 1)",
                    message: "expected world \(columns[columns.count - 1].count) of \(year), got \(world)")
            }
            columns[columns.count - 1].append(price)
        }
        guard let worlds = columns.first?.count, worlds > 0, columns.allSatisfy({ $0.count == worlds }) else {
            throw InputError(
                file: file, path: "",
                message: "every year needs the same number of worlds, at least one; got \(columns.map(\.count))")
        }
        self.init(source: source, years: years, worlds: worlds, prices: columns.flatMap { $0 })
    }
}
