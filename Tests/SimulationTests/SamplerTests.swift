import CCTS
import Testing
@testable import Simulation

/// Each distribution's sample mean and variance against its formula, at a fixed seed.
/// n = 200,000 draws: the tolerance is 5 standard errors of the mean (se = sd/√n) and, for the
/// variance, 5 × its approximate standard error sd²·√(2/n) (exact for normals, ample for the rest).
@Suite struct SamplerTests {
    static let n = 200_000

    func moments(_ distribution: Distribution) -> (mean: Double, variance: Double) {
        var tables = DiscreteTables()
        let compiled = CompiledDistribution.compile(distribution, tables: &tables)
        let sampler = Sampler(tables: tables)
        var sum = 0.0, squares = 0.0
        for world in 0..<Self.n {
            var stream = RandomStream(seed: 7, world: UInt64(world), keyHash: RandomStream.hash("x"))
            let x = sampler.sample(compiled, &stream)
            sum += x
            squares += x * x
        }
        let mean = sum / Double(Self.n)
        return (mean, squares / Double(Self.n) - mean * mean)
    }

    @Test(
        arguments: [
            // (distribution, mean, variance) from the textbook formulas:
            (Distribution.uniform(min: 2, max: 8), 5.0, 36.0 / 12),  // (b−a)²/12
            (.normal(mean: 10, sd: 2, lower: -.infinity, upper: .infinity), 10.0, 4.0),
            (.lognormal(mean: 100, sd: 30), 100.0, 900.0),  // by construction
            // (a²+b²+c²−ab−ac−bc)/18
            (.triangular(min: 0, mode: 3, max: 6), 3.0, (0 + 9 + 36 - 0 - 0 - 18) / 18.0),
            (.beta(alpha: 8, beta: 2), 0.8, 16.0 / (100 * 11)),  // αβ/((α+β)²(α+β+1))
            (.beta(alpha: 0.5, beta: 0.5), 0.5, 0.25 / 2),  // shapes below 1
            (
                .pert(min: 1200, mode: 1500, max: 2200), (1200 + 6000 + 2200) / 6.0,
                // PERT = 1200 + 1000 · Beta(2.2, 3.8): variance = 1000² · 2.2·3.8 / (6² · 7)
                1_000_000 * 2.2 * 3.8 / (36 * 7)
            ),
            // mean (1·1 + 2·2 + 10·1)/4 = 3.75; E[x²] = (1 + 8 + 100)/4 = 27.25; variance 27.25 − 3.75² =
            // 13.1875
            (.discrete(values: [1, 2, 10], weights: [1, 2, 1]), 3.75, 13.1875),
        ] as [(Distribution, Double, Double)])
    func meanAndVariance(distribution: Distribution, mean: Double, variance: Double) {
        let (sampleMean, sampleVariance) = moments(distribution)
        let sd = variance.squareRoot()
        #expect(
            abs(sampleMean - mean) < 5 * sd / Double(Self.n).squareRoot(),
            "\(distribution): mean \(sampleMean) vs \(mean)")
        #expect(
            abs(sampleVariance - variance) < 5 * variance * (2.0 / Double(Self.n)).squareRoot() * 2,
            "\(distribution): variance \(sampleVariance) vs \(variance)")
    }

    @Test func truncatedNormalStaysInBounds() {
        // N(1, 2) truncated to [0, 2]: symmetric about 1, so the mean is 1.
        var tables = DiscreteTables()
        let compiled = CompiledDistribution.compile(.normal(mean: 1, sd: 2, lower: 0, upper: 2), tables: &tables)
        let sampler = Sampler(tables: tables)
        var sum = 0.0
        for world in 0..<50_000 {
            var stream = RandomStream(seed: 3, world: UInt64(world), keyHash: 1)
            let x = sampler.sample(compiled, &stream)
            #expect(x >= 0 && x <= 2)
            sum += x
        }
        #expect(abs(sum / 50_000 - 1) < 0.01)
    }

    @Test func dirichletSharesSumToOneWithExpectedMeans() {
        let sampler = Sampler(tables: DiscreteTables())
        let alphas = [60.0, 30, 10].map(GammaShape.init)
        var means = [0.0, 0, 0]
        var shares = [0.0, 0, 0]
        for world in 0..<50_000 {
            var stream = RandomStream(seed: 5, world: UInt64(world), keyHash: 9)
            alphas.withUnsafeBufferPointer { a in
                shares.withUnsafeMutableBufferPointer { sampler.dirichlet(a, &stream, into: $0) }
            }
            #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
            for i in 0..<3 { means[i] += shares[i] / 50_000 }
        }
        // E[share_i] = α_i / Σα = 0.6, 0.3, 0.1; sd of share 1 = √(0.6·0.4/101) ≈ 0.049, se ≈ 0.0002
        #expect(abs(means[0] - 0.6) < 0.002 && abs(means[1] - 0.3) < 0.002 && abs(means[2] - 0.1) < 0.002)
    }

    @Test func normalQuantileInvertsTheCDF() {
        for p in [1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999] {
            #expect(abs(SpecialFunctions.normalCDF(SpecialFunctions.normalQuantile(p)) - p) < 1e-12 * max(1, p / 1e-10))
        }
        #expect(abs(SpecialFunctions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }

    @Test func streamsDependOnSeedWorldAndKeyOnly() {
        let key = RandomStream.hash("years[\"2025-26\"].products.opc.quantity")
        func first(_ seed: UInt64, _ world: UInt64, _ hash: UInt64) -> UInt64 {
            var stream = RandomStream(seed: seed, world: world, keyHash: hash)
            return stream.next()
        }
        #expect(first(1, 42, key) == first(1, 42, key))
        #expect(first(2, 42, key) != first(1, 42, key))
        #expect(first(1, 43, key) != first(1, 42, key))
        #expect(first(1, 42, RandomStream.hash("another input")) != first(1, 42, key))
    }

    /// The first tries the world loop draws a block with (`DrawColumn.fill(firstTry:draw:)`) must give
    /// the full draw exactly or nothing: otherwise a world's value would depend on its block.
    @Test func firstTriesGiveTheFullDrawOrNothing() {
        var tables = DiscreteTables()
        let normal = CompiledDistribution.compile(
            .normal(mean: 10, sd: 2, lower: -.infinity, upper: .infinity), tables: &tables)
        let pert = CompiledDistribution.compile(.pert(min: 1200, mode: 1500, max: 2200), tables: &tables)
        let beta = CompiledDistribution.compile(.beta(alpha: 8, beta: 2), tables: &tables)
        let belowOne = CompiledDistribution.compile(.beta(alpha: 0.5, beta: 0.5), tables: &tables)
        let sampler = Sampler(tables: tables)
        func misses(_ d: CompiledDistribution, firstTry: (inout RandomStream) -> Double?) -> (misses: Int, wrong: Int) {
            var missed = 0, wrong = 0
            for world in 0..<Self.n {
                var tried = RandomStream(seed: 11, world: UInt64(world), keyHash: RandomStream.hash("x"))
                var full = tried
                let value = sampler.sample(d, &full)
                if let x = firstTry(&tried) { wrong += x.bitPattern == value.bitPattern ? 0 : 1 } else { missed += 1 }
            }
            return (missed, wrong)
        }
        let normals = misses(normal) { sampler.normalFirstTry(normal, &$0) }
        #expect(normals.wrong == 0)
        // The ziggurat's rectangles: P(|hz| < kn[iz]) = mean of kn[i] / 2³¹ over the 128 layers = 0.97244
        // (from the tables' recurrence), so 2.756 % of first tries miss; 5 standard errors of the
        // share at n = 200,000 are 5 × √(0.0276 × 0.9724 / 200,000) = 0.18 points.
        #expect(abs(Double(normals.misses) / Double(Self.n) - 0.02756) < 0.0018)
        for d in [pert, beta] {
            let gammas = misses(d) { sampler.betaFirstTry(d, &$0) }
            #expect(gammas.wrong == 0)
            // Two Gamma first tries, each accepted when its normal is a fast path (0.972) and the squeeze
            // u < 1 − 0.0331 x⁴ takes it (∫ φ(x) · clamp(1 − 0.0331 x⁴, 0, 1) dx = 0.917; v ≤ 0 needs
            // x < −√(9d), under 1e-4 here): 0.892 each, so 1 − 0.892² = 20.4 % of Beta first tries
            // miss. The band allows for the fast path's x not being exactly normal.
            let share = Double(gammas.misses) / Double(Self.n)
            #expect(share > 0.18 && share < 0.23, "\(share)")
        }
        // Shapes below 1 need the boost U^(1/α): never a first try.
        #expect(misses(belowOne) { sampler.betaFirstTry(belowOne, &$0) }.misses == Self.n)
    }
}
