import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// The learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks",
/// 2017; popularised as fastai's `lr_find`): a few hundred training steps with the learning rate
/// growing exponentially from tiny to huge, the loss recorded at each, and the weights put back
/// as they were afterwards. The loss falls once the rate is large enough to learn, then rises
/// and blows up once it is too large; a good rate lies on the steep descent, before the minimum.
public enum LearningRateFinder {
    public struct Result: Sendable {
        /// The rate and the loss of each step (the loss smoothed, as the curve is read).
        public var rates: [Double]
        public var losses: [Double]
        public var smoothed: [Double]
        /// Where the smoothed loss falls fastest (per decade of rate): the suggested rate.
        public var steepest: Int?
        /// Where the smoothed loss is lowest; a tenth of its rate is the other usual pick.
        public var minimum: Int?
        /// Why the test ended before its last step ("the loss blew up", "stopped").
        public var endedEarly: String?

        public var suggestion: Double? { steepest.map { rates[$0] } }
    }

    /// Runs the test on `model` with a fresh optimiser of `kind`, from `start` to `end` over
    /// `steps` batches of `batchSize` (cycling through shuffled training images); ends early when
    /// the smoothed loss passes four times its minimum or stops being finite. The model's
    /// parameters and buffers (batch-norm statistics) are restored bit for bit, whatever happens.
    public static func run(model: Model, data: DataSplit, batchSize: Int, kind: Optimizer.Kind, momentum: Double, weightDecay: Double,
                           start: Double, end: Double, steps: Int, augment: [Augmentation], rng: RandomSource,
                           shouldStop: () -> Bool) -> Result {
        precondition(start > 0 && end > start && steps >= 2 && batchSize >= 1)
        let saved = model.savedState()
        defer { model.restore(saved) }
        let optimizer = Optimizer(kind: kind, momentum: momentum, nesterov: false, weightDecay: weightDecay)
        let params = model.parameters
        let dropoutRng = rng.fork()
        let ratio = pow(end / start, 1 / Double(steps - 1))
        var result = Result(rates: [], losses: [], smoothed: [], steepest: nil, minimum: nil, endedEarly: nil)
        var average = 0.0, best = Double.infinity
        let beta = 0.98  // fastai's smoothing, with bias correction
        var step = 0
        outer: while step < steps {
            var order = Array(0..<data.train.count)
            rng.shuffle(&order)
            let prefetch = BatchPrefetcher(data: data.train, order: order, batchSize: batchSize, normalization: data.normalization,
                                           augment: augment, rng: rng.fork())
            defer { prefetch.cancel() }
            while step < steps, let (x, labels) = prefetch.next() {
                if shouldStop() { result.endedEarly = "stopped"; break outer }
                let lr = start * pow(ratio, Double(step))
                model.root.zeroGradients()
                let logits = model.forward(x, context: model.context(training: true, rng: dropoutRng))
                let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
                guard r.loss.isFinite else { result.endedEarly = tr("the loss stopped being a finite number"); break outer }
                _ = model.backward(r.gradient)
                optimizer.update(params, learningRate: lr)
                average = beta * average + (1 - beta) * r.loss
                let smooth = average / (1 - pow(beta, Double(step + 1)))
                result.rates.append(lr)
                result.losses.append(r.loss)
                result.smoothed.append(smooth)
                best = min(best, smooth)
                step += 1
                if step > 10 && smooth > 4 * best { result.endedEarly = tr("the loss blew up (over four times its lowest)"); break outer }
            }
            if data.train.count == 0 { break }
        }
        (result.steepest, result.minimum) = pick(rates: result.rates, smoothed: result.smoothed)
        return result
    }

    /// The steepest fall of the smoothed loss against log10(rate) before its minimum (skipping
    /// the first tenth, where the average is still settling), and the minimum.
    static func pick(rates: [Double], smoothed: [Double]) -> (steepest: Int?, minimum: Int?) {
        guard smoothed.count >= 5, let minimum = smoothed.indices.min(by: { smoothed[$0] < smoothed[$1] }) else { return (nil, nil) }
        let from = max(1, smoothed.count / 10)
        guard minimum > from else { return (nil, minimum) }
        var steepest: Int?, slope = 0.0
        for i in from..<minimum {
            let s = (smoothed[i + 1] - smoothed[i - 1]) / (log10(rates[i + 1]) - log10(rates[i - 1]))
            if s < slope { slope = s; steepest = i }
        }
        return (steepest, minimum)
    }
}
