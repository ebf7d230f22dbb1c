/// Emissions of one fuel line.
public struct FuelEmission: Sendable {
    public var fuel: String
    public var path: String
    /// Energy content, TJ.
    public var energyTJ: Double
    /// Fossil CO2, t.
    public var co2: Double
    /// CH4 as CO2e, t.
    public var ch4: Double
    /// N2O as CO2e, t.
    public var n2o: Double
    public var total: Double { co2 + ch4 + n2o }
}

/// Emissions of one process material line, tCO2.
public struct ProcessEmission: Sendable {
    public var material: String
    public var path: String
    public var co2: Double
}

/// Fugitive emissions of one refrigerant line, tCO2e.
public struct FugitiveEmission: Sendable {
    public var refrigerant: String
    public var path: String
    public var co2e: Double
}

/// A year's emissions, gate to gate, by source, in tCO2e.
///
/// `total = direct (combustion + process + fugitive) + indirect (electricity + heat) − deductions`.
public struct EmissionsBreakdown: Sendable {
    public var fuels: [FuelEmission] = []
    public var process: [ProcessEmission] = []
    public var fugitive: [FugitiveEmission] = []
    public var electricity = 0.0
    public var heat = 0.0
    public var exportedElectricity = 0.0
    public var exportedHeat = 0.0
    public var captured = 0.0

    public var combustion: Double { fuels.reduce(0) { $0 + $1.total } }
    public var processTotal: Double { process.reduce(0) { $0 + $1.co2 } }
    public var fugitiveTotal: Double { fugitive.reduce(0) { $0 + $1.co2e } }
    public var direct: Double { combustion + processTotal + fugitiveTotal }
    public var indirect: Double { electricity + heat }
    public var deductions: Double { exportedElectricity + exportedHeat + captured }
    public var total: Double { direct + indirect - deductions }
}

/// Step 1 of the lifecycle: monitoring, from activity data and factors to tCO2e.
struct Monitoring {
    let rules: RuleSet
    let year: ComplianceYear
    let recorder: Recorder

    /// Computes the breakdown for one year, recording each step and every factor used.
    mutating func emissions(_ inputs: YearInputs, values: inout some InputValues) throws -> EmissionsBreakdown {
        var result = EmissionsBreakdown()
        let gwp = rules.gwp
        var fuelLines = inputs.fuels
        for mix in inputs.fuelMixes {
            let total = values.value(of: mix.total, at: mix.key + ".total")
            let shares = values.shares(mix.concentrations, at: mix.key + ".shares")
            recorder.step(stage: "monitoring", title: "fuel mix", formula: "quantity_i = total × share_i (shares sum to one)",
                          inputs: [TraceValue("total", total, mix.unit.symbol, origin: "scenario")]
                            + zip(mix.fuels, shares).map { TraceValue("share \($0)", $1, "", origin: "scenario") },
                          result: TraceValue("fuels", Double(mix.fuels.count), "lines"))
            fuelLines += mix.lines(total: total, shares: shares)
        }
        for line in fuelLines {
            result.fuels.append(try fuelEmission(line, gwp: gwp, values: &values))
        }
        for line in inputs.process {
            result.process.append(try processEmission(line, values: &values))
        }
        for line in inputs.refrigerants {
            result.fugitive.append(try fugitiveEmission(line, values: &values))
        }
        try indirectAndDeductions(inputs, into: &result, values: &values)
        return result
    }

    private mutating func fuelEmission(_ line: FuelLine, gwp: GWPSet, values: inout some InputValues) throws -> FuelEmission {
        guard let fuel = rules.fuel(line.fuel) else {
            throw InputError(file: "", path: line.path, message: "unknown fuel '\(line.fuel)'")
        }
        let quantity = values.value(of: line.quantity, at: line.key + ".quantity") * line.share
        let energyTJ: Double
        var inputs: [TraceValue] = [TraceValue("quantity", quantity, line.unit.symbol, origin: "scenario")]
        let ncv = line.ncv ?? values.factor(fuel.ncv, at: fuel.ncv.drawKey)
        let ncvOrigin = line.ncv == nil ? recorder.use(fuel.ncv) : typeII(replacing: fuel.ncv)
        switch line.unit.dimension {
        case .energy:
            energyTJ = line.unit.base(quantity) / 1000
        case .mass, .liquidVolume, .gasVolume:
            let tonnes = try massInTonnes(quantity, line: line, fuel: fuel, inputs: &inputs)
            inputs.append(TraceValue("NCV", ncv, "GJ/t", origin: ncvOrigin))
            energyTJ = tonnes * ncv / 1000
        }
        recorder.step(stage: "monitoring", title: "\(fuel.id): energy", formula: "energy_TJ = quantity_t × NCV / 1000",
                      inputs: inputs, result: TraceValue("energy", energyTJ, "TJ"))

        let co2Factor = line.co2 ?? values.factor(fuel.co2, at: fuel.co2.drawKey)
        let co2Origin = line.co2 == nil ? recorder.use(fuel.co2) : typeII(replacing: fuel.co2)
        let biomass = line.biomassFraction ?? (fuel.biogenic ? 1 : 0)
        let co2 = energyTJ * co2Factor * (1 - biomass)
        recorder.step(stage: "monitoring", title: "\(fuel.id): CO2", formula: "CO2 = energy_TJ × EF_CO2 × (1 − biomass fraction)",
                      inputs: [TraceValue("energy", energyTJ, "TJ"), TraceValue("EF_CO2", co2Factor, "tCO2/TJ", origin: co2Origin),
                               TraceValue("biomass fraction", biomass, "", origin: line.biomassFraction == nil ? (fuel.biogenic ? "biogenic fuel" : "fossil fuel") : "scenario")],
                      result: TraceValue("CO2", co2, "tCO2"))

        let ch4Factor = values.factor(fuel.ch4, at: fuel.ch4.drawKey)
        let n2oFactor = values.factor(fuel.n2o, at: fuel.n2o.drawKey)
        let ch4 = energyTJ * ch4Factor / 1000 * gwp.ch4
        let n2o = energyTJ * n2oFactor / 1000 * gwp.n2o
        recorder.step(stage: "monitoring", title: "\(fuel.id): CH4 and N2O", formula: "CO2e = energy_TJ × EF_kg/TJ / 1000 × GWP",
                      inputs: [TraceValue("EF_CH4", ch4Factor, "kg/TJ", origin: recorder.use(fuel.ch4)),
                               TraceValue("GWP_CH4", gwp.ch4, "", origin: recorder.use(gwp.provenance)),
                               TraceValue("EF_N2O", n2oFactor, "kg/TJ", origin: recorder.use(fuel.n2o)),
                               TraceValue("GWP_N2O", gwp.n2o, "", origin: gwp.provenance.rule)],
                      result: TraceValue("CH4 + N2O", ch4 + n2o, "tCO2e"))
        return FuelEmission(fuel: fuel.id, path: line.path, energyTJ: energyTJ, co2: co2, ch4: ch4, n2o: n2o)
    }

    /// The trace's origin for a site-specific value: it replaces the rule's default, which is named.
    private func typeII(replacing factor: Factor) -> String {
        "Type II (scenario), replacing the default \(factor.value) of \(factor.provenance.rule)"
    }

    private mutating func massInTonnes(_ quantity: Double, line: FuelLine, fuel: Fuel, inputs: inout [TraceValue]) throws -> Double {
        if line.unit.dimension == .mass { return line.unit.base(quantity) }
        guard let density = fuel.density else {
            throw InputError(file: "", path: line.path + ".unit",
                             message: "'\(line.unit.symbol)' is a \(line.unit.dimension.rawValue) but the rules give no density for \(fuel.id)",
                             suggestion: "give the quantity in t, or add density to the fuel rule")
        }
        inputs.append(TraceValue("density", density.value, density.unit, origin: recorder.use(density)))
        // Liquids: t/kL × kL. Gases: kg/Sm3 × Sm3 / 1000.
        let perBase = line.unit.dimension == .gasVolume ? density.value / 1000 : density.value
        return line.unit.base(quantity) * perBase
    }

    private mutating func processEmission(_ line: ProcessLine, values: inout some InputValues) throws -> ProcessEmission {
        guard let material = rules.material(line.material) else {
            throw InputError(file: "", path: line.path, message: "unknown process material '\(line.material)'")
        }
        let tonnes = line.unit.base(values.value(of: line.quantity, at: line.key + ".quantity"))
        let ef = line.ef ?? values.factor(material.ef, at: material.ef.drawKey)
        let co2 = tonnes * ef * line.purity
        recorder.step(stage: "monitoring", title: "\(material.id): process CO2", formula: "CO2 = quantity_t × EF × purity",
                      inputs: [TraceValue("quantity", tonnes, "t", origin: "scenario"),
                               TraceValue("EF", ef, "tCO2/t", origin: line.ef == nil ? recorder.use(material.ef) : typeII(replacing: material.ef)),
                               TraceValue("purity", line.purity, "", origin: "scenario")],
                      result: TraceValue("CO2", co2, "tCO2"))
        return ProcessEmission(material: material.id, path: line.path, co2: co2)
    }

    private mutating func fugitiveEmission(_ line: RefrigerantLine, values: inout some InputValues) throws -> FugitiveEmission {
        guard let refrigerant = rules.refrigerant(line.refrigerant), let gwp = refrigerant.gwp[rules.gwpInForce] else {
            throw InputError(file: "", path: line.path,
                             message: "refrigerant '\(line.refrigerant)' has no GWP under \(rules.gwpInForce)")
        }
        let tonnes = line.unit.base(values.value(of: line.quantity, at: line.key + ".quantity"))
        let co2e = tonnes * gwp
        recorder.step(stage: "monitoring", title: "\(refrigerant.id): fugitive", formula: "CO2e = leaked_t × GWP",
                      inputs: [TraceValue("leaked", tonnes, "t", origin: "scenario"),
                               TraceValue("GWP", gwp, rules.gwpInForce, origin: recorder.use(refrigerant.provenance))],
                      result: TraceValue("CO2e", co2e, "tCO2e"))
        return FugitiveEmission(refrigerant: refrigerant.id, path: line.path, co2e: co2e)
    }

    /// Energy crossing the boundary: purchases add `quantity × factor`; exports are deducted
    /// at the same factor when the rules allow it. Returns (emissions, deduction), tCO2.
    private func boundaryFlow(_ carrier: String, purchased: Double, exported: Double, unit: String, factorName: String,
                              factor: Double, factorUnit: String, origin: String) -> (Double, Double) {
        let emissions = purchased * factor
        recorder.step(stage: "monitoring", title: "purchased \(carrier)", formula: "CO2 = purchased_\(unit) × \(factorName)",
                      inputs: [TraceValue("purchased", purchased, unit, origin: "scenario"),
                               TraceValue(factorName, factor, factorUnit, origin: origin)],
                      result: TraceValue("CO2", emissions, "tCO2"))
        guard exported != 0 else { return (emissions, 0) }
        let deductible = rules.compliance.exportsDeductible
        let deduction = deductible ? exported * factor : 0
        recorder.step(stage: "monitoring", title: "exported \(carrier) (deduction)", formula: "deduction = exported_\(unit) × \(factorName) if the rules allow it",
                      inputs: [TraceValue("exported", exported, unit, origin: "scenario"),
                               TraceValue(factorName, factor, factorUnit, origin: origin),
                               TraceValue("exports deductible", deductible ? 1 : 0, "", origin: recorder.use(rules.compliance.provenance))],
                      result: TraceValue("deduction", deduction, "tCO2"))
        if !deductible { recorder.warn("\(year): exported \(carrier) of \(exported.shown) \(unit) not deducted: the rules in force do not allow it") }
        return (emissions, deduction)
    }

    private mutating func indirectAndDeductions(_ inputs: YearInputs, into result: inout EmissionsBreakdown,
                                                values: inout some InputValues) throws {
        let path = "years[\"\(year)\"]"
        let purchased = values.value(of: inputs.electricity.purchased, at: path + ".electricity.purchased")
        let renewable = values.value(of: inputs.electricity.renewable, at: path + ".electricity.renewable")
        let exported = values.value(of: inputs.electricity.exported, at: path + ".electricity.exported")
        if purchased != 0 || exported != 0 {
            guard let series = rules.grid(inputs.electricity.grid), let entry = series.factor(for: year) else {
                throw InputError(file: "", path: path + ".electricity.grid",
                                 message: "no grid factor for '\(inputs.electricity.grid)' in or before \(year)")
            }
            let origin = recorder.use(entry.factor) + (entry.year == year ? "" : " (latest published: \(entry.year))")
            (result.electricity, result.exportedElectricity) = boundaryFlow(
                "electricity", purchased: purchased, exported: exported, unit: "MWh",
                factorName: "grid factor", factor: values.factor(entry.factor, at: entry.factor.drawKey), factorUnit: "tCO2/MWh", origin: origin)
        }
        if renewable != 0 {
            recorder.step(stage: "monitoring", title: "renewable electricity", formula: "CO2 = renewable_MWh × 0",
                          inputs: [TraceValue("renewable", renewable, "MWh", origin: "scenario")],
                          result: TraceValue("CO2", 0, "tCO2"), note: "renewable electricity counts as zero GHG (procedure clause 17)")
        }
        let heatIn = values.value(of: inputs.heat.purchased, at: path + ".heat.purchased")
        let heatOut = values.value(of: inputs.heat.exported, at: path + ".heat.exported")
        if heatIn != 0 || heatOut != 0 {
            guard let source = rules.heatSource(inputs.heat.source) else {
                throw InputError(file: "", path: path + ".heat.source", message: "unknown heat source '\(inputs.heat.source)'")
            }
            (result.heat, result.exportedHeat) = boundaryFlow(
                "heat", purchased: heatIn, exported: heatOut, unit: "GJ",
                factorName: "heat factor", factor: values.factor(source.factor, at: source.factor.drawKey), factorUnit: "tCO2/GJ", origin: recorder.use(source.factor))
        }
        let captured = values.value(of: inputs.capturedCO2, at: path + ".captured_co2")
        if captured != 0 {
            let accepted = rules.compliance.capturedCO2Deductible
            result.captured = accepted ? captured : 0
            recorder.step(stage: "monitoring", title: "captured CO2 (deduction)", formula: "deduction = captured_t if the rules accept it",
                          inputs: [TraceValue("captured", captured, "tCO2", origin: "scenario"),
                                   TraceValue("accepted", accepted ? 1 : 0, "", origin: recorder.use(rules.compliance.provenance))],
                          result: TraceValue("deduction", result.captured, "tCO2"),
                          note: accepted ? nil : "the rules do not accept captured CO2; not deducted")
            if !accepted { recorder.warn("\(year): captured CO2 of \(captured.shown) t not deducted: the rules in force do not accept it") }
        }
    }
}
