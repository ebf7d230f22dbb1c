/// The arithmetic of a compliance year without traces, strings or allocation: the one ledger.
///
/// Every command settles a year here — the lifecycle evaluator (`run`, Monte Carlo, pathway),
/// the portfolio market (`compare`) and procurement plans (`plan`): credits from GEI, offsets
/// within the cap, trades around the surrender, banking at the close and compensation (a rule
/// number or a Lua rule function). What differs between them is only who decides the trades
/// (``settle(opening:credits:offsets:price:rules:beforeSurrender:afterSurrender:)``'s closures).
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
    public static func credits(
        target: Double, emissions: Double, production: Double, scale: Double,
        issueRounding: Rounding, surrenderRounding: Rounding
    ) -> Credits {
        let gei = CertificateArithmetic.gridGEI(emissions: emissions, production: production, gridScale: scale)
        let exact = CertificateArithmetic.credits(target: target, gei: gei, production: production)
        return Credits(
            gei: gei, exact: exact,
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
        /// what is held; what cannot be surrendered is the shortfall. Less than half a certificate
        /// short is rounding, not a shortage (whole-certificate accounts are short by 0 or at least
        /// 1; only the market's continuous abatement leaves such a residue): it counts as surrendered.
        @inlinable
        public mutating func surrender(credited: Double, obligation: Double) {
            held += credited
            surrendered = min(obligation, held)
            if obligation - surrendered < 0.5 { surrendered = obligation }
            held -= surrendered
            shortfall = obligation - surrendered
        }

        /// Credits that arrive after the surrender (offsets delivered after the last deadline):
        /// they join what is held and can only be banked or sold.
        @inlinable
        public mutating func receive(_ quantity: Double) {
            held += quantity
        }

        /// What is held at the end carries under the banking rule; the rest lapses.
        @inlinable
        public mutating func close(bankingAllowed: Bool, maximumCarried: Double) {
            closing = held
            carried = bankingAllowed ? min(closing, maximumCarried) : 0
            lapsed = closing - carried
        }
    }

    /// Offsets counted towards one year's surrender, line by line: an ineligible line counts
    /// nothing, and together they count at most `OffsetRules.cap(share:obligation:)`.
    public struct OffsetCount: Sendable {
        public var remainingCap: Double
        public var counted = 0.0
        /// What the delivered offsets cost, INR (counted or not: an offset bought is paid for).
        public var cost = 0.0

        /// - Parameter share: `compliance.offsets.max_share` (infinity when the rules set none).
        @inlinable
        public init(share: Double, obligation: Double) {
            remainingCap = OffsetRules.cap(share: share, obligation: obligation)
        }

        /// Counts what may of `delivered` credits paid at `price` each; returns what counted.
        @inlinable
        @discardableResult
        public mutating func count(_ delivered: Double, eligible: Bool, price: Double) -> Double {
            cost += delivered * price
            var count = eligible ? delivered : 0
            if count > remainingCap { count = Swift.max(remainingCap, 0) }
            remainingCap -= count
            counted += count
            return count
        }
    }

    /// The rules that settle a year's account.
    public struct YearRules: Sendable {
        public var bankingAllowed: Bool
        /// Infinity when banking has no cap.
        public var maximumCarried: Double
        /// Compensation per CCC short, as a multiple of the year's price, when no function is given.
        public var multiple: Double

        @inlinable
        public init(bankingAllowed: Bool, maximumCarried: Double, multiple: Double) {
            self.bankingAllowed = bankingAllowed
            self.maximumCarried = maximumCarried
            self.multiple = multiple
        }
    }

    /// A settled year.
    public struct Year: Sendable {
        public var account: Account
        public var offsets: OffsetCount
        /// The compensation multiple applied (the rule's number, or what its function returned).
        public var multiple: Double
        /// `shortfall × multiple × price`, INR.
        public var compensation: Double
        /// Purchases + offsets paid + compensation − sales, INR.
        public var cost: Double
        public var compliant: Bool { Settlement.isCompliant(shortfall: account.shortfall) }

        @inlinable
        public init(account: Account, offsets: OffsetCount, multiple: Double, compensation: Double, cost: Double) {
            self.account = account
            self.offsets = offsets
            self.multiple = multiple
            self.compensation = compensation
            self.cost = cost
        }
    }

    /// The largest compensation multiple a rule function may return.
    public static let largestMultiple = 1000.0

    /// The one definition of compliance: the surrender obligation is met, less than half a
    /// certificate short (whole-certificate ledgers are short by 0 or at least 1; the market's
    /// continuous abatement can leave a fraction that is rounding, not a shortage).
    @inlinable
    public static func isCompliant(shortfall: Double) -> Bool { shortfall < 0.5 }

    /// Settles a year: trades before the surrender, the year's issued CCCs and counted offsets
    /// credited and the obligation surrendered, trades after it, banking at the close, then
    /// compensation on the shortfall at the rule's multiple — or at what its function returns
    /// for `(shortfall, price)`, checked to lie in `0…largestMultiple`.
    ///
    /// - Parameters:
    ///   - beforeSurrender: purchases and sales dated before the surrender; told what will be credited and owed.
    ///   - afterSurrender: sales of the surplus and credits that arrive late.
    ///   - compensationFunction: the rule function of the compensation multiple, if the rules wrote one.
    /// - Throws: ``MultipleOutOfRange`` when the function returns a multiple outside the range; what the function
    /// throws.
    @inlinable
    @inline(__always)
    public static func settle(
        opening: Double, credits: Credits, offsets: OffsetCount, price: Double, rules: YearRules,
        compensationFunction: RuleFunction? = nil,
        beforeSurrender: (inout Account, _ credited: Double, _ obligation: Double) -> Void,
        afterSurrender: (inout Account) -> Void
    ) throws -> Year {
        var account = Account(opening: opening)
        let credited = credits.issued + offsets.counted
        beforeSurrender(&account, credited, credits.surrender)
        account.surrender(credited: credited, obligation: credits.surrender)
        afterSurrender(&account)
        account.close(bankingAllowed: rules.bankingAllowed, maximumCarried: rules.maximumCarried)
        var multiple = rules.multiple
        if let compensationFunction {
            multiple = try compensationFunction.evaluate(account.shortfall, price)
            guard multiple.isFinite, multiple >= 0, multiple <= largestMultiple else {
                throw MultipleOutOfRange(multiple: multiple)
            }
        }
        let compensation = account.shortfall * multiple * price
        return Year(
            account: account, offsets: offsets, multiple: multiple, compensation: compensation,
            cost: account.purchaseCost + offsets.cost + compensation - account.saleRevenue)
    }

    /// A compensation rule function returned a multiple outside `0…largestMultiple`.
    public struct MultipleOutOfRange: Error, Sendable {
        public var multiple: Double
        public init(multiple: Double) { self.multiple = multiple }
    }

    /// 10^n for the GEI rounding scale.
    public static func scale(decimals: Int) -> Double {
        var x = 1.0
        for _ in 0..<max(decimals, 0) { x *= 10 }
        return x
    }
}
