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
    /// (row·k + column) of the first maximum, rows first, encoded as the float 2²³ + position
    /// (Pool2d.encode). Ties keep the earlier cell, a NaN never wins, and a window with nothing
    /// above −∞ gives −∞ at its first cell.
    public static func forward(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Float>?,
                               outputs: Range<Int>, c: Int, h: Int, w: Int, ho: Int, wo: Int,
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
            let sample = x + n * h * w * c, out = y + r * c, at = winners.map { $0 + r * c }
            var ch = 0
            if let at {
                while ch + 8 <= c {
                    var best = SIMD8<Float>(repeating: -.infinity), won = SIMD8<Float>(repeating: codes[0])
                    for t in 0..<cells {
                        let v = UnsafeRawPointer(sample + offsets[t] + ch).loadUnaligned(as: SIMD8<Float>.self)
                        let wins = v .> best
                        best.replace(with: v, where: wins)
                        won.replace(with: codes[t], where: wins)
                    }
                    UnsafeMutableRawPointer(out + ch).storeBytes(of: best, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(at + ch).storeBytes(of: won, as: SIMD8<Float>.self)
                    ch += 8
                }
            } else {
                while ch + 8 <= c {
                    var best = SIMD8<Float>(repeating: -.infinity)
                    for t in 0..<cells {
                        let v = UnsafeRawPointer(sample + offsets[t] + ch).loadUnaligned(as: SIMD8<Float>.self)
                        best.replace(with: v, where: v .> best)
                    }
                    UnsafeMutableRawPointer(out + ch).storeBytes(of: best, as: SIMD8<Float>.self)
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
                at?[ch] = won
                ch += 1
            }
        }
    }
}
