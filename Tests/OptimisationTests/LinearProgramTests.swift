import Testing

@testable import Optimisation

/// Programmes whose optimum follows by hand, solved by GLPK.
@Suite struct LinearProgramTests {
    /// Two forwards meet a need of 100 CCCs; what is not bought pays compensation at 2 × 2,500.
    /// The cheaper forward is taken to its maximum, the dearer one for the rest, and nothing is
    /// left to compensation (5,000 > 2,400): 60 × 2,000 + 40 × 2,400 = 120,000 + 96,000 = 216,000.
    @Test func twoForwardsAtDifferentPrices() throws {
        var lp = LinearProgram()
        let a = lp.addColumn("forward A", upper: 60, cost: 2_000)
        let b = lp.addColumn("forward B", upper: 80, cost: 2_400)
        let short = lp.addColumn("shortfall", cost: 5_000)
        lp.addRow("need", [(a, 1), (b, 1), (short, 1)], lower: 100)
        let s = try lp.solve()
        #expect(s.status == .optimal)
        #expect(s.values == [60, 40, 0])
        #expect(s.objective == 216_000)
        #expect(s.gap == 0)
        #expect(lp.violation(at: s.values) == nil)
    }

    /// A knapsack: capacity 10, items (weight, value) (5, 10), (4, 40), (6, 30), (3, 50). By hand:
    /// items 2 + 4 weigh 7 for 90, and no third item fits (+5 or +6 > 10); 2 + 3 weigh 10 for 70;
    /// 3 + 4 weigh 9 for 80; 1 + 4 weigh 8 for 60; so 2 + 4 is the best, 90. Minimised as −value.
    @Test func knapsackByBranchAndCut() throws {
        var lp = LinearProgram()
        let items: [(weight: Double, value: Double)] = [(5, 10), (4, 40), (6, 30), (3, 50)]
        let x = items.enumerated().map { lp.addBinary("item \($0.offset + 1)", cost: -$0.element.value) }
        lp.addRow("capacity", zip(x, items).map { ($0, $1.weight) }, upper: 10)
        let s = try lp.solve()
        #expect(s.status == .optimal)
        #expect(s.values == [0, 1, 0, 1])
        #expect(s.objective == -90)
        #expect(s.bound == -90)
    }

    @Test func infeasibleAndUnboundedAreSaid() throws {
        var lp = LinearProgram()
        let x = lp.addColumn("x", upper: 1)
        lp.addRow("at least two", [(x, 1)], lower: 2)
        #expect(try lp.solve().status == .infeasible)

        var open = LinearProgram()
        let y = open.addColumn("y", lower: 0, upper: .infinity, cost: -1)
        open.addRow("free", [(y, 1)], lower: 0)
        #expect(try open.solve().status == .unbounded)

        var whole = LinearProgram()
        let z = whole.addColumn("z", lower: 0, upper: 10, integer: true)
        whole.addRow("between whole numbers", [(z, 2)], lower: 3, upper: 3)  // z = 1.5 only
        #expect(try whole.solve().status == .infeasible)
    }

    /// GLPK aborts the process on some bad input; the model refuses it first, with what is wrong.
    @Test func aBrokenModelIsRefusedWithItsPlace() throws {
        var lp = LinearProgram()
        let x = lp.addColumn("x", lower: 2, upper: 1)
        let bounds = LinearProgramError(description: "invalid model: column x: bounds 2.0 … 1.0")
        #expect(throws: bounds) { try lp.solve() }

        var nan = LinearProgram()
        let y = nan.addColumn("y")
        nan.addRow("r", [(y, .nan)], lower: 0)
        #expect(throws: LinearProgramError(description: "invalid model: row r: coefficient nan")) { try nan.solve() }
        _ = x
    }

    /// Terms naming one column twice add up; an equality row is fixed: x + x = 6 → x = 3.
    @Test func repeatedTermsAddUp() throws {
        var lp = LinearProgram()
        let x = lp.addColumn("x", cost: 1)
        lp.addRow("twice", [(x, 1), (x, 1)], lower: 6, upper: 6)
        #expect(lp.rows[0].terms.count == 1)
        #expect(try lp.solve().values == [3])
    }
}
