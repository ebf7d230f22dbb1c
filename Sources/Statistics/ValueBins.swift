/// K equal bins over [lo, hi] holding, for the values that fall in each, their count, least and
/// greatest value and, when asked, the first world that fell there (for the extreme worlds).
/// Nothing here depends on the order the values came in, so bins filled from separate ranges of
/// worlds add up exactly (``merge(_:)``).
///
/// Values outside [lo, hi] go to the first or last bin, so the bins partition every value. The
/// bin of x is monotone in x (each operation of ``BinGeometry/index(_:)`` is), so a bin's values
/// are exactly the values in [least, greatest] of that bin: later passes recognise them by value
/// alone. Plain buffers, one per field, and only the fields asked for: the first pass touches a
/// bin per value of every series, so what a bin weighs decides whether the bins stay in cache.
public final class ValueBins {
    public let geometry: BinGeometry
    public var k: Int { geometry.k }
    public let counts: UnsafeMutableBufferPointer<Int>
    public let least: UnsafeMutableBufferPointer<Double>
    public let greatest: UnsafeMutableBufferPointer<Double>
    /// Each bin's first world (empty when not asked for).
    public let firsts: UnsafeMutableBufferPointer<Int>

    /// - Parameters: lo, hi: finite, lo ≤ hi; k ≥ 1.
    public convenience init(lo: Double, hi: Double, k: Int, firsts: Bool) {
        self.init(BinGeometry(lo: lo, hi: hi, k: k), firsts: firsts)
    }

    public init(_ geometry: BinGeometry, firsts: Bool) {
        self.geometry = geometry
        let k = geometry.k
        counts = .allocate(capacity: k)
        counts.initialize(repeating: 0)
        least = .allocate(capacity: k)
        least.initialize(repeating: .infinity)
        greatest = .allocate(capacity: k)
        greatest.initialize(repeating: -.infinity)
        self.firsts = .allocate(capacity: firsts ? k : 0)
        self.firsts.initialize(repeating: 0)
    }

    deinit {
        counts.deallocate()
        least.deallocate()
        greatest.deallocate()
        firsts.deallocate()
    }

    @inline(__always)
    public func add(_ x: Double, world: Int) {
        let b = geometry.index(x)
        if !firsts.isEmpty && counts[b] == 0 { firsts[b] = world }
        counts[b] += 1
        if x < least[b] { least[b] = x }
        if x > greatest[b] { greatest[b] = x }
    }

    /// The bin's first world (0 when not kept).
    public func first(_ b: Int) -> Int { firsts.isEmpty ? 0 : firsts[b] }

    /// Adds the bins of other worlds (same geometry): counts add, extremes and first worlds
    /// combine — the bins one pass over all the worlds would have filled.
    public func merge(_ other: ValueBins) {
        precondition(other.geometry == geometry && other.firsts.count == firsts.count)
        for b in 0..<k where other.counts[b] > 0 {
            if !firsts.isEmpty { firsts[b] = counts[b] == 0 ? other.firsts[b] : Swift.min(firsts[b], other.firsts[b]) }
            counts[b] += other.counts[b]
            least[b] = Swift.min(least[b], other.least[b])
            greatest[b] = Swift.max(greatest[b], other.greatest[b])
        }
    }
}

/// Where K equal bins over [lo, hi] put a value.
public struct BinGeometry: Equatable, Codable, Sendable {
    public let lo: Double
    public let hi: Double
    /// Half of hi − lo: halves first, since hi − lo of two finite doubles can overflow and the
    /// difference of their halves cannot.
    public let halfWidth: Double
    /// 1, or 2⁶⁰⁰ when k / halfWidth would overflow (a range of subnormal width): the offset is
    /// multiplied by it first, exactly (a power of two), so that ``scale`` is always finite.
    public let prescale: Double
    /// k / (halfWidth · prescale): a multiplication in the hot loop instead of a division.
    public let scale: Double
    public let k: Int

    public init(lo: Double, hi: Double, k: Int) {
        self.lo = lo
        self.hi = hi
        halfWidth = hi * 0.5 - lo * 0.5
        let direct = halfWidth > 0 ? Double(k) / halfWidth : 0
        prescale = direct.isFinite ? 1 : 0x1p600
        scale = halfWidth > 0 ? Double(k) / (halfWidth * prescale) : 0
        self.k = k
    }

    public enum CodingKeys: String, CodingKey { case lo, hi, k }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lo: try c.decode(Double.self, forKey: .lo), hi: try c.decode(Double.self, forKey: .hi),
            k: try c.decode(Int.self, forKey: .k))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lo, forKey: .lo)
        try c.encode(hi, forKey: .hi)
        try c.encode(k, forKey: .k)
    }

    /// The bins of the first pass: over the range of the pilot worlds (the first
    /// ``SeriesStatistics/pilotWorlds``), as many as the largest power of two up to their count
    /// and ``SeriesStatistics/maximumBins``.
    public static func pilot(lo: Double, hi: Double, worlds: Int) -> BinGeometry {
        var k = 1
        while k * 2 <= Swift.min(worlds, SeriesStatistics.maximumBins) { k *= 2 }
        return BinGeometry(lo: lo, hi: hi, k: k)
    }

    /// The bin of x: 0 when the range is one point; else ⌊(x − lo) · k / (hi − lo)⌋ clamped to
    /// 0…k − 1, computed on halves (see ``halfWidth``). No division, no branch on the value: the
    /// first pass and the order-statistic search call it for every value of every series.
    @inline(__always)
    public func index(_ x: Double) -> Int {
        // About 0…k for x in [lo, hi]; ±∞ beyond, clamped. Never NaN: scale is finite and x finite.
        let t = (x * 0.5 - lo * 0.5) * prescale * scale
        return Int(Swift.min(Swift.max(t, 0), Double(k - 1)))
    }
}
