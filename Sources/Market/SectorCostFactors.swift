import WorkSharing
import Statistics
import Simulation
import CCTS

/// The factor on each sector's abatement costs in each world (`cost_uncertainty` of its curve):
/// uniform between the curve's low and high, drawn from (seed, world, the sector) — the same for
/// every entity of the sector and every year of the world, and alike under every rule set that
/// gives the sector the same range (common random numbers). At expected values, the midpoint.
public enum SectorCostFactors {
    /// `[sector][world of the part]` for the market's sectors (``PortfolioMarket/sectors`` order), or
    /// nil when no sector's curve is uncertain (every cost as written).
    public static func draw(
        rules: RuleSet, market: PortfolioMarket, worlds: Int?, seed: UInt64, part: Range<Int>? = nil
    ) -> [[Double]]? {
        let sectors = market.sectors
        let ranges = sectors.map { rules.abatementCurve(sector: $0)?.costFactor }
        guard ranges.contains(where: { $0 != nil }) else { return nil }
        return zip(sectors, ranges).map { sector, range in
            guard let range else { return [1] }
            guard let worlds else { return [(range.lowerBound + range.upperBound) / 2] }
            let key = RandomStream.hash("abatement.\(sector).cost_uncertainty")
            return (part ?? 0..<worlds).map { w in
                var stream = RandomStream(seed: seed, world: UInt64(w), keyHash: key)
                return range.lowerBound + (range.upperBound - range.lowerBound) * stream.uniform()
            }
        }
    }
}
