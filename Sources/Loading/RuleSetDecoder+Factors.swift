import CCTS
import LuaSandbox

/// Fuels, materials, refrigerants, grids, heat and GWP sets.
extension RuleSetDecoder {
    mutating func fuel(_ id: String, _ r: TableReader) throws -> Fuel {
        let context = try self.context(r, rule: "fuels.\(id)")
        let ncv = try nonNegative(factor(r, "ncv", canonical: "GJ/t", parent: context)!, r, "ncv")
        let co2 = try nonNegative(factor(r, "co2", canonical: "t/TJ", parent: context)!, r, "co2")
        let ch4 = try factor(r, "ch4", canonical: "kg/TJ", parent: context)!
        let n2o = try factor(r, "n2o", canonical: "kg/TJ", parent: context)!
        var density: Factor?
        if let table = r.value("density").table, let unit = table.sequence.dropFirst().first?.string, unit == "kg/Sm3" {
            density = try factor(r, "density", canonical: "kg/Sm3", parent: context, required: false)
        } else {
            density = try factor(r, "density", canonical: "t/kL", parent: context, required: false)
        }
        return Fuel(
            id: id, name: try r.optionalString("name") ?? id, ncv: ncv, co2: co2, ch4: ch4, n2o: n2o,
            density: density, biogenic: try r.boolean("biogenic", default: false), provenance: provenance(context))
    }

    mutating func material(_ id: String, _ r: TableReader) throws -> ProcessMaterial {
        let context = try self.context(r, rule: "materials.\(id)")
        let ef = try nonNegative(factor(r, "ef", canonical: "tCO2/t", parent: context)!, r, "ef")
        return ProcessMaterial(
            id: id, name: try r.optionalString("name") ?? id, ef: ef, output: try r.boolean("output", default: false))
    }

    /// A gas with a GWP per set, or a blend (`blend = { ["R-32"] = 0.5, … }`) whose GWPs are
    /// computed from its components in ``resolveBlends(_:sets:)``.
    mutating func refrigerant(_ id: String, _ r: TableReader) throws -> Refrigerant {
        let context = try self.context(r, rule: "refrigerants.\(id)")
        var gwp: [String: Double] = [:]
        if let blend = try r.optionalTable("blend") {
            var parts: [(component: String, fraction: Double, path: String)] = []
            for (component, value, path) in try blend.entries() {
                guard case .number(let x) = value, x > 0, x <= 1 else {
                    throw InputError(
                        file: r.file, path: path,
                        message: "expected a mass fraction in (0, 1], got \(TableReader.describe(value))")
                }
                parts.append((component, x, path))
            }
            let sum = parts.reduce(0) { $0 + $1.fraction }
            guard abs(sum - 1) < 1e-9 else {
                throw blend.error("", "mass fractions add up to \(sum.shown); a blend's must add up to 1")
            }
            blends[id] = (parts, r.file)
        } else {
            for (set, value, path) in try r.table("gwp").entries() {
                guard case .number(let x) = value, x >= 0, x <= 1e6 else {
                    throw InputError(
                        file: r.file, path: path, message: "expected a GWP ≥ 0, got \(TableReader.describe(value))")
                }
                gwp[set] = x
            }
        }
        var gas = Refrigerant(
            id: id, name: try r.optionalString("name") ?? id, gwp: gwp, provenance: provenance(context))
        let group = try r.optionalString("group") ?? "HFC"
        guard ["HFC", "PFC", "SF6"].contains(group) else {
            throw r.error("group", "is '\(group)'; expected HFC, PFC or SF6")
        }
        gas.group = group
        return gas
    }

    /// Blends get `Σ fraction × GWP(component)` in every set; then every gas must have a GWP in
    /// every set offered, so that switching the set in force never fails on a refrigerant.
    func resolveBlends(_ refrigerants: [Refrigerant], sets: [String]) throws -> [Refrigerant] {
        var resolved = refrigerants
        for index in resolved.indices {
            guard let (parts, file) = blends[resolved[index].id] else { continue }
            for set in sets {
                var total = 0.0
                for part in parts {
                    guard blends[part.component] == nil,
                        let component = refrigerants.first(where: { $0.id == part.component })
                    else {
                        throw InputError(
                            file: file, path: part.path,
                            message: "unknown refrigerant '\(part.component)' (or a blend) as a component",
                            suggestion: NameSuggestion.hint(
                                for: part.component, in: refrigerants.map(\.id), noun: "refrigerants"))
                    }
                    guard let value = component.gwp[set] else { continue }
                    total += part.fraction * value
                }
                resolved[index].gwp[set] = total
            }
        }
        for gas in resolved {
            for set in sets where gas.gwp[set] == nil {
                throw InputError(
                    file: gas.provenance.file, path: "refrigerants[\"\(gas.id)\"].gwp",
                    message:
                        "has no GWP under \(set); every gas needs one in every set offered "
                        + "(\(sets.joined(separator: ", ")))"
                )
            }
        }
        return resolved
    }

    mutating func grid(_ id: String, _ r: TableReader) throws -> GridSeries {
        let context = try self.context(r, rule: "grids.\(id)")
        let table = try r.table("factors")
        var factors: [(year: ComplianceYear, factor: Factor)] = []
        for (year, key, _, _) in try table.yearEntries() {
            var yearContext = context
            yearContext.rule = "grids.\(id).factors"
            if !(table.table[key].table?.fieldNames.contains("valid") ?? false) {
                yearContext.valid = ValidityPeriod(from: year.firstDay, to: year.lastDay)
            }
            let factor = try factor(table, key, canonical: "tCO2/MWh", parent: yearContext)!
            factors.append((year, try nonNegative(factor, table, key)))
        }
        return GridSeries(id: id, name: try r.optionalString("name") ?? id, factors: factors)
    }

    mutating func heatSource(_ id: String, _ r: TableReader) throws -> HeatSource {
        let context = try self.context(r, rule: "heat.\(id)")
        let factor = try nonNegative(factor(r, "factor", canonical: "tCO2/GJ", parent: context)!, r, "factor")
        return HeatSource(id: id, name: try r.optionalString("name") ?? id, factor: factor)
    }

    mutating func anodeEffect(_ id: String, _ r: TableReader) throws -> AnodeEffects {
        let context = try self.context(r, rule: "anode_effects.\(id)")
        return AnodeEffects(
            id: id, name: try r.optionalString("name") ?? id,
            cf4: try nonNegative(factor(r, "CF4", canonical: "kg/t", parent: context)!, r, "CF4"),
            c2f6: try nonNegative(factor(r, "C2F6", canonical: "kg/t", parent: context)!, r, "C2F6"))
    }

    mutating func gwpSet(_ name: String, _ r: TableReader) throws -> GWPSet {
        let context = try self.context(r, rule: "gwp.\(name)")
        return GWPSet(name: name, ch4: try r.number("CH4"), n2o: try r.number("N2O"), provenance: provenance(context))
    }

    mutating func gwpInForce(_ rules: TableReader, known: [String]) throws -> (set: String, provenance: Provenance) {
        let r = try rules.table("gwp_in_force")
        let context = try self.context(r, rule: "gwp_in_force")
        let set = try r.string("set")
        guard known.contains(set) else {
            throw r.error(
                "set", "'\(set)' is not a GWP set of the rules",
                suggestion: NameSuggestion.hint(for: set, in: known, noun: "sets"))
        }
        try r.finish()
        return (set, provenance(context))
    }
}
