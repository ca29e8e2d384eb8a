import CNNCore

/// Attribution maps beyond saliency and Grad-CAM: which parts of one image the class score
/// rests on, by four more methods. Each gives a map over the image (or over a layer's grid for
/// the CAM methods), non-negative, for the first image of `x` (a batch of one, normalised).
extension Model {
    /// Integrated gradients (Sundararajan, Taly & Yan 2017, arXiv:1703.01365): the gradient
    /// averaged along the straight path from a baseline (a black image) to the image, times the
    /// difference: (x − x′) · mean over α of ∇f(x′ + α(x − x′)), midpoint rule over `steps`.
    /// Its completeness property: the map sums (over pixels and channels, before the absolute value
    /// taken for display) to f(x) − f(x′), up to the quadrature's error.
    public func integratedGradients(_ x: Tensor, baseline: Tensor, classIndex: Int, steps: Int = 32, chunk: Int = 16) -> (map: [Double], sum: Double, scoreGap: Double) {
        precondition(x.batch == 1 && baseline.count == x.count && steps >= 1)
        let n = x.count
        let total = summedInputGradients(of: x, copies: steps, classIndex: classIndex, chunk: chunk, absolute: false) { k, copy in
            let alpha = (Double(k) + 0.5) / Double(steps)
            for j in 0..<n { copy[j] = Float(Double(baseline.data[j]) + alpha * Double(x.data[j] - baseline.data[j])) }
        }
        var sum = 0.0
        let attribution = (0..<n).map { j -> Double in
            let a = Double(x.data[j] - baseline.data[j]) * total[j] / Double(steps)
            sum += a
            return a
        }
        // `values` copies: a pointer into a temporary tensor's storage may outlive the tensor.
        let score = { (t: Tensor) in Double(self.forward(t, context: self.context(training: false, rng: RandomSource(seed: 0))).values[classIndex]) }
        return (channelMax(attribution.map(abs), x.shape), sum, score(x) - score(baseline))
    }

    /// SmoothGrad (Smilkov et al. 2017, arXiv:1706.03825): the input gradient averaged over
    /// `samples` copies of the image with Gaussian noise of `sigma` (in normalised units), which
    /// averages away the gradient's pixel-to-pixel noise.
    public func smoothGrad(_ x: Tensor, classIndex: Int, samples: Int = 32, sigma: Double, rng: RandomSource, chunk: Int = 16) -> [Double] {
        precondition(x.batch == 1 && samples >= 1)
        let n = x.count
        let total = summedInputGradients(of: x, copies: samples, classIndex: classIndex, chunk: chunk, absolute: true) { _, copy in
            for j in 0..<n { copy[j] = x.data[j] + Float(sigma * rng.normal()) }
        }
        return channelMax(total.map { $0 / Double(samples) }, x.shape)
    }

    /// The input gradients of `copies` variants of the image (which `fill` writes: its index and
    /// where), summed per input value (their sizes with `absolute`), `chunk` copies a pass.
    func summedInputGradients(of x: Tensor, copies: Int, classIndex: Int, chunk: Int, absolute: Bool,
                              fill: (Int, UnsafeMutablePointer<Float>) -> Void) -> [Double] {
        let n = x.count
        var total = [Double](repeating: 0, count: n)
        var done = 0
        while done < copies {
            let b = min(chunk, copies - done)
            let batch = Tensor(batch: b, shape: x.shape)
            for i in 0..<b { fill(done + i, batch.data + i * n) }
            // `values` copies: the tensor's storage is freed once it is last used.
            let g = inputGradient(batch, classIndex: classIndex).gradient.values
            for i in 0..<b { for j in 0..<n { total[j] += absolute ? abs(Double(g[i * n + j])) : Double(g[i * n + j]) } }
            done += b
        }
        return total
    }

    /// Occlusion (Zeiler & Fergus 2014, arXiv:1311.2901): a `patch`×`patch` square of baseline
    /// slid over the image with `stride`; each pixel gets the mean drop in the class's probability
    /// over the squares that covered it (a rise counts as no drop).
    public func occlusion(_ x: Tensor, baseline: Tensor, classIndex: Int, patch: Int, stride: Int, chunk: Int = 32) -> [Double] {
        guard case .image(let c, let h, let w) = x.shape, x.batch == 1 else { return [] }
        let n = x.count
        let ctx = context(training: false, rng: RandomSource(seed: 0))
        let p0 = SoftmaxCrossEntropy.softmax(Array(forward(x, context: ctx).values))[classIndex]
        var positions: [(Int, Int)] = []
        for y in Swift.stride(from: 0, through: max(0, h - patch), by: stride) { for x in Swift.stride(from: 0, through: max(0, w - patch), by: stride) { positions.append((y, x)) } }
        var drop = [Double](repeating: 0, count: h * w), covered = [Double](repeating: 0, count: h * w)
        var done = 0
        while done < positions.count {
            let b = min(chunk, positions.count - done)
            let batch = Tensor(batch: b, shape: x.shape)
            for i in 0..<b {
                for j in 0..<n { batch.data[i * n + j] = x.data[j] }
                let (py, px) = positions[done + i]
                for y in py..<min(h, py + patch) { for xx in px..<min(w, px + patch) { for k in 0..<c { batch.data[i * n + (y * w + xx) * c + k] = baseline.data[(y * w + xx) * c + k] } } }
            }
            let logits = forward(batch, context: ctx)
            let classes = logits.shape.count
            for i in 0..<b {
                let p = SoftmaxCrossEntropy.softmax(Array(logits.values[(i * classes)..<((i + 1) * classes)]))[classIndex]
                let (py, px) = positions[done + i]
                for y in py..<min(h, py + patch) { for xx in px..<min(w, px + patch) { drop[y * w + xx] += max(0, p0 - p); covered[y * w + xx] += 1 } }
            }
            done += b
        }
        return zip(drop, covered).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// Grad-CAM++ (Chattopadhay et al. 2018, arXiv:1710.11063): like Grad-CAM, but each map's
    /// weight sums the positive gradients weighted by αᵢⱼ = g² / (2g² + Σₐᵦ A · g³), so several
    /// separate objects of the class each count (Grad-CAM's mean favours the largest).
    public func gradCAMPlusPlus(_ x: Tensor, layer name: String, classIndex: Int) -> (cam: [Double], h: Int, w: Int)? {
        guard let r = featureMapsAndGradient(x, layer: name, classIndex: classIndex) else { return nil }
        let (a, g, c, h, w) = (r.activation, r.gradient, r.c, r.h, r.w)
        var sumA = [Double](repeating: 0, count: c)
        for p in 0..<(h * w) { for k in 0..<c { sumA[k] += Double(a[p * c + k]) } }
        var weights = [Double](repeating: 0, count: c)
        for p in 0..<(h * w) {
            for k in 0..<c {
                let gv = Double(g[p * c + k])
                guard gv != 0 else { continue }
                let g2 = gv * gv, g3 = g2 * gv
                let alpha = g2 / (2 * g2 + sumA[k] * g3 + 1e-12)
                weights[k] += alpha * max(0, gv)
            }
        }
        var cam = [Double](repeating: 0, count: h * w)
        for p in 0..<(h * w) {
            var s = 0.0
            for k in 0..<c { s += weights[k] * Double(a[p * c + k]) }
            cam[p] = max(0, s)
        }
        return (cam, h, w)
    }

    /// Per pixel, the largest value over its channels (a map over the image from per-channel values).
    public func channelMax(_ v: [Double], _ shape: FeatureShape) -> [Double] {
        guard case .image(let c, let h, let w) = shape else { return v }
        return (0..<(h * w)).map { p in (0..<c).map { v[p * c + $0] }.max() ?? 0 }
    }
}

public enum Statistics {
    /// Spearman's rank correlation of two equally long lists (ties get their mean rank); 0 when
    /// either list is constant.
    public static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
                for t in i...j { r[order[t]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let ra = ranks(a), rb = ranks(b)
        let n = Double(a.count)
        guard n > 1 else { return 0 }
        let ma = ra.reduce(0, +) / n, mb = rb.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in 0..<a.count { sab += (ra[i] - ma) * (rb[i] - mb); saa += (ra[i] - ma) * (ra[i] - ma); sbb += (rb[i] - mb) * (rb[i] - mb) }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
    }
}
