import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `explain`: the arithmetic of a layer on the learner's own model and data, with the real numbers.
extension CNNInterpreter {
    func runExplain(_ inv: Invocation, context: ExecutionContext) throws {
        switch inv.text("what") {
        case "shapes": try explainShapes(inv, context: context)
        case "backprop": try explainBackprop(inv, context: context)
        default: try explainLayer(inv, context: context)
        }
    }

    func firstLayer(_ entry: ModelEntry, _ inv: Invocation, types: [String]) throws -> (String, Layer) {
        if inv.given("layer") {
            let (n, l) = try layerNamed(entry, inv)
            guard types.contains(l.typeName) else {
                throw LanguageError(.value, at: inv.token("layer"), "\(n) is a \(l.typeName) layer, not \(types.joined(separator: " or "))")
            }
            return (n, l)
        }
        guard let f = entry.model.allLayers().first(where: { types.contains($0.layer.typeName) }) else {
            throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) has no \(types.joined(separator: " or ")) layer")
        }
        return (f.name, f.layer)
    }

    func grid(_ values: [[Double]], digits: Int = 3) -> String {
        let cells = values.map { $0.map { fixed($0, digits) } }
        let w = cells.flatMap { $0 }.map(\.count).max() ?? 1
        return cells.map { row in row.map { String(repeating: " ", count: w - $0.count) + $0 }.joined(separator: " ") }.joined(separator: "\n")
    }

    func htmlGrid(_ values: [[Double]], digits: Int = 3, highlight: (Int, Int)? = nil) -> String {
        var h = "<table style=\"border-collapse:collapse;font-family:monospace;font-size:11px\">"
        for (r, row) in values.enumerated() {
            h += "<tr>"
            for (c, v) in row.enumerated() {
                let style = highlight.map { $0 == (r, c) } == true ? "background:#ffd54f;" : ""
                h += "<td style=\"border:1px solid #ccc;padding:1px 4px;text-align:right;\(style)\">\(fixed(v, digits))</td>"
            }
            h += "</tr>"
        }
        return h + "</table>"
    }

    func explainLayer(_ inv: Invocation, context: ExecutionContext) throws {
        let kind = inv.text("what")!
        let types = kind == "conv" ? ["conv"] : kind == "pool" ? ["maxpool", "avgpool"] : ["relu", "leaky_relu"]
        // The image first: choosing it may rebuild an untrained model for the data's shape, and
        // the layer (its weights) must come from the model that runs.
        let (entry, _, set, i, x) = try modelAndImage(inv)
        let (name, layer) = try firstLayer(entry, inv, types: types)
        let (inputs, outputs, _) = entry.model.inputsAndOutputs(x)
        guard let input = inputs[name] ?? (name == entry.model.allLayers().first?.name ? x : nil), let output = outputs[name],
              case .image(let cin, let h, let w) = input.shape, case .image(let cout, let ho, let wo) = output.shape else {
            throw LanguageError(.value, at: inv.token("layer"), "\(name) does not work on feature maps")
        }
        let ch = inv.integer("channel")
        guard ch < cout else { throw LanguageError(.value, at: inv.token("channel"), "\(name) has \(cout) output channels (0–\(cout - 1))") }
        let at = inv.values["at"]?.listItems?.compactMap { v -> Int? in if case .number(let d) = v { return Int(d) }; return nil } ?? [-1, -1]
        guard at.count == 2 else { throw LanguageError(.type, at: inv.token("at"), "at=[y, x]") }
        let oy = at[0] < 0 ? ho / 2 : at[0], ox = at[1] < 0 ? wo / 2 : at[1]
        guard oy < ho, ox < wo else { throw LanguageError(.value, at: inv.token("at"), "position [\(oy), \(ox)] is outside the \(ho)×\(wo) output") }
        let actual = Double(output.data[(oy * wo + ox) * cout + ch])
        var text = "", html = ""
        switch kind {
        case "conv":
            let conv = layer as! Conv2d
            let (k, s, p, d, g) = (conv.k, conv.stride, conv.padding, conv.dilation, conv.groups)
            let cinG = cin / g, group = ch / (cout / g)
            let weights = conv.weight.valuesInShapeOrder()
            let bias = conv.bias.map { Double($0.value.data[ch]) } ?? 0
            text = "\(name) of model \(entry.name), output channel \(ch) at [\(oy), \(ox)], image \(i):\n"
            text += "the kernel's top-left tap sits on input row \(oy) × \(s) − \(p) = \(oy * s - p), column \(ox) × \(s) − \(p) = \(ox * s - p)\n"
            html = "<div><b>\(escape(name))</b>, output channel \(ch) at [\(oy), \(ox)] (image \(i)): Σ over input channels of patch × kernel, plus bias</div><div style=\"display:flex;flex-wrap:wrap;gap:14px\">"
            var total = 0.0
            for c in 0..<min(cinG, 8) {
                var patch = [[Double]](), kernel = [[Double]](), prod = [[Double]]()
                var sum = 0.0
                for ky in 0..<k {
                    var pr: [Double] = [], kr: [Double] = [], mr: [Double] = []
                    for kx in 0..<k {
                        let iy = oy * s - p + ky * d, ix = ox * s - p + kx * d
                        let v = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? Double(input.data[(iy * w + ix) * cin + group * cinG + c]) : 0
                        let wv = Double(weights[((ch * cinG + c) * k + ky) * k + kx])
                        pr.append(v); kr.append(wv); mr.append(v * wv)
                        sum += v * wv
                    }
                    patch.append(pr); kernel.append(kr); prod.append(mr)
                }
                total += sum
                text += "\ninput channel \(group * cinG + c): patch\n\(grid(patch))\nkernel\n\(grid(kernel))\nproducts (sum \(fixed(sum, 4)))\n\(grid(prod))\n"
                html += "<div><div>input channel \(group * cinG + c)</div><div style=\"display:flex;gap:6px;align-items:center\">\(htmlGrid(patch)) × \(htmlGrid(kernel)) = \(htmlGrid(prod))</div><div>sum \(fixed(sum, 4))</div></div>"
            }
            if cinG > 8 {
                // The remaining channels are summed without being shown.
                for c in 8..<cinG {
                    for ky in 0..<k { for kx in 0..<k {
                        let iy = oy * s - p + ky * d, ix = ox * s - p + kx * d
                        if iy >= 0 && iy < h && ix >= 0 && ix < w {
                            total += Double(input.data[(iy * w + ix) * cin + group * cinG + c]) * Double(weights[((ch * cinG + c) * k + ky) * k + kx])
                        }
                    } }
                }
                text += "\n(input channels 8–\(cinG - 1) add in the same way)\n"
            }
            let line = "Σ = \(fixed(total, 4)), + bias \(fixed(bias, 4)) = \(fixed(total + bias, 4)); the layer computed \(fixed(actual, 4))"
            text += "\n" + line + "\n"
            html += "</div><p><b>\(escape(line))</b></p>"
        case "pool":
            let pool = layer as! Pool2d
            let (k, s, p) = (pool.k, pool.stride, pool.padding)
            var window = [[Double]]()
            var best: (Int, Int)? = nil
            var bestV = -Double.infinity, sum = 0.0, count = 0
            for ky in 0..<k {
                var row: [Double] = []
                for kx in 0..<k {
                    let iy = oy * s - p + ky, ix = ox * s - p + kx
                    if iy >= 0 && iy < h && ix >= 0 && ix < w {
                        let v = Double(input.data[(iy * w + ix) * cin + ch])
                        row.append(v)
                        sum += v; count += 1
                        if v > bestV { bestV = v; best = (ky, kx) }
                    } else {
                        row.append(pool.isMax ? -.infinity : 0)
                    }
                }
                window.append(row)
            }
            text = "\(name) (\(pool.isMax ? "max" : "average") pooling, kernel \(k), stride \(s)) of model \(entry.name), channel \(ch), output [\(oy), \(ox)], image \(i):\nwindow rows \(oy * s - p)…\(oy * s - p + k - 1), columns \(ox * s - p)…\(ox * s - p + k - 1)\n\(grid(window))\n"
            let line = pool.isMax ? "the largest value, \(fixed(bestV, 4)), at window row \(best?.0 ?? 0), column \(best?.1 ?? 0), wins; the layer gave \(fixed(actual, 4)); in backward, only that input receives the gradient"
                                  : "mean of \(count) values = \(fixed(sum / Double(max(1, count)), 4)); the layer gave \(fixed(actual, 4)); in backward, each input gets 1/\(k * k) of the gradient"
            text += line + "\n"
            html = "<div><b>\(escape(name))</b>, channel \(ch), output [\(oy), \(ox)]</div>\(htmlGrid(window, highlight: pool.isMax ? best : nil))<p>\(escape(line))</p>"
        default:
            let per = ho * wo
            var before: [Double] = [], after: [Double] = []
            for q in 0..<per { before.append(Double(input.data[q * cin + ch])); after.append(Double(output.data[q * cout + ch])) }
            let zeroed = before.filter { $0 <= 0 }.count
            let y0 = max(0, oy - 2), x0 = max(0, ox - 2)
            let rows = min(5, ho - y0), cols = min(5, wo - x0)
            let bgrid = (0..<rows).map { r in (0..<cols).map { c in before[(y0 + r) * wo + x0 + c] } }
            let agrid = (0..<rows).map { r in (0..<cols).map { c in after[(y0 + r) * wo + x0 + c] } }
            text = "\(name) of model \(entry.name), channel \(ch), image \(i): y = max(0, x)\nbefore (rows \(y0)…\(y0 + rows - 1), columns \(x0)…\(x0 + cols - 1)):\n\(grid(bgrid))\nafter:\n\(grid(agrid))\n\(zeroed) of \(per) values (\(percent(Double(zeroed) / Double(per)))) were ≤ 0 and became 0; their gradient is 0 too\n"
            html = "<div><b>\(escape(name))</b>, channel \(ch): y = max(0, x)</div><div style=\"display:flex;gap:10px;align-items:center\">\(htmlGrid(bgrid)) → \(htmlGrid(agrid))</div><p>\(zeroed) of \(per) values (\(percent(Double(zeroed) / Double(per)))) became 0</p>"
        }
        _ = set
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }

    func explainShapes(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        var text = "how each layer's output size follows from its input (model \(entry.name), input \(entry.model.inputShape)):\n"
        var html = "<table><thead><tr><th style=\"text-align:left\">layer</th><th style=\"text-align:left\">rule</th><th style=\"text-align:left\">output</th></tr></thead><tbody>"
        for (name, l, depth) in entry.model.allLayers() {
            var rule: String
            let ins = l.inputShape
            switch (l, ins) {
            case (let c as Conv2d, .image(_, let h, let w)):
                let eff = c.dilation * (c.k - 1)
                rule = "⌊(\(h) + 2·\(c.padding) − \(eff) − 1)/\(c.stride)⌋ + 1 = \(c.ho) rows, ⌊(\(w) + 2·\(c.padding) − \(eff) − 1)/\(c.stride)⌋ + 1 = \(c.wo) columns; \(c.cout) channels (one per kernel)"
            case (let p as Pool2d, .image(_, let h, let w)):
                rule = "⌊(\(h) + 2·\(p.padding) − \(p.k))/\(p.stride)⌋ + 1 = \(p.ho), ⌊(\(w) + 2·\(p.padding) − \(p.k))/\(p.stride)⌋ + 1 = \(p.wo); channels unchanged"
            case (_, .image(let c, let h, let w)) where l.typeName == "flatten":
                rule = "\(c) × \(h) × \(w) = \(c * h * w) features"
            case (_, .image(let c, _, _)) where l.typeName == "gap":
                rule = "one mean per channel: \(c) features"
            case (let li as Linear, _):
                rule = "\(li.inFeatures) inputs → \(li.outFeatures) outputs"
            case (_, _) where l.typeName == "concat" || l.typeName == "dense" || l is Concat:
                rule = "channels of the branches added: \((l as? Concat)?.detail ?? "")"
            case (_, _) where l is Residual:
                rule = "body and shortcut agree: sum keeps the shape"
            default:
                rule = l.children.isEmpty ? "element-wise: shape unchanged" : "block"
            }
            text += String(repeating: "  ", count: depth) + "\(String(name.split(separator: ".").last ?? "")) (\(l.typeName)): \(rule) → \(l.outputShape)\n"
            html += "<tr><td style=\"text-align:left;padding-left:\(depth * 14 + 4)px\">\(escape(String(name.split(separator: ".").last ?? "")))</td><td style=\"text-align:left\">\(escape(rule))</td><td style=\"text-align:left\">\(escape(l.outputShape.description))</td></tr>"
        }
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html + "</tbody></table>")]))
    }

    func explainBackprop(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        let data = try dataFor(entry, inv)
        var name = inv.text("layer") ?? ""
        if name.isEmpty { name = entry.model.allLayers().first { !$0.layer.parameters.isEmpty }?.name ?? "" }
        guard let layer = entry.model.layer(named: name), let p = layer.parameters.first else {
            throw LanguageError(.value, at: inv.token("layer"), "`\(name)` has no weights; choose a conv, linear or batchnorm layer")
        }
        let set = data.split.train
        let n = min(32, set.count)
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
        let lr = entry.optimizer == nil ? 0.05 : (entry.history.steps.last?.learningRate ?? 0.05)
        let wd = entry.optimizer?.weightDecay ?? 0
        let step = -lr * (analytic + wd * Double(w))
        let index = shapeIndex(idx, p)
        let lines = [
            "\(name).\(p.name)\(index) = \(fixed(Double(w), 6)), on a batch of \(n) training images (loss \(fixed(r.loss, 5))):",
            "1. forward: the images go through every layer to the scores, and softmax cross-entropy gives the loss",
            "2. backward (chain rule): ∂loss/∂w = \(sci(analytic))",
            "3. numeric check: (loss(w + \(eps)) − loss(w − \(eps))) / \(2 * eps) = (\(fixed(plus, 6)) − \(fixed(minus, 6))) / \(2 * eps) = \(sci(numeric))",
            "   relative difference \(sci(abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-12)))",
            "4. update (SGD, lr \(sci(lr))\(wd > 0 ? ", weight decay \(sci(wd))" : "")): w ← w − lr·(∂loss/∂w\(wd > 0 ? " + λ·w" : "")) = \(fixed(Double(w), 6)) + (\(sci(step))) = \(fixed(Double(w) + step, 6))",
        ]
        let text = lines.joined(separator: "\n") + "\n"
        let html = "<ol style=\"list-style:none;padding-left:0\">" + lines.map { "<li>\(escape($0))</li>" }.joined() + "</ol>"
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }

    /// "[o, i, y, x]" for a weight index, in the parameter's conventional shape.
    func shapeIndex(_ memoryIndex: Int, _ p: Parameter) -> String {
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
