import CNNCore
@testable import CNNEngine
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The habits of careful training: the learning-rate range test (weights restored bit for bit,
/// a suggestion on the descent), early stopping (ends after `patience` epochs without a better
/// validation loss, the best epoch's weights kept) and the overfit-one-batch check.
final class TrainingHabitsTests: XCTestCase {
    func shapes(_ count: Int = 400, seed: UInt64 = 3) -> Dataset { SyntheticShapes.make(count: count, size: 16, seed: seed) }

    func model(_ key: String, _ data: Dataset, seed: UInt64 = 1) throws -> Model {
        let m = try Model(spec: try ZooFixtures.spec(key).0, input: data.shape)
        m.initialize(seed: seed)
        return m
    }

    func weights(_ m: Model) -> [[Float]] { m.parameters.map { $0.1.value.values } + m.buffers.map { $0.1.values } }

    func testTheRangeTestRestoresTheWeightsAndSuggestsARateOnTheDescent() throws {
        let data = shapes()
        let split = DataSplit(train: data, test: nil, validation: 0, seed: 1)
        // resnet-small has batch norm: its running statistics are buffers, restored too.
        let m = try model("resnet-small", data)
        XCTAssertFalse(m.buffers.isEmpty)
        let before = weights(m)
        let r = LearningRateFinder.run(model: m, data: split, batchSize: 32, kind: .sgd, momentum: 0.9, weightDecay: 0,
                                       start: 1e-6, end: 100, steps: 150, augment: [], rng: RandomSource(seed: 2), shouldStop: { false })
        XCTAssertEqual(weights(m), before, "bit for bit")
        XCTAssertEqual(r.rates.first!, 1e-6, accuracy: 1e-18)
        // The rate grows by the same factor each step: (100 / 1e-6)^(1/149).
        let factor = pow(1e8, 1.0 / 149)
        XCTAssertEqual(r.rates[1] / r.rates[0], factor, accuracy: 1e-9)
        // Up to 100 the loss blows up: the test ends early, before its last step.
        XCTAssertNotNil(r.endedEarly)
        XCTAssertLessThan(r.rates.count, 150)
        let s = try XCTUnwrap(r.steepest), low = try XCTUnwrap(r.minimum)
        XCTAssertLessThan(s, low, "the suggestion is on the descent, before the minimum")
        XCTAssertLessThan(r.smoothed[low], r.smoothed[0] * 0.9, "the loss fell")
        XCTAssertGreaterThan(r.suggestion!, 1e-5)
        XCTAssertLessThan(r.suggestion!, 10)
    }

    func testThePickOfASimpleCurve() {
        // A loss that is flat, falls fastest at the 40th of 100 steps, is lowest at the 70th (the
        // fall has all but ended there, and the rise begins) and rises: smooth(i) = 1 − 0.5·(1 + tanh((i − 40) / 8)) / 2 + (i > 70 ? (i − 70)² / 200 : 0).
        let rates = (0..<100).map { 1e-6 * pow(10, Double($0) / 12) }
        let smoothed = (0..<100).map { i -> Double in
            let d = Double(i)
            return 1 - 0.25 * (1 + tanh((d - 40) / 8)) + (i > 70 ? (d - 70) * (d - 70) / 200 : 0)
        }
        let (steepest, minimum) = LearningRateFinder.pick(rates: rates, smoothed: smoothed)
        XCTAssertEqual(steepest, 40)
        XCTAssertEqual(minimum, 70)
        // A loss that only rises has no descent to suggest.
        XCTAssertNil(LearningRateFinder.pick(rates: rates, smoothed: (0..<100).map { Double($0) }).steepest)
    }

    /// Random labels: there is nothing to learn, so the validation loss gets worse as the model
    /// memorises the training images; with patience 2 training stops two epochs after its best
    /// epoch and the model has that epoch's weights (its validation loss, computed again, is
    /// exactly the one recorded then).
    func testEarlyStoppingEndsAfterPatienceAndKeepsTheBestEpoch() throws {
        let base = shapes(300)
        var labels = base.labels
        let g = RandomSource(seed: 11)
        for i in labels.indices { labels[i] = UInt8(g.next() % 10) }
        let data = Dataset(name: "random", shape: base.shape, classNames: base.classNames, images: base.imagesCopy(), labels: labels)
        let split = DataSplit(train: data, test: nil, validation: 100, seed: 1)
        let m = try model("simplecnn", data)
        var config = TrainingConfig()
        config.epochs = 40
        config.batchSize = 20
        config.learningRate = 0.05
        config.patience = 2
        let trainer = Trainer(model: m, data: split, config: config, rng: RandomSource(seed: 4))
        XCTAssertEqual(trainer.run(), .completed)
        let stop = try XCTUnwrap(trainer.stoppedEarly)
        XCTAssertLessThan(stop.epoch, 40)
        XCTAssertEqual(stop.epoch, stop.bestEpoch + 2)
        XCTAssertEqual(trainer.history.epochs.count, stop.epoch)
        let losses = trainer.history.epochs.map { $0.validationLoss! }
        XCTAssertEqual(losses.min(), stop.bestLoss)
        XCTAssertEqual(losses[stop.bestEpoch - 1], stop.bestLoss)
        let again = Evaluation.run(m, on: split.validation!, normalization: split.normalization, batchSize: 256)
        XCTAssertEqual(again.loss, stop.bestLoss, "the best epoch's weights, bit for bit")
    }

    func testOverfittingOneBatchReachesAllOfIt() throws {
        let data = shapes(400)
        let split = DataSplit(train: data, test: nil, validation: 50, seed: 1)
        let m = try model("simplecnn", data)
        var config = TrainingConfig()
        config.epochs = 60
        config.batchSize = 16
        config.optimizer = .adam
        config.learningRate = 3e-3
        config.overfitBatches = 1
        config.augment = [.flip]
        let trainer = Trainer(model: m, data: split, config: config, rng: RandomSource(seed: 4))
        XCTAssertEqual(trainer.batchesPerEpoch, 1)
        XCTAssertEqual(trainer.run(), .completed)
        XCTAssertEqual(trainer.history.steps.count, 60)
        XCTAssertTrue(trainer.history.epochs.allSatisfy { $0.validationLoss == nil }, "no validation: it says nothing here")
        XCTAssertEqual(trainer.history.epochs.last?.trainAccuracy, 1, "16 images, 60 steps: fitted exactly")
        XCTAssertLessThan(trainer.history.epochs.last!.trainLoss, 0.05)
    }
}
