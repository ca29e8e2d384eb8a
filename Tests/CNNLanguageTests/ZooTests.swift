import CNNCore
import JSONKit
import CNNEngine
import JupyterKernel
@testable import CNNLanguage
import XCTest

final class ZooTests: XCTestCase {
    /// Parameter counts from architectures.md (BN running statistics are buffers, not parameters).
    func testParameterCountsMatchTheReference() throws {
        let expected: [(String, Int, Int)] = [
            ("googlenet", 260_650, 259_498), ("resnet", 272_378, 272_090),
            ("preactresnet", 272_250, 271_962), ("densenet", 239_146, 238_570),
        ]
        for (name, three, one) in expected {
            let m3 = try ModelBuilder.build(Zoo.spec(name, input: .image(c: 3, h: 32, w: 32)), input: .image(c: 3, h: 32, w: 32))
            XCTAssertEqual(m3.parameterCount, three, name)
            let m1 = try ModelBuilder.build(Zoo.spec(name, input: .image(c: 1, h: 28, w: 28)), input: .image(c: 1, h: 28, w: 28))
            XCTAssertEqual(m1.parameterCount, one, name)
            XCTAssertEqual(m1.outputShape, .flat(10))
        }
        XCTAssertEqual(try ModelBuilder.build(Zoo.spec("simplecnn", input: .image(c: 1, h: 28, w: 28)), input: .image(c: 1, h: 28, w: 28)).parameterCount, 215_370)
    }

    func testStableNames() throws {
        let r = try ModelBuilder.build(Zoo.spec("resnet", input: .image(c: 3, h: 32, w: 32)), input: .image(c: 3, h: 32, w: 32))
        let names = r.namedParameters().map(\.0)
        XCTAssertEqual(names.first, "conv1.weight")
        XCTAssertTrue(names.contains("resblock4.residual1.shortcut.conv1.bias"), "\(names.prefix(20))")
        XCTAssertTrue(names.contains("resblock1.residual1.body.conv2.weight"))
        XCTAssertEqual(names.last, "linear1.bias")
        let g = try ModelBuilder.build(Zoo.spec("googlenet", input: .image(c: 3, h: 32, w: 32)), input: .image(c: 3, h: 32, w: 32))
        XCTAssertTrue(g.namedParameters().map(\.0).contains("inception1.concat1.branch2.conv2.weight"))
    }

    func testShapeErrorsAreFoundWhenBuilding() {
        let bad = ModelSpec.seq([.layer("conv", ["out_channels": .int(8), "kernel": .int(5)]), .layer("flatten"), .layer("linear", ["out_features": .int(10), "in_features": .int(1568)])])
        XCTAssertThrowsError(try ModelBuilder.build(bad, input: .image(c: 1, h: 28, w: 28))) {
            XCTAssertEqual("\($0)", "linear1: linear expects 1568 inputs, gets 4608")
        }
        let tooSmall = ModelSpec.seq([.layer("conv", ["out_channels": .int(8), "kernel": .int(7)])])
        XCTAssertThrowsError(try ModelBuilder.build(tooSmall, input: .image(c: 1, h: 5, w: 5))) {
            XCTAssertEqual("\($0)", "conv1: conv with kernel 7, dilation 1 and padding 0 does not fit a 5×5 input")
        }
        let flatConv = ModelSpec.seq([.layer("flatten"), .layer("conv", ["out_channels": .int(2)])])
        XCTAssertThrowsError(try ModelBuilder.build(flatConv, input: .image(c: 1, h: 4, w: 4))) {
            XCTAssertEqual("\($0)", "conv1: conv needs an image input (C, H, W), but gets flat features (16)")
        }
    }

    func testSpecSurvivesJSON() throws {
        for name in Zoo.names {
            let s = try Zoo.spec(name, input: Zoo.referenceInput(name))
            XCTAssertEqual(try ModelSpec(json: try JSON.parse(s.json.serialized())), s, name)
        }
    }

    /// Composite blocks pass the gradient check too (small versions of each), through the
    /// language's `gradcheck`: batch statistics make every output depend on every input.
    func testCompositeBlocksGradientCheck() throws {
        let lines = [
            "inception 2 2 2 3 2 2 act=tanh", "resblock 4 act=tanh", "resblock 6 subsample=true act=tanh",
            "preactblock 4 act=tanh", "preactblock 6 subsample=true act=tanh", "denselayer 3 act=tanh", "transition act=tanh",
        ]
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        for line in lines {
            let x = kernel.execute("gradcheck \(line) input=[4, 6, 6] batch=3")
            XCTAssertEqual(x.reply.content["status"], "ok", line)
            let text = x.outputs.compactMap { $0.content["data"]?["text/plain"]?.stringValue }.joined()
            XCTAssertTrue(text.contains("all gradients agree"), "\(line): \(text)")
        }
    }
}
