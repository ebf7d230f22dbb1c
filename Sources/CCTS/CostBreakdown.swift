/// A year's cost, line by line: every rupee the net cost holds, so that a reader can add it up.
///
/// `net = purchased + offsets + sold + compensation` (sold is negative: money received). The
/// CCCs carried out of the year are a holding, not a payment: they are valued at the year's price
/// beside the net, and over a period only what is carried out of the last year is netted
/// (``PeriodCost``), so that no certificate is counted twice.
public struct CostBreakdown: Sendable, Equatable {
    /// A quantity and what it cost (INR; negative when money came in or a holding is worth something).
    public struct Line: Sendable, Equatable {
        public var quantity: Double
        public var inr: Double

        public init(quantity: Double, inr: Double) {
            self.quantity = quantity
            self.inr = inr
        }
    }

    /// CCCs bought, at their prices.
    public var purchased: Line
    /// Offset credits delivered and paid for, counted or not.
    public var offsets: Line
    /// Of ``offsets``: those the rules did not count (ineligible, or over the cap) — paid for all the same.
    public var offsetsNotCounted: Line
    /// CCCs sold (INR negative: received).
    public var sold: Line
    /// The shortfall and its environmental compensation.
    public var compensation: Line
    /// CCCs carried to the next year, valued at the year's price (INR negative: a holding).
    public var carried: Line
    /// The year's price and where it came from (scenario, rules' default with its source, or a market run).
    public var price: Double
    public var priceOrigin: String

    public init(
        purchased: Line, offsets: Line, offsetsNotCounted: Line, sold: Line, compensation: Line, carried: Line,
        price: Double, priceOrigin: String
    ) {
        self.purchased = purchased
        self.offsets = offsets
        self.offsetsNotCounted = offsetsNotCounted
        self.sold = sold
        self.compensation = compensation
        self.carried = carried
        self.price = price
        self.priceOrigin = priceOrigin
    }

    /// What the year pays: purchases + offsets + compensation − sales, INR.
    public var net: Double { purchased.inr + offsets.inr + compensation.inr + sold.inr }
}

/// The cost over a run's years: their nets added, and the CCCs carried out of the last year
/// valued at its price.
public struct PeriodCost: Sendable, Equatable {
    public var years: [CostBreakdown]

    public init(years: [CostBreakdown]) { self.years = years }

    /// What the years pay together, INR.
    public var net: Double { years.reduce(0) { $0 + $1.net } }
    /// The bank carried out of the last year, at that year's price (INR negative).
    public var bank: CostBreakdown.Line { years.last?.carried ?? .init(quantity: 0, inr: 0) }
    /// The net less what the final bank is worth: the cost of the period if the bank were sold at the last price.
    public var netOfBank: Double { net + bank.inr }
}
