import CNNCore

/// What the kernel shows about a model beyond its outputs: time per layer, receptive fields,
/// inputs of layers, and gradients with respect to the input (saliency) or to an inner layer (Grad-CAM).
extension Model {
    /// Forward time of every layer (seconds per batch, evaluation mode), averaged over `repeats` passes.
    public func layerTimes(_ x: Tensor, repeats: Int = 3) -> [ObjectIdentifier: Double] {
        let ctx = context(training: false, rng: RandomSource(seed: 0))
        _ = root.forward(x, context: ctx)  // warm-up
        ctx.timings = [:]
        for _ in 0..<max(1, repeats) { _ = root.forward(x, context: ctx) }
        return ctx.timings!.mapValues { $0 / Double(max(1, repeats)) }
    }

    /// Receptive field (in input pixels) and jump (input pixels between neighbouring outputs) after
    /// every layer: r ← r + (k − 1)·j, j ← j·s along each path; branches take the widest.
    public func receptiveFields() -> [ObjectIdentifier: (field: Int, jump: Int)] {
        var out: [ObjectIdentifier: (Int, Int)] = [:]
        func walk(_ l: Layer, _ r: Int, _ j: Int) -> (Int, Int) {
            var result: (Int, Int)
            if let s = l as? Sequence {
                var cur = (r, j)
                for (_, c) in s.items { cur = walk(c, cur.0, cur.1) }
                result = cur
            } else if !l.children.isEmpty {
                let rs = l.children.map { walk($0.layer, r, j) }
                result = (rs.map(\.0).max() ?? r, rs.map(\.1).max() ?? j)
                if l is Residual && l.children.count == 1 { result = (max(result.0, r), max(result.1, j)) }
            } else {
                let (k, s) = l.receptiveStep
                result = (r + (k - 1) * j, j * s)
            }
            out[ObjectIdentifier(l)] = result
            return result
        }
        _ = walk(root, 1, 1)
        return out
    }

    /// The input each named layer received and the output it gave, for one batch (evaluation mode).
    public func inputsAndOutputs(_ x: Tensor) -> (inputs: [String: Tensor], outputs: [String: Tensor], logits: Tensor) {
        let names = Dictionary(uniqueKeysWithValues: allLayers().map { (ObjectIdentifier($0.layer), $0.name) })
        var ins: [String: Tensor] = [:], outs: [String: Tensor] = [:]
        let ctx = context(training: false, rng: RandomSource(seed: 0))
        ctx.inputObserver = { l, t in if let n = names[ObjectIdentifier(l)] { ins[n] = t } }
        ctx.observer = { l, t in if let n = names[ObjectIdentifier(l)] { outs[n] = t } }
        let logits = root.forward(x, context: ctx)
        return (ins, outs, logits)
    }

    /// d(score of `classIndex`)/d(input) for each image, evaluation mode; the class defaults to
    /// the first image's top class. Parameter gradients are zeroed afterwards so nothing leaks
    /// into training.
    public func inputGradient(_ x: Tensor, classIndex: Int? = nil) -> (gradient: Tensor, logits: Tensor, classIndex: Int) {
        let ctx = context(training: false, rng: RandomSource(seed: 0), recordsForBackward: true)
        let logits = root.forward(x, context: ctx)
        let (d, c) = Model.classScoreSeed(logits, classIndex: classIndex)
        let saved = inputGradientNeeded
        inputGradientNeeded = true
        let g = root.backward(d)
        inputGradientNeeded = saved
        root.zeroGradients()
        return (g, logits, c)
    }

    /// The gradient that starts a backward pass from one class's score in every image, and that
    /// class: `classIndex`, else the first image's top class. (An argmax over the whole batch's
    /// scores gave an index past the class count for batches of more than one image.)
    static func classScoreSeed(_ logits: Tensor, classIndex: Int?) -> (seed: Tensor, classIndex: Int) {
        let classes = logits.shape.count
        let c = classIndex ?? (0..<classes).max { logits.data[$0] < logits.data[$1] }!
        precondition(c >= 0 && c < classes, "class index \(c) outside 0..<\(classes)")
        let seed = Tensor(batch: logits.batch, shape: logits.shape)
        for n in 0..<logits.batch { seed.data[n * classes + c] = 1 }
        return (seed, c)
    }

    /// A layer's output (its feature maps) and the gradient of one class's score with respect to
    /// it, for the first image, in evaluation mode; the class defaults to the top one. Copies, not
    /// the tensors: a tensor's storage is freed once the tensor is last used, which may come
    /// before a loop reading its pointer. (Grad-CAM and Grad-CAM++ start from these.)
    public func featureMapsAndGradient(_ x: Tensor, layer name: String, classIndex: Int? = nil)
        -> (activation: [Float], gradient: [Float], c: Int, h: Int, w: Int, classIndex: Int, logits: Tensor)? {
        guard let target = self.layer(named: name), case .image(let c, let h, let w) = target.outputShape else { return nil }
        var activation: Tensor?
        var gradient: Tensor?
        let ctx = context(training: false, rng: RandomSource(seed: 0), recordsForBackward: true)
        ctx.observer = { l, t in if l === target { activation = t } }
        let logits = root.forward(x, context: ctx)
        let (d, k) = Model.classScoreSeed(logits, classIndex: classIndex)
        GradientTap.observer = { l, g in if l === target { gradient = g.copy() } }
        _ = root.backward(d)
        GradientTap.observer = nil
        root.zeroGradients()
        guard let at = activation, let gt = gradient else { return nil }
        return (Array(at.values.prefix(c * h * w)), Array(gt.values.prefix(c * h * w)), c, h, w, k, logits)
    }

    /// Grad-CAM (Selvaraju et al. 2017, arXiv:1610.02391): the layer's feature maps weighted by the
    /// mean gradient of the class score over each map, summed, ReLU. Returns the first image's map (H×W of the layer).
    public func gradCAM(_ x: Tensor, layer name: String, classIndex: Int? = nil) -> (cam: [Double], h: Int, w: Int, classIndex: Int, logits: Tensor)? {
        guard let r = featureMapsAndGradient(x, layer: name, classIndex: classIndex) else { return nil }
        let (a, g, c, h, w, k, logits) = r
        var weights = [Double](repeating: 0, count: c)
        for p in 0..<(h * w) { for ch in 0..<c { weights[ch] += Double(g[p * c + ch]) } }
        weights = weights.map { $0 / Double(h * w) }
        var cam = [Double](repeating: 0, count: h * w)
        for p in 0..<(h * w) {
            var s = 0.0
            for ch in 0..<c { s += weights[ch] * Double(a[p * c + ch]) }
            cam[p] = max(0, s)
        }
        return (cam, h, w, k, logits)
    }
}

/// What `explain batchnorm` and `explain dropout` read of those layers (their classes stay internal).
public struct BatchNormState: Sendable {
    public var eps: Double
    public var momentum: Double
    public var gamma: [Float], beta: [Float]
    public var runningMean: [Float], runningVar: [Float]
}

extension Model {
    public static func batchNormState(_ layer: Layer) -> BatchNormState? {
        guard let bn = layer as? BatchNorm else { return nil }
        return BatchNormState(eps: bn.eps, momentum: bn.momentum, gamma: bn.gammaValues, beta: bn.betaValues, runningMean: bn.runningMean.values, runningVar: bn.runningVar.values)
    }

    public static func dropoutRate(_ layer: Layer) -> Double? { (layer as? Dropout)?.p }

    /// The inputs and outputs of the named layers for a batch in training mode (batch statistics,
    /// dropout masks from `rng`), the weights and running statistics unchanged afterwards.
    public func trainingModeInputsAndOutputs(_ x: Tensor, rng: RandomSource) -> (inputs: [String: Tensor], outputs: [String: Tensor]) {
        let saved = savedState(buffersOnly: true)
        defer { restore(saved, buffersOnly: true) }
        let names = Dictionary(uniqueKeysWithValues: allLayers().map { (ObjectIdentifier($0.layer), $0.name) })
        var ins: [String: Tensor] = [:], outs: [String: Tensor] = [:]
        let ctx = context(training: true, rng: rng)
        ctx.inputObserver = { l, t in if let n = names[ObjectIdentifier(l)] { ins[n] = t.copy() } }
        ctx.observer = { l, t in if let n = names[ObjectIdentifier(l)] { outs[n] = t.copy() } }
        _ = root.forward(x, context: ctx)
        return (ins, outs)
    }
}
