import CNNCore
@testable import CNNEngine
import XCTest

/// The fast paths against plain references: GEMM against a triple loop, and the convolution
/// against a direct float64 implementation in (N, C, H, W) order, whose own gradients are
/// checked by finite differences in float64.
final class ReferenceTests: XCTestCase {
    func testGEMMAgainstReferenceInAllTranspositions() {
        let rng = RandomSource(seed: 11)
        for (m, n, k) in [(1, 1, 1), (7, 5, 3), (33, 17, 65), (128, 10, 300)] {
            for ta in [false, true] {
                for tb in [false, true] {
                    let a = (0..<(m * k)).map { _ in Float(rng.uniform(-1, 1)) }
                    let b = (0..<(k * n)).map { _ in Float(rng.uniform(-1, 1)) }
                    var c1 = (0..<(m * n)).map { _ in Float(rng.uniform(-1, 1)) }
                    var c2 = c1
                    GEMM.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: a, lda: ta ? m : k, b: b, ldb: tb ? k : n, beta: 2, c: &c1, ldc: n)
                    GEMM.reference(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: a, lda: ta ? m : k, b: b, ldb: tb ? k : n, beta: 2, c: &c2, ldc: n)
                    for i in 0..<(m * n) { XCTAssertEqual(c1[i], c2[i], accuracy: 1e-4 * Float(k), "\(m)×\(n)×\(k) \(ta) \(tb)") }
                }
            }
        }
    }

    struct RefConv {
        var cin, h, w, cout, k, s, p, d, g: Int
        var ho: Int { (h + 2 * p - d * (k - 1) - 1) / s + 1 }
        var wo: Int { (w + 2 * p - d * (k - 1) - 1) / s + 1 }
        // weight (cout, cin/g, k, k), x (n, cin, h, w), all NCHW, float64
        func forward(_ x: [Double], _ wt: [Double], _ b: [Double], n: Int) -> [Double] {
            var y = [Double](repeating: 0, count: n * cout * ho * wo)
            let cg = cin / g, og = cout / g
            for nn in 0..<n { for o in 0..<cout { for oy in 0..<ho { for ox in 0..<wo {
                var acc = b.isEmpty ? 0 : b[o]
                let grp = o / og
                for c in 0..<cg { for ky in 0..<k { for kx in 0..<k {
                    let iy = oy * s - p + ky * d, ix = ox * s - p + kx * d
                    if iy < 0 || iy >= h || ix < 0 || ix >= w { continue }
                    acc += wt[((o * cg + c) * k + ky) * k + kx] * x[((nn * cin + grp * cg + c) * h + iy) * w + ix]
                } } }
                y[((nn * cout + o) * ho + oy) * wo + ox] = acc
            } } } }
            return y
        }
    }

    /// Both convolution backends: oneDNN's direct kernels (where it has them) and the im2col reference.
    func testConvolutionAgainstFloat64Reference() throws {
        for backend in [ConvolutionBackend.fastest, .reference] {
            try checkConvolutionAgainstFloat64Reference(ComputeOptions(convolutionBackend: backend))
        }
    }

    func checkConvolutionAgainstFloat64Reference(_ options: ComputeOptions) throws {
        let configs = [
            RefConv(cin: 3, h: 7, w: 5, cout: 4, k: 3, s: 1, p: 0, d: 1, g: 1),
            RefConv(cin: 4, h: 9, w: 8, cout: 6, k: 3, s: 2, p: 1, d: 1, g: 2),
            RefConv(cin: 2, h: 10, w: 9, cout: 3, k: 3, s: 1, p: 2, d: 2, g: 1),
            RefConv(cin: 5, h: 4, w: 6, cout: 7, k: 1, s: 1, p: 0, d: 1, g: 1),
            RefConv(cin: 3, h: 11, w: 7, cout: 3, k: 5, s: 3, p: 2, d: 1, g: 3),
        ]
        let rng = RandomSource(seed: 21)
        for r in configs {
            let n = 3
            let layer = try Support.build("conv", ["out_channels": .int(r.cout), "kernel": .int(r.k), "stride": .int(r.s), "padding": .int(r.p), "dilation": .int(r.d), "groups": .int(r.g)], input: .image(c: r.cin, h: r.h, w: r.w)) as! Conv2d
            let xv = (0..<(n * r.cin * r.h * r.w)).map { _ in Float(rng.uniform(-1, 1)) }
            let x = Tensor(batch: n, shape: .image(c: r.cin, h: r.h, w: r.w), nchw: xv)
            let wv = layer.weight.valuesInShapeOrder(), bv = layer.bias!.value.values
            let expected = r.forward(xv.map(Double.init), wv.map(Double.init), bv.map(Double.init), n: n)
            let y = layer.forward(x, context: RunContext(training: true, rng: rng, options: options)).nchw
            XCTAssertEqual(y.count, expected.count)
            for i in 0..<y.count { XCTAssertEqual(Double(y[i]), expected[i], accuracy: 1e-4) }

            // Backward against the float64 reference's finite differences (exact for a linear map):
            // for L = Σ y·g, dL/dw = Σ g·x-patches; check every weight.
            let gv = (0..<y.count).map { _ in rng.uniform(-1, 1) }
            let g = Tensor(batch: n, shape: layer.outputShape, nchw: gv.map { Float($0) })
            layer.zeroGradients()
            let dx = layer.backward(g).nchw
            let dw = layer.weight.grad.copy()
            let dwShape = Parameter(name: "w", shape: layer.weight.shape, layout: .ohwi, decays: false)
            dwShape.value.data.update(from: dw.data, count: dw.count)
            let dwNCHW = dwShape.valuesInShapeOrder()
            func loss(_ xs: [Double], _ ws: [Double]) -> Double {
                zip(r.forward(xs, ws, bv.map(Double.init), n: n), gv).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let eps = 1e-6
            var ws = wv.map(Double.init)
            for i in stride(from: 0, to: ws.count, by: max(1, ws.count / 25)) {
                let s0 = ws[i]
                ws[i] = s0 + eps; let lp = loss(xv.map(Double.init), ws)
                ws[i] = s0 - eps; let lm = loss(xv.map(Double.init), ws)
                ws[i] = s0
                XCTAssertEqual(Double(dwNCHW[i]), (lp - lm) / (2 * eps), accuracy: 1e-3, "dW[\(i)] \(r)")
            }
            var xs = xv.map(Double.init)
            for i in stride(from: 0, to: xs.count, by: max(1, xs.count / 25)) {
                let s0 = xs[i]
                xs[i] = s0 + eps; let lp = loss(xs, wv.map(Double.init))
                xs[i] = s0 - eps; let lm = loss(xs, wv.map(Double.init))
                xs[i] = s0
                XCTAssertEqual(Double(dx[i]), (lp - lm) / (2 * eps), accuracy: 1e-3, "dx[\(i)] \(r)")
            }
        }
    }
}
