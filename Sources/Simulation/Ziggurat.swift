#if canImport(Glibc)
    import Glibc
#endif

/// Standard normal draws by the ziggurat method (Marsaglia & Tsang, J. Stat. Software 5(8), 2000),
/// 128 layers: one 64-bit draw and one multiply for 97 % of samples.
public struct Ziggurat: Sendable {
    @usableFromInline let kn: [UInt32]
    @usableFromInline let wn: [Double]
    @usableFromInline let fn: [Double]

    public static let shared = Ziggurat()

    init() {
        var kn = [UInt32](repeating: 0, count: 128)
        var wn = [Double](repeating: 0, count: 128)
        var fn = [Double](repeating: 0, count: 128)
        let m1 = 2147483648.0
        var dn = 3.442619855899
        var tn = dn
        let vn = 9.91256303526217e-3
        let q = vn / exp(-0.5 * dn * dn)
        kn[0] = UInt32((dn / q) * m1)
        kn[1] = 0
        wn[0] = q / m1
        wn[127] = dn / m1
        fn[0] = 1
        fn[127] = exp(-0.5 * dn * dn)
        for i in stride(from: 126, through: 1, by: -1) {
            dn = sqrt(-2 * log(vn / dn + exp(-0.5 * dn * dn)))
            kn[i + 1] = UInt32((dn / tn) * m1)
            tn = dn
            fn[i] = exp(-0.5 * dn * dn)
            wn[i] = dn / m1
        }
        self.kn = kn
        self.wn = wn
        self.fn = fn
    }

    /// One N(0, 1) draw.
    @inlinable
    public func normal(_ stream: inout RandomStream) -> Double {
        while true {
            let (hz, iz) = Self.split(stream.next())
            if hz.magnitude < kn[iz] { return Double(hz) * wn[iz] }
            if let x = tail(hz: hz, iz: iz, &stream) { return x }
        }
    }

    /// The first try of ``normal(_:)``: the draw when its 64 bits fall inside a rectangle of the
    /// ziggurat (about 97 % of draws: the mean of kn[i] / 2³¹), else nil, and then ``normal(_:)`` on the stream as it
    /// was gives the draw. So a block can be drawn fast path first and its few misses drawn again,
    /// the cold path's call (which spills every floating-point register) out of the hot loop.
    @inlinable @inline(__always)
    public func firstTry(_ stream: inout RandomStream) -> Double? {
        let (hz, iz) = Self.split(stream.next())
        return hz.magnitude < kn[iz] ? Double(hz) * wn[iz] : nil
    }

    /// A draw's 64 bits as the ziggurat reads them: the signed height `hz` (high 32 bits) and
    /// the layer `iz` (low 7 bits). One place for ``normal(_:)`` and ``firstTry(_:)``.
    @inlinable @inline(__always)
    static func split(_ bits: UInt64) -> (hz: Int32, iz: Int) {
        (Int32(truncatingIfNeeded: bits >> 32), Int(bits & 127))
    }

    /// The slow path: the base strip's tail, or a wedge test. nil means draw again.
    @usableFromInline
    func tail(hz: Int32, iz: Int, _ stream: inout RandomStream) -> Double? {
        let r = 3.442619855899
        if iz == 0 {
            var x = 0.0, y = 0.0
            repeat {
                x = -log(stream.uniform()) / r
                y = -log(stream.uniform())
            } while y + y < x * x
            return hz > 0 ? r + x : -r - x
        }
        let x = Double(hz) * wn[iz]
        if fn[iz] + stream.uniform() * (fn[iz - 1] - fn[iz]) < exp(-0.5 * x * x) { return x }
        return nil
    }
}
