import XCTest
@testable import CNNCore
@testable import CNNEngine

/// The ONNX writer's bytes and the export's structure. That onnxruntime gives the engine's
/// logits, and that ONNX's checker accepts the files, is tested with those tools themselves in
/// Tests/protocol/test_onnx.py.
final class ONNXExportTests: XCTestCase {
    /// The examples of https://protobuf.dev/programming-guides/encoding/: field 1 set to 150 is
    /// 08 96 01 (key 1 << 3 | 0 = 0x08; 150 = 0b1_0010110 → 0x96 0x01); field 2 set to the string
    /// "testing" is 12 07 then the letters (key 2 << 3 | 2 = 0x12).
    func testProtobufWireFormatMatchesTheSpecificationsExamples() {
        var w = ProtobufWriter()
        w.int(1, 150)
        XCTAssertEqual(w.bytes, [0x08, 0x96, 0x01])
        w = ProtobufWriter()
        w.string(2, "testing")
        XCTAssertEqual(w.bytes, [0x12, 0x07] + Array("testing".utf8))
        // A negative int64 is its two's complement: ten bytes, nine with the high bit set, then 0x01.
        w = ProtobufWriter()
        w.int(3, -1)
        XCTAssertEqual(w.bytes, [0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        // A float is wire type 5 and four little-endian bytes: 1.0 = 0x3F800000.
        w = ProtobufWriter()
        w.float(2, 1)
        XCTAssertEqual(w.bytes, [0x15, 0x00, 0x00, 0x80, 0x3F])
        // Packed ints: one length, then the varints (3, 270 = 0x8E 0x02, 86942 = 0x9E 0xA7 0x05),
        // the packed example of the same page.
        w = ProtobufWriter()
        w.packedInts(4, [3, 270, 86942])
        XCTAssertEqual(w.bytes, [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05])
    }

    func testASmallModelBecomesItsLayersNodesNamedAsInTheSummary() throws {
        let m = try ZooFixtures.model("simplecnn")
        let r = try ONNXExport.export(m, name: "s", normalization: Normalization(mean: [0.5], std: [0.25]), classNames: nil, producerVersion: "test")
        // Sub, Div (normalisation); conv relu maxpool twice; flatten; linear relu linear; Identity, Softmax.
        XCTAssertEqual(r.nodeCount, 2 + 6 + 1 + 3 + 2)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: r.operators.map { ($0.name, $0.count) }),
                       ["Sub": 1, "Div": 1, "Conv": 2, "Relu": 3, "MaxPool": 2, "Flatten": 1, "Gemm": 2, "Identity": 1, "Softmax": 1])
        // Every parameter, plus the normalisation's mean and std.
        XCTAssertEqual(r.weightCount, m.parameterCount + 2)
        let text = String(decoding: r.bytes, as: UTF8.self)
        for name in ["conv1.weight", "linear2.bias", "normalize.mean", "pixels", "logits", "probabilities"] {
            XCTAssertTrue(text.contains(name), name)
        }
    }

    /// The weights are written in the conventional (out, in, kh, kw) order, whatever the memory
    /// layout: the bytes of conv2's weight in the file are its `valuesInShapeOrder`.
    func testConvolutionWeightsAreWrittenInShapeOrder() throws {
        let m = try ZooFixtures.model("simplecnn")
        m.initialize(seed: 3)
        let r = try ONNXExport.export(m, name: "s", normalization: nil, classNames: nil, producerVersion: "test")
        let weight = m.parameters.first { $0.0 == "conv2.weight" }!.1  // 16 input channels: the two orders differ
        XCTAssertEqual(weight.layout, .ohwi)
        var expected = ProtobufWriter()
        expected.rawFloats(9, weight.valuesInShapeOrder())
        XCTAssertNotNil(r.bytes.firstRange(of: expected.bytes), "conv2.weight's raw data in (out, in, kh, kw) order")
        var memoryOrder = ProtobufWriter()
        memoryOrder.rawFloats(9, weight.value.values)
        XCTAssertNil(r.bytes.firstRange(of: memoryOrder.bytes), "not in the engine's channels-last memory order")
    }

    /// A plugin layer without the hook stops the export with its path and type.
    func testALayerWithoutAnExportIsRefusedByName() throws {
        let conv = Conv2d(cin: 1, h: 6, w: 6, cout: 2, kernel: 3, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, ho: 4, wo: 4)
        let root = Sequence([("conv1", conv), ("mystery1", NoExportLayer(conv.outputShape)), ("flatten1", Flatten(conv.outputShape))],
                            input: .image(c: 1, h: 6, w: 6))
        let m = try Model(spec: .seq([]), root: root, input: .image(c: 1, h: 6, w: 6))
        XCTAssertThrowsError(try ONNXExport.export(m, name: "m", normalization: nil, classNames: nil, producerVersion: "test")) { e in
            XCTAssertEqual((e as? ONNXExportRefusal)?.description,
                           "layer mystery1 (`mystery`) cannot be written to ONNX: its plugin does not implement ONNXExportable")
        }
        XCTAssertThrowsError(try ONNXExport.export(m, name: "m", normalization: nil, classNames: nil, producerVersion: "test", shouldStop: { true })) { e in
            XCTAssertEqual((e as? ONNXExportRefusal)?.description, "the export was interrupted")
        }
    }
}

/// A layer as a third-party plugin might write it, without `ONNXExportable`.
private final class NoExportLayer: Layer {
    let typeName = "mystery"
    let inputShape: FeatureShape
    init(_ s: FeatureShape) { inputShape = s }
    var outputShape: FeatureShape { inputShape }
    func forward(_ x: Tensor, context: RunContext) -> Tensor { x }
    func backward(_ dy: Tensor) -> Tensor { dy }
}
