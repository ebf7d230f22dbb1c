import CCTS

/// The input values of one Monte Carlo world, for the traced ``Lifecycle``.
///
/// Draws exactly what the compiled evaluator draws for the same `(seed, world)` —
/// same keys, same streams, same samplers — so `ccts explain --world I` shows the
/// world behind a percentile, and tests can check the fast path against the
/// reference lifecycle. Records every draw, for the explanation.
public struct WorldValues: InputValues {
    public let seed: UInt64
    public let world: UInt64
    public let factorUncertainty: Bool
    let correlation: CorrelationModel
    let correlationHashes: [UInt64]
    /// Every value drawn (not fixed ones), in the order the lifecycle asked for them.
    public private(set) var draws: [(key: String, value: Double)] = []

    public init(seed: UInt64, world: UInt64, correlation: CorrelationModel, factorUncertainty: Bool) {
        self.seed = seed
        self.world = world
        self.correlation = correlation
        self.factorUncertainty = factorUncertainty
        correlationHashes = correlation.keys.map(RandomStream.hash)
    }

    public mutating func value(of distribution: Distribution, at key: String) -> Double {
        if case .fixed(let x) = distribution { return x }
        var tables = DiscreteTables()
        let compiled = CompiledDistribution.compile(distribution, tables: &tables)
        let sampler = Sampler(tables: tables)
        let x: Double
        if let index = correlation.index(of: key) {
            let z = correlation.normal(index, seed: seed, world: world, hashes: correlationHashes, ziggurat: sampler.ziggurat)
            x = sampler.fromNormal(compiled, z)
        } else {
            var stream = RandomStream(seed: seed, world: world, keyHash: RandomStream.hash(key))
            x = sampler.sample(compiled, &stream)
        }
        record(key, x)
        return x
    }

    public mutating func factor(_ factor: Factor, at key: String) -> Double {
        guard factorUncertainty, factor.range != nil else { return factor.value }
        var stream = RandomStream(seed: seed, world: world, keyHash: RandomStream.hash(key))
        let x = Sampler(tables: DiscreteTables()).sample(.factorUncertainty(factor), &stream)
        record(key, x)
        return x
    }

    public mutating func shares(_ concentrations: [Double], at key: String) -> [Double] {
        var stream = RandomStream(seed: seed, world: world, keyHash: RandomStream.hash(key))
        var shares = [Double](repeating: 0, count: concentrations.count)
        concentrations.map(GammaShape.init).withUnsafeBufferPointer { alphas in
            shares.withUnsafeMutableBufferPointer { out in
                Sampler(tables: DiscreteTables()).dirichlet(alphas, &stream, into: out)
            }
        }
        for (index, share) in shares.enumerated() { record("\(key)[\(index + 1)]", share) }
        return shares
    }

    private mutating func record(_ key: String, _ value: Double) {
        if !draws.contains(where: { $0.key == key }) { draws.append((key, value)) }
    }
}
