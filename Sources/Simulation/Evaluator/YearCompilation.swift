import CCTS

/// One compliance year being compiled (``PlanCompiler``): its plan and labels, the rules it reads
/// (each noted in ``use(_:)``, its validity checked), in the order the lifecycle evaluates them:
/// period and gases, fuels, process, fugitive gases, the boundary (electricity, heat, captured CO2),
/// products, verification, the compliance rules, the price, offsets. One method per stage, so that
/// none is longer than a screen.
struct YearCompilation {
    let compiler: PlanCompiler
    let inputs: YearInputs
    let scenario: Scenario
    let year: ComplianceYear
    /// The year's field path in the scenario, `years["2025-26"]`.
    let prefix: String
    /// The year's compliance period when shorter than the year (a schedule's first period).
    let period: CompliancePeriod?
    /// The factor on the year's quantities from its period (1, or the period's share of the year).
    let pro: Double
    /// The gases the entity's sector covers.
    let covered: [String]
    var plan = YearPlan()
    var label = PlanLabels.Year()

    var rules: RuleSet { compiler.rules }
    var compliance: ComplianceRules { compiler.rules.compliance }
    var factorUncertainty: Bool { compiler.factorUncertainty }

    /// The year's period and the gases its sector covers.
    init(_ inputs: YearInputs, scenario: Scenario, compiler: PlanCompiler) {
        self.compiler = compiler
        self.inputs = inputs
        self.scenario = scenario
        year = inputs.year
        prefix = "years[\"\(inputs.year)\"]"
        let year = inputs.year
        period = compiler.rules.compliance.period(
            for: year,
            schedule: compiler.rules.sector(scenario.entity.sector)?.schedule(subsector: scenario.entity.subsector))
        let (share, periodWarning) = compiler.periodShare(period, inputs)
        pro = share
        covered = compiler.rules.coveredGases(sector: scenario.entity.sector)
        plan.periodShare = share
        if let periodWarning { label.warnings.append(periodWarning) }
        if let period {
            _ = use(period.provenance)
            label.period = period.description
        }
        let gwp = compiler.rules.gwp
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
                    "\(year): \(gas) from combustion not counted, outside the sector's gases: sector "
                        + "'\(scenario.entity.sector)' covers \(covered.joined(separator: ", "))"
                ))
        }
    }

    /// Notes a rule's use in this year, checks its validity, and returns its citation.
    mutating func use(_ provenance: Provenance) -> String {
        label.usedRules.insert(provenance.rule)
        if !provenance.valid.covers(year) {
            let message =
                "\(provenance.rule) is valid \(provenance.valid) but is used for \(year) (\(provenance.source))"
            if !label.staleRules.contains(message) { label.staleRules.append(message) }
        }
        return provenance.citation
    }

    /// Fuel lines, then the fuel-mix lines after the listed ones (as the lifecycle orders them).
    mutating func fuels(builder: inout Builder) throws {
        plan.fuels.start = Int32(builder.plan.fuels.count)
        for line in inputs.fuels {
            var term = try compiler.fuelTerm(
                line, quantity: builder.input(line.key + ".quantity", line.quantity), use: { use($0) },
                builder: &builder)
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
                var term = try compiler.fuelTerm(
                    line, quantity: output + Int32(source), use: { use($0) }, builder: &builder)
                term.share *= pro
                builder.plan.fuels.append(term)
            }
        }
        plan.fuels.count = Int32(builder.plan.fuels.count) - plan.fuels.start
    }

    /// Process materials: inputs whose carbon is released, outputs whose carbon leaves.
    mutating func process(builder: inout Builder) throws {
        plan.process.start = Int32(builder.plan.process.count)
        for line in inputs.process {
            guard let material = rules.material(line.material) else {
                throw compiler.unknown("process material", line.material, line.path, scenario)
            }
            let ef = line.ef.map { builder.constant($0) } ?? builder.factor(material.ef, uncertain: factorUncertainty)
            builder.plan.labels.process.append(
                .init(
                    name: material.id, path: line.path,
                    origin: line.ef == nil ? use(material.ef.provenance) : compiler.typeII(replacing: material.ef)))
            builder.plan.process.append(
                ProcessTerm(
                    quantity: builder.input(line.key + ".quantity", line.quantity),
                    toBase: line.unit.toBase * pro, ef: ef, purity: line.purity,
                    direction: material.output ? -1 : 1))
        }
        plan.process.count = Int32(builder.plan.process.count) - plan.process.start
    }

    /// Refrigerants and other fluorinated gases, those the sector covers.
    mutating func fugitive(builder: inout Builder) throws {
        plan.fugitive.start = Int32(builder.plan.fugitive.count)
        for line in inputs.refrigerants {
            guard let gas = rules.refrigerant(line.refrigerant), let gwp = gas.gwp[rules.gwpInForce] else {
                throw compiler.unknown("refrigerant", line.refrigerant, line.path, scenario)
            }
            guard covered.contains(gas.group) else {
                label.warnings.append(
                    Warning(
                        .gasNotCovered,
                        "\(year): \(gas.id) (\(gas.group)) at \(line.path) not counted, outside the sector's gases: "
                            + "sector '\(scenario.entity.sector)' covers \(covered.joined(separator: ", "))"
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
    }

    /// Electricity and heat bought and exported, and captured CO2.
    mutating func boundary(builder: inout Builder) throws {
        plan.electricityPurchased = builder.input(prefix + ".electricity.purchased", inputs.electricity.purchased)
        plan.electricityExported = builder.input(prefix + ".electricity.exported", inputs.electricity.exported)
        label.renewable = builder.input(prefix + ".electricity.renewable", inputs.electricity.renewable)
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
    }

    /// Products and their equivalence.
    mutating func products(builder: inout Builder) throws {
        plan.products.start = Int32(builder.plan.products.count)
        let sector = rules.sector(scenario.entity.sector)
        for line in inputs.products {
            guard let equivalence = line.equivalence ?? sector?.product(line.product)?.equivalence.value else {
                throw compiler.unknown("product", line.product, line.path, scenario)
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
    }

    /// The verifier's findings and the materiality rule.
    mutating func verification(builder: inout Builder) {
        plan.emissionsFinding = builder.input(prefix + ".verification.emissions", inputs.verification.emissions)
        plan.productionFinding = builder.input(prefix + ".verification.production", inputs.verification.production)
        switch rules.verification.materiality {
        case .constant(let x): plan.materiality = x
        case .function(let f): plan.materialityFunction = builder.function(f)
        }
        plan.uplift = rules.verification.conservativeUplift
        plan.materialityOnGEI = rules.verification.basis == .gei
        label.materialityOrigin = use(rules.verification.provenance)
    }

    /// The target, rounding, offset cap, compensation and banking rules of the year.
    mutating func complianceRules(builder: inout Builder) throws {
        guard let target = Targets.target(for: scenario.entity, in: year, rules: rules) else {
            throw InputError(
                file: scenario.file, path: "entity.targets[\"\(year)\"]",
                message:
                    "no GEI target for \(year): the rules hold none for registration '\(scenario.entity.registration)' "
                    + "and the scenario states none",
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
    }

    /// The year's CCC price and where it comes from.
    mutating func price(index: Int, builder: inout Builder) throws {
        if let market = compliance.marketPrices {
            // A stored market run prices the year world by world; at expected values, its mean.
            guard let row = market.row(year) else {
                throw InputError(
                    file: market.source, path: "prices[\"\(year)\"]",
                    message:
                        "the market run has no price for \(year); it cleared "
                        + "\(market.years.map(\.description).joined(separator: ", "))",
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
    }

    /// Offsets delivered, with their eligibility.
    mutating func offsets(builder: inout Builder) {
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
    }
}
