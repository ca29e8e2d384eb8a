import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering
import Widgets

/// `show filters`: the kernels of a convolution.
struct FiltersView: View {
    let name = "filters"
    let usage = tr("show filters layer=NAME                 the kernels of a convolution (first layer in colour)")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showFilters(inv) }
}

extension CommandEnvironment {
    fileprivate func showFilters(_ inv: Invocation) throws {
        let entry = try model(inv)
        let (name, layer) = try firstLayer(entry, inv, types: ["conv"])
        let (canvas, text) = filters(name, layer)
        guard let controls, !context.silent else {
            context.display(imageBundle(canvas, text: text))
            return
        }
        // A menu of the model's convolutions; choosing one redraws its kernels (as they are then).
        let convs = entry.model.allLayers().filter { $0.layer.typeName == "conv" }.map(\.name)
        let menu = controls.dropdown(tr("layer"), options: convs, index: convs.firstIndex(of: name), css: ["width": "300px"])
        let picture = controls.image(png: canvas.png())
        let box = controls.vbox([menu, picture])
        // The model is held weakly: controls left on the page must not keep a replaced model alive.
        menu.onChange = { [weak menu, weak picture, weak entry] _ in
            guard let menu, let picture, let entry, let i = menu["index"]?.intValue, i >= 0, i < convs.count,
                  let chosen = entry.model.layer(named: convs[i]) else { return }
            picture.set([:], binary: ["value": self.filters(convs[i], chosen).canvas.png()])
        }
        context.display(box.bundle(text: text, png: canvas.png()))
    }

    /// The kernels of one convolution: a first layer (1 or 3 input channels) as colour pictures,
    /// a deeper one as grey kernels per (output, input) pair.
    func filters(_ name: String, _ layer: Layer) -> (canvas: Canvas, text: String) {
        guard let weight = layer.parameters.first else { preconditionFailure("a convolution has weights") }
        let shape = weight.shape  // (out, in, kh, kw)
        let (o, ci, kh, kw) = (shape[0], shape[1], shape[2], shape[3])
        let v = weight.valuesInShapeOrder().map(Double.init)
        let scale = max(4, 40 / max(kh, kw))
        var text = tr("filters of \(name): \(o) × \(ci) kernels of \(kh)×\(kw)\n")
        var canvas: Canvas
        if ci == 3 || ci == 1, o <= 256 {
            // First layer: each filter as a colour (or grey) picture, scaled to its own range.
            let cols = min(16, o), rows = (o + cols - 1) / cols
            let title = tr("\(name): \(o) filters of \(ci)×\(kh)×\(kw)") + (ci == 3 ? " (RGB)" : "")
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
                if f < 3 && ci == 1 { text += tr("filter \(f):\n") + TextPlot.shaded(pic, rows: kh, cols: kw) }
            }
        } else {
            // Deeper layers: one grey kernel per (output, input) channel pair, rows = outputs.
            let ro = min(o, 16), rc = min(ci, 16)
            let cell = kw * scale + 3
            let title = tr("\(name): kernels of outputs 0–\(ro - 1) (rows) × inputs 0–\(rc - 1) (columns)")
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
            text += tr("shown as grey levels, 0 = mid grey, scaled by the largest |weight| (\(fixed(m, 4)))\n")
        }
        return (canvas, text)
    }
}
