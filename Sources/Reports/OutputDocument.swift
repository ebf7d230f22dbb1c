import CCTS
import Foundation

/// The one top level of every `--json` document (schemas/ccts-output.schema.json):
///
/// ```json
/// { "schema": { "name": "ccts-output", "version": 2 }, "command": "run",
///   "inputs": { … }, "results": { … }, "warnings": [ { "code": …, "message": …, "location": … } ],
///   "units": { "cost": "INR", … }, "timing": { … } }
/// ```
///
/// `results` holds what the inputs determine (what `runs rerun` compares bit for bit); `timing`
/// what varies between identical runs. Keys are snake_case everywhere (as in CSV, XLSX and the
/// store); numbers are numbers, their units in `units` by field name.
public struct OutputDocument<Inputs: Encodable, Results: Encodable>: Encodable {
    public let schema = OutputSchema.tag
    public let command: String
    public let inputs: Inputs
    public let results: Results
    public let warnings: [OutputWarning]
    public let units: [String: String]
    public let timing: Timing?

    public struct Timing: Encodable {
        public var seconds: Double
        public var threads: Int?
        public var worldsPerSecond: Double?
        public init(seconds: Double, threads: Int? = nil, worldsPerSecond: Double? = nil) {
            self.seconds = seconds
            self.threads = threads
            self.worldsPerSecond = worldsPerSecond
        }
    }

    public init(command: String, inputs: Inputs, results: Results, warnings: [Warning], timing: Timing? = nil) {
        self.command = command
        self.inputs = inputs
        self.results = results
        self.warnings = warnings.map(OutputWarning.init)
        units = OutputSchema.units
        self.timing = timing
    }

    public func encoded() throws -> String { try JSONText.encode(self) }
}

/// A command with nothing to state as its inputs.
public struct NoInputs: Encodable { public init() {} }

/// The version of the output schema, and the units of the fields that carry one.
public enum OutputSchema {
    /// Bumped whenever the shape of any document changes (the tests pin the schema file to it).
    public static let version = 5
    public static let name = "ccts-output"
    public struct Tag: Encodable, Sendable { public let name: String, version: Int }
    public static let tag = Tag(name: name, version: version)

    /// Units by field name (snake_case), for every field that holds a quantity with a unit.
    public static let units: [String: String] = [
        "emissions": "tCO2e", "total": "tCO2e", "combustion": "tCO2e", "process_total": "tCO2e",
        "fugitive_total": "tCO2e",
        "electricity": "tCO2e", "heat": "tCO2e", "indirect": "tCO2e", "direct": "tCO2e", "deductions": "tCO2e",
        "captured": "tCO2e",
        "exported_electricity": "tCO2e", "exported_heat": "tCO2e", "co2": "tCO2", "ch4": "tCO2e", "n2o": "tCO2e",
        "co2e": "tCO2e",
        "energy_tj": "TJ", "reported_emissions": "tCO2e", "verified_emissions": "tCO2e", "emissions_used": "tCO2e",
        "equivalent_production": "unit of equivalent product", "reported_production": "unit of equivalent product",
        "verified_production": "unit of equivalent product", "production_used": "unit of equivalent product",
        "gei": "tCO2e per unit of equivalent product", "reported_gei": "tCO2e per unit of equivalent product",
        "target": "tCO2e per unit of equivalent product", "gei_baseline": "tCO2e per unit of equivalent product",
        "gei_least_cost": "tCO2e per unit of equivalent product",
        "exact_credits": "CCC", "issued": "CCC", "surrender_required": "CCC", "opening": "CCC", "offsets": "CCC",
        "purchased": "CCC",
        "surrendered": "CCC", "sold": "CCC", "closing": "CCC", "carried": "CCC", "lapsed": "CCC", "shortfall": "CCC",
        "credits": "CCC", "closing_balance": "CCC", "delivered": "CCC", "counted": "CCC",
        "quantity": "as the line's unit",
        "net_credits_base": "CCC", "net_credits_reform": "CCC", "mean_quantity": "CCC", "mean_quantities": "CCC",
        "price": "INR per CCC", "compensation": "INR", "cost": "INR", "total_cost": "INR", "compliance_cost": "INR",
        "measure_cost": "INR", "mean_cost": "INR", "mean_cost_standard_error": "INR", "cost_p5": "INR",
        "cost_p95": "INR",
        "cost_var": "INR", "cost_cvar": "INR", "value_at_risk": "INR", "conditional_value_at_risk": "INR",
        "baseline_npv": "INR", "pathway_npv": "INR", "present_cost": "INR", "annual_cost": "INR",
        "cost_per_tonne": "INR per tCO2e",
        "average_abatement": "tCO2e a year", "cumulative_abatement": "tCO2e a year", "abatement": "tCO2e",
        "clearing_price": "INR per CCC", "traded": "CCC", "base": "INR", "reform": "INR", "change": "INR",
        "threshold": "fraction", "emissions_misstatement": "fraction", "production_misstatement": "fraction",
        "discount_rate": "fraction a year", "probability": "probability",
        "probability_of_non_compliance": "probability",
        "probability_standard_error": "probability", "probability_of_non_compliance_any_year": "probability",
        "share_compliant": "fraction", "p_short": "probability", "spearman": "Spearman rank correlation",
        "seconds": "s", "worlds_per_second": "worlds per second", "compensation_multiple": "× price",
        "ccc": "CCC", "inr": "INR", "net": "INR", "net_of_bank": "INR", "forward_cost": "INR", "offset_cost": "INR",
        "exchange_cost": "INR", "sale_revenue": "INR", "surplus_value": "INR",
    ]
}

/// A warning as an object: its stable code (chosen where the warning was raised, ``WarningCode``),
/// the message a person reads, and where it applies (a compliance year, a rule path, a file) when the
/// message names one.
public struct OutputWarning: Encodable, Equatable {
    public let code: String
    public let message: String
    public let location: String?

    public init(_ warning: Warning) {
        code = warning.code.rawValue
        message = warning.message
        location = Self.location(of: warning.message)
    }

    /// `2025-26: …` → `2025-26`; `grids.national.factors["2024-25"] is valid …` → that path; else nil.
    static func location(of message: String) -> String? {
        if let colon = message.range(of: ": "), !message[..<colon.lowerBound].contains(" ") {
            return String(message[..<colon.lowerBound])
        }
        let first = message.prefix { $0 != " " }
        if first.contains(".") || first.contains("[") { return String(first) }
        // a compliance year that opens the sentence: `2025-26 is a short compliance period …`
        if first.count == 7, first.dropFirst(4).first == "-", first.filter(\.isNumber).count == 6 {
            return String(first)
        }
        return nil
    }
}
