import CNNCore
import CNNEngine
import Foundation
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// Work the memory budget refuses is a MemoryError at the option to change, with the numbers
/// and what fits, and the session keeps its data and models; long work stops at an interrupt.
final class ResourceTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
    }
    override func tearDown() { MemoryBudget.sessionLimit = nil }

    func run(_ code: String) -> (status: String, text: String, ename: String?, error: String?) {
        let x = kernel.execute(code)
        kernel.core.stopAborting()
        let text = x.outputs.compactMap { m -> String? in m.content["text"]?.stringValue ?? m.content["data"]?["text/plain"]?.stringValue }.joined()
        let error = x.outputs.first { $0.msgType == "error" }
        return (x.reply.content["status"]?.stringValue ?? "?", text, error?.content["ename"]?.stringValue, error?.content["evalue"]?.stringValue)
    }

    /// A limit `extra` above what the process holds now, in the GB `memory limit=` takes.
    func limitAbove(_ extra: Int) -> String {
        String(format: "%.4f", Double(MemoryBudget.currentUsage().resident + extra) / 1_073_741_824)
    }

    func testTrainingThatDoesNotFitIsRefusedAndTheSessionGoesOn() {
        XCTAssertEqual(run("data shapes n=300 size=16\nmodel m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  flatten\n  linear 10\nend\ntrain limit=2 batch=32").status, "ok")
        let steps = interp.session.models["m"]!.history.steps.count
        XCTAssertEqual(run("memory limit=\(limitAbove(120 << 20))").status, "ok")
        let r = run("train batch=65536 limit=1")
        XCTAssertEqual(r.ename, "MemoryError")
        XCTAssertTrue(r.error!.hasPrefix("line 1, column 13: training m at batch 65536 needs "), r.error!)
        XCTAssertTrue(r.error!.contains("(set by `memory limit=`)"), r.error!)
        XCTAssertNotNil(r.error!.range(of: #"use a smaller batch \(at most [0-9,]+ fits\) or fewer channels"#, options: .regularExpression), r.error!)
        // Nothing was trained, nothing lost; a batch that fits trains.
        XCTAssertEqual(interp.session.models["m"]!.history.steps.count, steps)
        XCTAssertEqual(run("train batch=32 limit=1").status, "ok")
        XCTAssertEqual(interp.session.models["m"]!.history.steps.count, steps + 1)
    }

    func testDataThatDoesNotFitIsRefusedAndTheOldDataStays() {
        XCTAssertEqual(run("data shapes n=120 size=16").status, "ok")
        XCTAssertEqual(run("memory limit=\(limitAbove(100 << 20))").status, "ok")
        let r = run("data shapes n=200000 size=128 channels=3")
        XCTAssertEqual(r.ename, "MemoryError")
        XCTAssertTrue(r.error!.hasPrefix("line 1, column 15: making 233,333 images of 3×128×128 needs 20 GB; the kernel's limit is "), r.error!)
        XCTAssertTrue(r.error!.hasSuffix("ask for fewer (n=) or smaller (size=) images"), r.error!)
        XCTAssertEqual(interp.session.data?.split.train.count, 108)
    }

    func testAModelTooLargeIsRefusedLayerByLayer() {
        XCTAssertEqual(run("memory limit=\(limitAbove(200 << 20))").status, "ok")
        let r = run("model w input=[3, 32, 32]\n  repeat 20\n    conv 2048 kernel=3 pad=1\n  end\n  gap\n  linear 10\nend")
        XCTAssertEqual(r.status, "error")
        XCTAssertTrue(r.error!.hasPrefix("line 3, column 5: conv with 37,748,736 weights needs 288 MB; the kernel's limit is"), r.error!)
        XCTAssertNil(interp.session.models["w"])
    }

    /// Nested repeats around nothing (10^12 passes) end at the pass limit.
    func testNestedEmptyRepeatsStopAtThePassLimit() {
        let r = run("model e input=[1, 8, 8]\n  repeat 10000\n    repeat 10000\n      repeat 10000\n      end\n    end\n  end\n  flatten\n  linear 10\nend")
        XCTAssertEqual(r.error, "line 4, column 7: this cell makes more than 1,000,000 `repeat` passes, the most one cell may make; are the `repeat` counts what you meant?")
    }

    func testNestedRepeatsStopAtTheLayerLimit() {
        let t0 = Date()
        let r = run("model big input=[1, 8, 8]\n  repeat 10000\n    repeat 10000\n      relu\n    end\n  end\n  flatten\n  linear 10\nend")
        XCTAssertEqual(r.error, "line 4, column 7: this cell builds more than 100,000 layers, the most one cell may build; are the `repeat` counts what you meant?")
        XCTAssertLessThan(Date().timeIntervalSince(t0), 5)
    }

    func testTheMemoryCommandShowsAndOnlyLowersTheLimit() {
        _ = run("data shapes n=120 size=16\nmodel m = simplecnn")
        let shown = run("memory batch=64")
        XCTAssertEqual(shown.status, "ok")
        for row in ["limit", "in use", "free", "held by tensors", "held by the data", "m: training at batch 64", "m: largest batch that fits"] {
            XCTAssertTrue(shown.text.contains(row), "\(row) in\n\(shown.text)")
        }
        let high = run("memory limit=1000000")
        XCTAssertEqual(high.ename, "ValueError")
        XCTAssertTrue(high.error!.contains("a session can only lower it"), high.error!)
        XCTAssertEqual(run("memory limit=1").status, "ok")
        XCTAssertEqual(interp.session.memoryLimit, 1 << 30)
        XCTAssertEqual(run("memory limit=0").status, "ok")
        XCTAssertNil(interp.session.memoryLimit)
    }

    /// Runs `code` with an interrupt after `seconds`; returns how long it took, and checks that
    /// it ended with the interrupt.
    func interrupted(_ code: String, after seconds: Double) -> Double {
        let token = CancellationToken()
        let ctx = ExecutionContext(token: token, executionCount: 1, silent: false) { _, _, _ in }
        Thread {
            usleep(UInt32(seconds * 1e6))
            token.cancel()
        }.start()
        let t0 = Date()
        XCTAssertThrowsError(try interp.execute(code, context: ctx)) { XCTAssertTrue($0 is ExecutionInterrupted, "\($0)") }
        return Date().timeIntervalSince(t0)
    }

    /// Making many synthetic images (minutes of work) stops within 2 s of an interrupt; the
    /// data loaded before stays.
    func testMakingSyntheticDataIsInterruptible() throws {
        XCTAssertEqual(run("data shapes n=120 size=16").status, "ok")
        XCTAssertLessThan(interrupted("data shapes n=200000 size=64 channels=3", after: 0.3), 2.3)
        XCTAssertEqual(interp.session.data?.split.train.count, 108)
    }

    /// 90,000 small convolutions take about 2 s to build; an interrupt after 0.15 s stops the
    /// building at the next layer.
    func testBuildingAModelIsInterruptible() throws {
        let code = "model m input=[1, 8, 8]\n  repeat 10000\n    repeat 9\n      conv 8 pad=1\n    end\n  end\n  flatten\n  linear 10\nend"
        XCTAssertLessThan(interrupted(code, after: 0.15), 1.0)
        XCTAssertNil(interp.session.models["m"])
    }

    /// A layer of 4,096 channels and a model of 200 layers: the pictures show the first 256 maps
    /// and the first 64 layers (a full picture would be gigabytes of canvas) and say so.
    func testViewsOfHugeLayersShowAPartAndSaySo() {
        XCTAssertEqual(run("data shapes n=60 size=8\nmodel wide input=[1, 8, 8]\n  conv 4096 kernel=1\n  gap\n  linear 10\nend").status, "ok")
        let maps = run("show featuremaps layer=conv1")
        XCTAssertEqual(maps.status, "ok")
        XCTAssertTrue(maps.text.contains("(the image shows the first 256 of 4096 channels)"), maps.text)
        XCTAssertEqual(run("model deep input=[1, 8, 8]\n  repeat 200\n    conv 2 kernel=1\n  end\n  gap\n  linear 10\nend").status, "ok")
        let overview = run("show featuremaps")
        XCTAssertEqual(overview.status, "ok")
        XCTAssertTrue(overview.text.contains("(the first 64 of 200 layers; layer=NAME shows any one)"), overview.text)
    }
}
