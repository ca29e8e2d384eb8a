import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show featuremaps`: every channel of a layer's output for one input.
struct FeatureMapsView: View {
    let name = "featuremaps"
    let usage = "show featuremaps layer=NAME image=N     every channel of a layer's output for one input, beside the input (without layer=: the first channels of every layer)"
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showFeatureMaps(inv) }
    /// What one picture shows at most: maps of one layer, and rows of the overview.
    static let maxMaps = 256
    static let maxOverviewLayers = 64
}

extension CommandEnvironment {
    fileprivate func showFeatureMaps(_ inv: Invocation) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        let (outputs, logits) = entry.model.activations(x)
        let probs = SoftmaxCrossEntropy.softmax(logits.values)
        let pred = probs.indices.max { probs[$0] < probs[$1] }!
        let (c, h, w) = imageSize(set)
        let header = "image \(i): \(data.classNames[Int(set.labels[i])]), predicted \(data.classNames[pred]) (\(percent(probs[pred])))"
        if inv.given(Common.layer) {
            let (name, _) = try layerNamed(entry, inv)
            guard let t = outputs[name], case .image(let ch, let fh, let fw) = t.shape else {
                throw LanguageError(.value, at: inv.token(Common.layer), "layer \(name) gives flat features, not feature maps; choose a convolution, activation or pooling layer")
            }
            let scale = max(1, min(8, (ch <= 4 ? 112 : 64) / max(fh, fw)))
            let inScale = max(1, 96 / max(h, w))
            // At most 256 maps in the picture (a layer of 65,536 channels would make a canvas of gigabytes).
            let shown = min(ch, FeatureMapsView.maxMaps)
            let cols = min(16, shown), rows = (shown + cols - 1) / cols
            let cellW = fw * scale + 6, cellH = fh * scale + Canvas.lineHeight + 4
            let left = w * inScale + 24
            let title = "\(name): \(ch) feature maps of \(fh)×\(fw)  (\(header))"
            var canvas = Canvas(width: max(left + cols * cellW + 8, Canvas.textWidth(title) + 16), height: max(h * inScale + 44, rows * cellH + 30))
            canvas.text(title, x: 8, y: 6)
            canvas.picture(pixels(set, i), channels: c, rows: h, cols: w, x: 8, y: 26, scale: inScale)
            canvas.text("input", x: 8, y: 30 + h * inScale, .muted)
            var text = "\(name) of model \(entry.name): \(ch) feature maps of \(fh)×\(fw) for \(header)\n"
            for k in 0..<shown {
                try context.token.check()
                let (v, lo, hi) = channel(t, k)
                let x0 = left + (k % cols) * cellW, y0 = 26 + (k / cols) * cellH
                canvas.heatmap(v, rows: fh, cols: fw, x: x0, y: y0, scale: scale, map: .viridis)
                canvas.text("\(k)", x: x0, y: y0 + fh * scale, .muted)
                if k < 4 {
                    let d = downsample(v, fh, fw, to: 24)
                    text += "channel \(k) (range \(fixed(lo, 3))…\(fixed(hi, 3))):\n" + TextPlot.shaded(d.0, rows: d.1, cols: d.2)
                }
            }
            if ch > 4 { text += "(\(shown - 4) more channels in the image)\n" }
            if shown < ch { text += "(the image shows the first \(shown) of \(ch) channels)\n" }
            context.display(imageBundle(canvas, text: text))
            return
        }
        // Overview: the first channels of every top-level layer with an image output.
        let all = entry.model.allLayers().filter { $0.depth == 0 && outputs[$0.name] != nil }.filter { if case .image = $0.layer.outputShape { return true }; return false }
        let layers = Array(all.prefix(FeatureMapsView.maxOverviewLayers))
        let per = 8, cell = 40
        let title = "feature maps of model \(entry.name): \(header)"
        var canvas = Canvas(width: max(150 + per * (cell + 4) + 8, Canvas.textWidth(title) + 16), height: 30 + max(1, layers.count) * (cell + 8))
        canvas.text(title, x: 8, y: 6)
        var text = "feature maps of model \(entry.name), \(header):\n"
        for (row, l) in layers.enumerated() {
            try context.token.check()
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
        if layers.count < all.count { text += "  (the first \(layers.count) of \(all.count) layers; layer=NAME shows any one)\n" }
        context.display(imageBundle(canvas, text: text))
    }
}
