import CNNCore
@testable import CNNEngine
import XCTest

/// The gradient's size at each layer: the profile's numbers against a direct computation (the
/// weights' gradient norms after a backward pass by hand; the last layer's arriving gradient is
/// ∂L/∂logits itself), and the profiles recorded while training.
final class GradientFlowTests: XCTestCase {
    func setting() throws -> (Model, Tensor, [Int], DataSplit) {
        let data = SyntheticShapes.make(count: 300, size: 16, seed: 3)
        let split = DataSplit(train: data, test: nil, validation: 60, seed: 1)
        let m = try Model(spec: try ZooFixtures.spec("resnet-small").0, input: data.shape)
        m.initialize(seed: 1)
        let (x, labels) = Batches.make(split.train, indices: Array(0..<24)[...], normalization: split.normalization)
        return (m, x, labels, split)
    }

    func testTheProfileAgreesWithADirectComputation() throws {
        let (m, x, labels, _) = try setting()
        let buffersBefore = m.buffers.map { $0.1.values }
        let (p, loss) = m.gradientProfile(x, labels: labels, rng: RandomSource(seed: 5))
        XCTAssertEqual(m.buffers.map { $0.1.values }, buffersBefore, "batch norm's running statistics put back")
        XCTAssertFalse(p.layers.contains { $0.contains("batchnorm") }, "\(p.layers)")
        XCTAssertEqual(p.layers, m.weightedLayers.map(\.name))
        XCTAssertTrue(p.layers.contains { $0.contains("conv") } && p.layers.last!.contains("linear"), "\(p.layers)")
        // By hand: the same forward and backward, then each layer's weight gradients.
        m.root.zeroGradients()
        let logits = m.forward(x, context: m.context(training: true, rng: RandomSource(seed: 5)))
        let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
        XCTAssertEqual(r.loss, loss)
        _ = m.backward(r.gradient)
        for (i, (name, layer)) in m.weightedLayers.enumerated() {
            var s = 0.0
            for q in layer.parameters where q.name == "weight" { for j in 0..<q.count { s += Double(q.grad.data[j]) * Double(q.grad.data[j]) } }
            XCTAssertEqual(p.weightNorms[i], s.squareRoot(), accuracy: 1e-12 * max(1, s.squareRoot()), name)
            XCTAssertGreaterThan(p.outputNorms[i], 0, name)
        }
        // What arrives at the last layer's output is ∂L/∂logits.
        let g = r.gradient.values.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
        XCTAssertEqual(p.outputNorms.last!, g, accuracy: 1e-12)
        m.root.zeroGradients()
        // The profile leaves no gradient behind (nothing leaks into training).
        XCTAssertTrue(m.parameters.allSatisfy { q in (0..<q.1.count).allSatisfy { q.1.grad.data[$0] == 0 } })
    }

    func testTrainingRecordsAboutTwentyProfilesAnEpochOfFullBatches() throws {
        let (m, _, _, split) = try setting()
        var config = TrainingConfig()
        config.epochs = 2
        config.batchSize = 5  // 240 images: 48 full batches an epoch; every 2nd recorded
        let trainer = Trainer(model: m, data: split, config: config, rng: RandomSource(seed: 2))
        XCTAssertEqual(trainer.run(), .completed)
        let records = trainer.history.gradients
        XCTAssertEqual(records.count, 2 * 24)
        XCTAssertEqual(records.map(\.epoch).filter { $0 == 1 }.count, 24)
        XCTAssertEqual(records[1].step - records[0].step, 2)
        XCTAssertTrue(records.allSatisfy { $0.profile.layers == m.weightedLayers.map(\.name) && $0.profile.outputNorms.allSatisfy { $0 > 0 } })
        config.recordGradients = false
        let quiet = Trainer(model: m, data: split, config: config, rng: RandomSource(seed: 2))
        _ = quiet.run()
        XCTAssertTrue(quiet.history.gradients.isEmpty)
    }
}
