/// K equal bins over [lo, hi] holding, for the values that fall in each, their count, least and
/// greatest value and, when asked, their compensated sum (for a CVaR) and the first world that
/// fell there (for the extreme worlds).
///
/// Values outside [lo, hi] go to the first or last bin, so the bins partition every value. The
/// bin of x is monotone in x (each operation of ``BinGeometry/index(_:)`` is), so a bin's values
/// are exactly the values in [least, greatest] of that bin: later passes recognise them by value
/// alone. Plain buffers, one per field, and only the fields asked for: the first pass touches a
/// bin per value of every series, so what a bin weighs decides whether the bins stay in cache.
final class ValueBins {
    let geometry: BinGeometry
    var k: Int { geometry.k }
    let counts: UnsafeMutableBufferPointer<Int>
    let least: UnsafeMutableBufferPointer<Double>
    let greatest: UnsafeMutableBufferPointer<Double>
    /// Each bin's compensated sum (empty when not asked for).
    let sums: UnsafeMutableBufferPointer<CompensatedSum>
    /// Each bin's first world (empty when not asked for).
    let firsts: UnsafeMutableBufferPointer<Int>

    /// - Parameters: lo, hi: finite, lo ≤ hi; k ≥ 1.
    init(lo: Double, hi: Double, k: Int, sums: Bool, firsts: Bool) {
        geometry = BinGeometry(lo: lo, hi: hi, k: k)
        counts = .allocate(capacity: k)
        counts.initialize(repeating: 0)
        least = .allocate(capacity: k)
        least.initialize(repeating: .infinity)
        greatest = .allocate(capacity: k)
        greatest.initialize(repeating: -.infinity)
        self.sums = .allocate(capacity: sums ? k : 0)
        self.sums.initialize(repeating: CompensatedSum())
        self.firsts = .allocate(capacity: firsts ? k : 0)
        self.firsts.initialize(repeating: 0)
    }

    deinit {
        counts.deallocate()
        least.deallocate()
        greatest.deallocate()
        sums.deallocate()
        firsts.deallocate()
    }

    @inline(__always)
    func add(_ x: Double, world: Int) {
        let b = geometry.index(x)
        if !firsts.isEmpty && counts[b] == 0 { firsts[b] = world }
        counts[b] += 1
        if x < least[b] { least[b] = x }
        if x > greatest[b] { greatest[b] = x }
        if !sums.isEmpty { sums[b].add(x) }
    }

    /// The bin's compensated sum (zero when sums are not kept).
    func sum(_ b: Int) -> CompensatedSum { sums.isEmpty ? CompensatedSum() : sums[b] }

    /// The bin's first world (0 when not kept).
    func first(_ b: Int) -> Int { firsts.isEmpty ? 0 : firsts[b] }
}

/// Where K equal bins over [lo, hi] put a value.
struct BinGeometry {
    let lo: Double
    /// Half of hi − lo: halves first, since hi − lo of two finite doubles can overflow and the
    /// difference of their halves cannot.
    let halfWidth: Double
    /// k / halfWidth, when finite (a multiplication in the hot loop instead of a division).
    let scale: Double
    let k: Int

    init(lo: Double, hi: Double, k: Int) {
        self.lo = lo
        halfWidth = hi * 0.5 - lo * 0.5
        let scale = halfWidth > 0 ? Double(k) / halfWidth : 0
        self.scale = scale.isFinite ? scale : 0
        self.k = k
    }

    @inline(__always)
    func index(_ x: Double) -> Int {
        guard halfWidth > 0 else { return 0 }
        // About 0…k for x in [lo, hi]; ±∞ beyond, clamped. Never NaN: halfWidth > 0 and x finite.
        let offset = x * 0.5 - lo * 0.5
        let t = scale > 0 ? offset * scale : offset / halfWidth * Double(k)
        return Int(Swift.min(Swift.max(t, 0), Double(k - 1)))
    }
}
