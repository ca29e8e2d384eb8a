// Max pooling's forward (Pooling.swift in CNNEngine says what it computes), compiled for
// x86-64-v3 (AVX2 and FMA; Package.swift) and called only on a CPU that has them
// (CPUFeatures.hasX86_64v3, checked in baseline code before any call: this module's code would
// stop with SIGILL on an older CPU). Baseline x86-64 has SSE2 only, where each select of a
// running maximum and its position is three instructions per four lanes; here it is one per
// eight, and the maximum and position stay in registers over the window.
// Plain pointers and sizes in: nothing here knows the engine's types.

public enum WideMaxPool {
    /// Output pixels `outputs` of a k×k max pool (stride, padding) over x (n, h, w, c),
    /// channels-last, into y (n, ho, wo, c); where `winners` is given, also the window position
    /// (row·k + column) of the first maximum, rows first, in `positionBytes` bytes (1 or 2,
    /// little-endian) per output element. Ties keep the earlier cell, a NaN never wins, and a
    /// window with nothing above −∞ gives −∞ at its first cell. In registers a position is the
    /// float 2²³ + position (Pool2d.encode): float selects.
    @inline(never) public static func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, winners: UnsafeMutableRawPointer?,
                               positionBytes: Int, outputs: Range<Int>, c: Int, h: Int, w: Int, ho: Int, wo: Int,
                               k: Int, stride: Int, padding: Int) {
        // The window's cells, rows first: offsets from the sample's start, encoded positions.
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: k * k)
        let codes = UnsafeMutablePointer<Float>.allocate(capacity: k * k)
        defer { offsets.deallocate(); codes.deallocate() }
        for r in outputs {
            let n = r / (ho * wo), oy = (r / wo) % ho, ox = r % wo
            let y0 = oy * stride - padding, x0 = ox * stride - padding
            var cells = 0
            for iy in max(0, y0)..<min(h, y0 + k) {
                for ix in max(0, x0)..<min(w, x0 + k) {
                    offsets[cells] = (iy * w + ix) * c
                    codes[cells] = Float(bitPattern: 0x4B00_0000 | UInt32((iy - y0) * k + ix - x0))
                    cells += 1
                }
            }
            let sample = x + n * h * w * c, out = y + r * c, at = winners.map { $0 + r * c * positionBytes }
            var ch = 0
            // Thirty-two channels at a time first: four independent chains of compare and select
            // (each cell's depends on the last), where one chain of eight left the core waiting on
            // the compare's latency.
            if let at {
                while ch + 32 <= c {
                    var (b0, b1, b2, b3) = (minusInfinity, minusInfinity, minusInfinity, minusInfinity)
                    let first = SIMD8<Float>(repeating: codes[0])
                    var (w0, w1, w2, w3) = (first, first, first, first)
                    for t in 0..<cells {
                        let p = sample + offsets[t] + ch, code = SIMD8<Float>(repeating: codes[t])
                        select(load(p), code, &b0, &w0)
                        select(load(p + 8), code, &b1, &w1)
                        select(load(p + 16), code, &b2, &w2)
                        select(load(p + 24), code, &b3, &w3)
                    }
                    store(b0, out + ch); store(b1, out + ch + 8); store(b2, out + ch + 16); store(b3, out + ch + 24)
                    storePositions(w0, at, ch, positionBytes); storePositions(w1, at, ch + 8, positionBytes)
                    storePositions(w2, at, ch + 16, positionBytes); storePositions(w3, at, ch + 24, positionBytes)
                    ch += 32
                }
                while ch + 8 <= c {
                    var (best, won) = (minusInfinity, SIMD8<Float>(repeating: codes[0]))
                    for t in 0..<cells { select(load(sample + offsets[t] + ch), SIMD8(repeating: codes[t]), &best, &won) }
                    store(best, out + ch)
                    storePositions(won, at, ch, positionBytes)
                    ch += 8
                }
            } else {
                while ch + 32 <= c {
                    var (b0, b1, b2, b3) = (minusInfinity, minusInfinity, minusInfinity, minusInfinity)
                    for t in 0..<cells {
                        let p = sample + offsets[t] + ch
                        b0 = larger(load(p), b0); b1 = larger(load(p + 8), b1)
                        b2 = larger(load(p + 16), b2); b3 = larger(load(p + 24), b3)
                    }
                    store(b0, out + ch); store(b1, out + ch + 8); store(b2, out + ch + 16); store(b3, out + ch + 24)
                    ch += 32
                }
                while ch + 8 <= c {
                    var best = minusInfinity
                    for t in 0..<cells { best = larger(load(sample + offsets[t] + ch), best) }
                    store(best, out + ch)
                    ch += 8
                }
            }
            while ch < c {
                var best = -Float.infinity, won = codes[0]
                for t in 0..<cells where sample[offsets[t] + ch] > best {
                    best = sample[offsets[t] + ch]
                    won = codes[t]
                }
                out[ch] = best
                if let at {
                    if positionBytes == 1 {
                        at.storeBytes(of: UInt8(truncatingIfNeeded: won.bitPattern), toByteOffset: ch, as: UInt8.self)
                    } else {
                        at.storeBytes(of: UInt16(truncatingIfNeeded: won.bitPattern), toByteOffset: 2 * ch, as: UInt16.self)
                    }
                }
                ch += 1
            }
        }
    }

    // A computed value, not a stored global: nothing in this module may run before the CPU check.
    private static var minusInfinity: SIMD8<Float> { SIMD8(repeating: -.infinity) }
    @inline(__always) private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
    /// Eight encoded positions stored from element `index` of `at`, `bytes` bytes each: the low
    /// bits of 2²³ + position.
    @inline(__always) private static func storePositions(_ won: SIMD8<Float>, _ at: UnsafeMutableRawPointer, _ index: Int, _ bytes: Int) {
        let bits = unsafeBitCast(won, to: SIMD8<UInt32>.self)
        if bytes == 1 {
            at.storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: bits), toByteOffset: index, as: SIMD8<UInt8>.self)
        } else {
            at.storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: bits), toByteOffset: 2 * index, as: SIMD8<UInt16>.self)
        }
    }
    /// v where it is above best (a NaN never is), else best.
    @inline(__always) private static func larger(_ v: SIMD8<Float>, _ best: SIMD8<Float>) -> SIMD8<Float> {
        best.replacing(with: v, where: v .> best)
    }
    /// One cell of the running maximum and the position of its first holder.
    @inline(__always) private static func select(_ v: SIMD8<Float>, _ code: SIMD8<Float>, _ best: inout SIMD8<Float>, _ won: inout SIMD8<Float>) {
        let wins = v .> best
        best.replace(with: v, where: wins)
        won.replace(with: code, where: wins)
    }
}
