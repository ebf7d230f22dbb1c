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

    private func compileYear(_ inputs: YearInputs, index: Int, scenario: Scenario, builder: inout Builder) throws
        -> YearPlan
    {
        let year = inputs.year
        let prefix = "years[\"\(year)\"]"
        var plan = YearPlan()
        var label = PlanLabels.Year()
        /// Notes a rule's use in this year, checks its validity, and returns its citation.
        func use(_ provenance: Provenance) -> String {
            label.usedRules.insert(provenance.rule)
            if !provenance.valid.covers(year) {
                let message =
                    "\(provenance.rule) is valid \(provenance.valid) but is used for \(year) (\(provenance.source))"
                if !label.staleRules.contains(message) { label.staleRules.append(message) }
            }
            return provenance.citation
        }
        let period = rules.compliance.period(
            for: year, schedule: rules.sector(scenario.entity.sector)?.schedule(subsector: scenario.entity.subsector))
        let (pro, periodWarning) = periodShare(period, inputs)
        plan.periodShare = pro
        if let periodWarning { label.warnings.append(periodWarning) }
        if let period {
            _ = use(period.provenance)
            label.period = period.description
        }
        let gwp = rules.gwp
        let covered = rules.coveredGases(sector: scenario.entity.sector)
        // Every year reads the gases its sector covers (its own list, or the scheme's): a reform of
        // either changes every year's total, and is never "changed but not used".
        label.usedRules.formUnion(["sectors.\(scenario.entity.sector).gases", "compliance.covered_gases"])
        // A gas the sector does not cover counts as zero, and the year says so.
        plan.gwpCH4 = covered.contains("CH4") ? gwp.ch4 : 0
        plan.gwpN2O = covered.contains("N2O") ? gwp.n2o : 0
        label.gwpOrigin = use(gwp.provenance)
        for gas in ["CH4", "N2O"] where !covered.contains(gas) {
            label.warnings.append(
                Warning(
                    .gasNotCovered,
                    "\(year): \(gas) from combustion not counted, outside the sector's gases: sector '\(scenario.entity.sector)' covers \(covered.joined(separator: ", "))"
                ))
        }

        // Fuels, fuel-mix lines after the listed ones (as the lifecycle orders them).
        plan.fuels.start = Int32(builder.plan.fuels.count)
        for line in inputs.fuels {
            var term = try fuelTerm(
                line, quantity: builder.input(line.key + ".quantity", line.quantity), use: use, builder: &builder)
            term.share *= pro
            builder.plan.fuels.append(term)
        }
        for mix in inputs.fuelMixes {
            let total = builder.input(mix.key + ".total", mix.total)
            let output = builder.derived(mix.fuels.count)
            builder.plan.mixes.append(
                MixTerm(
                    total: total, sharesHash: RandomStream.hash(mix.key + ".shares"),
                    alphaStart: Int32(builder.plan.alphas.count), count: Int32(mix.fuels.count), output: output))
            builder.plan.alphas += mix.concentrations.map(GammaShape.init)
            builder.plan.mixConcentrations.append(mix.concentrations)
            builder.plan.mixFuels.append(mix.fuels)
            builder.plan.mixKeys.append(mix.key)
            for (source, line) in mix.lines {
                var term = try fuelTerm(line, quantity: output + Int32(source), use: use, builder: &builder)
                term.share *= pro
                builder.plan.fuels.append(term)
            }
        }
        plan.fuels.count = Int32(builder.plan.fuels.count) - plan.fuels.start

        plan.process.start = Int32(builder.plan.process.count)
        for line in inputs.process {
            guard let material = rules.material(line.material) else {
                throw unknown("process material", line.material, line.path, scenario)
            }
            let ef = line.ef.map { builder.constant($0) } ?? builder.factor(material.ef, uncertain: factorUncertainty)
            builder.plan.labels.process.append(
                .init(
                    name: material.id, path: line.path,
                    origin: line.ef == nil ? use(material.ef.provenance) : typeII(replacing: material.ef)))
            builder.plan.process.append(
                ProcessTerm(
                    quantity: builder.input(line.key + ".quantity", line.quantity),
                    toBase: line.unit.toBase * pro, ef: ef, purity: line.purity,
                    direction: material.output ? -1 : 1))
        }
        plan.process.count = Int32(builder.plan.process.count) - plan.process.start

        plan.fugitive.start = Int32(builder.plan.fugitive.count)
        for line in inputs.refrigerants {
            guard let gas = rules.refrigerant(line.refrigerant), let gwp = gas.gwp[rules.gwpInForce] else {
                throw unknown("refrigerant", line.refrigerant, line.path, scenario)
            }
            guard covered.contains(gas.group) else {
                label.warnings.append(
                    Warning(
                        .gasNotCovered,
                        "\(year): \(gas.id) (\(gas.group)) at \(line.path) not counted, outside the sector's gases: sector '\(scenario.entity.sector)' covers \(covered.joined(separator: ", "))"
                    ))
                continue
            }
            builder.plan.labels.fugitive.append(
                .init(
                    name: line.refrigerant, path: line.path,
                    origin: use(rules.refrigerant(line.refrigerant)!.provenance)))
            builder.plan.fugitive.append(
                FugitiveTerm(
                    quantity: builder.input(line.key + ".quantity", line.quantity),
                    toBase: line.unit.toBase * pro, gwp: gwp))
        }
        plan.fugitive.count = Int32(builder.plan.fugitive.count) - plan.fugitive.start

        plan.electricityPurchased = builder.input(prefix + ".electricity.purchased", inputs.electricity.purchased)
        plan.electricityExported = builder.input(prefix + ".electricity.exported", inputs.electricity.exported)
        label.renewable = builder.input(prefix + ".electricity.renewable", inputs.electricity.renewable)
        let compliance = rules.compliance
        plan.exportsDeductible = compliance.exportsDeductible
        plan.capturedDeductible = compliance.capturedCO2Deductible
        label.complianceOrigin = compliance.provenance.citation
        // Purchases are priced at a site-specific factor when the scenario gives one, else at the
        // grid's; exports are always deducted at the grid's, what the exported power displaces
        // (compliance.lua's assumption on compliance.exports_deductible): a supplier's factor says
        // nothing of the power the plant sends out.
        let readsGrid =
            (inputs.electricity.factor == nil && inputs.electricity.purchased != .fixed(0))
            || inputs.electricity.exported != .fixed(0)
        if readsGrid {
            guard let entry = rules.grid(inputs.electricity.grid)?.factor(for: year) else {
                throw InputError(
                    file: scenario.file, path: prefix + ".electricity.grid",
                    message: "no grid factor for '\(inputs.electricity.grid)' in or before \(year)",
                    suggestion: "add the year's factor to the grid rule, or name another grid")
            }
            plan.exportGridFactor = builder.factor(entry.factor, uncertain: factorUncertainty)
            label.exportGridOrigin =
                use(entry.factor.provenance) + (entry.year == year ? "" : " (latest published: \(entry.year))")
        } else {
            plan.exportGridFactor = builder.constant(0)
        }
        if let site = inputs.electricity.factor {
            plan.gridFactor = builder.constant(site)
            label.gridOrigin = "Type II (scenario): site-specific electricity factor, replacing the grid's"
        } else {
            plan.gridFactor = plan.exportGridFactor
            label.gridOrigin = label.exportGridOrigin
        }
        plan.heatPurchased = builder.input(prefix + ".heat.purchased", inputs.heat.purchased)
        plan.heatExported = builder.input(prefix + ".heat.exported", inputs.heat.exported)
        if inputs.heat.purchased != .fixed(0) || inputs.heat.exported != .fixed(0) {
            guard let source = rules.heatSource(inputs.heat.source) else {
                throw InputError(
                    file: scenario.file, path: prefix + ".heat.source",
                    message: "unknown heat source '\(inputs.heat.source)'")
            }
            plan.heatFactor = builder.factor(source.factor, uncertain: factorUncertainty)
            label.heatOrigin = use(source.factor.provenance)
            plan.heatExportFactor = plan.heatFactor
            label.heatExportOrigin = label.heatOrigin
            if let exportName = inputs.heat.exportSource {
                guard let exportSource = rules.heatSource(exportName) else {
                    throw InputError(
                        file: scenario.file, path: prefix + ".heat.export_source",
                        message: "unknown heat source '\(exportName)'")
                }
                plan.heatExportFactor = builder.factor(exportSource.factor, uncertain: factorUncertainty)
                label.heatExportOrigin = use(exportSource.factor.provenance)
            }
        } else {
            plan.heatFactor = builder.constant(0)
            plan.heatExportFactor = plan.heatFactor
        }
        plan.captured = builder.input(prefix + ".captured_co2", inputs.capturedCO2)
        if !plan.exportsDeductible {
            let why = "the rules in force do not allow it"
            label.notDeducted += [
                (plan.electricityExported, "exported electricity", "MWh", why),
                (plan.heatExported, "exported heat", "GJ", why),
            ]
        }
        if !plan.capturedDeductible {
            label.notDeducted.append((plan.captured, "captured CO2", "t", "the rules in force do not accept it"))
        }

        plan.products.start = Int32(builder.plan.products.count)
        let sector = rules.sector(scenario.entity.sector)
        for line in inputs.products {
            guard let equivalence = line.equivalence ?? sector?.product(line.product)?.equivalence.value else {
                throw unknown("product", line.product, line.path, scenario)
            }
            var origin =
                line.equivalence == nil ? use(sector!.product(line.product)!.equivalence.provenance) : "scenario"
            if let normaliser = line.normaliser, let name = sector?.product(line.product)?.normaliser {
                origin += " × \(name.uppercased()) \(normaliser.shown) (scenario)"
            }
            builder.plan.labels.products.append(
                .init(
                    name: line.product, path: line.path, origin: origin,
                    baseUnit: line.unit.dimension == .oilVolume ? "MBBLS" : "t"))
            builder.plan.products.append(
                ProductTerm(
                    quantity: builder.input(line.key + ".quantity", line.quantity),
                    toBase: line.unit.toBase * pro, equivalence: equivalence * (line.normaliser ?? 1)))
        }
        plan.products.count = Int32(builder.plan.products.count) - plan.products.start

        plan.emissionsFinding = builder.input(prefix + ".verification.emissions", inputs.verification.emissions)
        plan.productionFinding = builder.input(prefix + ".verification.production", inputs.verification.production)
        switch rules.verification.materiality {
        case .constant(let x): plan.materiality = x
        case .function(let f): plan.materialityFunction = builder.function(f)
        }
        plan.uplift = rules.verification.conservativeUplift
        plan.materialityOnGEI = rules.verification.basis == .gei
        label.materialityOrigin = use(rules.verification.provenance)

        guard let target = Targets.target(for: scenario.entity, in: year, rules: rules) else {
            throw InputError(
                file: scenario.file, path: "entity.targets[\"\(year)\"]",
                message:
                    "no GEI target for \(year): the rules hold none for registration '\(scenario.entity.registration)' and the scenario states none",
                suggestion: "add entity.targets = { [\"\(year)\"] = … } to the scenario")
        }
        plan.target = target.gei
        if let provenance = target.provenance { _ = use(provenance) }
        label.targetOrigin = target.origin
        plan.scale = Settlement.scale(decimals: compliance.geiDecimals)
        plan.issueRounding = compliance.issueRounding
        plan.surrenderRounding = compliance.surrenderRounding
        plan.offsetShare = compliance.offsets.maximumShare ?? .infinity
        switch compliance.compensationMultiple {
        case .constant(let x): plan.compensationMultiple = x
        case .function(let f): plan.compensationFunction = builder.function(f)
        }
        label.compensationOrigin = use(compliance.compensationProvenance)
        label.offsetShare = compliance.offsets.maximumShare
        plan.bankingAllowed = compliance.banking.allowed
        plan.maximumCarried = compliance.banking.maximumCarried ?? .infinity

        if let market = compliance.marketPrices {
            // A stored market run prices the year world by world; at expected values, its mean.
            guard let row = market.row(year) else {
                throw InputError(
                    file: market.source, path: "prices[\"\(year)\"]",
                    message:
                        "the market run has no price for \(year); it cleared \(market.years.map(\.description).joined(separator: ", "))",
                    suggestion:
                        "clear a portfolio whose years include \(year) with ccts compare, or leave out --prices-from")
            }
            plan.price = builder.constant(market.mean(row: row))
            plan.marketRow = Int32(row)
            label.priceOrigin = market.origin(row: row)
        } else if let path = builder.plan.pricePath {
            plan.price = path.prices[index]
            label.priceOrigin = "scenario (market.price path)"
        } else if let own = scenario.prices.first(where: { $0.year == year }) {
            plan.price = builder.input("market.price[\"\(year)\"]", own.price)
            label.priceOrigin = "scenario (market.price)"
        } else if let entry = compliance.price(for: year) {
            plan.price = builder.constant(entry.factor.value)
            label.priceOrigin = use(entry.factor.provenance)
        } else {
            throw InputError(
                file: scenario.file, path: "market.price[\"\(year)\"]",
                message: "no CCC price for \(year) in the scenario or the rules",
                suggestion: "add market = { price = { [\"\(year)\"] = … } } to the scenario")
        }

        plan.offsets.start = Int32(builder.plan.offsets.count)
        for line in inputs.offsets {
            // Eligibility by type and vintage does not depend on the world; the cap is applied per world.
            let ineligibility = compliance.offsets.ineligibility(type: line.type, vintage: line.vintage, year: year)
            let eligible = ineligibility == nil
            builder.plan.labels.offsets.append(
                .init(
                    project: line.project, type: line.type, vintage: line.vintage, path: line.path,
                    ineligibility: ineligibility))
            builder.plan.offsets.append(
                OffsetTerm(
                    credits: line.credits, delivered: builder.input(line.key + ".delivered", line.delivered),
                    eligible: eligible,
                    price: line.price.map { builder.input(line.key + ".price", $0) } ?? -1))
        }
        plan.offsets.count = Int32(builder.plan.offsets.count) - plan.offsets.start
        let surrender = year.surrenderDate(compliance.surrenderDeadline)
        label.surrenderDate = "\(surrender)"
        if let provenance = compliance.surrenderProvenance { _ = use(provenance) }
        try trades(
            inputs, period: (period?.from ?? year.firstDay, surrender), scenario: scenario, plan: &plan,
            builder: &builder)
        if strict, let stale = label.staleRules.first {
            throw InputError(
                file: scenario.file, path: prefix,
                message: "--strict: \(stale)",
                suggestion: "update the rule, or run without --strict to accept it with a warning")
        }
        builder.plan.labels.usedRules.formUnion(label.usedRules)
        builder.plan.labels.years.append(label)
        return plan
    }

    /// The factor on the year's quantities from its compliance period: the period's share of the
    /// year when the scenario says its quantities cover the full year, else 1. Says what it
    /// assumed when the scenario does not state it, and that the statement does nothing when
    /// the period is the whole year.
    private func periodShare(_ period: CompliancePeriod?, _ inputs: YearInputs) -> (share: Double, warning: Warning?) {
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
                    "\(name): the year's quantities are taken as monitored over that period; say monitored = \"period\" or \"full_year\" in the year to confirm"
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
                    "\(name): quantities monitored over the full year are taken pro rata, × \(period.days)/\(year.days) = \(((share * 1e6).rounded() / 1e6).shown)"
                )
            )
        }
    }

    /// The trace's origin for a site-specific value: it replaces the rule's default, which is named.
    private func typeII(replacing factor: Factor) -> String {
        "Type II (scenario), replacing the default \(factor.value) of \(factor.provenance.rule)"
    }

    private func fuelTerm(_ line: FuelLine, quantity: Int32, use: (Provenance) -> String, builder: inout Builder) throws
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
                        "'\(line.unit.symbol)' is a \(line.unit.dimension.rawValue) but the rules give no density for \(fuel.id)",
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
                            "is \(date); a trade of \(year) is dated from \(period.from) (the start of its compliance period) to \(latest)",
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

    private func unknown(_ what: String, _ name: String, _ path: String, _ scenario: Scenario) -> InputError {
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
        plan.correlated = plan.correlation.keys.compactMap { key in slotsByKey[key] }
        plan.correlationHashes = plan.correlation.keys.map(RandomStream.hash)
        plan.copulaTables = plan.correlated.map { slot in
            let d = plan.inputDistributions[Int(slot)]
            return d.kind == .beta ? CopulaQuantileTable(alpha: d.a, beta: d.b, lower: d.c, upper: d.d) : nil
        }
        plan.sampler = Sampler(tables: tables)
        return plan
    }
}
