import Foundation
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `lrfind`, `train patience=` and `train overfit=` as a learner writes them: what they show, in
/// the picture and the text, and their mistakes caught before the cell runs.
final class TrainingHabitsCommandTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
        XCTAssertEqual(kernel.execute("data shapes n=600 size=16 val=100\nmodel m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend").reply.content["status"], "ok")
    }

    func texts(_ x: InMemoryKernel.Exchange) -> String {
        x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue ?? $0.content["text"]?.stringValue }.joined(separator: "\n")
    }

    func testLRFindShowsTheCurveWithTheSuggestionAndPutsTheWeightsBack() throws {
        let before = interp.session.models["m"]!.model.parameters.map { $0.1.value.values }
        let x = kernel.execute("lrfind steps=120 batch=20")
        XCTAssertEqual(x.reply.content["status"], "ok", texts(x))
        let chart = try XCTUnwrap(x.outputs.last { $0.msgType == "display_data" }?.content["data"])
        let svg = chart["image/svg+xml"]?.stringValue ?? ""
        XCTAssertTrue(svg.contains("learning-rate range test of m (sgd, batch 20)"), svg.prefix(300).description)
        XCTAssertTrue(svg.contains("suggested "), "the suggestion is marked on the chart")
        XCTAssertTrue(svg.contains(">1e-6<") || svg.contains(">1e-7<"), "a log axis ticked at powers of ten")
        let text = chart["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(text.contains("suggested lr: "), text)
        XCTAssertTrue(text.contains("the weights of m are as they were before the test"), text)
        XCTAssertEqual(interp.session.models["m"]!.model.parameters.map { $0.1.value.values }, before)
        XCTAssertTrue(interp.session.models["m"]!.history.steps.isEmpty, "the test is not training: no history")
    }

    func testPatienceAndOverfitSayWhatHappened() {
        // Early stopping on data whose validation loss soon stops improving at a high rate.
        let x = kernel.execute("train epochs=60 batch=20 lr=0.5 patience=2")
        XCTAssertEqual(x.reply.content["status"], "ok", texts(x))
        let said = texts(x)
        XCTAssertTrue(said.contains("stopped early after epoch "), said)
        XCTAssertTrue(said.contains("the validation loss has not improved for 2 epochs; the model keeps the weights of epoch "), said)
        XCTAssertLessThan(interp.session.models["m"]!.history.epochs.count, 60)

        let y = kernel.execute("model k input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  flatten\n  linear 10\nend\ntrain overfit=1 batch=16 epochs=80 optimizer=adam lr=0.003")
        XCTAssertEqual(y.reply.content["status"], "ok", texts(y))
        XCTAssertTrue(texts(y).contains("overfit check on the same 16 images: loss "), texts(y))
        XCTAssertTrue(texts(y).contains("accuracy 100.00%; the model can learn"), texts(y))
    }

    func error(_ code: String) -> String? {
        defer { kernel.core.stopAborting() }
        return kernel.execute(code).outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue
    }

    /// watch= puts a picture of the layer in the live display, redrawn as training goes, and says
    /// what it cost.
    func testWatchDrawsTheLayerInTheLiveDisplay() throws {
        let x = kernel.execute("train epochs=2 batch=20 watch=featuremaps layer=conv1")
        XCTAssertEqual(x.reply.content["status"], "ok", texts(x))
        let html = x.outputs.last { $0.msgType == "update_display_data" }?.content["data"]?["text/html"]?.stringValue ?? ""
        XCTAssertTrue(html.contains("feature maps of conv1 for image 0, as training changes them"), String(html.prefix(300)))
        let png = try XCTUnwrap(html.components(separatedBy: "data:image/png;base64,").dropFirst().first?.components(separatedBy: "\"").first)
        XCTAssertEqual(Array(Base64.decode(png)?.prefix(4) ?? []), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertTrue(texts(x).contains("the picture was redrawn "), texts(x))
        // The note made after training keeps the display's final status (it said "training" again).
        let last = x.outputs.last { $0.msgType == "update_display_data" }?.content["data"]?["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(last.split(separator: "\n").first?.hasSuffix("done") ?? false, last)
        let y = kernel.execute("train epochs=1 batch=20 watch=filters")
        XCTAssertTrue((y.outputs.last { $0.msgType == "update_display_data" }?.content["data"]?["text/html"]?.stringValue ?? "").contains("filters of conv1"))
        XCTAssertEqual(error("train layer=conv1"), "line 1, column 13: layer= goes with watch=featuremaps or watch=filters")
    }

    func testMistakesAreCaughtAtTheirPlace() {
        XCTAssertEqual(error("lrfind start=0.1 end=0.01"), "line 1, column 22: end=0.01 must be above start=0.1")
        XCTAssertEqual(error("train patience=2 overfit=1"), "line 1, column 26: overfit= trains without validation, which patience= watches: use one or the other")
        XCTAssertEqual(error("data shapes n=100 val=0\ntrain patience=3"), "line 2, column 16: patience= watches the validation loss, and the data has no validation images: load it with val=N (as `data fashion-mnist val=5000`)")
    }
}

/// `show gradients` and `plot gradients`: a plain deep network's gradient fades on the way back
/// to the input, a residual one's much less, and both are on one chart.
final class GradientCommandsTests: XCTestCase {
    func testPlainAndResidualOnOneChart() throws {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let layers = { (residual: Bool) in
            (0..<8).map { _ in residual ? "  residual\n    conv 8 pad=1\n    relu\n  end" : "  conv 8 pad=1\n  relu" }.joined(separator: "\n")
        }
        let code = "data shapes n=600 size=16\nmodel plain input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n\(layers(false))\n  gap\n  linear 10\nend\n"
            + "model res input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n\(layers(true))\n  gap\n  linear 10\nend\n"
            + "train model=plain epochs=1 batch=20 lr=0.02\ntrain model=res epochs=1 batch=20 lr=0.02"
        XCTAssertEqual(kernel.execute(code).reply.content["status"], "ok")
        let x = kernel.execute("plot gradients models=[plain, res]")
        let data = try XCTUnwrap(x.outputs.last { $0.msgType == "display_data" }?.content["data"])
        let svg = data["image/svg+xml"]?.stringValue ?? ""
        XCTAssertTrue(svg.contains("plain (10 layers, epoch 1)") && svg.contains("res (10 layers, epoch 1)"), String(svg.prefix(400)))
        // The text has each model's norms, first layer to last: the plain one's first is far
        // smaller than its last, the residual one's far less so.
        func norms(_ model: String) -> [Double] {
            let line = (data["text/plain"]?.stringValue ?? "").split(separator: "\n").first { $0.hasPrefix("\(model): ") } ?? ""
            return line.dropFirst(model.count + 2).split(separator: " ").compactMap { Double($0.replacingOccurrences(of: "−", with: "-")) }
        }
        let plain = norms("plain"), res = norms("res")
        XCTAssertEqual(plain.count, 10)
        XCTAssertEqual(res.count, 10)
        XCTAssertLessThan(plain.first! / plain.last!, res.first! / res.last!)
        let shown = kernel.execute("show gradients model=plain")
        let table = shown.outputs.last { $0.msgType == "display_data" }?.content["data"]?["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(table.contains("gradient norms of plain, one batch of 64 training images (no update)"), table)
        XCTAssertTrue(table.contains("from the output back to the first layer the arriving gradient changes by ×"), table)
        let err = kernel.execute("plot gradients by=epoch models=[plain, res]").outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue
        XCTAssertEqual(err, "line 1, column 19: by=epoch follows one model; give one (models=[plain]), or by=depth for several")
    }
}
