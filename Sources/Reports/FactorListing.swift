import CCTS

/// One row of `ccts factors`: a rule value with its unit, range, status, source and validity.
public struct FactorRow: Encodable, Sendable {
    public var rule: String
    public var name: String
    public var value: Double
    public var unit: String
    public var low: Double?
    public var high: Double?
    public var status: String
    public var source: String
    public var valid: String
    public var file: String
}

/// Flattens the rule set into rows, for listing and searching.
public enum FactorListing {
    public static func rows(_ rules: RuleSet) -> [FactorRow] {
        var rows: [FactorRow] = []
        func add(_ factor: Factor, _ name: String, rule: String? = nil) {
            let p = factor.provenance
            rows.append(
                FactorRow(
                    rule: rule ?? p.rule, name: name, value: factor.value, unit: factor.unit,
                    low: factor.range?.lowerBound, high: factor.range?.upperBound, status: p.status.rawValue,
                    source: p.source, valid: p.valid.description, file: p.file))
        }
        for fuel in rules.fuels {
            for factor in [fuel.ncv, fuel.co2, fuel.ch4, fuel.n2o] + (fuel.density.map { [$0] } ?? []) {
                add(factor, fuel.name)
            }
        }
        for material in rules.materials { add(material.ef, material.name) }
        for refrigerant in rules.refrigerants {
            for (set, gwp) in refrigerant.gwp.sorted(by: { $0.key < $1.key }) {
                add(
                    Factor(value: gwp, unit: "GWP \(set)", provenance: refrigerant.provenance), refrigerant.name,
                    rule: "refrigerants.\(refrigerant.id).gwp.\(set)")
            }
        }
        for grid in rules.grids {
            for (year, factor) in grid.factors { add(factor, "\(grid.name) \(year)") }
        }
        for heat in rules.heat { add(heat.factor, heat.name) }
        for set in rules.gwpSets {
            add(
                Factor(value: set.ch4, unit: "GWP", provenance: set.provenance), "CH4 (\(set.name))",
                rule: "gwp.\(set.name).CH4")
            add(
                Factor(value: set.n2o, unit: "GWP", provenance: set.provenance), "N2O (\(set.name))",
                rule: "gwp.\(set.name).N2O")
        }
        for sector in rules.sectors {
            for product in sector.products { add(product.equivalence, "\(sector.name): \(product.name)") }
        }
        for target in rules.targets {
            for (year, factor) in target.gei { add(factor, "\(target.name) \(year)") }
        }
        if let m = rules.verification.materiality.constant {
            add(
                Factor(value: m, unit: "fraction", provenance: rules.verification.provenance), "Materiality threshold",
                rule: "verification.materiality")
        }
        if let k = rules.compliance.compensationMultiple.constant {
            add(
                Factor(value: k, unit: "× price", provenance: rules.compliance.compensationProvenance),
                "Environmental compensation multiple")
        }
        for (year, factor) in rules.compliance.prices {
            add(factor, "Average CCC price \(year)", rule: "compliance.price[\"\(year)\"]")
        }
        return rows
    }

    /// Rows whose rule, name, unit, status or source contains `text` (case-insensitive).
    public static func search(_ rows: [FactorRow], _ text: String) -> [FactorRow] {
        let needle = text.lowercased()
        return rows.filter { row in
            [row.rule, row.name, row.unit, row.status, row.source].contains { $0.lowercased().contains(needle) }
        }
    }

    public static func render(_ rows: [FactorRow]) -> String {
        var table = TextTable(
            header: ["rule", "value", "unit", "range", "status", "valid", "source"], rightAligned: [1])
        for row in rows {
            let range = row.low.map { "\(NumberFormat.plain($0))–\(NumberFormat.plain(row.high ?? $0))" } ?? ""
            let source = row.source.count > 70 ? String(row.source.prefix(69)) + "…" : row.source
            table.add([row.rule, NumberFormat.plain(row.value), row.unit, range, row.status, row.valid, source])
        }
        return table.render()
    }
}
