import CCTS

/// What explaining an evaluation needs and the worlds do not: each term's name, where it was
/// written, and where each value it uses comes from (a rule with its source, or the scenario).
///
/// Filled by ``PlanCompiler`` alongside the terms, index for index.
struct PlanLabels {
    struct Fuel {
        var fuel: String
        var path: String
        var unit: String
        var ncvOrigin: String
        var co2Origin: String
        var ch4Origin: String
        var n2oOrigin: String
        var biomassOrigin: String
        /// For a volume: the density, its unit and origin.
        var density: (value: Double, unit: String, origin: String)?
        var isEnergy: Bool
    }

    struct Material {
        var name: String
        var path: String
        var origin: String
        /// The unit its quantity is shown in (products: t, or MBBLS for a refinery's throughput).
        var baseUnit = "t"
    }

    struct Offset {
        var project: String
        var type: String
        var vintage: ComplianceYear
        var path: String
        /// Why the rules do not count it (nil when they do, up to the cap).
        var ineligibility: String?
    }

    struct Trade {
        var isSale: Bool
        var path: String
        /// `on 2026-02-15`, or the default moment (`at the surrender`, `after the surrender`).
        var when: String
        var beforeSurrender: Bool
    }

    struct Year {
        /// The compliance period when shorter than the year, e.g. `2026-01-01 to 2026-03-31 (90 days)`.
        var period: String?
        var surrenderDate = ""
        var gridOrigin = ""
        var exportGridOrigin = ""
        var heatOrigin = ""
        var heatExportOrigin = ""
        var gwpOrigin = ""
        var targetOrigin = ""
        var priceOrigin = ""
        var materialityOrigin = ""
        var compensationOrigin = ""
        var complianceOrigin = ""
        var offsetShare: Double?
        /// Renewable electricity, MWh (zero GHG; shown in the trace).
        var renewable: Int32 = 0
        /// Rules read in this year (field paths in the rule set).
        var usedRules: Set<String> = []
        /// What compiling noticed in this year: gases the sector does not cover, a short compliance period.
        var warnings: [Warning] = []
        /// Rules used outside their validity period in this year.
        var staleRules: [String] = []
        /// Exported energy or captured CO2 the rules do not deduct (its input slot, carrier, unit).
        var notDeducted: [(slot: Int32, what: String, unit: String, why: String)] = []
    }

    var fuels: [Fuel] = []
    var process: [Material] = []
    var fugitive: [Material] = []
    var products: [Material] = []
    var offsets: [Offset] = []
    var trades: [Trade] = []
    var years: [Year] = []
    /// Every rule (by its field path in the rule set) the plan reads, for telling which
    /// changes of a reform or `--set` reach this run.
    var usedRules: Set<String> = [
        "gwp_in_force", "verification", "compliance.issue_rounding", "compliance.surrender_rounding",
        "compliance.gei_decimals", "compliance.banking", "compliance.offsets", "compliance.compensation",
        "compliance.captured_co2_deductible", "compliance.exports_deductible",
    ]
    /// Warnings of loading, shown with the first year.
    var scenarioWarnings: [Warning] = []
    var materialityFile = ""
    var compensationFile = ""
}
