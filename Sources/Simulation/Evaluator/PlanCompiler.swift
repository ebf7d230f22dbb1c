import CCTS

/// Compiles a scenario and its rules into a ``Plan``.
///
/// Every lookup the lifecycle makes by name (fuel factors, the grid factor in force,
/// products' equivalence, targets, offset eligibility, the validity of every rule used) is
/// made here once. Each input gets its stable key (`years["2025-26"].fuels.coal_imported.quantity`),
/// from which its draws are derived.
public struct PlanCompiler {
    public let rules: RuleSet
    public let factorUncertainty: Bool
    /// A rule used outside its validity period is an error instead of a warning.
    public let strict: Bool

    public init(rules: RuleSet, factorUncertainty: Bool = false, strict: Bool = false) {
        self.rules = rules
        self.factorUncertainty = factorUncertainty
        self.strict = strict
    }

    /// - Throws: ``InputError`` for a name the rules do not know, a year without target, price or
    ///   grid factor, a stale rule under `strict`, or an impossible correlation matrix.
    public func compile(_ scenario: Scenario) throws -> Plan {
        var builder = Builder()
        builder.plan.file = scenario.file
        builder.plan.labels.scenarioWarnings = scenario.warnings
        // A sector the GEI Target Rules do not (yet) notify has no target or period of its own: every
        // run says so, with the proposed trajectory where the rules cite one.
        if let sector = rules.sector(scenario.entity.sector), !sector.notified {
            builder.plan.labels.scenarioWarnings.append(
                Warning(
                    .sectorNotNotified,
                    "sector '\(sector.id)' (\(sector.name)) has no notified GEI target or compliance period: the run "
                        + "uses the scenario's own targets and whole financial years"
                        + (sector.provenance.note.map { "; \($0)" } ?? "")))
        }
        builder.plan.labels.materialityFile = rules.verification.provenance.file
        builder.plan.labels.compensationFile = rules.compliance.compensationProvenance.file
        builder.plan.correlation = try CorrelationModel.build(scenario.correlations, file: scenario.file)
        builder.plan.openingBalance = scenario.openingBalance
        if let market = rules.compliance.marketPrices {
            builder.plan.marketPrices = market.prices
            builder.plan.marketWorlds = Swift.max(market.worlds, 1)
        }
        builder.plan.yearLabels = scenario.years.map(\.year)
        builder.correlatedKeys = Set(builder.plan.correlation.keys)

        if let path = scenario.pricePath {
            var term = PricePathTerm(path: path, shocks: [], prices: [])
            for (index, year) in scenario.years.enumerated() {
                if index == 0 {
                    term.shocks.append(-1)
                    term.prices.append(builder.input(PricePath.startKey, path.start))
                } else {
                    term.shocks.append(builder.input(PricePath.shockKey(year.year), .standardNormal))
                    term.prices.append(builder.derived(1))
                }
            }
            builder.plan.pricePath = term
        }
        for (index, year) in scenario.years.enumerated() {
            builder.plan.years.append(try compileYear(year, index: index, scenario: scenario, builder: &builder))
        }
        return builder.finish()
    }

    /// One year's plan: each stage of the lifecycle compiled in order (``YearCompilation``), then
    /// its trades, which read the period and the surrender date.
    private func compileYear(_ inputs: YearInputs, index: Int, scenario: Scenario, builder: inout Builder) throws
        -> YearPlan
    {
        var y = YearCompilation(inputs, scenario: scenario, compiler: self)
        try y.fuels(builder: &builder)
        try y.process(builder: &builder)
        try y.fugitive(builder: &builder)
        try y.boundary(builder: &builder)
        try y.products(builder: &builder)
        y.verification(builder: &builder)
        try y.complianceRules(builder: &builder)
        try y.price(index: index, builder: &builder)
        y.offsets(builder: &builder)
        let year = y.year, compliance = rules.compliance
        let surrender = year.surrenderDate(compliance.surrenderDeadline)
        y.label.surrenderDate = "\(surrender)"
        if let provenance = compliance.surrenderProvenance { _ = y.use(provenance) }
        try trades(
            inputs, period: (y.period?.from ?? year.firstDay, surrender), scenario: scenario, plan: &y.plan,
            builder: &builder)
        if strict, let stale = y.label.staleRules.first {
            throw InputError(
                file: scenario.file, path: y.prefix,
                message: "--strict: \(stale)",
                suggestion: "update the rule, or run without --strict to accept it with a warning")
        }
        builder.plan.labels.usedRules.formUnion(y.label.usedRules)
        builder.plan.labels.years.append(y.label)
        return y.plan
    }

    /// The factor on the year's quantities from its compliance period: the period's share of the
    /// year when the scenario says its quantities cover the full year, else 1. Says what it
    /// assumed when the scenario does not state it, and that the statement does nothing when
    /// the period is the whole year.
    func periodShare(_ period: CompliancePeriod?, _ inputs: YearInputs) -> (share: Double, warning: Warning?) {
        let year = inputs.year
        guard let period else {
            return (
                1,
                inputs.monitored.map {
                    Warning(
                        .noEffect,
                        "\(year): monitored = \"\($0.rawValue)\" has no effect: the compliance period is the whole year"
                    )
                }
            )
        }
        let name = "\(year) is a short compliance period for \(period.schedule) Schedule sectors, \(period.description)"
        switch inputs.monitored {
        case nil:
            return (
                1,
                Warning(
                    .shortPeriodAssumed,
                    "\(name): the year's quantities are taken as monitored over that period; say monitored = "
                        + "\"period\" or \"full_year\" in the year to confirm"
                )
            )
        case .period?:
            return (1, nil)
        case .fullYear?:
            let share = period.shareOfYear
            return (
                share,
                Warning(
                    .shortPeriodProRata,
                    "\(name): quantities monitored over the full year are taken pro rata, × "
                        + "\(period.days)/\(year.days) = \(((share * 1e6).rounded() / 1e6).shown)"
                )
            )
        }
    }

    /// The trace's origin for a site-specific value: it replaces the rule's default, which is named.
    func typeII(replacing factor: Factor) -> String {
        "Type II (scenario), replacing the default \(factor.value) of \(factor.provenance.rule)"
    }

    func fuelTerm(_ line: FuelLine, quantity: Int32, use: (Provenance) -> String, builder: inout Builder) throws
        -> FuelTerm
    {
        guard let fuel = rules.fuel(line.fuel) else {
            throw InputError(file: builder.plan.file, path: line.path, message: "unknown fuel '\(line.fuel)'")
        }
        let isVolume = line.unit.dimension == .liquidVolume || line.unit.dimension == .gasVolume
        var perBase = 1.0
        var density: (Double, String, String)?
        if isVolume {
            guard let tonnes = line.tonnesPerBaseUnit(of: fuel) else {
                throw InputError(
                    file: builder.plan.file, path: line.path + ".unit",
                    message:
                        "'\(line.unit.symbol)' is a \(line.unit.dimension.rawValue) but the rules give no density for "
                        + "\(fuel.id)",
                    suggestion: "give the quantity in t, or add density to the fuel rule")
            }
            perBase = tonnes
            density =
                line.density.map { ($0, line.unit.dimension == .gasVolume ? "kg/Sm3" : "t/kL", "Type II (scenario)") }
                ?? (fuel.density!.value, fuel.density!.unit, use(fuel.density!.provenance))
        }
        let isEnergy = line.unit.dimension == .energy
        builder.plan.labels.fuels.append(
            PlanLabels.Fuel(
                fuel: fuel.id, path: line.path, unit: line.unit.symbol,
                ncvOrigin: isEnergy ? "" : (line.ncv == nil ? use(fuel.ncv.provenance) : typeII(replacing: fuel.ncv)),
                co2Origin: line.co2 == nil ? use(fuel.co2.provenance) : typeII(replacing: fuel.co2),
                ch4Origin: line.ch4 == nil ? use(fuel.ch4.provenance) : typeII(replacing: fuel.ch4),
                n2oOrigin: line.n2o == nil ? use(fuel.n2o.provenance) : typeII(replacing: fuel.n2o),
                biomassOrigin: line.biomassFraction == nil
                    ? (fuel.biogenic ? "biogenic fuel" : "fossil fuel") : "scenario",
                density: density, isEnergy: isEnergy))
        return FuelTerm(
            quantity: quantity, share: line.share, toBase: line.unit.toBase, perBase: perBase,
            isEnergy: isEnergy, isVolume: isVolume,
            ncv: line.ncv.map { builder.constant($0) } ?? builder.factor(fuel.ncv, uncertain: factorUncertainty),
            co2: line.co2.map { builder.constant($0) } ?? builder.factor(fuel.co2, uncertain: factorUncertainty),
            ch4: line.ch4.map { builder.constant($0) } ?? builder.factor(fuel.ch4, uncertain: factorUncertainty),
            n2o: line.n2o.map { builder.constant($0) } ?? builder.factor(fuel.n2o, uncertain: factorUncertainty),
            biomass: line.biomassFraction ?? (fuel.biogenic ? 1 : 0))
    }

    /// The year's purchases and sales in the order they happen against the surrender deadline
    /// of the rules: dated ones by date (a trade on the deadline itself comes before the
    /// surrender); an undated purchase just before the surrender (bought to surrender), an
    /// undated sale after it (sold from what is left), in the order written.
    private func trades(
        _ inputs: YearInputs, period: (from: CalendarDay, surrender: CalendarDay), scenario: Scenario,
        plan: inout YearPlan, builder: inout Builder
    ) throws {
        let year = inputs.year
        let latest = year.next.lastDay
        var ordered: [(trade: Trade, isSale: Bool, day: CalendarDay, before: Bool, index: Int)] = []
        for (isSale, lines) in [(false, inputs.purchases), (true, inputs.sales)] {
            for line in lines {
                if let date = line.date, date < period.from || latest < date {
                    throw InputError(
                        file: scenario.file, path: line.path + ".date",
                        message:
                            "is \(date); a trade of \(year) is dated from \(period.from) (the start of its compliance "
                            + "period) to \(latest)",
                        suggestion: date < period.from
                            ? "a trade before \(period.from) belongs to the year before, or to opening_balance"
                            : "a trade this late belongs to the next year's trades")
                }
                let day = line.date ?? period.surrender
                ordered.append(
                    (line, isSale, day, line.date.map { !(period.surrender < $0) } ?? !isSale, ordered.count))
            }
        }
        ordered.sort { a, b in
            if a.before != b.before { return a.before }
            if a.day != b.day { return a.day < b.day }
            return a.index < b.index
        }
        plan.trades.start = Int32(builder.plan.trades.count)
        for entry in ordered {
            let line = entry.trade
            builder.plan.trades.append(
                TradeTerm(
                    quantity: builder.input(line.key + ".quantity", line.quantity),
                    price: line.price.map { builder.input(line.key + ".price", $0) } ?? -1,
                    isSale: entry.isSale))
            let when = line.date.map { "on \($0)" } ?? (entry.isSale ? "after the surrender" : "at the surrender")
            builder.plan.labels.trades.append(
                .init(isSale: entry.isSale, path: line.path, when: when, beforeSurrender: entry.before))
        }
        plan.trades.count = Int32(ordered.count)
        plan.tradesBeforeSurrender = Int32(ordered.filter(\.before).count)
    }

    func unknown(_ what: String, _ name: String, _ path: String, _ scenario: Scenario) -> InputError {
        InputError(file: scenario.file, path: path, message: "unknown \(what) '\(name)'")
    }
}

/// Assigns slots while compiling; the same key always gets the same slot.
struct Builder {
    var plan = Plan()
    var correlatedKeys: Set<String> = []
    private var slotsByKey: [String: Int32] = [:]
    private var tables = DiscreteTables()
    private var derivedCount = 0

    /// The slot of a scenario input.
    mutating func input(_ key: String, _ distribution: Distribution) -> Int32 {
        slot(key, CompiledDistribution.compile(distribution, tables: &tables), expected: distribution.expectedValue)
    }

    /// The slot of a rule factor: drawn from its range under factor uncertainty, else its value.
    mutating func factor(_ factor: Factor, uncertain: Bool) -> Int32 {
        slot(
            factor.drawKey,
            uncertain ? .factorUncertainty(factor) : CompiledDistribution(kind: .fixed, a: factor.value),
            expected: factor.value)
    }

    /// A slot for a constant (Type II values, defaults).
    mutating func constant(_ x: Double) -> Int32 {
        slot(nil, CompiledDistribution(kind: .fixed, a: x), expected: x)
    }

    /// Derived slots are numbered from this base until ``finish()`` moves them after the inputs.
    static let derivedBase: Int32 = -500_000_000

    /// `count` consecutive derived slots (the first is returned; add an offset for the others).
    mutating func derived(_ count: Int) -> Int32 {
        defer { derivedCount += count }
        return Builder.derivedBase + Int32(derivedCount)
    }

    mutating func function(_ f: RuleFunction) -> Int32 {
        if let index = plan.functions.firstIndex(where: { $0 === f }) { return Int32(index) }
        plan.functions.append(f)
        return Int32(plan.functions.count - 1)
    }

    private mutating func slot(_ key: String?, _ distribution: CompiledDistribution, expected: Double) -> Int32 {
        if let key, let existing = slotsByKey[key] { return existing }
        let index = Int32(plan.inputKeys.count)
        plan.expected.append(expected)
        plan.inputKeys.append(key ?? "(constant)")
        plan.inputDistributions.append(distribution)
        plan.inputHashes.append(key.map(RandomStream.hash) ?? 0)
        if let key {
            slotsByKey[key] = index
            if !distribution.isFixed {
                if correlatedKeys.contains(key) {
                    plan.correlated.append(index)
                } else {
                    plan.independent.append(index)
                }
            }
        }
        return index
    }

    /// Moves derived slots after the inputs and builds the template.
    mutating func finish() -> Plan {
        let inputCount = Int32(plan.inputKeys.count)
        func fix(_ slot: inout Int32) {
            if slot < 0 { slot = inputCount + (slot - Builder.derivedBase) }
        }
        for i in plan.fuels.indices { fix(&plan.fuels[i].quantity) }
        for i in plan.mixes.indices { fix(&plan.mixes[i].output) }
        if var path = plan.pricePath {
            for i in path.prices.indices { fix(&path.prices[i]) }
            plan.pricePath = path
        }
        for i in plan.years.indices { fix(&plan.years[i].price) }
        plan.slotCount = Int(inputCount) + derivedCount
        plan.template =
            plan.inputDistributions.map { $0.kind == .fixed ? $0.a : 0 } + [Double](repeating: 0, count: derivedCount)
        // Correlated slots in the model's key order.
        plan.copulaSlots = plan.correlation.keys.map { key in slotsByKey[key] ?? -1 }
        plan.copulaCommon = plan.correlation.keys.map(CorrelationModel.isCommon)
        plan.hasCommonFactors = plan.copulaCommon.contains(true)
        plan.correlated = plan.copulaSlots.filter { $0 >= 0 }
        plan.correlationHashes = plan.correlation.keys.map(RandomStream.hash)
        plan.copulaTables = plan.copulaSlots.map { slot in
            guard slot >= 0 else { return nil }
            let d = plan.inputDistributions[Int(slot)]
            return d.kind == .beta ? CopulaQuantileTable(alpha: d.a, beta: d.b, lower: d.c, upper: d.d) : nil
        }
        plan.sampler = Sampler(tables: tables)
        return plan
    }
}
