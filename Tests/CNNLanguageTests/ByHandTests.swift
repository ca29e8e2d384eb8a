import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// Backpropagation by hand (`explain byhand`): the hand arithmetic against numbers worked out on
/// paper, and the explanation's own check against the engine.
final class ByHandTests: XCTestCase {
    /// The T picture (ink: row 0 columns 0–4, column 2 rows 1–4), a kernel that only copies the
    /// pixel under its top-left corner, K = [[1, 0, 0], [0, 0, 0], [0, 0, 0]], b = 0, and
    /// W = [[1, 0, 0, 0], [0, 0, 0, 1]], c = [0, 0]. By hand:
    ///   z = the top-left 4×4 of x = [[1,1,1,1], [0,0,1,0], [0,0,1,0], [0,0,1,0]]; a = z
    ///   maxpool windows: [1,1,0,0] → 1 at (0,0); [1,1,1,0] → 1 at (0,2); zeros → 0 at (2,0);
    ///   [1,0,1,0] → 1 at (2,2); v = [1, 1, 0, 1]
    ///   s = [v0, v3] = [1, 1], p = [½, ½], L = ln 2
    ///   δs = p − (1, 0) = [−½, ½]; ∂L/∂W = δs·vᵀ = [[−½, −½, 0, −½], [½, ½, 0, ½]]
    ///   δv = Wᵀδs = [−½, 0, 0, ½]: δa is −½ at (0,0) and ½ at (2,2); both z > 0, so δz = δa
    ///   ∂L/∂K[i,j] = −½·x[i,j] + ½·x[2+i, 2+j] = [[0, −½, −½], [½, 0, −½], [½, 0, −½]]; ∂L/∂b = 0
    ///   δx = δz (the kernel only copies): −½ at (0,0), ½ at (2,2)
    ///   update, lr ½: K[0,1] = 0 − ½·(−½) = ¼, W[1,3] = 1 − ½·½ = ¾
    func testHandArithmeticMatchesPaper() {
        var net = TinyNetByHand(picture: 0) { 0.5 }
        net.kernel = [[1, 0, 0], [0, 0, 0], [0, 0, 0]]
        net.convBias = 0
        net.weights = [[1, 0, 0, 0], [0, 0, 0, 1]]
        net.bias = [0, 0]
        net.forward()
        XCTAssertEqual(net.z, [[1, 1, 1, 1], [0, 0, 1, 0], [0, 0, 1, 0], [0, 0, 1, 0]])
        XCTAssertEqual(net.v, [1, 1, 0, 1])
        XCTAssertEqual(net.winners.flatMap { $0 }.map { [$0.0, $0.1] }, [[0, 0], [0, 2], [2, 0], [2, 2]])
        XCTAssertEqual(net.s, [1, 1])
        XCTAssertEqual(net.loss, log(2), accuracy: 1e-12)
        net.backward()
        XCTAssertEqual(net.ds, [-0.5, 0.5])
        XCTAssertEqual(net.dWeights, [[-0.5, -0.5, 0, -0.5], [0.5, 0.5, 0, 0.5]])
        XCTAssertEqual(net.dv, [-0.5, 0, 0, 0.5])
        XCTAssertEqual(net.dz[0][0], -0.5)
        XCTAssertEqual(net.dz[2][2], 0.5)
        XCTAssertEqual(net.dz.flatMap { $0 }.filter { $0 != 0 }.count, 2)
        XCTAssertEqual(net.dKernel, [[0, -0.5, -0.5], [0.5, 0, -0.5], [0.5, 0, -0.5]])
        XCTAssertEqual(net.dConvBias, 0)
        XCTAssertEqual(net.dx[0][0], -0.5)
        XCTAssertEqual(net.dx[2][2], 0.5)
        XCTAssertEqual(net.dx.flatMap { $0 }.filter { $0 != 0 }.count, 2)
        net.update(learningRate: 0.5)
        XCTAssertEqual(net.kernel[0][1], 0.25)
        XCTAssertEqual(net.weights[1][3], 0.75)
    }

    /// A ReLU that blocked the value blocks the gradient: with b = −1 every z of the copying
    /// kernel is ≤ 0, nothing passes, and no weight of the kernel gets a gradient.
    func testReLUMaskBlocksTheGradient() {
        var net = TinyNetByHand(picture: 0) { 0.5 }
        net.kernel = [[1, 0, 0], [0, 0, 0], [0, 0, 0]]
        net.convBias = -1
        net.weights = [[1, 0, 0, 0], [0, 0, 0, 1]]
        net.bias = [0, 0]
        net.forward()
        net.backward()
        XCTAssertEqual(net.v, [0, 0, 0, 0])
        XCTAssertEqual(net.dKernel.flatMap { $0 }, [Double](repeating: 0, count: 9))
    }

    /// The explanation on both pictures: every number agrees with the engine's own layers.
    func testTheEngineComputesTheSameSteps() {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        for image in 0..<2 {
            let x = kernel.execute("explain byhand image=\(image)")
            let text = x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue }.joined()
            XCTAssertTrue(text.contains("✓ every value agrees (within float32 rounding)"), text)
            XCTAssertTrue(text.contains("Step 5 · update") && text.contains("the loss goes from"), text)
            XCTAssertTrue(text.contains(image == 0 ? "seed 58," : "seed 270,"), "the seeds are fixed: the same lesson every time")
        }
        let bad = kernel.execute("explain byhand image=2", stopOnError: false)
        XCTAssertEqual(bad.reply.content["evalue"]?.stringValue?.contains("image=0 (a T) or image=1 (an L)"), true)
    }
}
