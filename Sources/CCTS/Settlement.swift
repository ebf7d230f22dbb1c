/// The arithmetic of a compliance year without traces, strings or allocation.
///
/// ``Lifecycle`` (which explains each step) and the compiled Monte Carlo evaluator
/// (which runs millions of worlds) both call these functions, so the two can differ
/// only in how they fetch inputs, never in the formulas.
public enum Settlement {
    public struct Credits: Sendable {
        /// GEI rounded to the rules' decimals, tCO2e/t.
        public var gei: Double
        /// `(target − GEI) × production`, signed.
        public var exact: Double
        public var issued: Double
        public var surrender: Double

        @inlinable
        public init(gei: Double, exact: Double, issued: Double, surrender: Double) {
            self.gei = gei
            self.exact = exact
            self.issued = issued
            self.surrender = surrender
        }
    }

    /// `GEI = round(emissions / production, decimals)`; `credits = (target − GEI) × production`;
    /// positive credits are issued, negative ones surrendered, each rounded by its rule to whole
    /// certificates on the exact decimal grid (``CertificateArithmetic``), never by flooring noise.
    /// - Parameter scale: 10^decimals.
    @inlinable
    public static func credits(target: Double, emissions: Double, production: Double, scale: Double,
                               issueRounding: Rounding, surrenderRounding: Rounding) -> Credits {
        let gei = CertificateArithmetic.gridGEI(emissions: emissions, production: production, gridScale: scale)
        let exact = CertificateArithmetic.credits(target: target, gei: gei, production: production)
        return Credits(gei: gei, exact: exact,
                       issued: exact > 0 ? issueRounding.apply(exact) : 0,
                       surrender: exact < 0 ? surrenderRounding.apply(-exact) : 0)
    }

    public struct Account: Sendable {
        public var surrendered: Double
        public var shortfall: Double
        public var sold: Double
        public var closing: Double
        public var carried: Double
        public var lapsed: Double

        @inlinable
        public init(surrendered: Double, shortfall: Double, sold: Double, closing: Double, carried: Double, lapsed: Double) {
            self.surrendered = surrendered
            self.shortfall = shortfall
            self.sold = sold
            self.closing = closing
            self.carried = carried
            self.lapsed = lapsed
        }
    }

    /// Surrender what is owed from `holdings`, sell what is asked up to what remains, bank
    /// what banking allows; what cannot be surrendered is the shortfall.
    @inlinable
    public static func settle(holdings: Double, obligation: Double, requestedSale: Double,
                              bankingAllowed: Bool, maximumCarried: Double) -> Account {
        let surrendered = min(obligation, holdings)
        let available = holdings - surrendered
        let sold = min(requestedSale, available)
        let closing = available - sold
        let carried = bankingAllowed ? min(closing, maximumCarried) : 0
        return Account(surrendered: surrendered, shortfall: obligation - surrendered, sold: sold,
                       closing: closing, carried: carried, lapsed: closing - carried)
    }

    /// 10^n for the GEI rounding scale.
    public static func scale(decimals: Int) -> Double {
        var x = 1.0
        for _ in 0..<max(decimals, 0) { x *= 10 }
        return x
    }
}
