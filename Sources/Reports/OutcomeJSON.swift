import CCTS
import Foundation

/// The machine-readable form of a deterministic run. Computed numbers sit under
/// `results`; everything that describes the inputs sits beside it.
public struct OutcomeJSON {
    public struct Inputs: Encodable {
        var scenario: String
        var scenarioFile: String
        var registration: String
        var sector: String
        var ruleFiles: [String]
        var reforms: [String]
        var changes: [Change]
        var gwp: String
    }

    public struct Change: Encodable {
        var path: String, old: String, new: String, by: String
        /// False when no entity and year of the run reads the changed value.
        var used: Bool
        public init(path: String, old: String, new: String, by: String, used: Bool) {
            self.path = path
            self.old = old
            self.new = new
            self.by = by
            self.used = used
        }
    }

    struct Results: Encodable {
        var baseline: BaselineJSON?
        var years: [Year]
        var cost: PeriodJSON
    }

    struct BaselineJSON: Encodable { var year: String, gei: Double, output: Double? }

    struct Year: Encodable {
        var year: String
        var emissions: Emissions
        var products: [ProductJSON]
        var equivalentProduction: Double
        var reportedGei: Double
        var verification: VerificationJSON
        var gei: Double
        var target: Double
        var targetSource: String
        var exactCredits: Double
        var issued: Double
        var surrenderRequired: Double
        var offsets: [OffsetJSON]
        var ledger: LedgerJSON
        var price: Double
        var priceOrigin: String
        var compensationMultiple: Double
        var compensation: Double
        var cost: Double
        var costBreakdown: CostJSON
        var compliant: Bool
    }

    /// Every rupee of a year's net cost (``CostBreakdown``): `cost = purchased + offsets + compensation + sold`.
    struct CostJSON: Encodable {
        var purchased: CostLine, offsets: CostLine, offsetsNotCounted: CostLine, sold: CostLine, compensation: CostLine
        /// CCCs carried to the next year at the year's price (a holding, not in `cost`).
        var carried: CostLine
        init(_ c: CostBreakdown) {
            purchased = CostLine(c.purchased)
            offsets = CostLine(c.offsets)
            offsetsNotCounted = CostLine(c.offsetsNotCounted)
            sold = CostLine(c.sold)
            compensation = CostLine(c.compensation)
            carried = CostLine(c.carried)
        }
    }

    struct CostLine: Encodable {
        var ccc: Double, inr: Double
        init(_ line: CostBreakdown.Line) { (ccc, inr) = (line.quantity, line.inr) }
    }

    /// The period: the years' net costs added, the bank carried out of the last year at its price, and the net of it.
    struct PeriodJSON: Encodable {
        var net: Double, bankCarried: CostLine, netOfBank: Double
    }

    struct Emissions: Encodable {
        var fuels: [FuelJSON]
        var process: [LineJSON]
        var fugitive: [LineJSON]
        var combustion: Double, processTotal: Double, fugitiveTotal: Double
        var electricity: Double, heat: Double, indirect: Double
        var exportedElectricity: Double, exportedHeat: Double, captured: Double, deductions: Double
        var direct: Double, total: Double
    }

    struct FuelJSON: Encodable {
        var fuel: String, energyTj: Double, co2: Double, ch4: Double, n2o: Double, total: Double
    }
    struct LineJSON: Encodable { var name: String, co2e: Double }
    struct ProductJSON: Encodable { var product: String, quantity: Double, equivalence: Double, equivalent: Double }
    struct VerificationJSON: Encodable {
        var reportedEmissions: Double, verifiedEmissions: Double, emissionsMisstatement: Double
        var reportedProduction: Double, verifiedProduction: Double, productionMisstatement: Double
        var threshold: Double, material: Bool, emissionsUsed: Double, productionUsed: Double
    }
    struct OffsetJSON: Encodable {
        var project: String, type: String, vintage: String, delivered: Double, counted: Double, ineligibility: String?
    }
    struct LedgerJSON: Encodable {
        var opening: Double, issued: Double, offsets: Double, purchased: Double, surrendered: Double, sold: Double
        var closing: Double, carried: Double, lapsed: Double, shortfall: Double
        var entries: [EntryJSON]
    }
    struct EntryJSON: Encodable { var kind: String, quantity: Double, reason: String }

    var inputs: Inputs
    var warnings: [Warning]
    var results: Results

    public init(outcome: ScenarioOutcome, rules: RuleSet, scenarioFile: String, changes: [Change]) {
        inputs = Inputs(
            scenario: outcome.scenario, scenarioFile: scenarioFile, registration: outcome.registration,
            sector: outcome.sector, ruleFiles: rules.files, reforms: rules.reforms, changes: changes,
            gwp: rules.gwpInForce)
        warnings = outcome.warnings.uniqued()
        results = Results(
            baseline: outcome.baseline.map { BaselineJSON(year: $0.year.description, gei: $0.gei, output: $0.output) },
            years: outcome.years.map(Self.year), cost: Self.period(outcome))
    }

    static func period(_ outcome: ScenarioOutcome) -> PeriodJSON {
        let period = PeriodCost(years: outcome.years.map(\.costBreakdown))
        return PeriodJSON(net: period.net, bankCarried: CostLine(period.bank), netOfBank: period.netOfBank)
    }

    static func year(_ y: YearOutcome) -> Year {
        let e = y.emissions
        let v = y.verification
        let l = y.ledger
        return Year(
            year: y.year.description,
            emissions: Emissions(
                fuels: e.fuels.map {
                    FuelJSON(
                        fuel: $0.fuel, energyTj: $0.energyTJ, co2: $0.co2, ch4: $0.ch4, n2o: $0.n2o, total: $0.total)
                },
                process: e.process.map { LineJSON(name: $0.material, co2e: $0.co2) },
                fugitive: e.fugitive.map { LineJSON(name: $0.refrigerant, co2e: $0.co2e) },
                combustion: e.combustion, processTotal: e.processTotal, fugitiveTotal: e.fugitiveTotal,
                electricity: e.electricity, heat: e.heat, indirect: e.indirect,
                exportedElectricity: e.exportedElectricity, exportedHeat: e.exportedHeat, captured: e.captured,
                deductions: e.deductions, direct: e.direct, total: e.total),
            products: y.products.map {
                ProductJSON(
                    product: $0.product, quantity: $0.quantity, equivalence: $0.equivalence, equivalent: $0.equivalent)
            },
            equivalentProduction: y.equivalentProduction, reportedGei: y.reportedGEI,
            verification: VerificationJSON(
                reportedEmissions: v.reportedEmissions, verifiedEmissions: v.verifiedEmissions,
                emissionsMisstatement: v.emissionsMisstatement,
                reportedProduction: v.reportedProduction, verifiedProduction: v.verifiedProduction,
                productionMisstatement: v.productionMisstatement,
                threshold: v.threshold, material: v.material, emissionsUsed: v.emissions, productionUsed: v.production),
            gei: y.compliance.gei, target: y.compliance.target, targetSource: y.compliance.targetOrigin,
            exactCredits: y.compliance.exactCredits, issued: y.compliance.issued,
            surrenderRequired: y.compliance.surrenderRequired,
            offsets: y.offsets.map {
                OffsetJSON(
                    project: $0.project, type: $0.type, vintage: $0.vintage.description, delivered: $0.delivered,
                    counted: $0.counted, ineligibility: $0.ineligibility.isEmpty ? nil : $0.ineligibility)
            },
            ledger: LedgerJSON(
                opening: l.opening, issued: l.issued, offsets: l.offsets, purchased: l.purchased,
                surrendered: l.surrendered,
                sold: l.sold, closing: l.closing, carried: l.carried, lapsed: l.lapsed, shortfall: l.shortfall,
                entries: l.entries.map { EntryJSON(kind: $0.kind.rawValue, quantity: $0.quantity, reason: $0.reason) }),
            price: y.price, priceOrigin: y.priceOrigin, compensationMultiple: y.compensationMultiple,
            compensation: y.compensation, cost: y.cost,
            costBreakdown: CostJSON(y.costBreakdown), compliant: y.compliant)
    }

    /// The whole document (``OutputDocument``): pretty, key-sorted, the same outcome always the same bytes.
    public func encoded() throws -> String {
        try OutputDocument(command: "run", inputs: inputs, results: results, warnings: warnings).encoded()
    }

    /// The `results` object alone: what a re-run must reproduce bit for bit.
    public func resultsJSON() throws -> String {
        try JSONText.encode(results)
    }
}

/// One JSON style for every command: sorted keys, pretty, no escaped slashes.
public enum JSONText {
    /// Pretty, sorted JSON. A number that is not finite cannot be written in JSON and must never
    /// reach a result; if one does, the error names the field in the document, in plain words.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // snake_case keys, as in CSV, XLSX and the store (Swift names avoid runs of capitals, so the
        // conversion is exact both ways)
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch EncodingError.invalidValue(let bad, let context) {
            let field = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw OutputError(
                message:
                    "the result \(field.isEmpty ? "" : "at \(field.drop { $0 == "." }) ")is \(bad), which is not a "
                    + "number; "
                    + "this is a defect of ccts, not of your input: please report it with the command that gave it")
        }
    }
}

extension JSONText {
    /// Reads a document this module wrote (snake_case keys back to Swift names).
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(text.utf8))
    }
}

/// A result that cannot be written out.
public struct OutputError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
