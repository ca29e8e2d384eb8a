import CNNCore
@testable import CNNEngine
import XCTest

/// The fast pooling kernels (eight channels at a time, windows gathered in backward) against
/// the plain one-element-at-a-time reference in PoolingReference.swift: outputs and input
/// gradients equal bit for bit. Inputs are rounded to quarters so windows hold ties (the first
/// maximum, rows first, must win in both), channel counts leave tails of 1 to 7 lanes (and 45 = 32 + 8 + 5 covers every loop of the AVX2 copy), and the
/// geometries cover overlapping windows, padding, strides longer than the window, a window
/// that reaches past the input, and windows whose positions take one byte and two.
/// Max pooling's forward runs twice: compiled for baseline x86-64 and, on a CPU with AVX2, the
/// WideKernels copy (on a CPU without x86-64-v3 its tests check that it is refused and run the
/// baseline instead).
final class PoolingTests: XCTestCase {
    func context(wide: Bool) -> RunContext {
        RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(usesWideKernels: wide))
    }

    /// The context that asks for the AVX2 copy. Where the CPU has x86-64-v3 it runs; elsewhere
    /// the options refuse it (its code would stop with SIGILL) and the baseline loops run the
    /// same checks, so the tests below never skip.
    func wideContext() -> RunContext {
        let wide = context(wide: true)
        XCTAssertEqual(wide.usesWideKernels, CPUFeatures.hasX86_64v3)
        return wide
    }

    func testFastPoolingMatchesTheReferenceBitForBit() throws {
        XCTAssertFalse(context(wide: false).usesWideKernels)
        try compareWithTheReference(context(wide: false))
    }

    func testTheAVX2MaxPoolingMatchesTheReferenceBitForBit() throws {
        try compareWithTheReference(wideContext())
    }

    func compareWithTheReference(_ context: RunContext) throws {
        // 16×16 windows are the largest whose positions (0–255) fit the one byte each a max pool
        // keeps; 17×17 ones take two.
        let geometries: [(k: Int, s: Int, p: Int)] = [(3, 1, 1), (2, 2, 0), (3, 2, 1), (2, 1, 0), (2, 3, 0), (3, 3, 1), (5, 2, 2),
                                                      (16, 3, 8), (17, 1, 8)]
        var checked = 0
        for kind in ["maxpool", "avgpool"] {
            for (k, s, p) in geometries {
                for c in [3, 8, 13, 20, 40, 45] {
                    for countPad in kind == "avgpool" ? [true, false] : [false] {
                        var args: [String: ParameterValue] = ["kernel": .number(Double(k)), "stride": .number(Double(s)), "padding": .number(Double(p))]
                        if kind == "avgpool" { args["count_include_pad"] = .bool(countPad) }
                        let pool = try XCTUnwrap(Support.build(kind, args, input: .image(c: c, h: 9, w: 7)) as? Pool2d)
                        XCTAssertEqual(pool.positionBytes, k <= 16 ? 1 : 2)
                        let x = Support.input(2, pool.inputShape, seed: UInt64(k * 100 + c))
                        for i in 0..<x.count { x.data[i] = (x.data[i] * 4).rounded() / 4 }
                        let what = "\(kind) k\(k) s\(s) p\(p) c\(c) countPad \(countPad)"
                        // Evaluation keeps no winning positions (a loop of its own).
                        let evaluation = pool.forward(x, context: RunContext(training: false, rng: RandomSource(seed: 1), options: context.options))
                        let y = pool.forward(x, context: context)
                        let dy = Support.input(2, pool.outputShape, seed: 77)
                        let dx = pool.backward(dy)
                        let reference = pool.referenceForward(x)
                        XCTAssertEqual(y.values, reference.y.values, what)
                        XCTAssertEqual(evaluation.values, reference.y.values, what)
                        XCTAssertEqual(dx.values, pool.referenceBackward(dy, argmax: reference.argmax).values, what)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 9 * 6 * 3)
    }

    /// A window whose values are all −∞ (or NaN) still sends its gradient to one input, the
    /// first cell of the window, as the reference does. 41 channels: the AVX2 copy's 32-channel
    /// loop, its 8-channel loop and the scalar tail, all alike.
    func testAWindowWithoutAFiniteMaximumSendsItsGradientToItsFirstCell() throws {
        try checkWindowsWithoutAFiniteMaximum(context(wide: false))
    }

    func testTheAVX2CopySendsAWindowWithoutAFiniteMaximumToItsFirstCell() throws {
        try checkWindowsWithoutAFiniteMaximum(wideContext())
    }

    func checkWindowsWithoutAFiniteMaximum(_ context: RunContext) throws {
        let c = 41
        let pool = try XCTUnwrap(Support.build("maxpool", ["kernel": .number(Double(2))], input: .image(c: c, h: 2, w: 2)) as? Pool2d)
        let x = Tensor(batch: 1, shape: pool.inputShape)
        for i in 0..<(4 * c) { x.data[i] = i / c == 2 ? .nan : -.infinity }
        let dy = Tensor(batch: 1, shape: pool.outputShape)
        dy.fill(3)
        let expected = (0..<(4 * c)).map { $0 / c == 0 ? Float(3) : 0 }
        let y = pool.forward(x, context: context)
        XCTAssertEqual(y.values, [Float](repeating: -.infinity, count: c))
        XCTAssertEqual(pool.backward(dy).values, expected)
        XCTAssertEqual(pool.referenceBackward(dy, argmax: pool.referenceForward(x).argmax).values, expected)
    }
}
