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
        forEachRowBlock(rows: rows, cols: cols, summing: x, stride: cols, into: out) { _ in }
    }

    /// Runs `body` over 0..<rows in blocks of at most 32 rows, on the threads, the rows split into
    /// parts (one per thread, fewer for short inputs). With `columnSums`, after each block the
    /// block's column sums of `source` (rows `stride` apart: what `body` just wrote, still in the
    /// cache) are added to its part's, each part's from 0 in row order, and the parts to
    /// `columnSums` in order at the end: the same sums, bit for bit, whichever pass computes them
    /// (a batch norm's backward computes its convolution's bias gradient this way).
    static func forEachRowBlock(rows: Int, cols: Int, summing source: UnsafePointer<Float>, stride: Int,
                                into columnSums: UnsafeMutablePointer<Float>?, _ body: (Range<Int>) -> Void) {
        let parts = min(Parallel.threads, max(1, rows / 256))
        var partial = [Float](repeating: 0, count: columnSums == nil ? 0 : parts * cols)
        partial.withUnsafeMutableBufferPointer { partialBuffer in
            let sums = columnSums == nil ? nil : UncheckedPointer(partialBuffer.baseAddress!)
            Parallel.forEachChunk(parts) { partRange in
                for part in partRange {
                    let end = rows * (part + 1) / parts
                    var block = rows * part / parts
                    while block < end {
                        let blockEnd = min(end, block + 32)
                        body(block..<blockEnd)
                        if let sums { addColumnSums(source, stride: stride, rows: block..<blockEnd, cols: cols, into: sums.value + part * cols) }
                        block = blockEnd
                    }
                }
            }
        }
        if let columnSums {
            for part in 0..<parts { for c in 0..<cols { columnSums[c] += partial[part * cols + c] } }
        }
    }

    /// acc[c] += x[r·stride + c] for the rows in order, each column's running sum in a register,
    /// eight columns at a time (summed through memory, each row's adds waited on the last row's
    /// stores).
    @inline(__always) private static func addColumnSums(_ x: UnsafePointer<Float>, stride: Int, rows: Range<Int>, cols: Int,
                                                into acc: UnsafeMutablePointer<Float>) {
        var c = 0
        while c + 8 <= cols {
            var sum = Vec.load(acc + c)
            for r in rows { sum += Vec.load(x + r * stride + c) }
            Vec.store(sum, acc + c)
            c += 8
        }
        while c < cols {
            for r in rows { acc[c] += x[r * stride + c] }
            c += 1
        }
    }

    /// c (m × n) += aᵀ·b summed over `k` rows (a: k × m, its rows `lda` apart; b: k × n, `ldb`
    /// apart): a pointwise convolution's weight gradient dyᵀ·x over every pixel of the batch.
    /// The rows are split between the threads, each part one sgemm on its own thread (oneDNN's
    /// sgemm runs on the calling thread alone inside a parallel region), the first part's added
    /// to c by the sgemm itself and the others' after it, in order. Against one sgemm that oneDNN
    /// splits itself, on 2 threads: GoogLeNet's sixteen such products took 16.5 instead of 18–20
    /// ms per step; alone, the stacked Inception shapes (64–96 outputs) ran 1.04–1.16 times faster
    /// and the narrowest (8 and 12 outputs) about 1.1 times slower, a millisecond each
    /// (bench/onednn/pointwise_split.c, bench/results/pooling-and-pointwise-2026-12-01.txt).
    static func accumulateTransposedProduct(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                            b: UnsafePointer<Float>, ldb: Int, into c: UnsafeMutablePointer<Float>, ldc: Int) {
        let parts = min(Parallel.threads, max(1, k / 4096))
        guard parts > 1, m > 0, n > 0 else {
            GEMM.sgemm(transA: true, transB: false, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: 1, c: c, ldc: ldc)
            return
        }
        var partial = [Float](repeating: 0, count: (parts - 1) * m * n)  // part p > 0 at (p − 1)·m·n, rows n apart
        partial.withUnsafeMutableBufferPointer { scratch in
            Parallel.forEachChunk(parts) { range in
                for part in range {
                    let lo = k * part / parts, rows = k * (part + 1) / parts - lo
                    let (target, ld) = part == 0 ? (c, ldc) : (scratch.baseAddress! + (part - 1) * m * n, n)
                    GEMM.sgemm(transA: true, transB: false, m: m, n: n, k: rows, a: a + lo * lda, lda: lda,
                               b: b + lo * ldb, ldb: ldb, beta: part == 0 ? 1 : 0, c: target, ldc: ld)
                }
            }
        }
        for part in 1..<parts {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] += partial[(part - 1) * m * n + i * n + j] } }
        }
    }

    /// Rows per block of `rowBlockedProduct`: with GoogLeNet's 64–128 input channels a block of
    /// a is 0.5–1 MB, about one core's L2.
    static let productBlockRows = 2048

    /// c (rows × n) = a (rows × k, its rows `lda` apart) · op(b), op(b) = bᵀ (b: n × k) with
    /// `transB`, else b (k × n), added to c instead with `accumulate`; plus `bias` (n values) on
    /// every row when given: a pointwise
    /// convolution forward (x·Wᵀ + b) or its input gradient (dy·W). The rows are cut into blocks
    /// of `productBlockRows`, dealt to the threads in contiguous parts, each block one sgemm on
    /// its own thread (oneDNN's runs on the calling thread alone inside a parallel region) with
    /// the bias added while the block is still in the cache. With two blocks or more the blocks
    /// do not depend on the thread count, each runs on one thread, and so the results do not
    /// either; a single block (2,048 rows or fewer) is one sgemm on all the threads, which may
    /// split its sums between them as oneDNN sees fit. Against oneDNN 2.6's 1×1 convolution kernels on
    /// GoogLeNet's shapes, caches flushed (bench/onednn/pointwise_forward.c): forward 64 → 24
    /// channels at 32×32, 1.34 against 2.00 ms; 96 → 16 at 16×16, 0.58 against 0.69; the input
    /// gradient about even. In the model (batch 128, 2 threads, timed around the calls)
    /// GoogLeNet's pointwise forwards took 19 instead of 22–24 ms per step
    /// (bench/results/pointwise-and-pool-branch-2026-12-01.txt).
    static func rowBlockedProduct(rows: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                  transB: Bool, bias: UnsafePointer<Float>?, accumulate: Bool = false,
                                  c: UnsafeMutablePointer<Float>, ldc: Int) {
        let block = productBlockRows
        let (ap, bp, cp) = (UncheckedPointer(UnsafeMutablePointer(mutating: a)), UncheckedPointer(UnsafeMutablePointer(mutating: b)),
                            UncheckedPointer(c))
        let biasPointer = bias.map { UncheckedPointer(UnsafeMutablePointer(mutating: $0)) }
        Parallel.forEachChunk((rows + block - 1) / block) { blocks in
            for index in blocks {
                let first = index * block, count = min(block, rows - first)
                let target = cp.value + first * ldc
                GEMM.sgemm(transA: false, transB: transB, m: count, n: n, k: k, a: ap.value + first * lda, lda: lda,
                           b: bp.value, ldb: ldb, beta: accumulate ? 1 : 0, c: target, ldc: ldc)
                if let biasPointer {
                    for r in 0..<count { Vec.addInPlace(biasPointer.value, target + r * ldc, n) }
                }
            }
        }
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
