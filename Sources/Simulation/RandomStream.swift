/// A SplitMix64 generator: the random stream of one input in one world.
///
/// Streams are derived, never shared: the stream of input `key` in world `i` of a
/// run with seed `s` starts from `W(s, i) xor hash(key)`, where `W` mixes seed and
/// world and every output passes through the SplitMix64 finaliser. So a world's draws
/// depend on `(seed, world)` only — not on threads or chunking — and an input's
/// draws do not change when other inputs are added, removed or reordered.
/// (SplitMix64: Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014.)
public struct RandomStream: RandomNumberGenerator {
    @usableFromInline var state: UInt64

    @inlinable
    public init(state: UInt64) { self.state = state }

    /// The stream of the input whose key hashes to `keyHash`, in `world` of a run seeded `seed`.
    @inlinable
    public init(seed: UInt64, world: UInt64, keyHash: UInt64) {
        self.init(worldBase: RandomStream.worldBase(seed: seed, world: world), keyHash: keyHash)
    }

    /// As ``init(seed:world:keyHash:)`` with the world's base computed once for all its inputs.
    @inlinable
    public init(worldBase: UInt64, keyHash: UInt64) {
        state = worldBase ^ keyHash
    }

    /// `W(seed, world)`: the base every input stream of a world starts from.
    @inlinable
    public static func worldBase(seed: UInt64, world: UInt64) -> UInt64 {
        mix(mix(seed) ^ (world &* 0xD1B5_4A32_D192_ED03))
    }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return RandomStream.mix(state)
    }

    /// A uniform draw in the open interval (0, 1), 53 bits.
    @inlinable
    public mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mix.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over the key's UTF-8, then mixed: the stable identity of an input.
    public static func hash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return mix(h)
    }
}
