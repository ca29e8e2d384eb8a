import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// Throughput of the reference models in the terms of ../shared/bench/torch_bench.py:
/// one training step = forward + cross-entropy + backward + SGD(momentum 0.9) update on random
/// normal inputs and random labels (a few batches made beforehand and cycled); inference =
/// evaluation-mode forward only. Warm-up steps, then timed blocks; min / median / max images/s.
public enum Benchmark {
    public struct Result: Sendable {
        public var model: String
        public var mode: String
        public var batch: Int
        public var threads: Int
        public var imagesPerSecond: [Double]
        public var multiplyAddsPerImage: Int
        public var finalLoss: Double
        /// Which code ran each convolution: oneDNN's implementation names (forward; backward
        /// data; backward weights) or "im2col + GEMM", with how many layers ran it.
        public var convolutionKernels: [(kernels: String, layers: Int)] = []
        public var median: Double { imagesPerSecond.sorted()[imagesPerSecond.count / 2] }
        /// FLOP/s at the median: 2·MACs per image for inference, 3 × that for training.
        public var gflops: Double { median * Double(multiplyAddsPerImage) * 2 * (mode == "train" ? 3 : 1) / 1e9 }
    }

    /// `spec` for `shape` (the zoo's models come from the language: `Zoo.spec` in CNNLanguage).
    public static func run(model name: String, spec: ModelSpec, input shape: FeatureShape, mode: String, batch: Int, threads: Int, warmup: Int = 3,
                           repeats: Int = 5, steps: Int = 10, minBlockSeconds: Double = 0) throws -> Result {
        Parallel.threads = threads
        let model = try Model(spec: spec, input: shape)
        model.initialize(seed: 0)
        let rng = RandomSource(seed: 0)
        let batches: [(Tensor, [Int])] = (0..<4).map { _ in
            let x = Tensor(batch: batch, shape: shape)
            for i in 0..<x.count { x.data[i] = Float(rng.normal()) }
            return (x, (0..<batch).map { _ in rng.int(10) })
        }
        let optimizer = Optimizer(kind: .sgd, momentum: 0.9)
        let params = model.parameters
        let train = mode == "train"
        let ctx = model.context(training: train, rng: rng)
        var k = 0
        var loss = 0.0
        func step() {
            let (x, y) = batches[k % batches.count]
            k += 1
            if train {
                model.root.zeroGradients()
                let logits = model.forward(x, context: ctx)
                let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: y)
                _ = model.backward(r.gradient)
                optimizer.update(params, learningRate: 0.01)
                loss = r.loss
            } else {
                _ = model.forward(x, context: ctx)
            }
        }
        var last = 0.0
        for _ in 0..<max(1, warmup) {
            let t = monotonicSeconds()
            step()
            last = monotonicSeconds() - t
        }
        let n = minBlockSeconds > 0 ? max(steps, Int(minBlockSeconds / max(last, 1e-6)) + 1) : steps
        var rates: [Double] = []
        for _ in 0..<repeats {
            let t0 = monotonicSeconds()
            for _ in 0..<n { step() }
            rates.append(Double(batch * n) / (monotonicSeconds() - t0))
        }
        var result = Result(model: name, mode: mode, batch: batch, threads: threads, imagesPerSecond: rates,
                            multiplyAddsPerImage: model.root.totalMultiplyAdds, finalLoss: loss)
        result.convolutionKernels = convolutionKernels(model, batch: batch)
        return result
    }

    static func convolutionKernels(_ model: Model, batch: Int) -> [(kernels: String, layers: Int)] {
        var counts: [String: Int] = [:]
        for (_, layer, _) in model.allLayers() {
            guard let conv = layer as? Conv2d else { continue }
            counts[conv.kernels(batch: batch, backend: model.options.convolutionBackend), default: 0] += 1
        }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }
}
