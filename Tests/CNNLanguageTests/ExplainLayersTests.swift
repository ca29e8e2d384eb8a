import Foundation
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `explain linear|softmax|batchnorm|dropout` with numbers worked out by hand (in the comments)
/// on a model whose scores are known, and the hand arithmetic equal to the engine's output.
final class ExplainLayersTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
        // `known` scores every image z_k = k/10: all weights 0, bias k/10.
        let zeros = [String](repeating: "0", count: 2560).joined(separator: ", ")
        XCTAssertEqual(kernel.execute("""
            data shapes n=300 size=16
            model known input=[1, 16, 16]
              flatten
              linear 10
            end
            setweights layer=linear1 values=[\(zeros)] bias=[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
            model b input=[1, 16, 16]
              conv 4 pad=1
              batchnorm
              relu
              flatten
              linear 32
              relu
              dropout 0.5
              linear 10
            end
            train epochs=1 batch=20
            """).reply.content["status"], "ok")
    }

    func text(_ code: String) -> String {
        let x = kernel.execute(code)
        XCTAssertEqual(x.reply.content["status"], "ok", code)
        return x.outputs.last { $0.msgType == "display_data" }?.content["data"]?["text/plain"]?.stringValue ?? ""
    }

    func testSoftmaxAndCrossEntropyOfKnownScores() {
        // z − max = (k − 9)/10; Σ e^((k−9)/10) = Σ_{m=0..9} e^(−m/10) = (1 − e^−1)/(1 − e^−0.1) = 6.6425;
        // p_9 = 1/6.6425 = 0.1505, p_0 = e^−0.9/6.6425 = 0.0612. For true class y the loss is
        // −log p_y = log 6.6425 − (y − 9)/10.
        let t = text("explain softmax model=known image=4")
        XCTAssertTrue(t.contains("6.6425"), t)
        XCTAssertTrue(t.contains("0.1505") && t.contains("0.0612"), t)
        let y = Int(interp.session.data!.split.test!.labels[4])
        let loss = log(6.642533) - Double(y - 9) / 10
        XCTAssertTrue(t.contains("= \(String(format: "%.4f", loss)); the engine's loss for this image: \(String(format: "%.4f", loss))"), t)
        XCTAssertTrue(t.contains("−log p("), t)
    }

    func testALinearOutputIsTheRowTimesTheVectorPlusBias() {
        // Weights 0: Σ = 0, and output 3 is its bias, 0.3.
        let t = text("explain linear model=known channel=3 image=2")
        XCTAssertTrue(t.contains("Σ = 0.0000, + bias 0.3000 = 0.3000; the layer computed 0.3000"), t)
        // On the trained model the hand sum equals the layer's output.
        let u = text("explain linear model=b layer=linear2 channel=5 image=2")
        let line = u.split(separator: "\n").map(String.init).first { $0.hasPrefix("Σ = ") } ?? ""
        let hand = line.components(separatedBy: " = ").dropFirst(2).first?.components(separatedBy: ";").first
        XCTAssertNotNil(hand, line)
        XCTAssertEqual(hand, line.components(separatedBy: "computed ").last, line)
    }

    func testBatchNormByHandEqualsTheLayerInBothModes() {
        let t = text("explain batchnorm model=b channel=1 image=3")
        func pair(_ prefix: String, _ marker: String) -> (String, String)? {
            guard let line = t.split(separator: "\n").first(where: { $0.contains(prefix) && $0.contains(marker) }) else { return nil }
            let hand = line.components(separatedBy: marker).first!.components(separatedBy: " = ").last!.trimmingCharacters(in: CharacterSet(charactersIn: "; "))
            return (hand, line.components(separatedBy: marker).last!)
        }
        let train = pair("y = γ·x̂ + β", "; the layer in training mode gave ")
        XCTAssertNotNil(train, t)
        XCTAssertEqual(train?.0, train?.1)
        let eval = pair("x̂ = (", "; the layer in evaluation gave ")
        XCTAssertNotNil(eval, t)
        XCTAssertEqual(eval?.0, eval?.1)
        XCTAssertTrue(t.contains("training: the batch (32 images × 256 positions = 8192 values of this channel) gives"), t)
    }

    func testDropoutKeepsOrDropsAndScalesByTwo() {
        let t = text("explain dropout model=b image=1")
        var kept = 0
        for line in t.split(separator: "\n") where line.contains("(kept)") || line.contains("(dropped)") {
            let cells = line.split(separator: " ").map(String.init)
            let x = Double(cells[1])!, product = Double(cells[cells.count - 2])!
            if line.contains("(kept)") { XCTAssertEqual(product, 2 * x, accuracy: 2e-4, String(line)); kept += 1 } else { XCTAssertEqual(product, 0) }
        }
        XCTAssertTrue(t.contains("1/(1 − p) = 2.000"), t)
        XCTAssertTrue(t.contains("evaluation: nothing is dropped or scaled"), t)
    }
}
