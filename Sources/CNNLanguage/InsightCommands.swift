import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering
#if canImport(Glibc)
import Glibc
#endif

/// Saliency, Grad-CAM, augmentation, histograms and the model graph.
extension CNNInterpreter {
    func classOption(_ inv: Invocation, classes: Int) throws -> Int? {
        let k = inv.integer("class")
        guard k >= 0 else { return nil }
        guard k < classes else { throw LanguageError(.value, at: inv.token("class"), "class \(k) is past the last class (\(classes - 1))") }
        return k
    }

    /// The image, a heat map, and the heat map over the image, side by side.
    func heatPanel(title: String, set: Dataset, index i: Int, heat: [Double], hh: Int, hw: Int, legend: String) -> Canvas {
        let (c, h, w) = imageSize(set)
        let scale = max(2, 160 / max(h, w))
        let pw = w * scale, ph = h * scale
        var canvas = Canvas(width: max(3 * pw + 48, Canvas.textWidth(title) + 16), height: ph + 52)
        canvas.text(title, x: 8, y: 6)
        let img = pixels(set, i)
        canvas.picture(img, channels: c, rows: h, cols: w, x: 8, y: 26, scale: scale)
        let mx = heat.max() ?? 0
        let norm = heat.map { mx > 0 ? $0 / mx : 0 }
        // Nearest-neighbour resampling of the heat map to the image's size.
        var up = [Double](repeating: 0, count: h * w)
        for y in 0..<h { for x in 0..<w { up[y * w + x] = norm[min(hh - 1, y * hh / h) * hw + min(hw - 1, x * hw / w)] } }
        canvas.heatmap(up, rows: h, cols: w, x: 24 + pw, y: 26, scale: scale, map: .magma)
        // Overlay: grey image, heat in colour on top with alpha by strength.
        for y in 0..<h {
            for x in 0..<w {
                let g = (0..<c).map { img[(y * w + x) * c + $0] }.reduce(0, +) / Double(c)
                let base = UInt8(max(0, min(255, g * 255 * 0.8)))
                canvas.fill(x: 40 + 2 * pw + x * scale, y: 26 + y * scale, w: scale, h: scale, Color(base, base, base))
                let col = Colormap.magma.color(up[y * w + x])
                for dy in 0..<scale { for dx in 0..<scale { canvas.blend(40 + 2 * pw + x * scale + dx, 26 + y * scale + dy, col, 0.65 * up[y * w + x]) } }
            }
        }
        canvas.text("image", x: 8, y: 30 + ph, .muted)
        canvas.text(legend, x: 24 + pw, y: 30 + ph, .muted)
        canvas.text("overlay", x: 40 + 2 * pw, y: 30 + ph, .muted)
        return canvas
    }

    func showSaliency(_ inv: Invocation, context: ExecutionContext) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        let (g, logits, k) = entry.model.inputGradient(x, classIndex: try classOption(inv, classes: data.classNames.count))
        let (c, h, w) = imageSize(set)
        var heat = [Double](repeating: 0, count: h * w)
        for p in 0..<(h * w) { heat[p] = (0..<c).map { abs(Double(g.data[p * c + $0])) }.max() ?? 0 }
        let probs = SoftmaxCrossEntropy.softmax(logits.values)
        let title = "saliency of \(entry.name) for image \(i) (\(data.classNames[Int(set.labels[i])])): class \(data.classNames[k]), p = \(percent(probs[k]))"
        let canvas = heatPanel(title: title, set: set, index: i, heat: heat, hh: h, hw: w, legend: "|d score / d pixel|")
        let mx = heat.max() ?? 0
        let d = downsample(heat.map { mx > 0 ? $0 / mx : 0 }, h, w, to: 28)
        let text = title + "\nbrighter = the class score changes more when that pixel changes:\n" + TextPlot.shaded(d.0, rows: d.1, cols: d.2)
        context.display(imageBundle(canvas, text: text))
    }

    func showGradCAM(_ inv: Invocation, context: ExecutionContext) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        var name = inv.text("layer") ?? ""
        if name.isEmpty {
            // The last layer that still has feature maps: the usual Grad-CAM choice.
            name = entry.model.allLayers().filter { $0.depth == 0 }.last { if case .image = $0.layer.outputShape { return true }; return false }?.name ?? ""
        }
        guard entry.model.layer(named: name) != nil else { _ = try layerNamed(entry, inv); return }
        guard let r = entry.model.gradCAM(x, layer: name, classIndex: try classOption(inv, classes: data.classNames.count)) else {
            throw LanguageError(.value, at: inv.token("layer"), "layer \(name) gives flat features; Grad-CAM needs feature maps (a convolution, activation or pooling layer)")
        }
        let probs = SoftmaxCrossEntropy.softmax(r.logits.values)
        let title = "Grad-CAM of \(entry.name) at \(name) (\(r.h)×\(r.w)) for image \(i) (\(data.classNames[Int(set.labels[i])])): class \(data.classNames[r.classIndex]), p = \(percent(probs[r.classIndex]))"
        let canvas = heatPanel(title: title, set: set, index: i, heat: r.cam, hh: r.h, hw: r.w, legend: "class evidence")
        let mx = r.cam.max() ?? 0
        let text = title + "\n" + TextPlot.shaded(r.cam.map { mx > 0 ? $0 / mx : 0 }, rows: r.h, cols: r.w)
        context.display(imageBundle(canvas, text: text))
    }

    func showAugment(_ inv: Invocation, context: ExecutionContext) throws {
        guard let data = session.data else { throw LanguageError(.state, at: inv.nameToken, "no data loaded: start with `data fashion-mnist` (or `data shapes`)") }
        guard !data.augment.isEmpty else {
            throw LanguageError(.state, at: inv.nameToken, "the data has no augmentation: load it with augment=[flip, crop(4)] (or resizedcrop)")
        }
        let set = data.split.train
        let n = min(inv.integer("n"), 8, set.count)
        let (c, h, w) = imageSize(set)
        let scale = max(1, 64 / max(h, w))
        let cell = w * scale + 8
        let augTitle = "training images before and after augmentation (\(data.augment.map(\.description).joined(separator: ", ")))"
        var canvas = Canvas(width: max(n * cell + 100, Canvas.textWidth(augTitle) + 16), height: 3 * (h * scale + 8) + 30)
        canvas.text("training images before and after augmentation (\(data.augment.map(\.description).joined(separator: ", ")))", x: 8, y: 6)
        let rng = RandomSource(seed: session.seed &+ 99)
        for row in 0..<3 {
            canvas.text(row == 0 ? "original" : "augmented", x: 8, y: 26 + row * (h * scale + 8) + h * scale / 2 - 7, .muted)
            for k in 0..<n {
                var px = pixels(set, k).map { Float($0 * 255) }
                if row > 0 { for a in data.augment { Batches.apply(a, &px, c: c, h: h, w: w, rng: rng) } }
                canvas.picture(px.map { Double($0) / 255 }, channels: c, rows: h, cols: w, x: 92 + k * cell, y: 26 + row * (h * scale + 8), scale: scale)
            }
        }
        context.display(imageBundle(canvas, text: "\(n) training images, then two random augmentations of each (\(data.augment.map(\.description).joined(separator: ", ")))\n"))
    }

    /// A bar chart of a histogram as SVG, with the same as text.
    func histogramSVG(_ values: [Float], title: String, bins: Int = 40) -> (String, String, Int, Int) {
        let finite = values.filter(\.isFinite)
        let lo = Double(finite.min() ?? 0), hi = Double(finite.max() ?? 1)
        let span = hi > lo ? hi - lo : 1
        var counts = [Int](repeating: 0, count: bins)
        for v in finite { counts[min(bins - 1, Int((Double(v) - lo) / span * Double(bins)))] += 1 }
        let width = 420, height = 200
        var s = SVG(width: width, height: height)
        s.text(title, x: 10, y: 16, size: 12, weight: "bold")
        let top = 26.0, bottom = 36.0, left = 44.0
        let ph = Double(height) - top - bottom, pw = Double(width) - left - 10
        let mx = Double(counts.max() ?? 1)
        for (i, c) in counts.enumerated() {
            let bh = mx > 0 ? Double(c) / mx * ph : 0
            s.rect(x: left + Double(i) * pw / Double(bins), y: top + ph - bh, w: pw / Double(bins) - 1, h: bh, fill: "#1f77b4", title: "\(c)")
        }
        s.line(left, top + ph, left + pw, top + ph, stroke: "#888")
        s.text(tickLabel(lo), x: left, y: top + ph + 14, size: 10, anchor: "start", fill: "#555")
        s.text(tickLabel(hi), x: left + pw, y: top + ph + 14, size: 10, anchor: "end", fill: "#555")
        s.text("0", x: left + (0 - lo) / span * pw, y: top + ph + 26, size: 9, anchor: "middle", fill: lo < 0 && hi > 0 ? "#c33" : "none")
        s.text("\(Int(mx))", x: left - 4, y: top + 8, size: 10, anchor: "end", fill: "#555")
        // Text: one row of block characters of heights proportional to counts.
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let text = title + "\n" + String(counts.map { blocks[mx > 0 ? Int((Double($0) / mx * 8).rounded()) : 0] }) + "\n" + tickLabel(lo) + String(repeating: " ", count: max(1, bins - tickLabel(lo).count - tickLabel(hi).count)) + tickLabel(hi) + "\n"
        return (s.document, text, width, height)
    }

    func showHistograms(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        var name = inv.text("layer") ?? ""
        if name.isEmpty { name = entry.model.allLayers().first { !$0.layer.parameters.isEmpty }?.name ?? "" }
        guard let layer = entry.model.layer(named: name) else { _ = try layerNamed(entry, inv); return }
        var parts: [(String, String)] = []
        var html = "<div style=\"display:flex;flex-wrap:wrap;gap:8px\">"
        for p in layer.parameters {
            let (svg, text, _, _) = histogramSVG(p.value.values, title: "\(name).\(p.name): \(p.count) values")
            html += svg
            parts.append((svg, text))
        }
        var deadText = ""
        if let data = session.data, entry.model.inputShape == data.shape, let test = data.split.test ?? data.split.validation {
            let n = min(256, test.count)
            let (x, _) = Batches.make(test, indices: Array(0..<n)[...], normalization: entry.normalization ?? data.split.normalization)
            let (outputs, _) = entry.model.activations(x)
            if let a = outputs[name] {
                let (svg, text, _, _) = histogramSVG(a.values, title: "\(name) output on \(n) test images")
                html += svg
                parts.append((svg, text))
            }
            // Dead ReLU units: channels (or features) that are zero for every image of the batch.
            var rows: [String] = []
            for (lname, l, _) in entry.model.allLayers() where l.typeName == "relu" {
                guard let t = outputs[lname] else { continue }
                let c = t.shape.channels, per = t.shape.count / c
                var alive = [Bool](repeating: false, count: c)
                for s in 0..<t.batch { for p in 0..<per { for ch in 0..<c where t.data[(s * per + p) * c + ch] > 0 { alive[ch] = true } } }
                let dead = alive.filter { !$0 }.count
                rows.append("\(lname.padding(28)) \(dead) of \(c) channels dead (\(percent(Double(dead) / Double(c))))")
            }
            if !rows.isEmpty {
                deadText = "ReLU units that never fire on \(n) test images:\n" + rows.joined(separator: "\n") + "\n"
                html += "<pre>\(escape(deadText))</pre>"
            }
        }
        html += "</div>"
        let text = parts.map(\.1).joined(separator: "\n") + (deadText.isEmpty ? "" : "\n" + deadText)
        context.display(MimeBundle(data: ["text/html": .string(html), "text/plain": .string(text)]))
    }
}
