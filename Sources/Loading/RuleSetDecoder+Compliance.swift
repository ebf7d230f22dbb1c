import CCTS
import LuaSandbox

/// Verification, compliance and the explicit assumptions.
extension RuleSetDecoder {
    /// A number, or a Lua function of the case (`function(case) … end`).
    func ruleNumber(
        _ r: TableReader, _ name: String, rule: String, range: ClosedRange<Double>,
        inputs: (String, String)
    ) throws -> RuleNumber {
        switch r.value(name) {
        case .number(let x):
            guard range.contains(x) else {
                // a fraction rule written as a percentage (1 for 1 %) gets the fraction suggested
                let hint =
                    range.upperBound <= 1 && x > range.upperBound && x <= 100
                    ? "did you mean \((x / 100).shown) (\(x.shown) %)?" : nil
                throw r.error(
                    name, "is \(x.shown); expected a number in \(range.lowerBound.shown)…\(range.upperBound.shown)",
                    suggestion: hint)
            }
            return .constant(x)
        case .function(let f):
            return .function(LuaRuleFunction(lua: lua, function: f, rule: rule, inputs: inputs))
        case .nil:
            throw r.error(name, "is missing; expected a number or a function(case) … end")
        case let other:
            throw r.error(name, "expected a number or a function, got \(TableReader.describe(other))")
        }
    }

    mutating func verification(_ rules: TableReader) throws -> VerificationRules {
        let r = try rules.table("verification")
        let context = try self.context(r, rule: "verification")
        // Plausibility (a stated assumption): a threshold above half of the reported quantity would
        // accept any statement; verification standards use 5 % or less. So 1 (meant as 1 %) is refused
        // with 0.01 suggested, not run as a threshold of 100 %.
        let materiality = try ruleNumber(
            r, "materiality", rule: "verification.materiality", range: 0...0.5,
            inputs: ("emissions", "production"))
        let uplift = try r.optionalNumber("conservative_uplift") ?? 0
        guard (0...1).contains(uplift) else {
            throw r.error(
                "conservative_uplift", "is \(uplift.shown); expected a fraction in 0…1",
                suggestion: FractionHint.forValue(uplift))
        }
        let basisText = try r.optionalString("basis") ?? MaterialityBasis.quantities.rawValue
        guard let basis = MaterialityBasis(rawValue: basisText) else {
            throw r.error(
                "basis",
                "is '\(basisText)'; expected \"quantities\" (emissions and production each) or \"gei\" (the intensity "
                    + "they make)"
            )
        }
        try r.finish()
        return VerificationRules(
            materiality: materiality, conservativeUplift: uplift, basis: basis, provenance: provenance(context))
    }

    // Long: the compliance table field by field in the order of Rules/default/compliance.lua, each with its own message
    // and path.
    mutating func compliance(_ rules: TableReader) throws -> ComplianceRules {
        let r = try rules.table("compliance")
        let context = try self.context(r, rule: "compliance")
        /// Certificates are whole: a rounding is required, and defaults to the one in the
        /// holder's disfavour (issue down, surrender up).
        func rounding(_ name: String, default fallback: Rounding) throws -> Rounding {
            let text = try r.optionalString(name) ?? fallback.rawValue
            if text == "none" {
                throw r.error(
                    name, "'none' would leave parts of certificates; a CCC is one whole certificate of 1 tCO2e",
                    suggestion: "use \"floor\", \"ceil\" or \"nearest\"")
            }
            guard let rounding = Rounding(rawValue: text) else {
                throw r.error(
                    name, "'\(text)' is not a rounding",
                    suggestion: NameSuggestion.hint(for: text, in: Rounding.allCases.map(\.rawValue), noun: "roundings")
                )
            }
            return rounding
        }
        let decimals = try r.optionalNumber("gei_decimals") ?? 6
        guard decimals >= 0, decimals <= 12, decimals.rounded() == decimals else {
            throw r.error("gei_decimals", "is \(decimals.shown); expected a whole number 0…12")
        }

        let bankingTable = try r.table("banking")
        let maximumCarried = try bankingTable.optionalNumber("max_carried")
        if let maximumCarried, !(maximumCarried >= 0 && maximumCarried.rounded() == maximumCarried) {
            throw bankingTable.error("max_carried", "is \(maximumCarried.shown); expected a whole number of CCCs ≥ 0")
        }
        let banking = BankingRules(
            allowed: try bankingTable.boolean("allowed", default: true), maximumCarried: maximumCarried)
        try bankingTable.finish()

        let offsetTable = try r.table("offsets")
        let offsets = OffsetRules(
            allowed: try offsetTable.boolean("allowed", default: false),
            eligibleTypes: try offsetTable.strings("eligible_types"),
            earliestVintage: try offsetTable.optionalComplianceYear("earliest_vintage"),
            maximumShare: try offsetTable.optionalNumber("max_share"))
        if let share = offsets.maximumShare, !(0...1).contains(share) {
            throw offsetTable.error(
                "max_share", "is \(share.shown); expected a fraction of the obligation in 0…1",
                suggestion: FractionHint.forValue(share))
        }
        try offsetTable.finish()

        let compensation = try r.table("compensation")
        let compensationContext = try self.context(
            compensation, rule: "compliance.compensation.multiple", parent: context)
        let multiple = try ruleNumber(
            compensation, "multiple", rule: "compliance.compensation.multiple", range: 0...1000,
            inputs: ("shortfall", "price"))
        try compensation.finish()

        var priceContext = context
        priceContext.rule = "compliance.price"
        priceContext.source = try r.optionalString("price_source") ?? context.source
        var prices: [(year: ComplianceYear, factor: Factor)] = []
        if let priceTable = try r.optionalTable("price") {
            for (year, key, _, _) in try priceTable.yearEntries() {
                let price = try factor(priceTable, key, canonical: "INR/CCC", parent: priceContext)!
                prices.append((year, try nonNegative(price, priceTable, key)))
            }
        }
        let rulesOut = ComplianceRules(
            geiDecimals: Int(decimals), issueRounding: try rounding("issue_rounding", default: .floor),
            surrenderRounding: try rounding("surrender_rounding", default: .ceil),
            banking: banking, offsets: offsets, compensationMultiple: multiple,
            compensationProvenance: provenance(compensationContext), prices: prices,
            capturedCO2Deductible: try r.boolean("captured_co2_deductible", default: false),
            exportsDeductible: try r.boolean("exports_deductible", default: false),
            provenance: provenance(context))
        var result = rulesOut
        if r.has("covered_gases") { result.coveredGases = try gases(r, "covered_gases") }
        if let text = try r.optionalString("surrender_date") {
            guard let deadline = MonthDay(text), deadline.month >= 4 else {
                throw r.error(
                    "surrender_date",
                    "'\(text)' is not a deadline after a compliance year's 31 March; expected \"MM-DD\" from April to "
                        + "December, such as \"09-30\""
                )
            }
            result.surrenderDeadline = deadline
            var surrenderContext = context
            surrenderContext.rule = "compliance.surrender_date"
            surrenderContext.source = try r.optionalString("surrender_source") ?? context.source
            result.surrenderProvenance = provenance(surrenderContext)
        }
        if let market = try r.optionalTable("market") {
            result.market = try marketRules(market, parent: context)
        }
        if let periods = try r.optionalTable("periods") {
            result.periods = try compliancePeriods(periods, parent: context)
        }
        try r.finish()
        return result
    }

    /// `periods = { First = { ["2025-26"] = { from = "2025-10-08", to = "2026-03-31", source = … } }, … }`:
    /// each period inside its compliance year.
    mutating func compliancePeriods(_ r: TableReader, parent: Context) throws -> [CompliancePeriod] {
        var periods: [CompliancePeriod] = []
        for (schedule, value, path) in try r.entries() {
            let bySchedule = try TableReader(value, path: path, file: r.file)
            for (year, key, entry, entryPath) in try bySchedule.yearEntries() {
                let p = try TableReader(entry, path: entryPath, file: r.file)
                let context = try self.context(p, rule: "compliance.periods.\(schedule)[\"\(key)\"]", parent: parent)
                func day(_ name: String) throws -> CalendarDay {
                    let text = try p.string(name)
                    guard let day = CalendarDay(text) else {
                        throw p.error(name, "'\(text)' is not a date; expected \"YYYY-MM-DD\"")
                    }
                    guard !(day < year.firstDay), !(year.lastDay < day) else {
                        throw p.error(
                            name, "is \(day), outside the compliance year \(year) (\(year.firstDay) to \(year.lastDay))"
                        )
                    }
                    return day
                }
                let from = try day("from"), to = try day("to")
                guard from < to else { throw p.error("to", "is \(to), not after from = \(from)") }
                periods.append(
                    CompliancePeriod(
                        schedule: schedule, year: year, from: from, to: to, provenance: provenance(context)))
                try p.finish()
            }
        }
        return periods
    }

    /// `market = { floor = 0, ceiling = nil, ceiling_reserve = 0, floor_purchases = 0, banking = "when_dearer", source
    /// = … }`.
    mutating func marketRules(_ r: TableReader, parent: Context) throws -> MarketRules {
        let context = try self.context(r, rule: "compliance.market", parent: parent)
        var market = MarketRules()
        market.floor = try r.optionalNumber("floor") ?? 0
        guard market.floor >= 0, market.floor <= 1e7 else {
            throw r.error("floor", "is \(market.floor.shown); expected a price from 0 to 10,000,000 INR/CCC")
        }
        market.ceiling = try r.optionalNumber("ceiling")
        if let ceiling = market.ceiling, !(ceiling >= market.floor && ceiling <= 1e7) {
            throw r.error(
                "ceiling",
                "is \(ceiling.shown); expected a price from the floor (\(market.floor.shown)) to 10,000,000 INR/CCC")
        }
        market.ceilingReserve = try r.optionalNumber("ceiling_reserve") ?? 0
        guard market.ceilingReserve >= 0, market.ceilingReserve <= 1e10 else {
            throw r.error(
                "ceiling_reserve", "is \(market.ceilingReserve.shown); expected CCCs a year from 0 to 10,000,000,000")
        }
        if market.ceilingReserve > 0, market.ceiling == nil {
            throw r.error(
                "ceiling_reserve", "is \(market.ceilingReserve.shown) CCCs, but there is no ceiling to sell them at",
                suggestion: "set compliance.market.ceiling too, or leave ceiling_reserve at 0")
        }
        market.floorPurchases = try r.optionalNumber("floor_purchases") ?? 0
        guard market.floorPurchases >= 0, market.floorPurchases <= 1e10 else {
            throw r.error(
                "floor_purchases", "is \(market.floorPurchases.shown); expected CCCs a year from 0 to 10,000,000,000")
        }
        if let text = try r.optionalString("banking") {
            guard let banking = MarketBanking(rawValue: text) else {
                throw r.error(
                    "banking", "'\(text)' is not a banking behaviour; expected \"when_dearer\", \"unsold\" or \"none\"",
                    suggestion: NameSuggestion.hint(
                        for: text, in: MarketBanking.allCases.map(\.rawValue), noun: "behaviours"))
            }
            market.banking = banking
        }
        market.provenance = provenance(context)
        try r.finish()
        return market
    }

    /// `abatement "cement" { steps = { { share = 0.02, cost = 400 }, { share = 0.03, cost = { 800, 2000 } } }, source =
    /// … }`.
    mutating func abatementCurve(_ sector: String, _ r: TableReader, sectors: [String]) throws -> AbatementCurve {
        guard sectors.contains(sector) else {
            throw InputError(
                file: r.file, path: r.path, message: "abatement curve for unknown sector '\(sector)'",
                suggestion: NameSuggestion.hint(for: sector, in: sectors, noun: "sectors"))
        }
        let context = try self.context(r, rule: "abatement.\(sector)")
        let list = try r.table("steps")
        var steps: [AbatementStep] = []
        for (index, value) in list.table.sequence.enumerated() {
            let s = try TableReader(value, path: "\(list.path)[\(index + 1)]", file: r.file)
            let share = try s.number("share")
            guard share > 0, share <= 1 else {
                throw s.error(
                    "share", "is \(share.shown); expected a fraction of the entity's emissions in (0, 1]",
                    suggestion: FractionHint.forValue(share))
            }
            let from: Double, to: Double
            if case .table(let range) = s.value("cost") {
                let pair = range.sequence.compactMap(\.number)
                guard pair.count == 2, range.sequence.count == 2 else {
                    throw s.error("cost", "expected a cost or { lowest, highest } in INR/tCO2e")
                }
                (from, to) = (pair[0], pair[1])
            } else {
                from = try s.number("cost")
                to = from
            }
            guard from >= -1e6, to <= 1e7, from <= to else {
                throw s.error(
                    "cost",
                    "is \(from.shown)…\(to.shown); expected INR/tCO2e from −1,000,000 to 10,000,000, lowest first")
            }
            steps.append(AbatementStep(share: share, fromCost: from, toCost: to))
            try s.finish()
        }
        let total = steps.reduce(0) { $0 + $1.share }
        guard total <= 1 + 1e-12 else {
            throw r.error("steps", "abate \(total.shown) of the emissions in all; the shares add up to at most 1")
        }
        var factor: ClosedRange<Double>?
        let uncertainty = r.value("cost_uncertainty")
        if !uncertainty.isNil {
            let pair: [Double]
            if case .table(let range) = uncertainty, range.sequence.count == 2 {
                pair = range.sequence.compactMap(\.number)
            } else {
                pair = []
            }
            guard pair.count == 2, pair[0] > 0, pair[0] <= pair[1], pair[1] <= 10 else {
                throw r.error(
                    "cost_uncertainty",
                    "expected { low, high }: factors on every step's cost, drawn once per world, "
                        + "0 < low ≤ high ≤ 10 (e.g. { 0.7, 1.4 })")
            }
            factor = pair[0]...pair[1]
        }
        return AbatementCurve(sector: sector, steps: steps, provenance: provenance(context), costFactor: factor)
    }

    mutating func explicitAssumptions(_ rules: TableReader) throws {
        guard let list = try rules.optionalTable("assumptions") else { return }
        for (index, value) in list.table.sequence.enumerated() {
            let r = try TableReader(value, path: "assumptions[\(index + 1)]", file: fileOf(value))
            assumptions.append(
                Assumption(
                    rule: try r.string("rule"), statement: try r.string("statement"),
                    reasoning: try r.string("reasoning"), file: r.file))
            try r.finish()
        }
    }

    /// A list of greenhouse-gas groups, each one of CO2, CH4, N2O, HFC, PFC, SF6; CO2 always among them.
    func gases(_ r: TableReader, _ name: String) throws -> [String] {
        let known = ["CO2", "CH4", "N2O", "HFC", "PFC", "SF6"]
        let list = try r.strings(name)
        for gas in list where !known.contains(gas) {
            throw r.error(
                name, "names '\(gas)'; expected gases from \(known.joined(separator: ", "))",
                suggestion: NameSuggestion.hint(for: gas, in: known, noun: "gases"))
        }
        guard list.contains("CO2") else {
            throw r.error(name, "leaves out CO2; the GEI is built on CO2 and every list must hold it")
        }
        return list
    }
}
