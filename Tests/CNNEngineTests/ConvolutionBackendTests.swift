import CNNCore
@testable import CNNEngine
import XCTest

/// oneDNN's direct convolution kernels against the engine's own im2col + GEMM reference (itself
/// checked against float64 in ReferenceTests): outputs, input gradients and accumulated
/// parameter gradients, over odd sizes, strides, paddings, dilations, groups and the zoo's shapes.
final class ConvolutionBackendTests: XCTestCase {
    struct Case {
        var cin, h, w, cout, k, s, p, d, g: Int
        var bias = true
        var n = 3
    }

    static let cases: [Case] = [
        Case(cin: 3, h: 7, w: 5, cout: 4, k: 3, s: 1, p: 0, d: 1, g: 1),
        Case(cin: 4, h: 9, w: 8, cout: 6, k: 3, s: 2, p: 1, d: 1, g: 2),
        Case(cin: 2, h: 10, w: 9, cout: 3, k: 3, s: 1, p: 2, d: 2, g: 1),
        Case(cin: 5, h: 4, w: 6, cout: 7, k: 1, s: 1, p: 0, d: 1, g: 1, bias: false),
        Case(cin: 3, h: 11, w: 7, cout: 3, k: 5, s: 3, p: 2, d: 1, g: 3),
        Case(cin: 9, h: 40, w: 41, cout: 5, k: 1, s: 1, p: 0, d: 1, g: 1, n: 2),     // pointwise, 3,280 rows: two row blocks
        Case(cin: 1, h: 28, w: 28, cout: 16, k: 5, s: 1, p: 2, d: 1, g: 1, n: 2),     // simplecnn
        Case(cin: 16, h: 14, w: 14, cout: 32, k: 5, s: 1, p: 2, d: 1, g: 1, n: 2),
        Case(cin: 3, h: 32, w: 32, cout: 16, k: 3, s: 1, p: 1, d: 1, g: 1, bias: false, n: 2),  // resnet
        Case(cin: 16, h: 32, w: 32, cout: 32, k: 3, s: 2, p: 1, d: 1, g: 1, bias: false, n: 2),
        Case(cin: 16, h: 32, w: 32, cout: 32, k: 1, s: 2, p: 0, d: 1, g: 1, bias: false, n: 2),
        Case(cin: 64, h: 8, w: 8, cout: 64, k: 3, s: 1, p: 1, d: 1, g: 1, bias: false, n: 5),
        Case(cin: 24, h: 16, w: 16, cout: 32, k: 1, s: 1, p: 0, d: 1, g: 1, n: 1),      // densenet bottleneck
        Case(cin: 8, h: 16, w: 16, cout: 16, k: 1, s: 2, p: 0, d: 1, g: 1, n: 25),     // projection shortcut
        Case(cin: 8, h: 15, w: 15, cout: 16, k: 3, s: 2, p: 1, d: 1, g: 1, n: 25),
    ]

    func build(_ c: Case) throws -> Conv2d {
        try Support.build("conv", ["out_channels": .int(c.cout), "kernel": .int(c.k), "stride": .int(c.s),
                                   "padding": .int(c.p), "dilation": .int(c.d), "groups": .int(c.g),
                                   "bias": .bool(c.bias)], input: .image(c: c.cin, h: c.h, w: c.w)) as! Conv2d
    }

    /// Runs forward and two backward passes (gradients must accumulate) on one backend; `fast`:
    /// whether a fast path ran.
    func run(_ layer: Conv2d, _ x: Tensor, _ dy: Tensor, _ backend: ConvolutionBackend)
        -> (y: [Float], dx: [Float], dw: [Float], db: [Float], fast: Bool) {
        layer.zeroGradients()
        let context = RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(convolutionBackend: backend))
        let y = layer.forward(x, context: context).values
        let fast = layer.recordedFastPath
        _ = layer.backward(dy)
        _ = layer.forward(x, context: context)
        let dx = layer.backward(dy).values
        return (y, dx, layer.weight.grad.values, layer.bias?.grad.values ?? [], fast)
    }

    func testDirectKernelsMatchTheReference() throws {
        for c in Self.cases {
            let direct = try compare(c)
            #if arch(x86_64)
            // Only strided 1×1 convolutions stay on the reference (oneDNN 2.6 bug, see
            // ConvolutionPrimitives.make); for those this compares the reference with itself.
            // Pointwise ones run on the row-blocked product, everywhere.
            XCTAssertEqual(direct, !(c.k == 1 && c.s > 1), "\(c)")
            #endif
        }
    }

    /// Random geometries, odd channel counts included: this is how a oneDNN kernel that writes
    /// out of bounds (1×1, stride 2, 8 channels) was found. Run it under glibc's malloc checks
    /// (LD_PRELOAD=libc_malloc_debug.so.0 GLIBC_TUNABLES=glibc.malloc.check=3) after changes here.
    func testRandomGeometriesMatchTheReference() throws {
        let rng = RandomSource(seed: 77)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.int(range.count) }
        var checked = 0, direct = 0
        while checked < 200 {
            let k = pick(1...5), d = pick(1...2), s = pick(1...3), p = pick(0...2)
            let g = [1, 1, 2, 3][pick(0...3)]
            let c = Case(cin: g * pick(1...12), h: pick(1...17), w: pick(1...17), cout: g * pick(1...12), k: k, s: s,
                         p: p, d: d, g: g, bias: pick(0...1) == 1, n: pick(1...9))
            guard (c.h + 2 * p - d * (k - 1) - 1) >= 0, (c.w + 2 * p - d * (k - 1) - 1) >= 0 else { continue }
            if try compare(c) { direct += 1 }
            checked += 1  // a geometry left to the reference compares it with itself: `direct` counts the real checks
        }
        #if arch(x86_64)
        XCTAssertGreaterThan(direct, 40, "most random geometries must really run on oneDNN's kernels")
        #endif
    }

    /// Compares the backends on one geometry; true if a fast path (oneDNN's kernels, or the
    /// pointwise product) ran.
    @discardableResult
    func compare(_ c: Case) throws -> Bool {
        let layer = try build(c)
        let x = Support.input(c.n, layer.inputShape, seed: 4)
        let dy = Support.input(c.n, layer.outputShape, seed: 5)
        let fast = run(layer, x, dy, .fastest), direct = fast.fast
        let reference = run(layer, x, dy, .reference)
        XCTAssertFalse(reference.fast, "\(c)")
        // Float32 rounding grows with the length of each sum: the patch (and output channels)
        // for y and dx, the batch's output positions for dW and db.
        let patch = Float(c.k * c.k * max(c.cin, c.cout) / c.g)
        let positions = Float(c.n * layer.ho * layer.wo)
        for (name, a, b, terms) in [("y", fast.y, reference.y, patch), ("dx", fast.dx, reference.dx, patch),
                                    ("dW", fast.dw, reference.dw, positions), ("db", fast.db, reference.db, positions)] {
            XCTAssertEqual(a.count, b.count, "\(name) \(c)")
            let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-6 * max(10, terms), "\(name) \(c)")
        }
        return direct
    }

    /// A pointwise convolution runs on matrix products, not on oneDNN 2.6's 1×1 kernels (about
    /// half as fast forward and backward-data, 5–10 times slower backward-weights on GoogLeNet's
    /// and DenseNet's 1×1 layers): a training step on the fast backend runs on the fast path and
    /// records no oneDNN primitive, and the benchmark names the products. (Its values are
    /// compared with the reference above.)
    func testPointwiseConvolutionIsMatrixProducts() throws {
        let layer = try build(Case(cin: 24, h: 16, w: 16, cout: 32, k: 1, s: 1, p: 0, d: 1, g: 1))
        XCTAssertTrue(layer.isPointwise)
        let x = Support.input(2, layer.inputShape, seed: 4)
        _ = layer.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(convolutionBackend: .fastest)))
        XCTAssertTrue(layer.recordedFastPath)
        XCTAssertNil(layer.recordedPrimitives)
        _ = layer.backward(Support.input(2, layer.outputShape, seed: 5))
        XCTAssertEqual(layer.kernels(batch: 2, backend: .fastest), "sgemm in row blocks; sgemm in row blocks; sgemm")
        XCTAssertEqual(layer.kernels(batch: 2, backend: .reference), "im2col + GEMM")
        // A model's first layer computes no input gradient, and says so.
        layer.computesInputGradient = false
        XCTAssertEqual(layer.kernels(batch: 2, backend: .fastest), "sgemm in row blocks; sgemm")
    }

    /// The pointwise product (Kernels.rowBlockedProduct), c = a·op(b) + bias over rows cut into
    /// blocks dealt to the threads, against the sum in double precision, both ways round (bᵀ for
    /// the forward, b for the input gradient), with rows spanning several blocks and a remainder,
    /// leading dimensions wider than the matrices (the padding left alone): the same bits on 1,
    /// 2 and 3 threads and from inside another parallel loop.
    func testRowBlockedProductMatchesTheSumOnAnyThreadCount() {
        let rows = 2 * Kernels.productBlockRows + 301
        let (n, k, lda, ldb, ldc) = (13, 11, 14, 17, 15)
        let a = Support.input(1, .flat(rows * lda), seed: 8).values, b = Support.input(1, .flat(17 * ldb), seed: 9).values
        let bias = Support.input(1, .flat(n), seed: 10).values
        let start = Support.input(1, .flat(rows * ldc), seed: 11).values
        let saved = Parallel.threads
        defer { Parallel.threads = saved }
        for transB in [true, false] {
            for withBias in [true, false] {
                func product(threads: Int, nested: Bool = false) -> [Float] {
                    Parallel.threads = threads
                    var c = start
                    c.withUnsafeMutableBufferPointer { cp in
                        let target = cp.baseAddress!
                        bias.withUnsafeBufferPointer { bp in
                            let call = {
                                Kernels.rowBlockedProduct(rows: rows, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, transB: transB,
                                                          bias: withBias ? bp.baseAddress! : nil, c: target, ldc: ldc)
                            }
                            if nested { Parallel.forEachChunk(2) { parts in if parts.contains(0) { call() } } } else { call() }
                        }
                    }
                    return c
                }
                let what = "transB \(transB), bias \(withBias)"
                let one = product(threads: 1)
                XCTAssertEqual(product(threads: 2), one, what + ", 2 threads")
                XCTAssertEqual(product(threads: 3), one, what + ", 3 threads")
                XCTAssertEqual(product(threads: 2, nested: true), one, what + ", inside a parallel loop")
                for i in 0..<rows {
                    for j in 0..<ldc {
                        guard j < n else {
                            XCTAssertEqual(one[i * ldc + j], start[i * ldc + j], what + ": padding of row \(i)")
                            continue
                        }
                        var sum = withBias ? Double(bias[j]) : 0
                        for p in 0..<k { sum += Double(a[i * lda + p]) * Double(transB ? b[j * ldb + p] : b[p * ldb + j]) }
                        XCTAssertEqual(Double(one[i * ldc + j]), sum, accuracy: 1e-5 * max(1, abs(sum)), what + ": c[\(i), \(j)]")
                    }
                }
            }
        }
    }

    /// The weight gradient's product split between the threads (Kernels.accumulateTransposedProduct):
    /// c += aᵀ·b over rows cut in two or three parts, each its own sgemm, agrees with the sum
    /// computed in double precision, adds to what c held and leaves the padding between c's rows
    /// alone; the same thread count gives the same bits again, and so does a call from inside
    /// another parallel loop (its parts then run in turn on one thread).
    func testTransposedProductSplitBetweenThreadsMatchesTheSum() {
        let (m, n, k, lda, ldb, ldc) = (20, 24, 3 * 4096 + 77, 23, 29, 26)
        let a = Support.input(1, .flat(k * lda), seed: 8).values, b = Support.input(1, .flat(k * ldb), seed: 9).values
        let start = Support.input(1, .flat(m * ldc), seed: 10).values
        let saved = Parallel.threads
        defer { Parallel.threads = saved }
        func product(threads: Int, nested: Bool = false) -> [Float] {
            Parallel.threads = threads
            var c = start
            c.withUnsafeMutableBufferPointer { cp in
                let target = cp.baseAddress!
                let call = { Kernels.accumulateTransposedProduct(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, into: target, ldc: ldc) }
                if nested { Parallel.forEachChunk(2) { parts in if parts.contains(0) { call() } } } else { call() }
            }
            return c
        }
        for threads in [2, 3] {
            let split = product(threads: threads)
            XCTAssertEqual(product(threads: threads), split, "\(threads) threads, again")
            XCTAssertEqual(product(threads: threads, nested: true), split, "\(threads) threads, inside a parallel loop")
            for i in 0..<m {
                for j in 0..<ldc {
                    guard j < n else {
                        XCTAssertEqual(split[i * ldc + j], start[i * ldc + j])
                        continue
                    }
                    var sum = Double(start[i * ldc + j])
                    for r in 0..<k { sum += Double(a[r * lda + i]) * Double(b[r * ldb + j]) }
                    XCTAssertEqual(Double(split[i * ldc + j]), sum, accuracy: 1e-3 * max(1, abs(sum)), "\(threads) threads, c[\(i), \(j)]")
                }
            }
        }
    }

    /// The zoo's convolutions must really run on oneDNN's optimised kernels on x86-64, or the
    /// benchmark figures would silently fall back to the reference.
    func testZooGeometriesGetOptimisedKernels() throws {
        #if arch(x86_64)
        for c in Self.cases.suffix(9) {
            let layer = try build(c)
            if layer.isPointwise {
                XCTAssertTrue(layer.kernels(batch: 128, backend: .fastest).hasPrefix("sgemm in row blocks"), "\(c)")
                continue
            }
            let p = layer.primitives(batch: 128)
            if c.k == 1 && c.s > 1 {
                XCTAssertNil(p, "strided 1×1 convolutions stay on the reference (oneDNN 2.6 bug)")
                continue
            }
            let primitives = try XCTUnwrap(p, "\(c)")
            XCTAssertFalse(primitives.implementation.hasPrefix("ref"), primitives.implementation)
        }
        #endif
    }

    /// The benchmark reports which code ran each convolution: for ResNet-20, oneDNN's kernels for
    /// all but the two strided 1×1 projection shortcuts.
    func testBenchmarkNamesTheConvolutionKernels() throws {
        let (spec, input) = try ZooFixtures.spec("resnet")
        let r = try Benchmark.run(model: "resnet", spec: spec, input: input, mode: "train", batch: 4, threads: 2, warmup: 1, repeats: 1, steps: 1)
        XCTAssertTrue(r.finalLoss.isFinite)
        XCTAssertEqual(r.convolutionKernels.reduce(0) { $0 + $1.layers }, 21)
        #if arch(x86_64)
        XCTAssertEqual(r.convolutionKernels.first { $0.kernels == "im2col + GEMM" }?.layers, 2)
        XCTAssertTrue(r.convolutionKernels.allSatisfy { $0.kernels == "im2col + GEMM" || $0.kernels.contains("avx") },
                      "\(r.convolutionKernels)")
        #endif
    }

    /// A pass with the reference backend runs no oneDNN primitive, forward or backward, even
    /// where oneDNN has kernels for the geometry.
    func testReferenceBackendUsesNoPrimitives() throws {
        let layer = try build(Self.cases[0])
        let x = Support.input(2, layer.inputShape, seed: 4)
        let context = RunContext(training: true, rng: RandomSource(seed: 1), options: .reference)
        _ = layer.forward(x, context: context)
        XCTAssertNil(layer.recordedPrimitives)
        _ = layer.backward(Support.input(2, layer.outputShape, seed: 5))
        _ = layer.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1)))
        #if arch(x86_64)
        XCTAssertNotNil(layer.recordedPrimitives, "the default backend runs oneDNN here")
        #endif
    }
}
