import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// The text forms of the visual commands (what jupyter console shows), checked line by line.
final class VisualTranscriptTests: XCTestCase {
    static let setup = """
        seed 3
        data shapes n=600 size=16 seed=2 augment=[flip]
        model net
          conv 4 kernel=3 pad=1
          relu
          maxpool 2
          conv 6 kernel=3 pad=1
          relu
          gap
          linear 10
        end
        train epochs=2 batch=40 lr=0.05
        """

    var kernel: InMemoryKernel!
    var interp: CNNInterpreter!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
        XCTAssertEqual(kernel.execute(Self.setup).reply.content["status"], "ok")
    }

    func text(_ code: String) -> [String] {
        let x = kernel.execute(code)
        XCTAssertEqual(x.reply.content["status"], "ok", "\(code): \(x.outputs.map(\.content))")
        return x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue ?? $0.content["text"]?.stringValue }
    }

    func testTextForms() {
        XCTAssertTrue(text("show images n=4")[0].hasPrefix("4 test images of shapes (1×16×16):\n  0: circle\n"))
        let fm = text("show featuremaps layer=conv1 image=1")[0]
        XCTAssertTrue(fm.hasPrefix("conv1 of model net: 4 feature maps of 16×16 for image 1: square"), fm)
        XCTAssertTrue(fm.contains("channel 0 (range "))
        XCTAssertTrue(text("show featuremaps image=1")[0].contains("  conv2            6 maps of 8×8\n"))
        XCTAssertTrue(text("show filters layer=conv1")[0].hasPrefix("filters of conv1: 4 × 1 kernels of 3×3\nfilter 0:\n"))
        let confusion = text("show confusion")
        XCTAssertTrue(confusion[0].hasPrefix("confusion matrix of net (rows: true, columns: predicted):\ncircle"))
        XCTAssertTrue(confusion[1].hasPrefix("per class, on 100 test images\nclass"), confusion[1])
        XCTAssertFalse(confusion[0].contains("precision"), "the per-class table is shown once, not also in the matrix's text")
        XCTAssertTrue(confusion[1].contains("precision  recall"))
        XCTAssertTrue(text("show mistakes n=3")[0].contains("misclassified; the 3 with the highest loss:\n  image "))
        let loss = text("plot loss")[0]
        XCTAssertTrue(loss.hasPrefix("loss by epoch\n"))
        XCTAssertTrue(loss.contains("┤"))
        XCTAssertTrue(loss.contains("net: epoch 1 "))
        XCTAssertTrue(text("plot accuracy")[0].contains("(validation)"))
        XCTAssertTrue(text("show saliency image=2")[0].hasPrefix("saliency of net for image 2 (triangle): class "))
        XCTAssertTrue(text("show gradcam image=2 layer=relu2")[0].hasPrefix("Grad-CAM of net at relu2 (8×8) for image 2"))
        XCTAssertTrue(text("show graph")[0].hasPrefix("model net (input (1, 16, 16)):\n│ conv1 conv → (4, 16, 16)\n"))
        let histogram = text("show histograms layer=conv1")[0]
        XCTAssertTrue(histogram.hasPrefix("conv1.weight: 36 values (tallest bar: "), histogram)
        let rows = histogram.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(rows[1...4].allSatisfy { $0.allSatisfy { " ▁▂▃▄▅▆▇█".contains($0) } }, "four rows of bars under the title: \(histogram)")
        XCTAssertTrue(rows[5].hasPrefix("-0."), "then the range: \(histogram)")
        XCTAssertTrue(text("show augment")[0].hasPrefix("8 training images, then two random augmentations of each (flip)"))
        let shapes = text("explain shapes")[0]
        XCTAssertTrue(shapes.contains("\nconv1 (conv)        ⌊(16 + 2·1 − 3)/1⌋ + 1 = 16 rows"), shapes)
        XCTAssertTrue(text("explain pool")[0].contains("wins; the layer gave"))
        XCTAssertTrue(text("explain relu")[0].contains("became 0; their gradient is 0 too"))
        let bp = text("explain backprop layer=conv2")[0]
        XCTAssertTrue(bp.contains("2. backward (chain rule)"))
        XCTAssertTrue(bp.contains("4. update (SGD"))
        let conv = text("explain conv layer=conv2 image=1 channel=2 at=[3, 4]")[0]
        let last = conv.split(separator: "\n").last { $0.hasPrefix("Σ = ") }!
        XCTAssertEqual(last.split(separator: "=").last!.split(separator: ";").first!.trimmingCharacters(in: .whitespaces), String(last.split(separator: " ").last!))
        let summary = text("summary")[0]
        XCTAssertTrue(summary.contains("ms/image"))
        XCTAssertTrue(summary.contains("receptive field"))
        // conv1 sees 3×3; the 2×2 pool 4×4 (jump 2); conv2 4 + (3 − 1)·2 = 8×8
        XCTAssertTrue(summary.contains("3×3") && summary.contains("4×4") && summary.contains("8×8"), summary)
        // The memory column (torchinfo's forward/backward size): each layer's kept bytes an image,
        // and the total what the training estimate counts for the layers.
        XCTAssertTrue(summary.contains("kept/image"), summary)
        XCTAssertTrue(summary.contains("a training step at batch 128 with SGD needs about "), summary)
        if let m = interp.session.models[interp.session.current ?? ""]?.model {
            let kept = m.layerMemory().reduce(0) { $0 + $1.keptPerImage }
            XCTAssertTrue(summary.contains("kept for backward \(MemoryBudget.formatBytes(kept)) an image"), summary)
        } else {
            XCTFail("no current model")
        }
    }

    /// A model defined before its data is rebuilt for the data's shape when first used; explain conv
    /// must show the weights of the model that runs (it took the layer before the rebuild).
    func testExplainConvOnAModelRebuiltForItsData() {
        kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        _ = text("model early\n  conv 3 kernel=3\n  relu\n  gap\n  linear 10\nend")
        _ = text("data shapes n=200 size=16 channels=3 seed=4")
        let conv = text("explain conv image=1 channel=1 at=[2, 2]")[0]
        let last = conv.split(separator: "\n").last { $0.hasPrefix("Σ = ") }!
        XCTAssertEqual(last.split(separator: "=").last!.split(separator: ";").first!.trimmingCharacters(in: .whitespaces),
                       String(last.split(separator: " ").last!), conv)
    }

    /// Number formatting never hangs or traps on values a diverged model produces.
    func testNumberFormsOfExtremeValues() {
        XCTAssertEqual(sci(.infinity), "inf")
        XCTAssertEqual(sci(.nan), "nan")
        XCTAssertEqual(sci(-2.5e-7), "-2.50e−7")
        XCTAssertEqual(fixed(1e20, 2), "1.00e+20")
        XCTAssertEqual(fixed(-3.14159, 2), "-3.14")
    }
}
