import Testing
@testable import Simulation
@testable import Market

/// The merit-order market against prices worked out by hand.
@Suite struct MarketClearingTests {
    func clear(_ market: MarketClearing, _ net: Double, _ quantities: [Double]) -> (Clearing, [Double]) {
        quantities.withUnsafeBufferPointer { q in
            let clearing = market.clear(netPosition: net, quantities: q)
            let entities = (market.segments.map(\.entity).max() ?? -1) + 1
            return (clearing, market.abatement(by: clearing, quantities: q, entities: entities))
        }
    }

    @Test func linearCurvesHaveAClosedFormPrice() {
        // Two entities, marginal costs rising linearly from 0 to 1,000 INR/t over 10,000 and 30,000 t:
        // supply(p) = (10,000 + 30,000) × p / 1,000 = 40 p; a market 12,000 short clears at 12,000 / 40 = 300
        let market = MarketClearing(segments: [
            AbatementSegment(entity: 0, fromCost: 0, toCost: 1000),
            AbatementSegment(entity: 1, fromCost: 0, toCost: 1000),
        ])
        let (clearing, byEntity) = clear(market, -12_000, [10_000, 30_000])
        #expect(abs(clearing.price - 300) < 1e-9 && clearing.uncovered == 0)
        // each abates its curve up to 300: 10,000 × 0.3 = 3,000 and 30,000 × 0.3 = 9,000
        #expect(abs(byEntity[0] - 3_000) < 1e-9 && abs(byEntity[1] - 9_000) < 1e-9)
    }

    @Test func priceLandsOnAStep() {
        // Steps of 5,000 t at 500, 5,000 t at 800 and 10,000 t at 1,200; 7,500 short:
        // 500 covers 5,000, the 800 step the remaining 2,500 → price 800, that step half used
        let market = MarketClearing(segments: [
            AbatementSegment(entity: 0, fromCost: 500, toCost: 500),
            AbatementSegment(entity: 1, fromCost: 800, toCost: 800),
            AbatementSegment(entity: 2, fromCost: 1200, toCost: 1200),
        ])
        let (clearing, byEntity) = clear(market, -7_500, [5_000, 5_000, 10_000])
        #expect(clearing.price == 800 && clearing.abatement == 7_500 && clearing.uncovered == 0)
        #expect(byEntity == [5_000, 2_500, 0])
    }

    @Test func aMarketInSurplusClearsAtTheFloor() {
        let market = MarketClearing(segments: [AbatementSegment(entity: 0, fromCost: 500, toCost: 500)], floor: 200)
        let (clearing, byEntity) = clear(market, 1_000, [5_000])
        #expect(clearing.price == 200 && clearing.atFloor && clearing.uncovered == 0 && byEntity == [0])
    }

    @Test func aMarketShortAfterEveryStepLeavesExactlyTheRestUncovered() {
        // 5,000 + 5,000 + 10,000 = 20,000 t of abatement for a market 25,000 short: 5,000 uncovered,
        // priced at the dearest step, 1,200; compensation at 2 × 1,200 on it = 12,000,000 INR
        let market = MarketClearing(segments: [
            AbatementSegment(entity: 0, fromCost: 500, toCost: 500),
            AbatementSegment(entity: 1, fromCost: 800, toCost: 800),
            AbatementSegment(entity: 2, fromCost: 1200, toCost: 1200),
        ])
        let (clearing, byEntity) = clear(market, -25_000, [5_000, 5_000, 10_000])
        #expect(clearing.price == 1_200 && clearing.shortAfterEverySupply && clearing.uncovered == 5_000)
        #expect(clearing.uncovered * 2 * clearing.price == 12_000_000)
        #expect(byEntity == [5_000, 5_000, 10_000])
    }

    @Test func theCeilingCapsThePrice() {
        // 10,000 t from 0 to 1,000 INR/t, ceiling 600: at most 6,000 t; a market 8,000 short leaves 2,000
        let market = MarketClearing(segments: [AbatementSegment(entity: 0, fromCost: 0, toCost: 1000)], ceiling: 600)
        let (clearing, _) = clear(market, -8_000, [10_000])
        #expect(
            clearing.price == 600 && abs(clearing.abatement - 6_000) < 1e-9 && abs(clearing.uncovered - 2_000) < 1e-9)
    }

    @Test func aStepInsideALinearCurve() {
        // linear 0 → 1,000 over 10,000 t (10 t per INR) and a 2,000 t step at 400; 5,000 short:
        // at 400 the line gives 4,000, the step the last 1,000 → price 400, the step half used
        let market = MarketClearing(segments: [
            AbatementSegment(entity: 0, fromCost: 0, toCost: 1000),
            AbatementSegment(entity: 1, fromCost: 400, toCost: 400),
        ])
        let (clearing, byEntity) = clear(market, -5_000, [10_000, 2_000])
        #expect(clearing.price == 400 && clearing.uncovered == 0)
        #expect(abs(byEntity[0] - 4_000) < 1e-9 && abs(byEntity[1] - 1_000) < 1e-9)
    }
}
