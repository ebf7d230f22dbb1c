import Foundation
import Testing
@testable import Simulation

/// The copula's tabulated Beta/PERT quantiles against the exact ones (bisection of the incomplete
/// beta function to 1e-12), and the ranks they keep.
struct CopulaQuantileTableTests {
    /// PERT(1200, 1500, 2200): α = 1 + 4 × (1500 − 1200)/1000 = 2.2, β = 1 + 4 × (2200 − 1500)/1000 = 3.8;
    /// beta(8, 2) (a delivery share); beta(0.7, 0.9) (a density infinite at both ends).
    @Test(arguments: [(2.2, 3.8, 1200.0, 2200.0), (8.0, 2.0, 0.0, 1.0), (0.7, 0.9, 0.0, 1.0), (1.0, 1.0, 5.0, 6.0)])
    func theTableIsTheExactQuantileWithinABillionthOfTheRange(alpha: Double, beta: Double, lower: Double, upper: Double)
    {
        let table = CopulaQuantileTable(alpha: alpha, beta: beta, lower: lower, upper: upper)
        var worst = 0.0
        for i in 0..<20_000 {
            let z = -9.0 + 18.0 * (Double(i) + 0.5) / 20_000  // beyond ±8.25 too, where the exact path answers
            worst = max(worst, abs(table.value(z) - table.exactValue(z)) / (upper - lower))
        }
        #expect(worst < 1e-9, "largest error \(worst) of the range")
    }

    @Test func theTableIsIncreasingSoRanksAreKept() {
        let table = CopulaQuantileTable(alpha: 2.2, beta: 3.8, lower: 1200, upper: 2200)
        var previous = -Double.infinity
        for i in 0..<16_500 {
            let value = table.value(-8.25 + Double(i) / 1000)
            #expect(value >= previous)
            previous = value
        }
        // the median of PERT(1200, 1500, 2200) = 1200 + 1000 × B⁻¹(0.5; 2.2, 3.8) ≈ 1200 + 1000 × (2.2 −
        // 1/3)/(6 − 2/3) = 1550 (Kerman's approximation, within about 1 % for α, β ≥ 1)
        #expect(abs(table.value(0) - table.exactValue(0)) < 1e-6 && (1535...1565).contains(table.value(0)))
    }
}
