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

    func testMistakesAreCaughtAtTheirPlace() {
        XCTAssertEqual(error("lrfind start=0.1 end=0.01"), "line 1, column 22: end=0.01 must be above start=0.1")
        XCTAssertEqual(error("train patience=2 overfit=1"), "line 1, column 26: overfit= trains without validation, which patience= watches: use one or the other")
        XCTAssertEqual(error("data shapes n=100 val=0\ntrain patience=3"), "line 2, column 16: patience= watches the validation loss, and the data has no validation images: load it with val=N (as `data fashion-mnist val=5000`)")
    }
}
