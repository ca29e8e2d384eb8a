import CNNCore
@testable import CNNEngine
import XCTest

/// The fast pooling kernels (eight channels at a time, windows gathered in backward) against
/// the plain one-element-at-a-time reference in PoolingReference.swift: outputs and input
/// gradients equal bit for bit. Inputs are rounded to quarters so windows hold ties (the first
/// maximum, rows first, must win in both), channel counts leave tails of 1 to 7 lanes, and the
/// geometries cover overlapping windows, padding, strides longer than the window and a window
/// that reaches past the input.
final class PoolingTests: XCTestCase {
    func testFastPoolingMatchesTheReferenceBitForBit() throws {
        let geometries: [(k: Int, s: Int, p: Int)] = [(3, 1, 1), (2, 2, 0), (3, 2, 1), (2, 1, 0), (2, 3, 0), (3, 3, 1), (5, 2, 2)]
        var checked = 0
        for kind in ["maxpool", "avgpool"] {
            for (k, s, p) in geometries {
                for c in [3, 8, 13, 20, 40] {
                    for countPad in kind == "avgpool" ? [true, false] : [false] {
                        var args: [String: ParameterValue] = ["kernel": .number(Double(k)), "stride": .number(Double(s)), "padding": .number(Double(p))]
                        if kind == "avgpool" { args["count_include_pad"] = .bool(countPad) }
                        let pool = try XCTUnwrap(Support.build(kind, args, input: .image(c: c, h: 9, w: 7)) as? Pool2d)
                        let x = Support.input(2, pool.inputShape, seed: UInt64(k * 100 + c))
                        for i in 0..<x.count { x.data[i] = (x.data[i] * 4).rounded() / 4 }
                        let what = "\(kind) k\(k) s\(s) p\(p) c\(c) countPad \(countPad)"
                        let y = pool.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1)))
                        let dy = Support.input(2, pool.outputShape, seed: 77)
                        let dx = pool.backward(dy)
                        let reference = pool.referenceForward(x)
                        XCTAssertEqual(y.values, reference.y.values, what)
                        XCTAssertEqual(dx.values, pool.referenceBackward(dy, argmax: reference.argmax).values, what)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 7 * 5 * 3)
    }

    /// A window whose values are all −∞ (or NaN) still sends its gradient to one input, the
    /// first cell of the window, as the reference does.
    func testAWindowWithoutAFiniteMaximumSendsItsGradientToItsFirstCell() throws {
        let pool = try XCTUnwrap(Support.build("maxpool", ["kernel": .number(Double(2))], input: .image(c: 1, h: 2, w: 2)) as? Pool2d)
        let x = Tensor(batch: 1, shape: pool.inputShape)
        for i in 0..<4 { x.data[i] = i == 2 ? .nan : -.infinity }
        let y = pool.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1)))
        XCTAssertEqual(y.values, [-.infinity])
        let dy = Tensor(batch: 1, shape: pool.outputShape)
        dy.data[0] = 3
        XCTAssertEqual(pool.backward(dy).values, [3, 0, 0, 0])
        XCTAssertEqual(pool.referenceBackward(dy, argmax: pool.referenceForward(x).argmax).values, [3, 0, 0, 0])
    }
}
