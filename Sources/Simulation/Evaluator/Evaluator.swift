#if canImport(Glibc)
    import Glibc
#endif
import CCTS

/// Per-thread working memory of the evaluator, allocated once.
///
/// Worlds are evaluated in blocks of ``Scratch/block``: slot `s` of world `w` of the block
/// sits at `values[s × block + w]`, so that one input is drawn for the whole block in a
/// tight loop (its distribution read once, its branch predicted every time).
/// `@unchecked Sendable`: each thread owns its scratch.
public final class Scratch: @unchecked Sendable {
    /// Worlds per block; at most 64 (``DrawColumn`` keeps a block's misses in one 64-bit word).
    public static let block = 64
    let values: UnsafeMutableBufferPointer<Double>
    let bases: UnsafeMutableBufferPointer<UInt64>
    /// The worlds' bases of the common factors' streams (``Plan/commonSeed``).
    let commonBases: UnsafeMutableBufferPointer<UInt64>
    let normals: UnsafeMutableBufferPointer<Double>
    let shares: UnsafeMutableBufferPointer<Double>
    /// Steps 1 and 2 of every year for the block's worlds (``Monitored``).
    let monitored: UnsafeMutableBufferPointer<Double>

    public init(plan: Plan) {
        let block = Scratch.block
        precondition(block <= UInt64.bitWidth, "DrawColumn keeps a block's misses in one UInt64")
        values = .allocate(capacity: max(plan.slotCount, 1) * block)
        values.initialize(repeating: 0)
        for (slot, value) in plan.template.enumerated() {
            for w in 0..<block { values[slot * block + w] = value }
        }
        bases = .allocate(capacity: block)
        bases.initialize(repeating: 0)
        commonBases = .allocate(capacity: block)
        commonBases.initialize(repeating: 0)
        normals = .allocate(capacity: max(plan.copulaSlots.count, 1) * block)
        normals.initialize(repeating: 0)
        shares = .allocate(capacity: max(plan.mixes.map { Int($0.count) }.max() ?? 1, 1))
        shares.initialize(repeating: 0)
        monitored = .allocate(capacity: Monitored.rows(years: plan.years.count) * block)
        monitored.initialize(repeating: 0)
    }

    /// The values of world `w` of the current block.
    @inline(__always)
    func world(_ w: Int) -> WorldSlots { WorldSlots(base: values.baseAddress! + w) }

    deinit {
        values.deallocate()
        bases.deallocate()
        commonBases.deallocate()
        normals.deallocate()
        shares.deallocate()
        monitored.deallocate()
    }
}

/// One world's view of the block: slot `s` at `base[s × block]`.
struct WorldSlots {
    let base: UnsafeMutablePointer<Double>

    @inline(__always)
    subscript(_ slot: Int) -> Double {
        get { base[slot &* Scratch.block] }
        nonmutating set { base[slot &* Scratch.block] = newValue }
    }

    /// Slot `slot` of this world and the worlds after it in the block: `row(slot)[w]` is world w's (counted from this
    /// one).
    @inline(__always)
    func row(_ slot: Int32) -> UnsafeMutablePointer<Double> { base + Int(slot) &* Scratch.block }
}

/// What steps 1 and 2 (``Plan/monitor(_:_:count:into:recorder:)``) found for the worlds of a block,
/// year by year: row by row, one value per world, like the inputs. Rows 0 and 1 hold the process and
/// fugitive sums as they accumulate; year y's emissions, production and direct emissions follow.
struct Monitored {
    let base: UnsafeMutablePointer<Double>

    static func rows(years: Int) -> Int { 2 + 3 * years }

    @inline(__always) var processSums: UnsafeMutablePointer<Double> { base }
    @inline(__always) var fugitiveSums: UnsafeMutablePointer<Double> { base + Scratch.block }
    @inline(__always) func emissions(_ y: Int) -> UnsafeMutablePointer<Double> { base + (2 &+ 3 &* y) &* Scratch.block }
    @inline(__always) func production(_ y: Int) -> UnsafeMutablePointer<Double> { emissions(y) + Scratch.block }
    @inline(__always) func direct(_ y: Int) -> UnsafeMutablePointer<Double> { emissions(y) + 2 &* Scratch.block }

    /// The rows as seen from world `w` of the block.
    @inline(__always) func world(_ w: Int) -> Monitored { Monitored(base: base + w) }
}

/// One input's values for the worlds of a block: world w's from its own stream, keyed by the input.
struct DrawColumn {
    let out: UnsafeMutablePointer<Double>
    let bases: UnsafeMutablePointer<UInt64>
    let count: Int
    let keyHash: UInt64

    @inline(__always)
    func fill(_ draw: (inout RandomStream) -> Double) {
        for w in 0..<count {
            var stream = RandomStream(worldBase: bases[w], keyHash: keyHash)
            out[w] = draw(&stream)
        }
    }

    /// As ``fill(_:)``, trying `firstTry` for every world first and drawing the worlds it misses
    /// with `draw`, each from its stream afresh: the same values (`firstTry` gives `draw`'s value
    /// or nil), the cold path's calls out of the hot loop. At most 64 worlds (one bit each).
    @inline(__always)
    func fill(firstTry: (inout RandomStream) -> Double?, draw: (inout RandomStream) -> Double) {
        fastPathFirst(count: count) { w in
            var stream = RandomStream(worldBase: bases[w], keyHash: keyHash)
            guard let x = firstTry(&stream) else { return false }
            out[w] = x
            return true
        } then: { w in
            var stream = RandomStream(worldBase: bases[w], keyHash: keyHash)
            out[w] = draw(&stream)
        }
    }
}

/// Runs `firstTry(w)` for worlds 0..<count of a block, then `full(w)` for each world whose first
/// try returned false, in world order. `full` must not depend on what a failed first try left
/// behind (each draws from its world's stream afresh). At most 64 worlds: one bit each.
@inline(__always)
func fastPathFirst(count: Int, _ firstTry: (Int) -> Bool, then full: (Int) -> Void) {
    var missed: UInt64 = 0
    for w in 0..<count where !firstTry(w) { missed |= 1 &<< UInt64(w) }
    while missed != 0 {
        full(missed.trailingZeroBitCount)
        missed &= missed &- 1
    }
}

/// Where a world writes its results: `base[(year × metrics + metric) × stride + world]`,
/// and the total cost over all years at `base[(years × metrics) × stride + world]`.
/// `@unchecked Sendable`: threads write disjoint worlds.
public struct OutputTable: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Double>
    public let stride: Int

    public init(base: UnsafeMutablePointer<Double>, stride: Int) {
        self.base = base
        self.stride = stride
    }
}

extension Plan {
    /// Draws world `world` and runs its lifecycle, year after year, writing the metrics.
    /// - Throws: when a rule function fails, or an input makes the world impossible (see ``lifecycle``).
    public func evaluate(world: Int, seed: UInt64, scratch: Scratch, into output: OutputTable) throws {
        try evaluate(worlds: world..<(world + 1), seed: seed, scratch: scratch, into: output)
    }

    /// Evaluates consecutive worlds (at most ``Scratch/block``): draws every input for all of
    /// them, input by input, monitors every year of all of them, line by line (steps 1 and 2 do not
    /// depend on the account, and a line's arithmetic over the block's worlds runs two at a time),
    /// then runs each world's lifecycle. World w's metrics go to column w − `origin` of `output`
    /// (a table holding worlds origin, origin + 1, …).
    public func evaluate(worlds: Range<Int>, seed: UInt64, scratch: Scratch, into output: OutputTable, origin: Int = 0)
        throws
    {
        precondition(worlds.count <= Scratch.block && worlds.lowerBound >= origin)
        drawBlock(worlds, seed: seed, scratch: scratch)
        var silent = SilentRecorder()
        let monitored = Monitored(base: scratch.monitored.baseAddress!)
        for y in 0..<years.count {
            monitor(y, scratch.world(0), count: worlds.count, into: monitored, recorder: &silent)
        }
        for (w, world) in worlds.enumerated() {
            try lifecycle(
                world: world, scratch.world(w), monitored: monitored.world(w), monitoredAhead: true,
                into: output, column: world - origin, recorder: &silent)
        }
    }

    /// THE lifecycle of ccts: the years of one world, from its input values, to its metrics.
    ///
    /// Every number of every command comes from here: `run` and `explain` evaluate one world
    /// at expected values (or world I) with an ``OutcomeRecorder``; Monte Carlo, `compare`,
    /// `pathway` and `plan` evaluate worlds with the ``SilentRecorder``. The formulas of
    /// verification and settlement are ``VerificationOutcome`` and ``Settlement``.
    ///
    /// - Parameters:
    ///   - world: the world's index, for errors; −1 for the expected values.
    ///   - monitored: where the world's monitored totals are (``Monitored/world(_:)``).
    ///   - monitoredAhead: whether ``monitor(_:_:count:into:recorder:)`` has already run for every
    ///     year of the world's block (Monte Carlo); otherwise it runs here, year by year, for this
    ///     world alone, so that a recorder sees each year's steps in order.
    ///   - column: where the world's metrics go in `output`.
    /// - Throws: ``InputError`` when a rule function fails, when the year's equivalent production is
    ///   not above zero, when deductions exceed what the plant emits, or when a result is not finite.
    @inline(__always)
    // Long: the lifecycle's steps in the order docs/lifecycle.md numbers them, in the hot loop; apart, they would pass
    // a dozen of one world's accumulators by inout.
    func lifecycle<R: LifecycleRecorder>(
        world: Int, _ v: WorldSlots, monitored: Monitored, monitoredAhead: Bool,
        into output: OutputTable, column: Int, recorder: inout R
    ) throws {
        let metrics = Metric.allCases.count
        var balance = openingBalance
        var totalCost = 0.0
        for y in 0..<years.count {
            let year = years[y]
            recorder.beginYear(y, v)
            if !monitoredAhead { monitor(y, v, count: 1, into: monitored, recorder: &recorder) }
            let total = monitored.emissions(y)[0], production = monitored.production(y)[0],
                direct = monitored.direct(y)[0]
            if direct < 0 { throw outputsAboveInputs(y, world: world, direct: direct) }
            if year.capturedDeductible, v[Int(year.captured)] * year.periodShare > direct {
                throw capturedAboveDirect(
                    y, world: world, captured: v[Int(year.captured)] * year.periodShare, direct: direct)
            }
            guard production > 0, total >= 0, total.isFinite, production.isFinite else {
                throw impossibleWorld(y, world: world, emissions: total, production: production)
            }

            // Verification
            var threshold = year.materiality
            if year.materialityFunction >= 0 {
                threshold = try functions[Int(year.materialityFunction)].evaluate(total, production)
                guard threshold.isFinite, threshold >= 0, threshold <= 1 else {
                    throw ruleResult(
                        y, world: world, rule: "verification.materiality", value: threshold,
                        expected: "a fraction in 0…1 such as 0.02")
                }
            }
            let verification = VerificationOutcome.assess(
                reportedEmissions: total, reportedProduction: production,
                emissionsFinding: v[Int(year.emissionsFinding)], productionFinding: v[Int(year.productionFinding)],
                threshold: threshold, uplift: year.uplift, onGEI: year.materialityOnGEI)
            recorder.verification(verification)
            let credits = Settlement.credits(
                target: year.target, emissions: verification.emissions, production: verification.production,
                scale: year.scale, issueRounding: year.issueRounding, surrenderRounding: year.surrenderRounding)
            recorder.credits(credits)

            // Offsets, trades, ledger: the one settlement (``Settlement/settle``).
            // A market run's price of this world, or the year's price input (at expected values, its mean).
            let price =
                year.marketRow >= 0 && world >= 0
                ? marketPrices[Int(year.marketRow) * marketWorlds + world % marketWorlds]
                : v[Int(year.price)]
            var offsetCount = Settlement.OffsetCount(share: year.offsetShare, obligation: credits.surrender)
            for i in Int(year.offsets.start)..<Int(year.offsets.start + year.offsets.count) {
                let term = offsets[i]
                let delivered = CertificateArithmetic.delivered(credits: term.credits, fraction: v[Int(term.delivered)])
                let count = offsetCount.count(
                    delivered, eligible: term.eligible, price: term.price >= 0 ? v[Int(term.price)] : 0)
                recorder.offset(i, delivered: delivered, counted: count)
            }
            let first = Int(year.trades.start), split = first + Int(year.tradesBeforeSurrender)
            let settled: Settlement.Year
            do {
                settled = try Settlement.settle(
                    opening: balance, credits: credits, offsets: offsetCount, price: price,
                    rules: Settlement.YearRules(
                        bankingAllowed: year.bankingAllowed, maximumCarried: year.maximumCarried,
                        multiple: year.compensationMultiple),
                    compensationFunction: year.compensationFunction >= 0
                        ? functions[Int(year.compensationFunction)] : nil,
                    beforeSurrender: { account, _, _ in
                        for i in first..<split { execute(i, &account, marketPrice: price, v, recorder: &recorder) }
                    },
                    afterSurrender: { account in
                        for i in split..<(first + Int(year.trades.count)) {
                            execute(i, &account, marketPrice: price, v, recorder: &recorder)
                        }
                    })
            } catch let range as Settlement.MultipleOutOfRange {
                throw ruleResult(
                    y, world: world, rule: "compliance.compensation.multiple", value: range.multiple,
                    expected: "a multiple from 0 to \(Int(Settlement.largestMultiple))")
            }
            let account = settled.account, compensation = settled.compensation, cost = settled.cost
            guard cost.isFinite else {
                throw impossibleWorld(y, world: world, emissions: total, production: production)
            }
            recorder.settlement(
                YearSettlement(
                    opening: balance, offsets: offsetCount.counted, account: account, price: price,
                    multiple: settled.multiple, compensation: compensation, cost: cost))
            balance = account.carried
            totalCost += cost

            let row = y * metrics
            output.base[(row + Metric.emissions.rawValue) * output.stride + column] = total
            output.base[(row + Metric.gei.rawValue) * output.stride + column] = credits.gei
            output.base[(row + Metric.credits.rawValue) * output.stride + column] = credits.issued - credits.surrender
            output.base[(row + Metric.closing.rawValue) * output.stride + column] = account.closing
            output.base[(row + Metric.shortfall.rawValue) * output.stride + column] = account.shortfall
            output.base[(row + Metric.cost.rawValue) * output.stride + column] = cost
            output.base[(row + Metric.compliant.rawValue) * output.stride + column] = settled.compliant ? 1 : 0
            output.base[(row + Metric.price.rawValue) * output.stride + column] = price
            output.base[(row + Metric.compensation.rawValue) * output.stride + column] = compensation
            output.base[(row + Metric.offsets.rawValue) * output.stride + column] = offsetCount.counted
        }
        output.base[years.count * metrics * output.stride + column] = totalCost
    }

    /// The error of a world whose inputs cannot describe a plant (cold path: builds strings).
    func impossibleWorld(_ y: Int, world: Int, emissions: Double, production: Double) -> InputError {
        let which = world < 0 ? "at the expected values" : "in world \(world)"
        let path = "years[\"\(yearLabels[y])\"]"
        if !(production > 0) || !production.isFinite {
            return InputError(
                file: file, path: path + ".products",
                message: "equivalent production is \(production.shown) t \(which); GEI needs a production above zero",
                suggestion: "check the year's products and their quantities")
        }
        if emissions < 0 {
            return InputError(
                file: file, path: path,
                message:
                    "deductions (exported electricity and heat, captured CO2) exceed the plant's emissions \(which): "
                    + "the total would be \(emissions.shown) tCO2e",
                suggestion: "a plant cannot deduct more than it emits; check captured_co2 and the exports")
        }
        return InputError(
            file: file, path: path,
            message:
                "a result is not a finite number \(which) (emissions \(emissions.shown) t, production "
                + "\(production.shown) t)",
            suggestion: "check the year's quantities for values far too large")
    }

    /// Direct emissions below zero: only a process output (`output = true`, carbon leaving in a
    /// product) subtracts, so its carbon exceeds what the inputs and fuels release.
    func outputsAboveInputs(_ y: Int, world: Int, direct: Double) -> InputError {
        InputError(
            file: file, path: "years[\"\(yearLabels[y])\"].process",
            message:
                "the carbon leaving in products (output lines such as crude_steel_out) exceeds what the inputs "
                + "and fuels release \(world < 0 ? "at the expected values" : "in world \(world)"): "
                + "direct emissions would be "
                + "\(((direct * 100).rounded() / 100).shown) tCO2e",
            suggestion: "a mass balance lists every carbon input (coke, coal, fluxes, electrodes) beside its outputs")
    }

    func capturedAboveDirect(_ y: Int, world: Int, captured: Double, direct: Double) -> InputError {
        InputError(
            file: file, path: "years[\"\(yearLabels[y])\"].captured_co2",
            message:
                "captures \(captured.shown) t of CO2 \(world < 0 ? "at the expected values" : "in world \(world)"), "
                + "more than the plant's direct emissions of \(direct.shown) tCO2e",
            suggestion: "a plant can capture only CO2 it emits on site; check the quantity and its unit")
    }

    func ruleResult(_ y: Int, world: Int, rule: String, value: Double, expected: String) -> InputError {
        InputError(
            file: rule.hasPrefix("verification") ? labels.materialityFile : labels.compensationFile, path: rule,
            message:
                "the rule function returned \(value.shown) for "
                + "\(yearLabels[y])\(world < 0 ? "" : " in world \(world)"); expected \(expected)"
        )
    }

    /// Draws every input of a block of worlds, input by input; then the copula's normals for the
    /// whole block (fast path first) and the correlated inputs, fuel-mix shares and path prices world by world.
    @inline(__always)
    func drawBlock(_ worlds: Range<Int>, seed: UInt64, scratch: Scratch) {
        let count = worlds.count
        for w in 0..<count {
            scratch.bases[w] = RandomStream.worldBase(seed: seed, world: UInt64(worlds.lowerBound + w))
        }
        if hasCommonFactors {
            let common = commonSeed ?? seed
            for w in 0..<count {
                scratch.commonBases[w] = RandomStream.worldBase(seed: common, world: UInt64(worlds.lowerBound + w))
            }
        }
        let values = scratch.values.baseAddress!
        for slot in independent {
            let j = Int(slot)
            let d = inputDistributions[j]
            let column = DrawColumn(
                out: values + j * Scratch.block, bases: scratch.bases.baseAddress!, count: count,
                keyHash: inputHashes[j])
            // The kind chosen once per column, not once per world: each common kind gets a loop of
            // its own, its parameters and tables in registers (the same draws as `sample`).
            switch d.kind {
            case .normal: column.fill(firstTry: { sampler.normalFirstTry(d, &$0) }, draw: { sampler.normal(d, &$0) })
            case .beta: column.fill(firstTry: { sampler.betaFirstTry(d, &$0) }, draw: { sampler.beta(d, &$0) })
            case .uniform: column.fill { sampler.uniform(d, &$0) }
            case .triangular: column.fill { sampler.triangular(d, &$0) }
            default: column.fill { sampler.sample(d, &$0) }
            }
        }
        drawCorrelated(count: count, scratch: scratch)
        for mix in mixes {
            alphas.withUnsafeBufferPointer { all in
                let alphas = UnsafeBufferPointer(rebasing: all[Int(mix.alphaStart)..<Int(mix.alphaStart + mix.count)])
                let shares = UnsafeMutableBufferPointer(rebasing: scratch.shares[0..<Int(mix.count)])
                for w in 0..<count {
                    var stream = RandomStream(worldBase: scratch.bases[w], keyHash: mix.sharesHash)
                    sampler.dirichlet(alphas, &stream, into: shares)
                    split(mix, shares: UnsafeBufferPointer(shares), scratch.world(w))
                }
            }
        }
        for w in 0..<count { followPricePath(scratch.world(w)) }
    }

    /// A fuel mix's lines: `quantity_i = total × share_i`.
    @inline(__always)
    func split(_ mix: MixTerm, shares: UnsafeBufferPointer<Double>, _ v: WorldSlots) {
        let total = v[Int(mix.total)]
        for i in 0..<Int(mix.count) { v[Int(mix.output) + i] = total * shares[i] }
    }

    /// Each year's price from the last and the year's shock (``PricePath/next(after:z:)``).
    @inline(__always)
    func followPricePath(_ v: WorldSlots) {
        guard let path = pricePath else { return }
        for y in 1..<Swift.max(path.prices.count, 1) {
            v[Int(path.prices[y])] = path.path.next(after: v[Int(path.prices[y - 1])], z: v[Int(path.shocks[y])])
        }
    }

    /// World 0 of `scratch` at expected values: every input at its mean, fuel mixes split by
    /// their expected shares α_i / Σα, price paths followed with zero shocks.
    func fillExpected(_ scratch: Scratch) {
        let v = scratch.world(0)
        for (slot, value) in expected.enumerated() { v[slot] = value }
        for (mix, concentrations) in zip(mixes, mixConcentrations) {
            let sum = concentrations.reduce(0, +)
            concentrations.map { $0 / sum }.withUnsafeBufferPointer { split(mix, shares: $0, v) }
        }
        followPricePath(v)
    }

    /// The block's correlated inputs, through the copula: each independent normal drawn for the
    /// whole block from its keyed streams (fast path first), then combined world by world through
    /// the Cholesky factor and mapped to each input's marginal.
    @inline(__always)
    func drawCorrelated(count: Int, scratch: Scratch) {
        guard !copulaSlots.isEmpty else { return }
        let n = copulaSlots.count, normals = scratch.normals.baseAddress!
        for k in 0..<n {
            let bases = copulaCommon[k] ? scratch.commonBases : scratch.bases
            let column = DrawColumn(
                out: normals + k * Scratch.block, bases: bases.baseAddress!, count: count,
                keyHash: correlationHashes[k])
            column.fill(firstTry: { sampler.ziggurat.firstTry(&$0) }, draw: { sampler.ziggurat.normal(&$0) })
        }
        for w in 0..<count {
            let v = scratch.world(w)
            for k in 0..<n where copulaSlots[k] >= 0 {
                var z = 0.0
                for j in 0...k { z += correlation.lower[k * n + j] * normals[j * Scratch.block + w] }
                let slot = Int(copulaSlots[k])
                if let table = copulaTables[k] {
                    v[slot] = table.value(z)
                } else {
                    v[slot] = sampler.fromNormal(inputDistributions[slot], z)
                }
            }
        }
    }

    /// Step 1 and 2 of the lifecycle for year `y` of `count` consecutive worlds of a block, from
    /// world `v` on: total emissions, equivalent production and direct emissions into `monitored`.
    ///
    /// `energy_TJ = quantity × (density) × NCV / 1000`; `CO2 = energy × EF × (1 − biomass)`;
    /// `CH4, N2O = energy × EF / 1000 × GWP`; process `quantity × EF × purity`; refrigerants
    /// `leaked × GWP`; `total = direct + indirect − deductions`; production `Σ quantity × equivalence`.
    /// Quantities monitored over a full year for a shorter compliance period are taken pro rata
    /// (``YearPlan/periodShare``, folded into the lines' factors at compile time).
    ///
    /// Line by line, each line for every world (the line's factors read once, its arithmetic over
    /// the worlds vectorised); each world's sums are added in line order, as one world alone would.
    @inline(__always)
    func monitor<R: LifecycleRecorder>(
        _ y: Int, _ v: WorldSlots, count: Int, into monitored: Monitored, recorder: inout R
    ) {
        let year = years[y]
        let direct = monitored.direct(y), processSums = monitored.processSums, fugitiveSums = monitored.fugitiveSums
        let emissions = monitored.emissions(y), production = monitored.production(y)
        for w in 0..<count { direct[w] = 0; processSums[w] = 0; fugitiveSums[w] = 0; production[w] = 0 }
        for i in Int(year.fuels.start)..<Int(year.fuels.start + year.fuels.count) {
            let f = fuels[i]
            let quantities = v.row(f.quantity), ncvs = v.row(f.ncv), co2s = v.row(f.co2), ch4s = v.row(f.ch4),
                n2os = v.row(f.n2o)
            for w in 0..<count {
                let quantity = quantities[w] * f.share
                let base = quantity * f.toBase
                let energyTJ = f.isEnergy ? base / 1000 : (f.isVolume ? base * f.perBase : base) * ncvs[w] / 1000
                let co2 = energyTJ * co2s[w] * (1 - f.biomass)
                let ch4 = energyTJ * ch4s[w] / 1000 * year.gwpCH4
                let n2o = energyTJ * n2os[w] / 1000 * year.gwpN2O
                direct[w] += co2 + ch4 + n2o
                recorder.fuel(i, quantity: quantity, energyTJ: energyTJ, co2: co2, ch4: ch4, n2o: n2o)
            }
        }
        for i in Int(year.process.start)..<Int(year.process.start + year.process.count) {
            let p = process[i]
            let quantities = v.row(p.quantity), efs = v.row(p.ef)
            let signedPurity = p.purity * p.direction
            for w in 0..<count {
                let tonnes = quantities[w] * p.toBase
                let co2 = tonnes * efs[w] * signedPurity
                processSums[w] += co2
                recorder.process(i, tonnes: tonnes, co2: co2)
            }
        }
        for i in Int(year.fugitive.start)..<Int(year.fugitive.start + year.fugitive.count) {
            let f = fugitive[i]
            let quantities = v.row(f.quantity)
            for w in 0..<count {
                let tonnes = quantities[w] * f.toBase
                fugitiveSums[w] += tonnes * f.gwp
                recorder.fugitive(i, tonnes: tonnes, co2e: tonnes * f.gwp)
            }
        }
        let share = year.periodShare
        let grids = v.row(year.gridFactor), exportGrids = v.row(year.exportGridFactor)
        let heats = v.row(year.heatFactor), heatExports = v.row(year.heatExportFactor)
        let bought = v.row(year.electricityPurchased), heatBought = v.row(year.heatPurchased)
        let sold = v.row(year.electricityExported), heatSold = v.row(year.heatExported), captures = v.row(year.captured)
        for w in 0..<count {
            let electricity = bought[w] * share * grids[w]
            let heatIn = heatBought[w] * share * heats[w]
            let exportedElectricity = year.exportsDeductible ? sold[w] * share * exportGrids[w] : 0
            let exportedHeat = year.exportsDeductible ? heatSold[w] * share * heatExports[w] : 0
            let captured = year.capturedDeductible ? captures[w] * share : 0
            recorder.boundary(
                electricity: electricity, heat: heatIn, exportedElectricity: exportedElectricity,
                exportedHeat: exportedHeat, captured: captured)
            direct[w] = direct[w] + processSums[w] + fugitiveSums[w]
            emissions[w] = direct[w] + (electricity + heatIn) - (exportedElectricity + exportedHeat + captured)
        }
        for i in Int(year.products.start)..<Int(year.products.start + year.products.count) {
            let p = products[i]
            let quantities = v.row(p.quantity)
            for w in 0..<count {
                let tonnes = quantities[w] * p.toBase
                production[w] += tonnes * p.equivalence
                recorder.product(i, tonnes: tonnes, equivalence: p.equivalence)
            }
        }
    }

    /// One purchase or sale: CCCs are traded whole (a drawn quantity is rounded to the nearest
    /// certificate), at the trade's own price or the year's market price.
    @inline(__always)
    func execute<R: LifecycleRecorder>(
        _ i: Int, _ account: inout Settlement.Account, marketPrice: Double, _ v: WorldSlots, recorder: inout R
    ) {
        let term = trades[i]
        let quantity = v[Int(term.quantity)].rounded()
        let price = term.price >= 0 ? v[Int(term.price)] : marketPrice
        if term.isSale {
            let sold = account.sell(quantity, at: price)
            recorder.trade(i, requested: quantity, done: sold, price: price, heldAfter: account.held)
        } else {
            account.buy(quantity, at: price)
            recorder.trade(i, requested: quantity, done: quantity, price: price, heldAfter: account.held)
        }
    }
}
