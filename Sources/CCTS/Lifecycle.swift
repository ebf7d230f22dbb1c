/// The CCTS compliance lifecycle, year after year: monitoring → equivalent
/// production → GEI → verification → credits → ledger → compensation, with
/// the closing balance banked into the next year.
///
/// Pure: the same scenario, rules and input values give the same outcome.
///
/// ```swift
/// var values = ExpectedValues()
/// let outcome = try Lifecycle(rules: rules).run(scenario, values: &values)
/// ```
public struct Lifecycle {
    public let rules: RuleSet
    /// Make a rule used outside its validity period an error instead of a warning.
    public var strict: Bool
    /// Record the computation trace (off for Monte Carlo worlds).
    public var tracing: Bool

    public init(rules: RuleSet, strict: Bool = false, tracing: Bool = true) {
        self.rules = rules
        self.strict = strict
        self.tracing = tracing
    }

    /// Runs every year of `scenario`.
    /// - Throws: ``InputError`` when an input cannot be evaluated (zero production, no target,
    ///   a stale rule under `strict`, a rule function that fails).
    public func run(_ scenario: Scenario, values: inout some InputValues) throws -> ScenarioOutcome {
        var balance = scenario.openingBalance
        var years: [YearOutcome] = []
        var pathPrice: Double?
        for inputs in scenario.years {
            if let path = scenario.pricePath {
                pathPrice = pathPrice.map { path.next(after: $0, z: values.value(of: .standardNormal, at: PricePath.shockKey(inputs.year))) }
                    ?? values.value(of: path.start, at: PricePath.startKey)
            }
            let outcome = try runYear(inputs, scenario: scenario, opening: balance, pathPrice: pathPrice, values: &values)
            balance = outcome.ledger.carried
            years.append(outcome)
        }
        return ScenarioOutcome(scenario: scenario.name, registration: scenario.entity.registration,
                               entityName: scenario.entity.name, sector: scenario.entity.sector,
                               baseline: Targets.baseline(for: scenario.entity, rules: rules), years: years)
    }

    func runYear(_ inputs: YearInputs, scenario: Scenario, opening: Double, pathPrice: Double?,
                 values: inout some InputValues) throws -> YearOutcome {
        let year = inputs.year
        let recorder = Recorder(year: year, tracing: tracing)
        let yearPath = "years[\"\(year)\"]"
        func located(_ error: InputError) -> InputError {
            var error = error
            if error.file.isEmpty { error.file = scenario.file }
            return error
        }

        // 1. Monitoring
        var monitoring = Monitoring(rules: rules, year: year, recorder: recorder)
        let emissions: EmissionsBreakdown
        do { emissions = try monitoring.emissions(inputs, values: &values) } catch let error as InputError { throw located(error) }
        recorder.step(stage: "monitoring", title: "total emissions",
                      formula: "total = combustion + process + fugitive + indirect − deductions",
                      inputs: [TraceValue("combustion", emissions.combustion, "tCO2e"), TraceValue("process", emissions.processTotal, "tCO2"),
                               TraceValue("fugitive", emissions.fugitiveTotal, "tCO2e"), TraceValue("indirect", emissions.indirect, "tCO2"),
                               TraceValue("deductions", emissions.deductions, "tCO2")],
                      result: TraceValue("total", emissions.total, "tCO2e"))

        // 2. Equivalent production and GEI
        let products = try equivalentProducts(inputs, sector: scenario.entity.sector, recorder: recorder, values: &values)
        let production = products.reduce(0) { $0 + $1.equivalent }
        guard production > 0 else {
            throw InputError(file: scenario.file, path: yearPath + ".products",
                             message: "equivalent production is \(production) t; GEI needs a production above zero",
                             suggestion: "list the year's products with their quantities")
        }
        let reportedGEI = emissions.total / production
        recorder.step(stage: "production", title: "equivalent production", formula: "Σ quantity_p × equivalence_p",
                      inputs: products.map { TraceValue($0.product, $0.quantity, "t × \($0.equivalence)") },
                      result: TraceValue("equivalent production", production, "t"))

        // 3. Verification
        let verification = try verify(inputs, emissions: emissions.total, production: production, yearPath: yearPath,
                                      recorder: recorder, values: &values, file: scenario.file)

        // 4. Compliance
        guard let target = Targets.target(for: scenario.entity, in: year, rules: rules) else {
            throw InputError(file: scenario.file, path: "entity.targets[\"\(year)\"]",
                             message: "no GEI target for \(year): the rules hold none for registration '\(scenario.entity.registration)' and the scenario states none",
                             suggestion: "add entity.targets = { [\"\(year)\"] = … } to the scenario")
        }
        if let provenance = target.provenance { recorder.use(provenance) }
        let compliance = assessCompliance(target: target, verification: verification, recorder: recorder)

        // 5. Offsets, trades and the ledger
        let price: (value: Double, origin: String) = try pathPrice.map { ($0, "scenario (market.price path)") }
            ?? yearPrice(scenario, year: year, recorder: recorder, values: &values)
        var deliveredOffsets: [(line: OffsetLine, delivered: Double)] = []
        var offsetCost = 0.0
        for line in inputs.offsets {
            let delivered = CertificateArithmetic.delivered(credits: line.credits, fraction: values.value(of: line.delivered, at: line.key + ".delivered"))
            deliveredOffsets.append((line, delivered))
            if let offsetPrice = line.price { offsetCost += delivered * values.value(of: offsetPrice, at: line.key + ".price") }
        }
        let builder = LedgerBuilder(rules: rules.compliance, year: year)
        let offsets = builder.assessOffsets(deliveredOffsets, obligation: compliance.surrenderRequired)
        for offset in offsets where !offset.ineligibility.isEmpty {
            recorder.warn("\(year): offsets from \(offset.project) not counted: \(offset.ineligibility)")
        }
        let (purchased, purchaseCost) = trades(inputs.purchases, price: price.value, values: &values)
        let (requestedSale, _) = trades(inputs.sales, price: price.value, values: &values)
        let ledger = builder.build(opening: opening, issued: compliance.issued, obligation: compliance.surrenderRequired,
                                   offsets: offsets, purchased: purchased, requestedSale: requestedSale, recorder: recorder)
        let saleRevenue = inputs.sales.isEmpty ? 0 : ledger.sold * averagePrice(inputs.sales, price: price.value, values: &values)
        recordLedger(ledger, recorder: recorder)

        // 6. Environmental compensation
        let multiple: Double
        do {
            multiple = try rules.compliance.compensationMultiple.value(ledger.shortfall, price.value)
        } catch let error as InputError { throw error } catch {
            throw InputError(file: rules.compliance.compensationProvenance.file, path: "compliance.compensation.multiple", message: "\(error)")
        }
        let compensation = ledger.shortfall * multiple * price.value
        recorder.step(stage: "compensation", title: "environmental compensation", formula: "EC = shortfall × multiple × average traded price",
                      inputs: [TraceValue("shortfall", ledger.shortfall, "CCC"),
                               TraceValue("multiple", multiple, "", origin: recorder.use(rules.compliance.compensationProvenance)),
                               TraceValue("price", price.value, "INR/CCC", origin: price.origin)],
                      result: TraceValue("compensation", compensation, "INR"))
        let cost = purchaseCost + offsetCost + compensation - saleRevenue

        if strict, let stale = recorder.staleRules.first {
            throw InputError(file: scenario.file, path: yearPath,
                             message: "--strict: \(stale)", suggestion: "update the rule, or run without --strict to accept it with a warning")
        }
        return YearOutcome(year: year, emissions: emissions, products: products, equivalentProduction: production,
                           reportedGEI: reportedGEI, verification: verification, compliance: compliance, offsets: offsets,
                           ledger: ledger, price: price.value, priceOrigin: price.origin, compensationMultiple: multiple,
                           compensation: compensation, cost: cost, warnings: recorder.warnings, trace: recorder.steps)
    }
}
