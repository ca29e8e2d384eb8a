import JSONKit
import JupyterKernel
import XCTest
@testable import Widgets

/// A cell that makes widgets, run by the kernel core in memory, and a frontend's messages on
/// their comms: the opened state, updates applied, clamped and echoed, request_state, custom
/// clicks, messages handled while a cell runs, and bad traffic ignored.
final class WidgetProtocolTests: XCTestCase {
    /// An interpreter whose cells run a Swift closure with the kernel's controls.
    final class Scripted: Interpreter {
        var controls: Controls?
        var body: (Controls, ExecutionContext) throws -> Void = { _, _ in }
        var languageInfo: JSON { ["name": "test"] }
        var banner: String { "" }
        var helpLinks: [(text: String, url: String)] { [] }
        func execute(_ code: String, context: ExecutionContext) throws {
            if controls == nil, let comms = context.comms { controls = Controls(comms: comms) }
            try body(controls!, context)
        }
        func evaluate(expression: String) throws -> MimeBundle { .text("") }
        func complete(_ code: String, cursorPos: Int) -> CompletionResult { CompletionResult(matches: [], cursorStart: 0, cursorEnd: 0) }
        func inspect(_ code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? { nil }
        func isComplete(_ code: String) -> Completeness { Completeness(.complete) }
    }

    var script: Scripted!
    var kernel: InMemoryKernel!
    override func setUp() {
        script = Scripted()
        kernel = InMemoryKernel(interpreter: script)
    }

    func opens(_ x: InMemoryKernel.Exchange) -> [Message] { x.iopub.filter { $0.msgType == "comm_open" } }

    func testASliderOpensWithItsLayoutAndStyleAndIsDisplayed() {
        var slider: Widget!
        script.body = { c, ctx in
            slider = c.intSlider("stride", value: 2, min: 1, max: 4)
            ctx.display(slider.bundle(text: "stride: 2"))
        }
        let x = kernel.execute("")
        let opened = opens(x)
        // The models a slider refers to are opened before it.
        XCTAssertEqual(Set(opened.prefix(2).map { $0.content["data"]?["state"]?["_model_name"]?.stringValue }), ["LayoutModel", "SliderStyleModel"])
        XCTAssertEqual(opened.last?.content["data"]?["state"]?["_model_name"], "IntSliderModel")
        func id(_ model: String) -> String { opened.first { $0.content["data"]?["state"]?["_model_name"]?.stringValue == model }!.content["comm_id"]!.stringValue! }
        for m in opened {
            XCTAssertEqual(m.content["target_name"], "jupyter.widget")
            XCTAssertEqual(m.metadata["version"], "2.1.0")
            XCTAssertEqual(m.parentHeader["msg_type"], "execute_request")
        }
        let state = opened[2].content["data"]!["state"]!
        XCTAssertEqual(state["value"], 2)
        XCTAssertEqual(state["layout"], .string("IPY_MODEL_" + id("LayoutModel")))
        XCTAssertEqual(state["style"], .string("IPY_MODEL_" + id("SliderStyleModel")))
        let display = x.iopub.first { $0.msgType == "display_data" }!
        XCTAssertEqual(display.content["data"]?["application/vnd.jupyter.widget-view+json"]?["model_id"], .string(slider.id))
        XCTAssertEqual(display.content["data"]?["text/plain"], "stride: 2")
        let info = kernel.request("comm_info_request", ["target_name": "jupyter.widget"]).reply.content["comms"]?.objectValue
        XCTAssertEqual(info?.count, 3)
    }

    func testUpdatesAreCheckedClampedEchoedAndReported() {
        var slider: Widget!
        var changes: [[String]] = []
        script.body = { c, _ in
            slider = c.intSlider("k", value: 3, min: 1, max: 7)
            slider.onChange = { changes.append($0) }
        }
        _ = kernel.execute("")
        func update(_ state: JSON) -> [Message] {
            kernel.request("comm_msg", ["comm_id": .string(slider.id), "data": ["method": "update", "state": state, "buffer_paths": []]]).iopub
                .filter { $0.msgType == "comm_msg" }
        }
        var sent = update(["value": 5])
        XCTAssertEqual(slider["value"], 5)
        XCTAssertEqual(sent.map { $0.content["data"]?["method"] }, ["echo_update"])
        XCTAssertEqual(sent[0].parentHeader["msg_type"], "comm_msg", "the echo's parent is the frontend's update")
        // Out of range: clamped, echoed, and the clamped value sent back as an update.
        sent = update(["value": 1000])
        XCTAssertEqual(slider["value"], 7)
        XCTAssertEqual(sent.map { $0.content["data"]?["method"] }, ["echo_update", "update"])
        XCTAssertEqual(sent[1].content["data"]?["state"]?["value"], 7)
        // Wrong types, non-finite numbers and keys the frontend may not set: ignored, nothing sent.
        for bad: JSON in [["value": "five"], ["value": .null], ["value": [1, 2]], ["max": 1000], ["_model_name": "x"], "not an object"] {
            XCTAssertEqual(update(bad).count, 0, "\(bad)")
        }
        XCTAssertEqual(slider["value"], 7)
        XCTAssertEqual(slider["max"], 7)
        XCTAssertEqual(changes, [["value"], ["value"]])
    }

    func testRequestStateCustomClicksAndClose() {
        var image: Widget!, button: Widget!
        var clicks = 0
        script.body = { c, _ in
            image = c.image(png: [0x89, 0x50, 0x4E, 0x47])
            button = c.button("Stop", style: "danger")
            button.onCustom = { if $0["event"] == "click" { clicks += 1 } }
        }
        let x = kernel.execute("")
        let imageOpen = opens(x).first { $0.content["data"]?["state"]?["_model_name"] == "ImageModel" }!
        XCTAssertEqual(imageOpen.content["data"]?["buffer_paths"], [["value"]])
        XCTAssertEqual(imageOpen.buffers, [[0x89, 0x50, 0x4E, 0x47]])
        XCTAssertNil(imageOpen.content["data"]?["state"]?["value"])
        let state = kernel.request("comm_msg", ["comm_id": .string(image.id), "data": ["method": "request_state"]]).iopub.first { $0.msgType == "comm_msg" }!
        XCTAssertEqual(state.content["data"]?["method"], "update")
        XCTAssertEqual(state.content["data"]?["state"]?["format"], "png")
        XCTAssertEqual(state.buffers, [[0x89, 0x50, 0x4E, 0x47]])
        image.set([:], binary: ["value": [1, 2, 3]])
        _ = kernel.request("comm_msg", ["comm_id": .string(button.id), "data": ["method": "custom", "content": ["event": "click"]]])
        XCTAssertEqual(clicks, 1)
        _ = kernel.request("comm_close", ["comm_id": .string(button.id), "data": [:]])
        XCTAssertFalse(button.comm.isOpen)
        _ = kernel.request("comm_msg", ["comm_id": .string(button.id), "data": ["method": "custom", "content": ["event": "click"]]])
        XCTAssertEqual(clicks, 1, "a closed comm's messages are dropped")
    }

    /// A click that arrives while the cell runs is handled at the cell's next poll.
    func testMessagesArriveWhileACellRuns() {
        var stopped = false
        script.body = { [kernel] c, ctx in
            let stop = c.button("Stop")
            stop.onCustom = { _ in stopped = true }
            kernel!.sendWhileRunning("comm_msg", ["comm_id": .string(stop.id), "data": ["method": "custom", "content": ["event": "click"]]])
            for _ in 0..<100 where !stopped { ctx.pollIncoming() }
            ctx.stream(.stdout, stopped ? "stopped" : "ran to the end")
        }
        let x = kernel.execute("")
        XCTAssertEqual(x.outputs.first { $0.msgType == "stream" }?.content["text"], "stopped")
    }

    /// Unknown comms and targets, and garbage, leave the kernel serving.
    func testBadTrafficIsIgnored() {
        for content: JSON in [["comm_id": "nope", "data": ["method": "update", "state": ["value": 1]]], ["data": [:]], ["comm_id": 5], [:],
                              ["comm_id": .string(String(repeating: "x", count: 10_000)), "data": [:]]] {
            XCTAssertEqual(kernel.request("comm_msg", content).reply.msgType, "no_reply")
        }
        let x = kernel.request("comm_open", ["comm_id": "c1", "target_name": "no.such.target", "data": [:]])
        XCTAssertEqual(x.iopub.filter { $0.msgType == "comm_close" }.count, 1)
        XCTAssertEqual(kernel.execute("").reply.content["status"], "ok")
    }

    func testTheControlTargetAnswersRequestStates() {
        script.body = { c, _ in _ = c.image(png: [1, 2]) }
        _ = kernel.execute("")
        _ = kernel.request("comm_open", ["comm_id": "ctl", "target_name": "jupyter.widget.control", "data": [:]])
        let reply = kernel.request("comm_msg", ["comm_id": "ctl", "data": ["method": "request_states"]]).iopub.first { $0.msgType == "comm_msg" }!
        XCTAssertEqual(reply.content["data"]?["method"], "update_states")
        XCTAssertEqual(reply.content["data"]?["states"]?.objectValue?.count, 2)
        XCTAssertEqual(reply.buffers, [[1, 2]])
    }

    /// A FileUpload's files arrive as its `value` list with each file's bytes as a buffer at
    /// ["value", i, "content"] (as @jupyter-widgets/controls 2 sends them): kept, echoed with
    /// their buffers, and given to the handler; lists that are not what the control sends are
    /// ignored. An Output widget shows bundles the kernel sets.
    func testUploadedFilesAndOutputs() {
        var upload: Widget!, out: Widget!
        var seen: [[String]] = []
        script.body = { c, _ in
            upload = c.fileUpload(accept: "image/*", maxBytes: 10)
            upload.onChange = { _ in seen.append(upload.uploadedFiles.map { "\($0.name) \($0.type) \($0.content)" }) }
            out = c.output()
        }
        let x = kernel.execute("")
        let opened = opens(x).last { $0.content["data"]?["state"]?["_model_name"] == "FileUploadModel" }!
        XCTAssertEqual(opened.content["data"]?["state"]?["value"], [])
        XCTAssertEqual(opened.content["data"]?["state"]?["accept"], "image/*")
        func send(_ value: JSON, _ paths: JSON, _ buffers: [[UInt8]]) -> [Message] {
            kernel.request("comm_msg", ["comm_id": .string(upload.id), "data": ["method": "update", "state": ["value": value], "buffer_paths": paths]], buffers: buffers)
                .iopub.filter { $0.msgType == "comm_msg" }
        }
        let file: JSON = ["name": "cat.png", "type": "image/png", "size": 3, "last_modified": 1.7e12]
        let echo = send([file], [["value", 0, "content"]], [[7, 8, 9]])
        XCTAssertEqual(seen, [["cat.png image/png [7, 8, 9]"]])
        XCTAssertEqual(echo.first?.content["data"]?["method"], "echo_update")
        XCTAssertEqual(echo.first?.content["data"]?["buffer_paths"], [["value", 0, "content"]])
        XCTAssertEqual(echo.first?.buffers, [[7, 8, 9]])
        // request_state gives the files back with their bytes.
        let state = kernel.request("comm_msg", ["comm_id": .string(upload.id), "data": ["method": "request_state"]]).iopub.first { $0.msgType == "comm_msg" }!
        XCTAssertEqual(state.content["data"]?["state"]?["value"], [file])
        XCTAssertEqual(state.buffers, [[7, 8, 9]])
        // Too big, two files for a single upload, a content at a wrong place, a missing content, a
        // file without a name: each ignored, the first file kept.
        for (value, paths, buffers): (JSON, JSON, [[UInt8]]) in [
            ([file], [["value", 0, "content"]], [Array(repeating: 1, count: 11)]),
            ([file, file], [["value", 0, "content"], ["value", 1, "content"]], [[1], [2]]),
            ([file], [["value", 3, "content"]], [[1]]),
            ([file], [], []),
            ([["type": "x", "size": 1]], [["value", 0, "content"]], [[1]]),
            ("not a list", [["value", 0, "content"]], [[1]]),
        ] {
            XCTAssertEqual(send(value, paths, buffers).count, 0, "\(value) \(paths)")
        }
        XCTAssertEqual(upload.uploadedFiles.map(\.content), [[7, 8, 9]])
        XCTAssertEqual(seen.count, 1)

        let picture = MimeBundle(data: ["image/png": "AAAA", "text/plain": "a picture"])
        out.setOutputs([picture])
        let sentOutputs = kernel.iopub.take().last { $0.msgType == "comm_msg" }?.content["data"]?["state"]?["outputs"]
        XCTAssertEqual(sentOutputs, [["output_type": "display_data", "data": ["image/png": "AAAA", "text/plain": "a picture"], "metadata": [:]]])
        XCTAssertEqual(out["_model_module"], "@jupyter-widgets/output")
    }

    /// Shutting down (or restarting) closes every open comm for the frontends.
    func testShutdownClosesEveryComm() {
        script.body = { c, _ in _ = c.intSlider("k", value: 1, min: 0, max: 3) }
        let opened = Set(opens(kernel.execute("")).compactMap { $0.content["comm_id"]?.stringValue })
        XCTAssertEqual(opened.count, 3)
        let x = kernel.request("shutdown_request", ["restart": true], control: true)
        XCTAssertEqual(Set(x.iopub.filter { $0.msgType == "comm_close" }.compactMap { $0.content["comm_id"]?.stringValue }), opened)
        XCTAssertEqual(kernel.core.comms.openComms.count, 0)
        XCTAssertTrue(x.iopub.filter { $0.msgType == "comm_close" }.allSatisfy { $0.parentHeader["msg_type"] == "shutdown_request" })
        XCTAssertTrue(script.controls!.all.allSatisfy { !$0.comm.isOpen })
    }
}
