import Foundation
import JSONKit
import JupyterKernel
import Rendering
import ImageFiles
import XCTest
@testable import CNNLanguage

/// `classify`: a picture of the learner's own, from a file or uploaded through the FileUpload
/// control, made into the data's shape and classified. A test image saved as a PNG, inverted onto
/// white paper, must get exactly the probabilities of the same image taken from the data (the
/// preparation inverts it back; nothing else changes at the same size).
final class ClassifyTests: XCTestCase {
    var interp: CNNInterpreter!
    var kernel: InMemoryKernel!
    var dir: String!
    override func setUp() {
        interp = CNNInterpreter(loadPluginDirectories: false)
        kernel = InMemoryKernel(interpreter: interp)
        dir = NSTemporaryDirectory() + "cnn-classify-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        XCTAssertEqual(kernel.execute("data shapes n=600 size=16\nmodel m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\ntrain epochs=2 batch=20").reply.content["status"], "ok")
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Test image `i` as a PNG, each level v written as 255 − v (dark on white, as on paper),
    /// `pad` white columns on each side.
    func paperPNG(_ i: Int, pad: Int = 0) -> [UInt8] {
        let set = interp.session.data!.split.test!
        var img = RGBAImage(width: 16 + 2 * pad, height: 16)
        for y in 0..<16 {
            for x in 0..<16 {
                let v = 255 - set.image(i)[y * 16 + x]
                img.set(x + pad, y, (v, v, v, 255))
            }
        }
        return PNGEncoder.encode(img)
    }

    /// The classification a cell showed: in its Output widget when it made controls, else its display.
    func result(_ x: InMemoryKernel.Exchange) -> JSON? {
        x.iopub.compactMap { $0.content["data"]?["state"]?["outputs"]?.arrayValue?.first?["data"] }.last
            ?? x.outputs.last { $0.msgType == "display_data" }?.content["data"]
    }

    func probabilities(_ data: JSON?) -> [Double] { data?[PictureClassification.dataType]?["probabilities"]?.arrayValue?.compactMap(\.doubleValue) ?? [] }

    func testAPictureOnPaperGetsTheProbabilitiesOfTheSameImageFromTheData() throws {
        let path = dir + "/paper.png"
        try Data(paperPNG(3)).write(to: URL(fileURLWithPath: path))
        let fromData = result(kernel.execute("classify image=3"))
        let fromFile = result(kernel.execute("classify \"\(path)\""))
        XCTAssertEqual(probabilities(fromData).count, 10)
        XCTAssertEqual(probabilities(fromFile), probabilities(fromData))
        XCTAssertEqual(fromFile?[PictureClassification.dataType]?["inverted"], true)
        let text = fromFile?["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(text.hasPrefix("m on paper.png (16×16 PNG): "), text)
        XCTAssertTrue(text.contains("inverted: its background is light, the data's is dark"), text)
        XCTAssertTrue(text.contains("evidence: Grad-CAM at maxpool1"), text)
        XCTAssertNotNil(fromFile?["image/png"])
        // invert=no keeps the paper's white background: a different input, other probabilities.
        let kept = result(kernel.execute("classify \"\(path)\" invert=no"))
        XCTAssertEqual(kept?[PictureClassification.dataType]?["inverted"], false)
        XCTAssertNotEqual(probabilities(kept), probabilities(fromData))
    }

    func testUploadingThroughTheControlClassifiesThePicture() throws {
        let x = kernel.execute("classify image=3")
        func id(_ model: String) -> String {
            x.iopub.first { $0.msgType == "comm_open" && $0.content["data"]?["state"]?["_model_name"]?.stringValue == model }!.content["comm_id"]!.stringValue!
        }
        let display = x.outputs.last { $0.msgType == "display_data" }!
        XCTAssertNotNil(display.content["data"]?["application/vnd.jupyter.widget-view+json"])
        XCTAssertNotNil(display.content["data"]?["image/png"], "a static picture for frontends without widgets")
        let fromData = probabilities(result(x))
        XCTAssertEqual(fromData.count, 10, "the Output widget shows the test image's classification at first")

        func upload(_ name: String, _ bytes: [UInt8]) -> [Message] {
            let file: JSON = ["name": .string(name), "type": "image/png", "size": .int(bytes.count), "last_modified": 1.7e12]
            return kernel.request("comm_msg", ["comm_id": .string(id("FileUploadModel")),
                                               "data": ["method": "update", "state": ["value": [file]], "buffer_paths": [["value", 0, "content"]]]],
                                  buffers: [bytes]).iopub.filter { $0.msgType == "comm_msg" }
        }
        func shown(_ sent: [Message]) -> JSON? { sent.compactMap { $0.content["data"]?["state"]?["outputs"]?.arrayValue?.first?["data"] }.last }
        let uploaded = shown(upload("paper.png", paperPNG(3)))
        XCTAssertEqual(probabilities(uploaded), fromData)
        XCTAssertTrue(uploaded?["text/plain"]?.stringValue?.hasPrefix("m on paper.png") ?? false)
        XCTAssertNotNil(uploaded?["image/png"])

        // A wide picture, then fit=crop from the menu: classified again, the middle kept.
        _ = upload("wide.png", paperPNG(3, pad: 8))
        let cropped = kernel.request("comm_msg", ["comm_id": .string(id("DropdownModel")), "data": ["method": "update", "state": ["index": 1], "buffer_paths": []]])
            .iopub.compactMap { $0.content["data"]?["state"]?["outputs"]?.arrayValue?.first?["data"] }.last
        XCTAssertTrue(cropped?["text/plain"]?.stringValue?.contains("resized 32×16 → 16×16 (the middle 16×16)") ?? false, cropped?["text/plain"]?.stringValue ?? "")
        XCTAssertEqual(probabilities(cropped), fromData, "the middle of the padded picture is the picture")

        // Not a picture: said beside the controls; the last result stays and the kernel serves.
        let refused = upload("cat.gif", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0])
        let message = refused.compactMap { $0.content["data"]?["state"]?["value"]?.stringValue }.joined()
        XCTAssertTrue(message.contains("cat.gif: a GIF is not a picture this kernel reads"), message)
        XCTAssertNil(shown(refused))
        XCTAssertEqual(kernel.execute("1 + 1").reply.content["status"], "ok")
    }

    func error(_ code: String) -> String? {
        defer { kernel.core.stopAborting() }
        return kernel.execute(code).outputs.first { $0.msgType == "error" }?.content["evalue"]?.stringValue
    }

    func testBadFilesAreErrorsAtTheirPlace() throws {
        let fixtures = String(#filePath.dropLast("CNNLanguageTests/ClassifyTests.swift".count)) + "ImageFilesTests/Fixtures/"
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.png"))
        XCTAssertEqual(error("classify \"\(dir!)/none.png\""), "line 1, column 10: \(dir!)/none.png: No such file or directory")
        XCTAssertEqual(error("classify \"\(dir!)\""), "line 1, column 10: \(dir!) is a directory, not a regular file")
        XCTAssertEqual(error("classify \"\(dir!)/empty.png\""), "line 1, column 10: \(dir!)/empty.png: the file is empty")
        XCTAssertEqual(error("classify \"\(fixtures)tiny.gif\""), "line 1, column 10: \(fixtures)tiny.gif: a GIF is not a picture this kernel reads: save it as PNG or JPEG")
        XCTAssertEqual(error("classify \"\(fixtures)huge-header.png\""), "line 1, column 10: \(fixtures)huge-header.png: the picture is 100000×100000 pixels, more than the 50 million this kernel decodes")
        XCTAssertEqual(error("classify image=5000"), "line 1, column 16: image 5000 is past the last one (99)")
        XCTAssertEqual(error("classify fit=squash"), "line 1, column 14: `squash` is not a valid fit of classify (pad, crop, stretch)")
        // A phone photo: a JPEG stored 40×20 and turned upright (20×40) by its EXIF tag, made grey.
        let photo = result(kernel.execute("classify \"\(fixtures)sideways-exif6.jpg\""))?["text/plain"]?.stringValue ?? ""
        XCTAssertTrue(photo.hasPrefix("m on sideways-exif6.jpg (20×40 JPEG): "), photo)
        XCTAssertTrue(photo.contains("made grey (luma), as the data are"), photo)
        XCTAssertTrue(photo.contains("resized 20×40 → 16×16 (whole picture, the sides filled with its border's colour)"), photo)
    }

    /// Weights that overflow make scores that are not numbers: said, not a trap.
    func testAModelWhoseScoresOverflowIsAnError() {
        for (_, p) in interp.session.models["m"]!.model.parameters { for i in 0..<p.value.count { p.value.data[i] = 3e38 } }
        XCTAssertEqual(error("classify image=1"), "line 1, column 1: model m gives scores that are not finite numbers (its weights or activations overflowed): train it again, or with a smaller lr")
    }

    /// A picture larger than the pad is scaled down to fit it, not written past its edge.
    func testAPictureLargerThanThePadIsScaledToFit() {
        let wide = DecodedImage(width: 300, height: 100, rgb: [UInt8](repeating: 9, count: 300 * 100 * 3), format: "PNG")
        let pad = wide.enlarged(to: 280, paper: 0)
        XCTAssertEqual([pad.width, pad.height], [280, 280])
        XCTAssertEqual(pad.rgb[(140 * 280 + 140) * 3], 9, "the picture in the middle")
        XCTAssertEqual(pad.rgb[(5 * 280 + 140) * 3], 0, "paper above it (280 × 93 tall)")
        let small = DecodedImage(width: 28, height: 28, rgb: [UInt8](repeating: 7, count: 28 * 28 * 3), format: "PNG").enlarged(to: 280, paper: 0)
        XCTAssertEqual(small.rgb.filter { $0 == 7 }.count, 280 * 280 * 3, "28 × 28 by whole pixels fills the pad")
    }
}
