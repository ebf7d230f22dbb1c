import CCTS

/// A scenario under its rules, compiled for the hot loop: flat arrays of terms that
/// refer to value slots by index. No Lua, no strings, no dictionaries, no allocation
/// per world (rule functions, when the rules have them, are the one exception: they
/// run in this plan's own Lua state).
///
/// Slots `0..<inputCount` hold inputs (fixed ones are filled once; uncertain ones are
/// drawn every world); slots after them hold values derived in the world (fuel-mix
/// quantities, path prices).
///
/// `@unchecked Sendable`: a plan is read-only once compiled, and a plan whose rules
/// call Lua is used by one thread only (the runner gives each thread its own plan).
public struct Plan: @unchecked Sendable {
    // MARK: Inputs
    public internal(set) var inputKeys: [String] = []
    var inputDistributions: [CompiledDistribution] = []
    var inputHashes: [UInt64] = []
    /// Uncertain inputs drawn independently each world.
    var independent: [Int32] = []
    /// Uncertain inputs drawn through the copula, in ``CorrelationModel/keys`` order.
    var correlated: [Int32] = []
    var correlation = CorrelationModel.none
    /// Per key of the copula (model order): the input's slot, or −1 for a common factor (drawn,
    /// combined, never stored); whether the key is a common factor; its stream's key hash.
    var copulaSlots: [Int32] = []
    var copulaCommon: [Bool] = []
    var hasCommonFactors = false
    var correlationHashes: [UInt64] = []
    /// The seed of the common factors' streams (``CorrelationModel``): a portfolio's run seed, the
    /// same for all its entities; nil — the seed the worlds are drawn with (a scenario run alone).
    public var commonSeed: UInt64?
    /// Per correlated input (model order): its Beta/PERT marginal tabulated in z, nil for the kinds
    /// whose quantile is already cheap (``CopulaQuantileTable``).
    var copulaTables: [CopulaQuantileTable?] = []
    /// Total number of slots (inputs + derived).
    var slotCount = 0
    /// Values of every slot before a world starts (fixed inputs; zeros elsewhere).
    var template: [Double] = []
    var sampler = Sampler(tables: DiscreteTables())

    // MARK: Derived values
    var mixes: [MixTerm] = []
    /// Dirichlet concentrations of every mix, as prepared Gamma samplers.
    var alphas: [GammaShape] = []
    /// The same concentrations as numbers, per mix (the expected shares are α_i / Σα).
    var mixConcentrations: [[Double]] = []
    /// Per mix: its fuels and its stable key (for `explain --world`).
    var mixFuels: [[String]] = [], mixKeys: [String] = []
    var pricePath: PricePathTerm?

    // MARK: Years
    var years: [YearPlan] = []
    var fuels: [FuelTerm] = []
    var process: [ProcessTerm] = []
    var fugitive: [FugitiveTerm] = []
    var products: [ProductTerm] = []
    var offsets: [OffsetTerm] = []
    /// Every year's purchases and sales, in the order they happen (``YearPlan/trades``).
    var trades: [TradeTerm] = []
    /// Rule functions (materiality, compensation) a year may call; indices in ``YearPlan``.
    var functions: [RuleFunction] = []
    var openingBalance = 0.0
    /// A stored market run's prices (`[row × marketWorlds + world]`), read by years whose
    /// ``YearPlan/marketRow`` is set; empty otherwise.
    var marketPrices: [Double] = [], marketWorlds = 1
    /// The scenario file, for errors found while evaluating.
    var file = ""
    /// Each input slot's expected value: the deterministic run's world.
    var expected: [Double] = []
    /// Names, paths and origins for the explanation; never read by the worlds.
    var labels = PlanLabels()

    /// Compliance years, in order.
    public internal(set) var yearLabels: [ComplianceYear] = []
    /// Keys of the uncertain inputs (for sensitivity), in slot order.
    public var uncertainInputKeys: [String] { (independent + correlated).sorted().map { inputKeys[Int($0)] } }
    public var uncertainSlots: [Int32] { (independent + correlated).sorted() }
    /// Whether this plan reads the rule value at `path` (a field path in the rule set, as a
    /// reform or `--set` change names it, e.g. `compliance.price["2025-26"][1]`).
    public func uses(rulePath path: String) -> Bool {
        labels.usedRules.contains { rule in
            path == rule || path.hasPrefix(rule + ".") || path.hasPrefix(rule + "[") || rule.hasPrefix(path + ".")
                || rule.hasPrefix(path + "[")
        }
    }

    /// Whether any rule in the hot loop is a Lua function.
    public var callsRuleFunctions: Bool { !functions.isEmpty }
}

/// A contiguous run of terms in one of the plan's arrays.
struct TermRange {
    var start: Int32 = 0
    var count: Int32 = 0
}

struct FuelTerm {
    var quantity: Int32
    /// Multiplies the drawn quantity (``FuelLine/share``).
    var share: Double
    /// quantity × toBase gives t (mass), kL, Sm3 or GJ.
    var toBase: Double
    /// For volumes: t per base unit (density, or density/1000 for gas); 1 for mass.
    var perBase: Double
    var isEnergy: Bool
    var isVolume: Bool
    var ncv: Int32
    var co2: Int32
    var ch4: Int32
    var n2o: Int32
    var biomass: Double
}

struct ProcessTerm {
    var quantity: Int32
    var toBase: Double
    var ef: Int32
    var purity: Double
    /// +1 for an input whose carbon is released, −1 for an output whose carbon leaves in a product.
    var direction: Double = 1
}

struct FugitiveTerm {
    var quantity: Int32
    var toBase: Double
    var gwp: Double
}

struct ProductTerm {
    var quantity: Int32
    var toBase: Double
    var equivalence: Double
}

struct OffsetTerm {
    var credits: Double
    var delivered: Int32
    var eligible: Bool
    /// -1 when the offset is not costed.
    var price: Int32
}

struct TradeTerm {
    var quantity: Int32
    /// -1: at the year's market price.
    var price: Int32
    var isSale: Bool
}

struct MixTerm {
    var total: Int32
    var sharesHash: UInt64
    var alphaStart: Int32
    var count: Int32
    /// First derived slot receiving `total × share_i`.
    var output: Int32
}

struct PricePathTerm {
    var path: PricePath
    /// Per year: the slot holding the shock (-1 for the first year).
    var shocks: [Int32]
    /// Per year: the slot receiving the price.
    var prices: [Int32]
}

struct YearPlan {
    var fuels = TermRange(), process = TermRange(), fugitive = TermRange(), products = TermRange()
    var offsets = TermRange()
    /// The year's trades in date order; the first `tradesBeforeSurrender` happen before it.
    var trades = TermRange(), tradesBeforeSurrender: Int32 = 0
    /// Quantities monitored over the whole year are multiplied by this share of it when the
    /// compliance period is shorter (1 otherwise); applied to the boundary flows here and
    /// folded into the lines' conversion factors.
    var periodShare = 1.0
    var electricityPurchased: Int32 = 0, electricityExported: Int32 = 0, gridFactor: Int32 = 0
    /// The grid's factor, at which exported electricity is deducted (a site factor prices purchases only).
    var exportGridFactor: Int32 = 0
    var heatPurchased: Int32 = 0, heatExported: Int32 = 0, heatFactor: Int32 = 0, heatExportFactor: Int32 = 0
    var captured: Int32 = 0
    var emissionsFinding: Int32 = 0, productionFinding: Int32 = 0
    var price: Int32 = 0
    /// The year's row in ``Plan/marketPrices`` (world w reads world w mod its worlds), or −1 for the price slot.
    var marketRow: Int32 = -1
    var gwpCH4 = 0.0, gwpN2O = 0.0
    var exportsDeductible = false, capturedDeductible = false
    var target = 0.0, scale = 1.0
    var issueRounding = Rounding.floor, surrenderRounding = Rounding.ceil
    /// Materiality as a constant, or the index of a rule function (then `materiality` is unused).
    var materiality = 0.02, materialityFunction: Int32 = -1
    var uplift = 0.0
    /// Materiality judged on the GEI rather than on each quantity (``MaterialityBasis``).
    var materialityOnGEI = false
    var offsetShare = Double.infinity
    var compensationMultiple = 2.0, compensationFunction: Int32 = -1
    var bankingAllowed = true, maximumCarried = Double.infinity
}
