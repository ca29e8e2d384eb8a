/// Element-wise loops written with SIMD8 so they vectorise on any x86-64 or arm64 (the
/// plain scalar forms of some of them compiled to branchy scalar code, with a mispredicted
/// branch per element). The scalar tails keep the exact same arithmetic and comparisons (a NaN
/// passes a ReLU in both), since where a range splits between threads is not a multiple of 8.
enum Vec {
    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// The first `lanes` (≤ 8) values, the rest `fill`: a channel tail read without overrun.
    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ lanes: Int, fill: Float) -> SIMD8<Float> {
        if lanes == 8 { return load(p) }
        var v = SIMD8<Float>(repeating: fill)
        for l in 0..<lanes { v[l] = p[l] }
        return v
    }
    /// Stores the first `lanes` (≤ 8) values.
    @inline(__always) static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ lanes: Int) {
        if lanes == 8 { return store(v, p) }
        for l in 0..<lanes { p[l] = v[l] }
    }

    /// dst = src for short runs, inline (a memmove call per 50–200 bytes cost more than the copy).
    @inline(__always) static func copy(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(src + i), dst + i)
            i += 8
        }
        while i < n { dst[i] = src[i]; i += 1 }
    }

    /// Whether every value is finite: x − x is 0 for a finite x and NaN for ±inf and NaN, summed
    /// eight lanes at a time (a scalar sum cannot be vectorised, its order being fixed).
    static func allFinite(_ p: UnsafePointer<Float>, _ n: Int) -> Bool {
        var acc = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= n {
            let v = load(p + i)
            acc += v - v
            i += 8
        }
        var tail: Float = 0
        while i < n { tail += p[i] - p[i]; i += 1 }
        return acc.sum() == 0 && tail == 0
    }

    @inline(__always) static func zero(_ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(SIMD8<Float>(repeating: 0), dst + i)
            i += 8
        }
        while i < n { dst[i] = 0; i += 1 }
    }

    /// y = max(0, x)
    static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(x + i).replacing(with: 0, where: load(x + i) .< 0), y + i)
            i += 8
        }
        while i < n { y[i] = x[i] < 0 ? 0 : x[i]; i += 1 }
    }

    /// dx = dy where x > 0, else 0
    static func reluBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(dy + i).replacing(with: 0, where: load(x + i) .<= 0), dx + i)
            i += 8
        }
        while i < n { dx[i] = x[i] <= 0 ? 0 : dy[i]; i += 1 }
    }

    /// y += a
    static func addInPlace(_ a: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(y + i) + load(a + i), y + i)
            i += 8
        }
        while i < n { y[i] += a[i]; i += 1 }
    }

    /// out = a + b
    static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(a + i) + load(b + i), out + i)
            i += 8
        }
        while i < n { out[i] = a[i] + b[i]; i += 1 }
    }

    /// out = max(0, a + b), zero only where the sum is below 0 (as `relu` of `add`, bit for bit)
    static func addThenReLU(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            let v = load(a + i) + load(b + i)
            store(v.replacing(with: 0, where: v .< 0), out + i)
            i += 8
        }
        while i < n {
            let v = a[i] + b[i]
            out[i] = v < 0 ? 0 : v
            i += 1
        }
    }

    /// Running maximum over channels and, when `at` is given, the position of the first maximum
    /// (a later value wins only when strictly greater).
    static func maxUpdate(_ v: UnsafePointer<Float>, _ best: UnsafeMutablePointer<Float>, _ at: UnsafeMutablePointer<Float>?,
                          position: Float, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            let x = load(v + i), b = load(best + i)
            let wins = x .> b
            store(b.replacing(with: x, where: wins), best + i)
            if let at { store(load(at + i).replacing(with: position, where: wins), at + i) }
            i += 8
        }
        while i < n {
            if v[i] > best[i] {
                best[i] = v[i]
                at?[i] = position
            }
            i += 1
        }
    }
}
