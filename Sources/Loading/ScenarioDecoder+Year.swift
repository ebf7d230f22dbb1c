import CCTS
import LuaSandbox

/// One compliance year of a scenario: activity lines, verification, offsets and trades.
extension ScenarioDecoder {
    func year(_ year: ComplianceYear, _ r: TableReader, sector: String) throws -> YearInputs {
        var inputs = YearInputs(year: year)
        inputs.fuels = try lines(r, "fuels", fuelLine)
        let prefix = "years[\"\(year)\"]"
        inputs.fuels = keyed(inputs.fuels, "\(prefix).fuels", \.fuel, \.key)
        if let mix = try r.optionalTable("fuel_mix") {
            inputs.fuelMixes = [try fuelMix(mix, key: "\(prefix).fuel_mix")]
        }
        inputs.process = try lines(r, "process", processLine)
        inputs.process = keyed(inputs.process, "\(prefix).process", \.material, \.key)
        inputs.refrigerants = try lines(r, "refrigerants") { l in
            let id = try known(l, rules.refrigerants.map(\.id), noun: "refrigerants", what: "refrigerant")
            guard rules.refrigerant(id)?.gwp[rules.gwpInForce] != nil else {
                throw l.error("1", "refrigerant '\(id)' has no GWP under the set in force, \(rules.gwpInForce)")
            }
            return RefrigerantLine(refrigerant: id, quantity: try quantity(l), unit: try unit(l, .mass), path: l.path)
        }
        inputs.refrigerants = keyed(inputs.refrigerants, "\(prefix).refrigerants", \.refrigerant, \.key)
        if let a = try r.optionalTable("anode_effects") {
            inputs.refrigerants += try anodeEffects(a, key: "\(prefix).anode_effects")
        }
        if let e = try r.optionalTable("electricity") { inputs.electricity = try electricity(e) }
        if let h = try r.optionalTable("heat") { inputs.heat = try heat(h) }
        inputs.capturedCO2 = try amount(r, "captured_co2", dimension: .mass, in: "t")
        inputs.products = try lines(r, "products") { try productLine($0, sector: sector) }
        inputs.products = keyed(inputs.products, "\(prefix).products", \.product, \.key)
        guard !inputs.products.isEmpty else {
            // the example names a product of the entity's own sector (a steel plant is not shown cement's "opc")
            let example = rules.sector(sector)?.products.first.map(\.id) ?? "opc"
            throw r.error(
                "products",
                "is missing; GEI needs the year's products, e.g. products = { { \"\(example)\", 900000, \"t\" } }")
        }
        let production = inputs.products.reduce(0.0) {
            $0 + $1.unit.base($1.quantity.expectedValue) * ($1.equivalence ?? 1) * ($1.normaliser ?? 1)
        }
        guard production > 0 else {
            throw r.error(
                "products", "add up to zero production; GEI = emissions ÷ production needs a production above zero")
        }
        if let v = try r.optionalTable("verification") {
            for name in ["emissions", "production"] where v.has(name) {
                let finding = try DistributionDecoder.decode(
                    v.value(name), path: v.fieldPath(name), file: file, domain: .finding)
                if name == "emissions" {
                    inputs.verification.emissions = finding
                } else {
                    inputs.verification.production = finding
                }
            }
            try v.finish()
        }
        if let text = try r.optionalString("monitored") {
            guard let basis = MonitoringBasis(rawValue: text) else {
                throw r.error(
                    "monitored",
                    "'\(text)' is not what a year's quantities can cover; expected \"period\" (the compliance period) "
                        + "or \"full_year\" (taken pro rata)",
                    suggestion: NameSuggestion.hint(
                        for: text, in: MonitoringBasis.allCases.map(\.rawValue), noun: "choices"))
            }
            inputs.monitored = basis
        }
        inputs.offsets = keyed(try offsets(r), "\(prefix).offsets", \.project, \.key)
        if let t = try r.optionalTable("trades") {
            inputs.purchases = try trades(t, "buy")
            inputs.sales = try trades(t, "sell")
            try t.finish()
        }
        return inputs
    }

    /// A fuel line: a known fuel, its quantity and unit, and any Type II values within their bounds.
    func fuelLine(_ l: TableReader) throws -> FuelLine {
        let fuel = try known(l, rules.fuels.map(\.id), noun: "fuels", what: "fuel")
        let unit = try fuelUnit(l, fuel: rules.fuel(fuel)!)
        let ncv = try l.optionalNumber("ncv"), co2 = try l.optionalNumber("co2")
        let biomass = try l.optionalNumber("biomass_fraction")
        let density = try l.optionalNumber("density"), ch4 = try l.optionalNumber("ch4"),
            n2o = try l.optionalNumber("n2o")
        if let density, !(density > 0 && density <= 10_000) {
            throw l.error(
                "density",
                "is \(density.shown); expected a Type II density > 0 (t/kL for liquids, kg/Sm3 for gases)")
        }
        for (name, value) in [("ch4", ch4), ("n2o", n2o)] {
            if let value, !(value >= 0 && value <= 1e5) {
                throw l.error(name, "is \(value.shown); expected a Type II factor ≥ 0 (kg/TJ)")
            }
        }
        if let ncv, ncv <= 0 { throw l.error("ncv", "is \(ncv.shown); a Type II NCV must be > 0 (GJ/t)") }
        if let co2, co2 < 0 { throw l.error("co2", "is \(co2.shown); a Type II CO2 factor must be ≥ 0 (tCO2/TJ)") }
        if let biomass, !(0...1).contains(biomass) {
            throw l.error(
                "biomass_fraction", "is \(biomass.shown); expected a fraction in 0…1",
                suggestion: FractionHint.forValue(biomass))
        }
        var line = FuelLine(
            fuel: fuel, quantity: try quantity(l), unit: unit, ncv: ncv, co2: co2, biomassFraction: biomass,
            path: l.path)
        (line.density, line.ch4, line.n2o) = (density, ch4, n2o)
        return line
    }

    /// A process line: a known material, its quantity, a purity in (0, 1] and any Type II factor.
    func processLine(_ l: TableReader) throws -> ProcessLine {
        let material = try known(l, rules.materials.map(\.id), noun: "process materials", what: "process material")
        let purity = try l.optionalNumber("purity") ?? 1
        guard purity > 0, purity <= 1 else {
            throw l.error(
                "purity", "is \(purity.shown); expected a fraction in (0, 1]",
                suggestion: FractionHint.forValue(purity))
        }
        let ef = try l.optionalNumber("ef")
        if let ef, ef < 0 { throw l.error("ef", "is \(ef.shown); expected ≥ 0 (tCO2/t)") }
        return ProcessLine(
            material: material, quantity: try quantity(l), unit: try unit(l, .mass), purity: purity, ef: ef,
            path: l.path)
    }

    /// The year's electricity: bought, renewable and exported, a site factor, the grid.
    func electricity(_ e: TableReader) throws -> ElectricityInputs {
        var electricity = ElectricityInputs()
        electricity.purchased = try amount(e, "purchased", dimension: .energy, in: "MWh")
        electricity.renewable = try amount(e, "renewable", dimension: .energy, in: "MWh")
        electricity.exported = try amount(e, "exported", dimension: .energy, in: "MWh")
        if let factor = try e.optionalNumber("factor") {
            guard factor >= 0, factor <= 10 else {
                throw e.error("factor", "is \(factor.shown); expected a site-specific factor from 0 to 10 tCO2/MWh")
            }
            electricity.factor = factor
        }
        if let grid = try optionalName(e, "grid", in: rules.grids.map(\.id), what: "grid", noun: "grids") {
            electricity.grid = grid
        }
        try e.finish()
        return electricity
    }

    /// The year's heat: bought and exported, and the sources whose factors value them.
    func heat(_ h: TableReader) throws -> HeatInputs {
        var heat = HeatInputs()
        heat.purchased = try amount(h, "purchased", dimension: .energy, in: "GJ")
        heat.exported = try amount(h, "exported", dimension: .energy, in: "GJ")
        let sources = rules.heat.map(\.id)
        if let source = try optionalName(h, "source", in: sources, what: "heat source", noun: "heat sources") {
            heat.source = source
        }
        heat.exportSource = try optionalName(
            h, "export_source", in: sources, what: "heat source", noun: "heat sources")
        try h.finish()
        return heat
    }

    /// An optional field naming one of `names` (a grid, a heat source); an unknown name is refused
    /// with the nearest known ones.
    func optionalName(_ r: TableReader, _ field: String, in names: [String], what: String, noun: String) throws
        -> String?
    {
        guard let name = try r.optionalString(field) else { return nil }
        guard names.contains(name) else {
            throw r.error(
                field, "unknown \(what) '\(name)'", suggestion: NameSuggestion.hint(for: name, in: names, noun: noun))
        }
        return name
    }

    /// A product line of the entity's sector (or with its own equivalence), with its normaliser.
    func productLine(_ l: TableReader, sector: String) throws -> ProductLine {
        let productIDs = rules.sector(sector)?.products.map(\.id) ?? []
        let equivalence = try l.optionalNumber("equivalence")
        if let equivalence, equivalence <= 0 {
            throw l.error("equivalence", "is \(equivalence.shown); expected a factor > 0")
        }
        let id =
            equivalence == nil
            ? try known(l, productIDs, noun: "products of \(sector)", what: "product") : try lineName(l)
        let product = rules.sector(sector)?.product(id)
        var line = ProductLine(
            product: id, quantity: try quantity(l), unit: try unit(l, product?.dimension ?? .mass),
            equivalence: equivalence, path: l.path)
        if let normaliser = product?.normaliser {
            guard let value = try l.optionalNumber(normaliser) else {
                throw l.error(
                    normaliser,
                    "is missing; \(id) is measured per \(normaliser.uppercased()): give the plant's value, e.g. "
                        + "\(normaliser) = 9.5"
                )
            }
            guard value > 0, value <= 1000 else {
                throw l.error(normaliser, "is \(value.shown); expected a factor > 0")
            }
            line.normaliser = value
        }
        return line
    }

    // MARK: Lines

    /// Gives each line its stable key, `prefix.name` (`prefix.name#2` for a second line of the same name).
    func keyed<T>(_ lines: [T], _ prefix: String, _ name: KeyPath<T, String>, _ key: WritableKeyPath<T, String>) -> [T]
    {
        var seen: [String: Int] = [:]
        return lines.map { line in
            var line = line
            let base = RuleChange.join(prefix, line[keyPath: name])
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            line[keyPath: key] = count == 1 ? base : "\(base)#\(count)"
            return line
        }
    }

    /// `fuel_mix = { total = { normal(5e6, 2e5), "GJ" }, shares = dirichlet { coal_imported = 60, … } }`
    func fuelMix(_ m: TableReader, key: String) throws -> FuelMix {
        guard case .table(let totalTable) = m.value("total"), totalTable.sequence.count == 2,
            case .string(let symbol) = totalTable.sequence[1]
        else {
            throw m.error("total", "expected { quantity, \"GJ\" } (an energy or mass unit)")
        }
        guard let unit = MeasurementUnit.named(symbol), unit.dimension == .energy || unit.dimension == .mass else {
            throw InputError(
                file: file, path: m.fieldPath("total") + "[2]", message: "'\(symbol)' is not an energy or mass unit",
                suggestion: NameSuggestion.hint(
                    for: symbol, in: MeasurementUnit.symbols(of: .energy) + MeasurementUnit.symbols(of: .mass),
                    noun: "units"))
        }
        let total = try DistributionDecoder.decode(
            totalTable.sequence[0], path: m.fieldPath("total") + "[1]", file: file)
        guard case .table(let sharesTable) = m.value("shares"), sharesTable["__distribution"].string == "dirichlet",
            let concentrations = sharesTable["concentrations"].table
        else {
            throw m.error("shares", "expected dirichlet { fuel = concentration, … }")
        }
        var fuels: [String] = [], alphas: [Double] = []
        for (name, value) in concentrations.fields {
            let path = m.fieldPath("shares") + "." + name
            guard rules.fuel(name) != nil else {
                throw InputError(
                    file: file, path: path, message: "unknown fuel '\(name)'",
                    suggestion: NameSuggestion.hint(for: name, in: rules.fuels.map(\.id), noun: "fuels"))
            }
            guard case .number(let alpha) = value, alpha.isFinite, alpha > 0 else {
                throw InputError(
                    file: file, path: path, message: "expected a concentration > 0, got \(TableReader.describe(value))")
            }
            fuels.append(name)
            alphas.append(alpha)
        }
        guard fuels.count >= 2 else { throw m.error("shares", "a mix needs at least two fuels") }
        try m.finish()
        return FuelMix(total: total, unit: unit, fuels: fuels, concentrations: alphas, path: m.path, key: key)
    }

    /// PFCs from anode effects, as CF4 and C2F6 lines (kg per t of aluminium × aluminium made):
    /// Tier 1 by `technology` (the rules' factors), or Tier 2 from the plant's `slope` (kg CF4 per t
    /// per anode-effect minute per cell-day), `minutes` (AE-minutes per cell-day) and `c2f6_ratio`
    /// (kg C2F6 per kg CF4), IPCC 2006 GL Vol 3 Ch 4 Eq 4.26–4.27.
    func anodeEffects(_ a: TableReader, key: String) throws -> [RefrigerantLine] {
        let aluminium = try amount(a, "aluminium", dimension: .mass, in: "t")
        guard a.has("aluminium") else {
            throw a.error("aluminium", "is missing; expected the aluminium made, e.g. { 600000, \"t\" }")
        }
        let perTonne: (cf4: Double, c2f6: Double)
        if let technology = try a.optionalString("technology") {
            guard let factors = rules.anodeEffects(technology) else {
                throw a.error(
                    "technology", "unknown cell technology '\(technology)'",
                    suggestion: NameSuggestion.hint(
                        for: technology, in: rules.anodeEffects.map(\.id), noun: "technologies"))
            }
            for name in ["slope", "minutes", "c2f6_ratio"] where a.has(name) {
                throw a.error(
                    name, "is a Tier 2 value; give either technology (Tier 1) or slope, minutes and c2f6_ratio (Tier 2)"
                )
            }
            perTonne = (factors.cf4.value, factors.c2f6.value)
        } else {
            let slope = try a.number("slope"), minutes = try a.number("minutes"), ratio = try a.number("c2f6_ratio")
            for (name, x, upper) in [("slope", slope, 10.0), ("minutes", minutes, 100.0), ("c2f6_ratio", ratio, 1.0)]
            where !(x >= 0 && x <= upper) {
                throw a.error(name, "is \(x.shown); expected a value from 0 to \(upper.shown)")
            }
            perTonne = (slope * minutes, slope * minutes * ratio)
        }
        try a.finish()
        let tonne = MeasurementUnit.named("t")!
        return [("CF4", perTonne.cf4), ("C2F6", perTonne.c2f6)].map { gas, kgPerTonne in
            RefrigerantLine(
                refrigerant: gas, quantity: aluminium.scaled(by: kgPerTonne / 1000), unit: tonne,
                path: a.path, key: "\(key).\(gas)")
        }
    }

    /// Decodes each element of the list `r[name]` with `decode`, checking its fields.
    func lines<T>(_ r: TableReader, _ name: String, _ decode: (TableReader) throws -> T) throws -> [T] {
        guard let list = try r.optionalTable(name) else { return [] }
        guard list.table.fields.filter({ !$0.name.hasPrefix("__") }).isEmpty else {
            throw list.error(list.table.fieldNames[0], "\(name) is a list: write { { … }, { … } }")
        }
        return try list.table.sequence.enumerated().map { index, value in
            let line = try TableReader(value, path: "\(list.path)[\(index + 1)]", file: file)
            let decoded = try decode(line)
            try line.finish()
            return decoded
        }
    }

    func lineName(_ l: TableReader) throws -> String {
        guard let first = l.table.sequence.first, case .string(let name) = first else {
            throw InputError(
                file: l.file, path: l.element(1),
                message: "expected a name in quotes first, e.g. { \"coal_imported\", 190000, \"t\" }")
        }
        return name
    }

    func known(_ l: TableReader, _ names: [String], noun: String, what: String) throws -> String {
        let name = try lineName(l)
        guard names.contains(name) else {
            throw InputError(
                file: l.file, path: l.element(1), message: "unknown \(what) '\(name)'",
                suggestion: NameSuggestion.hint(for: name, in: names, noun: noun))
        }
        return name
    }

    func quantity(_ l: TableReader) throws -> Distribution {
        guard l.table.sequence.count >= 2 else {
            throw InputError(
                file: l.file, path: l.element(2), message: "is missing; expected a quantity after the name")
        }
        return try DistributionDecoder.decode(l.table.sequence[1], path: l.element(2), file: l.file)
    }

    func unit(_ l: TableReader, _ dimension: Dimension) throws -> MeasurementUnit {
        let unit = try anyUnit(l)
        guard unit.dimension == dimension else {
            throw InputError(
                file: l.file, path: l.element(3),
                message:
                    "'\(unit.symbol)' is a \(unit.dimension.rawValue) unit; expected a \(dimension.rawValue) unit "
                    + "(\(MeasurementUnit.symbols(of: dimension).joined(separator: ", ")))"
            )
        }
        return unit
    }

    func anyUnit(_ l: TableReader) throws -> MeasurementUnit {
        guard l.table.sequence.count >= 3, case .string(let symbol) = l.table.sequence[2] else {
            throw InputError(
                file: l.file, path: l.element(3),
                message: "is missing; expected a unit such as \"t\" after the quantity")
        }
        guard l.table.sequence.count == 3 else {
            throw InputError(
                file: l.file, path: l.element(4),
                message: "unexpected; a line is { name, quantity, unit, option = … }")
        }
        guard let unit = MeasurementUnit.named(symbol) else {
            throw InputError(
                file: l.file, path: l.element(3), message: "unknown unit '\(symbol)'",
                suggestion: NameSuggestion.hint(for: symbol, in: MeasurementUnit.all.map(\.symbol), noun: "units"))
        }
        return unit
    }

    /// Mass always works; volumes need the matching density in the rules; energy skips the NCV.
    func fuelUnit(_ l: TableReader, fuel: Fuel) throws -> MeasurementUnit {
        let unit = try anyUnit(l)
        switch unit.dimension {
        case .mass, .energy:
            return unit
        case .liquidVolume where fuel.density?.unit == "t/kL" || l.has("density"),
            .gasVolume where fuel.density?.unit == "kg/Sm3" || l.has("density"):
            return unit
        case .liquidVolume, .gasVolume:
            throw InputError(
                file: l.file, path: l.element(3),
                message:
                    "'\(unit.symbol)' is a \(unit.dimension.rawValue) but the rules give \(fuel.id) no density "
                    + "\(unit.dimension == .gasVolume ? "in kg/Sm3" : "in t/kL")",
                suggestion: "give the quantity in t or GJ, or add density to fuel \"\(fuel.id)\"")
        case .oilVolume:
            throw InputError(
                file: l.file, path: l.element(3),
                message: "'\(unit.symbol)' measures a refinery's crude throughput, not a fuel burned",
                suggestion: "give the fuel in t, kL or GJ")
        }
    }

    /// `{ 175000, "MWh" }` or a bare number in the canonical unit, converted to that unit.
    func amount(_ r: TableReader, _ name: String, dimension: Dimension, in canonical: String) throws -> Distribution {
        let value = r.value(name)
        let path = r.fieldPath(name)
        switch value {
        case .nil:
            return .fixed(0)
        case .table(let t) where t["__distribution"].isNil:
            let l = TableReader(t, path: path, file: file)
            guard t.sequence.count == 2, case .string(let symbol) = t.sequence[1] else {
                throw InputError(file: file, path: path, message: "expected { quantity, \"\(canonical)\" }")
            }
            guard let unit = MeasurementUnit.named(symbol), unit.dimension == dimension else {
                throw InputError(
                    file: file, path: path + "[2]",
                    message:
                        "'\(symbol)' is not a unit of \(dimension.rawValue); expected one of "
                        + "\(MeasurementUnit.symbols(of: dimension).joined(separator: ", "))",
                    suggestion: NameSuggestion.hint(
                        for: symbol, in: MeasurementUnit.symbols(of: dimension), noun: "units"))
            }
            let quantity = try DistributionDecoder.decode(t.sequence[0], path: path + "[1]", file: file)
            try l.finish()
            let factor = unit.toBase / MeasurementUnit.named(canonical)!.toBase
            return factor == 1 ? quantity : quantity.scaled(by: factor)
        default:
            return try DistributionDecoder.decode(value, path: path, file: file)
        }
    }

    func offsets(_ r: TableReader) throws -> [OffsetLine] {
        try lines(r, "offsets") { l in
            let credits = try l.number("credits")
            try wholeCertificates(credits, l, "credits")
            let delivered =
                l.has("delivered")
                ? try DistributionDecoder.decode(
                    l.value("delivered"), path: l.fieldPath("delivered"), file: file, domain: .fraction) : .fixed(1)
            let price =
                l.has("price")
                ? try DistributionDecoder.decode(l.value("price"), path: l.fieldPath("price"), file: file) : nil
            return OffsetLine(
                project: try l.string("project"), type: try l.string("type"), credits: credits, delivered: delivered,
                vintage: try l.compliance("vintage"), price: price, path: l.path)
        }
    }

    /// A count of CCCs: whole, from 0 to 1e15.
    func wholeCertificates(_ x: Double, _ l: TableReader, _ name: String) throws {
        guard x >= 0, x <= InputDomain.largest, x.rounded() == x else {
            throw l.error(
                name, "is \(x.shown); a CCC is one whole certificate of 1 tCO2e: expected a whole number ≥ 0",
                suggestion: x >= 0 ? "write \(x.rounded(.down).shown)" : nil)
        }
    }

    /// A quantity of CCCs traded: a whole number, or a distribution whose draws are rounded to
    /// whole certificates (the evaluator rounds each draw to the nearest one).
    func certificates(_ value: LuaValue, _ path: String) throws -> Distribution {
        let quantity = try DistributionDecoder.decode(value, path: path, file: file)
        if case .fixed(let x) = quantity, x.rounded() != x {
            throw InputError(
                file: file, path: path, message: "is \(x.shown); CCCs are traded whole: expected a whole number",
                suggestion: "write \(x.rounded().shown)")
        }
        return quantity
    }

    /// `buy = 5000`, `buy = { 5000, price = 1900, date = "2026-02-15" }`, or a list of those.
    func trades(_ r: TableReader, _ name: String) throws -> [Trade] {
        let value = r.value(name)
        let path = r.fieldPath(name)
        func one(_ v: LuaValue, _ p: String) throws -> Trade {
            if case .table(let t) = v, t["__distribution"].isNil {
                let l = TableReader(t, path: p, file: file)
                guard let first = t.sequence.first, t.sequence.count == 1 else {
                    throw InputError(
                        file: file, path: p, message: "expected { quantity, price = …, date = \"YYYY-MM-DD\" }")
                }
                let quantity = try certificates(first, p + "[1]")
                let price =
                    l.has("price")
                    ? try DistributionDecoder.decode(l.value("price"), path: l.fieldPath("price"), file: file) : nil
                var date: CalendarDay?
                if let text = try l.optionalString("date") {
                    guard let day = CalendarDay(text) else {
                        throw l.error("date", "'\(text)' is not a date; expected \"YYYY-MM-DD\" such as \"2026-02-15\"")
                    }
                    date = day
                }
                try l.finish()
                return Trade(quantity: quantity, price: price, date: date, path: p)
            }
            return Trade(quantity: try certificates(v, p), price: nil, path: p)
        }
        let trades: [Trade]
        switch value {
        case .nil: return []
        case .table(let t) where t["__distribution"].isNil && t.sequence.first?.table != nil:
            trades = try t.sequence.enumerated().map { try one($1, "\(path)[\($0 + 1)]") }
        default: trades = [try one(value, path)]
        }
        return trades.enumerated().map { index, trade in
            var trade = trade
            trade.key = "\(path)[\(index + 1)]"
            return trade
        }
    }
}
