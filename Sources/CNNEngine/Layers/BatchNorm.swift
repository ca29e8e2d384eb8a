import CNNCore

// Batch normalisation. Ioffe & Szegedy 2015, arXiv:1502.03167.
// Per channel c over the M = N·H·W values of a batch (or N for flat features):
//   train: μ = mean x, σ² = mean (x − μ)², x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β;
//          running_mean ← (1 − m)·running_mean + m·μ, running_var ← (1 − m)·running_var + m·σ²·M/(M − 1)
//   eval:  the same with the running statistics.
// Backward (train): dβ = Σ dy, dγ = Σ dy·x̂, dx = γ/√(σ² + ε) · (dy − mean dy − x̂ · mean(dy·x̂)).
// Channels-last memory makes every layout a rows × C matrix, so one code path serves both.

final class BatchNormPlugin: LayerPlugin {
    let name = "batchnorm"
    let aliases = ["batchnorm2d", "bn", "batchnorm1d"]
    let summary = "Batch normalisation: normalises each channel over the batch, then scales and shifts it (learned γ, β)."
    let doc = """
        Training uses the batch's mean and variance and updates running statistics (momentum 0.1);
        evaluation uses the running statistics. Works on images (per channel) and flat features.
        Paper: Ioffe & Szegedy 2015, Batch normalization, arXiv:1502.03167.
        """
    let parameters: [LayerParameter] = [
        LayerParameter("momentum", .float(min: 0, max: 1), default: .float(0.1), "weight of the batch in the running statistics"),
        LayerParameter("eps", .float(min: 0, max: 1), default: .float(1e-5), "added to the variance before the square root"),
        LayerParameter("affine", .bool, default: .bool(true), "learn a scale γ and shift β per channel"),
    ]
    func build(_ a: LayerArguments, input: FeatureShape) throws -> Layer {
        BatchNorm(shape: input, momentum: a.float("momentum"), eps: a.float("eps"), affine: a.bool("affine"))
    }
}

final class BatchNorm: Layer {
    let typeName = "batchnorm"
    let shape: FeatureShape
    let channels: Int
    let momentum: Double
    let eps: Double
    let gamma: Parameter?
    let beta: Parameter?
    let runningMean: Tensor
    let runningVar: Tensor
    private var xhat: Tensor?
    private var invStd: [Float] = []
    private var trainedForward = false

    init(shape: FeatureShape, momentum: Double, eps: Double, affine: Bool) {
        self.shape = shape
        channels = shape.channels
        self.momentum = momentum
        self.eps = eps
        gamma = affine ? Parameter(name: "weight", shape: [channels], decays: true) : nil
        beta = affine ? Parameter(name: "bias", shape: [channels], decays: true) : nil
        runningMean = Tensor(batch: 1, shape: .flat(channels))
        runningVar = Tensor(batch: 1, shape: .flat(channels))
        runningVar.fill(1)
        gamma?.value.fill(1)
    }

    var inputShape: FeatureShape { shape }
    var outputShape: FeatureShape { shape }
    var parameters: [Parameter] { [gamma, beta].compactMap { $0 } }
    var buffers: [(name: String, tensor: Tensor)] { [("running_mean", runningMean), ("running_var", runningVar)] }
    var multiplyAdds: Int { shape.count }
    var detail: String { "\(channels)" }

    func initialize(_ rng: RandomSource, scheme: InitScheme) {
        gamma?.value.fill(1)
        beta?.value.fill(0)
        runningMean.fill(0)
        runningVar.fill(1)
    }

    func rows(_ x: Tensor) -> Int { x.count / channels }

    /// Per-channel Σ f(row values) in double precision; per-thread partials summed in a fixed order.
    func channelSums(rows: Int, _ f: @escaping (Int, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        let c = channels
        let parts = min(Parallel.threads, max(1, rows / 512))
        var partial = [Double](repeating: 0, count: parts * c)
        partial.withUnsafeMutableBufferPointer { p in
            let base = UncheckedPointer(p.baseAddress!)
            Parallel.forEachChunk(parts) { pr in
                for part in pr {
                    let acc = base.value + part * c
                    for r in (rows * part / parts)..<(rows * (part + 1) / parts) { f(r, acc) }
                }
            }
        }
        var out = [Double](repeating: 0, count: c)
        for part in 0..<parts { for ch in 0..<c { out[ch] += partial[part * c + ch] } }
        return out
    }

    func forward(_ x: Tensor, context: RunContext) -> Tensor {
        let m = rows(x), c = channels
        let y = Tensor(batch: x.batch, shape: shape)
        var scale = [Float](repeating: 1, count: c), shift = [Float](repeating: 0, count: c)
        let xp = UncheckedPointer(x.data)
        if context.training {
            let sums = channelSums(rows: m) { r, acc in
                let row = xp.value + r * c
                for ch in 0..<c { acc[ch] += Double(row[ch]) }
            }
            let mean = sums.map { $0 / Double(m) }
            let meanF = mean.map { Float($0) }
            let sq = channelSums(rows: m) { r, acc in
                let row = xp.value + r * c
                for ch in 0..<c {
                    let d = Double(row[ch] - meanF[ch])
                    acc[ch] += d * d
                }
            }
            let variance = sq.map { $0 / Double(m) }
            invStd = variance.map { Float(1 / ($0 + eps).squareRoot()) }
            for ch in 0..<c {
                runningMean.data[ch] = Float((1 - momentum) * Double(runningMean.data[ch]) + momentum * mean[ch])
                let unbiased = m > 1 ? variance[ch] * Double(m) / Double(m - 1) : variance[ch]
                runningVar.data[ch] = Float((1 - momentum) * Double(runningVar.data[ch]) + momentum * unbiased)
                scale[ch] = invStd[ch]
                shift[ch] = -meanF[ch] * invStd[ch]
            }
            // keep x̂ for backward; y = γ·x̂ + β
            let xh = Tensor(batch: x.batch, shape: shape)
            apply(x, scale, shift, into: xh)
            xhat = xh
            trainedForward = true
            let g = gamma.map { $0.value.values } ?? [Float](repeating: 1, count: c)
            let b = beta.map { $0.value.values } ?? [Float](repeating: 0, count: c)
            apply(xh, g, b, into: y)
        } else {
            trainedForward = false
            for ch in 0..<c {
                let inv = Float(1 / (Double(runningVar.data[ch]) + eps).squareRoot())
                let g = gamma?.value.data[ch] ?? 1, b = beta?.value.data[ch] ?? 0
                scale[ch] = g * inv
                shift[ch] = b - runningMean.data[ch] * g * inv
            }
            invStd = (0..<c).map { Float(1 / (Double(runningVar.data[$0]) + eps).squareRoot()) }
            apply(x, scale, shift, into: y)
            if context.recordsForBackward {
                let xh = Tensor(batch: x.batch, shape: shape)
                apply(x, invStd, (0..<c).map { -runningMean.data[$0] * invStd[$0] }, into: xh)
                xhat = xh
            }
        }
        return y
    }

    /// out[r, c] = x[r, c]·scale[c] + shift[c]
    func apply(_ x: Tensor, _ scale: [Float], _ shift: [Float], into out: Tensor) {
        let (xp, op, c) = (UncheckedPointer(x.data), UncheckedPointer(out.data), channels)
        Parallel.forEachChunk(rows(x), grain: 256) { range in
            scale.withUnsafeBufferPointer { s in
                shift.withUnsafeBufferPointer { b in
                    for r in range {
                        let i = xp.value + r * c, o = op.value + r * c
                        for ch in 0..<c { o[ch] = i[ch] * s[ch] + b[ch] }
                    }
                }
            }
        }
    }

    func backward(_ dy: Tensor) -> Tensor {
        let c = channels, m = rows(dy)
        let dx = Tensor(batch: dy.batch, shape: shape)
        let g = gamma.map { $0.value.values } ?? [Float](repeating: 1, count: c)
        guard let xh = xhat else { preconditionFailure("batchnorm backward without a recorded forward") }
        let (dyp, xhp) = (UncheckedPointer(dy.data), UncheckedPointer(xh.data))
        let sumDy = channelSums(rows: m) { r, acc in
            let row = dyp.value + r * c
            for ch in 0..<c { acc[ch] += Double(row[ch]) }
        }
        let sumDyXhat = channelSums(rows: m) { r, acc in
            let a = dyp.value + r * c, b = xhp.value + r * c
            for ch in 0..<c { acc[ch] += Double(a[ch] * b[ch]) }
        }
        if let gamma, let beta {
            for ch in 0..<c {
                beta.grad.data[ch] += Float(sumDy[ch])
                gamma.grad.data[ch] += Float(sumDyXhat[ch])
            }
        }
        let k = (0..<c).map { g[$0] * invStd[$0] }
        guard trainedForward else {
            // Evaluation-mode statistics are constants: y = γ·x̂ + β with x̂ affine in x, so dx = γ/√(var + ε)·dy.
            apply(dy, k, [Float](repeating: 0, count: c), into: dx)
            xhat = nil
            return dx
        }
        let meanDy = sumDy.map { Float($0 / Double(m)) }
        let meanDyXhat = sumDyXhat.map { Float($0 / Double(m)) }
        let dxp = UncheckedPointer(dx.data)
        Parallel.forEachChunk(m, grain: 256) { range in
            for r in range {
                let a = dyp.value + r * c, b = xhp.value + r * c, o = dxp.value + r * c
                for ch in 0..<c { o[ch] = k[ch] * (a[ch] - meanDy[ch] - b[ch] * meanDyXhat[ch]) }
            }
        }
        xhat = nil
        return dx
    }
}
