import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering
#if canImport(Glibc)
import Glibc
#endif

/// Images and charts: every output a mime bundle with a PNG or SVG, its size in the metadata,
/// and a text/plain form a terminal can read.
extension CNNInterpreter {
    func imageBundle(_ canvas: Canvas, text: String, html: String? = nil) -> MimeBundle {
        var data: [String: JSON] = ["image/png": .string(Base64.encode(canvas.png())), "text/plain": .string(text)]
        if let html { data["text/html"] = .string(html) }
        return MimeBundle(data: data, metadata: ["image/png": ["width": .int(canvas.width), "height": .int(canvas.height)]])
    }

    func runShow(_ inv: Invocation, context: ExecutionContext) throws {
        switch inv.text("what") {
        case "source": try runShowSource(inv, context: context)
        case "images": try showImages(inv, context: context)
        case "featuremaps": try showFeatureMaps(inv, context: context)
        case "filters": try showFilters(inv, context: context)
        case "confusion": try showConfusion(inv, context: context)
        case "mistakes": try showMistakes(inv, context: context)
        case "saliency": try showSaliency(inv, context: context)
        case "gradcam": try showGradCAM(inv, context: context)
        case "graph": try showGraph(inv, context: context)
        case "histograms": try showHistograms(inv, context: context)
        default: try showAugment(inv, context: context)
        }
    }

    /// Pixel values 0…1 of one image, channels-last.
    func pixels(_ set: Dataset, _ i: Int) -> [Double] {
        let per = set.shape.count
        return (0..<per).map { Double(set.images[i * per + $0]) / 255 }
    }

    func imageSize(_ set: Dataset) -> (c: Int, h: Int, w: Int) {
        if case .image(let c, let h, let w) = set.shape { return (c, h, w) }
        return (1, 1, set.shape.count)
    }

    func displaySet(_ inv: Invocation) throws -> (LoadedData, Dataset) {
        guard let data = session.data else {
            throw LanguageError(.state, at: inv.nameToken, "no data loaded: start with `data fashion-mnist` (or `data shapes`)")
        }
        return (data, try evaluationData(inv, data))
    }

    /// A grid of labelled images; `caption(i)` gives the lines under image i and their colour.
    func imageGrid(_ set: Dataset, _ indices: [Int], title: String, caption: (Int) -> [(String, Color)]) -> Canvas {
        let (c, h, w) = imageSize(set)
        let scale = max(1, 64 / max(h, w))
        let lines = indices.isEmpty ? 1 : caption(indices[0]).count
        let cellW = max(w * scale + 8, 112), cellH = h * scale + lines * Canvas.lineHeight + 8
        let cols = min(8, max(1, indices.count)), rows = (indices.count + cols - 1) / cols
        var canvas = Canvas(width: max(cols * cellW + 16, Canvas.textWidth(title) + 16), height: rows * cellH + 28)
        canvas.text(title, x: 8, y: 6)
        for (k, i) in indices.enumerated() {
            let x = 8 + (k % cols) * cellW, y = 26 + (k / cols) * cellH
            canvas.picture(pixels(set, i), channels: c, rows: h, cols: w, x: x + (cellW - w * scale) / 2, y: y, scale: scale)
            for (j, (t, color)) in caption(i).enumerated() {
                var label = t
                while Canvas.textWidth(label) > cellW - 4 && label.count > 3 { label = String(label.dropLast(2)) + "…" }
                canvas.centeredText(label, x: x + cellW / 2, y: y + h * scale + 2 + j * Canvas.lineHeight, color)
            }
        }
        return canvas
    }

    func showImages(_ inv: Invocation, context: ExecutionContext) throws {
        let (data, set) = try displaySet(inv)
        let n = min(inv.integer("n"), set.count)
        let indices = Array(0..<n)
        let canvas = imageGrid(set, indices, title: "\(set.name): \(inv.text("split") ?? "test") images 0–\(n - 1)") { i in [("\(i): \(data.classNames[Int(set.labels[i])])", .text)] }
        let (c, h, w) = imageSize(set)
        var text = "\(n) \(inv.text("split") ?? "test") images of \(set.name) (\(c)×\(h)×\(w)):\n"
        for i in indices { text += "  \(i): \(data.classNames[Int(set.labels[i])])\n" }
        if let first = indices.first {
            let px = pixels(set, first)
            let grey = (0..<(h * w)).map { p in (0..<c).map { px[p * c + $0] }.reduce(0, +) / Double(c) }
            let (small, rows, cols) = downsample(grey, h, w, to: 28)
            text += "image 0:\n" + TextPlot.shaded(small, rows: rows, cols: cols)
        }
        context.display(imageBundle(canvas, text: text))
    }

    /// Nearest-neighbour reduction so the longer side is at most `limit` (for text forms).
    func downsample(_ v: [Double], _ h: Int, _ w: Int, to limit: Int) -> ([Double], Int, Int) {
        let f = max(1, (max(h, w) + limit - 1) / limit)
        let nh = (h + f - 1) / f, nw = (w + f - 1) / f
        var out: [Double] = []
        for r in 0..<nh { for c in 0..<nw { out.append(v[min(h - 1, r * f) * w + min(w - 1, c * f)]) } }
        return (out, nh, nw)
    }

    func modelAndImage(_ inv: Invocation) throws -> (ModelEntry, LoadedData, Dataset, Int, Tensor) {
        let entry = try model(inv, "model")
        let data = try dataFor(entry, inv)
        let set = try evaluationData(inv, data)
        let i = inv.integer("image")
        guard i < set.count else { throw LanguageError(.value, at: inv.token("image"), "image \(i) is past the last one (\(set.count - 1))") }
        let (x, _) = Batches.make(set, indices: [i][...], normalization: entry.normalization ?? data.split.normalization)
        return (entry, data, set, i, x)
    }

    /// Channel c of an image tensor (one sample), min-max scaled to 0…1, and the range.
    func channel(_ t: Tensor, _ c: Int) -> ([Double], Double, Double) {
        guard case .image(let cc, let h, let w) = t.shape else { return ([], 0, 0) }
        var v = [Double](repeating: 0, count: h * w)
        for p in 0..<(h * w) { v[p] = Double(t.data[p * cc + c]) }
        let lo = v.min() ?? 0, hi = v.max() ?? 0
        let span = hi - lo
        return (v.map { span > 0 ? ($0 - lo) / span : 0.5 }, lo, hi)
    }

    func layerNamed(_ entry: ModelEntry, _ inv: Invocation) throws -> (String, Layer) {
        let name = inv.text("layer") ?? ""
        guard let l = entry.model.layer(named: name) else {
            let names = entry.model.allLayers().map(\.name)
            throw LanguageError(.name, at: inv.token("layer"), "model \(entry.name) has no layer `\(name)`\(Suggest.hint(for: name, in: names)) (layers: \(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", …" : ""))")
        }
        return (name, l)
    }

    func showFeatureMaps(_ inv: Invocation, context: ExecutionContext) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        let (outputs, logits) = entry.model.activations(x)
        let probs = SoftmaxCrossEntropy.softmax(logits.values)
        let pred = probs.indices.max { probs[$0] < probs[$1] }!
        let (c, h, w) = imageSize(set)
        let header = "image \(i): \(data.classNames[Int(set.labels[i])]), predicted \(data.classNames[pred]) (\(percent(probs[pred])))"
        if inv.given("layer") {
            let (name, _) = try layerNamed(entry, inv)
            guard let t = outputs[name], case .image(let ch, let fh, let fw) = t.shape else {
                throw LanguageError(.value, at: inv.token("layer"), "layer \(name) gives flat features, not feature maps; choose a convolution, activation or pooling layer")
            }
            let scale = max(1, min(8, (ch <= 4 ? 112 : 64) / max(fh, fw)))
            let inScale = max(1, 96 / max(h, w))
            let cols = min(16, ch), rows = (ch + cols - 1) / cols
            let cellW = fw * scale + 6, cellH = fh * scale + Canvas.lineHeight + 4
            let left = w * inScale + 24
            let title = "\(name): \(ch) feature maps of \(fh)×\(fw)  (\(header))"
            var canvas = Canvas(width: max(left + cols * cellW + 8, Canvas.textWidth(title) + 16), height: max(h * inScale + 44, rows * cellH + 30))
            canvas.text(title, x: 8, y: 6)
            canvas.picture(pixels(set, i), channels: c, rows: h, cols: w, x: 8, y: 26, scale: inScale)
            canvas.text("input", x: 8, y: 30 + h * inScale, .muted)
            var text = "\(name) of model \(entry.name): \(ch) feature maps of \(fh)×\(fw) for \(header)\n"
            for k in 0..<ch {
                let (v, lo, hi) = channel(t, k)
                let x0 = left + (k % cols) * cellW, y0 = 26 + (k / cols) * cellH
                canvas.heatmap(v, rows: fh, cols: fw, x: x0, y: y0, scale: scale, map: .viridis)
                canvas.text("\(k)", x: x0, y: y0 + fh * scale, .muted)
                if k < 4 {
                    let d = downsample(v, fh, fw, to: 24)
                    text += "channel \(k) (range \(fixed(lo, 3))…\(fixed(hi, 3))):\n" + TextPlot.shaded(d.0, rows: d.1, cols: d.2)
                }
            }
            if ch > 4 { text += "(\(ch - 4) more channels in the image)\n" }
            context.display(imageBundle(canvas, text: text))
            return
        }
        // Overview: the first channels of every top-level layer with an image output.
        let layers = entry.model.allLayers().filter { $0.depth == 0 && outputs[$0.name] != nil }.filter { if case .image = $0.layer.outputShape { return true }; return false }
        let per = 8, cell = 40
        let title = "feature maps of model \(entry.name): \(header)"
        var canvas = Canvas(width: max(150 + per * (cell + 4) + 8, Canvas.textWidth(title) + 16), height: 30 + max(1, layers.count) * (cell + 8))
        canvas.text(title, x: 8, y: 6)
        var text = "feature maps of model \(entry.name), \(header):\n"
        for (row, l) in layers.enumerated() {
            let t = outputs[l.name]!
            guard case .image(let ch, let fh, let fw) = t.shape else { continue }
            let y0 = 26 + row * (cell + 8)
            canvas.text(l.name, x: 8, y: y0 + 4)
            canvas.text("\(ch)×\(fh)×\(fw)", x: 8, y: y0 + 4 + Canvas.lineHeight, .muted)
            text += "  \(l.name.padding(16)) \(ch) maps of \(fh)×\(fw)\n"
            for k in 0..<min(per, ch) {
                let (v, _, _) = channel(t, k)
                let s = max(1, cell / max(fh, fw))
                canvas.heatmap(v, rows: fh, cols: fw, x: 150 + k * (cell + 4), y: y0, scale: s, map: .viridis)
            }
        }
        context.display(imageBundle(canvas, text: text))
    }

    func showFilters(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        var name = inv.text("layer") ?? ""
        if name.isEmpty { name = entry.model.allLayers().first { $0.layer.typeName == "conv" }?.name ?? "" }
        guard let layer = entry.model.layer(named: name), layer.typeName == "conv", let weight = layer.parameters.first else {
            let convs = entry.model.allLayers().filter { $0.layer.typeName == "conv" }.map(\.name)
            throw LanguageError(.name, at: inv.token("layer"), "`\(name)` is not a convolution of model \(entry.name)\(Suggest.hint(for: name, in: convs)) (convolutions: \(convs.prefix(10).joined(separator: ", ")))")
        }
        let shape = weight.shape  // (out, in, kh, kw)
        let (o, ci, kh, kw) = (shape[0], shape[1], shape[2], shape[3])
        let v = weight.valuesInShapeOrder().map(Double.init)
        let scale = max(4, 40 / max(kh, kw))
        var text = "filters of \(name): \(o) × \(ci) kernels of \(kh)×\(kw)\n"
        var canvas: Canvas
        if ci == 3 || ci == 1, o <= 256 {
            // First layer: each filter as a colour (or grey) picture, scaled to its own range.
            let cols = min(16, o), rows = (o + cols - 1) / cols
            let title = "\(name): \(o) filters of \(ci)×\(kh)×\(kw)" + (ci == 3 ? " (RGB)" : "")
            canvas = Canvas(width: max(cols * (kw * scale + 6) + 16, Canvas.textWidth(title) + 16), height: rows * (kh * scale + Canvas.lineHeight + 6) + 30)
            canvas.text(title, x: 8, y: 6)
            for f in 0..<o {
                let chunk = Array(v[(f * ci * kh * kw)..<((f + 1) * ci * kh * kw)])
                let lo = chunk.min()!, hi = chunk.max()!
                var pic = [Double](repeating: 0, count: kh * kw * ci)
                for c in 0..<ci { for p in 0..<(kh * kw) { pic[p * ci + c] = hi > lo ? (chunk[c * kh * kw + p] - lo) / (hi - lo) : 0.5 } }
                let x0 = 8 + (f % cols) * (kw * scale + 6), y0 = 26 + (f / cols) * (kh * scale + Canvas.lineHeight + 6)
                canvas.picture(pic, channels: ci, rows: kh, cols: kw, x: x0, y: y0, scale: scale)
                canvas.text("\(f)", x: x0, y: y0 + kh * scale, .muted)
                if f < 3 && ci == 1 { text += "filter \(f):\n" + TextPlot.shaded(pic, rows: kh, cols: kw) }
            }
        } else {
            // Deeper layers: one grey kernel per (output, input) channel pair, rows = outputs.
            let ro = min(o, 16), rc = min(ci, 16)
            let cell = kw * scale + 3
            let title = "\(name): kernels of outputs 0–\(ro - 1) (rows) × inputs 0–\(rc - 1) (columns)"
            canvas = Canvas(width: max(40 + rc * cell + 8, Canvas.textWidth(title) + 16), height: 44 + ro * (kh * scale + 3))
            canvas.text(title, x: 8, y: 6)
            let lo = v.min()!, hi = v.max()!
            let m = max(abs(lo), abs(hi), 1e-12)
            for a in 0..<ro {
                canvas.text("\(a)", x: 8, y: 28 + a * (kh * scale + 3), .muted)
                for b in 0..<rc {
                    let base = (a * ci + b) * kh * kw
                    let pic = (0..<(kh * kw)).map { 0.5 + 0.5 * v[base + $0] / m }
                    canvas.heatmap(pic, rows: kh, cols: kw, x: 40 + b * cell, y: 26 + a * (kh * scale + 3), scale: scale, map: .grey)
                }
            }
            text += "shown as grey levels, 0 = mid grey, scaled by the largest |weight| (\(fixed(m, 4)))\n"
        }
        context.display(imageBundle(canvas, text: text))
    }

    func evaluate(_ inv: Invocation) throws -> (ModelEntry, LoadedData, Dataset, Evaluation) {
        let entry = try model(inv, "model")
        let data = try dataFor(entry, inv)
        let set = try evaluationData(inv, data)
        let e = Evaluation.run(entry.model, on: set, normalization: entry.normalization ?? data.split.normalization)
        return (entry, data, set, e)
    }

    func showConfusion(_ inv: Invocation, context: ExecutionContext) throws {
        let (entry, data, _, e) = try evaluate(inv)
        try context.token.check()
        let k = data.classNames.count
        var m = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (t, p) in zip(e.labels, e.predictions) { m[t][p] += 1 }
        let normalize = inv.bool("normalize")
        let rowSums = m.map { max(1, $0.reduce(0, +)) }
        let maxCount = Double(m.flatMap { $0 }.max() ?? 1)
        let names = data.classNames
        let labelW = names.map(Canvas.textWidth).max()! + 12
        let cell = 44
        let confusionTitle = "confusion of \(entry.name) on \(e.labels.count) \(inv.text("split") ?? "test") images (rows: true class, columns: predicted)\(normalize ? ", row-normalised" : "")"
        var canvas = Canvas(width: max(labelW + k * cell + 20, Canvas.textWidth(confusionTitle) + 16), height: 30 + k * cell + 26)
        canvas.text("confusion of \(entry.name) on \(e.labels.count) \(inv.text("split") ?? "test") images (rows: true class, columns: predicted)\(normalize ? ", row-normalised" : "")", x: 8, y: 6)
        let top = 30
        for r in 0..<k {
            canvas.text(names[r], x: labelW - 6 - Canvas.textWidth(names[r]), y: top + r * cell + cell / 2 - 7)
            for c in 0..<k {
                let frac = normalize ? Double(m[r][c]) / Double(rowSums[r]) : Double(m[r][c]) / maxCount
                let color = Colormap.magma.color(1 - 0.85 * frac)
                canvas.fill(x: labelW + c * cell, y: top + r * cell, w: cell - 1, h: cell - 1, color)
                let label = normalize ? fixed(Double(m[r][c]) / Double(rowSums[r]), 2) : "\(m[r][c])"
                canvas.centeredText(label, x: labelW + c * cell + cell / 2, y: top + r * cell + cell / 2 - 7, frac > 0.55 ? .white : .text)
            }
        }
        for c in 0..<k {
            // Column labels, written downwards one letter under another would be unreadable: use short forms.
            let short = String(names[c].prefix(6))
            canvas.centeredText(short, x: labelW + c * cell + cell / 2, y: top + k * cell + 4, .muted)
        }
        // Per-class precision, recall, F1.
        var rows: [[String]] = [["class", "precision", "recall", "F1", "support"]]
        var html = "<table><thead><tr><th style=\"text-align:left\">class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead><tbody>"
        for i in 0..<k {
            let tp = Double(m[i][i]), predicted = Double((0..<k).map { m[$0][i] }.reduce(0, +)), actual = Double(m[i].reduce(0, +))
            let p = predicted > 0 ? tp / predicted : 0, r = actual > 0 ? tp / actual : 0, f = p + r > 0 ? 2 * p * r / (p + r) : 0
            rows.append([names[i], fixed(p, 3), fixed(r, 3), fixed(f, 3), "\(Int(actual))"])
            html += "<tr><td style=\"text-align:left\">\(escape(names[i]))</td><td>\(fixed(p, 3))</td><td>\(fixed(r, 3))</td><td>\(fixed(f, 3))</td><td>\(Int(actual))</td></tr>"
        }
        html += "</tbody></table>"
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max()! }
        var text = "confusion matrix of \(entry.name) (rows: true, columns: predicted):\n"
        let cw = max(5, String(m.flatMap { $0 }.max() ?? 0).count + 1)
        for r in 0..<k {
            text += String(names[r].prefix(12)).padding(13) + (0..<k).map { c in
                let s = normalize ? fixed(Double(m[r][c]) / Double(rowSums[r]), 2) : "\(m[r][c])"
                return String(repeating: " ", count: max(0, cw - s.count)) + s
            }.joined() + "\n"
        }
        text += "\n" + rows.map { r in (0..<5).map { r[$0].padding(widths[$0]) }.joined(separator: "  ") }.joined(separator: "\n") + "\n"
        context.display(imageBundle(canvas, text: text))
        context.display(MimeBundle(data: ["text/html": .string(html), "text/plain": .string(rows.map { r in (0..<5).map { r[$0].padding(widths[$0]) }.joined(separator: "  ") }.joined(separator: "\n"))]))
    }

    func showMistakes(_ inv: Invocation, context: ExecutionContext) throws {
        let (entry, data, set, e) = try evaluate(inv)
        try context.token.check()
        let k = data.classNames.count
        var wrong: [(Int, Double)] = []
        for i in 0..<e.labels.count where e.predictions[i] != e.labels[i] {
            let p = Double(e.probabilities[i * k + e.labels[i]])
            wrong.append((i, -log(max(p, 1e-12))))
        }
        wrong.sort { $0.1 > $1.1 }
        let shown = Array(wrong.prefix(inv.integer("n")))
        let names = data.classNames
        let canvas = imageGrid(set, shown.map(\.0), title: "\(entry.name): \(wrong.count) of \(e.labels.count) \(inv.text("split") ?? "test") images misclassified, highest loss first (green: true class, red: predicted)") { i in
            let pred = e.predictions[i]
            return [("\(names[e.labels[i]])", .good), ("\(names[pred]) \(Int((Double(e.probabilities[i * k + pred]) * 100).rounded()))%", .bad)]
        }
        var text = "\(wrong.count) of \(e.labels.count) images misclassified; the \(shown.count) with the highest loss:\n"
        for (i, loss) in shown { text += "  image \(i): true \(names[e.labels[i]]), predicted \(names[e.predictions[i]]) (\(percent(Double(e.probabilities[i * k + e.predictions[i]])))), loss \(fixed(loss, 3))\n" }
        context.display(imageBundle(canvas, text: text))
    }

    // MARK: plot

    func runPlot(_ inv: Invocation, context: ExecutionContext) throws {
        let what = inv.text("what") ?? "loss"
        var entries: [ModelEntry] = []
        for v in inv.values["models"]?.listItems ?? [] {
            guard let e = session.models[v.description] else {
                throw LanguageError(.name, at: inv.token("models"), "no model named `\(v.description)`\(Suggest.hint(for: v.description, in: session.modelOrder))")
            }
            entries.append(e)
        }
        if entries.isEmpty { entries = [try model(inv, "model-unused")] }
        guard entries.contains(where: { !$0.history.steps.isEmpty }) else {
            throw LanguageError(.state, at: inv.nameToken, "nothing to plot yet: train first")
        }
        let chart = historyChart(entries.map { ($0.name, $0.history) }, what: what)
        let text = historyText(entries.map { ($0.name, $0.history) }, what: what)
        context.display(MimeBundle(data: ["image/svg+xml": .string(chart.svg), "text/plain": .string(text)],
                                   metadata: ["image/svg+xml": ["width": .int(chart.width), "height": .int(chart.height)]]))
    }

    func historyChart(_ runs: [(String, TrainingHistory)], what: String) -> LineChart {
        var series: [LineChart.Series] = []
        var keys: [Int] = []
        for (i, (name, h)) in runs.enumerated() {
            let perEpoch = max(1, h.steps.count / max(1, h.epochs.count))
            let prefix = runs.count > 1 ? "\(name) " : ""
            switch what {
            case "lr":
                series.append(.init(name: prefix + "learning rate", points: h.steps.map { (Double($0.step + 1) / Double(perEpoch), $0.learningRate) }))
                keys.append(i)
            default:
                let acc = what == "accuracy"
                let raw = h.steps.map { (Double($0.step + 1) / Double(perEpoch), acc ? $0.accuracy : $0.loss) }
                series.append(.init(name: prefix + "train (smoothed)", points: smooth(raw)))
                keys.append(i)
                let val = h.epochs.compactMap { e -> (Double, Double)? in
                    guard let v = acc ? e.validationAccuracy : e.validationLoss else { return nil }
                    return (Double(e.epoch), v)
                }
                if !val.isEmpty {
                    series.append(.init(name: prefix + "validation", points: val, dashed: true, markers: true))
                    keys.append(i)
                }
            }
        }
        var chart = LineChart(title: what == "lr" ? "learning rate" : what, xLabel: "epoch", yLabel: what == "lr" ? "learning rate" : what, series: series)
        chart.colorKeys = keys
        return chart
    }

    /// An exponential moving average, as loss curves are usually shown.
    func smooth(_ p: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        var m: Double?
        let alpha = p.count > 50 ? 0.1 : 0.3
        for (x, y) in p where y.isFinite {
            m = m.map { $0 * (1 - alpha) + y * alpha } ?? y
            out.append((x, m!))
        }
        // At most ~400 points: enough for a smooth line, small enough for a live update.
        let stride = max(1, out.count / 400)
        return out.enumerated().filter { $0.offset % stride == 0 || $0.offset == out.count - 1 }.map(\.element)
    }

    func historyText(_ runs: [(String, TrainingHistory)], what: String) -> String {
        var series: [(name: String, points: [(Double, Double)])] = []
        for (name, h) in runs {
            let perEpoch = max(1, h.steps.count / max(1, h.epochs.count))
            let pts = h.steps.map { (Double($0.step + 1) / Double(perEpoch), what == "lr" ? $0.learningRate : (what == "accuracy" ? $0.accuracy : $0.loss)) }
            series.append((runs.count > 1 ? name : "train", smooth(pts)))
        }
        var text = TextPlot.lines(series, title: "\(what) by epoch")
        for (name, h) in runs where !h.epochs.isEmpty {
            text += "\(name): " + h.epochs.map { e in
                "epoch \(e.epoch) " + (what == "accuracy" ? percent(e.validationAccuracy ?? e.trainAccuracy) : fixed(e.validationLoss ?? e.trainLoss, 4))
            }.joined(separator: ", ") + (what == "lr" ? "" : " (validation)") + "\n"
        }
        return text
    }
}
