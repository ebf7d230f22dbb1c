import CCTS

/// Watches the one lifecycle evaluator (``Plan``) as it computes a world, step by step.
///
/// The evaluator computes every number; a recorder only sees them. Monte Carlo worlds use
/// ``SilentRecorder``, whose empty methods the compiler removes, so watching costs nothing
/// when it is off. `ccts run` and `ccts explain` use ``OutcomeRecorder``, which turns what it
/// sees into the year's outcome, ledger lines, warnings and trace.
protocol LifecycleRecorder {
    mutating func beginYear(_ year: Int, _ v: WorldSlots)
    /// One fuel line: quantity in its unit, energy in TJ, CO2, CH4 and N2O (as CO2e) in t.
    mutating func fuel(_ term: Int, quantity: Double, energyTJ: Double, co2: Double, ch4: Double, n2o: Double)
    mutating func process(_ term: Int, tonnes: Double, co2: Double)
    mutating func fugitive(_ term: Int, tonnes: Double, co2e: Double)
    /// Energy crossing the boundary, and captured CO2, in tCO2.
    mutating func boundary(
        electricity: Double, heat: Double, exportedElectricity: Double, exportedHeat: Double, captured: Double)
    mutating func product(_ term: Int, tonnes: Double, equivalence: Double)
    mutating func verification(_ outcome: VerificationOutcome)
    mutating func credits(_ credits: Settlement.Credits)
    mutating func offset(_ term: Int, delivered: Double, counted: Double)
    /// One purchase or sale, in the order the year makes them: asked, done (a sale is cut to
    /// what is held), at what price, and what is held after it.
    mutating func trade(_ term: Int, requested: Double, done: Double, price: Double, heldAfter: Double)
    mutating func settlement(_ s: YearSettlement)
}

/// The money and certificates of a year, as the evaluator settled them.
struct YearSettlement {
    var opening: Double
    var offsets: Double
    var account: Settlement.Account
    var price: Double
    var multiple: Double
    var compensation: Double
    var cost: Double
}

/// The recorder of Monte Carlo worlds: sees nothing, costs nothing.
struct SilentRecorder: LifecycleRecorder {
    @inline(__always) mutating func beginYear(_ year: Int, _ v: WorldSlots) {}
    @inline(__always) mutating func fuel(
        _ term: Int, quantity: Double, energyTJ: Double, co2: Double, ch4: Double, n2o: Double
    ) {}
    @inline(__always) mutating func process(_ term: Int, tonnes: Double, co2: Double) {}
    @inline(__always) mutating func fugitive(_ term: Int, tonnes: Double, co2e: Double) {}
    @inline(__always) mutating func boundary(
        electricity: Double, heat: Double, exportedElectricity: Double, exportedHeat: Double, captured: Double
    ) {}
    @inline(__always) mutating func product(_ term: Int, tonnes: Double, equivalence: Double) {}
    @inline(__always) mutating func verification(_ outcome: VerificationOutcome) {}
    @inline(__always) mutating func credits(_ credits: Settlement.Credits) {}
    @inline(__always) mutating func offset(_ term: Int, delivered: Double, counted: Double) {}
    @inline(__always) mutating func trade(
        _ term: Int, requested: Double, done: Double, price: Double, heldAfter: Double
    ) {}
    @inline(__always) mutating func settlement(_ s: YearSettlement) {}
}
