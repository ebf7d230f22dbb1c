/// The individual steps of ``Lifecycle``, each with its formula in the trace.
extension Lifecycle {
    /// Step 2: products → equivalent production, with the sector's equivalence factors.
    func equivalentProducts(_ inputs: YearInputs, sector sectorID: String, recorder: Recorder,
                            values: inout some InputValues) throws -> [ProductOutput] {
        let sector = rules.sector(sectorID)
        return try inputs.products.map { line in
            let quantity = line.unit.base(values.value(of: line.quantity, at: line.key + ".quantity"))
            if let override = line.equivalence {
                return ProductOutput(product: line.product, quantity: quantity, equivalence: override)
            }
            guard let product = sector?.product(line.product) else {
                throw InputError(file: "", path: line.path, message: "sector '\(sectorID)' has no product '\(line.product)'")
            }
            recorder.use(product.equivalence)
            return ProductOutput(product: line.product, quantity: quantity, equivalence: product.equivalence.value)
        }
    }

    /// Step 3: the verifier's findings against the materiality threshold.
    func verify(_ inputs: YearInputs, emissions: Double, production: Double, yearPath: String, recorder: Recorder,
                values: inout some InputValues, file: String) throws -> VerificationOutcome {
        let rule = rules.verification
        let threshold: Double
        do {
            threshold = try rule.materiality.value(emissions, production)
        } catch {
            throw InputError(file: rule.provenance.file, path: "verification.materiality", message: "\(error)")
        }
        guard threshold.isFinite, threshold >= 0 else {
            throw InputError(file: rule.provenance.file, path: "verification.materiality",
                             message: "the materiality rule returned \(threshold); expected a fraction ≥ 0 such as 0.02")
        }
        let emissionsFinding = values.value(of: inputs.verification.emissions, at: yearPath + ".verification.emissions")
        let productionFinding = values.value(of: inputs.verification.production, at: yearPath + ".verification.production")
        let outcome = VerificationOutcome.assess(reportedEmissions: emissions, reportedProduction: production,
                                                 emissionsFinding: emissionsFinding, productionFinding: productionFinding,
                                                 threshold: threshold, uplift: rule.conservativeUplift)
        let origin = recorder.use(rule.provenance)
        recorder.step(stage: "verification", title: "materiality",
                      formula: "misstatement = |reported − verified| / verified; material if > threshold",
                      inputs: [TraceValue("reported emissions", emissions, "tCO2e", origin: "monitoring"),
                               TraceValue("verified emissions", outcome.verifiedEmissions, "tCO2e", origin: "verifier finding \(emissionsFinding)"),
                               TraceValue("emissions misstatement", outcome.emissionsMisstatement, ""),
                               TraceValue("reported production", production, "t"),
                               TraceValue("verified production", outcome.verifiedProduction, "t", origin: "verifier finding \(productionFinding)"),
                               TraceValue("production misstatement", outcome.productionMisstatement, ""),
                               TraceValue("threshold", threshold, "", origin: origin)],
                      result: TraceValue("material", outcome.material ? 1 : 0, ""),
                      note: outcome.material ? "material misstatement: the verified figures are used" : "not material: the reported figures stand")
        return outcome
    }

    /// Step 4: GEI against target, credits issued or surrender required.
    func assessCompliance(target: (gei: Double, origin: String, provenance: Provenance?), verification: VerificationOutcome,
                          recorder: Recorder) -> ComplianceOutcome {
        let rule = rules.compliance
        let credits = Settlement.credits(target: target.gei, emissions: verification.emissions, production: verification.production,
                                         scale: Settlement.scale(decimals: rule.geiDecimals),
                                         issueRounding: rule.issueRounding, surrenderRounding: rule.surrenderRounding)
        let gei = credits.gei
        recorder.step(stage: "compliance", title: "GEI achieved", formula: "GEI = emissions / equivalent production, rounded to \(rule.geiDecimals) decimals",
                      inputs: [TraceValue("emissions", verification.emissions, "tCO2e"),
                               TraceValue("equivalent production", verification.production, "t")],
                      result: TraceValue("GEI", gei, "tCO2e/t"))
        let (exact, issued, surrender) = (credits.exact, credits.issued, credits.surrender)
        recorder.step(stage: "compliance", title: "credits", formula: "credits = (target GEI − GEI) × equivalent production",
                      inputs: [TraceValue("target GEI", target.gei, "tCO2e/t", origin: target.origin),
                               TraceValue("GEI", gei, "tCO2e/t"), TraceValue("equivalent production", verification.production, "t")],
                      result: TraceValue("credits", exact, "CCC"),
                      note: exact >= 0 ? "issued \(issued) (rounding: \(rule.issueRounding.rawValue))"
                                       : "surrender \(surrender) (rounding: \(rule.surrenderRounding.rawValue))")
        return ComplianceOutcome(target: target.gei, targetOrigin: target.origin, gei: gei, exactCredits: exact,
                                 issued: issued, surrenderRequired: surrender)
    }

    /// The year's average traded price: the scenario's, else the rules' default.
    func yearPrice(_ scenario: Scenario, year: ComplianceYear, recorder: Recorder,
                   values: inout some InputValues) throws -> (value: Double, origin: String) {
        if let own = scenario.prices.first(where: { $0.year == year }) {
            return (values.value(of: own.price, at: "market.price[\"\(year)\"]"), "scenario (market.price)")
        }
        guard let entry = rules.compliance.price(for: year) else {
            throw InputError(file: scenario.file, path: "market.price[\"\(year)\"]",
                             message: "no CCC price for \(year) in the scenario or the rules",
                             suggestion: "add market = { price = { [\"\(year)\"] = … } } to the scenario")
        }
        return (entry.factor.value, recorder.use(entry.factor))
    }

    /// Total quantity and cost of a list of trades; trades without a price use `price`.
    func trades(_ lines: [Trade], price: Double, values: inout some InputValues) -> (quantity: Double, cost: Double) {
        var quantity = 0.0, cost = 0.0
        for line in lines {
            let q = values.value(of: line.quantity, at: line.key + ".quantity").rounded()     // CCCs are traded whole
            let p = line.price.map { values.value(of: $0, at: line.key + ".price") } ?? price
            quantity += q
            cost += q * p
        }
        return (quantity, cost)
    }

    /// Quantity-weighted price of a list of trades.
    func averagePrice(_ lines: [Trade], price: Double, values: inout some InputValues) -> Double {
        let (quantity, cost) = trades(lines, price: price, values: &values)
        return quantity > 0 ? cost / quantity : price
    }

    func recordLedger(_ ledger: Ledger, recorder: Recorder) {
        recorder.step(stage: "ledger", title: "CCC account",
                      formula: "closing = opening + issued + offsets + purchased − surrendered − sold",
                      inputs: [TraceValue("opening", ledger.opening, "CCC"), TraceValue("issued", ledger.issued, "CCC"),
                               TraceValue("offsets", ledger.offsets, "CCC"), TraceValue("purchased", ledger.purchased, "CCC"),
                               TraceValue("surrendered", ledger.surrendered, "CCC"), TraceValue("sold", ledger.sold, "CCC")],
                      result: TraceValue("closing", ledger.closing, "CCC"),
                      note: "carried to next year: \(ledger.carried); lapsed: \(ledger.lapsed); shortfall: \(ledger.shortfall)")
    }
}
