/// The engine's one seeded random source (xoshiro256** seeded by SplitMix64): initialisation,
/// shuffling, dropout masks and augmentation all draw from it, so a run with the same seed and
/// thread count is reproducible bit for bit.
public final class RandomSource: @unchecked Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    /// A new independent source derived from this one (for a background thread).
    public func fork() -> RandomSource { RandomSource(seed: next()) }

    @inline(__always)
    public func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1).
    @inline(__always)
    public func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    public func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Uniform integer in 0..<n.
    public func int(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next() % UInt64(n))
    }

    /// Standard normal (Box–Muller).
    public func normal() -> Double {
        if let v = spareNormal {
            spareNormal = nil
            return v
        }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let r = (-2 * log(u1)).squareRoot()
        spareNormal = r * sin(2 * .pi * u2)
        return r * cos(2 * .pi * u2)
    }

    public func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(i + 1)) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
