import Simulation
import Market
import Statistics

extension Comparison {
    /// The comparison of every rule set's record (base first): each aggregate's mean and range per
    /// year and variant, the paired changes from the base, each entity's change, the rule changes
    /// and what the rules left out. One process and a merge of shards both come here, so both give
    /// the same bytes.
    public static func results(_ variants: [VariantRecord], seed: UInt64) throws -> Results {
        let base = variants[0]
        let aggregates = MarketAggregate.all(sectors: base.sectors)
        var rows: [Row] = []
        for (y, year) in base.years.enumerated() {
            for (a, aggregate) in aggregates.enumerated() {
                let k = y * aggregates.count + a
                var bands: [Band] = [], changes: [Change] = []
                for variant in variants.dropFirst() {
                    bands.append(try band(variant.series, k, probability: aggregate.isProbability))
                    changes.append(
                        try change(variant.series, minus: base.series, k, probability: aggregate.isProbability))
                }
                rows.append(
                    Row(
                        year: year, id: aggregate.id, aggregate: aggregate.label, unit: aggregate.unit,
                        base: try band(base.series, k, probability: aggregate.isProbability), variants: bands,
                        changes: changes))
            }
        }
        return Results(
            entities: base.entities.count, worlds: base.worlds, seed: seed,
            reforms: variants.dropFirst().map(\.name), rows: rows, entityChanges: entityChanges(variants),
            ruleChanges: variants.map(\.ruleChanges), notes: variants.flatMap(\.notes).map(\.message),
            expectedValues: base.expectedValues, supplyCurves: variants.map { $0.supplyCurves ?? [] })
    }

    /// Per reform, each entity's mean compliance cost and net credits against the base's, year by year.
    static func entityChanges(_ variants: [VariantRecord]) -> [[EntityChange]] {
        let base = variants[0], years = base.years.count
        return variants.dropFirst().map { variant in
            base.entities.indices.flatMap { e in
                base.years.indices.map { y in
                    let a = base.entities[e], b = variant.entities[e]
                    let before = base.entityCost[e * years + y], after = variant.entityCost[e * years + y]
                    return EntityChange(
                        registration: a.registration, name: a.name, sector: a.sector, year: base.years[y],
                        base: before, reform: after, change: after - before,
                        netCreditsBase: a.meanNetCredits[y], netCreditsReform: b.meanNetCredits[y])
                }
            }
        }
    }

    /// A mean with its 5–95 % range, or for a probability (an indicator per world) its standard error
    /// √(p(1−p)/n).
    static func band(_ series: WorldSeries, _ k: Int, probability: Bool) throws -> Band {
        let pass = try SeriesPass(series, k, minus: nil)
        if probability {
            let mean = pass.mean
            return Band(mean: mean, p5: nil, p95: nil, standardError: (mean * (1 - mean) / pass.n).squareRoot())
        }
        let (p5, p95) = try pass.quantiles(0.05, 0.95)
        return Band(mean: pass.mean, p5: p5, p95: p95, standardError: nil)
    }

    /// The paired differences' mean and 95 % interval: the 2.5–97.5 % quantiles, or for a
    /// probability mean ± 1.96 standard errors of the differences.
    static func change(_ series: WorldSeries, minus base: WorldSeries, _ k: Int, probability: Bool) throws -> Change {
        let pass = try SeriesPass(series, k, minus: base)
        let mean = pass.mean
        if probability {
            var squares = 0.0
            try series.forEachChunk(k, minus: base) { chunk, _ in
                for x in chunk { squares = squares + (x - mean) * (x - mean) }
            }
            let variance = squares / Swift.max(pass.n - 1, 1)
            let half = 1.96 * (variance / pass.n).squareRoot()
            return Change(mean: mean, low: mean - half, high: mean + half)
        }
        let (low, high) = try pass.quantiles(0.025, 0.975)
        return Change(mean: mean, low: low, high: high)
    }
}

/// One series of a comparison (or its paired differences from the base) read in world order: its
/// mean — summed left to right, as a sum over an array is — and its extremes; then, read again,
/// its exact quantiles (``RereadOrderStatistics``), the sorted array's to the bit, whatever the
/// number of worlds.
struct SeriesPass {
    let series: WorldSeries, k: Int, base: WorldSeries?
    let n: Double
    private(set) var mean = 0.0
    private var least = Double.infinity, greatest = -Double.infinity, finite = true

    init(_ series: WorldSeries, _ k: Int, minus base: WorldSeries?) throws {
        (self.series, self.k, self.base) = (series, k, base)
        n = Double(series.worlds)
        var sum = 0.0, least = Double.infinity, greatest = -Double.infinity, finite = true
        try series.forEachChunk(k, minus: base) { chunk, _ in
            for x in chunk {
                sum += x
                if x < least { least = x }
                if x > greatest { greatest = x }
                if !x.isFinite { finite = false }
            }
        }
        (mean, self.least, self.greatest, self.finite) = (sum / n, least, greatest, finite)
    }

    /// The type-7 quantiles at `p` and `q`. A series with a value that is not finite (none of the
    /// aggregates has one) is sorted whole instead, as it always was.
    func quantiles(_ p: Double, _ q: Double) throws -> (Double, Double) {
        let count = series.worlds
        guard finite else {
            var values: [Double] = []
            try series.forEachChunk(k, minus: base) { chunk, _ in values.append(contentsOf: chunk) }
            values.sort()
            return (Summary.quantile(values, p), Summary.quantile(values, q))
        }
        let ranks = Summary.quantileRanks(count: count, p) + Summary.quantileRanks(count: count, q)
        let found = try RereadOrderStatistics.values(ranks: ranks, n: count, least: least, greatest: greatest) {
            visit in try series.forEachChunk(k, minus: base) { chunk, start in visit(chunk, start) }
        }
        return (
            Summary.quantile(count: count, p) { found[$0]! }, Summary.quantile(count: count, q) { found[$0]! }
        )
    }
}
