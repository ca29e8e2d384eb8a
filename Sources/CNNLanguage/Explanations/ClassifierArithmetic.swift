import CNNCore
#if canImport(Glibc)
import Glibc
#endif
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `explain linear|softmax|batchnorm|dropout`: the arithmetic of the layers after the
/// convolutions, with the learner's own numbers, each checked against what the engine computed.
struct ClassifierArithmetic: Explanation {
    let names = ["linear", "softmax", "batchnorm", "dropout"]
    let usage = """
        explain linear layer=NAME image=N channel=K   one output of a fully connected layer: a row of weights times the input vector, plus bias
        explain softmax image=N                      logits → exponentials → probabilities → cross-entropy −log p(true class), and the gradient p − y
        explain batchnorm layer=NAME image=N channel=C   the batch's mean and variance, normalise, scale, shift; and what evaluation uses instead
        explain dropout layer=NAME image=N           which values a training pass zeroes and how the rest are scaled; evaluation changes nothing
        """
    func explain(_ inv: Invocation, in env: CommandEnvironment) throws {
        switch inv[ExplainCommand.what] {
        case "linear": try env.explainLinear(inv)
        case "softmax": try env.explainSoftmax(inv)
        case "batchnorm": try env.explainBatchNorm(inv)
        default: try env.explainDropout(inv)
        }
    }
}

extension CommandEnvironment {
    fileprivate func explainLinear(_ inv: Invocation) throws {
        let (entry, _, _, i, x) = try modelAndImage(inv)
        let (name, layer) = try firstLayer(entry, inv, types: ["linear"])
        guard let linear = layer as? Linear else { preconditionFailure("a linear layer is a Linear") }
        let (inputs, outputs, _) = entry.model.inputsAndOutputs(x)
        guard let input = inputs[name] ?? (name == entry.model.allLayers().first?.name ? x : nil), let output = outputs[name] else {
            throw LanguageError(.value, at: inv.token(Common.layer), "\(name) did not run")
        }
        let k = inv[ExplainCommand.channel]
        guard k < linear.outFeatures else { throw LanguageError(.value, at: inv.token(ExplainCommand.channel), "\(name) has \(linear.outFeatures) outputs (0–\(linear.outFeatures - 1))") }
        let n = linear.inFeatures
        let w = (0..<n).map { Double(linear.weight.value.data[k * n + $0]) }
        let v = (0..<n).map { Double(input.data[$0]) }
        let terms = (0..<n).map { w[$0] * v[$0] }
        let sum = terms.reduce(0, +)
        let bias = linear.bias.map { Double($0.value.data[k]) } ?? 0
        let actual = Double(output.data[k])
        var text = tr("\(name) of model \(entry.name) (\(n) inputs → \(linear.outFeatures) outputs), output \(k), image \(i):\n")
        text += tr("output[\(k)] = Σ over the \(n) inputs of weight[\(k), j] × input[j], plus bias[\(k)]\n")
        for j in 0..<min(n, 6) { text += "  j = \(j): \(term(w[j])) × \(term(v[j])) = \(fixed(terms[j], 4))\n" }
        if n > 6 { text += tr("  … \(n - 6) more terms\n") }
        let biggest = (0..<n).sorted { abs(terms[$0]) > abs(terms[$1]) }.prefix(5)
        text += tr("the largest terms (the inputs that move this output most): ") + biggest.map { "j = \($0): \(fixed(terms[$0], 4))" }.joined(separator: ", ") + "\n"
        let line = tr("Σ = \(fixed(sum, 4)), + bias \(fixed(bias, 4)) = \(fixed(sum + bias, 4)); the layer computed \(fixed(actual, 4))")
        text += line + "\n"
        let rows = (0..<min(n, 6)).map { j in ["\(j)", fixed(w[j], 4), fixed(v[j], 4), fixed(terms[j], 4)] }
        var table = Table(title: tr("\(name), output \(k): weight row × input vector"), [.init("j", .right), .init(tr("weight"), .right), .init(tr("input"), .right), .init(tr("product"), .right)])
        for r in rows { table.add(r) }
        if n > 6 { table.add(["…", "", "", tr("\(n - 6) more")]) }
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(Table.stylesheet + table.html + "<p><b>\(escape(line))</b></p>")]))
    }

    fileprivate func explainSoftmax(_ inv: Invocation) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        let logits = entry.model.forward(x, context: entry.model.context(training: false, rng: RandomSource(seed: 0))).values.map(Double.init)
        let names = entry.classNames ?? data.classNames
        guard logits.count == names.count, logits.allSatisfy(\.isFinite) else {
            throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) gives \(logits.count) scores\(logits.allSatisfy(\.isFinite) ? "" : tr(", not all finite")), for \(names.count) classes")
        }
        let truth = Int(set.labels[i])
        let m = logits.max()!
        let e = logits.map { exp($0 - m) }
        let total = e.reduce(0, +)
        let p = e.map { $0 / total }
        // log Σ − (z − max): finite even where p underflows to 0.
        let loss = log(total) - (logits[truth] - m)
        let engine = SoftmaxCrossEntropy.evaluate(logits: Tensor(batch: 1, shape: .flat(logits.count), nchw: logits.map(Float.init)), labels: [truth]).loss
        var table = Table(title: tr("softmax and cross-entropy of \(entry.name) on image \(i) (true class \(names[truth]))"),
                          [.init(tr("class")), .init(tr("logit z"), .right), .init(tr("z − max"), .right), .init(tr("e^(z − max)"), .right), .init("p = e / Σ", .right), .init("p − y", .right)])
        for k in 0..<logits.count {
            table.add([names[k], fixed(logits[k], 4), fixed(logits[k] - m, 4), fixed(e[k], 4), fixed(p[k], 4), fixed(p[k] - (k == truth ? 1 : 0), 4)], strong: k == truth)
        }
        table.footer = ["Σ", "", "", fixed(total, 4), fixed(p.reduce(0, +), 4), ""]
        table.notes = [
            tr("the largest logit is subtracted first: e^z overflows for z above about 88 (in 32-bit floats), and the probabilities do not change"),
            tr("cross-entropy = −log p(\(names[truth])) = −log \(fixed(p[truth], 4)) = \(fixed(loss, 4)); the engine's loss for this image: \(fixed(engine, 4))"),
            tr("the gradient of the loss with respect to the logits is p − y (y: 1 for the true class, 0 elsewhere): backpropagation starts from that column"),
        ]
        context.display(table.bundle)
    }

    fileprivate func explainBatchNorm(_ inv: Invocation) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        let (name, layer) = try firstLayer(entry, inv, types: ["batchnorm"])
        guard let state = Model.batchNormState(layer) else { preconditionFailure("a batchnorm layer is a BatchNorm") }
        // A batch of up to 32 images starting at this one: training mode normalises with its statistics.
        let indices = Array(i..<min(set.count, i + 32))
        let normalization = entry.normalization ?? data.split.normalization
        let (batch, _) = Batches.make(set, indices: indices[...], normalization: normalization)
        try requireInferenceMemory(entry, batch: indices.count, keepsOutputs: true, what: "explain batchnorm", at: inv.nameToken)
        let (evalInputs, outputs, _) = entry.model.inputsAndOutputs(batch)
        // Training mode: the layer's input as a training pass gives it (earlier batch norm and
        // dropout act as in training too), and the output it makes of it.
        let pass = entry.model.trainingModeInputsAndOutputs(batch, rng: RandomSource(seed: 0))
        guard let input = pass.inputs[name], let evalInput = evalInputs[name], let evalOutput = outputs[name] else {
            throw LanguageError(.value, at: inv.token(Common.layer), "\(name) did not run")
        }
        let trainOutput = pass.outputs[name]
        let c = input.shape.channels, per = input.shape.count / c, ch = inv[ExplainCommand.channel]
        guard ch < c else { throw LanguageError(.value, at: inv.token(ExplainCommand.channel), "\(name) has \(c) channels (0–\(c - 1))") }
        var sum = 0.0, sq = 0.0
        for b in 0..<indices.count { for q in 0..<per { let v = Double(input.data[b * input.shape.count + q * c + ch]); sum += v; sq += v * v } }
        let count = Double(indices.count * per)
        let mean = sum / count, variance = max(0, sq / count - mean * mean)
        let q = per / 2  // the middle position of image i (the batch's first)
        let v = Double(input.data[q * c + ch])
        let gamma = Double(state.gamma[ch]), beta = Double(state.beta[ch])
        let xhat = (v - mean) / (variance + state.eps).squareRoot()
        let y = gamma * xhat + beta
        let rm = Double(state.runningMean[ch]), rv = Double(state.runningVar[ch])
        let ve = Double(evalInput.data[q * c + ch])
        let xhatEval = (ve - rm) / (rv + state.eps).squareRoot()
        let yEval = gamma * xhatEval + beta
        var text = tr("\(name) of model \(entry.name), channel \(ch), the middle value of image \(i), x = \(fixed(v, 4)):\n")
        text += tr("training: the batch (\(indices.count) images × \(per) positions = \(Int(count)) values of this channel) gives\n")
        text += tr("  mean μ = \(fixed(mean, 4)), variance σ² = \(fixed(variance, 4))\n")
        text += "  x̂ = (x − μ) / √(σ² + ε) = (\(term(v)) − \(term(mean))) / √(\(fixed(variance, 4)) + \(sci(state.eps))) = \(fixed(xhat, 4))\n"
        text += "  y = γ·x̂ + β = \(term(gamma)) × \(term(xhat)) + \(term(beta)) = \(fixed(y, 4))"
        if let t = trainOutput { text += tr("; the layer in training mode gave \(fixed(Double(t.data[q * c + ch]), 4))") }
        let mo = NumberFormat.shortest(state.momentum), keep = NumberFormat.shortest(1 - state.momentum)
        text += tr("\n  (the batch's μ and σ² also move the running statistics: running = \(keep) · running + \(mo) · batch, the variance taken as σ² · n/(n − 1))\n")
        text += tr("evaluation: the running statistics instead of the batch's, so an image's output does not depend on the others\n")
        text += tr("  running mean \(fixed(rm, 4)), running variance \(fixed(rv, 4))\n")
        if ve != v { text += tr("  (evaluation's input differs: an earlier batch norm or dropout acts differently in evaluation; here x = \(fixed(ve, 4)))\n") }
        text += tr("  x̂ = (\(term(ve)) − \(term(rm))) / √(\(fixed(rv, 4)) + \(sci(state.eps))) = \(fixed(xhatEval, 4)); y = \(term(gamma)) × \(term(xhatEval)) + \(term(beta)) = \(fixed(yEval, 4)); the layer in evaluation gave \(fixed(Double(evalOutput.data[q * c + ch]), 4))\n")
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string("<pre>" + escape(text) + "</pre>")]))
    }

    fileprivate func explainDropout(_ inv: Invocation) throws {
        let (entry, _, _, i, x) = try modelAndImage(inv)
        let (name, layer) = try firstLayer(entry, inv, types: ["dropout"])
        guard let p = Model.dropoutRate(layer) else { preconditionFailure("a dropout layer is a Dropout") }
        let (_, evalOutputs, _) = entry.model.inputsAndOutputs(x)
        // One training pass: the layer's input and output in it (earlier dropout or batch norm
        // layers act as in training too).
        let pass = entry.model.trainingModeInputsAndOutputs(x, rng: RandomSource(seed: UInt64(i) + 1))
        guard let input = pass.inputs[name], let trained = pass.outputs[name], let evalOutput = evalOutputs[name] else {
            throw LanguageError(.value, at: inv.token(Common.layer), "\(name) did not run")
        }
        // The first 12 values that are not 0 (after a ReLU most are, and a zero shows nothing).
        let shown = Array(((0..<input.count).filter { input.data[$0] != 0 } + (0..<input.count).filter { input.data[$0] == 0 }).prefix(12))
        let n = shown.count
        let before = shown.map { Double(input.data[$0]) }, after = shown.map { Double(trained.data[$0]) }
        let zeroed = (0..<input.count).filter { trained.data[$0] == 0 && input.data[$0] != 0 }.count
        let nonzero = (0..<input.count).filter { input.data[$0] != 0 }.count
        let meanBefore = (0..<input.count).map { Double(input.data[$0]) }.reduce(0, +) / Double(input.count)
        let meanAfter = (0..<input.count).map { Double(trained.data[$0]) }.reduce(0, +) / Double(input.count)
        var table = Table(title: tr("\(name) (p = \(NumberFormat.shortest(p))) of model \(entry.name), image \(i): \(n) of its \(input.count) values in one training pass"),
                          [.init(tr("value"), .right), .init(tr("x (training)"), .right), .init(tr("mask")), .init(tr("x·mask"), .right), .init(tr("evaluation: y = x"), .right)])
        for j in 0..<n {
            // A zero stays zero whether it is dropped or kept: its mask cannot be seen.
            let mask = before[j] == 0 ? "—" : after[j] == 0 ? tr("0 (dropped)") : tr("\(fixed(1 / (1 - p), 3)) (kept)")
            table.add(["\(shown[j])", fixed(before[j], 4), mask, fixed(after[j], 4), fixed(Double(evalOutput.data[shown[j]]), 4)])
        }
        table.notes = [
            tr("training: each value is dropped with probability \(NumberFormat.shortest(p)) (here \(zeroed) of \(nonzero) non-zero values) and the rest are multiplied by 1/(1 − p) = \(fixed(1 / (1 - p), 3)), so the mean stays about the same: \(fixed(meanBefore, 4)) before, \(fixed(meanAfter, 4)) after"),
            tr("evaluation: nothing is dropped or scaled; the output is the input (inverted dropout: all the scaling happens in training); where an earlier layer is batch norm or dropout, evaluation's input differs from the training pass's, as those layers act differently in training"),
            tr("each training step draws a new mask, so the network cannot rely on any one value: a cheap ensemble of thinned networks (Srivastava et al. 2014)"),
        ]
        context.display(table.bundle)
    }
}

/// A number as a term of a formula: negative ones in parentheses, so "x − (−0.5)" reads right.
private func term(_ x: Double) -> String { x < 0 ? "(\(fixed(x, 4)))" : fixed(x, 4) }

