import Foundation

/// An abatement measure a consultant proposes: what it changes in the scenario, when, and what it costs.
public struct Measure: Sendable {
    public enum Effect: Sendable, Equatable {
        /// Moves `share` of the energy of fuel `from` to fuel `to` (same energy, the new fuel's factors).
        case fuelSwitch(from: String, to: String, share: Double)
        /// Burns `fuels` less of every fuel and buys `electricity` less grid power (fractions).
        case efficiency(fuels: Double, electricity: Double)
        /// Replaces this much grid electricity, MWh a year, with renewable power (zero GHG).
        case renewablePower(mwh: Double)
        /// Generates this much electricity, MWh a year, from waste heat (zero GHG), buying that much less.
        case wasteHeat(mwh: Double)
        /// Captures this much CO2, t a year, for permanent storage or use.
        case ccus(tonnes: Double)
        /// Blended cements: the clinker-to-cement ratio falls by `share` (e.g. 0.08 = 8 % less
        /// clinker per tonne of cement), and with it the kiln's process CO2 (every process line)
        /// and kiln fuel (the fuels named, or every fuel line and fuel mix when none is).
        case clinkerSubstitution(share: Double, kilnFuels: [String])
        /// Alternative raw materials: `share` less carbonate input (every process line).
        case alternativeRawMaterials(share: Double)
        /// Electrified process heat: `share` of the fuels' energy is replaced by electricity,
        /// `share × energy_GJ / 3.6 / efficiency` MWh (efficiency: heat delivered per unit of
        /// electricity relative to per unit of fuel energy), bought from the grid or renewable.
        case electrification(share: Double, efficiency: Double, renewable: Bool)
    }

    public var name: String
    public var effect: Effect
    public var start: ComplianceYear
    /// Capital cost, INR, spent in the start year.
    public var capex: Double
    /// Operating cost, INR a year while active.
    public var opex: Double
    /// Years the measure lasts.
    public var lifetime: Int
    /// Measures that cannot be taken with this one (by name; the rule holds both ways).
    public var excludes: [String] = []
    /// Measures this one can only be taken with (by name).
    public var requires: [String] = []

    public init(name: String, effect: Effect, start: ComplianceYear, capex: Double, opex: Double, lifetime: Int) {
        self.name = name
        self.effect = effect
        self.start = start
        self.capex = capex
        self.opex = opex
        self.lifetime = lifetime
    }

    public func isActive(in year: ComplianceYear) -> Bool {
        year >= start && year.startYear < start.startYear + lifetime
    }

    /// Capital recovery factor r(1+r)^n / ((1+r)^n − 1): capex × CRF is the equivalent annual cost.
    public func annualisedCapex(rate: Double) -> Double {
        guard rate > 0 else { return capex / Double(max(lifetime, 1)) }
        let growth = pow(1 + rate, Double(lifetime))
        return capex * rate * growth / (growth - 1)
    }
}

/// How a set of measures is run and valued.
public struct PathwayPlan: Sendable {
    public var measures: [Measure]
    public var discountRate: Double
    /// Run the years up to this one (copying the last year's activity).
    public var horizon: ComplianceYear?
    /// Targets after the last one known fall by this fraction a year…
    public var annualTargetReduction: Double
    /// …unless this explicit trajectory gives the year's target (tCO2e/t).
    public var trajectory: [(year: ComplianceYear, gei: Double)]
    /// Production growth a year for the years after the scenario's last (0: its activity repeated)…
    public var productionGrowth: Double = 0
    /// …unless this gives the year's own rate.
    public var productionGrowthByYear: [(year: ComplianceYear, rate: Double)] = []

    /// The growth of production into `year` (from the year before).
    public func growth(into year: ComplianceYear) -> Double {
        productionGrowthByYear.first { $0.year == year }?.rate ?? productionGrowth
    }

    public init(
        measures: [Measure], discountRate: Double, horizon: ComplianceYear?, annualTargetReduction: Double,
        trajectory: [(year: ComplianceYear, gei: Double)] = []
    ) {
        self.measures = measures
        self.discountRate = discountRate
        self.horizon = horizon
        self.annualTargetReduction = annualTargetReduction
        self.trajectory = trajectory
    }
}

/// Reduction pathways: a scenario extended to a horizon, with measures switched on in their years.
///
/// Measures change the scenario's inputs without changing their keys, so a pathway and the
/// baseline meet the same worlds (common random numbers) and their difference is the measures'.
public enum Pathway {
    /// The scenario with years after its last up to `horizon`, each a copy of the last year's activity
    /// (new keys, so new draws) grown by `growth` into it, and targets beyond the last known one
    /// lowered by `annualReduction` a year.
    /// - Parameter trajectory: explicit targets for years neither the rules nor the scenario state;
    ///   they replace the constant reduction for those years.
    /// - Parameter growth: production growth into a year (every activity scales with it, so the GEI
    ///   stays and the certificates scale: a measure of fixed tonnes or MWh weighs less each year).
    public static func extend(
        _ scenario: Scenario, rules: RuleSet, to horizon: ComplianceYear, annualReduction: Double,
        trajectory: [(year: ComplianceYear, gei: Double)] = [], growth: (ComplianceYear) -> Double = { _ in 0 }
    ) -> Scenario {
        guard let last = scenario.years.last, last.year < horizon else { return scenario }
        var extended = scenario
        var target = Targets.target(for: scenario.entity, in: last.year, rules: rules)?.gei
        var year = last.year.next
        var scale = 1.0
        while year <= horizon {
            var copy = last
            copy.year = year
            scale *= 1 + growth(year)
            if scale != 1 { copy.scaleActivity(by: scale) }
            rekey(&copy, from: last.year, to: year)
            extended.years.append(copy)
            if Targets.target(for: scenario.entity, in: year, rules: rules) == nil,
                let explicit = trajectory.first(where: { $0.year == year })
            {
                target = explicit.gei
                extended.entity.ownTargets.append((year, explicit.gei))
            } else if Targets.target(for: scenario.entity, in: year, rules: rules) == nil, let previous = target {
                target = previous * (1 - annualReduction)
                extended.entity.ownTargets.append((year, target!))
            } else {
                target = Targets.target(for: scenario.entity, in: year, rules: rules)?.gei
            }
            if let price = scenario.prices.first(where: { $0.year == last.year }) {
                extended.prices.append((year, price.price))
            }
            year = year.next
        }
        return extended
    }

    private static func rekey(_ inputs: inout YearInputs, from old: ComplianceYear, to new: ComplianceYear) {
        let (a, b) = ("years[\"\(old)\"]", "years[\"\(new)\"]")
        func swap(_ s: String) -> String { s.replacingOccurrences(of: a, with: b) }
        for i in inputs.fuels.indices {
            inputs.fuels[i].key = swap(inputs.fuels[i].key); inputs.fuels[i].path = swap(inputs.fuels[i].path)
        }
        for i in inputs.fuelMixes.indices { inputs.fuelMixes[i].key = swap(inputs.fuelMixes[i].key) }
        for i in inputs.process.indices { inputs.process[i].key = swap(inputs.process[i].key) }
        for i in inputs.refrigerants.indices { inputs.refrigerants[i].key = swap(inputs.refrigerants[i].key) }
        for i in inputs.products.indices { inputs.products[i].key = swap(inputs.products[i].key) }
        for i in inputs.offsets.indices { inputs.offsets[i].key = swap(inputs.offsets[i].key) }
        for i in inputs.purchases.indices { inputs.purchases[i].key = swap(inputs.purchases[i].key) }
        for i in inputs.sales.indices { inputs.sales[i].key = swap(inputs.sales[i].key) }
        inputs.offsets = inputs.offsets.map {
            var o = $0; o.vintage = o.vintage == old ? new : o.vintage; return o
        }
    }

    /// The scenario with every measure applied in the years it is active.
    /// - Parameter fuelEnergyGJ: each year's fuel energy as the evaluator computes it, for the
    ///   measures that replace fuel energy (electrification); `Evaluation.applying` supplies it.
    public static func apply(
        _ measures: [Measure], to scenario: Scenario, rules: RuleSet,
        fuelEnergyGJ: [ComplianceYear: Double]
    ) -> Scenario {
        var result = scenario
        for index in result.years.indices {
            for measure in measures where measure.isActive(in: result.years[index].year) {
                apply(
                    measure.effect, to: &result.years[index], rules: rules,
                    fuelEnergyGJ: fuelEnergyGJ[result.years[index].year] ?? 0)
            }
        }
        return result
    }

    /// Whether a measure needs the fuel energy of the scenario it is applied to.
    public static func needsFuelEnergy(_ measure: Measure) -> Bool {
        if case .electrification = measure.effect { return true }
        return false
    }

    // Long: one case per kind of measure, each editing the year's inputs in place; apart, each case would be a function
    // called once, from here.
    static func apply(
        _ effect: Measure.Effect, to inputs: inout YearInputs, rules: RuleSet, fuelEnergyGJ energyGJ: Double
    ) {
        switch effect {
        case .fuelSwitch(let from, let to, let share):
            var added: [FuelLine] = []
            for i in inputs.fuels.indices where inputs.fuels[i].fuel == from {
                let line = inputs.fuels[i]
                inputs.fuels[i].share = line.share * (1 - share)
                guard let source = rules.fuel(from), let target = rules.fuel(to) else { continue }
                // Same energy in the new fuel: t_new = t_old × NCV_old / NCV_new (energy units need no conversion).
                var switched = FuelLine(
                    fuel: to, quantity: line.quantity, unit: line.unit, path: line.path + " (switched to \(to))",
                    key: line.key)
                switch line.unit.dimension {
                case .energy:
                    switched.share = line.share * share
                case .mass:
                    switched.share = line.share * share * (line.ncv ?? source.ncv.value) / target.ncv.value
                case .liquidVolume, .gasVolume:
                    let perBase = line.tonnesPerBaseUnit(of: source) ?? 0
                    switched.unit = MeasurementUnit.named("t")!
                    switched.share =
                        line.share * share * line.unit.toBase * perBase * (line.ncv ?? source.ncv.value)
                        / target.ncv.value
                case .oilVolume:
                    continue  // never a fuel's unit (refused on loading)
                }
                added.append(switched)
            }
            inputs.fuels += added
            for m in inputs.fuelMixes.indices {
                var mix = inputs.fuelMixes[m]
                var switched: [FuelMix.MixLine] = []
                for i in mix.burned.indices where mix.burned[i].fuel == from {
                    let line = mix.burned[i]
                    mix.burned[i].factor = line.factor * (1 - share)
                    guard let source = rules.fuel(from), let target = rules.fuel(to) else { continue }
                    // Same energy: a mix in GJ keeps the quantity; a mix in t converts by NCV_old / NCV_new.
                    let conversion = line.unit.dimension == .energy ? 1 : source.ncv.value / target.ncv.value
                    switched.append(
                        FuelMix.MixLine(
                            source: line.source, fuel: to, factor: line.factor * share * conversion, unit: line.unit))
                }
                mix.burned += switched
                inputs.fuelMixes[m] = mix
            }
        case .efficiency(let fuels, let electricity):
            for i in inputs.fuels.indices { inputs.fuels[i].share *= (1 - fuels) }
            for i in inputs.fuelMixes.indices {
                inputs.fuelMixes[i].total = inputs.fuelMixes[i].total.scaled(by: 1 - fuels)
            }
            inputs.electricity.purchased = inputs.electricity.purchased.scaled(by: 1 - electricity)
        case .renewablePower(let mwh), .wasteHeat(let mwh):
            let expected = inputs.electricity.purchased.expectedValue
            let kept = expected > 0 ? max(0, 1 - mwh / expected) : 0
            inputs.electricity.purchased = inputs.electricity.purchased.scaled(by: kept)
            if case .renewablePower = effect, case .fixed(let x) = inputs.electricity.renewable {
                inputs.electricity.renewable = .fixed(x + min(mwh, expected))
            }
        case .ccus(let tonnes):
            let expected = inputs.capturedCO2.expectedValue
            inputs.capturedCO2 =
                expected > 0 ? inputs.capturedCO2.scaled(by: (expected + tonnes) / expected) : .fixed(tonnes)
        case .clinkerSubstitution(let share, let kilnFuels):
            for i in inputs.process.indices {
                inputs.process[i].quantity = inputs.process[i].quantity.scaled(by: 1 - share)
            }
            for i in inputs.fuels.indices where kilnFuels.isEmpty || kilnFuels.contains(inputs.fuels[i].fuel) {
                inputs.fuels[i].share *= (1 - share)
            }
            for i in inputs.fuelMixes.indices
            where kilnFuels.isEmpty || !Set(kilnFuels).isDisjoint(with: inputs.fuelMixes[i].fuels) {
                inputs.fuelMixes[i].total = inputs.fuelMixes[i].total.scaled(by: 1 - share)
            }
        case .alternativeRawMaterials(let share):
            for i in inputs.process.indices {
                inputs.process[i].quantity = inputs.process[i].quantity.scaled(by: 1 - share)
            }
        case .electrification(let share, let efficiency, let renewable):
            for i in inputs.fuels.indices { inputs.fuels[i].share *= (1 - share) }
            for i in inputs.fuelMixes.indices {
                inputs.fuelMixes[i].total = inputs.fuelMixes[i].total.scaled(by: 1 - share)
            }
            let mwh = share * energyGJ / 3.6 / efficiency
            if renewable {
                inputs.electricity.renewable = .fixed(inputs.electricity.renewable.expectedValue + mwh)
            } else {
                let purchased = inputs.electricity.purchased.expectedValue
                inputs.electricity.purchased =
                    purchased > 0 ? inputs.electricity.purchased.scaled(by: (purchased + mwh) / purchased) : .fixed(mwh)
            }
        }
    }

    /// Present value of a flow in `year`, discounted to `first`: flow / (1 + r)^(year − first).
    public static func presentValue(_ flow: Double, year: ComplianceYear, first: ComplianceYear, rate: Double) -> Double
    {
        flow / pow(1 + rate, Double(year.startYear - first.startYear))
    }

    /// The total net present cost of an evaluated pathway — the one definition of cost on every
    /// pathway page: each year's measures (capex in the start year, opex every active year) and its
    /// CCC account as ccts run settles it (stated purchases, offsets, sales), with any shortfall
    /// bought at the year's price instead of paying compensation ("no measure, trade" is always a
    /// choice), discounted to the first year; less the CCCs carried out of the last year, valued at
    /// its price (they can still be sold or surrendered).
    public static func netPresentCost(_ outcome: ScenarioOutcome, measures: [Measure], rate: Double) -> Double {
        guard let first = outcome.years.first?.year, let last = outcome.years.last else { return 0 }
        var total = 0.0
        for y in outcome.years {
            total += yearFlow(
                cost: y.cost, compensation: y.compensation, shortfall: y.ledger.shortfall, price: y.price,
                measures: measureCost(measures, in: y.year), year: y.year, first: first, rate: rate)
        }
        return total - presentValue(last.ledger.carried * last.price, year: last.year, first: first, rate: rate)
    }

    /// One year's part of ``netPresentCost(_:measures:rate:)``: `(measures + cost − compensation +
    /// shortfall × price)` discounted to `first`.
    @inlinable
    public static func yearFlow(
        cost: Double, compensation: Double, shortfall: Double, price: Double, measures: Double,
        year: ComplianceYear, first: ComplianceYear, rate: Double
    ) -> Double {
        presentValue(measures + cost - compensation + shortfall * price, year: year, first: first, rate: rate)
    }

    /// Capex (in the start year) plus opex (every active year) of the measures in `year`.
    public static func measureCost(_ measures: [Measure], in year: ComplianceYear) -> Double {
        let lines = measureCostLines(measures, in: year)
        return lines.capex + lines.opex
    }

    /// The measures' capex (those starting in `year`) and opex (those active in it), apart.
    public static func measureCostLines(_ measures: [Measure], in year: ComplianceYear) -> (capex: Double, opex: Double)
    {
        measures.reduce((capex: 0.0, opex: 0.0)) { total, m in
            (total.capex + (m.start == year ? m.capex : 0), total.opex + (m.isActive(in: year) ? m.opex : 0))
        }
    }
}

extension YearInputs {
    /// Every quantity of the year's activity × `factor`, as production grown by it would need: fuels,
    /// fuel mixes, process materials, electricity and heat bought, exported and generated, products.
    /// What does not follow production stays: refrigerant leaks, captured CO2, trades, offsets.
    mutating func scaleActivity(by factor: Double) {
        for i in fuels.indices { fuels[i].share *= factor }
        for i in fuelMixes.indices { fuelMixes[i].total = fuelMixes[i].total.scaled(by: factor) }
        for i in process.indices { process[i].quantity = process[i].quantity.scaled(by: factor) }
        for i in products.indices { products[i].quantity = products[i].quantity.scaled(by: factor) }
        electricity.purchased = electricity.purchased.scaled(by: factor)
        electricity.renewable = electricity.renewable.scaled(by: factor)
        electricity.exported = electricity.exported.scaled(by: factor)
        heat.purchased = heat.purchased.scaled(by: factor)
        heat.exported = heat.exported.scaled(by: factor)
    }
}
