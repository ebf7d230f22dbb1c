import Testing

@testable import Optimisation

/// Measure selection on worlds small enough to solve by hand.
///
/// Two years, four worlds; baseline certificates (issued − owed) year 1: −2, −4, −6, −9 and year 2:
/// 0, −1, −5, −7, so world w is met when the chosen measures add at least 2, 4, 6 and 9.
/// Measures (cost, certificates added in every world and year): A (10, 5), B (4, 3), C (6, 3,
/// excludes B), D (−2, 0: pays for itself). Sets and what they add: A 5 for 10, B 3 for 4, C 3 for
/// 6, A+B 8 for 14, A+C 8 for 16 (B+C excluded); D joins every answer and takes 2 off its cost.
@Suite struct MeasureSelectionTests {
    static func problem(requires: [(Int, Int)] = []) -> MeasureSelection {
        let adds: [Double] = [5, 3, 3, 0]
        return MeasureSelection(
            names: ["A", "B", "C", "D"], cost: [10, 4, 6, -2],
            baselineCredits: [[-2, -4, -6, -9], [0, -1, -5, -7]],
            effect: adds.map { a in [[a, a, a, a], [a, a, a, a]] },
            exclusive: [(2, 1)], requires: requires)
    }

    /// P ≥ 0.5 needs 2 worlds, so 4 certificates: A alone (10) is the cheapest; with D, 10 − 2 = 8.
    @Test func halfTheWorlds() throws {
        let c = try Self.problem().solve(probability: 0.5)
        #expect(c.solution.status == .optimal)
        #expect(c.chosen == [0, 3])
        #expect(c.solution.objective == 8)
        #expect(c.worldsMet == 2)
    }

    /// P ≥ 0.75 needs 3 worlds, so 6: A+B (14) beats A+C (16); with D, 12.
    @Test func threeQuartersTakeTheCheaperPair() throws {
        let c = try Self.problem().solve(probability: 0.75)
        #expect(c.chosen == [0, 1, 3])
        #expect(c.solution.objective == 12)
        #expect(c.worldsMet == 3)
    }

    /// A requires C: then A+B is not allowed and 6 certificates cost A+C = 16; with D, 14.
    @Test func aPrerequisiteIsKept() throws {
        let c = try Self.problem(requires: [(0, 2)]).solve(probability: 0.75)
        #expect(c.chosen == [0, 2, 3])
        #expect(c.solution.objective == 14)
    }

    /// Every world needs 9, more than any allowed set adds (8): infeasible, and the most worlds any
    /// set meets is 3, by A+B, the cheaper of the two sets that do (with D).
    @Test func whenNoSetReachesTheProbability() throws {
        let p = Self.problem()
        #expect(try p.solve(probability: 1).solution.status == .infeasible)
        let best = try p.mostWorldsMet()
        #expect(best.worldsMet == 3)
        #expect(best.chosen == [0, 1, 3])
    }

    /// Without a probability the answer is the least cost: D alone, −2.
    @Test func withoutAProbabilityTheLeastCost() throws {
        let c = try Self.problem().solve(probability: 0)
        #expect(c.chosen == [3])
        #expect(c.solution.objective == -2)
    }

    /// One measure away from A+B: B, A, and A+B+D; A+B+C breaks C's exclusion of B.
    @Test func neighboursKeepTheRules() {
        #expect(Self.problem().neighbours(of: [0, 1]) == [[1], [0], [0, 1, 3]])
    }
}
