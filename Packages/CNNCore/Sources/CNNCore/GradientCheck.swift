import CNNCore
/// Numeric check of a layer's backward pass: for L = Σ y·r with a fixed random r, the analytic
/// gradients (from backward(r)) are compared with central differences (L(v+ε) − L(v−ε)) / 2ε,
/// L accumulated in double precision. Works for any layer, built-in or plugin; used by the
/// tests and by the language's `gradcheck` command.
///
/// Kinks: a ReLU or max inside the layer (a block such as conv–batchnorm–relu) makes L piecewise
/// smooth, and when ±ε moves one of its inputs across the kink the central difference mixes two
/// slopes and disagrees with a correct gradient. That shows as the two one-sided differences
/// (L(v+ε) − L(v)) / ε and (L(v) − L(v−ε)) / ε disagreeing with each other. Such a value is
/// measured again with ε/4, ε/16 and ε/64 (fewer kinks inside, more float32 rounding), judged by the
/// central difference or by the one-sided difference from its smooth side, and counted in `kinks`.
public enum GradientCheck {
    public struct Entry: Sendable, CustomStringConvertible {
        public var tensor: String
        /// Values perturbed (a random sample of the tensor's, at most `samplesPerTensor`).
        public var checked: Int
        /// Values the tensor holds.
        public var size = 0
        public var maxAbsoluteError: Double
        public var maxRelativeError: Double
        public var worstAnalytic: Double
        public var worstNumeric: Double
        public var passed: Bool
        /// Values judged by a one-sided difference because ±ε crossed a kink.
        public var kinks = 0
        public var description: String {
            tr("\(tensor): \(checked) of \(size) values (\(kinks) at kinks), max abs error \(maxAbsoluteError), max rel error \(maxRelativeError) \(passed ? tr("ok") : tr("FAILED (analytic \(worstAnalytic), numeric \(worstNumeric))"))")
        }
    }

    /// - Parameters:
    ///   - samplesPerTensor: how many coordinates of each tensor are perturbed (all if fewer).
    ///   - training: check the training-mode function (batch statistics, dropout with a fixed mask).
    public static func run(
        layer: Layer, input: Tensor, seed: UInt64 = 1, epsilon: Float = 1e-2, tolerance: Double = 2e-2,
        samplesPerTensor: Int = 40, training: Bool = true
    ) -> [Entry] {
        let rng = RandomSource(seed: seed)
        let r = Tensor(batch: input.batch, shape: layer.outputShape)
        for i in 0..<r.count { r.data[i] = Float(rng.uniform(-1, 1)) }

        func loss() -> Double {
            let y = layer.forward(input, context: RunContext(training: training, rng: RandomSource(seed: seed &+ 7), recordsForBackward: true))
            var s = 0.0
            for i in 0..<y.count { s += Double(y.data[i]) * Double(r.data[i]) }
            return s
        }

        layer.zeroGradients()
        _ = layer.forward(input, context: RunContext(training: training, rng: RandomSource(seed: seed &+ 7), recordsForBackward: true))
        let dx = layer.backward(r).copy()
        let params = layer.namedParameters()
        let analyticParams = params.map { $0.1.grad.copy() }

        var targets: [(String, Tensor, Tensor)] = [("input", input, dx)]
        for (i, (name, p)) in params.enumerated() { targets.append((name, p.value, analyticParams[i])) }

        let base = loss()
        var entries: [Entry] = []
        for (name, values, analytic) in targets {
            var idx = Array(0..<values.count)
            if idx.count > samplesPerTensor {
                rng.shuffle(&idx)
                idx = Array(idx.prefix(samplesPerTensor))
            }
            // Entries far below the tensor's typical gradient are judged against that scale:
            // their finite differences are mostly float32 rounding.
            let scale = idx.map { Swift.abs(Double(analytic.data[$0])) }.max() ?? 0
            var e = Entry(tensor: name, checked: idx.count, maxAbsoluteError: 0, maxRelativeError: 0,
                          worstAnalytic: 0, worstNumeric: 0, passed: true)
            e.size = values.count
            func relativeError(_ a: Double, _ b: Double) -> Double {
                Swift.abs(a - b) / max(Swift.abs(a), Swift.abs(b), 0.1 * scale, 1e-3)
            }
            /// Central, right and left differences with step h.
            func differences(_ i: Int, _ h: Float) -> (central: Double, right: Double, left: Double) {
                let saved = values.data[i]
                values.data[i] = saved + h
                let plus = loss()
                values.data[i] = saved - h
                let minus = loss()
                values.data[i] = saved
                let step = Double(h)
                return ((plus - minus) / (2 * step), (plus - base) / step, (base - minus) / step)
            }
            for i in idx {
                let a = Double(analytic.data[i])
                var d = differences(i, epsilon)
                var numeric = d.central
                var h = epsilon
                var atKink = false
                // While the central difference disagrees: if the two sides disagree too, a kink lies
                // within ±h and the smooth side may answer; else a smaller step may.
                while relativeError(a, numeric) > tolerance {
                    if relativeError(d.right, d.left) > tolerance {
                        atKink = true
                        let smoothSide = relativeError(a, d.right) < relativeError(a, d.left) ? d.right : d.left
                        if relativeError(a, smoothSide) <= tolerance { numeric = smoothSide; break }
                    }
                    guard h > epsilon / 50 else { break }
                    h /= 4
                    d = differences(i, h)
                    numeric = d.central
                }
                if atKink { e.kinks += 1 }
                let abs = Swift.abs(a - numeric)
                let rel = relativeError(a, numeric)
                if rel > e.maxRelativeError {
                    e.maxRelativeError = rel
                    e.worstAnalytic = a
                    e.worstNumeric = numeric
                }
                e.maxAbsoluteError = max(e.maxAbsoluteError, abs)
            }
            e.passed = e.maxRelativeError <= tolerance
            entries.append(e)
        }
        return entries
    }
}
