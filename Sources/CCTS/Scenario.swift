/// A plant (or a portfolio entry) and its inputs, compliance year by compliance year.
public struct Scenario {
    public var name: String
    public var entity: Entity
    /// CCCs banked before the first year.
    public var openingBalance: Double
    public var years: [YearInputs]
    /// Average traded CCC price by year (INR/CCC); years without one use the rules' default.
    public var prices: [(year: ComplianceYear, price: Distribution)]
    /// A price path instead of per-year prices (nil when the scenario gives none).
    public var pricePath: PricePath?
    /// Rank correlations between uncertain inputs.
    public var correlations: [InputCorrelation] = []
    /// The procurement decisions `ccts plan` optimises, if the scenario states them.
    public var planning: ProcurementPlan?
    /// The file the scenario came from.
    public var file: String
    /// What loading noticed and did not refuse (a stated value the rules override).
    public var warnings: [Warning] = []

    public init(
        name: String, entity: Entity, openingBalance: Double, years: [YearInputs],
        prices: [(year: ComplianceYear, price: Distribution)], pricePath: PricePath? = nil,
        correlations: [InputCorrelation] = [], file: String
    ) {
        self.name = name
        self.entity = entity
        self.openingBalance = openingBalance
        self.years = years.sorted { $0.year < $1.year }
        self.prices = prices
        self.pricePath = pricePath
        self.correlations = correlations
        self.file = file
    }
}

/// The obligated entity a scenario describes.
public struct Entity {
    public var registration: String
    public var name: String
    public var sector: String
    public var subsector: String?
    public var state: String?
    public var baseline: Baseline?
    /// Targets the scenario states itself (for entities whose notified targets are not in the rules).
    public var ownTargets: [(year: ComplianceYear, gei: Double)]

    public init(
        registration: String, name: String, sector: String, subsector: String?, state: String?,
        baseline: Baseline?, ownTargets: [(year: ComplianceYear, gei: Double)]
    ) {
        self.registration = registration
        self.name = name
        self.sector = sector
        self.subsector = subsector
        self.state = state
        self.baseline = baseline
        self.ownTargets = ownTargets
    }
}

/// Everything monitored, verified and traded in one compliance year.
public struct YearInputs {
    public var year: ComplianceYear
    public var fuels: [FuelLine] = []
    public var fuelMixes: [FuelMix] = []
    public var process: [ProcessLine] = []
    public var refrigerants: [RefrigerantLine] = []
    public var electricity = ElectricityInputs()
    public var heat = HeatInputs()
    /// CO2 captured and permanently stored or used, t.
    public var capturedCO2: Distribution = .fixed(0)
    public var products: [ProductLine] = []
    public var verification = VerifierFindings()
    public var offsets: [OffsetLine] = []
    public var purchases: [Trade] = []
    public var sales: [Trade] = []
    /// What the quantities cover when the year's compliance period is shorter than the year;
    /// nil when the scenario does not say (then the period, with a warning).
    public var monitored: MonitoringBasis?

    public init(year: ComplianceYear) { self.year = year }
}

/// One fuel consumed inside the boundary.
public struct FuelLine {
    public var fuel: String
    public var quantity: Distribution
    public var unit: MeasurementUnit
    /// Type II (site-specific) NCV, GJ/t, replacing the rule's default.
    public var ncv: Double?
    /// Type II CO2 factor, tCO2/TJ.
    public var co2: Double?
    /// Fraction of the fuel's carbon that is biogenic (reported as zero CO2); nil = the fuel's default.
    public var biomassFraction: Double?
    /// Type II density (t/kL for liquids, kg/Sm3 for gases) and CH4 / N2O factors (kg/TJ).
    public var density: Double?
    public var ch4: Double?
    public var n2o: Double?
    /// Multiplies the drawn quantity: a fuel switch splits one metered quantity into two lines that
    /// share its key (and so its draw); an efficiency measure scales it down.
    public var share: Double = 1
    /// Where the line was written, e.g. `years["2025-26"].fuels[2]`.
    public var path: String
    /// The line's stable name for random streams, e.g. `years["2025-26"].fuels.coal_imported`:
    /// reordering lines leaves it unchanged.
    public var key: String

    public init(
        fuel: String, quantity: Distribution, unit: MeasurementUnit, ncv: Double? = nil, co2: Double? = nil,
        biomassFraction: Double? = nil, path: String, key: String? = nil
    ) {
        self.fuel = fuel
        self.quantity = quantity
        self.unit = unit
        self.ncv = ncv
        self.co2 = co2
        self.biomassFraction = biomassFraction
        self.path = path
        self.key = key ?? path
    }
}

/// A process raw material, e.g. limestone calcined in the kiln.
public struct ProcessLine {
    public var material: String
    public var quantity: Distribution
    public var unit: MeasurementUnit
    /// Mass fraction of the pure carbonate (1 = pure).
    public var purity: Double
    /// Type II factor, tCO2/t.
    public var ef: Double?
    public var path: String
    /// Stable name for random streams (see ``FuelLine/key``).
    public var key: String

    public init(
        material: String, quantity: Distribution, unit: MeasurementUnit, purity: Double, ef: Double? = nil,
        path: String, key: String? = nil
    ) {
        self.material = material
        self.quantity = quantity
        self.unit = unit
        self.purity = purity
        self.ef = ef
        self.path = path
        self.key = key ?? path
    }
}

/// Refrigerant topped up (= leaked) during the year.
public struct RefrigerantLine {
    public var refrigerant: String
    public var quantity: Distribution
    public var unit: MeasurementUnit
    public var path: String
    /// Stable name for random streams (see ``FuelLine/key``).
    public var key: String

    public init(refrigerant: String, quantity: Distribution, unit: MeasurementUnit, path: String, key: String? = nil) {
        self.refrigerant = refrigerant
        self.quantity = quantity
        self.unit = unit
        self.path = path
        self.key = key ?? path
    }
}

/// Electricity crossing the boundary, MWh.
public struct ElectricityInputs {
    /// Grid electricity bought, at the grid factor.
    public var purchased: Distribution = .fixed(0)
    /// Renewable electricity (open access, PPA, green tariff, onsite): zero GHG.
    public var renewable: Distribution = .fixed(0)
    /// Electricity exported to the grid.
    public var exported: Distribution = .fixed(0)
    /// Grid region whose factor applies (`national` by default).
    public var grid: String = "national"
    /// A site-specific factor (captive plant, PPA), tCO2/MWh, replacing the grid's (Type II).
    public var factor: Double?

    public init() {}
}

/// Heat or steam crossing the boundary, GJ.
public struct HeatInputs {
    public var purchased: Distribution = .fixed(0)
    public var exported: Distribution = .fixed(0)
    /// Heat source whose factor applies.
    public var source: String = "steam"
    /// Heat source whose factor values the exported heat (nil: the same as `source`).
    public var exportSource: String?

    public init() {}
}

/// Output of one product.
public struct ProductLine {
    public var product: String
    public var quantity: Distribution
    public var unit: MeasurementUnit
    /// Overrides the sector's equivalence factor.
    public var equivalence: Double?
    /// The plant's value of the product's normaliser (a refinery's NRGF), multiplying its output.
    public var normaliser: Double?
    public var path: String
    /// Stable name for random streams (see ``FuelLine/key``).
    public var key: String

    public init(
        product: String, quantity: Distribution, unit: MeasurementUnit, equivalence: Double? = nil, path: String,
        key: String? = nil
    ) {
        self.product = product
        self.quantity = quantity
        self.unit = unit
        self.equivalence = equivalence
        self.path = path
        self.key = key ?? path
    }
}

/// What the verifier found, as fractions of the reported figures: +0.01 means the
/// verifier's emissions are 1 % above those reported.
public struct VerifierFindings {
    public var emissions: Distribution = .fixed(0)
    public var production: Distribution = .fixed(0)

    public init() {}
}

/// Offset credits the entity retires, from a registered project.
public struct OffsetLine {
    public var project: String
    public var type: String
    /// Credits contracted.
    public var credits: Double
    /// Fraction of the contracted credits actually delivered.
    public var delivered: Distribution
    public var vintage: ComplianceYear
    /// Price paid per delivered credit, INR (nil = not costed).
    public var price: Distribution?
    public var path: String
    /// Stable name for random streams (see ``FuelLine/key``).
    public var key: String

    public init(
        project: String, type: String, credits: Double, delivered: Distribution, vintage: ComplianceYear,
        price: Distribution? = nil, path: String, key: String? = nil
    ) {
        self.project = project
        self.type = type
        self.credits = credits
        self.delivered = delivered
        self.vintage = vintage
        self.price = price
        self.path = path
        self.key = key ?? path
    }
}

/// CCCs bought or sold, at a stated price or (nil) at the year's market price, on a stated
/// date or (nil) at the default moment: a purchase just before the surrender, a sale after it.
public struct Trade {
    public var quantity: Distribution
    public var price: Distribution?
    public var date: CalendarDay?
    public var path: String
    /// Stable name for random streams (see ``FuelLine/key``).
    public var key: String

    public init(
        quantity: Distribution, price: Distribution?, date: CalendarDay? = nil, path: String, key: String? = nil
    ) {
        self.quantity = quantity
        self.price = price
        self.date = date
        self.path = path
        self.key = key ?? path
    }
}
