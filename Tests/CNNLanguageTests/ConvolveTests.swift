import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// `convolve`: the static output (picture and arithmetic, the hand sum equal to the layer's
/// value), its checks, and its controls driven as a widget frontend drives them.
final class ConvolveTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
    }

    /// Width and height from a PNG's IHDR.
    func pngSize(_ b: [UInt8]) -> (Int, Int) {
        func be(_ o: Int) -> Int { Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) }
        return (be(16), be(20))
    }

    func testTheArithmeticAgreesWithTheLayer() {
        for code in ["convolve kernel=vertical_edges padding=1 image=3", "data shapes n=60 size=16 channels=3\nconvolve kernel=emboss size=5 stride=2 dilation=2 padding=3 bias=0.5 at=[1, 2]",
                     "convolve kernel=custom values=[0, 1, 0, 1, -4, 1, 0, 1, 0] stride=3"] {
            let x = kernel.execute(code)
            XCTAssertEqual(x.reply.content["status"], "ok", code)
            let text = x.outputs.last { $0.msgType == "display_data" }?.content["data"]?["text/plain"]?.stringValue ?? ""
            // "… = V; the conv layer gives V": the hand sum and the engine agree.
            let line = text.split(separator: "\n").last { $0.contains("the conv layer gives") }.map(String.init) ?? ""
            let parts = line.components(separatedBy: "; the conv layer gives ")
            XCTAssertEqual(parts.count, 2, line)
            XCTAssertEqual(parts.first?.components(separatedBy: " = ").last, parts.last, line)
            XCTAssertNotNil(x.outputs.last?.content["data"]?["image/png"], code)
        }
    }

    func error(_ code: String) -> String? {
        defer { kernel.core.stopAborting() }
        return kernel.execute(code).outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue
    }

    func testBadSettingsAreErrorsAtTheirPlace() {
        XCTAssertEqual(error("convolve size=4"), "line 1, column 15: size=4: a kernel here has an odd side (1, 3, 5 or 7), so it has a centre")
        XCTAssertEqual(error("convolve kernel=custom values=[1, 2]"), "line 1, column 31: kernel=custom needs values=[…] with 1, 9, 25 or 49 numbers (a square kernel of odd side), got 2")
        XCTAssertEqual(error("convolve values=[1]"), "line 1, column 17: values= goes with kernel=custom")
        XCTAssertEqual(error("convolve at=[30, 0]"), "line 1, column 13: position [30, 0] is outside the 26×26 output")
        XCTAssertEqual(error("convolve image=99"), "line 1, column 16: image 99 is past the last one (9)")
        XCTAssertEqual(error("data shapes n=60 size=16\nconvolve size=7 dilation=3"), "line 2, column 1: a 7×7 kernel with dilation 3 and padding 0 does not fit a 16×16 image")
    }

    func testControlsRecomputeThePictureAndFollowEachOther() throws {
        let x = kernel.execute("convolve kernel=edges")
        XCTAssertEqual(x.reply.content["status"], "ok")
        let opens = x.iopub.filter { $0.msgType == "comm_open" }
        func widget(_ model: String, _ description: String? = nil) -> String {
            opens.first { $0.content["data"]?["state"]?["_model_name"]?.stringValue == model && (description == nil || $0.content["data"]?["state"]?["description"]?.stringValue == description) }!.content["comm_id"]!.stringValue!
        }
        let display = x.outputs.first { $0.msgType == "display_data" }!
        XCTAssertNotNil(display.content["data"]?["application/vnd.jupyter.widget-view+json"])
        XCTAssertNotNil(display.content["data"]?["image/png"], "a static picture for frontends without widgets")
        let picture = widget("ImageModel")
        let first = opens.first { $0.content["comm_id"]?.stringValue == picture }!.buffers[0]
        XCTAssertEqual(pngSize(first).0 > 0, true)

        func update(_ id: String, _ state: JSON) -> [Message] {
            kernel.request("comm_msg", ["comm_id": .string(id), "data": ["method": "update", "state": state, "buffer_paths": []]]).iopub.filter { $0.msgType == "comm_msg" }
        }
        func pictureAfter(_ sent: [Message]) -> [UInt8]? {
            sent.first { $0.content["comm_id"]?.stringValue == picture && $0.content["data"]?["method"] == "update" }?.buffers.first
        }
        // Stride 2: the output map halves (26 → 13), so the picture narrows and the column slider's range follows.
        var sent = update(widget("IntSliderModel", "stride"), ["value": 2])
        let strided = try XCTUnwrap(pictureAfter(sent))
        XCTAssertLessThan(pngSize(strided).0, pngSize(first).0, "the output map is drawn at the input's scale")
        XCTAssertNotEqual(strided, first)
        XCTAssertTrue(sent.contains { $0.content["comm_id"]?.stringValue == widget("IntSliderModel", "column") && $0.content["data"]?["state"]?["max"] == 12 })
        // A preset: the values text follows it.
        sent = update(widget("DropdownModel"), ["index": 1])
        XCTAssertTrue(sent.contains { $0.content["comm_id"]?.stringValue == widget("TextModel") && $0.content["data"]?["state"]?["value"]?.stringValue?.hasPrefix("0.1111") == true })
        // Values typed in: the kernel becomes custom; nonsense is a message, nothing else changes.
        sent = update(widget("TextModel"), ["value": "1 2 3"])
        XCTAssertNil(pictureAfter(sent))
        XCTAssertTrue(sent.contains { $0.content["data"]?["state"]?["value"]?.stringValue?.contains("a square of numbers") == true })
        sent = update(widget("TextModel"), ["value": "0 0 0; 0 1 0; 0 0 0"])
        XCTAssertNotNil(pictureAfter(sent))
        XCTAssertTrue(sent.contains { $0.content["comm_id"]?.stringValue == widget("DropdownModel") && $0.content["data"]?["state"]?["index"] == 8 })
        // A 7×7 kernel at dilation 3 spans 19 pixels: it fits 28×28, and the picture follows.
        _ = update(widget("IntSliderModel", "size"), ["value": 7])
        sent = update(widget("IntSliderModel", "dilation"), ["value": 3])
        XCTAssertNotNil(pictureAfter(sent))
    }
}

/// `show featuremaps` with controls: the layer menu and the image slider redraw the picture with
/// the model; the output also carries the static picture.
final class FeatureMapsControlsTests: XCTestCase {
    func testTheLayerMenuAndImageSliderRedraw() throws {
        let interp = CNNInterpreter(loadPluginDirectories: false)
        let kernel = InMemoryKernel(interpreter: interp)
        let x = kernel.execute("data shapes n=60 size=16\nmodel m input=[1, 16, 16]\n  conv 4 pad=1\n  relu\n  maxpool 2\n  conv 8 pad=1\n  gap\n  linear 10\nend\nshow featuremaps layer=conv1 image=2")
        XCTAssertEqual(x.reply.content["status"], "ok")
        let opens = x.iopub.filter { $0.msgType == "comm_open" }
        func id(_ model: String) -> String { opens.first { $0.content["data"]?["state"]?["_model_name"]?.stringValue == model }!.content["comm_id"]!.stringValue! }
        let menu = opens.first { $0.content["data"]?["state"]?["_model_name"] == "DropdownModel" }!
        XCTAssertEqual(menu.content["data"]?["state"]?["_options_labels"], ["every layer", "conv1", "relu1", "maxpool1", "conv2"])
        XCTAssertEqual(menu.content["data"]?["state"]?["index"], 1)
        let display = x.outputs.last { $0.msgType == "display_data" }!
        XCTAssertNotNil(display.content["data"]?["image/png"])
        XCTAssertTrue(display.content["data"]?["text/plain"]?.stringValue?.hasPrefix("conv1 of model m: 4 feature maps") == true)
        let first = opens.first { $0.content["comm_id"]?.stringValue == id("ImageModel") }!.buffers[0]
        func update(_ comm: String, _ state: JSON) -> [UInt8]? {
            kernel.request("comm_msg", ["comm_id": .string(comm), "data": ["method": "update", "state": state, "buffer_paths": []]]).iopub
                .first { $0.msgType == "comm_msg" && $0.content["comm_id"]?.stringValue == id("ImageModel") }?.buffers.first
        }
        let conv2 = try XCTUnwrap(update(id("DropdownModel"), ["index": 4]))
        XCTAssertNotEqual(conv2, first)
        let otherImage = try XCTUnwrap(update(id("IntSliderModel"), ["value": 5]))
        XCTAssertNotEqual(otherImage, conv2)
        XCTAssertNotNil(update(id("DropdownModel"), ["index": 0]), "every layer: the overview")
        // Controls left on the page do not keep a replaced model or data set alive.
        weak var oldModel = interp.session.models["m"]
        weak var oldData = interp.session.data?.split.test
        _ = kernel.execute("show filters\nconvolve image=1\nmodel m input=[1, 16, 16]\n  flatten\n  linear 10\nend\ndata shapes n=60 size=16 seed=2")
        XCTAssertNil(oldModel)
        XCTAssertNil(oldData)
    }

    func testTheFiltersMenuRedraws() throws {
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let x = kernel.execute("model m input=[3, 16, 16]\n  conv 4 pad=1\n  relu\n  conv 8 pad=1\n  gap\n  linear 10\nend\nshow filters")
        XCTAssertEqual(x.reply.content["status"], "ok")
        let opens = x.iopub.filter { $0.msgType == "comm_open" }
        let menu = opens.first { $0.content["data"]?["state"]?["_model_name"] == "DropdownModel" }!
        XCTAssertEqual(menu.content["data"]?["state"]?["_options_labels"], ["conv1", "conv2"])
        let image = opens.first { $0.content["data"]?["state"]?["_model_name"] == "ImageModel" }!
        let sent = kernel.request("comm_msg", ["comm_id": menu.content["comm_id"]!, "data": ["method": "update", "state": ["index": 1], "buffer_paths": []]]).iopub
        let redrawn = try XCTUnwrap(sent.first { $0.content["comm_id"] == image.content["comm_id"] }?.buffers.first)
        XCTAssertNotEqual(redrawn, image.buffers[0])
    }
}
