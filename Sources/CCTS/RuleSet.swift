/// The rules in force for a run: factors, sectors, targets, verification and compliance.
///
/// Built by the loading layer from Lua rule files (plus reforms and `--set`
/// overrides); plain values from here on. Collections keep the order the rule
/// files gave, so listings and traces are stable.
public struct RuleSet {
    public var fuels: [Fuel]
    public var materials: [ProcessMaterial]
    public var refrigerants: [Refrigerant]
    public var grids: [GridSeries]
    public var heat: [HeatSource]
    /// Tier 1 PFC factors of aluminium smelting, per cell technology.
    public var anodeEffects: [AnodeEffects] = []
    /// Default marginal abatement cost curves by sector (the market model of `compare`).
    public var abatementCurves: [AbatementCurve] = []
    public var gwpSets: [GWPSet]
    /// The GWP set used to turn CH4, N2O and refrigerants into CO2e.
    public var gwpInForce: String
    public var gwpProvenance: Provenance
    public var sectors: [Sector]
    public var targets: [EntityTarget]
    public var verification: VerificationRules
    public var compliance: ComplianceRules
    /// Every documented assumption, for `ccts rules assumptions`.
    public var assumptions: [Assumption]
    /// Names of the files (rules and reforms) the set was built from, in load order.
    public var files: [String]
    /// Names of the reforms applied, in order.
    public var reforms: [String]

    public init(
        fuels: [Fuel], materials: [ProcessMaterial], refrigerants: [Refrigerant], grids: [GridSeries],
        heat: [HeatSource], gwpSets: [GWPSet], gwpInForce: String, gwpProvenance: Provenance,
        sectors: [Sector], targets: [EntityTarget], verification: VerificationRules,
        compliance: ComplianceRules, assumptions: [Assumption], files: [String], reforms: [String]
    ) {
        self.fuels = fuels
        self.materials = materials
        self.refrigerants = refrigerants
        self.grids = grids
        self.heat = heat
        self.gwpSets = gwpSets
        self.gwpInForce = gwpInForce
        self.gwpProvenance = gwpProvenance
        self.sectors = sectors
        self.targets = targets
        self.verification = verification
        self.compliance = compliance
        self.assumptions = assumptions
        self.files = files
        self.reforms = reforms
    }

    public func fuel(_ id: String) -> Fuel? { fuels.first { $0.id == id } }
    public func material(_ id: String) -> ProcessMaterial? { materials.first { $0.id == id } }
    public func refrigerant(_ id: String) -> Refrigerant? { refrigerants.first { $0.id == id } }
    public func grid(_ id: String) -> GridSeries? { grids.first { $0.id == id } }
    public func heatSource(_ id: String) -> HeatSource? { heat.first { $0.id == id } }
    public func anodeEffects(_ technology: String) -> AnodeEffects? { anodeEffects.first { $0.id == technology } }
    public func abatementCurve(sector: String) -> AbatementCurve? { abatementCurves.first { $0.sector == sector } }

    /// The gases (CO2, CH4, N2O, HFC, PFC, SF6) that count for `sector`: its own list, else the
    /// compliance rules'.
    public func coveredGases(sector: String) -> [String] {
        self.sector(sector)?.gases ?? compliance.coveredGases
    }
    public func sector(_ id: String) -> Sector? { sectors.first { $0.id == id } }
    public func target(for registration: String) -> EntityTarget? { targets.first { $0.registration == registration } }
    /// The GWP set in force (the loader guarantees it exists).
    public var gwp: GWPSet {
        guard let set = gwpSets.first(where: { $0.name == gwpInForce }) else {
            preconditionFailure("GWP set \(gwpInForce) not loaded")
        }
        return set
    }
}

/// A fuel with its Type I (default) factors.
public struct Fuel {
    public var id: String
    public var name: String
    /// Net calorific value, GJ/t.
    public var ncv: Factor
    /// CO2 emission factor, tCO2/TJ.
    public var co2: Factor
    /// CH4 emission factor, kg/TJ.
    public var ch4: Factor
    /// N2O emission factor, kg/TJ.
    public var n2o: Factor
    /// Density for volume units: t/kL for liquids, kg/Sm3 for gases; nil when the fuel is metered by mass only.
    public var density: Factor?
    /// Biogenic fuels report CO2 as zero (their CH4 and N2O still count).
    public var biogenic: Bool
    public var provenance: Provenance

    public init(
        id: String, name: String, ncv: Factor, co2: Factor, ch4: Factor, n2o: Factor,
        density: Factor?, biogenic: Bool, provenance: Provenance
    ) {
        self.id = id
        self.name = name
        self.ncv = ncv
        self.co2 = co2
        self.ch4 = ch4
        self.n2o = n2o
        self.density = density
        self.biogenic = biogenic
        self.provenance = provenance
    }
}

extension FuelLine {
    /// Tonnes per base unit of this line's quantity: its own (Type II) density where it states
    /// one, else the fuel's (``Fuel/tonnesPerBaseUnit(_:)``).
    public func tonnesPerBaseUnit(of fuel: Fuel) -> Double? {
        guard let density else { return fuel.tonnesPerBaseUnit(unit.dimension) }
        switch unit.dimension {
        case .liquidVolume: return density
        case .gasVolume: return density / 1000
        default: return 1
        }
    }
}

extension Fuel {
    /// Tonnes per base unit of a volume (the one density conversion of ccts): liquids t/kL × kL,
    /// gases kg/Sm3 × Sm3 / 1000; 1 for a mass; nil for a volume of a fuel without density.
    public func tonnesPerBaseUnit(_ dimension: Dimension) -> Double? {
        switch dimension {
        case .liquidVolume: return density?.value
        case .gasVolume: return density.map { $0.value / 1000 }
        default: return 1
        }
    }
}

/// A raw material whose calcination or reaction releases CO2 (limestone, dolomite, soda ash).
public struct ProcessMaterial {
    public var id: String
    public var name: String
    /// tCO2 per tonne of pure material.
    public var ef: Factor
    /// Carbon leaving the boundary in a product (steel, pig iron, urea): its CO2 is subtracted, as
    /// the mass balance of IPCC 2006 Vol 3 Ch 4 (Eq 4.9) subtracts the carbon of the outputs.
    public var output: Bool

    public init(id: String, name: String, ef: Factor, output: Bool = false) {
        self.id = id
        self.name = name
        self.ef = ef
        self.output = output
    }
}

/// A refrigerant whose leaks count as fugitive emissions, with its GWP per assessment report.
public struct Refrigerant {
    public var id: String
    public var name: String
    public var gwp: [String: Double]
    public var provenance: Provenance
    /// The group of greenhouse gases it belongs to, as coverage rules name them: HFC, PFC or SF6.
    public var group: String = "HFC"

    public init(id: String, name: String, gwp: [String: Double], provenance: Provenance) {
        self.id = id
        self.name = name
        self.gwp = gwp
        self.provenance = provenance
    }
}

/// Grid electricity emission factors (tCO2/MWh) by compliance year, for one grid region.
public struct GridSeries {
    public var id: String
    public var name: String
    public var factors: [(year: ComplianceYear, factor: Factor)]

    public init(id: String, name: String, factors: [(year: ComplianceYear, factor: Factor)]) {
        self.id = id
        self.name = name
        self.factors = factors.sorted { $0.year < $1.year }
    }

    /// The factor published for `year`, or else the latest one before it (the trace and
    /// validity check say so), or nil when none precedes the year.
    public func factor(for year: ComplianceYear) -> (year: ComplianceYear, factor: Factor)? {
        factors.last { $0.year <= year }
    }
}

/// PFCs from anode effects in primary aluminium smelting, Tier 1: CF4 and C2F6 per tonne of
/// aluminium for one cell technology (IPCC 2006 GL Vol 3 Ch 4 Table 4.15).
public struct AnodeEffects {
    public var id: String
    public var name: String
    /// kg CF4 per t aluminium.
    public var cf4: Factor
    /// kg C2F6 per t aluminium.
    public var c2f6: Factor

    public init(id: String, name: String, cf4: Factor, c2f6: Factor) {
        self.id = id
        self.name = name
        self.cf4 = cf4
        self.c2f6 = c2f6
    }
}

/// Purchased or exported heat/steam, tCO2 per GJ.
public struct HeatSource {
    public var id: String
    public var name: String
    public var factor: Factor

    public init(id: String, name: String, factor: Factor) {
        self.id = id
        self.name = name
        self.factor = factor
    }
}

/// A set of 100-year global warming potentials.
public struct GWPSet {
    public var name: String
    public var ch4: Double
    public var n2o: Double
    public var provenance: Provenance

    public init(name: String, ch4: Double, n2o: Double, provenance: Provenance) {
        self.name = name
        self.ch4 = ch4
        self.n2o = n2o
        self.provenance = provenance
    }
}

/// An obligated sector: its products and how they convert to equivalent product.
public struct Sector {
    public var id: String
    public var name: String
    /// The GEI metric, e.g. `tCO2e/t equivalent cement`.
    public var metric: String
    /// Notified under the GEI Target Rules (as opposed to named by the procedure only).
    public var notified: Bool
    public var subsectors: [String]
    public var baselineYear: ComplianceYear?
    public var products: [Product]
    public var provenance: Provenance
    /// The greenhouse gases that count for this sector (nil: the compliance rules' `covered_gases`).
    public var gases: [String]?
    /// The schedule of the GEI Target Rules that lists the sector (`First`, `Second`), which
    /// decides its first compliance period; nil for sectors not notified.
    public var schedule: String?
    /// Sub-sectors listed in another schedule than the sector (secondary aluminium: Second).
    public var subsectorSchedules: [String: String] = [:]

    /// The schedule of an entity of this sector and sub-sector.
    public func schedule(subsector: String?) -> String? {
        subsector.flatMap { subsectorSchedules[$0] } ?? schedule
    }

    public init(
        id: String, name: String, metric: String, notified: Bool, subsectors: [String],
        baselineYear: ComplianceYear?, products: [Product], provenance: Provenance
    ) {
        self.id = id
        self.name = name
        self.metric = metric
        self.notified = notified
        self.subsectors = subsectors
        self.baselineYear = baselineYear
        self.products = products
        self.provenance = provenance
    }

    public func product(_ id: String) -> Product? { products.first { $0.id == id } }
}

/// A product of a sector and its equivalence factor (t equivalent product per t).
public struct Product {
    public var id: String
    public var name: String
    public var equivalence: Factor
    /// What the product's quantity is measured in: mass (t), or oil volume for a refinery's
    /// throughput (MBBLS).
    public var dimension: Dimension = .mass
    /// A plant-specific factor every line of this product must state and that multiplies its
    /// equivalent output, e.g. `nrgf` for refineries (tCO2e per MBBLS per NRGF).
    public var normaliser: String?

    public init(id: String, name: String, equivalence: Factor) {
        self.id = id
        self.name = name
        self.equivalence = equivalence
    }
}

/// The baseline an entity's targets are set against.
public struct Baseline: Sendable {
    public var year: ComplianceYear
    /// Equivalent product output in the baseline year, t (nil where not published).
    public var output: Double?
    /// Baseline GEI, tCO2e/t equivalent product.
    public var gei: Double

    public init(year: ComplianceYear, output: Double?, gei: Double) {
        self.year = year
        self.output = output
        self.gei = gei
    }
}

/// A notified entity's GEI targets, as the rules publish them.
public struct EntityTarget {
    public var registration: String
    public var name: String
    public var sector: String
    public var state: String?
    public var baseline: Baseline?
    public var gei: [(year: ComplianceYear, factor: Factor)]

    public init(
        registration: String, name: String, sector: String, state: String?, baseline: Baseline?,
        gei: [(year: ComplianceYear, factor: Factor)]
    ) {
        self.registration = registration
        self.name = name
        self.sector = sector
        self.state = state
        self.baseline = baseline
        self.gei = gei.sorted { $0.year < $1.year }
    }

    public func target(for year: ComplianceYear) -> Factor? { gei.first { $0.year == year }?.factor }
}

/// A documented assumption where the scheme's documents are silent.
public struct Assumption: Sendable {
    /// The rule it concerns, e.g. `compliance.banking`.
    public var rule: String
    public var statement: String
    public var reasoning: String
    public var file: String

    public init(rule: String, statement: String, reasoning: String, file: String) {
        self.rule = rule
        self.statement = statement
        self.reasoning = reasoning
        self.file = file
    }
}
