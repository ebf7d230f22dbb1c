import CCTS

/// Turns what the evaluator computes for one world into the outcome `ccts run` prints and
/// stores, the ledger lines of the audit trail, the warnings and (when tracing) the step-by-step
/// trace of `ccts explain`.
///
/// It computes nothing of the lifecycle: every number it shows was passed to it by
/// ``Plan/lifecycle(world:_:monitored:monitoredAhead:into:column:recorder:)``, or is an input value read from the
/// world's slots.
struct OutcomeRecorder: LifecycleRecorder {
    let plan: Plan
    let tracing: Bool
    private(set) var years: [YearOutcome] = []

    private var y = 0
    private var v: WorldSlots?
    private var emissions = EmissionsBreakdown()
    private var products: [ProductOutput] = []
    private var verificationOutcome: VerificationOutcome?
    private var compliance: ComplianceOutcome?
    private var offsets: [OffsetOutcome] = []
    /// The year's trades as ledger lines, and whether each came before the surrender.
    private var trades: [(beforeSurrender: Bool, entry: LedgerEntry)] = []
    private var soldBeforeSurrender = 0.0
    private var steps: [TraceStep] = []
    private var warnings: [Warning] = []

    init(plan: Plan, tracing: Bool) {
        self.plan = plan
        self.tracing = tracing
    }

    private var label: PlanLabels.Year { plan.labels.years[y] }
    private var yearLabel: ComplianceYear { plan.yearLabels[y] }
    private func input(_ slot: Int32) -> Double { v![Int(slot)] }

    private mutating func step(
        _ stage: String, _ title: String, _ formula: String, _ inputs: [TraceValue], _ result: TraceValue,
        note: String? = nil
    ) {
        guard tracing else { return }
        steps.append(
            TraceStep(stage: stage, title: title, formula: formula, inputs: inputs, result: result, note: note))
    }

    private mutating func warn(_ code: WarningCode, _ message: String) {
        let warning = Warning(code, message)
        if !warnings.contains(warning) { warnings.append(warning) }
    }

    mutating func beginYear(_ year: Int, _ v: WorldSlots) {
        y = year
        self.v = v
        emissions = EmissionsBreakdown()
        products = []
        offsets = []
        trades = []
        soldBeforeSurrender = 0
        steps = []
        warnings =
            (year == 0 ? plan.labels.scenarioWarnings : [])
            + label.staleRules.map { Warning(.factorOutsideValidity, $0) } + label.warnings
    }

    mutating func fuel(_ term: Int, quantity: Double, energyTJ: Double, co2: Double, ch4: Double, n2o: Double) {
        let f = plan.fuels[term], l = plan.labels.fuels[term], year = plan.years[y]
        emissions.fuels.append(
            FuelEmission(fuel: l.fuel, path: l.path, energyTJ: energyTJ, co2: co2, ch4: ch4, n2o: n2o))
        guard tracing else { return }
        var inputs = [TraceValue("quantity", quantity, l.unit, origin: "scenario")]
        if let density = l.density {
            inputs.append(TraceValue("density", density.value, density.unit, origin: density.origin))
        }
        if !l.isEnergy { inputs.append(TraceValue("NCV", input(f.ncv), "GJ/t", origin: l.ncvOrigin)) }
        step(
            "monitoring", "\(l.fuel): energy", "energy_TJ = quantity_t × NCV / 1000", inputs,
            TraceValue("energy", energyTJ, "TJ"))
        step(
            "monitoring", "\(l.fuel): CO2", "CO2 = energy_TJ × EF_CO2 × (1 − biomass fraction)",
            [
                TraceValue("energy", energyTJ, "TJ"),
                TraceValue("EF_CO2", input(f.co2), "tCO2/TJ", origin: l.co2Origin),
                TraceValue("biomass fraction", f.biomass, "", origin: l.biomassOrigin),
            ], TraceValue("CO2", co2, "tCO2"))
        step(
            "monitoring", "\(l.fuel): CH4 and N2O", "CO2e = energy_TJ × EF_kg/TJ / 1000 × GWP",
            [
                TraceValue("EF_CH4", input(f.ch4), "kg/TJ", origin: l.ch4Origin),
                TraceValue("GWP_CH4", year.gwpCH4, "", origin: label.gwpOrigin),
                TraceValue("EF_N2O", input(f.n2o), "kg/TJ", origin: l.n2oOrigin),
                TraceValue("GWP_N2O", year.gwpN2O, "", origin: label.gwpOrigin),
            ],
            TraceValue("CH4 + N2O", ch4 + n2o, "tCO2e"))
    }

    mutating func process(_ term: Int, tonnes: Double, co2: Double) {
        let p = plan.process[term], l = plan.labels.process[term]
        emissions.process.append(ProcessEmission(material: l.name, path: l.path, co2: co2))
        step(
            "monitoring", "\(l.name): process CO2",
            p.direction < 0
                ? "CO2 = −quantity_t × EF × purity (carbon leaving in a product, subtracted)"
                : "CO2 = quantity_t × EF × purity",
            [
                TraceValue("quantity", tonnes, "t", origin: "scenario"),
                TraceValue("EF", input(p.ef), "tCO2/t", origin: l.origin),
                TraceValue("purity", p.purity, "", origin: "scenario"),
            ], TraceValue("CO2", co2, "tCO2"))
    }

    mutating func fugitive(_ term: Int, tonnes: Double, co2e: Double) {
        let f = plan.fugitive[term], l = plan.labels.fugitive[term]
        emissions.fugitive.append(FugitiveEmission(refrigerant: l.name, path: l.path, co2e: co2e))
        step(
            "monitoring", "\(l.name): fugitive", "CO2e = leaked_t × GWP",
            [TraceValue("leaked", tonnes, "t", origin: "scenario"), TraceValue("GWP", f.gwp, "", origin: l.origin)],
            TraceValue("CO2e", co2e, "tCO2e"))
    }

    mutating func boundary(
        electricity: Double, heat: Double, exportedElectricity: Double, exportedHeat: Double, captured: Double
    ) {
        let year = plan.years[y]
        emissions.electricity = electricity
        emissions.heat = heat
        emissions.exportedElectricity = exportedElectricity
        emissions.exportedHeat = exportedHeat
        emissions.captured = captured
        for (slot, what, unit, why) in label.notDeducted where input(slot) != 0 {
            warn(.notDeducted, "\(yearLabel): \(what) of \(input(slot).shown) \(unit) not deducted: \(why)")
        }
        guard tracing else { return }
        for (carrier, unit, factorSlot, purchased, exported, emitted, deducted, origin, exportSlot, exportOrigin) in [
            (
                "electricity", "MWh", year.gridFactor, year.electricityPurchased, year.electricityExported, electricity,
                exportedElectricity,
                label.gridOrigin, year.exportGridFactor, label.exportGridOrigin
            ),
            (
                "heat", "GJ", year.heatFactor, year.heatPurchased, year.heatExported, heat, exportedHeat,
                label.heatOrigin,
                year.heatExportFactor, label.heatExportOrigin
            ),
        ] where input(purchased) != 0 || input(exported) != 0 {
            let factorName = carrier == "heat" ? "heat factor" : "grid factor"
            let factorUnit = carrier == "heat" ? "tCO2/GJ" : "tCO2/MWh"
            step(
                "monitoring", "purchased \(carrier)", "CO2 = purchased_\(unit) × \(factorName)",
                [
                    TraceValue("purchased", input(purchased), unit, origin: "scenario"),
                    TraceValue(factorName, input(factorSlot), factorUnit, origin: origin),
                ],
                TraceValue("CO2", emitted, "tCO2"))
            if input(exported) != 0 {
                step(
                    "monitoring", "exported \(carrier) (deduction)",
                    "deduction = exported_\(unit) × \(factorName) if the rules allow it",
                    [
                        TraceValue("exported", input(exported), unit, origin: "scenario"),
                        TraceValue(factorName, input(exportSlot), factorUnit, origin: exportOrigin),
                        TraceValue(flag: "exports deductible", year.exportsDeductible, origin: label.complianceOrigin),
                    ],
                    TraceValue("deduction", deducted, "tCO2"))
            }
        }
        if input(label.renewable) != 0 {
            step(
                "monitoring", "renewable electricity", "CO2 = renewable_MWh × 0",
                [TraceValue("renewable", input(label.renewable), "MWh", origin: "scenario")],
                TraceValue("CO2", 0, "tCO2"), note: "renewable electricity counts as zero GHG (procedure clause 17)")
        }
        if input(year.captured) != 0 {
            step(
                "monitoring", "captured CO2 (deduction)", "deduction = captured_t if the rules accept it",
                [
                    TraceValue("captured", input(year.captured), "tCO2", origin: "scenario"),
                    TraceValue(flag: "accepted", year.capturedDeductible, origin: label.complianceOrigin),
                ],
                TraceValue("deduction", captured, "tCO2"),
                note: year.capturedDeductible ? nil : "the rules do not accept captured CO2; not deducted")
        }
        step(
            "monitoring", "total emissions", "total = combustion + process + fugitive + indirect − deductions",
            [
                TraceValue("combustion", emissions.combustion, "tCO2e"),
                TraceValue("process", emissions.processTotal, "tCO2"),
                TraceValue("fugitive", emissions.fugitiveTotal, "tCO2e"),
                TraceValue("indirect", emissions.indirect, "tCO2"),
                TraceValue("deductions", emissions.deductions, "tCO2"),
            ], TraceValue("total", emissions.total, "tCO2e"))
    }

    mutating func product(_ term: Int, tonnes: Double, equivalence: Double) {
        products.append(
            ProductOutput(product: plan.labels.products[term].name, quantity: tonnes, equivalence: equivalence))
        let last = plan.years[y].products
        guard term == Int(last.start + last.count) - 1 else { return }
        let units = (Int(last.start)..<Int(last.start + last.count)).map { plan.labels.products[$0].baseUnit }
        step(
            "production", "equivalent production", "Σ quantity_p × equivalence_p",
            zip(products, units).map { TraceValue($0.product, $0.quantity, "\($1) × \($0.equivalence)") },
            TraceValue("equivalent production", products.reduce(0) { $0 + $1.equivalent }, "t"))
    }

    mutating func verification(_ outcome: VerificationOutcome) {
        verificationOutcome = outcome
        let year = plan.years[y]
        step(
            "verification", "materiality",
            year.materialityOnGEI
                ? "GEI misstatement = |GEI_reported − GEI_verified| / GEI_verified; material if > threshold (rules: "
                    + "basis = gei)"
                : "misstatement = |reported − verified| / verified; material if > threshold for emissions or "
                    + "production",
            [
                TraceValue("reported emissions", outcome.reportedEmissions, "tCO2e", origin: "monitoring"),
                TraceValue(
                    "verified emissions", outcome.verifiedEmissions, "tCO2e",
                    origin: "verifier finding \(input(year.emissionsFinding))"),
                TraceValue("emissions misstatement", outcome.emissionsMisstatement, ""),
                TraceValue("reported production", outcome.reportedProduction, "t"),
                TraceValue(
                    "verified production", outcome.verifiedProduction, "t",
                    origin: "verifier finding \(input(year.productionFinding))"),
                TraceValue("production misstatement", outcome.productionMisstatement, ""),
                TraceValue("threshold", outcome.threshold, "", origin: label.materialityOrigin),
            ],
            TraceValue(flag: "material", outcome.material),
            note: outcome.material
                ? "material misstatement: the verified figures are used" : "not material: the reported figures stand")
    }

    mutating func credits(_ credits: Settlement.Credits) {
        let year = plan.years[y], verified = verificationOutcome!
        compliance = ComplianceOutcome(
            target: year.target, targetOrigin: label.targetOrigin, gei: credits.gei, exactCredits: credits.exact,
            issued: credits.issued, surrenderRequired: credits.surrender)
        let decimals = String(Int(year.scale)).count - 1  // scale = 10^decimals
        step(
            "compliance", "GEI achieved",
            "GEI = emissions / equivalent production, rounded to \(decimals) decimals (ties up)",
            [
                TraceValue("emissions", verified.emissions, "tCO2e"),
                TraceValue("equivalent production", verified.production, "t"),
            ],
            TraceValue("GEI", credits.gei, "tCO2e/t"))
        step(
            "compliance", "credits", "credits = (target GEI − GEI) × equivalent production",
            [
                TraceValue("target GEI", year.target, "tCO2e/t", origin: label.targetOrigin),
                TraceValue("GEI", credits.gei, "tCO2e/t"),
                TraceValue("equivalent production", verified.production, "t"),
            ],
            TraceValue("credits", credits.exact, "CCC"),
            note: credits.exact >= 0
                ? "issued \(credits.issued.shown) (rounding: \(year.issueRounding.rawValue), whole certificates)"
                : "surrender \(credits.surrender.shown) (rounding: \(year.surrenderRounding.rawValue), whole "
                    + "certificates)"
        )
    }

    mutating func offset(_ term: Int, delivered: Double, counted: Double) {
        let l = plan.labels.offsets[term], o = plan.offsets[term]
        var reason = l.ineligibility ?? ""
        if reason.isEmpty, counted < delivered {
            reason =
                "over the cap of \((label.offsetShare ?? 0).shown) × obligation; \(counted.shown) of "
                + "\(delivered.shown) counted"
        }
        if !reason.isEmpty {
            warn(
                l.ineligibility == nil ? .offsetOverCap : .offsetNotEligible,
                "\(yearLabel): offsets from \(l.project) not counted: \(reason)")
        }
        // Said only when rounding dropped a part of a certificate (not for 1,000 × 0.3, whose double
        // 300.00000000000006 is the whole 300 the evaluator delivered).
        let contracted = CertificateArithmetic.snapped(o.credits * input(o.delivered), scale: o.credits)
        if contracted != delivered {
            warn(
                .certificatesRoundedDown,
                "\(yearLabel): offsets from \(l.project): \(o.credits.shown) × \(input(o.delivered).shown) "
                    + "delivered = \(((contracted * 1e6).rounded() / 1e6).shown), rounded down to "
                    + "\(delivered.shown) whole certificates"
            )
        }
        var outcome = OffsetOutcome(
            project: l.project, type: l.type, vintage: l.vintage, delivered: delivered, counted: counted,
            ineligibility: reason, path: l.path)
        outcome.paid = o.price >= 0 ? delivered * input(o.price) : 0
        offsets.append(outcome)
    }

    mutating func trade(_ term: Int, requested: Double, done: Double, price: Double, heldAfter: Double) {
        let l = plan.labels.trades[term]
        let at = "\(l.when) at \(price.shown) INR/CCC"
        if l.isSale {
            if l.beforeSurrender { soldBeforeSurrender += done }
            if done < requested {
                let moment =
                    l.beforeSurrender
                    ? "held then (the year's own CCCs arrive only at the surrender, \(label.surrenderDate))"
                    : "held after the surrender"
                warn(
                    .saleExceedsHolding,
                    "\(yearLabel): sale of \(requested.shown) CCCs \(l.when) (\(l.path)) reduced to the \(done.shown) "
                        + "\(moment)"
                )
            }
            if done > 0 {
                trades.append((l.beforeSurrender, LedgerEntry(kind: .sold, quantity: -done, reason: "sold \(at)")))
            }
        } else if done > 0 {
            trades.append((l.beforeSurrender, LedgerEntry(kind: .purchased, quantity: done, reason: "bought \(at)")))
        }
    }

    // Long: one year's settlement written into the ledger line by line, in the ledger's order.
    mutating func settlement(_ s: YearSettlement) {
        let compliance = compliance!, account = s.account
        var ledger = Ledger()
        ledger.opening = s.opening
        ledger.record(.opening, s.opening, "banked from the previous year")
        ledger.entries += trades.filter(\.beforeSurrender).map(\.entry)
        ledger.issued = compliance.issued
        if compliance.issued > 0 { ledger.record(.issued, compliance.issued, "GEI below target: CCCs issued") }
        for offset in offsets {
            if offset.counted > 0 {
                ledger.record(.offsets, offset.counted, "\(offset.project) (\(offset.type), vintage \(offset.vintage))")
            }
            if !offset.ineligibility.isEmpty {
                ledger.record(
                    .offsetsNotCounted, offset.delivered - offset.counted, "\(offset.project): \(offset.ineligibility)")
            }
        }
        ledger.offsets = s.offsets
        ledger.purchased = account.purchased
        ledger.surrendered = account.surrendered
        ledger.shortfall = account.shortfall
        if compliance.surrenderRequired > 0 {
            ledger.record(
                .surrendered, -account.surrendered,
                "surrender obligation of \(compliance.surrenderRequired.shown), by \(label.surrenderDate)")
        }
        if account.shortfall > 0, soldBeforeSurrender > 0 {
            warn(
                .soldWhileShort,
                "\(yearLabel): \(soldBeforeSurrender.shown) CCCs sold before the surrender; the account was "
                    + "\(account.shortfall.shown) short at the surrender"
            )
        }
        ledger.entries += trades.filter { !$0.beforeSurrender }.map(\.entry)
        ledger.sold = account.sold
        ledger.closing = account.closing
        ledger.record(.closing, account.closing, "holdings at the end of \(yearLabel)")
        ledger.carried = account.carried
        ledger.lapsed = account.lapsed
        if account.lapsed > 0 {
            ledger.record(
                .lapsed, -account.lapsed,
                plan.years[y].bankingAllowed ? "above the banking limit" : "banking not allowed")
        }
        if let period = label.period {
            step(
                "compliance", "compliance period", "the year's quantities cover the compliance period",
                [
                    TraceValue(
                        "share of the year applied", plan.years[y].periodShare, "",
                        origin: "monitored = full_year takes quantities pro rata")
                ],
                TraceValue(flag: "short period", true), note: period)
        }
        step(
            "ledger", "CCC account",
            "closing = opening + issued + offsets + purchased − surrendered − sold "
                + "(trades in date order against the surrender)",
            [
                TraceValue("opening", ledger.opening, "CCC"), TraceValue("issued", ledger.issued, "CCC"),
                TraceValue("offsets", ledger.offsets, "CCC"),
                TraceValue("purchased", ledger.purchased, "CCC"), TraceValue("surrendered", ledger.surrendered, "CCC"),
                TraceValue("sold", ledger.sold, "CCC"),
            ],
            TraceValue("closing", ledger.closing, "CCC"),
            note:
                "carried to next year: \(ledger.carried.shown); lapsed: \(ledger.lapsed.shown); "
                + "shortfall: \(ledger.shortfall.shown)"
        )
        step(
            "compensation", "environmental compensation", "EC = shortfall × multiple × average traded price",
            [
                TraceValue("shortfall", account.shortfall, "CCC"),
                TraceValue("multiple", s.multiple, "", origin: label.compensationOrigin),
                TraceValue("price", s.price, "INR/CCC", origin: label.priceOrigin),
            ], TraceValue("compensation", s.compensation, "INR"))
        let verified = verificationOutcome!
        let paidForOffsets = offsets.reduce(0) { $0 + $1.paid }
        step(
            "cost", "net cost", "net = CCCs bought + offsets paid + compensation − CCCs sold",
            [
                TraceValue("CCCs bought", account.purchaseCost, "INR"),
                TraceValue("offsets paid (counted or not)", paidForOffsets, "INR"),
                TraceValue("compensation", s.compensation, "INR"), TraceValue("CCCs sold", account.saleRevenue, "INR"),
            ],
            TraceValue("net cost", s.cost, "INR"),
            note:
                "the \(account.carried.shown) CCCs carried are worth \((account.carried * s.price).shown) INR at "
                + "\(s.price.shown) INR/CCC (\(label.priceOrigin)); not in the net"
        )
        var outcome = YearOutcome(
            year: yearLabel, emissions: emissions, products: products,
            equivalentProduction: verified.reportedProduction,
            reportedGEI: verified.reportedEmissions / verified.reportedProduction, verification: verified,
            compliance: compliance, offsets: offsets, ledger: ledger, price: s.price, priceOrigin: label.priceOrigin,
            compensationMultiple: s.multiple, compensation: s.compensation, cost: s.cost,
            warnings: warnings, trace: steps)
        outcome.purchaseCost = account.purchaseCost
        outcome.saleRevenue = account.saleRevenue
        years.append(outcome)
    }
}
