import Simulation
import Market
import Statistics

extension Comparison {
    /// The comparison of every rule set's record (base first): each aggregate's mean and range per
    /// year and variant, the paired changes from the base, each entity's change, the rule changes
    /// and what the rules left out. One process and a merge of shards both come here, so both give
    /// the same bytes.
    public static func results(_ variants: [VariantRecord], seed: UInt64) -> Results {
        let base = variants[0]
        let aggregates = MarketAggregate.all(sectors: base.sectors)
        var rows: [Row] = []
        for (y, year) in base.years.enumerated() {
            for (a, aggregate) in aggregates.enumerated() {
                let baseSeries = base.series[y * aggregates.count + a]
                var bands: [Band] = [], changes: [Change] = []
                for variant in variants.dropFirst() {
                    let series = variant.series[y * aggregates.count + a]
                    bands.append(band(series, probability: aggregate.isProbability))
                    changes.append(
                        change(zip(series, baseSeries).map { $0 - $1 }, probability: aggregate.isProbability))
                }
                rows.append(
                    Row(
                        year: year, id: aggregate.id, aggregate: aggregate.label, unit: aggregate.unit,
                        base: band(baseSeries, probability: aggregate.isProbability), variants: bands,
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
    public static func band(_ values: [Double], probability: Bool) -> Band {
        let n = Double(values.count), mean = values.reduce(0, +) / n
        if probability {
            return Band(mean: mean, p5: nil, p95: nil, standardError: (mean * (1 - mean) / n).squareRoot())
        }
        let sorted = values.sorted()
        return Band(
            mean: mean, p5: Summary.quantile(sorted, 0.05), p95: Summary.quantile(sorted, 0.95), standardError: nil)
    }

    /// The paired differences' mean and 95 % interval: the 2.5–97.5 % quantiles, or for a
    /// probability mean ± 1.96 standard errors of the differences.
    public static func change(_ differences: [Double], probability: Bool) -> Change {
        let n = Double(differences.count), mean = differences.reduce(0, +) / n
        if probability {
            let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Swift.max(n - 1, 1)
            let half = 1.96 * (variance / n).squareRoot()
            return Change(mean: mean, low: mean - half, high: mean + half)
        }
        let sorted = differences.sorted()
        return Change(mean: mean, low: Summary.quantile(sorted, 0.025), high: Summary.quantile(sorted, 0.975))
    }
}
