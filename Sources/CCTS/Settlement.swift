/// The arithmetic of a compliance year without traces, strings or allocation.
///
/// The one lifecycle evaluator (`Plan.lifecycle`) calls these functions for every world and
/// for the deterministic run alike; nothing else computes credits or moves certificates.
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

    /// A year's CCC account, moved in the order things happen: trades dated before the
    /// surrender, then the year's issued CCCs and offsets credited and the obligation
    /// surrendered, then trades after it, then the banking rule at the close.
    ///
    /// A sale can only sell what is held at its moment (a sale before the surrender cannot
    /// sell the year's own issuance, which arrives at the surrender); a sale before the
    /// surrender leaves less to surrender, which can make a shortfall.
    public struct Account: Sendable {
        /// CCCs held at this moment.
        public var held: Double
        public var purchased = 0.0, purchaseCost = 0.0
        public var requestedSale = 0.0, sold = 0.0, saleRevenue = 0.0
        public var surrendered = 0.0, shortfall = 0.0
        public var closing = 0.0, carried = 0.0, lapsed = 0.0

        @inlinable
        public init(opening: Double) { held = opening }

        @inlinable
        public mutating func buy(_ quantity: Double, at price: Double) {
            held += quantity
            purchased += quantity
            purchaseCost += quantity * price
        }

        /// Sells what is asked, up to what is held; returns what was sold.
        @inlinable
        @discardableResult
        public mutating func sell(_ quantity: Double, at price: Double) -> Double {
            let sale = min(quantity, Swift.max(held, 0))
            held -= sale
            requestedSale += quantity
            sold += sale
            saleRevenue += sale * price
            return sale
        }

        /// Credits the year's issued CCCs and counted offsets, then surrenders what is owed from
        /// what is held; what cannot be surrendered is the shortfall.
        @inlinable
        public mutating func surrender(credited: Double, obligation: Double) {
            held += credited
            surrendered = min(obligation, held)
            held -= surrendered
            shortfall = obligation - surrendered
        }

        /// What is held at the end carries under the banking rule; the rest lapses.
        @inlinable
        public mutating func close(bankingAllowed: Bool, maximumCarried: Double) {
            closing = held
            carried = bankingAllowed ? min(closing, maximumCarried) : 0
            lapsed = closing - carried
        }
    }

    /// 10^n for the GEI rounding scale.
    public static func scale(decimals: Int) -> Double {
        var x = 1.0
        for _ in 0..<max(decimals, 0) { x *= 10 }
        return x
    }
}
