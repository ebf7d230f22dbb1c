import CCTS
import LuaSandbox

/// Sectors, products and entity targets.
extension RuleSetDecoder {
    mutating func sector(_ id: String, _ r: TableReader) throws -> Sector {
        let context = try self.context(r, rule: "sectors.\(id)")
        let productTable = try r.table("products")
        var products: [Product] = []
        for (key, value, path) in try productTable.entries() {
            let p = try TableReader(value, path: path, file: r.file)
            var productContext = context
            productContext.rule = "sectors.\(id).products.\(key)"
            let equivalence = try factor(p, "equivalence", canonical: "t/t", parent: productContext)!
            guard equivalence.value > 0 else {
                throw p.error("equivalence", "is \(equivalence.value); expected a factor > 0")
            }
            var product = Product(id: key, name: try p.optionalString("name") ?? key, equivalence: equivalence)
            if let symbol = try p.optionalString("unit") {
                guard let unit = MeasurementUnit.named(symbol), unit.dimension == .mass || unit.dimension == .oilVolume
                else {
                    throw p.error(
                        "unit", "'\(symbol)' is not a product unit; expected a mass (t) or an oil volume (MBBLS)")
                }
                product.dimension = unit.dimension
            }
            product.normaliser = try p.optionalString("normaliser")
            products.append(product)
            try p.finish()
        }
        let schedule = try r.optionalString("schedule")
        _ = try r.optionalNumber("entities")
        var sector = Sector(
            id: id, name: try r.optionalString("name") ?? id, metric: try r.optionalString("metric") ?? "tCO2e/t",
            notified: try r.boolean("notified", default: false), subsectors: try r.strings("subsectors"),
            baselineYear: try r.optionalComplianceYear("baseline_year"), products: products,
            provenance: provenance(context))
        if r.has("gases") { sector.gases = try gases(r, "gases") }
        sector.schedule = schedule
        if let bySubsector = try r.optionalTable("subsector_schedules") {
            for (subsector, value, path) in try bySubsector.entries() {
                guard case .string(let name) = value else {
                    throw InputError(file: r.file, path: path, message: "expected a schedule name such as \"Second\"")
                }
                guard sector.subsectors.contains(subsector) else {
                    throw bySubsector.error(
                        subsector, "is not a sub-sector of \(id)",
                        suggestion: NameSuggestion.hint(for: subsector, in: sector.subsectors, noun: "sub-sectors"))
                }
                sector.subsectorSchedules[subsector] = name
            }
        }
        return sector
    }

    mutating func targets(_ rules: TableReader, sectors: [String]) throws -> [EntityTarget] {
        guard let bySector = try rules.optionalTable("targets") else { return [] }
        var targets: [EntityTarget] = []
        for (sectorID, value, path) in try bySector.entries() {
            // A sector's group has no file of its own: its entries name theirs.
            let groupFile =
                value.table?.fields.lazy.compactMap { $0.value.table?["__file"].string }.first ?? fileOf(value)
            guard sectors.contains(sectorID) else {
                throw InputError(
                    file: groupFile, path: path, message: "targets for unknown sector '\(sectorID)'",
                    suggestion: NameSuggestion.hint(for: sectorID, in: sectors, noun: "sectors"))
            }
            let group = try TableReader(value, path: path, file: groupFile)
            for (registration, entry, entryPath) in try group.entries() {
                let r = try TableReader(entry, path: entryPath, file: fileOf(entry))
                targets.append(try target(registration, sector: sectorID, r))
                try r.finish()
            }
        }
        return targets
    }

    private mutating func target(_ registration: String, sector: String, _ r: TableReader) throws -> EntityTarget {
        let rule = RuleChange.join(RuleChange.join("targets", sector), registration)
        let context = try self.context(r, rule: rule)
        _ = try r.string("sector")
        var baseline: Baseline?
        if let b = try r.optionalTable("baseline") {
            baseline = Baseline(
                year: try b.compliance("year"), output: try b.optionalNumber("output"), gei: try b.intensity("gei"))
            try b.finish()
        }
        let table = try r.table("gei")
        var gei: [(year: ComplianceYear, factor: Factor)] = []
        for (year, key, _, _) in try table.yearEntries() {
            var yearContext = context
            yearContext.rule = rule + ".gei"
            let factor = try factor(table, key, canonical: "tCO2e/t", parent: yearContext)!
            try TableReader.checkIntensity(factor.value) { throw table.error(key, $0) }
            gei.append((year, factor))
        }
        if let baseline {
            try TableReader.checkBaseline(baseline.gei, against: gei.map { ($0.year, $0.factor.value) }) {
                throw InputError(file: r.file, path: r.fieldPath("baseline") + ".gei", message: $0, suggestion: $1)
            }
        }
        return EntityTarget(
            registration: registration, name: try r.optionalString("name") ?? registration, sector: sector,
            state: try r.optionalString("state"), baseline: baseline, gei: gei)
    }
}
