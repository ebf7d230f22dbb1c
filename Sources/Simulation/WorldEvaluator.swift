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
    public static let block = 64
    let values: UnsafeMutableBufferPointer<Double>
    let bases: UnsafeMutableBufferPointer<UInt64>
    let normals: UnsafeMutableBufferPointer<Double>
    let shares: UnsafeMutableBufferPointer<Double>

    public init(plan: Plan) {
        let block = Scratch.block
        values = .allocate(capacity: max(plan.slotCount, 1) * block)
        values.initialize(repeating: 0)
        for (slot, value) in plan.template.enumerated() {
            for w in 0..<block { values[slot * block + w] = value }
        }
        bases = .allocate(capacity: block)
        bases.initialize(repeating: 0)
        normals = .allocate(capacity: max(plan.correlated.count, 1))
        normals.initialize(repeating: 0)
        shares = .allocate(capacity: max(plan.mixes.map { Int($0.count) }.max() ?? 1, 1))
        shares.initialize(repeating: 0)
    }

    /// The values of world `w` of the current block.
    @inline(__always)
    func world(_ w: Int) -> WorldSlots { WorldSlots(base: values.baseAddress! + w) }

    deinit {
        values.deallocate()
        bases.deallocate()
        normals.deallocate()
        shares.deallocate()
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
    ///
    /// Mirrors ``Lifecycle`` operation for operation (same order of additions), so the
    /// same world gives the same numbers through either path; the formulas themselves
    /// are the shared ones of ``Settlement`` and ``VerificationOutcome``.
    /// - Throws: only when a rule function fails.
    public func evaluate(world: Int, seed: UInt64, scratch: Scratch, into output: OutputTable) throws {
        try evaluate(worlds: world..<(world + 1), seed: seed, scratch: scratch, into: output)
    }

    /// Evaluates consecutive worlds (at most ``Scratch/block``): draws every input for all of
    /// them, input by input, then runs each world's lifecycle.
    public func evaluate(worlds: Range<Int>, seed: UInt64, scratch: Scratch, into output: OutputTable) throws {
        precondition(worlds.count <= Scratch.block)
        drawBlock(worlds, seed: seed, scratch: scratch)
        for (w, world) in worlds.enumerated() {
            try lifecycle(world: world, scratch.world(w), into: output)
        }
    }

    /// The years of one world, from its drawn values.
    @inline(__always)
    func lifecycle(world: Int, _ v: WorldSlots, into output: OutputTable) throws {
        let metrics = Metric.allCases.count
        var balance = openingBalance
        var totalCost = 0.0
        for y in 0..<years.count {
            let year = years[y]
            let (total, production) = monitor(year, v)

            // Verification
            var threshold = year.materiality
            if year.materialityFunction >= 0 {
                threshold = try functions[Int(year.materialityFunction)].evaluate(total, production)
            }
            let verification = VerificationOutcome.assess(
                reportedEmissions: total, reportedProduction: production,
                emissionsFinding: v[Int(year.emissionsFinding)], productionFinding: v[Int(year.productionFinding)],
                threshold: threshold, uplift: year.uplift)
            let credits = Settlement.credits(target: year.target, emissions: verification.emissions, production: verification.production,
                                             scale: year.scale, issueRounding: year.issueRounding, surrenderRounding: year.surrenderRounding)

            // Offsets, trades, ledger
            let price = v[Int(year.price)]
            var offsetCost = 0.0, counted = 0.0
            var remainingCap = OffsetRules.cap(share: year.offsetShare, obligation: credits.surrender)
            for i in Int(year.offsets.start)..<Int(year.offsets.start + year.offsets.count) {
                let term = offsets[i]
                let delivered = CertificateArithmetic.delivered(credits: term.credits, fraction: v[Int(term.delivered)])
                if term.price >= 0 { offsetCost += delivered * v[Int(term.price)] }
                var count = term.eligible ? delivered : 0
                if count > remainingCap { count = max(remainingCap, 0) }
                remainingCap -= count
                counted += count
            }
            let (purchased, purchaseCost) = trade(purchases, year.purchases, price: price, v)
            let (requestedSale, saleValue) = trade(sales, year.sales, price: price, v)
            let holdings = balance + credits.issued + counted + purchased
            let account = Settlement.settle(holdings: holdings, obligation: credits.surrender, requestedSale: requestedSale,
                                            bankingAllowed: year.bankingAllowed, maximumCarried: year.maximumCarried)
            let averageSalePrice = requestedSale > 0 ? saleValue / requestedSale : price
            let saleRevenue = year.sales.count == 0 ? 0 : account.sold * averageSalePrice

            var multiple = year.compensationMultiple
            if year.compensationFunction >= 0 {
                multiple = try functions[Int(year.compensationFunction)].evaluate(account.shortfall, price)
            }
            let compensation = account.shortfall * multiple * price
            let cost = purchaseCost + offsetCost + compensation - saleRevenue
            balance = account.carried
            totalCost += cost

            let row = y * metrics
            output.base[(row + Metric.emissions.rawValue) * output.stride + world] = total
            output.base[(row + Metric.gei.rawValue) * output.stride + world] = credits.gei
            output.base[(row + Metric.credits.rawValue) * output.stride + world] = credits.issued - credits.surrender
            output.base[(row + Metric.closing.rawValue) * output.stride + world] = account.closing
            output.base[(row + Metric.shortfall.rawValue) * output.stride + world] = account.shortfall
            output.base[(row + Metric.cost.rawValue) * output.stride + world] = cost
            output.base[(row + Metric.compliant.rawValue) * output.stride + world] = account.shortfall <= 0 ? 1 : 0
            output.base[(row + Metric.price.rawValue) * output.stride + world] = price
            output.base[(row + Metric.compensation.rawValue) * output.stride + world] = compensation
        }
        output.base[years.count * metrics * output.stride + world] = totalCost
    }

    /// Draws every input of a block of worlds, input by input, then the derived values
    /// (correlated inputs, fuel-mix quantities, path prices) world by world.
    @inline(__always)
    func drawBlock(_ worlds: Range<Int>, seed: UInt64, scratch: Scratch) {
        let count = worlds.count
        for w in 0..<count { scratch.bases[w] = RandomStream.worldBase(seed: seed, world: UInt64(worlds.lowerBound + w)) }
        let values = scratch.values.baseAddress!
        for slot in independent {
            let j = Int(slot)
            let distribution = inputDistributions[j], hash = inputHashes[j]
            let out = values + j * Scratch.block
            for w in 0..<count {
                var stream = RandomStream(worldBase: scratch.bases[w], keyHash: hash)
                out[w] = sampler.sample(distribution, &stream)
            }
        }
        for w in 0..<count { drawCorrelated(base: scratch.bases[w], scratch: scratch, scratch.world(w)) }
        for mix in mixes {
            alphas.withUnsafeBufferPointer { all in
                let alphas = UnsafeBufferPointer(rebasing: all[Int(mix.alphaStart)..<Int(mix.alphaStart + mix.count)])
                let shares = UnsafeMutableBufferPointer(rebasing: scratch.shares[0..<Int(mix.count)])
                for w in 0..<count {
                    let v = scratch.world(w)
                    var stream = RandomStream(worldBase: scratch.bases[w], keyHash: mix.sharesHash)
                    sampler.dirichlet(alphas, &stream, into: shares)
                    let total = v[Int(mix.total)]
                    for i in 0..<Int(mix.count) { v[Int(mix.output) + i] = total * shares[i] }
                }
            }
        }
        if let path = pricePath {
            for w in 0..<count {
                let v = scratch.world(w)
                for y in 1..<max(path.prices.count, 1) {
                    v[Int(path.prices[y])] = path.path.next(after: v[Int(path.prices[y - 1])], z: v[Int(path.shocks[y])])
                }
            }
        }
    }

    /// This world's correlated inputs, through the copula.
    @inline(__always)
    func drawCorrelated(base: UInt64, scratch: Scratch, _ v: WorldSlots) {
        guard !correlated.isEmpty else { return }
        let n = correlated.count
        for k in 0..<n {
            var stream = RandomStream(worldBase: base, keyHash: correlationHashes[k])
            scratch.normals[k] = sampler.ziggurat.normal(&stream)
        }
        for k in 0..<n {
            var z = 0.0
            for j in 0...k { z += correlation.lower[k * n + j] * scratch.normals[j] }
            let slot = Int(correlated[k])
            v[slot] = sampler.fromNormal(inputDistributions[slot], z)
        }
    }

    /// Step 1 and 2 of the lifecycle: total emissions and equivalent production.
    @inline(__always)
    func monitor(_ year: YearPlan, _ v: WorldSlots) -> (emissions: Double, production: Double) {
        var combustion = 0.0
        for i in Int(year.fuels.start)..<Int(year.fuels.start + year.fuels.count) {
            let f = fuels[i]
            let base = v[Int(f.quantity)] * f.share * f.toBase
            let energyTJ = f.isEnergy ? base / 1000 : (f.isVolume ? base * f.perBase : base) * v[Int(f.ncv)] / 1000
            let co2 = energyTJ * v[Int(f.co2)] * (1 - f.biomass)
            let ch4 = energyTJ * v[Int(f.ch4)] / 1000 * year.gwpCH4
            let n2o = energyTJ * v[Int(f.n2o)] / 1000 * year.gwpN2O
            combustion += co2 + ch4 + n2o
        }
        var processTotal = 0.0
        for i in Int(year.process.start)..<Int(year.process.start + year.process.count) {
            let p = process[i]
            processTotal += v[Int(p.quantity)] * p.toBase * v[Int(p.ef)] * p.purity
        }
        var fugitiveTotal = 0.0
        for i in Int(year.fugitive.start)..<Int(year.fugitive.start + year.fugitive.count) {
            let f = fugitive[i]
            fugitiveTotal += v[Int(f.quantity)] * f.toBase * f.gwp
        }
        let grid = v[Int(year.gridFactor)], heat = v[Int(year.heatFactor)]
        let electricity = v[Int(year.electricityPurchased)] * grid
        let heatIn = v[Int(year.heatPurchased)] * heat
        let exportedElectricity = year.exportsDeductible ? v[Int(year.electricityExported)] * grid : 0
        let exportedHeat = year.exportsDeductible ? v[Int(year.heatExported)] * heat : 0
        let captured = year.capturedDeductible ? v[Int(year.captured)] : 0
        let direct = combustion + processTotal + fugitiveTotal
        let total = direct + (electricity + heatIn) - (exportedElectricity + exportedHeat + captured)

        var production = 0.0
        for i in Int(year.products.start)..<Int(year.products.start + year.products.count) {
            let p = products[i]
            production += v[Int(p.quantity)] * p.toBase * p.equivalence
        }
        return (total, production)
    }

    @inline(__always)
    func trade(_ terms: [TradeTerm], _ range: TermRange, price: Double, _ v: WorldSlots) -> (quantity: Double, value: Double) {
        var quantity = 0.0, value = 0.0
        for i in Int(range.start)..<Int(range.start + range.count) {
            let q = v[Int(terms[i].quantity)].rounded()     // CCCs are traded whole
            quantity += q
            value += q * (terms[i].price >= 0 ? v[Int(terms[i].price)] : price)
        }
        return (quantity, value)
    }
}
