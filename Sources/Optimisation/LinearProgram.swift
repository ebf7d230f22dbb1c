/// A linear or mixed-integer programme, written as columns (variables), rows (constraints on
/// linear sums of them) and a linear objective to minimise; solved by GLPK (``solve(_:)``).
///
/// The model is plain numbers, so a caller builds it without touching the solver, and a test
/// reads it back. Every coefficient and bound must be finite (a bound may be ±infinity, meaning
/// none); ``solve(_:)`` refuses a model that breaks this rather than hand GLPK something it would
/// abort on.
public struct LinearProgram: Sendable {
    /// A variable: its bounds, its cost per unit in the objective, and whether it must be whole.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var cost: Double
        public var integer: Bool
    }

    /// A constraint `lower ≤ Σ coefficient × column ≤ upper` (either bound may be infinite).
    public struct Row: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double
        /// (column index, coefficient); a column appears at most once.
        public var terms: [(column: Int, coefficient: Double)]

        public static func == (a: Row, b: Row) -> Bool {
            a.name == b.name && a.lower == b.lower && a.upper == b.upper
                && a.terms.map(\.column) == b.terms.map(\.column)
                && a.terms.map(\.coefficient) == b.terms.map(\.coefficient)
        }
    }

    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    /// A constant added to the objective (GLPK's column 0).
    public var objectiveConstant = 0.0

    public init() {}

    /// Adds a variable and returns its index.
    @discardableResult
    public mutating func addColumn(
        _ name: String, lower: Double = 0, upper: Double = .infinity, cost: Double = 0, integer: Bool = false
    ) -> Int {
        columns.append(Column(name: name, lower: lower, upper: upper, cost: cost, integer: integer))
        return columns.count - 1
    }

    /// Adds a binary variable (integer in [0, 1]) and returns its index.
    @discardableResult
    public mutating func addBinary(_ name: String, cost: Double = 0) -> Int {
        addColumn(name, lower: 0, upper: 1, cost: cost, integer: true)
    }

    /// Adds a constraint and returns its index. Terms naming one column twice are added together.
    @discardableResult
    public mutating func addRow(
        _ name: String, _ terms: [(column: Int, coefficient: Double)], lower: Double = -.infinity,
        upper: Double = .infinity
    ) -> Int {
        var merged: [Int: Double] = [:]
        for term in terms { merged[term.column, default: 0] += term.coefficient }
        let ordered = merged.keys.sorted().compactMap { k in merged[k] == 0 ? nil : (column: k, coefficient: merged[k]!)
        }
        rows.append(Row(name: name, lower: lower, upper: upper, terms: ordered))
        return rows.count - 1
    }

    /// Adds `amount` to a column's cost.
    public mutating func addCost(_ amount: Double, to column: Int) {
        columns[column].cost += amount
    }

    /// Whether any column must be whole (then the programme is a mixed-integer one).
    public var isMixedInteger: Bool { columns.contains { $0.integer } }

    /// The objective's value at `values` (one per column).
    public func objective(at values: [Double]) -> Double {
        zip(columns, values).reduce(objectiveConstant) { $0 + $1.0.cost * $1.1 }
    }

    /// The first constraint or bound `values` break by more than `tolerance` (relative to the
    /// bound's size), or nil when they meet every one.
    public func violation(at values: [Double], tolerance: Double = 1e-7) -> String? {
        func breaks(_ x: Double, _ lower: Double, _ upper: Double) -> Bool {
            x < lower - tolerance * max(1, abs(lower)) || x > upper + tolerance * max(1, abs(upper))
        }
        for (c, x) in zip(columns, values) where breaks(x, c.lower, c.upper) { return "column \(c.name) = \(x)" }
        for r in rows {
            let sum = r.terms.reduce(0) { $0 + $1.coefficient * values[$1.column] }
            if breaks(sum, r.lower, r.upper) { return "row \(r.name) = \(sum)" }
        }
        return nil
    }
}
