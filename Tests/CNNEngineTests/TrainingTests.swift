import CNNCore
@testable import CNNEngine
import XCTest

final class TrainingTests: XCTestCase {
    /// Debian's dataset-fashion-mnist, which tools/setup installs; its absence is a failure, not a skip.
    func fashion() throws -> (train: Dataset, test: Dataset?) {
        try DataReaders.readIDXDirectory(DataReaders.fashionDirectory, name: "fashion-mnist", classNames: DataReaders.fashionClasses)
    }

    func trainSimpleCNN(_ all: Dataset, seed: UInt64) throws -> (Model, [Double], Evaluation) {
        let train = all.subset(Array(0..<2000))
        let heldOut = all.subset(Array(50_000..<51_000))
        let split = DataSplit(train: train, test: heldOut, validation: 0, seed: seed)
        let model = try Model(spec: try ZooFixtures.spec("simplecnn").0, input: train.shape)
        model.initialize(seed: seed)
        var config = TrainingConfig()
        config.epochs = 1
        config.batchSize = 32
        config.optimizer = .adam
        config.learningRate = 2e-3
        let trainer = Trainer(model: model, data: split, config: config, rng: RandomSource(seed: seed))
        XCTAssertEqual(trainer.run(), .completed)
        let e = Evaluation.run(model, on: heldOut, normalization: split.normalization)
        return (model, trainer.history.steps.map(\.loss), e)
    }

    /// simplecnn on 2,000 Fashion-MNIST images for one epoch reaches more than 70% on 1,000
    /// held-out images, and the same run twice with one seed gives identical losses.
    func testSimpleCNNLearnsFashionMNISTReproducibly() throws {
        let (train, _) = try fashion()
        let (_, losses1, e1) = try trainSimpleCNN(train, seed: 42)
        XCTAssertGreaterThan(e1.accuracy, 0.70, "held-out accuracy \(e1.accuracy)")
        XCTAssertLessThan(losses1.last!, losses1.first!)
        let (_, losses2, e2) = try trainSimpleCNN(train, seed: 42)
        XCTAssertEqual(losses1, losses2, "same seed, same thread count: bit-for-bit the same losses")
        XCTAssertEqual(e1.accuracy, e2.accuracy)
    }

    func testInterruptLeavesAUsableModel() throws {
        let data = SyntheticShapes.make(count: 300, size: 16, seed: 3)
        let split = DataSplit(train: data, test: nil, validation: 50, seed: 1)
        let model = try Model(spec: try ZooFixtures.spec("resnet-small").0, input: data.shape)
        model.initialize(seed: 1)
        var config = TrainingConfig()
        config.epochs = 3
        config.batchSize = 25
        var batches = 0
        let trainer = Trainer(model: model, data: split, config: config, rng: RandomSource(seed: 1))
        let outcome = trainer.run(events: { if case .batch = $0 { batches += 1 } }, shouldStop: { batches >= 4 })
        XCTAssertEqual(outcome, .interrupted(epoch: 1, batch: 4))
        XCTAssertEqual(trainer.history.steps.count, 4)
        let e = Evaluation.run(model, on: split.validation!, normalization: split.normalization)
        XCTAssertTrue(e.loss.isFinite)
        XCTAssertEqual(e.predictions.count, 50)
    }

    /// A learning rate far too large: training stops at the step where the loss or the weights
    /// stop being finite, and the model keeps the finite weights it had before that step.
    func testDivergenceStopsAtTheStepAndKeepsFiniteWeights() throws {
        let data = SyntheticShapes.make(count: 200, size: 16, seed: 3)
        let split = DataSplit(train: data, test: nil, validation: 40, seed: 1)
        let model = try Model(spec: try ZooFixtures.spec("simplecnn").0, input: data.shape)
        model.initialize(seed: 1)
        var config = TrainingConfig()
        config.epochs = 3
        config.batchSize = 20
        config.optimizer = .sgd
        config.learningRate = 1e30
        var finished = 0
        let trainer = Trainer(model: model, data: split, config: config, rng: RandomSource(seed: 1))
        let outcome = trainer.run(events: { if case .batch = $0 { finished += 1 } })
        guard case .diverged(let epoch, let batch, let step, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(epoch, 1)
        XCTAssertEqual(step, finished, "it stops at the first step that fails, counted from 0")
        XCTAssertEqual(batch, finished + 1)
        XCTAssertEqual(trainer.history.steps.count, finished)
        for (name, p) in model.parameters { XCTAssertTrue(Trainer.allFinite(p.value), name) }
        let e = Evaluation.run(model, on: split.validation!, normalization: split.normalization)
        XCTAssertEqual(e.predictions.count, 40)
        // Training on never hides it: the next run stops the same way, its weights still finite.
        if case .diverged = Trainer(model: model, data: split, config: config, rng: RandomSource(seed: 2)).run() {} else { XCTFail("not reported") }
        for (name, p) in model.parameters { XCTAssertTrue(Trainer.allFinite(p.value), name) }
    }

    func testSchedules() {
        XCTAssertEqual(Schedule.multistep(milestones: [2, 3], gamma: 0.1).learningRate(base: 1, step: 25, stepsPerEpoch: 10, totalSteps: 40), 0.1, accuracy: 1e-12)
        XCTAssertEqual(Schedule.multistep(milestones: [2, 3], gamma: 0.1).learningRate(base: 1, step: 30, stepsPerEpoch: 10, totalSteps: 40), 0.01, accuracy: 1e-12)
        XCTAssertEqual(Schedule.cosine.learningRate(base: 1, step: 50, stepsPerEpoch: 10, totalSteps: 100), 0.5, accuracy: 1e-12)
        let oc = Schedule.onecycle(warmup: 0.3)
        XCTAssertEqual(oc.learningRate(base: 1, step: 0, stepsPerEpoch: 10, totalSteps: 100), 0.04, accuracy: 1e-12)
        XCTAssertEqual(oc.learningRate(base: 1, step: 29, stepsPerEpoch: 10, totalSteps: 100), 1, accuracy: 1e-12)
        XCTAssertEqual(oc.learningRate(base: 1, step: 99, stepsPerEpoch: 10, totalSteps: 100), 0.04 / 1e4, accuracy: 1e-12)
    }

    /// Optimiser steps against hand-worked values (w = 1, g = 0.5 every step).
    func testOptimizerSteps() {
        func run(_ o: Optimizer, steps: Int, lr: Double) -> Float {
            let p = Parameter(name: "w", shape: [1], decays: true)
            p.value.data[0] = 1
            for _ in 0..<steps {
                p.grad.data[0] = 0.5
                o.update([("w", p)], learningRate: lr)
            }
            return p.value.data[0]
        }
        // SGD momentum 0.9: v1 = 0.5, w = 1 − 0.1·0.5 = 0.95; v2 = 0.9·0.5 + 0.5 = 0.95, w = 0.95 − 0.095 = 0.855
        XCTAssertEqual(run(Optimizer(kind: .sgd, momentum: 0.9), steps: 2, lr: 0.1), 0.855, accuracy: 1e-6)
        // Nesterov: step 1 uses g + μ·v1 = 0.5 + 0.45 = 0.95 → w = 0.905
        XCTAssertEqual(run(Optimizer(kind: .sgd, momentum: 0.9, nesterov: true), steps: 1, lr: 0.1), 0.905, accuracy: 1e-6)
        // Weight decay 0.1 adds 0.1·w = 0.1 to the gradient: w = 1 − 0.1·0.6 = 0.94
        XCTAssertEqual(run(Optimizer(kind: .sgd, momentum: 0, weightDecay: 0.1), steps: 1, lr: 0.1), 0.94, accuracy: 1e-6)
        // Adam's first step moves by lr (bias-corrected m/√v = 1): w = 1 − 0.01
        XCTAssertEqual(run(Optimizer(kind: .adam), steps: 1, lr: 0.01), 0.99, accuracy: 1e-6)
        // AdamW: decoupled decay first, w ← w − lr·λ·w = 1 − 0.01·0.5 = 0.995, then the Adam step 0.01
        XCTAssertEqual(run(Optimizer(kind: .adamw, weightDecay: 0.5), steps: 1, lr: 0.01), 0.985, accuracy: 1e-6)
        let p = Parameter(name: "w", shape: [2], decays: true)
        p.grad.data[0] = 3; p.grad.data[1] = 4
        XCTAssertEqual(Optimizer.clipGradients([("w", p)], maxNorm: 1), 5, accuracy: 1e-9)
        XCTAssertEqual(p.grad.data[0], 0.6, accuracy: 1e-6)
    }

    func testSoftmaxCrossEntropyIsStable() {
        let logits = Tensor(batch: 1, shape: .flat(3), nchw: [1000, 0, -1000])
        let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: [1])
        XCTAssertEqual(r.loss, 1000, accuracy: 1e-9)
        XCTAssertEqual(r.gradient.data[0], 1, accuracy: 1e-6)
        XCTAssertEqual(r.gradient.data[1], -1, accuracy: 1e-6)
    }
}
