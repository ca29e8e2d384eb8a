import CNNCore

public struct TrainingConfig: Sendable {
    public var epochs = 1
    public var batchSize = 128
    public var optimizer: Optimizer.Kind = .sgd
    public var learningRate = 0.1
    public var momentum = 0.9
    public var nesterov = false
    public var weightDecay = 0.0
    public var schedule: Schedule = .constant
    /// Clip the global gradient norm to this (nil: no clipping).
    public var clipNorm: Double?
    /// At most this many batches per epoch (nil: all).
    public var batchLimit: Int?
    public var augment: [Augmentation] = []
    /// Restore the weights of the epoch with the best validation accuracy at the end (the lowest
    /// validation loss with `patience`).
    public var keepBest = true
    /// Early stopping: end training once the validation loss has not improved for this many
    /// epochs (nil: train every epoch).
    public var patience: Int?
    /// The overfit-one-batch sanity check: train on these few batches only, the same images every
    /// epoch, without augmentation or validation (nil: the whole training set).
    public var overfitBatches: Int?
    /// Record the gradient's size at each layer with weights about 20 times an epoch (`plot gradients`).
    public var recordGradients = true
    public init() {}
}

public struct BatchProgress: Sendable {
    public var epoch: Int, epochs: Int
    public var batch: Int, batchesPerEpoch: Int
    public var step: Int, totalSteps: Int
    public var loss: Double, accuracy: Double
    public var imagesPerSecond: Double
    public var secondsLeft: Double
    public var learningRate: Double
    /// The epoch so far: mean loss and accuracy over its `epochImages` images (what the epoch's
    /// line will say at its end; one batch's figures jump around, and a last, partial batch may
    /// hold a handful of images).
    public var epochLoss: Double, epochAccuracy: Double
    public var epochImages: Int
}

public struct EpochSummary: Sendable, Equatable {
    public var epoch: Int
    public var trainLoss: Double, trainAccuracy: Double
    public var validationLoss: Double?, validationAccuracy: Double?
    public var seconds: Double
    public var learningRate: Double
}

public enum TrainingEvent: Sendable {
    case started(totalSteps: Int, batchesPerEpoch: Int)
    case batch(BatchProgress)
    case epoch(EpochSummary)
}

/// What a model has been through: the loss and accuracy of every step, and each epoch's summary.
public final class TrainingHistory: @unchecked Sendable {
    public struct Step: Sendable, Equatable { public var step: Int; public var loss: Double; public var accuracy: Double; public var learningRate: Double }
    public var steps: [Step] = []
    public var epochs: [EpochSummary] = []
    /// Gradient profiles, about 20 an epoch (thinned to every other one past 4,000).
    public var gradients: [GradientRecord] = []
    public init() {}

    func record(_ r: GradientRecord) {
        gradients.append(r)
        if gradients.count > 4000 { gradients = stride(from: 0, to: gradients.count, by: 2).map { gradients[$0] } }
    }
}

public enum TrainingOutcome: Equatable, Sendable {
    case completed
    /// Stopped between batches; the model holds the weights after the last finished step.
    case interrupted(epoch: Int, batch: Int)
    /// The loss or the weights stopped being finite numbers at `step` (counted over the model's
    /// whole history, from 0); the model holds the weights it had before that step.
    case diverged(epoch: Int, batch: Int, step: Int, loss: Double)
}

/// The training loop: epochs of shuffled batches (prepared ahead on a background thread),
/// validation after each epoch, the best weights kept, progress reported as events, and a
/// cancellation check between batches so an interrupt leaves a consistent, usable model.
public final class Trainer {
    public let model: Model
    public let data: DataSplit
    public let config: TrainingConfig
    public let optimizer: Optimizer
    public let history: TrainingHistory
    let rng: RandomSource
    /// The learning rate the schedule scales, from the config; it may be changed while training
    /// runs (a slider, between two batches): the next step's rate follows it.
    public var baseLearningRate: Double
    /// Set when early stopping ended training: the epoch it stopped after, and the best epoch
    /// (whose weights the model has) with its validation loss.
    public private(set) var stoppedEarly: (epoch: Int, bestEpoch: Int, bestLoss: Double)?

    public init(model: Model, data: DataSplit, config: TrainingConfig, optimizer: Optimizer? = nil,
                history: TrainingHistory = TrainingHistory(), rng: RandomSource) {
        self.model = model
        self.data = data
        self.config = config
        self.optimizer = optimizer ?? Optimizer(kind: config.optimizer, momentum: config.momentum, nesterov: config.nesterov, weightDecay: config.weightDecay)
        self.history = history
        baseLearningRate = config.learningRate
        self.rng = rng
    }

    public var batchesPerEpoch: Int {
        let full = (data.train.count + config.batchSize - 1) / config.batchSize
        return min(full, config.overfitBatches ?? config.batchLimit ?? full)
    }

    public func run(events: (TrainingEvent) -> Void = { _ in }, shouldStop: () -> Bool = { false }) -> TrainingOutcome {
        let perEpoch = batchesPerEpoch
        let total = perEpoch * config.epochs
        events(.started(totalSteps: total, batchesPerEpoch: perEpoch))
        let params = model.parameters
        var best: (accuracy: Double, state: [[Float]])?
        // Early stopping's watch: the lowest validation loss so far, its epoch and weights.
        var lowest: (loss: Double, epoch: Int, state: [[Float]]?)?
        var waited = 0
        stoppedEarly = nil
        // Overfitting one batch: the same images every epoch, chosen once.
        let fixedOrder: [Int]? = config.overfitBatches.map { _ in
            var o = Array(0..<data.train.count)
            rng.shuffle(&o)
            return Array(o.prefix(perEpoch * config.batchSize))
        }
        let startTime = monotonicSeconds()
        var step = 0
        let firstStep = history.steps.last.map { $0.step + 1 } ?? 0
        let epochOffset = history.epochs.last?.epoch ?? 0
        let dropoutRng = rng.fork()
        // The weights and running statistics before each step, so a step that diverges is undone.
        let guarded = params.map { $0.1.value } + model.buffers.map { $0.1 }
        let tap = config.recordGradients ? GradientFlowTap(model) : nil
        let recordEvery = max(1, perEpoch / 20)
        var beforeStep = guarded.map { [Float](repeating: 0, count: $0.count) }
        for epoch in 1...max(1, config.epochs) where config.epochs > 0 {
            var order = Array(0..<data.train.count)
            rng.shuffle(&order)
            order = fixedOrder ?? Array(order.prefix(perEpoch * config.batchSize))
            let prefetch = BatchPrefetcher(data: data.train, order: order, batchSize: config.batchSize,
                                           normalization: data.normalization, augment: fixedOrder == nil ? config.augment : [], rng: rng.fork())
            defer { prefetch.cancel() }
            let epochStart = monotonicSeconds()
            var lossSum = 0.0, correct = 0, seen = 0
            var batchIndex = 0
            var lr = config.learningRate
            while let (x, labels) = prefetch.next() {
                if shouldStop() { return .interrupted(epoch: epochOffset + epoch, batch: batchIndex) }
                lr = config.schedule.learningRate(base: baseLearningRate, step: step, stepsPerEpoch: perEpoch, totalSteps: total)
                for (i, t) in guarded.enumerated() { beforeStep[i].withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: t.data, count: t.count) } }
                model.root.zeroGradients()
                let logits = model.forward(x, context: model.context(training: true, rng: dropoutRng))
                let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
                let diverged = TrainingOutcome.diverged(epoch: epochOffset + epoch, batch: batchIndex + 1, step: firstStep + step, loss: r.loss)
                guard r.loss.isFinite else {
                    restore(beforeStep)
                    return diverged
                }
                // Full batches only: a norm of the mean loss's gradient grows as the batch shrinks.
                let recording = tap != nil && batchIndex % recordEvery == 0 && labels.count == config.batchSize
                if recording { tap!.attach() }
                _ = model.backward(r.gradient)
                if recording {
                    tap!.detach()
                    history.record(GradientRecord(step: firstStep + step, epoch: epochOffset + epoch, profile: tap!.profile()))
                }
                if let c = config.clipNorm { Optimizer.clipGradients(params, maxNorm: c) }
                optimizer.update(params, learningRate: lr)
                guard params.allSatisfy({ Self.allFinite($0.1.value) }) else {
                    restore(beforeStep)
                    return diverged
                }
                batchIndex += 1
                step += 1
                lossSum += r.loss * Double(labels.count)
                correct += r.correct
                seen += labels.count
                history.steps.append(.init(step: firstStep + step - 1, loss: r.loss, accuracy: Double(r.correct) / Double(labels.count), learningRate: lr))
                let elapsed = monotonicSeconds() - startTime
                events(.batch(BatchProgress(
                    epoch: epochOffset + epoch, epochs: epochOffset + config.epochs, batch: batchIndex, batchesPerEpoch: perEpoch,
                    step: step, totalSteps: total, loss: r.loss, accuracy: Double(r.correct) / Double(labels.count),
                    imagesPerSecond: Double(seen) / max(1e-9, monotonicSeconds() - epochStart),
                    secondsLeft: elapsed / Double(step) * Double(total - step), learningRate: lr,
                    epochLoss: lossSum / Double(max(1, seen)), epochAccuracy: Double(correct) / Double(max(1, seen)), epochImages: seen)))
            }
            var summary = EpochSummary(epoch: epochOffset + epoch, trainLoss: lossSum / Double(max(1, seen)),
                                       trainAccuracy: Double(correct) / Double(max(1, seen)), validationLoss: nil,
                                       validationAccuracy: nil, seconds: monotonicSeconds() - epochStart, learningRate: lr)
            if let v = data.validation, fixedOrder == nil {
                var stopped = false
                let e = Evaluation.run(model, on: v, normalization: data.normalization, batchSize: max(config.batchSize, 256)) {
                    stopped = stopped || shouldStop()
                    return stopped
                }
                if stopped { return .interrupted(epoch: epochOffset + epoch, batch: batchIndex) }
                summary.validationLoss = e.loss
                summary.validationAccuracy = e.accuracy
                if config.patience == nil, config.keepBest, best == nil || e.accuracy > best!.accuracy {
                    best = (e.accuracy, snapshot())
                }
                if let patience = config.patience {
                    // A loss that is not a number is no improvement (and never the best).
                    if e.loss.isFinite && (lowest == nil || e.loss < lowest!.loss) {
                        lowest = (e.loss, summary.epoch, config.keepBest ? snapshot() : nil)
                        waited = 0
                    } else {
                        waited += 1
                    }
                    if waited >= patience && epoch < config.epochs, let lowest {
                        stoppedEarly = (summary.epoch, lowest.epoch, lowest.loss)
                    }
                }
            }
            history.epochs.append(summary)
            events(.epoch(summary))
            if stoppedEarly != nil { break }
        }
        if let best, config.keepBest { restore(best.state) }
        if let state = lowest?.state { restore(state) }
        return .completed
    }

    static func allFinite(_ t: Tensor) -> Bool { Vec.allFinite(t.data, t.count) }

    func snapshot() -> [[Float]] { model.savedState() }
    func restore(_ s: [[Float]]) { model.restore(s) }
}

/// Loss, accuracy and predictions of a model on a data set, in evaluation mode.
public struct Evaluation: Sendable {
    public var loss: Double
    public var accuracy: Double
    public var predictions: [Int]
    public var labels: [Int]
    /// Class probabilities of every sample (rows of `classes`).
    public var probabilities: [Float]

    public static func run(_ model: Model, on data: Dataset, normalization: Normalization, batchSize: Int = 256,
                           limit: Int? = nil, shouldStop: () -> Bool = { false }) -> Evaluation {
        let n = min(data.count, limit ?? data.count)
        let k = model.classes
        var lossSum = 0.0, correct = 0
        var preds: [Int] = [], labels: [Int] = [], probs: [Float] = []
        preds.reserveCapacity(n)
        var start = 0
        let ctx = model.context(training: false, rng: RandomSource(seed: 0))
        while start < n && !shouldStop() {
            let end = min(n, start + batchSize)
            let (x, l) = Batches.make(data, indices: Array(start..<end)[...], normalization: normalization)
            let logits = model.forward(x, context: ctx)
            let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: l, needGradient: false)
            lossSum += r.loss * Double(l.count)
            correct += r.correct
            for i in 0..<l.count {
                let row = Array(UnsafeBufferPointer(start: logits.data + i * k, count: k))
                let p = SoftmaxCrossEntropy.softmax(row)
                preds.append(p.indices.max { p[$0] < p[$1] }!)
                probs.append(contentsOf: p.map { Float($0) })
            }
            withExtendedLifetime(logits) {}
            labels += l
            start = end
        }
        let done = max(1, labels.count)
        return Evaluation(loss: lossSum / Double(done), accuracy: Double(correct) / Double(done), predictions: preds,
                          labels: labels, probabilities: probs)
    }
}
