import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `attribute` and the attribution methods under it, on models whose answer is known: a linear
/// model that looks only at the image's top-left 8×8 corner (for class 0) must have its saliency,
/// occlusion and integrated gradients there and nowhere else, and integrated gradients of a
/// linear model add up exactly to the score's change from the black image.
final class AttributeTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
        XCTAssertEqual(kernel.execute("data shapes n=200 size=16\nmodel lin input=[1, 16, 16]\n  flatten\n  linear 10\nend\nmodel c input=[1, 16, 16]\n  conv 1 pad=1\n  relu\n  flatten\n  linear 10\nend\nuse lin").reply.content["status"], "ok")
        // Class 0's weights: 1 on the top-left 8×8 pixels, 0 elsewhere; every other class 0.
        let params = interp.session.models["lin"]!.model.parameters
        for (_, p) in params { for i in 0..<p.value.count { p.value.data[i] = 0 } }
        let weights = params.first { $0.1.value.count == 10 * 256 }!.1.value
        for y in 0..<8 { for x in 0..<8 { weights.data[y * 16 + x] = 1 } }  // row 0 of (10, 256)
    }

    func image(_ i: Int = 0) -> Tensor {
        let data = interp.session.data!
        return Batches.make(data.split.test!, indices: [i][...], normalization: data.split.normalization).0
    }

    func black() -> Tensor {
        let data = interp.session.data!
        let zero = Dataset(name: "black", shape: data.shape, classNames: data.classNames, images: [UInt8](repeating: 0, count: 256), labels: [0])
        return Batches.make(zero, indices: [0][...], normalization: data.split.normalization).0
    }

    func inCorner(_ p: Int) -> Bool { p / 16 < 8 && p % 16 < 8 }

    func testTheMethodsFindTheCornerALinearModelLooksAt() {
        let m = interp.session.models["lin"]!.model
        let x = image()
        let (g, _, _) = m.inputGradient(x, classIndex: 0)
        for p in 0..<256 { XCTAssertEqual(g.data[p], inCorner(p) ? 1 : 0, "saliency at \(p)") }
        // Occlusion with 4×4 squares, stride 2: a square that misses the corner changes nothing.
        let occ = m.occlusion(x, baseline: black(), classIndex: 0, patch: 4, stride: 2)
        for p in 0..<256 where p / 16 >= 10 || p % 16 >= 10 { XCTAssertEqual(occ[p], 0, accuracy: 1e-9, "occlusion at \(p)") }
        // Integrated gradients of a linear score w·x: exactly (x − x′)·w, summing to w·x − w·x′.
        let ig = m.integratedGradients(x, baseline: black(), classIndex: 0, steps: 8)
        XCTAssertEqual(ig.sum, ig.scoreGap, accuracy: 1e-4 * max(1, abs(ig.scoreGap)))
        for p in 0..<256 where !inCorner(p) { XCTAssertEqual(ig.map[p], 0) }
        // SmoothGrad of a linear model is its gradient, whatever the noise.
        let sg = m.smoothGrad(x, classIndex: 0, samples: 8, sigma: 0.5, rng: RandomSource(seed: 1))
        for p in 0..<256 { XCTAssertEqual(sg[p], inCorner(p) ? 1 : 0, accuracy: 1e-6) }
    }

    /// With one feature map, Grad-CAM and Grad-CAM++ both draw that map (when its weight is
    /// positive): the same picture once each is scaled to 0…1.
    func testGradCAMPlusPlusOfOneChannelIsThatChannel() throws {
        let m = interp.session.models["c"]!.model
        let x = image(1)
        let logits = m.forward(x, context: m.context(training: false, rng: RandomSource(seed: 0))).values
        var checked = 0
        for k in 0..<10 {
            guard let a = m.gradCAM(x, layer: "relu1", classIndex: k), let b = m.gradCAMPlusPlus(x, layer: "relu1", classIndex: k) else { return XCTFail("no maps") }
            let ma = a.cam.max() ?? 0, mb = b.cam.max() ?? 0
            guard ma > 0 else { continue }
            XCTAssertGreaterThan(mb, 0, "class \(k), logit \(logits[k])")
            for (u, v) in zip(a.cam, b.cam) { XCTAssertEqual(u / ma, v / mb, accuracy: 1e-9) }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testSpearmanRankCorrelation() {
        XCTAssertEqual(Statistics.spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1, accuracy: 1e-12)
        XCTAssertEqual(Statistics.spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, accuracy: 1e-12)
        // Ties share their mean rank: a → [0.5, 0.5, 2], b → [0, 1, 2]; covariance 1.5 over
        // √(1.5 · 2): 0.8660.
        XCTAssertEqual(Statistics.spearman([1, 1, 2], [1, 2, 3]), 1.5 / (1.5 * 2).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(Statistics.spearman([3, 3, 3], [1, 2, 3]), 0)
    }

    func error(_ code: String) -> String? {
        defer { kernel.core.stopAborting() }
        return kernel.execute(code).outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue
    }

    func testTheCommandDrawsARowPerModelAndSaysWhatTheSanityCheckFound() throws {
        let x = kernel.execute("attribute image=2 model=c sanity=true")
        XCTAssertEqual(x.reply.content["status"], "ok")
        let data = try XCTUnwrap(x.outputs.last { $0.msgType == "display_data" }?.content["data"])
        XCTAssertNotNil(data["image/png"])
        let text = data["text/plain"]?.stringValue ?? ""
        for m in AttributeCommand.methodNames { XCTAssertTrue(text.contains("\n\(m)"), "\(m) in \(text.prefix(200))") }
        XCTAssertTrue(text.contains("integrated (32 steps from black; the map sums to "), text)
        XCTAssertTrue(text.contains("rank correlation of each map with the random model's"), text)
        XCTAssertTrue(text.contains("gradcam (at relu1)"), text)
        // The linear model has no feature maps: the CAM methods are left out, the rest drawn.
        let y = kernel.execute("attribute image=2 methods=[saliency, gradcam]")
        XCTAssertEqual(y.reply.content["status"], "ok")
        XCTAssertEqual(error("attribute methods=[salency]"), "line 1, column 19: `salency` is not an attribution method; did you mean `saliency`? (saliency, smoothgrad, integrated, occlusion, gradcam, gradcampp)")
        XCTAssertEqual(error("attribute model=c layer=relu1 layers=all"), "line 1, column 38: layers=all draws every layer; layer= picks one: use one or the other")
    }
}
