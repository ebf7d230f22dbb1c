/// What an entity's compliance desk can decide over its compliance cycle, as a scenario's
/// `planning` section states it: forward CCC purchases on dates, offset contracts, the spot
/// market at each surrender, and banking between the years.
///
/// Each year, what the entity still owes after its issued certificates, its bank, its forwards
/// and the offsets delivered is bought on the exchange at the year's (uncertain) price as far as
/// the exchange can fill it (`liquidity`, a share of the remainder); the rest pays environmental
/// compensation. A surplus is banked into the next year under the rules' banking limits; at the
/// end of the cycle it is worth `surplusValue × ` the last year's price.
public struct ProcurementPlan: Sendable {
    /// A forward purchase for one year's surrender, at a contracted price, decided on `date`.
    public struct Forward: Sendable {
        public var year: ComplianceYear
        public var date: CalendarDay?
        /// INR/CCC.
        public var price: Double
        public var maximum: Double
        /// What is known at the date of the year's need, as the relative standard error of an
        /// estimate (0.05: ± 5 %). nil: nothing yet, so a fixed quantity is decided; otherwise the
        /// decision is a rule, a share of the estimated remaining need.
        public var knownError: Double?

        public init(year: ComplianceYear, date: CalendarDay?, price: Double, maximum: Double, knownError: Double?) {
            self.year = year
            self.date = date
            self.price = price
            self.maximum = maximum
            self.knownError = knownError
        }

        public var name: String { "forward \(year)" + (date.map { " on \($0)" } ?? "") }
    }

    /// An offset contract: credits bought at a price per delivered credit, delivered for one
    /// year's surrender with uncertain delivery.
    public struct OffsetContract: Sendable {
        public var project: String
        /// Project type and vintage, for eligibility under the rules (nil type: always counted).
        public var type: String?
        public var vintage: ComplianceYear?
        public var year: ComplianceYear
        public var price: Double
        public var maximum: Double
        /// The least that may be contracted (a project's minimum lot), 0 by default.
        public var minimum: Double = 0
        /// Fraction of the contracted credits delivered.
        public var delivered: Distribution
        /// When the credits arrive (nil: in time for the year's surrender). Credits that arrive
        /// after the year's surrender count for the next year, or after the last year as surplus.
        public var deliveryDate: CalendarDay?

        public init(
            project: String, type: String?, vintage: ComplianceYear?, year: ComplianceYear, price: Double,
            maximum: Double,
            delivered: Distribution
        ) {
            self.project = project
            self.type = type
            self.vintage = vintage
            self.year = year
            self.price = price
            self.maximum = maximum
            self.delivered = delivered
        }
    }

    public var forwards: [Forward]
    public var offsets: [OffsetContract]
    /// Share of the remaining shortfall the exchange fills at each surrender.
    public var liquidity: Distribution
    /// What a surplus CCC left at the end of the cycle is worth, as a fraction of the last year's price.
    public var surplusValue: Double
    /// Correlation ρ of the normal scores of the deliveries of projects of one type: each delivery is
    /// the quantile of `√ρ Z_type + √(1 − ρ) ε` (a Gaussian copula with a common factor), so ρ is
    /// the Pearson correlation of those scores; the deliveries' rank correlation is
    /// `(6 / π) asin(ρ / 2)` (0.5 → 0.483).
    public var deliveryCorrelation: Double
    /// Years whose surplus may be partly sold at the year's price instead of banked (one decision
    /// each, the share sold); `sell_surplus = true` names every year but the last.
    public var saleYears: [ComplianceYear] = []
    /// The most the plan may spend on forwards and offsets in any world, over the cycle (INR; nil:
    /// no cap). A plan above it is refused whatever its cost.
    public var budget: Double?

    public init(
        forwards: [Forward], offsets: [OffsetContract], liquidity: Distribution, surplusValue: Double,
        deliveryCorrelation: Double
    ) {
        self.forwards = forwards
        self.offsets = offsets
        self.liquidity = liquidity
        self.surplusValue = surplusValue
        self.deliveryCorrelation = deliveryCorrelation
    }

    /// Stream keys of the planning draws.
    public static func deliveryKey(_ project: String) -> String { "planning.offsets.\(project).delivered" }
    public static func deliveryFactorKey(_ type: String) -> String { "planning.offsets.type.\(type)" }
    public static func liquidityKey(_ year: ComplianceYear) -> String { "planning.spot.liquidity.\(year)" }
    public static func estimateKey(_ index: Int) -> String { "planning.forwards[\(index + 1)].estimate" }
}
