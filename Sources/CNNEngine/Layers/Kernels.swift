import CNNCore

/// Small loops shared by several layers, written over raw pointers so they vectorise.
enum Kernels {
    /// rows × cols matrix: y[r, c] += b[c].
    static func addRowVector(_ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int, _ b: UnsafePointer<Float>) {
        Parallel.forEachChunk(rows, grain: 256) { range in
            for r in range { Vec.addInPlace(b, y + r * cols, cols) }
        }
    }

    /// out[c] += Σ_r x[r, c]. Partial sums per thread, combined in a fixed order (reproducible).
    static func accumulateColumnSums(_ x: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>) {
        let parts = min(Parallel.threads, max(1, rows / 256))
        var partial = [Float](repeating: 0, count: parts * cols)
        partial.withUnsafeMutableBufferPointer { pbuf in
            let p = UncheckedPointer(pbuf.baseAddress!)
            Parallel.forEachChunk(parts) { prange in
                for part in prange {
                    let lo = rows * part / parts, hi = rows * (part + 1) / parts
                    let acc = p.value + part * cols
                    for r in lo..<hi {
                        let row = x + r * cols
                        for c in 0..<cols { acc[c] += row[c] }
                    }
                }
            }
        }
        for part in 0..<parts { for c in 0..<cols { out[c] += partial[part * cols + c] } }
    }

    /// out = a + b, or max(0, a + b) with `thenReLU`
    static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int,
                    thenReLU: Bool = false) {
        Parallel.forEachChunk(count, grain: 1 << 14) { r in
            let (a, b, o) = (a + r.lowerBound, b + r.lowerBound, out + r.lowerBound)
            if thenReLU { Vec.addThenReLU(a, b, o, r.count) } else { Vec.add(a, b, o, r.count) }
        }
    }

    static func add(_ a: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        Parallel.forEachChunk(count, grain: 1 << 14) { r in
            Vec.addInPlace(a + r.lowerBound, y + r.lowerBound, r.count)
        }
    }
}

/// A pointer that may be captured by the concurrent loops (each thread writes its own part).
struct UncheckedPointer<T>: @unchecked Sendable {
    let value: UnsafeMutablePointer<T>
    init(_ v: UnsafeMutablePointer<T>) { value = v }
}

extension FeatureShape {
    var imageDims: (c: Int, h: Int, w: Int)? {
        if case .image(let c, let h, let w) = self { return (c, h, w) }
        return nil
    }
}

/// Shape arithmetic of sliding windows: ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.
func slidingOutputSize(_ size: Int, kernel: Int, stride: Int, padding: Int, dilation: Int = 1) -> Int {
    let span = dilation * (kernel - 1) + 1
    let padded = size + 2 * padding
    return padded < span ? 0 : (padded - span) / stride + 1
}

func requireImage(_ input: FeatureShape, _ layer: String) throws -> (c: Int, h: Int, w: Int) {
    guard let d = input.imageDims else {
        throw ShapeError("\(layer) needs an image input (C, H, W), but gets flat features \(input)")
    }
    return d
}
