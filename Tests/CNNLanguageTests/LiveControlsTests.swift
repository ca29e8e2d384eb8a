import Foundation
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `train`'s live controls, driven as a frontend drives them while the cell runs: Stop ends
/// training at the next batch with the model usable, and the lr slider changes the rate of the
/// following batches (in the display and in the history `plot lr` draws).
final class LiveControlsTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
        XCTAssertEqual(kernel.execute("data shapes n=2000 size=16\nmodel m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend").reply.content["status"], "ok")
    }

    /// Runs `code` on another thread; when a widget of `model` opens, calls `act` with its comm id.
    final class Ran: @unchecked Sendable {
        var exchange: InMemoryKernel.Exchange?
        var endedAt = 0.0
        let kernel: InMemoryKernel
        init(_ kernel: InMemoryKernel) { self.kernel = kernel }
    }

    func run(_ code: String, whenOpened model: String, _ act: @escaping (String) -> Void) -> (InMemoryKernel.Exchange, Double) {
        let ran = Ran(kernel)
        let done = DispatchSemaphore(value: 0)
        Thread {
            ran.exchange = ran.kernel.execute(code)
            ran.endedAt = Date().timeIntervalSince1970
            done.signal()
        }.start()
        var actedAt = 0.0
        for _ in 0..<3000 {
            if let open = kernel.iopub.all.first(where: { $0.msgType == "comm_open" && $0.content["data"]?["state"]?["_model_name"]?.stringValue == model }) {
                usleep(200_000)  // let a few batches run first
                actedAt = Date().timeIntervalSince1970
                act(open.content["comm_id"]!.stringValue!)
                break
            }
            usleep(10_000)
        }
        XCTAssertEqual(done.wait(timeout: .now() + 120), .success)
        return (ran.exchange!, ran.endedAt - actedAt)
    }

    func testStopEndsTrainingWithinASecondAndTheModelIsUsable() {
        let (x, seconds) = run("train epochs=100 batch=20", whenOpened: "ButtonModel") { [kernel] id in
            kernel!.sendWhileRunning("comm_msg", ["comm_id": .string(id), "data": ["method": "custom", "content": ["event": "click"]]])
        }
        XCTAssertEqual(x.reply.content["status"], "ok")
        XCTAssertLessThan(seconds, 1.0)
        let last = x.iopub.last { $0.msgType == "update_display_data" }?.content["data"]?["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(last.contains("stopped with the Stop button at epoch"), last)
        let steps = interp.session.models["m"]!.history.steps.count
        XCTAssertGreaterThan(steps, 0)
        XCTAssertLessThan(steps, 100 * 90)
        // The controls are disabled once training ends, and the model trains on.
        XCTAssertTrue(x.iopub.contains { $0.msgType == "comm_msg" && $0.content["data"]?["state"]?["disabled"] == true })
        XCTAssertEqual(kernel.execute("train limit=2 batch=20").reply.content["status"], "ok")
        XCTAssertEqual(interp.session.models["m"]!.history.steps.count, steps + 2)
    }

    func testTheLearningRateSliderActsOnTheNextBatches() {
        var changedAt = 0
        let (x, _) = run("train epochs=20 batch=20 lr=0.05", whenOpened: "FloatLogSliderModel") { [kernel, interp] id in
            changedAt = interp!.session.models["m"]!.history.steps.count
            kernel!.sendWhileRunning("comm_msg", ["comm_id": .string(id), "data": ["method": "update", "state": ["value": 0.001], "buffer_paths": []]])
        }
        XCTAssertEqual(x.reply.content["status"], "ok")
        let rates = interp.session.models["m"]!.history.steps.map(\.learningRate)
        XCTAssertEqual(rates.first, 0.05)
        XCTAssertEqual(rates.last, 0.001)
        XCTAssertGreaterThanOrEqual(rates.firstIndex(of: 0.001) ?? -1, changedAt)
        let printed = x.outputs.filter { $0.msgType == "stream" }.compactMap { $0.content["text"]?.stringValue }.joined()
        XCTAssertTrue(printed.contains("lr set to 1.00e−3 from step"), printed)
        // A value past the slider's range is clamped to it (10^1), never taken as is.
        let (y, _) = run("train epochs=10 batch=20", whenOpened: "FloatLogSliderModel") { [kernel] id in
            kernel!.sendWhileRunning("comm_msg", ["comm_id": .string(id), "data": ["method": "update", "state": ["value": 1e300], "buffer_paths": []]])
        }
        XCTAssertNotEqual(y.reply.content["status"], nil)
        XCTAssertLessThanOrEqual(interp.session.models["m"]!.history.steps.map(\.learningRate).max() ?? 0, 10)
    }

    /// The controls' output carries a text form for frontends without widgets, and the training
    /// display stays one output of its own.
    func testTheControlsCarryATextForm() {
        let x = kernel.execute("train limit=2 batch=20")
        XCTAssertEqual(x.reply.content["status"], "ok")
        let displays = x.outputs.filter { $0.msgType == "display_data" }
        XCTAssertEqual(displays.count, 2)
        XCTAssertEqual(displays.filter { $0.content["data"]?["application/vnd.jupyter.widget-view+json"] != nil }.count, 1)
        XCTAssertTrue(displays[0].content["data"]?["text/plain"]?.stringValue?.hasPrefix("[Stop] [lr 5.00e−2]") == true)
    }
}
