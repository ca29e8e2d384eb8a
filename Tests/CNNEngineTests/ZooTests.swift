import CNNCore
import JSONKit
@testable import CNNEngine
import XCTest

final class ZooTests: XCTestCase {
    /// Parameter counts from architectures.md (BN running statistics are buffers, not parameters).
    func testParameterCountsMatchTheReference() throws {
        let expected: [(String, Int, Int)] = [
            ("googlenet", 260_650, 259_498), ("resnet", 272_378, 272_090),
            ("preactresnet", 272_250, 271_962), ("densenet", 239_146, 238_570),
        ]
        for (name, three, one) in expected {
            let m3 = try ModelBuilder.build(Zoo.spec(named: name)!, input: .image(c: 3, h: 32, w: 32))
            XCTAssertEqual(m3.parameterCount, three, name)
            let m1 = try ModelBuilder.build(Zoo.spec(named: name)!, input: .image(c: 1, h: 28, w: 28))
            XCTAssertEqual(m1.parameterCount, one, name)
            XCTAssertEqual(m1.outputShape, .flat(10))
        }
        XCTAssertEqual(try ModelBuilder.build(Zoo.simplecnn(), input: .image(c: 1, h: 28, w: 28)).parameterCount, 215_370)
    }

    func testStableNames() throws {
        let r = try ModelBuilder.build(Zoo.resnet(), input: .image(c: 3, h: 32, w: 32))
        let names = r.namedParameters().map(\.0)
        XCTAssertEqual(names.first, "conv1.weight")
        XCTAssertTrue(names.contains("resblock4.residual1.shortcut.conv1.bias"), "\(names.prefix(20))")
        XCTAssertTrue(names.contains("resblock1.residual1.body.conv2.weight"))
        XCTAssertEqual(names.last, "linear1.bias")
        let g = try ModelBuilder.build(Zoo.googlenet(), input: .image(c: 3, h: 32, w: 32))
        XCTAssertTrue(g.namedParameters().map(\.0).contains("inception1.conv3x3.conv2.weight"))
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
            let s = Zoo.spec(named: name)!
            XCTAssertEqual(try ModelSpec(json: try JSON.parse(s.json.serialized())), s, name)
        }
    }

    /// Composite blocks pass the gradient check too (small versions of each).
    func testCompositeBlocksGradientCheck() throws {
        let shape = FeatureShape.image(c: 4, h: 6, w: 6)
        let blocks: [ModelSpec] = [
            Zoo.inception(red3: 2, red5: 2, out1: 2, out3: 3, out5: 2, outPool: 2, activation: "tanh"),
            Zoo.resnetBlock(4, subsample: false, activation: "tanh"),
            Zoo.resnetBlock(6, subsample: true, activation: "tanh"),
            Zoo.preactBlock(4, subsample: false, activation: "tanh"),
            Zoo.preactBlock(6, subsample: true, activation: "tanh"),
            Zoo.denseLayer(growth: 3, bottleneck: 2, activation: "tanh"),
            Zoo.transition(2, activation: "tanh"),
        ]
        for b in blocks {
            let layer = try ModelBuilder.build(b, input: shape)
            layer.initializeAll(RandomSource(seed: 4), scheme: .pytorch)
            // Batch statistics make every output depend on every input: use a larger tolerance.
            // Distinct, spaced inputs: max-pool windows never tie under ±ε.
            Support.assertGradients(layer, Support.distinctInput(3, shape), tolerance: 5e-2)
        }
    }
}
