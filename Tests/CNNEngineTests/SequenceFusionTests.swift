import CNNCore
@testable import CNNEngine
import XCTest

/// Sequence's fused batchnorm + relu and residual sum + relu against the plain layer-by-layer path: the same
/// outputs, input gradients, parameter gradients and running statistics, bit for bit, in the
/// zoo models that contain the pairs (ResNet's blocks and their sums, pre-activation blocks, dense layers,
/// Inception branches), in training, in evaluation and for saliency (evaluation-mode backward).
final class SequenceFusionTests: XCTestCase {
    struct Snapshot: Equatable {
        var output: [Float], inputGradient: [Float], gradients: [[Float]], buffers: [[Float]], evaluation: [Float]
        var saliency: [Float], tapped: [[Float]]
    }

    func run(_ spec: ModelSpec, fused: Bool) throws -> Snapshot {
        let model = try Model(spec: spec, input: .image(c: 3, h: 12, w: 12))
        model.options.fusesReLU = fused
        model.initialize(seed: 5)
        model.inputGradientNeeded = true
        let x = Support.input(3, .image(c: 3, h: 12, w: 12), seed: 8)
        let y = model.forward(x, context: model.context(training: true, rng: RandomSource(seed: 1)))
        // The fused path really ran: a ReLU fused into a batchnorm keeps nothing, one fused into a
        // residual sum records one tensor as both its input and output.
        let pairs = fusablesThenReLU(model.root)
        XCTAssertFalse(pairs.isEmpty)
        for (relu, afterBatchNorm) in pairs {
            XCTAssertEqual(relu.fusedIntoBatchNorm, fused && afterBatchNorm)
            XCTAssertEqual(relu.x == nil, fused && afterBatchNorm)
            if !afterBatchNorm { XCTAssertEqual(relu.x === relu.y, fused) }
        }
        let dy = Support.input(3, y.shape, seed: 9)
        model.root.zeroGradients()
        let dx = model.backward(dy)
        // Backward hands every fused relu's tensors back (none left holding a step's activations).
        for (relu, _) in pairs { XCTAssertNil(relu.x); XCTAssertNil(relu.y); XCTAssertFalse(relu.fusedIntoBatchNorm) }
        let evaluation = model.forward(x, context: model.context(training: false, rng: RandomSource(seed: 1)))
        let gradients = model.parameters.map { $0.1.grad.values }
        // Backward after an evaluation-mode forward (saliency maps, Grad-CAM): batch norm's
        // constant statistics, and a batch of three.
        let saliency = model.inputGradient(x).gradient
        let firstConv = model.allLayers().first { $0.layer is Conv2d }!.name
        XCTAssertNotNil(model.gradCAM(x, layer: firstConv))
        // A gradient tap attached between a training forward and its backward, as training's
        // gradient records do: every layer's arriving gradient, in the order they arrive.
        _ = model.forward(x, context: model.context(training: true, rng: RandomSource(seed: 1)))
        var tapped: [[Float]] = []
        GradientTap.observer = { _, g in tapped.append(g.values) }
        _ = model.backward(dy)
        GradientTap.observer = nil
        model.root.zeroGradients()
        return Snapshot(output: y.values, inputGradient: dx.values, gradients: gradients,
                        buffers: model.root.namedBuffers().map { $0.1.values }, evaluation: evaluation.values,
                        saliency: saliency.values, tapped: tapped)
    }

    func testFusedAndPlainPathsAgreeBitForBit() throws {
        let specs: [(String, ModelSpec)] = try ["resnet-small", "preactresnet-small", "densenet", "googlenet"].map { ($0, try ZooFixtures.spec($0).0) }
        for (name, spec) in specs {
            if name == "resnet-small" {
                XCTAssertTrue(fusablesThenReLU(try Model(spec: spec, input: .image(c: 3, h: 12, w: 12)).root).contains { !$0.afterBatchNorm })
            }
            let fused = try run(spec, fused: true), plain = try run(spec, fused: false)
            XCTAssertEqual(fused.output, plain.output, name)
            XCTAssertEqual(fused.inputGradient, plain.inputGradient, name)
            XCTAssertEqual(fused.gradients, plain.gradients, name)
            XCTAssertEqual(fused.buffers, plain.buffers, name)
            XCTAssertEqual(fused.evaluation, plain.evaluation, name)
            XCTAssertEqual(fused.saliency, plain.saliency, name)
            XCTAssertFalse(fused.tapped.isEmpty, name)
            XCTAssertEqual(fused.tapped, plain.tapped, name)
        }
    }

    /// Where batch norm's output is exactly 0 (a channel that is constant over the batch), the
    /// fused ReLU's gradient must be 0, as the plain ReLU's (its derivative is 0 at 0): the fused
    /// backward recomputes that output from the input rather than reading it.
    func testAFusedReLUPassesNoGradientWhereBatchNormGivesExactlyZero() throws {
        // Eleven channels: channel 1 is constant in the eight-wide vector part, channel 9 in the
        // scalar tail.
        let c = 11, constant = [1, 9]
        let shape = FeatureShape.image(c: c, h: 4, w: 4)
        func channel(_ values: [Float], _ ch: Int) -> [Float] { stride(from: ch, to: values.count, by: c).map { values[$0] } }
        func gradient(fused: Bool) throws -> [Float] {
            let seq = Sequence([("bn", try Support.build("batchnorm", input: shape)), ("relu", try Support.build("relu", input: shape))],
                               input: shape)
            let x = Support.input(2, shape, seed: 3)
            for ch in constant { for i in stride(from: ch, to: x.count, by: c) { x.data[i] = 0.75 } }
            let context = RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(fusesReLU: fused))
            let y = seq.forward(x, context: context).values
            for ch in constant { XCTAssertEqual(channel(y, ch), [Float](repeating: 0, count: y.count / c)) }
            return seq.backward(Support.input(2, shape, seed: 4)).values
        }
        let fused = try gradient(fused: true), plain = try gradient(fused: false)
        XCTAssertEqual(fused, plain)
        for ch in constant { XCTAssertEqual(channel(fused, ch), [Float](repeating: 0, count: fused.count / c), "channel \(ch)") }
    }

    /// The ReLUs that directly follow a batchnorm or a residual sum in a sequence, and which.
    func fusablesThenReLU(_ layer: Layer) -> [(relu: ReLU, afterBatchNorm: Bool)] {
        var found: [(ReLU, Bool)] = []
        if let s = layer as? CNNEngine.Sequence {
            for (a, b) in zip(s.items, s.items.dropFirst()) where a.layer is BatchNorm || a.layer is Residual {
                if let relu = b.layer as? ReLU { found.append((relu, a.layer is BatchNorm)) }
            }
        }
        return found + layer.children.flatMap { fusablesThenReLU($0.layer) }
    }
}
