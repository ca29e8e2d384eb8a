import CNNCore
@testable import CNNEngine
import XCTest

/// Every layer plugin and every structural piece passes a numeric gradient check, at odd
/// sizes, strides and paddings (float32 central differences; see ReferenceConvTests for the
/// float64 reference of the convolution).
final class GradientCheckTests: XCTestCase {
    func testConvolutionVariants() throws {
        let cases: [([String: ParameterValue], FeatureShape)] = [
            (["out_channels": .int(4), "kernel": .int(3)], .image(c: 3, h: 7, w: 5)),
            (["out_channels": .int(5), "kernel": .int(3), "stride": .int(2), "padding": .int(1)], .image(c: 2, h: 9, w: 6)),
            (["out_channels": .int(3), "kernel": .int(2), "dilation": .int(2), "padding": .int(2), "bias": .bool(false)], .image(c: 3, h: 5, w: 7)),
            (["out_channels": .int(6), "kernel": .int(3), "groups": .int(3), "padding": .int(1)], .image(c: 3, h: 5, w: 5)),
            (["out_channels": .int(4), "kernel": .int(1)], .image(c: 6, h: 3, w: 4)),  // pointwise fast path
            (["out_channels": .int(2), "kernel": .int(5), "stride": .int(3), "padding": .int(2)], .image(c: 1, h: 11, w: 8)),
        ]
        for (args, shape) in cases {
            let layer = try Support.build("conv", args, input: shape)
            Support.assertGradients(layer, Support.input(2, shape))
        }
    }

    func testLinear() throws {
        let layer = try Support.build("linear", ["out_features": .int(7)], input: .flat(13))
        Support.assertGradients(layer, Support.input(3, .flat(13)))
        let nobias = try Support.build("linear", ["out_features": .int(2), "bias": .bool(false)], input: .flat(5))
        Support.assertGradients(nobias, Support.input(4, .flat(5)))
    }

    func testPooling() throws {
        for (k, s, p) in [(2, 0, 0), (3, 2, 1), (3, 1, 1), (2, 1, 0)] {
            let shape = FeatureShape.image(c: 3, h: 7, w: 6)
            let mx = try Support.build("maxpool", ["kernel": .int(k), "stride": .int(s), "padding": .int(p)], input: shape)
            Support.assertGradients(mx, Support.distinctInput(2, shape))
            let av = try Support.build("avgpool", ["kernel": .int(k), "stride": .int(s), "padding": .int(p)], input: shape)
            Support.assertGradients(av, Support.input(2, shape))
        }
        let noPad = try Support.build("avgpool", ["kernel": .int(3), "stride": .int(2), "padding": .int(1), "count_include_pad": .bool(false)], input: .image(c: 2, h: 5, w: 5))
        Support.assertGradients(noPad, Support.input(2, .image(c: 2, h: 5, w: 5)))
        let gap = try Support.build("gap", input: .image(c: 4, h: 3, w: 5))
        Support.assertGradients(gap, Support.input(2, .image(c: 4, h: 3, w: 5)))
    }

    func testActivationsFlattenDropout() throws {
        let shape = FeatureShape.image(c: 3, h: 4, w: 5)
        for name in ["relu", "leaky_relu", "gelu", "tanh", "sigmoid", "flatten", "identity"] {
            Support.assertGradients(try Support.build(name, input: shape), Support.input(2, shape))
        }
        Support.assertGradients(try Support.build("dropout", ["p": .number(0.3)], input: shape), Support.input(2, shape))
        Support.assertGradients(try Support.build("relu", input: .flat(9)), Support.input(3, .flat(9)))
    }

    func testBatchNormInBothModes() throws {
        let shape = FeatureShape.image(c: 3, h: 5, w: 4)
        let bn = try Support.build("batchnorm", input: shape)
        let x = Support.input(4, shape)
        Support.assertGradients(bn, x, training: true, tolerance: 3e-2)
        Support.assertGradients(bn, x, training: false)
        let flat = try Support.build("batchnorm", input: .flat(6))
        Support.assertGradients(flat, Support.input(5, .flat(6)), tolerance: 3e-2)
    }

    func testStructuralPieces() throws {
        let shape = FeatureShape.image(c: 3, h: 6, w: 6)
        let a = try Support.build("conv", ["out_channels": .int(2), "kernel": .int(3), "padding": .int(1)], input: shape)
        let b = try Support.build("conv", ["out_channels": .int(4), "kernel": .int(1)], input: shape)
        let concat = try Concat([("a", a), ("b", b), ("x", Identity(shape))], input: shape)
        XCTAssertEqual(concat.outputShape, .image(c: 9, h: 6, w: 6))
        Support.assertGradients(concat, Support.input(2, shape))
        // The identity branch's gradient added straight from dy: second of two (the dense layer's
        // order), and first (copied out as any other branch).
        let d = try Support.build("conv", ["out_channels": .int(2), "kernel": .int(3), "padding": .int(1)], input: shape)
        Support.assertGradients(try Concat([("conv", d), ("x", Identity(shape))], input: shape), Support.input(2, shape))
        Support.assertGradients(try Concat([("x", Identity(shape)), ("conv", d)], input: shape), Support.input(2, shape))

        let c1 = try Support.build("conv", ["out_channels": .int(3), "kernel": .int(3), "padding": .int(1)], input: shape)
        let res = try Residual(body: Sequence([("conv", c1), ("tanh", try Support.build("tanh", input: shape))], input: shape), shortcut: nil)
        Support.assertGradients(res, Support.input(2, shape))

        let down = try Support.build("conv", ["out_channels": .int(5), "kernel": .int(3), "stride": .int(2), "padding": .int(1)], input: shape)
        let proj = try Support.build("conv", ["out_channels": .int(5), "kernel": .int(1), "stride": .int(2)], input: shape)
        let projected = try Residual(body: down, shortcut: proj)
        Support.assertGradients(projected, Support.input(2, shape))
        XCTAssertThrowsError(try Residual(body: down, shortcut: nil)) {
            XCTAssertTrue("\($0)".contains("add a projection shortcut"))
        }
    }
}

/// The check itself: it must fail a wrong gradient, also where it handles kinks, and pass a
/// correct block full of kinks (conv–batchnorm–relu, whose central differences cross ReLUs).
final class GradientCheckItselfTests: XCTestCase {
    /// y = relu(x)·w with a backward whose weight gradient is 3% too large.
    final class SlightlyWrong: Layer {
        let typeName = "slightly_wrong"
        let inputShape: FeatureShape, outputShape: FeatureShape
        let weight = Parameter(name: "weight", shape: [1], decays: false)
        var x: Tensor?
        init(_ s: FeatureShape) { inputShape = s; outputShape = s; weight.value.data[0] = 0.7 }
        var parameters: [Parameter] { [weight] }
        func forward(_ x: Tensor, context: RunContext) -> Tensor {
            self.x = x
            let y = Tensor(batch: x.batch, shape: x.shape)
            for i in 0..<x.count { y.data[i] = max(0, x.data[i]) * weight.value.data[0] }
            return y
        }
        func backward(_ dy: Tensor) -> Tensor {
            let x = self.x!
            let dx = Tensor(batch: x.batch, shape: x.shape)
            for i in 0..<x.count where x.data[i] > 0 {
                dx.data[i] = dy.data[i] * weight.value.data[0]
                weight.grad.data[0] += 1.03 * dy.data[i] * x.data[i]
            }
            return dx
        }
    }

    func testAWrongGradientFails() {
        // Inputs near 0 put ReLU kinks within ±ε, so the kink handling is exercised too.
        let x = Tensor(batch: 2, shape: .flat(30))
        for i in 0..<x.count { x.data[i] = Float(i % 7) * 0.004 - 0.012 }
        let entries = GradientCheck.run(layer: SlightlyWrong(.flat(30)), input: x)
        XCTAssertTrue(entries.first { $0.tensor == "input" }!.passed)
        XCTAssertFalse(entries.first { $0.tensor == "weight" }!.passed)
    }

    func testACorrectBlockWithKinksPasses() throws {
        let spec = ModelSpec.seq([.layer("conv", ["out_channels": .int(4), "kernel": .int(3), "padding": .int(1), "bias": .bool(false)]),
                                  .layer("batchnorm"), .layer("relu")])
        let block = try ModelBuilder.build(spec, input: .image(c: 3, h: 6, w: 6))
        block.initializeAll(RandomSource(seed: 3), scheme: .pytorch)
        let entries = GradientCheck.run(layer: block, input: Support.input(2, .image(c: 3, h: 6, w: 6)))
        for e in entries { XCTAssertTrue(e.passed, "\(e)") }
        XCTAssertGreaterThan(entries.reduce(0) { $0 + $1.kinks }, 0, "the example must really cross kinks")
    }
}
