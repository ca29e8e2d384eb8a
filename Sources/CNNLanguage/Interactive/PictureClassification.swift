import CNNCore
import CNNEngine
import ImageFiles
import JSONKit
import JupyterKernel
import Rendering

/// One picture of the learner's own, classified by a model: made into the data's shape the way
/// the data were made (PicturePreparation), the class probabilities as bars, and where the
/// evidence for the predicted class lies (Grad-CAM at the last layer with feature maps; the
/// input gradient for a model without any).
struct PictureClassification {
    /// Where the picture came from ("cat.jpg", "test image 3").
    let name: String
    let source: DecodedImage
    let prepared: PicturePreparation.Result
    let channels: Int, rows: Int, cols: Int
    let probabilities: [Double]
    let classNames: [String]
    let predicted: Int
    /// The evidence map (0…1, rows × cols of the layer), and how it was made.
    let heat: [Double], heatRows: Int, heatCols: Int
    let method: String
    let modelName: String
    let untrained: Bool

    struct Problem: Error {
        let message: String
        init(_ message: Phrase) { self.message = message.text }
    }

    /// What the classification needs of the session: the model, and what it was trained on.
    struct Setting {
        let entry: ModelEntry
        let normalization: Normalization
        let classNames: [String]
        /// How the data's images look (for `invert=auto` and the grey levels); nil without data.
        let look: PicturePreparation.DataLook?
    }

    static func run(_ source: DecodedImage, name: String, setting s: Setting, fit: PicturePreparation.Fit, invert: PicturePreparation.Invert,
                    shouldStop: () -> Bool) throws -> PictureClassification {
        let model = s.entry.model
        guard case .image(let c, let h, let w) = model.inputShape, c == 1 || c == 3 else {
            throw Problem("model \(s.entry.name) takes \(model.inputShape); a picture becomes a 1- or 3-channel image")
        }
        guard let prepared = PicturePreparation.prepare(rgb: source.rgb, width: source.width, height: source.height, channels: c, rows: h, cols: w,
                                                        fit: fit, invert: invert, data: s.look, shouldStop: shouldStop) else {
            throw ExecutionInterrupted()
        }
        let one = Dataset(name: name, shape: model.inputShape, classNames: s.classNames, images: prepared.image, labels: [0])
        let (x, _) = Batches.make(one, indices: [0][...], normalization: s.normalization)
        // Grad-CAM at the last top-level layer that still has feature maps (its usual place).
        let spatial = model.allLayers().last { l in
            if l.depth == 0, case .image = l.layer.outputShape { return true }
            return false
        }
        var heat: [Double], hh: Int, hw: Int, method: String, logits: Tensor, k: Int
        if let layer = spatial, let r = model.gradCAM(x, layer: layer.name, classIndex: nil) {
            (heat, hh, hw, logits, k) = (r.cam, r.h, r.w, r.logits, r.classIndex)
            method = tr("Grad-CAM at \(layer.name)")
        } else {
            let (g, l, kk) = model.inputGradient(x, classIndex: nil)
            (logits, k, hh, hw) = (l, kk, h, w)
            heat = (0..<(h * w)).map { p in (0..<c).map { abs(Double(g.data[p * c + $0])) }.max() ?? 0 }
            method = tr("saliency (|d score / d pixel|)")
        }
        let mx = heat.max() ?? 0
        heat = heat.map { mx > 0 ? max(0, $0) / mx : 0 }
        let p = SoftmaxCrossEntropy.softmax(logits.values)
        guard p.allSatisfy(\.isFinite), heat.allSatisfy(\.isFinite) else {
            throw Problem("model \(s.entry.name) gives scores that are not finite numbers (its weights or activations overflowed): train it again, or with a smaller lr")
        }
        guard p.count == s.classNames.count else {
            throw Problem("model \(s.entry.name) gives \(p.count) scores but there are \(s.classNames.count) classes")
        }
        return PictureClassification(name: name, source: source, prepared: prepared, channels: c, rows: h, cols: w, probabilities: p,
                                     classNames: s.classNames, predicted: k, heat: heat, heatRows: hh, heatCols: hw, method: method,
                                     modelName: s.entry.name, untrained: !s.entry.trained)
    }

    /// Classes by probability, most likely first (all of them up to 10, else the top 10).
    var ranking: [Int] { Array(probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }.prefix(10)) }

    var title: String {
        tr("\(modelName) on \(name) (\(source.width)×\(source.height) \(source.format)): \(classNames[predicted]), p = \(percent(probabilities[predicted]))")
    }

    // MARK: picture

    /// The picture; without `source` the learner's picture is left out (the drawing pad shows it).
    func render(source showSource: Bool = true) -> Canvas {
        // Beside the drawing pad (no source picture) the panels are smaller, to fit next to it.
        let side = showSource ? 140 : 112
        let scale = max(1, side / max(rows, cols))
        let sourceWidth = showSource ? side + 16 : 0
        let pw = cols * scale, ph = rows * scale
        // The source picture as a thumbnail of at most side × side, its proportions kept.
        let tw = source.width >= source.height ? side : max(1, side * source.width / source.height)
        let th = source.width >= source.height ? max(1, side * source.height / source.width) : side
        let thumb = !showSource ? [] : PicturePreparation.prepare(rgb: source.rgb, width: source.width, height: source.height, channels: 3, rows: th, cols: tw,
                                               fit: .stretch, invert: .no, data: nil)?.image ?? []
        let names = ranking
        let labelWidth = names.map { Canvas.textWidth(classNames[$0]) }.max() ?? 0
        let barsX = 8 + sourceWidth + pw + 16 + pw + 24
        let barLength = showSource ? 150 : 110
        let notes = prepared.steps + (untrained ? [tr("model \(modelName) is untrained: its guesses are chance (train it first)")] : [])
        let lineH = Canvas.lineHeight
        let barsHeight = names.count * (lineH + 4)
        let top = 28
        let height = top + max(max(side, ph) + lineH + 8, barsHeight + lineH + 8) + notes.count * lineH + 12
        let width = max(barsX + labelWidth + 8 + barLength + 60, Canvas.textWidth(title) + 16, (notes.map(Canvas.textWidth).max() ?? 0) + 16)
        var canvas = Canvas(width: width, height: height)
        canvas.text(title, x: 8, y: 6)
        if showSource && thumb.count == tw * th * 3 {
            canvas.picture(thumb.map { Double($0) / 255 }, channels: 3, rows: th, cols: tw, x: 8 + (side - tw) / 2, y: top + (side - th) / 2, scale: 1)
        }
        if showSource { canvas.text("your picture", x: 8, y: top + max(side, ph) + 4, .muted) }
        let input = prepared.image.map { Double($0) / 255 }
        let ix = 8 + sourceWidth
        canvas.picture(input, channels: channels, rows: rows, cols: cols, x: ix, y: top, scale: scale)
        canvas.text("what the model sees", x: ix, y: top + max(side, ph) + 4, .muted)
        // Evidence over the input: grey input, the heat in colour with alpha by strength.
        let ox = ix + pw + 16
        for y in 0..<rows {
            for x in 0..<cols {
                let g = (0..<channels).map { input[(y * cols + x) * channels + $0] }.reduce(0, +) / Double(channels)
                let base = UInt8(max(0, min(255, g * 255 * 0.8)))
                canvas.fill(x: ox + x * scale, y: top + y * scale, w: scale, h: scale, Color(base, base, base))
                let v = heatAt(y, x)
                let col = Colormap.magma.color(v)
                for dy in 0..<scale { for dx in 0..<scale { canvas.blend(ox + x * scale + dx, top + y * scale + dy, col, 0.65 * v) } }
            }
        }
        canvas.text(method.components(separatedBy: " (").first ?? method, x: ox, y: top + max(side, ph) + 4, .muted)
        // The probabilities as bars, the predicted class in green.
        for (row, k) in names.enumerated() {
            let y = top + row * (lineH + 4)
            canvas.text(classNames[k], x: barsX + labelWidth - Canvas.textWidth(classNames[k]), y: y, k == predicted ? .text : .muted)
            let length = max(1, Int((probabilities[k] * Double(barLength)).rounded()))
            canvas.fill(x: barsX + labelWidth + 8, y: y + 2, w: barLength, h: lineH - 4, .grid)
            canvas.fill(x: barsX + labelWidth + 8, y: y + 2, w: length, h: lineH - 4, k == predicted ? .good : Color.series[0])
            canvas.text(percent(probabilities[k]), x: barsX + labelWidth + 14 + barLength, y: y, .muted)
        }
        if names.count < probabilities.count {
            canvas.text("(the top \(names.count) of \(probabilities.count) classes)", x: barsX, y: top + barsHeight + 2, .muted)
        }
        let notesY = top + max(max(side, ph) + lineH + 8, barsHeight + lineH + 8)
        for (i, n) in notes.enumerated() { canvas.text(n, x: 8, y: notesY + i * lineH, .muted) }
        return canvas
    }

    /// The evidence at input pixel (y, x): the layer's coarser map resampled bilinearly, as
    /// Grad-CAM is drawn (nearest neighbour would paint the layer's grid, not the evidence).
    func heatAt(_ y: Int, _ x: Int) -> Double {
        let fy = min(Double(heatRows - 1), max(0, (Double(y) + 0.5) * Double(heatRows) / Double(rows) - 0.5))
        let fx = min(Double(heatCols - 1), max(0, (Double(x) + 0.5) * Double(heatCols) / Double(cols) - 0.5))
        let y0 = Int(fy), x0 = Int(fx), y1 = min(heatRows - 1, y0 + 1), x1 = min(heatCols - 1, x0 + 1)
        let ty = fy - Double(y0), tx = fx - Double(x0)
        let top = heat[y0 * heatCols + x0] * (1 - tx) + heat[y0 * heatCols + x1] * tx
        let bottom = heat[y1 * heatCols + x0] * (1 - tx) + heat[y1 * heatCols + x1] * tx
        return top * (1 - ty) + bottom * ty
    }

    // MARK: text

    var text: String {
        var t = title + "\n"
        for s in prepared.steps { t += "  \(s)\n" }
        if untrained { t += tr("  model \(modelName) is untrained: its guesses are chance (train it first)\n") }
        let width = ranking.map { classNames[$0].count }.max() ?? 0
        for k in ranking.prefix(5) {
            let bar = String(repeating: "█", count: Int((probabilities[k] * 30).rounded()))
            t += "  \(classNames[k])\(String(repeating: " ", count: width - classNames[k].count + 1))\(bar) \(percent(probabilities[k]))\n"
        }
        t += tr("evidence: \(method), brightest where the class score depends most on the picture\n")
        return t
    }

    var json: JSON {
        ["name": .string(name), "prediction": .int(predicted), "class": .string(classNames[predicted]), "inverted": .bool(prepared.inverted),
         "probabilities": .array(probabilities.map { .number($0) })]
    }

    /// The numbers go under a type of their own: JupyterLab would show `application/json` (as a
    /// tree) in place of the picture.
    static let dataType = "application/vnd.cnn-kernel.classification+json"

    func bundle(source: Bool = true) -> MimeBundle { output(source: source).bundle }

    /// The bundle and its PNG (which an output with controls also carries as its static form).
    func output(source: Bool = true) -> (bundle: MimeBundle, png: [UInt8]) {
        let canvas = render(source: source)
        let png = canvas.png()
        return (MimeBundle(data: ["image/png": .string(Base64.encode(png)), "text/plain": .string(text), Self.dataType: json],
                           metadata: ["image/png": ["width": .int(canvas.width), "height": .int(canvas.height)]]), png)
    }
}
