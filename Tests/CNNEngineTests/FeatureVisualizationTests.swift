import CNNCore
@testable import CNNEngine
import XCTest

/// Activation maximisation: the objective rises, the image stays within the data's pixel range,
/// the model is left as it was, and a layer that cannot be optimised alone is refused.
final class FeatureVisualizationTests: XCTestCase {
    func testTheObjectiveRisesWithinThePixelRangeAndTheModelIsUnchanged() throws {
        let data = SyntheticShapes.make(count: 300, size: 16, seed: 3)
        let split = DataSplit(train: data, test: nil, validation: 0, seed: 1)
        let m = try Model(spec: try ZooFixtures.spec("simplecnn").0, input: data.shape)
        m.initialize(seed: 1)
        var config = TrainingConfig()
        config.epochs = 2
        config.batchSize = 20
        _ = Trainer(model: m, data: split, config: config, rng: RandomSource(seed: 1)).run()
        let before = m.parameters.map { $0.1.value.values }
        var settings = Model.VisualizationSettings()
        settings.steps = 60
        let norm = split.normalization
        for objective in [Model.VisualizationObjective.classScore(2), .channel(layer: "conv2", channel: 1)] {
            let r = try XCTUnwrap(m.maximize(objective, normalization: norm, settings: settings, rng: RandomSource(seed: 5)))
            XCTAssertGreaterThan(r.end, r.start, "\(objective)")
            for v in r.image.values {
                let pixel = Double(v) * Double(norm.std[0]) + Double(norm.mean[0])
                XCTAssertGreaterThanOrEqual(pixel, -1e-5)
                XCTAssertLessThanOrEqual(pixel, 1 + 1e-5)
            }
        }
        XCTAssertEqual(m.parameters.map { $0.1.value.values }, before)
        XCTAssertTrue(m.parameters.allSatisfy { p in (0..<p.1.count).allSatisfy { p.1.grad.data[$0] == 0 } })
        XCTAssertNil(m.maximize(.channel(layer: "no-such-layer", channel: 0), normalization: norm, settings: settings, rng: RandomSource(seed: 5)))
        XCTAssertNil(m.maximize(.channel(layer: "conv2", channel: 10_000), normalization: norm, settings: settings, rng: RandomSource(seed: 5)))
    }

    func testRollAndBlur() {
        // A 1-channel 3×3 image 0…8; rolled by (1, 0) its rows move down by one, the last wrapping to the top.
        let t = Tensor(batch: 1, shape: .image(c: 1, h: 3, w: 3))
        for i in 0..<9 { t.data[i] = Float(i) }
        let r = Tensor(batch: 1, shape: .image(c: 1, h: 3, w: 3))
        Model.roll(t, into: r, 3, 3, 1, 1, 0)
        XCTAssertEqual(r.values, [6, 7, 8, 0, 1, 2, 3, 4, 5])
        // A constant image is unchanged by the blur; a single bright pixel in the middle spreads as 1 2 1 / 2 4 2 / 1 2 1 over 16.
        let c = Tensor(batch: 1, shape: .image(c: 1, h: 3, w: 3))
        c.data[4] = 16
        Model.blur(c, 3, 3, 1)
        XCTAssertEqual(c.values, [1, 2, 1, 2, 4, 2, 1, 2, 1])
    }
}
