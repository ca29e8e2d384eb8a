import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show maximize`: feature visualisation, the input each channel of a layer (or each class)
/// responds to most, found by gradient ascent on the input from faint noise, with jitter and blur
/// so it shows patterns rather than noise (Model.maximize).
struct MaximizeView: View {
    let name = "maximize"
    let usage = tr("show maximize [layer=NAME] [n=16] [classes=true|class=K]   the input that excites each channel of a layer most (or each class), by gradient ascent")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showMaximize(inv) }
}

extension CommandEnvironment {
    fileprivate func showMaximize(_ inv: Invocation) throws {
        let entry = try model(inv)
        let data = try dataFor(entry, inv)
        let normalization = entry.normalization ?? data.split.normalization
        let names = entry.classNames ?? data.classNames
        guard case .image(let c, let h, let w) = entry.model.inputShape else { throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) does not take images") }
        var objectives: [(Model.VisualizationObjective, String)] = []
        var subject: String
        let classIndex = try classOption(inv, classes: names.count)
        if inv[ShowCommand.classes] || classIndex != nil {
            let ks = classIndex.map { [$0] } ?? Array(0..<min(names.count, inv.given(ShowCommand.n) ? inv[ShowCommand.n] : names.count))
            objectives = ks.map { (.classScore($0), names[$0]) }
            subject = tr("the score of each class")
        } else {
            let topLevel = entry.model.allLayers().filter { l in
                if l.depth == 0, case .image = l.layer.outputShape { return true }
                return false
            }
            let layerName: String
            if inv.given(Common.layer) {
                layerName = try layerNamed(entry, inv).0
                guard topLevel.contains(where: { $0.name == layerName }) else {
                    throw LanguageError(.value, at: inv.token(Common.layer), "\(layerName) is not a top-level layer with feature maps; one of: \(topLevel.map(\.name).joined(separator: ", "))")
                }
            } else if let last = (topLevel.last { $0.layer.typeName == "conv" } ?? topLevel.last)?.name {
                // A convolution's own output (before its ReLU): a ReLU that starts at 0 on the
                // faint noise passes no gradient back, and its channel would stay blank.
                layerName = last
            } else {
                throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) has no top-level layer with feature maps (or it is not a plain sequence of layers)")
            }
            guard case .image(let channels, _, _) = entry.model.layer(named: layerName)!.outputShape else { preconditionFailure("chosen for its feature maps") }
            objectives = (0..<min(channels, inv[ShowCommand.n])).map { (.channel(layer: layerName, channel: $0), tr("channel \($0)")) }
            subject = tr("the mean of each channel of \(layerName)")
        }
        try requireTrainingMemory(entry, batch: 1, optimizer: .sgd, momentum: false, at: inv.nameToken)
        var results: [(image: [Double], label: String, start: Double, end: Double)] = []
        let token = context.token
        for (objective, label) in objectives {
            guard let r = entry.model.maximize(objective, normalization: normalization, rng: RandomSource(seed: 17), shouldStop: { token.isCancelled }) else {
                if token.isCancelled { throw ExecutionInterrupted() }
                throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) is not a plain sequence of layers at the top: the layer's input cannot be optimised alone")
            }
            // Back to pixels 0…1.
            let px = (0..<(h * w * c)).map { i in Double(r.image.data[i]) * Double(normalization.std[i % c]) + Double(normalization.mean[i % c]) }
            results.append((px, label, r.start, r.end))
            context.pollIncoming()
        }
        let title = tr("inputs that maximise \(subject) of \(entry.name) (200 steps of gradient ascent from noise, jitter 2 px, blur every 4 steps)")
        let scale = max(2, 84 / max(h, w))
        let cellW = max(w * scale, 96) + 10, cellH = h * scale + 2 * Canvas.lineHeight + 8
        let cols = min(8, results.count), rows = (results.count + cols - 1) / max(1, cols)
        var canvas = Canvas(width: max(cols * cellW + 16, Canvas.textWidth(title) + 16), height: rows * cellH + 30)
        canvas.text(title, x: 8, y: 6)
        for (i, r) in results.enumerated() {
            let x = 8 + (i % cols) * cellW, y = 26 + (i / cols) * cellH
            canvas.picture(r.image, channels: c, rows: h, cols: w, x: x, y: y, scale: scale)
            canvas.text(r.label, x: x, y: y + h * scale + 2, .text)
            canvas.text("\(fixed(r.start, 2)) -> \(fixed(r.end, 2))", x: x, y: y + h * scale + 2 + Canvas.lineHeight, .muted)
        }
        var text = title + tr("\n(under each: the objective at the start, from noise, and at the end)\n")
        if !objectives.isEmpty, case .classScore = objectives[0].0 {
            text += tr("a score can be driven far higher than any real image drives it by an input that looks nothing like the class: the network's evidence is not the picture we see\n")
        }
        for r in results.prefix(4) {
            let grey = (0..<(h * w)).map { p in (0..<c).map { r.image[p * c + $0] }.reduce(0, +) / Double(c) }
            let (d, dh, dw) = downsample(grey, h, w, to: 14)
            text += "\(r.label): \(fixed(r.start, 3)) → \(fixed(r.end, 3))\n" + TextPlot.shaded(d, rows: dh, cols: dw)
        }
        if results.count > 4 { text += tr("(and \(results.count - 4) more in the picture)\n") }
        context.display(imageBundle(canvas, text: text))
    }
}
