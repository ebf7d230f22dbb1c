import WorkSharing
import Statistics
import Simulation
import CCTS

/// What each seller outside the obligated entities offers in each world: `credits × delivered`,
/// rounded down to whole certificates, drawn from streams keyed by the project and the
/// portfolio's seed, so that every rule set meets the same deliveries (common random numbers).
public struct SupplyOffer: Sendable {
    public var project: String
    /// Index of its compliance year in the market's years.
    public var year: Int
    public var ask: Double
    /// Counts against the rules' offset cap (an offset project rather than CCCs).
    public var isOffset: Bool
    /// Per world (one value at expected values).
    public var quantities: [Double]

    /// The offers of `supply` in `years` over `worlds` worlds (nil: once, at expected values).
    /// - Parameter part: only these worlds (a market cleared part by part), each drawn as the whole run draws it.
    public static func draw(
        _ supply: [MarketSupply], years: [ComplianceYear], worlds: Int?, seed: UInt64, part: Range<Int>? = nil
    )
        -> [SupplyOffer]
    {
        var tables = DiscreteTables()
        let compiled = supply.map {
            (
                CompiledDistribution.compile($0.credits, tables: &tables),
                CompiledDistribution.compile($0.delivered, tables: &tables)
            )
        }
        let sampler = Sampler(tables: tables)
        return zip(supply, compiled).compactMap { line, distributions in
            guard let y = years.firstIndex(of: line.year) else { return nil }
            let key = "supply.\(line.project).\(line.year)"
            let quantities: [Double]
            if let worlds {
                quantities = (part ?? 0..<worlds).map { w in
                    var creditsStream = RandomStream(
                        seed: seed, world: UInt64(w), keyHash: RandomStream.hash(key + ".credits"))
                    var deliveredStream = RandomStream(
                        seed: seed, world: UInt64(w), keyHash: RandomStream.hash(key + ".delivered"))
                    let credits = Swift.max(sampler.sample(distributions.0, &creditsStream), 0).rounded(.down)
                    let fraction = Swift.min(Swift.max(sampler.sample(distributions.1, &deliveredStream), 0), 1)
                    return CertificateArithmetic.delivered(credits: credits, fraction: fraction)
                }
            } else {
                quantities = [
                    CertificateArithmetic.delivered(
                        credits: Swift.max(line.credits.expectedValue, 0).rounded(.down),
                        fraction: Swift.min(Swift.max(line.delivered.expectedValue, 0), 1))
                ]
            }
            return SupplyOffer(
                project: line.project, year: y, ask: line.ask, isOffset: line.type != nil, quantities: quantities)
        }
    }
}
