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
    static let momentum = Key<Double>("momentum", .number(min: 0, max: 1), default: 0.1, "weight of the batch in the running statistics")
    static let eps = Key<Double>("eps", .number(min: 0, max: 1), default: 1e-5, "added to the variance before the square root")
    static let affine = Key<Bool>("affine", .bool, default: true, "learn a scale γ and shift β per channel")
    let parameters = [BatchNormPlugin.momentum.spec, BatchNormPlugin.eps.spec, BatchNormPlugin.affine.spec]
    func build(_ a: Arguments, input: FeatureShape) throws -> Layer {
        BatchNorm(shape: input, momentum: a[Self.momentum], eps: a[Self.eps], affine: a[Self.affine])
    }
}

final class BatchNorm: Layer, ReLUFusable {
    let typeName = "batchnorm"
    let shape: FeatureShape
    let channels: Int
    let momentum: Double
    let eps: Double
    let gamma: Parameter?
    let beta: Parameter?
    let runningMean: Tensor
    let runningVar: Tensor
    // Kept for backward: the input (already held by the layer before, so no extra memory) and
    // the statistics that normalised it.
    private var input: Tensor?
    private var mean: [Float] = []
    private var invStd: [Float] = []
    private var trainedForward = false
    /// The affine map of the last forward, x·scale + shift per channel, from which backward
    /// recomputes where a fused ReLU passed its input.
    private var scale: [Float] = []
    private var shift: [Float] = []

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

    var gammaValues: [Float] { gamma?.value.values ?? [Float](repeating: 1, count: channels) }
    var betaValues: [Float] { beta?.value.values ?? [Float](repeating: 0, count: channels) }

    /// Two per-channel sums over all rows, Σ f and Σ g, computed by `body(rows, accF, accG)` on
    /// each thread's block of rows (float accumulation in short runs, summed in double), then
    /// added in a fixed order so the result does not depend on timing.
    func channelSums(rows: Int, _ body: @escaping (Range<Int>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> ([Double], [Double]) {
        let c = channels
        let parts = min(Parallel.threads, max(1, rows / 512))
        var partial = [Double](repeating: 0, count: parts * 2 * c)
        partial.withUnsafeMutableBufferPointer { p in
            let base = UncheckedPointer(p.baseAddress!)
            Parallel.forEachChunk(parts) { pr in
                let f = UnsafeMutablePointer<Float>.allocate(capacity: 2 * c)
                defer { f.deallocate() }
                for part in pr {
                    let lo = rows * part / parts, hi = rows * (part + 1) / parts
                    let acc = base.value + part * 2 * c
                    var r = lo
                    while r < hi {
                        let end = min(hi, r + 64)
                        f.update(repeating: 0, count: 2 * c)
                        body(r..<end, f, f + c)
                        for i in 0..<(2 * c) { acc[i] += Double(f[i]) }
                        r = end
                    }
                }
            }
        }
        var a = [Double](repeating: 0, count: c), b = [Double](repeating: 0, count: c)
        for part in 0..<parts {
            for ch in 0..<c {
                a[ch] += partial[part * 2 * c + ch]
                b[ch] += partial[part * 2 * c + c + ch]
            }
        }
        return (a, b)
    }

    func forward(_ x: Tensor, context: RunContext) -> Tensor { forward(x, context: context, thenReLU: false) }

    /// With `thenReLU`, returns max(0, BN(x)) from the same pass that normalises (Sequence's
    /// fused path for a batchnorm followed by a relu): one pass over the activations less.
    func forward(_ x: Tensor, context: RunContext, thenReLU: Bool) -> Tensor {
        let y = Tensor(batch: x.batch, shape: shape, zeroed: false)
        normalise(x, context: context)
        BatchNorm.affine(x, scale, shift, into: ChannelSlice(y), channels: channels, thenReLU: thenReLU)
        return y
    }

    /// Forward with the output written into a slice of a wider tensor (a branch's channels in a
    /// concatenation's output) instead of a tensor of its own: the concatenation's copy saved.
    func forward(_ x: Tensor, context: RunContext, thenReLU: Bool, into out: ChannelSlice) {
        normalise(x, context: context)
        BatchNorm.affine(x, scale, shift, into: out, channels: channels, thenReLU: thenReLU)
    }

    /// The statistics that normalise `x` (the batch's in training, the running ones in
    /// evaluation), the running statistics' update, and the per-channel scale and shift.
    private func normalise(_ x: Tensor, context: RunContext) {
        let m = x.count / channels, c = channels
        if context.training {
            // One pass: sums of (x − K) and (x − K)² with K the first row, a shift that keeps the
            // variance accurate without a second pass over the data.
            let xp = UncheckedPointer(x.data)
            let k = Array(UnsafeBufferPointer(start: x.data, count: c))
            let (s1, s2) = channelSums(rows: m) { rows, a, b in
                k.withUnsafeBufferPointer { kk in
                    for r in rows {
                        let row = xp.value + r * c
                        for ch in 0..<c {
                            let d = row[ch] - kk[ch]
                            a[ch] += d
                            b[ch] += d * d
                        }
                    }
                }
            }
            var meanD = [Double](repeating: 0, count: c), varD = [Double](repeating: 0, count: c)
            for ch in 0..<c {
                let md = s1[ch] / Double(m)
                meanD[ch] = Double(k[ch]) + md
                varD[ch] = max(0, s2[ch] / Double(m) - md * md)
            }
            mean = meanD.map { Float($0) }
            invStd = varD.map { Float(1 / ($0 + eps).squareRoot()) }
            for ch in 0..<c {
                runningMean.data[ch] = Float((1 - momentum) * Double(runningMean.data[ch]) + momentum * meanD[ch])
                let unbiased = m > 1 ? varD[ch] * Double(m) / Double(m - 1) : varD[ch]
                runningVar.data[ch] = Float((1 - momentum) * Double(runningVar.data[ch]) + momentum * unbiased)
            }
            trainedForward = true
        } else {
            mean = runningMean.values
            invStd = runningVar.values.map { Float(1 / (Double($0) + eps).squareRoot()) }
            trainedForward = false
        }
        input = context.recordsForBackward ? x : nil
        let g = gammaValues, b = betaValues
        scale = (0..<c).map { g[$0] * invStd[$0] }
        shift = (0..<c).map { b[$0] - mean[$0] * g[$0] * invStd[$0] }
    }

    /// out[r, c] = x[r, c]·scale[c] + shift[c], then max(0, ·) with `thenReLU` (as Vec.relu:
    /// only values below 0 become 0, so the fused and plain paths agree bit for bit).
    static func affine(_ x: Tensor, _ scale: [Float], _ shift: [Float], into out: ChannelSlice, channels c: Int,
                       thenReLU: Bool = false) {
        let (xp, op, stride) = (UncheckedPointer(x.data), UncheckedPointer(out.base), out.stride)
        Parallel.forEachChunk(x.count / c, grain: 256) { range in
            scale.withUnsafeBufferPointer { s in
                shift.withUnsafeBufferPointer { b in
                    for r in range {
                        let i = xp.value + r * c, o = op.value + r * stride
                        if thenReLU {
                            for ch in 0..<c {
                                let v = i[ch] * s[ch] + b[ch]
                                o[ch] = v < 0 ? 0 : v
                            }
                        } else {
                            for ch in 0..<c { o[ch] = i[ch] * s[ch] + b[ch] }
                        }
                    }
                }
            }
        }
    }

    func backward(_ dy: Tensor) -> Tensor { backward(dy, throughReLU: false) }

    /// With `throughReLU` (a ReLU was fused into this layer's forward), takes dy as the
    /// ReLU's output gradient and applies the ReLU's derivative inline: dy where that output is
    /// above 0, else 0, exactly as ReLU.backward would (Vec.reluBackward), without writing and
    /// re-reading that intermediate gradient. Where the output is above 0 is recomputed from the
    /// input, already read here: x·scale + shift with the forward's own scale and shift and
    /// arithmetic (a multiply, then an add), above 0 exactly where the ReLU's output is (a NaN
    /// passes both). Reading the output instead was two of the seven passes over activations.
    ///
    /// With `columnSums`, also adds the input gradient's column sums (per channel, over all rows)
    /// there: the bias gradient of a pointwise convolution before this layer, from the pass that
    /// writes that gradient rather than a pass of its own (Conv2d.biasGradientFromNextLayer).
    func backward(_ dy: Tensor, throughReLU: Bool, columnSums: UnsafeMutablePointer<Float>? = nil) -> Tensor {
        let dx = Tensor(batch: dy.batch, shape: shape, zeroed: false)
        backward(dy, throughReLU: throughReLU, columnSums: columnSums, into: ChannelSlice(dx))
        return dx
    }

    /// Backward with dx written into a slice of a wider tensor (a branch's channels of the
    /// gradient a concatenation's grouped pointwise convolutions take as one; Concat.swift).
    func backward(_ dy: Tensor, throughReLU: Bool, columnSums: UnsafeMutablePointer<Float>?, into out: ChannelSlice) {
        guard let x = input else { preconditionFailure("batchnorm backward without a recorded forward") }
        let c = channels, m = dy.count / c, outStride = out.stride
        let (dyp, xp) = (UncheckedPointer(dy.data), UncheckedPointer(x.data))
        let masked = throughReLU
        // Per channel, side by side in one array: μ, 1/σ, and the forward's scale and shift.
        let stats = mean + invStd + scale + shift
        // Σ dy and Σ dy·x̂ in one pass, x̂ = (x − μ)·invStd recomputed on the fly.
        let (sumDy, sumDyXhat) = channelSums(rows: m) { rows, a, b in
            stats.withUnsafeBufferPointer { buffer in
                let (mp, ip, sp, hp) = (buffer.baseAddress!, buffer.baseAddress! + c, buffer.baseAddress! + 2 * c, buffer.baseAddress! + 3 * c)
                for r in rows {
                    let g = dyp.value + r * c, xr = xp.value + r * c
                    var ch = 0
                    while ch + 8 <= c {
                        let xv = Vec.load(xr + ch)
                        let gm = BatchNorm.passed(Vec.load(g + ch), xv, Vec.load(sp + ch), Vec.load(hp + ch), masked)
                        Vec.store(Vec.load(a + ch) + gm, a + ch)
                        Vec.store(Vec.load(b + ch) + gm * (xv - Vec.load(mp + ch)) * Vec.load(ip + ch), b + ch)
                        ch += 8
                    }
                    while ch < c {
                        let gm = BatchNorm.passed(g[ch], xr[ch], sp[ch], hp[ch], masked)
                        a[ch] += gm
                        b[ch] += gm * (xr[ch] - mp[ch]) * ip[ch]
                        ch += 1
                    }
                }
            }
        }
        if let gamma, let beta {
            for ch in 0..<c {
                beta.grad.data[ch] += Float(sumDy[ch])
                gamma.grad.data[ch] += Float(sumDyXhat[ch])
            }
        }
        input = nil
        // dx = k·(dy − mean dy − x̂·mean(dy·x̂)) = dy·k + x·a + b per channel, in training, with
        // k = γ/σ, the forward's scale; with evaluation-mode statistics (constants), a = b = 0:
        // dx = k·dy.
        let k = scale, mu = mean, inv = invStd
        var a = [Float](repeating: 0, count: c), b = [Float](repeating: 0, count: c)
        if trainedForward {
            for ch in 0..<c {
                let mdy = Float(sumDy[ch] / Double(m)), mdx = Float(sumDyXhat[ch] / Double(m))
                a[ch] = -k[ch] * mdx * inv[ch]
                b[ch] = -k[ch] * mdy + k[ch] * mdx * inv[ch] * mu[ch]
            }
        }
        // Per channel, side by side: k (also the mask's scale), a, b and the mask's shift.
        let coefficients = k + a + b + shift
        let dxp = UncheckedPointer(out.base)
        let trained = trainedForward
        // With columnSums, the blocks' sums of dx as Kernels.accumulateColumnSums would give them.
        Kernels.forEachRowBlock(rows: m, cols: c, summing: out.base, stride: outStride, into: columnSums) { block in
            coefficients.withUnsafeBufferPointer { buffer in
                let (kp, ap, bp, hp) = (buffer.baseAddress!, buffer.baseAddress! + c, buffer.baseAddress! + 2 * c, buffer.baseAddress! + 3 * c)
                for r in block {
                    let gr = dyp.value + r * c, xr = xp.value + r * c, o = dxp.value + r * outStride
                    var ch = 0
                    while ch + 8 <= c {
                        let xv = Vec.load(xr + ch), kv = Vec.load(kp + ch)
                        let gm = BatchNorm.passed(Vec.load(gr + ch), xv, kv, Vec.load(hp + ch), masked)
                        Vec.store(trained ? gm * kv + xv * Vec.load(ap + ch) + Vec.load(bp + ch) : gm * kv + 0, o + ch)
                        ch += 8
                    }
                    while ch < c {
                        let gm = BatchNorm.passed(gr[ch], xr[ch], kp[ch], hp[ch], masked)
                        o[ch] = trained ? gm * kp[ch] + xr[ch] * ap[ch] + bp[ch] : gm * kp[ch] + 0
                        ch += 1
                    }
                }
            }
        }
    }

    /// The input gradient of a ReLU fused into the last forward: dy where it passed, else 0,
    /// equal to ReLU.backward's (for a gradient observer; `backward(_:throughReLU:)` applies it
    /// inline).
    func gradientThroughFusedReLU(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("batchnorm backward without a recorded forward") }
        let c = channels
        let out = Tensor(batch: dy.batch, shape: shape, zeroed: false)
        let (dyp, xp, op) = (UncheckedPointer(dy.data), UncheckedPointer(x.data), UncheckedPointer(out.data))
        let affine = scale + shift
        Parallel.forEachChunk(dy.count / c, grain: 256) { range in
            affine.withUnsafeBufferPointer { buffer in
                let (sp, hp) = (buffer.baseAddress!, buffer.baseAddress! + c)
                for r in range {
                    let g = dyp.value + r * c, xr = xp.value + r * c, o = op.value + r * c
                    var ch = 0
                    while ch + 8 <= c {
                        Vec.store(BatchNorm.passed(Vec.load(g + ch), Vec.load(xr + ch), Vec.load(sp + ch), Vec.load(hp + ch), true), o + ch)
                        ch += 8
                    }
                    while ch < c {
                        o[ch] = BatchNorm.passed(g[ch], xr[ch], sp[ch], hp[ch], true)
                        ch += 1
                    }
                }
            }
        }
        return out
    }

    /// dy, or 0 where a fused ReLU stopped its input: x·scale + shift ≤ 0, the forward's own
    /// arithmetic (a multiply, then an add), so exactly where the ReLU's output is ≤ 0 (a NaN
    /// passes both). Eight channels as a select: a scalar ternary in these loops branched on
    /// every element.
    @inline(__always) static func passed(_ g: SIMD8<Float>, _ x: SIMD8<Float>, _ scale: SIMD8<Float>, _ shift: SIMD8<Float>,
                                         _ masked: Bool) -> SIMD8<Float> {
        masked ? g.replacing(with: 0, where: x * scale + shift .<= 0) : g
    }
    @inline(__always) static func passed(_ g: Float, _ x: Float, _ scale: Float, _ shift: Float, _ masked: Bool) -> Float {
        masked && x * scale + shift <= 0 ? 0 : g
    }
}

// ONNX BatchNormalization in inference mode: the running statistics, as evaluation uses here.
// Without affine, γ = 1 and β = 0.
extension BatchNorm: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let scale = gamma.map { graph.addWeight($0) } ?? graph.addWeight("weight", dims: [channels], values: [Float](repeating: 1, count: channels))
        let shift = beta.map { graph.addWeight($0) } ?? graph.addWeight("bias", dims: [channels], values: [Float](repeating: 0, count: channels))
        let mean = graph.addWeight("running_mean", dims: [channels], values: runningMean.values)
        let variance = graph.addWeight("running_var", dims: [channels], values: runningVar.values)
        return graph.addNode("BatchNormalization", inputs: [input, scale, shift, mean, variance],
                             attributes: [.float("epsilon", Float(eps)), .float("momentum", Float(1 - momentum))])
    }
}
