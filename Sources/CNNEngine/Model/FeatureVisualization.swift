import CNNCore

/// Feature visualisation by activation maximisation (Erhan et al. 2009; Olah, Mordvintsev &
/// Schubert, "Feature Visualization", Distill 2017): start from faint noise and climb the
/// gradient of what a channel (or a class score) responds to, with the usual regularisers so
/// the result is a pattern rather than high-frequency noise: the image is jittered (shifted by a
/// few pixels) before each step, blurred every few steps (a penalty on high frequencies), and
/// kept within the pixel range the data had.
extension Model {
    public enum VisualizationObjective: Sendable, Equatable {
        /// The mean of one channel of a top-level layer's output.
        case channel(layer: String, channel: Int)
        case classScore(Int)
    }

    public struct VisualizationSettings: Sendable {
        public var steps = 200
        public var learningRate = 0.02
        public var jitter = 2
        public var blurEvery = 4
        public init() {}
    }

    /// The input that raises `objective` (one image, normalised as `normalization` says, so its
    /// pixels stay within 0…1), and the objective's value at the start and at the end; nil when
    /// the layer is not a top-level one of a sequential model, or `shouldStop` says so.
    public func maximize(_ objective: VisualizationObjective, normalization: Normalization, settings: VisualizationSettings = VisualizationSettings(),
                         rng: RandomSource, shouldStop: () -> Bool = { false }) -> (image: Tensor, start: Double, end: Double)? {
        guard case .image(let c, let h, let w) = inputShape else { return nil }
        // What runs: the whole model for a class, or its top-level layers up to the chosen one.
        let net: Layer, target: Int
        switch objective {
        case .classScore(let k):
            net = root
            target = k
        case .channel(let name, let ch):
            guard let seq = root as? Sequence, let last = seq.items.firstIndex(where: { $0.name == name }),
                  case .image(let cc, _, _) = seq.items[last].layer.outputShape, ch < cc else { return nil }
            net = Sequence(Array(seq.items[0...last]), input: inputShape)
            target = ch
        }
        // Pixels 0…1 in normalised units: (p − mean) / std per channel.
        let lo = (0..<c).map { Double((0 - normalization.mean[$0]) / normalization.std[$0]) }
        let hi = (0..<c).map { Double((1 - normalization.mean[$0]) / normalization.std[$0]) }
        let x = Tensor(batch: 1, shape: inputShape)
        for p in 0..<(h * w) { for k in 0..<c { x.data[p * c + k] = Float((lo[k] + hi[k]) / 2 + 0.05 * (hi[k] - lo[k]) * rng.normal()) } }
        let saved = inputGradientNeeded
        inputGradientNeeded = true
        defer { inputGradientNeeded = saved; root.zeroGradients() }
        var start = 0.0, end = 0.0
        let shifted = Tensor(batch: 1, shape: inputShape)
        for step in 0..<settings.steps {
            if shouldStop() { return nil }
            let dy = settings.jitter > 0 ? Int(rng.next() % UInt64(2 * settings.jitter + 1)) - settings.jitter : 0
            let dx = settings.jitter > 0 ? Int(rng.next() % UInt64(2 * settings.jitter + 1)) - settings.jitter : 0
            Self.roll(x, into: shifted, h, w, c, dy, dx)
            let ctx = context(training: false, rng: RandomSource(seed: 0), recordsForBackward: true)
            let out = net.forward(shifted, context: ctx)
            let seed = Tensor(batch: 1, shape: out.shape)
            var value = 0.0
            if case .image(let oc, let oh, let ow) = out.shape {
                for p in 0..<(oh * ow) { seed.data[p * oc + target] = Float(1.0 / Double(oh * ow)); value += Double(out.data[p * oc + target]) }
                value /= Double(oh * ow)
            } else {
                seed.data[target] = 1
                value = Double(out.data[target])
            }
            if step == 0 { start = value }
            end = value
            let g = net.backward(seed)
            root.zeroGradients()
            // Undo the shift, then a step along the gradient scaled by its mean size (as DeepDream
            // does), so every step moves the pixels by about the same amount.
            let back = Tensor(batch: 1, shape: inputShape)
            Self.roll(g, into: back, h, w, c, -dy, -dx)
            var scale = 0.0
            for i in 0..<back.count { scale += abs(Double(back.data[i])) }
            scale /= Double(back.count)
            guard scale > 0, scale.isFinite else { break }
            let rate = settings.learningRate
            for p in 0..<(h * w) {
                for k in 0..<c {
                    let i = p * c + k
                    let v = Double(x.data[i]) + rate * (hi[k] - lo[k]) * Double(back.data[i]) / scale
                    x.data[i] = Float(min(hi[k], max(lo[k], v)))
                }
            }
            if settings.blurEvery > 0 && step % settings.blurEvery == settings.blurEvery - 1 { Self.blur(x, h, w, c) }
        }
        return (x, start, end)
    }

    /// Circular shift by (dy, dx).
    static func roll(_ src: Tensor, into dst: Tensor, _ h: Int, _ w: Int, _ c: Int, _ dy: Int, _ dx: Int) {
        for y in 0..<h {
            let sy = ((y - dy) % h + h) % h
            for x in 0..<w {
                let sx = ((x - dx) % w + w) % w
                for k in 0..<c { dst.data[(y * w + x) * c + k] = src.data[(sy * w + sx) * c + k] }
            }
        }
    }

    /// A 3×3 binomial blur (1 2 1 / 2 4 2 / 1 2 1, over 16), edges clamped.
    static func blur(_ t: Tensor, _ h: Int, _ w: Int, _ c: Int) {
        let src = t.values
        let kernel: [Float] = [1, 2, 1, 2, 4, 2, 1, 2, 1]
        for y in 0..<h {
            for x in 0..<w {
                for k in 0..<c {
                    var s: Float = 0
                    for j in 0..<3 {
                        for i in 0..<3 {
                            let yy = min(h - 1, max(0, y + j - 1)), xx = min(w - 1, max(0, x + i - 1))
                            s += kernel[j * 3 + i] * src[(yy * w + xx) * c + k]
                        }
                    }
                    t.data[(y * w + x) * c + k] = s / 16
                }
            }
        }
    }
}
