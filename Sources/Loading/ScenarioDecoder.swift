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
            throw InputError(
                file: file, path: "", message: "does not return a scenario (got \(TableReader.describe(value)))",
                suggestion: "end the file with: return scenario { … }")
        }
        return try decode(table, path: "")
    }

    /// Decodes a scenario body found at `path` (empty for a scenario file, `entities[3]` in a portfolio).
    func decode(_ table: LuaTable, path: String) throws -> Scenario {
        let r = TableReader(table, path: path, file: file)
        let entity = try self.entity(try r.table("entity"))
        let opening = try r.optionalNumber("opening_balance") ?? 0
        try wholeCertificates(opening, r, "opening_balance")
        let yearsTable = try r.table("years")
        var years: [YearInputs] = []
        for (year, _, value, path) in try yearsTable.yearEntries() {
            let y = try TableReader(value, path: path, file: file)
            years.append(try self.year(year, y, sector: entity.sector))
            try y.finish()
        }
        guard !years.isEmpty else {
            throw r.error("years", "is empty; expected at least one compliance year such as [\"2025-26\"] = { … }")
        }
        let allowGaps = try r.boolean("allow_gaps", default: false)
        let ordered = years.map(\.year).sorted()
        for (a, b) in zip(ordered, ordered.dropFirst()) where b != a.next && !allowGaps {
            throw r.error(
                "years", "jump from \(a) to \(b); the closing balance of one year is banked into the next",
                suggestion:
                    "add \(a.next), or write allow_gaps = true if the gap is intended (the balance then carries across "
                    + "it)"
            )
        }
        let (prices, path) = try market(r, years: years.map(\.year))
        var scenario = Scenario(
            name: try r.optionalString("name") ?? file, entity: entity, openingBalance: opening,
            years: years, prices: prices, pricePath: path, file: file)
        scenario.correlations = try correlations(r, scenario: scenario)
        if let planning = try r.optionalTable("planning") {
            scenario.planning = try self.planning(planning, years: years.map(\.year))
        }
        _ = try r.optionalString("description")
        try r.finish()
        scenario.warnings = try notifiedEntityChecks(entity, path: r.fieldPath("entity"), years: years.map(\.year))
        for year in scenario.years where Targets.target(for: entity, in: year.year, rules: rules) == nil {
            throw InputError(
                file: file, path: r.fieldPath("entity") + ".targets[\"\(year.year)\"]",
                message:
                    "no GEI target for \(year.year): the rules hold none for registration '\(entity.registration)' and "
                    + "the scenario states none",
                suggestion:
                    "add entity.targets = { [\"\(year.year)\"] = … }, or use a registration the rules list (ccts "
                    + "factors targets)"
            )
        }
        return scenario
    }

    // MARK: Entity and market

    /// A scenario of a notified entity (its registration is in the rules' targets) must agree with
    /// the notification on the sector (an error: products and equivalence factors depend on it); a
    /// baseline or target the scenario states differently is not used, and the warning names both.
    ///
    /// Precedence: the rules' notified values win for notified entities (they are law; change
    /// them with a reform or `--set`); the scenario's own values are used for entities the rules
    /// do not list.
    private func notifiedEntityChecks(_ entity: Entity, path: String, years: [ComplianceYear]) throws -> [Warning] {
        guard let notified = rules.target(for: entity.registration) else { return [] }
        guard notified.sector == entity.sector else {
            throw InputError(
                file: file, path: path + ".sector",
                message:
                    "is '\(entity.sector)', but registration '\(entity.registration)' is notified in the rules as "
                    + "\(notified.name), sector '\(notified.sector)'",
                suggestion:
                    "write sector = \"\(notified.sector)\", or use another registration for a hypothetical entity")
        }
        var warnings: [Warning] = []
        if let own = entity.baseline, let rule = notified.baseline,
            own.year != rule.year || own.gei != rule.gei || (own.output != nil && own.output != rule.output)
        {
            warnings.append(
                Warning(
                    .notifiedValueUsed,
                    "\(path).baseline (\(own.year), GEI \(own.gei.shown)) is not used: registration "
                        + "'\(entity.registration)' is notified with baseline \(rule.year), GEI \(rule.gei.shown), "
                        + "which is used"
                ))
        }
        for (year, gei) in entity.ownTargets {
            if let rule = notified.target(for: year), rule.value != gei {
                warnings.append(
                    Warning(
                        .notifiedValueUsed,
                        "\(path).targets[\"\(year)\"] = \(gei.shown) is not used: registration "
                            + "'\(entity.registration)' is notified with target \(rule.value.shown) for \(year), which "
                            + "is used"
                    ))
            }
        }
        return warnings
    }

    private func entity(_ r: TableReader) throws -> Entity {
        let sectorID = try r.string("sector")
        guard let sector = rules.sector(sectorID) else {
            throw r.error(
                "sector", "unknown sector '\(sectorID)'",
                suggestion: NameSuggestion.hint(for: sectorID, in: rules.sectors.map(\.id), noun: "sectors"))
        }
        let subsector = try r.optionalString("subsector")
        if let subsector, !sector.subsectors.contains(subsector) {
            throw r.error(
                "subsector", "'\(subsector)' is not a sub-sector of \(sectorID)",
                suggestion: NameSuggestion.hint(for: subsector, in: sector.subsectors, noun: "sub-sectors"))
        }
        var baseline: Baseline?
        if let b = try r.optionalTable("baseline") {
            baseline = Baseline(
                year: try b.compliance("year"), output: try b.optionalNumber("output"), gei: try b.intensity("gei"))
            try b.finish()
        }
        var targets: [(year: ComplianceYear, gei: Double)] = []
        if let t = try r.optionalTable("targets") {
            for (year, _, value, path) in try t.yearEntries() {
                guard case .number(let gei) = value, gei.isFinite, gei > 0, gei <= TableReader.largestGEI else {
                    throw InputError(
                        file: file, path: path,
                        message:
                            "expected a GEI target above 0 and at most 1000 (tCO2e/t), got "
                            + "\(TableReader.describe(value))"
                    )
                }
                targets.append((year, gei))
            }
        }
        if let baseline {
            try TableReader.checkBaseline(baseline.gei, against: targets) {
                throw InputError(file: file, path: r.fieldPath("baseline") + ".gei", message: $0, suggestion: $1)
            }
        }
        let registration = try r.string("registration")
        let entity = Entity(
            registration: registration, name: try r.optionalString("name") ?? registration, sector: sectorID,
            subsector: subsector, state: try r.optionalString("state"), baseline: baseline, ownTargets: targets)
        try r.finish()
        return entity
    }

    /// `market.price`: one number or distribution for every year, a map by year, or a `price_path { … }`.
    private func market(_ r: TableReader, years: [ComplianceYear]) throws -> (
        [(year: ComplianceYear, price: Distribution)], PricePath?
    ) {
        guard let m = try r.optionalTable("market") else { return ([], nil) }
        let value = m.value("price")
        try m.finish()
        let pricePath = m.fieldPath("price")
        switch value {
        case .nil:
            return ([], nil)
        case .table(let t) where t["__kind"].string == "price_path":
            return ([], try self.pricePath(TableReader(t, path: pricePath, file: file)))
        case .table(let t) where t["__distribution"].isNil:
            let map = TableReader(t, path: pricePath, file: file)
            let prices = try map.yearEntries().map { year, _, v, path in
                (year, try DistributionDecoder.decode(v, path: path, file: file))
            }
            return (prices, nil)
        default:
            let price = try DistributionDecoder.decode(value, path: pricePath, file: file)
            return (years.map { ($0, price) }, nil)
        }
    }

    private func pricePath(_ p: TableReader) throws -> PricePath {
        let start = try DistributionDecoder.decode(p.value("start"), path: p.fieldPath("start"), file: file)
        guard start.expectedValue > 0 else { throw p.error("start", "expected a starting price > 0 (INR/CCC)") }
        let volatility = try p.optionalNumber("volatility") ?? 0
        guard volatility >= 0 else { throw p.error("volatility", "is \(volatility.shown); expected ≥ 0") }
        let model: PricePath.Model
        if p.has("mean") || p.has("reversion") {
            let mean = try p.number("mean"), reversion = try p.number("reversion")
            guard mean > 0 else { throw p.error("mean", "expected a long-run price > 0") }
            guard (0...1).contains(reversion) else {
                throw p.error(
                    "reversion", "is \(reversion.shown); expected a rate in 0…1 per year",
                    suggestion: FractionHint.forValue(reversion))
            }
            model = .meanReverting(mean: mean, reversion: reversion)
        } else {
            model = .geometric(drift: try p.optionalNumber("drift") ?? 0)
        }
        _ = p.value("__kind")
        try p.finish()
        return PricePath(start: start, model: model, volatility: volatility)
    }

    /// `planning = { forwards = { { year, date, price, max, known }, … }, offsets = { { project, type, vintage, year,
    /// price, max, delivered }, … }, spot = { liquidity }, surplus_value, correlation }`; or the one-year form
    /// `{ year = …, forward = { price, max }, offsets = { price, delivered, max }, spot = …, surplus_value }`.
    // Long: the planning section field by field in both its forms; the local checkers at the top serve every field.
    private func planning(_ p: TableReader, years: [ComplianceYear]) throws -> ProcurementPlan {
        func positive(_ t: TableReader, _ name: String, default fallback: Double? = nil) throws -> Double {
            guard let x = try t.optionalNumber(name) ?? fallback else {
                throw t.error(name, "is missing; expected a number ≥ 0")
            }
            guard x >= 0, x <= InputDomain.largest else {
                throw t.error(name, "is \(x.shown); expected a number from 0 to 1e15")
            }
            return x
        }
        func fraction(_ t: TableReader, _ name: String, default fallback: Distribution) throws -> Distribution {
            guard t.has(name) else { return fallback }
            return try DistributionDecoder.decode(t.value(name), path: t.fieldPath(name), file: file, domain: .fraction)
        }
        func year(_ t: TableReader, _ name: String, default fallback: ComplianceYear? = nil) throws -> ComplianceYear {
            guard let year = try t.optionalComplianceYear(name) ?? fallback else {
                throw t.error(name, "is missing; expected a year of the scenario such as \"2025-26\"")
            }
            guard years.contains(year) else {
                throw t.error(
                    name,
                    "\(year) is not a year of this scenario; its years are "
                        + "\(years.map(\.description).joined(separator: ", "))"
                )
            }
            return year
        }
        var forwards: [ProcurementPlan.Forward] = [], offsets: [ProcurementPlan.OffsetContract] = []
        if p.has("forward") || p.has("year") {
            // The one-year form: one forward and one offset contract for `year`.
            let planned = try year(p, "year", default: years.last!)
            let forward = try p.table("forward")
            forwards.append(
                ProcurementPlan.Forward(
                    year: planned, date: nil, price: try positive(forward, "price"),
                    maximum: try positive(forward, "max"), knownError: nil))
            try forward.finish()
            if let o = try p.optionalTable("offsets") {
                offsets.append(
                    ProcurementPlan.OffsetContract(
                        project: "contract", type: nil, vintage: nil, year: planned,
                        price: try positive(o, "price"), maximum: try positive(o, "max"),
                        delivered: try fraction(o, "delivered", default: .fixed(1))))
                try o.finish()
            }
        } else {
            let list = try p.table("forwards")
            for (index, value) in list.table.sequence.enumerated() {
                let f = try TableReader(value, path: "\(list.path)[\(index + 1)]", file: file)
                var date: CalendarDay?
                let planned = try year(f, "year")
                if let text = try f.optionalString("date") {
                    guard let day = CalendarDay(text) else {
                        throw f.error("date", "'\(text)' is not a date; expected \"YYYY-MM-DD\"")
                    }
                    guard !(day < planned.firstDay), !(planned.next.lastDay < day) else {
                        throw f.error(
                            "date",
                            "is \(day); a forward for \(planned) is decided from \(planned.firstDay) to its surrender")
                    }
                    date = day
                }
                let known = try f.optionalNumber("known")
                if let known, !(0...1).contains(known) {
                    throw f.error(
                        "known", "is \(known.shown); expected the estimate's relative error, e.g. 0.05 for ± 5 %")
                }
                forwards.append(
                    ProcurementPlan.Forward(
                        year: planned, date: date, price: try positive(f, "price"),
                        maximum: try positive(f, "max"), knownError: known))
                try f.finish()
            }
            if let list = try p.optionalTable("offsets") {
                var projects: Set<String> = []
                for (index, value) in list.table.sequence.enumerated() {
                    let o = try TableReader(value, path: "\(list.path)[\(index + 1)]", file: file)
                    let project = try o.string("project")
                    guard projects.insert(project).inserted else {
                        throw o.error(
                            "project", "'\(project)' is contracted twice; give each contract its own project name")
                    }
                    var contract = ProcurementPlan.OffsetContract(
                        project: project, type: try o.string("type"), vintage: try o.compliance("vintage"),
                        year: try year(o, "year"), price: try positive(o, "price"),
                        maximum: try positive(o, "max"), delivered: try fraction(o, "delivered", default: .fixed(1)))
                    contract.minimum = try positive(o, "min", default: 0)
                    guard contract.minimum <= contract.maximum else {
                        throw o.error("min", "is \(contract.minimum.shown), above max = \(contract.maximum.shown)")
                    }
                    if let text = try o.optionalString("delivery") {
                        guard let day = CalendarDay(text) else {
                            throw o.error("delivery", "'\(text)' is not a date; expected \"YYYY-MM-DD\"")
                        }
                        guard !(day < contract.year.firstDay) else {
                            throw o.error(
                                "delivery",
                                "is \(day), before \(contract.year) starts; expected the day the credits arrive")
                        }
                        contract.deliveryDate = day
                    }
                    offsets.append(contract)
                    try o.finish()
                }
            }
        }
        var liquidity = Distribution.fixed(1)
        if let spot = try p.optionalTable("spot") {
            liquidity = try fraction(spot, "liquidity", default: .fixed(1))
            try spot.finish()
        }
        let correlation = try p.optionalNumber("correlation") ?? 0
        guard (0...1).contains(correlation) else {
            throw p.error(
                "correlation",
                "is \(correlation.shown); expected a correlation from 0 to 1 between projects of one type")
        }
        let budget = try p.optionalNumber("budget")
        if let budget, !(budget >= 0 && budget <= InputDomain.largest) {
            throw p.error(
                "budget", "is \(budget.shown); expected INR from 0 to 1e15 (what forwards and offsets may cost at most)"
            )
        }
        let sells = try p.boolean("sell_surplus", default: false)
        let surplus = try positive(p, "surplus_value", default: 0)
        guard surplus <= 10 else {
            throw p.error("surplus_value", "is \(surplus.shown); expected a fraction of the price such as 0.5")
        }
        try p.finish()
        var plan = ProcurementPlan(
            forwards: forwards, offsets: offsets, liquidity: liquidity, surplusValue: surplus,
            deliveryCorrelation: correlation)
        if sells { plan.saleYears = Array(years.dropLast()) }
        plan.budget = budget
        return plan
    }

    /// `correlations = { { "key A", "key B", 0.7 }, … }`: rank correlations between uncertain inputs,
    /// or between an input and a common factor (`common.<name>`, drawn once per world for a whole
    /// portfolio: a sector's demand, the economy, verifiers' stringency).
    private func correlations(_ r: TableReader, scenario: Scenario) throws -> [InputCorrelation] {
        guard let list = try r.optionalTable("correlations") else { return [] }
        let uncertain = UncertainInputs.uncertain(scenario).map(\.key)
        let given = try list.table.sequence.enumerated().map { index, value in
            let path = "\(list.path)[\(index + 1)]"
            guard case .table(let t) = value, t.sequence.count == 3, case .string(let a) = t.sequence[0],
                case .string(let b) = t.sequence[1], case .number(let rho) = t.sequence[2]
            else {
                throw InputError(
                    file: file, path: path, message: "expected { \"input key\", \"input key\", rank correlation }")
            }
            for (offset, key) in [a, b].enumerated() where !uncertain.contains(key) && !key.hasPrefix("common.") {
                throw InputError(
                    file: file, path: "\(path)[\(offset + 1)]",
                    message:
                        "'\(key)' is not an uncertain input of this scenario (nor a common factor, whose name starts "
                        + "with \"common.\")",
                    suggestion: NameSuggestion.hint(for: key, in: uncertain, noun: "uncertain inputs"))
            }
            for (offset, key) in [a, b].enumerated() where key.hasPrefix("common.") {
                guard key.count > "common.".count else {
                    throw InputError(
                        file: file, path: "\(path)[\(offset + 1)]",
                        message: "a common factor needs a name after \"common.\" (e.g. \"common.demand.cement\")")
                }
            }
            guard !(a.hasPrefix("common.") && b.hasPrefix("common.")) else {
                throw InputError(
                    file: file, path: path,
                    message:
                        "correlates two common factors ('\(a)', '\(b)'); common factors are independent of one "
                        + "another: correlate each input with the factors that move it")
            }
            guard a != b else {
                throw InputError(file: file, path: path, message: "an input cannot be correlated with itself")
            }
            guard rho.isFinite, (-1...1).contains(rho) else {
                throw InputError(
                    file: file, path: "\(path)[3]", message: "is \(rho.shown); a correlation lies in −1…1")
            }
            return InputCorrelation(first: a, second: b, rank: rho, path: path)
        }
        // One pair, one correlation: a pair given twice (0.7 and −0.7, or the same value twice) is
        // refused naming both entries, never settled by keeping one of them.
        var seen: [Set<String>: InputCorrelation] = [:]
        for correlation in given {
            let pair: Set<String> = [correlation.first, correlation.second]
            if let earlier = seen[pair] {
                throw InputError(
                    file: file, path: correlation.path,
                    message:
                        "correlates '\(correlation.first)' and '\(correlation.second)' (\(correlation.rank.shown)), "
                        + "which \(earlier.path) "
                        + "already correlates (\(earlier.rank.shown)); give each pair of inputs one correlation")
            }
            seen[pair] = correlation
        }
        return given
    }
}
