import WorkSharing
import Statistics
import Simulation
/// One piece of an entity's marginal abatement cost curve: `quantity` tCO2e whose marginal cost
/// rises linearly from `fromCost` to `toCost` (INR/t), or a step when the two are equal.
public struct AbatementSegment: Sendable, Equatable {
    public var entity: Int
    public var fromCost: Double
    public var toCost: Double

    public init(entity: Int, fromCost: Double, toCost: Double) {
        precondition(fromCost <= toCost, "a segment's costs rise")
        self.entity = entity
        self.fromCost = fromCost
        self.toCost = toCost
    }

    /// Share of the segment's quantity abated at price `p`: all of a step at or below `p`,
    /// the part of a linear segment below `p`.
    @inline(__always)
    func share(at p: Double) -> Double {
        if p >= toCost { return 1 }
        if p <= fromCost { return 0 }
        return (p - fromCost) / (toCost - fromCost)
    }
}

/// One year's market as a chart draws it: the supply of abatement and outside sellers by price,
/// the need it must meet (the market's net shortfall: −Σ positions, 0 when the market is long)
/// and the price it cleared at (with `joint`, cleared with another year through banking).
public struct SupplyCurve: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var price: Double, quantity: Double
    }
    public var year: String
    public var need: Double
    public var price: Double
    public var joint: Bool
    public var points: [Point]
}

/// The price at which one compliance year's market clears, and what it leaves uncovered.
public struct Clearing: Sendable, Equatable {
    /// INR/CCC.
    public var price: Double
    /// Abatement the price induces, summed over entities, tCO2e (= CCC).
    public var abatement: Double
    /// Demand no supply could meet at the price: the quantity on which compensation is due.
    public var uncovered: Double
    public var atFloor: Bool
    /// The price reached the rules' ceiling, or every step was taken (no ceiling) and the market
    /// is still short: `uncovered` > 0.
    public var shortAfterEverySupply: Bool
}

/// Clears a market of obligated entities by merit order: at price p each entity abates every
/// piece of its marginal abatement cost curve cheaper than p; the price is the lowest at or
/// above the floor at which net positions plus abatement plus other supply reach zero.
///
/// Costs are fixed across worlds; quantities may vary per world. The pieces' cost breakpoints
/// are sorted once, so each world clears in one pass over them, exactly (no iteration to a
/// tolerance): between breakpoints supply is linear in p and the crossing is solved in closed
/// form; on a step the price is the step's cost and the step is used in part.
public struct MarketClearing: Sendable {
    public let segments: [AbatementSegment]
    public let floor: Double
    public let ceiling: Double?
    /// Breakpoints above the floor, by cost: (cost, segment, is it the segment's start).
    private let events: [(cost: Double, segment: Int, starts: Bool)]

    public init(segments: [AbatementSegment], floor: Double = 0, ceiling: Double? = nil) {
        precondition(ceiling.map { $0 >= floor } ?? true, "the ceiling is not below the floor")
        self.segments = segments
        self.floor = floor
        self.ceiling = ceiling
        var events: [(cost: Double, segment: Int, starts: Bool)] = []
        for (index, s) in segments.enumerated() {
            if s.fromCost > floor { events.append((s.fromCost, index, true)) }
            if s.toCost > floor, s.toCost > s.fromCost { events.append((s.toCost, index, false)) }
        }
        // A segment's end before another's start at the same cost; ties in input order.
        self.events = events.enumerated().sorted { a, b in
            if a.element.cost != b.element.cost { return a.element.cost < b.element.cost }
            if a.element.starts != b.element.starts { return !a.element.starts }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The same market with segment `s`'s costs × `factor(s)` (a sector's uncertain costs in one
    /// world): its breakpoints sorted again.
    public func scaled(_ factor: (Int) -> Double) -> MarketClearing {
        MarketClearing(
            segments: segments.enumerated().map { s, segment in
                let f = factor(s)
                return AbatementSegment(
                    entity: segment.entity, fromCost: segment.fromCost * f, toCost: segment.toCost * f)
            }, floor: floor, ceiling: ceiling)
    }

    /// The market's supply at each price where it changes slope (the floor, every segment's
    /// start and end cost up to the ceiling): what ``clear(netPosition:quantities:)`` walks, as
    /// points a chart draws (supply is linear between them; a step shows as two points at one price).
    public func supplyCurve(quantities: UnsafeBufferPointer<Double>) -> [SupplyCurve.Point] {
        func supply(at p: Double) -> Double {
            segments.indices.reduce(0) { $0 + quantities[$1] * segments[$1].share(at: p) }
        }
        // just below a step's cost, and at it: the step is drawn as a jump
        func below(_ cost: Double) -> Double {
            segments.indices.reduce(0) { total, i in
                let s = segments[i]
                return total + quantities[i] * (s.fromCost == s.toCost ? (cost > s.toCost ? 1 : 0) : s.share(at: cost))
            }
        }
        var points = [SupplyCurve.Point(price: floor, quantity: supply(at: floor))]
        let costs = Set(events.map(\.cost)).filter { $0 <= (ceiling ?? .infinity) }.sorted()
        for cost in costs {
            points.append(SupplyCurve.Point(price: cost, quantity: below(cost)))
            points.append(SupplyCurve.Point(price: cost, quantity: supply(at: cost)))
        }
        return points.enumerated().filter { i, point in i == 0 || point != points[i - 1] }.map(\.element)
    }

    /// - Parameters:
    ///   - netPosition: Σ over entities of (credits held − owed) before abatement, plus any other
    ///     supply (delivered offsets, non-obligated sellers): negative when the market is short.
    ///   - quantities: tCO2e of each segment in this world.
    public func clear(netPosition: Double, quantities: UnsafeBufferPointer<Double>) -> Clearing {
        let need = -netPosition
        // Supply at the floor, and the slope of the linear pieces crossing it.
        var supply = 0.0, slope = 0.0
        for (index, s) in segments.enumerated() {
            let q = quantities[index]
            supply += q * s.share(at: floor)
            if s.fromCost <= floor, floor < s.toCost { slope += q / (s.toCost - s.fromCost) }
        }
        if supply >= need {
            return Clearing(price: floor, abatement: supply, uncovered: 0, atFloor: true, shortAfterEverySupply: false)
        }
        var price = floor
        for event in events {
            let cost = min(event.cost, ceiling ?? .infinity)
            // Linear supply from `price` to `cost`.
            if slope > 0, supply + slope * (cost - price) >= need {
                let crossing = price + (need - supply) / slope
                return Clearing(
                    price: crossing, abatement: need, uncovered: 0, atFloor: false, shortAfterEverySupply: false)
            }
            supply += slope * (cost - price)
            price = cost
            if let ceiling, event.cost > ceiling { break }
            let s = segments[event.segment], q = quantities[event.segment]
            if s.fromCost == s.toCost {
                // A step: its whole quantity at its cost.
                if supply + q >= need {
                    return Clearing(
                        price: price, abatement: need, uncovered: 0, atFloor: false, shortAfterEverySupply: false)
                }
                supply += q
            } else {
                slope += (event.starts ? 1 : -1) * q / (s.toCost - s.fromCost)
            }
        }
        if let ceiling, price < ceiling {
            supply += slope * (ceiling - price)
            price = ceiling
        }
        return Clearing(
            price: price, abatement: supply, uncovered: max(need - supply, 0), atFloor: false,
            shortAfterEverySupply: true)
    }

    /// The part of the steps whose cost is exactly the clearing price that the market used
    /// (0…1): what the clearing's abatement needs beyond every piece below the price.
    public func marginalShare(_ clearing: Clearing, quantities: UnsafeBufferPointer<Double>) -> Double {
        let p = clearing.price
        var below = 0.0, atPrice = 0.0
        for (index, s) in segments.enumerated() {
            if s.fromCost == s.toCost && s.toCost == p {
                atPrice += quantities[index]
            } else {
                below += quantities[index] * s.share(at: p)
            }
        }
        return atPrice > 0 ? min(max((clearing.abatement - below) / atPrice, 0), 1) : 0
    }

    /// The segment that set `price`: the first with quantity whose cost range holds the price (a
    /// linear piece partly used, or a step at the price); nil when none does (a market long at the
    /// floor, or short beyond every step).
    public func marginalSegment(price p: Double, quantities: UnsafeBufferPointer<Double>) -> Int? {
        for (index, s) in segments.enumerated() where quantities[index] > 0 {
            if s.fromCost == s.toCost ? s.toCost == p : (s.fromCost < p && p <= s.toCost) { return index }
        }
        return nil
    }

    /// Each entity's abatement at a clearing, and what it costs: every piece below the price
    /// (a linear piece at the mean of its costs up to the price), and of the steps at the price
    /// exactly, the market's `marginalShare` of each. Adds into `abatement` and `cost` (tCO2e and
    /// INR, by entity).
    public func settle(
        _ clearing: Clearing, quantities: UnsafeBufferPointer<Double>,
        abatement: UnsafeMutableBufferPointer<Double>, cost: UnsafeMutableBufferPointer<Double>
    ) {
        settle(
            price: clearing.price, marginalShare: marginalShare(clearing, quantities: quantities),
            quantities: quantities,
            abatement: abatement, cost: cost)
    }

    public func settle(
        price p: Double, marginalShare: Double, quantities: UnsafeBufferPointer<Double>,
        abatement: UnsafeMutableBufferPointer<Double>, cost: UnsafeMutableBufferPointer<Double>
    ) {
        for (index, s) in segments.enumerated() {
            let q = quantities[index]
            if s.fromCost == s.toCost {
                let taken = q * (s.toCost == p ? marginalShare : s.share(at: p))
                abatement[s.entity] += taken
                cost[s.entity] += taken * s.toCost
            } else {
                let share = s.share(at: p)
                let top = Swift.min(p, s.toCost)
                abatement[s.entity] += q * share
                cost[s.entity] += q * share * (s.fromCost + top) / 2
            }
        }
    }

    /// Each entity's abatement at a clearing (see ``settle(_:quantities:abatement:cost:)``).
    public func abatement(by clearing: Clearing, quantities: UnsafeBufferPointer<Double>, entities: Int) -> [Double] {
        var abatement = [Double](repeating: 0, count: entities), cost = abatement
        abatement.withUnsafeMutableBufferPointer { a in
            cost.withUnsafeMutableBufferPointer { c in settle(clearing, quantities: quantities, abatement: a, cost: c) }
        }
        return abatement
    }
}
