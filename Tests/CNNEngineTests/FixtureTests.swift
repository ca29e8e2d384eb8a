import CNNCore
@testable import CNNEngine
import XCTest

/// Layers on small inputs whose outputs were worked out by hand (each test says how).
final class FixtureTests: XCTestCase {
    let ctxTrain = RunContext(training: true, rng: RandomSource(seed: 1))
    let ctxEval = RunContext(training: false, rng: RandomSource(seed: 1))

    /// Two input channels, 3×3 each, one 2×2 kernel per channel, bias 0.5, stride 1, no padding.
    /// channel 0 = [1 2 3; 4 5 6; 7 8 9], channel 1 = all ones;
    /// kernel 0 = [1 0; 0 −1] (top-left minus bottom-right: always 1 − 5 = −4 on this ramp),
    /// kernel 1 = [0.5 0.5; 0.5 0.5] (sum of four ones = 2).
    /// Every output is −4 + 2 + 0.5 = −1.5, except that is too uniform to catch index mistakes,
    /// so channel 1 is [1 1 1; 1 1 1; 1 1 3]: the bottom-right window sums 1+1+1+3 = 6 → 3,
    /// giving out = [−1.5 −1.5; −1.5 −0.5].
    func testHandComputedTwoChannelConvolution() throws {
        let conv = try Support.build("conv", ["out_channels": .int(1), "kernel": .int(2)], input: .image(c: 2, h: 3, w: 3)) as! Conv2d
        conv.weight.setValues(inShapeOrder: [1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5])
        conv.bias!.value.data[0] = 0.5
        let x = Tensor(batch: 1, shape: .image(c: 2, h: 3, w: 3), nchw: [1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1, 1, 1, 1, 1, 1, 1, 3])
        let y = conv.forward(x, context: ctxEval)
        XCTAssertEqual(y.shape, .image(c: 1, h: 2, w: 2))
        XCTAssertEqual(y.nchw, [-1.5, -1.5, -1.5, -0.5])
    }

    /// Padding 1 and stride 2 on a 3×3 input of 1…9 with an all-ones 3×3 kernel: each output is
    /// the sum of the window inside the border: top-left covers 1,2,4,5 = 12; top-right 2,3,5,6 = 16;
    /// bottom-left 4,5,7,8 = 24; bottom-right 5,6,8,9 = 28.
    func testPaddingAndStride() throws {
        let conv = try Support.build("conv", ["out_channels": .int(1), "kernel": .int(3), "padding": .int(1), "stride": .int(2), "bias": .bool(false)], input: .image(c: 1, h: 3, w: 3)) as! Conv2d
        conv.weight.setValues(inShapeOrder: [Float](repeating: 1, count: 9))
        let x = Tensor(batch: 1, shape: .image(c: 1, h: 3, w: 3), nchw: (1...9).map(Float.init))
        XCTAssertEqual(conv.forward(x, context: ctxEval).nchw, [12, 16, 24, 28])
    }

    /// 2×2 max-pool over [1 3 | 3 0 ; 2 3 | 1 1 ...]: the top-left window {1, 3, 2, 3} holds the
    /// maximum 3 twice; the gradient goes to the first one in row-major order (row 0, column 1),
    /// as PyTorch's CPU kernel does.
    func testMaxPoolWithTies() throws {
        let pool = try Support.build("maxpool", ["kernel": .int(2)], input: .image(c: 1, h: 2, w: 4))
        let x = Tensor(batch: 1, shape: .image(c: 1, h: 2, w: 4), nchw: [1, 3, 5, 5, 2, 3, 5, 4])
        let y = pool.forward(x, context: ctxTrain)
        XCTAssertEqual(y.nchw, [3, 5])
        let dx = pool.backward(Tensor(batch: 1, shape: .image(c: 1, h: 1, w: 2), nchw: [10, 20]))
        XCTAssertEqual(dx.nchw, [0, 10, 20, 0, 0, 0, 0, 0])
    }

    /// Batch norm on one channel with values 1, 2, 3, 4 (batch of 4, 1×1 maps):
    /// mean 2.5, biased variance 1.25, so x̂ = (x − 2.5)/√(1.25 + 1e-5) ≈ ±1.3416355, ±0.4472118.
    /// Running mean after one step (momentum 0.1): 0.25; running variance: 0.9 + 0.1 · (5/3) = 1.0666667
    /// (the unbiased variance 5/3 is used for the running estimate, as in PyTorch).
    /// Evaluation then uses the running statistics: (1 − 0.25)/√(1.0666667 + 1e-5) = 0.7261844.
    func testBatchNormTrainAndEval() throws {
        let bn = try Support.build("batchnorm", input: .image(c: 1, h: 1, w: 1)) as! BatchNorm
        let x = Tensor(batch: 4, shape: .image(c: 1, h: 1, w: 1), nchw: [1, 2, 3, 4])
        let y = bn.forward(x, context: ctxTrain).nchw
        for (a, b) in zip(y, [-1.3416355, -0.4472118, 0.4472118, 1.3416355] as [Float]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        XCTAssertEqual(bn.runningMean.data[0], 0.25, accuracy: 1e-7)
        XCTAssertEqual(bn.runningVar.data[0], 1.0666667, accuracy: 1e-6)
        let e = bn.forward(Tensor(batch: 1, shape: .image(c: 1, h: 1, w: 1), nchw: [1]), context: ctxEval).nchw
        XCTAssertEqual(e[0], 0.7261844, accuracy: 1e-5)
    }

    /// Flatten keeps the conventional (C, H, W) order: channel-major.
    func testFlattenOrder() throws {
        let f = try Support.build("flatten", input: .image(c: 2, h: 1, w: 2))
        let x = Tensor(batch: 1, shape: .image(c: 2, h: 1, w: 2), nchw: [1, 2, 3, 4])
        XCTAssertEqual(f.forward(x, context: ctxEval).values, [1, 2, 3, 4])
        XCTAssertEqual(x.values, [1, 3, 2, 4], "memory is channels-last")
    }
}
