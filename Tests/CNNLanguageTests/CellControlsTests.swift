import JSONKit
import JupyterKernel
import Widgets
import XCTest
@testable import CNNLanguage

/// A cell's controls belong to the cell: re-running it (JupyterLab and Notebook 7 name the cell
/// in the request's `cellId`) or deleting it (`deletedCells`) closes the controls its earlier
/// outputs showed, so a notebook run again and again does not pile up open widgets. Cells without
/// an id keep their controls for the last `Controls.anonymousCellsKept` such cells.
final class CellControlsTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
    }

    func opened(_ x: InMemoryKernel.Exchange) -> Set<String> {
        Set(x.iopub.filter { $0.msgType == "comm_open" }.compactMap { $0.content["comm_id"]?.stringValue })
    }
    func closed(_ x: InMemoryKernel.Exchange) -> Set<String> {
        Set(x.iopub.filter { $0.msgType == "comm_close" }.compactMap { $0.content["comm_id"]?.stringValue })
    }
    var openCount: Int { kernel.core.comms.openComms.count }

    func testARerunCellClosesItsEarlierControlsAndNoOthers() {
        let a1 = kernel.execute("convolve kernel=edges", cellID: "cell-a")
        let b = kernel.execute("convolve kernel=blur", cellID: "cell-b")
        XCTAssertFalse(opened(a1).isEmpty)
        let open = openCount
        let a2 = kernel.execute("convolve kernel=sharpen", cellID: "cell-a")
        XCTAssertEqual(closed(a2), opened(a1), "every widget of the first run (layouts and styles too) is closed")
        XCTAssertTrue(closed(a2).isDisjoint(with: opened(b)), "another cell's controls stay")
        XCTAssertEqual(openCount, open, "re-running a cell leaves as many comms open as before")
        // Deleting cell b (said in a later request's metadata) closes its controls.
        let c = kernel.execute("print 1", cellID: "cell-c", deletedCells: ["cell-b"])
        XCTAssertEqual(closed(c), opened(b))
        XCTAssertEqual(openCount, opened(a2).count)
    }

    func testRerunningTheFeatureMapsCellTenTimesKeepsOneSetOpen() {
        XCTAssertEqual(kernel.execute("data shapes n=40 size=16\nmodel m input=[1, 16, 16]\n  conv 4 pad=1\n  relu\n  flatten\n  linear 10\nend").reply.content["status"], "ok")
        var counts: [Int] = []
        for _ in 0..<10 {
            XCTAssertEqual(kernel.execute("show featuremaps\nshow filters", cellID: "views").reply.content["status"], "ok")
            counts.append(openCount)
        }
        XCTAssertEqual(Set(counts).count, 1, "\(counts)")
        XCTAssertEqual(interp.controls?.all.count, counts.last)
    }

    func testCellsWithoutAnIdKeepTheLastFewCellsControls() {
        let first = kernel.execute("convolve")
        var perCell = 0
        for _ in 0..<(Controls.anonymousCellsKept - 1) { perCell = opened(kernel.execute("convolve")).count }
        XCTAssertTrue(closed(kernel.execute("print 1")).isEmpty, "a cell without controls closes nothing")
        XCTAssertEqual(openCount, Controls.anonymousCellsKept * perCell)
        let next = kernel.execute("convolve")
        XCTAssertEqual(closed(next), opened(first), "the oldest cell's controls go when one more cell makes some")
        XCTAssertEqual(openCount, Controls.anonymousCellsKept * perCell)
    }

    func testAFrontendClosingAWidgetDropsItAndItsHandlers() {
        let x = kernel.execute("convolve", cellID: "a")
        let slider = x.iopub.first { $0.msgType == "comm_open" && $0.content["data"]?["state"]?["_model_name"] == "IntSliderModel" }!
        let id = slider.content["comm_id"]!.stringValue!
        let before = interp.controls!.all.count
        _ = kernel.request("comm_close", ["comm_id": .string(id), "data": [:]])
        XCTAssertEqual(interp.controls!.all.count, before - 1)
        // An update for the closed comm is ignored, and the kernel serves on.
        _ = kernel.request("comm_msg", ["comm_id": .string(id), "data": ["method": "update", "state": ["value": 2], "buffer_paths": []]])
        XCTAssertEqual(kernel.execute("1 + 1").reply.content["status"], "ok")
    }
}
