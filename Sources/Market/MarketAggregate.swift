import WorkSharing
import Statistics
import Simulation
import CCTS

/// One number `ccts compare` reports per world and year, under a stable identifier (for JSON,
/// the run store and scripts) with its display label and unit.
public struct MarketAggregate: Sendable {
    /// Stable name, e.g. `clearing_price`, `abatement.cement`.
    public let id: String
    public let label: String
    public let unit: String
    /// A probability: reported with its standard error, not a range.
    public let isProbability: Bool
    let value: @Sendable (_ portfolio: PortfolioMarket, _ market: MarketResults, _ year: Int, _ world: Int) -> Double

    /// The aggregate in every world of year index `y`.
    public func series(_ portfolio: PortfolioMarket, _ market: MarketResults, year y: Int) -> [Double] {
        (0..<portfolio.worlds).map { value(portfolio, market, y, $0) }
    }

    /// Everything `compare` reports, the by-sector lines for `sectors`.
    // Long: a table: one entry per aggregate compare reports, a few lines each.
    public static func all(sectors: [String]) -> [MarketAggregate] {
        @Sendable func cell(_ p: PortfolioMarket, _ y: Int, _ w: Int) -> Int { y * p.worlds + w }
        var list: [MarketAggregate] = [
            MarketAggregate(id: "issued", label: "CCCs issued", unit: "CCC", isProbability: false) { p, _, y, w in
                p.issued[cell(p, y, w)]
            },
            MarketAggregate(
                id: "surrender_obligations", label: "surrender obligations", unit: "CCC", isProbability: false
            ) { p, _, y, w in p.surrender[cell(p, y, w)] },
            MarketAggregate(id: "own_offsets", label: "own offsets counted", unit: "CCC", isProbability: false) {
                p, _, y, w in p.offsets[cell(p, y, w)]
            },
            MarketAggregate(
                id: "opening_balances", label: "opening balances (first year)", unit: "CCC", isProbability: false
            ) { p, _, y, _ in
                y == 0 ? p.openingBalanceTotal : 0
            },
            MarketAggregate(
                id: "net_position", label: "net position before abatement", unit: "CCC", isProbability: false
            ) { p, _, y, w in
                p.issued[cell(p, y, w)] - p.surrender[cell(p, y, w)] + p.offsets[cell(p, y, w)]
                    + (y == 0 ? p.openingBalanceTotal : 0)
            },
            MarketAggregate(
                id: "entities_short", label: "entities short before trading", unit: "entities", isProbability: false
            ) { p, m, y, w in
                m.entitiesShort[cell(p, y, w)]
            },
            MarketAggregate(
                id: "entities_long", label: "entities long before trading", unit: "entities", isProbability: false
            ) { p, m, y, w in
                m.entitiesLong[cell(p, y, w)]
            },
            MarketAggregate(id: "clearing_price", label: "clearing price", unit: "INR/CCC", isProbability: false) {
                p, m, y, w in m.price[cell(p, y, w)]
            },
            MarketAggregate(id: "p_joint", label: "cleared jointly (banking)", unit: "probability", isProbability: true)
            { p, m, y, w in
                m.joint[cell(p, y, w)]
            },
            MarketAggregate(
                id: "price_set_by.floor", label: "  price at the floor (market long)", unit: "probability",
                isProbability: true
            ) { p, m, y, w in
                m.marginal[cell(p, y, w)] == MarketResults.priceAtFloor ? 1 : 0
            },
            MarketAggregate(
                id: "price_set_by.beyond_every_step", label: "  price: short beyond every step", unit: "probability",
                isProbability: true
            ) { p, m, y, w in
                m.marginal[cell(p, y, w)] == MarketResults.priceShortBeyondEveryStep ? 1 : 0
            },
            MarketAggregate(
                id: "price_set_by.other_sellers", label: "  price set by other sellers", unit: "probability",
                isProbability: true
            ) { p, m, y, w in
                m.marginal[cell(p, y, w)] == MarketResults.priceByOtherSeller ? 1 : 0
            },
            MarketAggregate(id: "abatement", label: "abatement induced", unit: "tCO2e", isProbability: false) {
                p, m, y, w in m.abatement[cell(p, y, w)]
            },
            MarketAggregate(id: "traded", label: "CCCs traded", unit: "CCC", isProbability: false) { p, m, y, w in
                m.traded[cell(p, y, w)]
            },
            MarketAggregate(id: "supply_sold", label: "bought from other sellers", unit: "CCC", isProbability: false) {
                p, m, y, w in
                m.supplied[cell(p, y, w)]
            },
            MarketAggregate(id: "reserve_sold", label: "reserve sold at the ceiling", unit: "CCC", isProbability: false)
            { p, m, y, w in
                m.reserveSold[cell(p, y, w)]
            },
            MarketAggregate(
                id: "floor_bought", label: "regulator bought at the floor", unit: "CCC", isProbability: false
            ) { p, m, y, w in
                m.floorBought[cell(p, y, w)]
            },
            MarketAggregate(id: "unsold", label: "left unsold with holders", unit: "CCC", isProbability: false) {
                p, m, y, w in
                m.unsold[cell(p, y, w)]
            },
            MarketAggregate(id: "compliance_cost", label: "compliance cost", unit: "INR", isProbability: false) {
                p, m, y, w in
                m.cost[cell(p, y, w)]
            },
            // the compliance cost line by line: abatement spend + CCCs and offsets bought, net of sales
            // (trades between the entities cancel) + compensation
            MarketAggregate(
                id: "abatement_cost", label: "  of which abatement spend", unit: "INR", isProbability: false
            ) {
                p, m, y, w in
                m.abatementCost[cell(p, y, w)]
            },
            MarketAggregate(
                id: "net_purchases", label: "  of which CCCs bought less sold", unit: "INR",
                isProbability: false
            ) { p, m, y, w in
                let c = cell(p, y, w)
                return m.cost[c] - m.abatementCost[c] - m.compensation[c]
            },
            MarketAggregate(
                id: "compensation", label: "  of which compensation", unit: "INR", isProbability: false
            ) { p, m, y, w in m.compensation[cell(p, y, w)] },
            MarketAggregate(
                id: "abatement_cost_per_tonne", label: "abatement cost per tonne abated", unit: "INR/tCO2e",
                isProbability: false
            ) { p, m, y, w in
                let c = cell(p, y, w)
                return m.abatement[c] > 0 ? m.abatementCost[c] / m.abatement[c] : 0
            },
            MarketAggregate(
                id: "share_compliant", label: "share compliant after trading", unit: "fraction", isProbability: false
            ) { p, m, y, w in
                m.shareCompliant[cell(p, y, w)]
            },
            MarketAggregate(
                id: "p_short", label: "P(short after all abatement)", unit: "probability", isProbability: true
            ) { p, m, y, w in
                m.short[cell(p, y, w)]
            },
        ]
        // After the other causes of the price, each sector whose step set it.
        let afterCauses = list.firstIndex { $0.id == "price_set_by.other_sellers" }! + 1
        for (s, sector) in sectors.enumerated().reversed() {
            list.insert(
                MarketAggregate(
                    id: "price_set_by.\(sector)", label: "  price set by \(sector)", unit: "probability",
                    isProbability: true
                ) { p, m, y, w in
                    m.marginal[cell(p, y, w)] == Double(s) ? 1 : 0
                }, at: afterCauses)
        }
        for (s, sector) in sectors.enumerated() {
            list.append(
                MarketAggregate(
                    id: "abatement.\(sector)", label: "  abatement, \(sector)", unit: "tCO2e", isProbability: false
                ) { p, m, y, w in
                    m.abatementBySector[(y * m.sectors.count + s) * p.worlds + w]
                })
        }
        for (s, sector) in sectors.enumerated() {
            list.append(
                MarketAggregate(
                    id: "compliance_cost.\(sector)", label: "  compliance cost, \(sector)", unit: "INR",
                    isProbability: false
                ) { p, m, y, w in
                    m.costBySector[(y * m.sectors.count + s) * p.worlds + w]
                })
        }
        return list
    }
}
