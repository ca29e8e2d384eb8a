import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `attribute`: several attribution methods for the same image in a row, each map over the
/// image, so their agreements and disagreements show: saliency, SmoothGrad, integrated
/// gradients, occlusion, Grad-CAM and Grad-CAM++. A row per layer for the CAM methods on request,
/// and the model-randomisation sanity check (Adebayo et al. 2018, arXiv:1810.03292): the same
/// maps from the model with random weights, which a method worth trusting must not reproduce.
struct AttributeCommand: Command {
    static let methodNames = ["saliency", "smoothgrad", "integrated", "occlusion", "gradcam", "gradcampp"]
    static let camMethods: Set<String> = ["gradcam", "gradcampp"]
    /// How each is called under its picture.
    static var titles: [String: String] {
        ["saliency": tr("saliency"), "smoothgrad": "SmoothGrad", "integrated": tr("integrated grad."), "occlusion": tr("occlusion"), "gradcam": "Grad-CAM",
         "gradcampp": "Grad-CAM++"]
    }
    static let methods = Key<[ParameterValue]>("methods", .words, default: [], "which methods, of saliency, smoothgrad, integrated, occlusion, gradcam, gradcampp (Grad-CAM++) (default: all)")
    static let layers = Key<String>("layers", .choice(["last", "all"]), default: "last", "CAM methods: at the last layer with feature maps, or a row for every such top-level layer")
    static let sanity = Key<Bool>("sanity", .bool, default: false, "add the same maps from the model with random weights (a method that gives the same picture explains nothing the model learnt)")
    let spec = CommandSpec(
        name: "attribute", summary: "Several attribution maps for one image in a row (saliency, SmoothGrad, integrated gradients, occlusion, Grad-CAM, Grad-CAM++), with a sanity check.",
        doc: "Each map says which pixels the class score rests on, by its own method; brighter is more. Saliency is the gradient of the score; SmoothGrad averages it over noisy copies of the image; integrated gradients add it up along the way from a black image (its values sum to the score's change); occlusion covers squares of the image and measures the drop in probability; Grad-CAM and Grad-CAM++ weigh a layer's feature maps by their gradients (layer= picks the layer; the default is the last one with feature maps). sanity=true adds the maps of the same model with random weights: Adebayo et al. (2018) found that some methods draw nearly the same picture for a random model, so they show the image more than what the model learnt.",
        parameters: [Common.image.spec, methods.spec, Common.layer.spec, layers.spec, sanity.spec, ShowCommand.classIndex.spec, Common.split.spec, Common.model.spec],
        examples: ["attribute image=3", "attribute image=3 methods=[integrated, gradcam] sanity=true", "attribute image=0 methods=[gradcam, gradcampp] layers=all"])

    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        _ = try Self.chosen(inv)
        if inv.given(Common.layer) && inv[Self.layers] == "all" {
            throw LanguageError(.value, at: inv.token(Self.layers), "layers=all draws every layer; layer= picks one: use one or the other")
        }
    }

    static func chosen(_ inv: Invocation) throws -> [String] {
        let words = inv[methods].map(\.description)
        for w in words where !methodNames.contains(w) {
            throw LanguageError(.value, at: inv.token(methods), "`\(w)` is not an attribution method\(Suggest.hint(for: w, in: methodNames)) (\(methodNames.joined(separator: ", ")))")
        }
        return words.isEmpty ? methodNames : methodNames.filter(words.contains)
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let methods = try Self.chosen(inv)
        let (entry, data, set, i, x) = try env.modelAndImage(inv)
        let logits = entry.model.forward(x, context: entry.model.context(training: false, rng: RandomSource(seed: 0))).values
        let probs = SoftmaxCrossEntropy.softmax(logits)
        let k = try env.classOption(inv, classes: data.classNames.count) ?? probs.indices.max { probs[$0] < probs[$1] } ?? 0
        let spatial = entry.model.allLayers().filter { l in
            if l.depth == 0, case .image = l.layer.outputShape { return true }
            return false
        }.map(\.name)
        var camLayers: [String] = []
        if methods.contains(where: Self.camMethods.contains) {
            if inv.given(Common.layer) {
                let (name, layer) = try env.layerNamed(entry, inv)
                guard case .image = layer.outputShape else {
                    throw LanguageError(.value, at: inv.token(Common.layer), "layer \(name) gives flat features; the CAM methods need feature maps (a convolution, activation or pooling layer)")
                }
                camLayers = [name]
            } else if let last = spatial.last {
                camLayers = inv[Self.layers] == "all" ? spatial : [last]
            }
        }
        let normalization = entry.normalization ?? data.split.normalization
        let black = Dataset(name: "black", shape: set.shape, classNames: set.classNames, images: [UInt8](repeating: 0, count: set.shape.count), labels: [0])
        let (baseline, _) = Batches.make(black, indices: [0][...], normalization: normalization)
        try env.requireInferenceMemory(entry, batch: 32, keepsOutputs: true, what: "attribution", at: inv.nameToken)

        let maps = AttributionMaps(model: entry.model, x: x, baseline: baseline, classIndex: k, token: env.context.token)
        var rows: [AttributionRow] = [AttributionRow(label: entry.name, cells: try methods.map { try maps.map($0, layer: camLayers.first) })]
        if camLayers.count > 1 {
            for layer in camLayers.dropLast() {
                rows.append(AttributionRow(label: layer, cells: try methods.map { Self.camMethods.contains($0) ? try maps.map($0, layer: layer) : nil }))
            }
        }
        var sanityNote = ""
        if inv[Self.sanity] {
            let random = try Model(spec: entry.model.spec, input: entry.model.inputShape, registry: env.session.layers)
            random.initialize(RandomSource(seed: 2018), scheme: .pytorch)
            let randomMaps = AttributionMaps(model: random, x: x, baseline: baseline, classIndex: k, token: env.context.token)
            let randomRow = AttributionRow(label: tr("random weights"), cells: try methods.map { try randomMaps.map($0, layer: camLayers.first) })
            var parts: [String] = []
            for (j, m) in methods.enumerated() {
                guard let a = rows[0].cells[j], let b = randomRow.cells[j] else { continue }
                parts.append("\(m) \(fixed(Statistics.spearman(a.values, b.values), 2))")
            }
            rows.append(randomRow)
            sanityNote = tr("rank correlation of each map with the random model's (near 1: the method shows the image, not what the model learnt): ") + parts.joined(separator: ", ")
        }
        let title = tr("attribution of \(entry.name) for image \(i) (\(data.classNames[Int(set.labels[i])])): class \(data.classNames[k]), p = \(percent(probs[k]))")
        let canvas = env.attributionGrid(title: title, set: set, index: i, methods: methods, rows: rows, note: sanityNote)
        var text = title + "\n"
        for (j, m) in methods.enumerated() {
            guard let cell = rows[0].cells[j] else { continue }
            let (d, h, w) = env.downsample(cell.values, cell.rows, cell.cols, to: 14)
            text += "\(m)\(cell.detail.isEmpty ? "" : " (\(cell.detail))"):\n" + TextPlot.shaded(d, rows: h, cols: w)
        }
        if !sanityNote.isEmpty { text += sanityNote + "\n" }
        env.context.display(env.imageBundle(canvas, text: text))
    }
}

/// One map of a row: values 0…1 over a grid (the image's, or a layer's for the CAM methods).
struct AttributionCell {
    var values: [Double]
    var rows: Int, cols: Int
    var detail: String
}

struct AttributionRow {
    var label: String
    /// One per method; nil where the method has nothing for this row.
    var cells: [AttributionCell?]
}

/// The methods over one model and image, each normalised to 0…1 for drawing.
struct AttributionMaps {
    let model: Model
    let x: Tensor, baseline: Tensor
    let classIndex: Int
    let token: CancellationToken

    func map(_ method: String, layer: String?) throws -> AttributionCell? {
        try token.check()
        guard case .image(_, let h, let w) = x.shape else { return nil }
        func cell(_ v: [Double], _ r: Int, _ c: Int, _ detail: String = "") -> AttributionCell {
            let mx = v.max() ?? 0
            return AttributionCell(values: v.map { mx > 0 ? max(0, $0) / mx : 0 }, rows: r, cols: c, detail: detail)
        }
        switch method {
        case "saliency":
            let (g, _, _) = model.inputGradient(x, classIndex: classIndex)
            return cell(model.channelMax(g.values.map { abs(Double($0)) }, x.shape), h, w)
        case "smoothgrad":
            let values = x.values
            let sigma = 0.15 * Double((values.max() ?? 1) - (values.min() ?? 0))
            return cell(model.smoothGrad(x, classIndex: classIndex, samples: 32, sigma: sigma, rng: RandomSource(seed: 7)), h, w, tr("32 copies, noise σ = 15% of the range"))
        case "integrated":
            let r = model.integratedGradients(x, baseline: baseline, classIndex: classIndex, steps: 32)
            return cell(r.map, h, w, tr("32 steps from black; the map sums to \(fixed(r.sum, 3)), the score changes by \(fixed(r.scoreGap, 3))"))
        case "occlusion":
            let patch = max(2, min(h, w) / 7)
            return cell(model.occlusion(x, baseline: baseline, classIndex: classIndex, patch: patch, stride: max(1, patch / 2)), h, w, tr("\(patch)×\(patch) black squares"))
        case "gradcam":
            guard let layer, let r = model.gradCAM(x, layer: layer, classIndex: classIndex) else { return nil }
            return cell(r.cam, r.h, r.w, "at \(layer)")
        default:
            guard let layer, let r = model.gradCAMPlusPlus(x, layer: layer, classIndex: classIndex) else { return nil }
            return cell(r.cam, r.h, r.w, "at \(layer)")
        }
    }
}

extension CommandEnvironment {
    /// The image, then one map per method over it (the heat on a grey copy), a row per model or layer.
    func attributionGrid(title: String, set: Dataset, index i: Int, methods: [String], rows: [AttributionRow], note: String) -> Canvas {
        let (c, h, w) = imageSize(set)
        let scale = max(2, 112 / max(h, w))
        let pw = w * scale, ph = h * scale
        let labelWidth = (rows.map { Canvas.textWidth($0.label) }.max() ?? 0) + 12
        let cellW = max(pw, 96) + 12
        let width = max(labelWidth + (methods.count + 1) * cellW + 8, Canvas.textWidth(title) + 16, Canvas.textWidth(note) + 16)
        let rowH = ph + Canvas.lineHeight + 10
        var canvas = Canvas(width: width, height: 28 + rows.count * rowH + (note.isEmpty ? 4 : Canvas.lineHeight + 8))
        canvas.text(title, x: 8, y: 6)
        let img = pixels(set, i)
        let grey = (0..<(h * w)).map { p in (0..<c).map { img[p * c + $0] }.reduce(0, +) / Double(c) }
        for (r, row) in rows.enumerated() {
            let y = 28 + r * rowH
            canvas.text(row.label, x: 8, y: y + ph / 2 - Canvas.lineHeight / 2, .muted)
            canvas.picture(img, channels: c, rows: h, cols: w, x: labelWidth, y: y, scale: scale)
            if r == 0 { canvas.text(tr("image"), x: labelWidth, y: y + ph + 2, .muted) }
            for (j, method) in methods.enumerated() {
                let x0 = labelWidth + (j + 1) * cellW
                guard let cell = row.cells[j] else { continue }
                for yy in 0..<h {
                    for xx in 0..<w {
                        let base = UInt8(max(0, min(255, grey[yy * w + xx] * 255 * 0.8)))
                        canvas.fill(x: x0 + xx * scale, y: y + yy * scale, w: scale, h: scale, Color(base, base, base))
                        let v = cell.values[min(cell.rows - 1, yy * cell.rows / h) * cell.cols + min(cell.cols - 1, xx * cell.cols / w)]
                        let col = Colormap.magma.color(v)
                        for dy in 0..<scale { for dx in 0..<scale { canvas.blend(x0 + xx * scale + dx, y + yy * scale + dy, col, 0.7 * v) } }
                    }
                }
                canvas.text(AttributeCommand.titles[method] ?? method, x: x0, y: y + ph + 2, .muted)
            }
        }
        if !note.isEmpty { canvas.text(note, x: 8, y: 28 + rows.count * rowH + 2, .muted) }
        return canvas
    }
}
