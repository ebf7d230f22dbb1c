/// What an entity can decide before a compliance year closes, as a scenario's `planning` section states it.
///
/// The entity buys CCCs forward at a known price, and contracts offset credits at a
/// price per delivered credit with uncertain delivery. What is still short later is
/// bought on the exchange at the year's (uncertain) price, as far as the exchange has
/// CCCs to sell (`spot.liquidity`, a share of the remaining shortfall; PAT's history is
/// thin markets); the rest incurs environmental compensation.
public struct PurchasePlanning: Sendable {
    public var year: ComplianceYear
    public var forwardPrice: Double
    public var maximumForward: Double
    public var offsetPrice: Double
    public var offsetDelivery: Distribution
    public var maximumOffsets: Double
    /// Share of the remaining shortfall the exchange can fill.
    public var spotLiquidity: Distribution
    /// What a surplus CCC is worth now, as a fraction of the year's price (0: banked, not valued).
    public var surplusValue: Double

    public init(year: ComplianceYear, forwardPrice: Double, maximumForward: Double, offsetPrice: Double,
                offsetDelivery: Distribution, maximumOffsets: Double, spotLiquidity: Distribution, surplusValue: Double) {
        self.year = year
        self.forwardPrice = forwardPrice
        self.maximumForward = maximumForward
        self.offsetPrice = offsetPrice
        self.offsetDelivery = offsetDelivery
        self.maximumOffsets = maximumOffsets
        self.spotLiquidity = spotLiquidity
        self.surplusValue = surplusValue
    }

    /// Stream keys of the planning draws.
    public static let deliveryKey = "planning.offsets.delivered"
    public static let liquidityKey = "planning.spot.liquidity"

    /// The cost of buying `forward` CCCs and contracting `offsets` credits in one world.
    ///
    /// `need` is the surrender obligation not yet covered (negative: a surplus). Delivered
    /// offsets = `delivery × offsets`; remaining R = need − forward − delivered. If R > 0 the
    /// exchange fills `liquidity × R` at `price` and the rest pays `compensation` per CCC
    /// (non-compliance); if R < 0 the surplus is worth `surplusValue × price` each.
    @inlinable
    public func cost(forward: Double, offsets: Double, need: Double, price: Double, compensation: Double,
                     delivery: Double, liquidity: Double) -> (cost: Double, compliant: Bool) {
        let delivered = delivery * offsets
        let base = forwardPrice * forward + offsetPrice * delivered
        let remaining = need - forward - delivered
        if remaining <= 0 { return (base - surplusValue * price * -remaining, true) }
        let bought = liquidity * remaining
        let unmet = remaining - bought
        return (base + price * bought + compensation * unmet, unmet <= 0)
    }
}
