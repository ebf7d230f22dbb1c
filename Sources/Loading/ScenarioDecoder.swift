import CCTS
import LuaSandbox

/// Turns what a scenario file returned into a typed ``Scenario``, checked against the rules.
///
/// Everything a run could trip on later is checked here, before any year is
/// computed: names (with suggestions), units, signs, years, targets.
struct ScenarioDecoder {
    let rules: RuleSet
    let file: String

    func decode(_ value: LuaValue) throws -> Scenario {
        guard case .table(let table) = value, table["__kind"].string == "scenario" else {
            throw InputError(file: file, path: "", message: "does not return a scenario (got \(TableReader.describe(value)))",
                             suggestion: "end the file with: return scenario { … }")
        }
        let r = TableReader(table, path: "", file: file)
        let entity = try self.entity(try r.table("entity"))
        let opening = try r.optionalNumber("opening_balance") ?? 0
        guard opening >= 0 else { throw r.error("opening_balance", "is \(opening.shown); expected banked CCCs ≥ 0") }
        let yearsTable = try r.table("years")
        var years: [YearInputs] = []
        for (key, value, path) in try yearsTable.entries() {
            guard let year = ComplianceYear(key) else {
                throw InputError(file: file, path: path, message: "'\(key)' is not a compliance year; expected the form \"2025-26\"")
            }
            let y = try TableReader(value, path: path, file: file)
            years.append(try self.year(year, y, sector: entity.sector))
            try y.finish()
        }
        guard !years.isEmpty else { throw r.error("years", "is empty; expected at least one compliance year such as [\"2025-26\"] = { … }") }
        let prices = try market(r, years: years.map(\.year))
        let scenario = Scenario(name: try r.optionalString("name") ?? file, entity: entity, openingBalance: opening,
                                years: years, prices: prices, file: file)
        _ = try r.optionalString("description")
        try r.finish()
        for year in scenario.years where Targets.target(for: entity, in: year.year, rules: rules) == nil {
            throw InputError(file: file, path: "entity.targets[\"\(year.year)\"]",
                             message: "no GEI target for \(year.year): the rules hold none for registration '\(entity.registration)' and the scenario states none",
                             suggestion: "add entity.targets = { [\"\(year.year)\"] = … }, or use a registration the rules list (ccts factors targets)")
        }
        return scenario
    }

    // MARK: Entity and market

    private func entity(_ r: TableReader) throws -> Entity {
        let sectorID = try r.string("sector")
        guard let sector = rules.sector(sectorID) else {
            throw r.error("sector", "unknown sector '\(sectorID)'", suggestion: NameSuggestion.hint(for: sectorID, in: rules.sectors.map(\.id), noun: "sectors"))
        }
        let subsector = try r.optionalString("subsector")
        if let subsector, !sector.subsectors.contains(subsector) {
            throw r.error("subsector", "'\(subsector)' is not a sub-sector of \(sectorID)",
                          suggestion: NameSuggestion.hint(for: subsector, in: sector.subsectors, noun: "sub-sectors"))
        }
        var baseline: Baseline?
        if let b = try r.optionalTable("baseline") {
            baseline = Baseline(year: try b.compliance("year"), output: try b.optionalNumber("output"), gei: try b.number("gei"))
            try b.finish()
        }
        var targets: [(year: ComplianceYear, gei: Double)] = []
        if let t = try r.optionalTable("targets") {
            for (key, value, path) in try t.entries() {
                guard let year = ComplianceYear(key) else {
                    throw InputError(file: file, path: path, message: "'\(key)' is not a compliance year; expected the form \"2025-26\"")
                }
                guard case .number(let gei) = value, gei.isFinite, gei > 0 else {
                    throw InputError(file: file, path: path, message: "expected a GEI target > 0 (tCO2e/t), got \(TableReader.describe(value))")
                }
                targets.append((year, gei))
            }
        }
        let registration = try r.string("registration")
        let entity = Entity(registration: registration, name: try r.optionalString("name") ?? registration, sector: sectorID,
                            subsector: subsector, state: try r.optionalString("state"), baseline: baseline, ownTargets: targets)
        try r.finish()
        return entity
    }

    private func market(_ r: TableReader, years: [ComplianceYear]) throws -> [(year: ComplianceYear, price: Distribution)] {
        guard let m = try r.optionalTable("market") else { return [] }
        defer { _ = try? m.finish() }
        let value = m.value("price")
        if value.isNil { try m.finish(); return [] }
        // One price (or distribution) for every year, or a map by year.
        if case .table(let t) = value, t["__distribution"].isNil {
            let map = TableReader(t, path: m.fieldPath("price"), file: file)
            return try map.entries().map { key, v, path in
                guard let year = ComplianceYear(key) else {
                    throw InputError(file: file, path: path, message: "'\(key)' is not a compliance year; expected the form \"2025-26\"")
                }
                return (year, try DistributionDecoder.decode(v, path: path, file: file))
            }
        }
        let price = try DistributionDecoder.decode(value, path: m.fieldPath("price"), file: file)
        try m.finish()
        return years.map { ($0, price) }
    }
}
