import CCTS
import LuaSandbox

extension Loader {
    /// Loads a measures file
    /// (`return measures { discount_rate = …, horizon = …, { name = …, type = …, … }, … }`) against the
    /// rules' fuels.
    public func loadMeasures(_ file: SourceFile, rules: RuleSet) throws -> PathwayPlan {
        let lua = try RuleSetLoader.makeState(budget: budget)
        try lua.callInternal("set_current_file", [.string(file.name)])
        let value = try lua.run(file.text, chunk: file.name).first ?? .nil
        guard case .table(let table) = value, table["__kind"].string == "measures" else {
            throw InputError(
                file: file.name, path: "", message: "does not return measures (got \(TableReader.describe(value)))",
                suggestion:
                    "end the file with: return measures { discount_rate = 0.1, { name = …, type = …, "
                    + "start = …, capex = …, opex = …, lifetime = … } }"
            )
        }
        return try measures(TableReader(table, path: "", file: file.name), rules: rules)
    }

    /// The measures of a table in the measures format (a measures file, or a portfolio entity's `measures`).
    func measures(_ r: TableReader, rules: RuleSet) throws -> PathwayPlan {
        let table = r.table
        let rate = try r.optionalNumber("discount_rate") ?? 0.10
        guard (0..<1).contains(rate) else {
            throw r.error(
                "discount_rate", "is \(rate.shown); expected a rate in 0…1 such as 0.1",
                suggestion: FractionHint.forValue(rate))
        }
        let reduction = try r.optionalNumber("target_reduction") ?? 0.02
        guard (0..<1).contains(reduction) else {
            throw r.error(
                "target_reduction", "is \(reduction.shown); expected a yearly fraction such as 0.02",
                suggestion: FractionHint.forValue(reduction))
        }
        let horizon = try r.optionalComplianceYear("horizon")
        var trajectory: [(year: ComplianceYear, gei: Double)] = []
        if let t = try r.optionalTable("targets") {
            for (year, key, _, _) in try t.yearEntries() { trajectory.append((year, try t.intensity(key))) }
        }
        let measures = try table.sequence.enumerated().map { index, element in
            try measure(TableReader(element, path: "\(r.path)[\(index + 1)]", file: r.file), rules: rules)
        }
        guard !measures.isEmpty else {
            throw r.error("", "lists no measures; add { name = …, type = …, … } entries")
        }
        try checkChoiceRules(measures, r)
        let growth = try productionGrowth(r)
        try r.finish()
        var plan = PathwayPlan(
            measures: measures, discountRate: rate, horizon: horizon, annualTargetReduction: reduction,
            trajectory: trajectory.sorted { $0.year < $1.year })
        (plan.productionGrowth, plan.productionGrowthByYear) = growth
        return plan
    }

    /// `growth`: production growth a year after the scenario's last year — one rate (0.03), or a
    /// rate per year (`{ ["2027-28"] = 0.05, ["2028-29"] = 0.03 }`, 0 for a year not listed).
    private func productionGrowth(_ r: TableReader) throws -> (Double, [(year: ComplianceYear, rate: Double)]) {
        func checked(_ x: Double, _ field: String, _ reader: TableReader) throws -> Double {
            guard (-0.5...1).contains(x) else {
                throw reader.error(
                    field, "is \(x.shown); expected a yearly growth rate from -0.5 to 1 such as 0.03",
                    suggestion: FractionHint.forValue(x))
            }
            return x
        }
        if case .table = r.table["growth"] {
            let t = try r.table("growth")
            let rates = try t.yearEntries().map { year, key, _, _ in (year, try checked(try t.number(key), key, t)) }
            return (0, rates.sorted { $0.0 < $1.0 })
        }
        return (try r.optionalNumber("growth").map { try checked($0, "growth", r) } ?? 0, [])
    }

    // Long: one measure field by field, every kind's fields checked with their paths in the order of the measures
    // format.
    private func measure(_ m: TableReader, rules: RuleSet) throws -> Measure {
        let kinds = [
            "fuel_switch", "efficiency", "renewable_power", "waste_heat", "ccus", "clinker_substitution",
            "alternative_raw_materials", "electrification",
        ]
        let kind = try m.string("type")
        func fuel(_ name: String) throws -> String {
            let id = try m.string(name)
            guard rules.fuel(id) != nil else {
                throw m.error(
                    name, "unknown fuel '\(id)'",
                    suggestion: NameSuggestion.hint(for: id, in: rules.fuels.map(\.id), noun: "fuels"))
            }
            return id
        }
        func fraction(_ name: String, default fallback: Double? = nil) throws -> Double {
            guard let x = try m.optionalNumber(name) ?? fallback else {
                throw m.error(name, "is missing; expected a fraction in 0…1")
            }
            guard (0...1).contains(x) else {
                throw m.error(name, "is \(x.shown); expected a fraction in 0…1", suggestion: FractionHint.forValue(x))
            }
            return x
        }
        /// A quantity or an amount of money: 0 … 1e15 (``InputDomain/largest``).
        func positive(_ name: String, default fallback: Double? = nil) throws -> Double {
            guard let x = try m.optionalNumber(name) ?? fallback else {
                throw m.error(name, "is missing; expected a number ≥ 0")
            }
            guard x >= 0, x <= InputDomain.largest else {
                throw m.error(name, "is \(x.shown); expected a number from 0 to 1e15")
            }
            return x
        }
        let effect: Measure.Effect
        switch kind {
        case "fuel_switch":
            effect = .fuelSwitch(from: try fuel("from"), to: try fuel("to"), share: try fraction("share"))
        case "efficiency":
            effect = .efficiency(
                fuels: try fraction("fuels", default: 0), electricity: try fraction("electricity", default: 0))
        case "renewable_power": effect = .renewablePower(mwh: try positive("mwh"))
        case "waste_heat": effect = .wasteHeat(mwh: try positive("mwh"))
        case "ccus": effect = .ccus(tonnes: try positive("tonnes"))
        case "clinker_substitution":
            let kiln = try m.strings("kiln_fuels")
            for (index, id) in kiln.enumerated() where rules.fuel(id) == nil {
                throw InputError(
                    file: m.file, path: m.fieldPath("kiln_fuels") + "[\(index + 1)]", message: "unknown fuel '\(id)'",
                    suggestion: NameSuggestion.hint(for: id, in: rules.fuels.map(\.id), noun: "fuels"))
            }
            effect = .clinkerSubstitution(share: try fraction("share"), kilnFuels: kiln)
        case "alternative_raw_materials": effect = .alternativeRawMaterials(share: try fraction("share"))
        case "electrification":
            let efficiency = try m.optionalNumber("efficiency") ?? 1
            guard efficiency >= 0.1, efficiency <= 10 else {
                throw m.error(
                    "efficiency",
                    "is \(efficiency.shown); expected heat per unit of electricity relative to fuel, from 0.1 to 10 (a "
                        + "heat pump may exceed 1)"
                )
            }
            let source = try m.optionalString("electricity") ?? "grid"
            guard source == "grid" || source == "renewable" else {
                throw m.error("electricity", "is '\(source)'; expected \"grid\" or \"renewable\"")
            }
            effect = .electrification(
                share: try fraction("share"), efficiency: efficiency, renewable: source == "renewable")
        default:
            throw m.error(
                "type", "unknown measure type '\(kind)'",
                suggestion: NameSuggestion.hint(for: kind, in: kinds, noun: "types"))
        }
        let lifetime = try m.optionalNumber("lifetime") ?? 20
        guard lifetime >= 1, lifetime <= 100, lifetime.rounded() == lifetime else {
            throw m.error("lifetime", "is \(lifetime.shown); expected whole years from 1 to 100")
        }
        let result = Measure(
            name: try m.string("name"), effect: effect, start: try m.compliance("start"),
            capex: try positive("capex", default: 0), opex: try positive("opex", default: 0), lifetime: Int(lifetime))
        var named = result
        named.excludes = try names("excludes", m)
        named.requires = try names("requires", m)
        _ = try m.optionalString("note")
        try m.finish()
        return named
    }

    /// A measure's `excludes` or `requires`: one name, or a list of names.
    private func names(_ field: String, _ m: TableReader) throws -> [String] {
        if case .string = m.table[field] { return [try m.optionalString(field)!] }
        return try m.strings(field)
    }

    /// Names unique; every `excludes` and `requires` names another measure of the file; nothing
    /// both required and excluded.
    private func checkChoiceRules(_ measures: [Measure], _ r: TableReader) throws {
        let all = measures.map(\.name)
        for (index, m) in measures.enumerated() {
            let path = "\(r.path)[\(index + 1)]"
            if let first = all.firstIndex(of: m.name), first != index {
                throw InputError(
                    file: r.file, path: path + ".name",
                    message:
                        "'\(m.name)' is also the name of measure \(first + 1); expected names that tell measures apart")
            }
            for (field, list) in [("excludes", m.excludes), ("requires", m.requires)] {
                for (k, name) in list.enumerated() {
                    guard all.contains(name), name != m.name else {
                        throw InputError(
                            file: r.file, path: path + ".\(field)[\(k + 1)]",
                            message: name == m.name
                                ? "names the measure itself" : "names no measure of this file ('\(name)')",
                            suggestion: NameSuggestion.hint(for: name, in: all, noun: "measures"))
                    }
                }
            }
            if let both = m.requires.first(where: { m.excludes.contains($0) }) {
                throw InputError(
                    file: r.file, path: path + ".requires",
                    message: "'\(both)' is both required and excluded; expected one or the other")
            }
        }
    }
}
