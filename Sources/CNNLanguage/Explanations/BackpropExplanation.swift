import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `explain ["backprop"]`: one weight's gradient by the chain rule and numerically, and its update.
struct BackpropExplanation: Explanation {
    let names = ["backprop"]
    let usage = tr("explain backprop layer=NAME                          for one weight: the chain-rule gradient beside the numeric one, and the optimiser's update")
    func explain(_ inv: Invocation, in env: CommandEnvironment) throws { try env.explainBackprop(inv) }
}

extension CommandEnvironment {
    fileprivate func explainBackprop(_ inv: Invocation) throws {
        let entry = try model(inv)
        let data = try dataFor(entry, inv)
        var name = inv[Common.layer]
        if name.isEmpty { name = entry.model.allLayers().first { !$0.layer.parameters.isEmpty }?.name ?? "" }
        guard let layer = entry.model.layer(named: name), let p = layer.parameters.first else {
            throw LanguageError(.value, at: inv.token(Common.layer), "`\(name)` has no weights; choose a conv, linear or batchnorm layer")
        }
        let set = data.split.train
        let n = min(32, set.count)
        try requireInferenceMemory(entry, batch: n, keepsOutputs: true, what: "explaining backpropagation", at: inv.nameToken)
        let (x, labels) = Batches.make(set, indices: Array(0..<n)[...], normalization: entry.normalization ?? data.split.normalization)
        let model = entry.model
        func loss() -> Double {
            let logits = model.forward(x, context: model.context(training: false, rng: RandomSource(seed: 0)))
            return SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels, needGradient: false).loss
        }
        // Analytic: forward, loss, backward (evaluation-mode statistics, so the numeric check sees the same function).
        model.root.zeroGradients()
        let logits = model.forward(x, context: model.context(training: false, rng: RandomSource(seed: 0), recordsForBackward: true))
        let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
        _ = model.backward(r.gradient)
        // The weight with the largest gradient: the most instructive one.
        var idx = 0
        for k in 0..<p.count where abs(p.grad.data[k]) > abs(p.grad.data[idx]) { idx = k }
        let analytic = Double(p.grad.data[idx])
        let w = p.value.data[idx]
        let eps: Float = 1e-3
        p.value.data[idx] = w + eps
        let plus = loss()
        p.value.data[idx] = w - eps
        let minus = loss()
        p.value.data[idx] = w
        model.root.zeroGradients()
        let numeric = (plus - minus) / (2 * Double(eps))
        // The rate of the last step, unless a schedule annealed it to almost nothing (one-cycle
        // ends near 1e−8): then the largest rate training used, so the update shows a change.
        let lastRate = entry.history.steps.last?.learningRate ?? 0.05
        let peakRate = entry.history.steps.suffix(10_000).map(\.learningRate).max() ?? lastRate
        let annealed = entry.optimizer != nil && lastRate < peakRate / 100
        let lr = entry.optimizer == nil ? 0.05 : (annealed ? peakRate : lastRate)
        let wd = entry.optimizer?.weightDecay ?? 0
        let step = -lr * (analytic + wd * Double(w))
        let index = shapeIndex(idx, p)
        let lines = [
            tr("\(name).\(p.name)\(index) = \(fixed(Double(w), 6)), on a batch of \(n) training images (loss \(fixed(r.loss, 5))):"),
            tr("1. forward: the images go through every layer to the scores, and softmax cross-entropy gives the loss"),
            tr("2. backward (chain rule): ∂loss/∂w = \(sci(analytic))"),
            tr("3. numeric check: (loss(w + \(eps)) − loss(w − \(eps))) / \(2 * eps) = (\(fixed(plus, 6)) − \(fixed(minus, 6))) / \(2 * eps) = \(sci(numeric))"),
            tr("   relative difference \(sci(abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-12)))"),
            (wd > 0
                ? tr("4. update (SGD, lr \(sci(lr)), weight decay \(sci(wd))): w ← w − lr·(∂loss/∂w + λ·w) = \(fixed(Double(w), 6)) + (\(sci(step))) = \(fixed(Double(w) + step, 6))")
                : tr("4. update (SGD, lr \(sci(lr))): w ← w − lr·(∂loss/∂w) = \(fixed(Double(w), 6)) + (\(sci(step))) = \(fixed(Double(w) + step, 6))")),
        ] + (annealed ? [tr("   (the largest rate training used; its schedule ended at \(sci(lastRate)), where the update would change w by almost nothing)")] : [])
        let text = lines.joined(separator: "\n") + "\n"
        let html = "<ol style=\"list-style:none;padding-left:0\">" + lines.map { "<li>\(escape($0))</li>" }.joined() + "</ol>"
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }

    /// "[o, i, y, x]" for a weight index, in the parameter's conventional shape.
    fileprivate func shapeIndex(_ memoryIndex: Int, _ p: Parameter) -> String {
        var logical = memoryIndex
        if p.layout == .ohwi {
            let (i, kh, kw) = (p.shape[1], p.shape[2], p.shape[3])
            let b = memoryIndex % i, x = (memoryIndex / i) % kw, y = (memoryIndex / (i * kw)) % kh, a = memoryIndex / (i * kw * kh)
            logical = ((a * i + b) * kh + y) * kw + x
        }
        var rest = logical
        var coords: [Int] = []
        for d in p.shape.reversed() {
            coords.append(rest % d)
            rest /= d
        }
        return "[" + coords.reversed().map(String.init).joined(separator: ", ") + "]"
    }
}
