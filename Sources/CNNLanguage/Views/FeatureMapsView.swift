import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering
import Widgets

/// `show featuremaps`: every channel of a layer's output for one input.
struct FeatureMapsView: View {
    let name = "featuremaps"
    let usage = tr("show featuremaps layer=NAME image=N     every channel of a layer's output for one input, beside the input (without layer=: the first channels of every layer)")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showFeatureMaps(inv) }
    /// What one picture shows at most: maps of one layer, and rows of the overview.
    static let maxMaps = 256
    static let maxOverviewLayers = 64
}

extension CommandEnvironment {
    fileprivate func showFeatureMaps(_ inv: Invocation) throws {
        let (entry, data, set, i, _) = try modelAndImage(inv)
        let name = inv.given(Common.layer) ? try layerNamed(entry, inv).0 : nil
        let picture: (canvas: Canvas, text: String)
        do {
            picture = try featureMaps(entry, data.split.normalization, data.classNames, set, image: i, layer: name, check: { [context] in try context.token.check() })
        } catch let e as FeatureMapsProblem {
            throw LanguageError(.value, at: inv.token(Common.layer), Phrase(verbatim: e.message))
        }
        guard let controls, !context.silent else {
            context.display(imageBundle(picture.canvas, text: picture.text))
            return
        }
        let live = FeatureMapsControls(controls: controls, environment: self, entry: entry, data: data, set: set, image: i, layer: name,
                                       png: picture.canvas.png())
        context.display(live.box.bundle(text: picture.text, png: live.png))
    }

    /// The feature maps of `layer` (every channel, at most 256) for one image, beside it; or, with
    /// no layer, the first channels of every top-level layer.
    func featureMaps(_ entry: ModelEntry, _ dataNormalization: Normalization, _ classNames: [String], _ set: Dataset, image i: Int, layer: String?,
                     check: () throws -> Void) throws -> (canvas: Canvas, text: String) {
        let x = Batches.make(set, indices: [i][...], normalization: entry.normalization ?? dataNormalization).0
        let (outputs, logits) = entry.model.activations(x)
        let probs = SoftmaxCrossEntropy.softmax(logits.values)
        let pred = probs.indices.max { probs[$0] < probs[$1] }!
        let (c, h, w) = imageSize(set)
        let header = tr("image \(i): \(classNames[Int(set.labels[i])]), predicted \(classNames[pred]) (\(percent(probs[pred])))")
        if let name = layer {
            guard let t = outputs[name], case .image(let ch, let fh, let fw) = t.shape else {
                throw FeatureMapsProblem("layer \(name) gives flat features, not feature maps; choose a convolution, activation or pooling layer")
            }
            let scale = max(1, min(8, (ch <= 4 ? 112 : 64) / max(fh, fw)))
            let inScale = max(1, 96 / max(h, w))
            // At most 256 maps in the picture (a layer of 65,536 channels would make a canvas of gigabytes).
            let shown = min(ch, FeatureMapsView.maxMaps)
            let cols = min(16, shown), rows = (shown + cols - 1) / cols
            let cellW = fw * scale + 6, cellH = fh * scale + Canvas.lineHeight + 4
            let left = w * inScale + 24
            let title = tr("\(name): \(ch) feature maps of \(fh)×\(fw)  (\(header))")
            var canvas = Canvas(width: max(left + cols * cellW + 8, Canvas.textWidth(title) + 16), height: max(h * inScale + 44, rows * cellH + 30))
            canvas.text(title, x: 8, y: 6)
            canvas.picture(pixels(set, i), channels: c, rows: h, cols: w, x: 8, y: 26, scale: inScale)
            canvas.text(tr("input"), x: 8, y: 30 + h * inScale, .muted)
            var text = tr("\(name) of model \(entry.name): \(ch) feature maps of \(fh)×\(fw) for \(header)\n")
            for k in 0..<shown {
                try check()
                let (v, lo, hi) = channel(t, k)
                let x0 = left + (k % cols) * cellW, y0 = 26 + (k / cols) * cellH
                canvas.heatmap(v, rows: fh, cols: fw, x: x0, y: y0, scale: scale, map: .viridis)
                canvas.text("\(k)", x: x0, y: y0 + fh * scale, .muted)
                if k < 4 {
                    let d = downsample(v, fh, fw, to: 24)
                    text += tr("channel \(k) (range \(fixed(lo, 3))…\(fixed(hi, 3))):\n") + TextPlot.shaded(d.0, rows: d.1, cols: d.2)
                }
            }
            if ch > 4 { text += tr("(\(shown - 4) more channels in the image)\n") }
            if shown < ch { text += tr("(the image shows the first \(shown) of \(ch) channels)\n") }
            return (canvas, text)
        }
        // Overview: the first channels of every top-level layer with an image output.
        let all = entry.model.allLayers().filter { $0.depth == 0 && outputs[$0.name] != nil }.filter { if case .image = $0.layer.outputShape { return true }; return false }
        let layers = Array(all.prefix(FeatureMapsView.maxOverviewLayers))
        let per = 8, cell = 40
        let title = tr("feature maps of model \(entry.name): \(header)")
        var canvas = Canvas(width: max(150 + per * (cell + 4) + 8, Canvas.textWidth(title) + 16), height: 30 + max(1, layers.count) * (cell + 8))
        canvas.text(title, x: 8, y: 6)
        var text = tr("feature maps of model \(entry.name), \(header):\n")
        for (row, l) in layers.enumerated() {
            try check()
            let t = outputs[l.name]!
            guard case .image(let ch, let fh, let fw) = t.shape else { continue }
            let y0 = 26 + row * (cell + 8)
            canvas.text(l.name, x: 8, y: y0 + 4)
            canvas.text("\(ch)×\(fh)×\(fw)", x: 8, y: y0 + 4 + Canvas.lineHeight, .muted)
            text += tr("  \(l.name.padding(16)) \(ch) maps of \(fh)×\(fw)\n")
            for k in 0..<min(per, ch) {
                let (v, _, _) = channel(t, k)
                let s = max(1, cell / max(fh, fw))
                canvas.heatmap(v, rows: fh, cols: fw, x: 150 + k * (cell + 4), y: y0, scale: s, map: .viridis)
            }
        }
        if layers.count < all.count { text += tr("  (the first \(layers.count) of \(all.count) layers; layer=NAME shows any one)\n") }
        return (canvas, text)
    }
}

struct FeatureMapsProblem: Error {
    let message: String
    init(_ message: Phrase) { self.message = message.text }
}

/// The controls of one `show featuremaps` output: the layer (or all layers) and the image; each
/// change redraws the picture with the model as it is then. The model and the images are held
/// weakly: controls left on the page must not keep a replaced model or data set alive (a soak of
/// notebook 2 grew by the model and data of every run while they were held here).
final class FeatureMapsControls {
    weak var entry: ModelEntry?
    weak var set: Dataset?
    let normalization: Normalization
    let classNames: [String]
    let layers: [String]
    let layer, image, picture, message: Widget
    let box: Widget
    private(set) var png: [UInt8]
    /// Draws with the environment of the cell that made the controls (its helpers, not its output).
    let environment: CommandEnvironment

    init(controls: Controls, environment: CommandEnvironment, entry: ModelEntry, data: LoadedData, set: Dataset, image i: Int, layer name: String?, png: [UInt8]) {
        self.entry = entry
        self.set = set
        normalization = data.split.normalization
        classNames = data.classNames
        self.environment = environment
        self.png = png
        // Every layer with feature maps, in model order (at most 500 in the menu).
        layers = Array(entry.model.allLayers().filter { if case .image = $0.layer.outputShape { return true }; return false }.map(\.name).prefix(500))
        let options = [tr("every layer")] + layers
        layer = controls.dropdown(tr("layer"), options: options, index: name.flatMap { options.firstIndex(of: $0) } ?? 0, css: ["width": "300px"])
        image = controls.intSlider(tr("image"), value: i, min: 0, max: max(0, min(set.count, 10_000) - 1), css: ["width": "300px"])
        message = controls.html("")
        picture = controls.image(png: png)
        box = controls.vbox([controls.hbox([layer, image]), message, picture])
        // The controls' handlers hold this object: it lives as long as they are open.
        layer.onChange = { _ in self.redraw() }
        image.onChange = { _ in self.redraw() }
    }

    func redraw() {
        guard let entry, let set else {
            return say(tr("this model or its data has been replaced since; run the cell again"))
        }
        let index = layer["index"]?.intValue ?? 0
        let name = index > 0 && index <= layers.count ? layers[index - 1] : nil
        let i = min(set.count - 1, max(0, image["value"]?.intValue ?? 0))
        do {
            let drawn = try environment.featureMaps(entry, normalization, classNames, set, image: i, layer: name, check: {})
            png = drawn.canvas.png()
            picture.set([:], binary: ["value": png])
            message.clearMessage()
        } catch let e as FeatureMapsProblem {
            say(e.message)
        } catch {
            say("\(error)")
        }
    }

    func say(_ text: String) { message.say(problem: text) }
}
