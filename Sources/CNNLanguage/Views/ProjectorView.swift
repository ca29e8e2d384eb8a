import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show projector`: the embedding projector (as TensorBoard's): a layer's activations for the
/// test images projected onto their first two principal components, one dot per image coloured
/// by its class, the misclassified ones ringed. Classes the model separates form clusters.
struct ProjectorView: View {
    let name = "projector"
    let usage = tr("show projector [layer=NAME] [n=500] [method=tsne]   PCA (or t-SNE) of a layer's activations (default: the features the last linear layer sees), one dot per image")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showProjector(inv) }
}

extension CommandEnvironment {
    fileprivate func showProjector(_ inv: Invocation) throws {
        let entry = try model(inv)
        let data = try dataFor(entry, inv)
        let set = try evaluationData(inv, data)
        let n = min(set.count, inv.given(ShowCommand.n) ? inv[ShowCommand.n] : 500)
        guard n >= 3 else { throw LanguageError(.value, at: inv.nameToken, "the projector needs at least 3 images; the \(inv[Common.split]) set has \(set.count)") }
        // Which activations: a named layer's output, or what the last linear layer receives.
        let lastLinear = entry.model.allLayers().last { $0.layer.typeName == "linear" }?.name
        let layerName: String?
        if inv.given(Common.layer) { layerName = try layerNamed(entry, inv).0 } else { layerName = nil }
        guard layerName != nil || lastLinear != nil else {
            throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) has no linear layer: name the layer whose activations to project (layer=NAME)")
        }
        try requireInferenceMemory(entry, batch: n, keepsOutputs: true, what: "the projector", at: inv.nameToken)
        let (x, labels) = Batches.make(set, indices: Array(0..<n)[...], normalization: entry.normalization ?? data.split.normalization)
        let (inputs, outputs, logits) = entry.model.inputsAndOutputs(x)
        guard let acts = layerName.map({ outputs[$0] }) ?? lastLinear.map({ inputs[$0] }), let a = acts else {
            throw LanguageError(.value, at: inv.token(Common.layer), "that layer did not run")
        }
        let d = a.shape.count
        let what = layerName.map { tr("the output of \($0)") } ?? tr("the features entering \(lastLinear!)")
        let tsne = inv[ShowCommand.method] == "tsne"
        let stop = { self.context.token.isCancelled }
        let pca: PCA.Result
        if tsne {
            guard let y = TSNE.embed(a.values, rows: n, cols: d, rng: RandomSource(seed: 7), shouldStop: stop) else { throw ExecutionInterrupted() }
            pca = PCA.Result(coordinates: y, explained: [0, 0])
        } else {
            guard let r = PCA.project(a.values, rows: n, cols: d, components: 2, shouldStop: stop) else { throw ExecutionInterrupted() }
            pca = r
        }
        let classes = logits.shape.count
        let predicted = (0..<n).map { i in (0..<classes).max { logits.data[i * classes + $0] < logits.data[i * classes + $1] }! }
        let names = entry.classNames ?? data.classNames
        let wrong = (0..<n).filter { predicted[$0] != labels[$0] }
        let title = tr("projector: \(entry.name), \(tsne ? "t-SNE" : "PCA") of \(what) (\(formatCount(d)) features) for \(n) \(shownSplit(inv[Common.split])) images")
        let svg = projectorSVG(title: title, coordinates: pca.coordinates, labels: labels, wrong: Set(wrong), names: names, explained: tsne ? nil : pca.explained)
        var text = title + "\n"
        text += (tsne ? tr("t-SNE (perplexity 30, 500 steps): near neighbours stay near; distances between clusters and the axes mean nothing") : tr("PC1 explains \(percent(pca.explained[0])) of the variance, PC2 \(percent(pca.explained[1]))")) + tr("; \(wrong.count) of \(n) images misclassified (ringed)\n")
        var table = Table([.init(tr("class")), .init(tr("images"), .right), .init(tsne ? tr("mean x") : tr("mean PC1"), .right), .init(tsne ? tr("mean y") : tr("mean PC2"), .right), .init(tr("misclassified"), .right)])
        for k in 0..<names.count {
            let mine = (0..<n).filter { labels[$0] == k }
            guard !mine.isEmpty else { continue }
            let m1 = mine.map { pca.coordinates[$0][0] }.reduce(0, +) / Double(mine.count)
            let m2 = mine.map { pca.coordinates[$0][1] }.reduce(0, +) / Double(mine.count)
            table.add([names[k], "\(mine.count)", fixed(m1, 3), fixed(m2, 3), "\(mine.filter { predicted[$0] != k }.count)"])
        }
        text += table.text
        context.display(MimeBundle(data: ["image/svg+xml": .string(svg), "text/plain": .string(text)], metadata: ["image/svg+xml": ["width": 640, "height": 480]]))
    }

    /// The scatter: one dot per image in its class's colour, misclassified ones ringed, a legend.
    fileprivate func projectorSVG(title: String, coordinates: [[Double]], labels: [Int], wrong: Set<Int>, names: [String], explained: [Double]?) -> String {
        let width = 640.0, height = 480.0, left = 50.0, top = 34.0, right = 170.0, bottom = 44.0
        let pw = width - left - right, ph = height - top - bottom
        var s = SVG(width: Int(width), height: Int(height))
        s.text(title.count > 90 ? String(title.prefix(89)) + "…" : title, x: 8, y: 18, size: 12, weight: "bold")
        let xs = coordinates.map { $0[0] }, ys = coordinates.map { $0[1] }
        var x0 = xs.min() ?? -1, x1 = xs.max() ?? 1, y0 = ys.min() ?? -1, y1 = ys.max() ?? 1
        if x1 - x0 < 1e-12 { x0 -= 1; x1 += 1 }
        if y1 - y0 < 1e-12 { y0 -= 1; y1 += 1 }
        func px(_ v: Double) -> Double { left + (v - x0) / (x1 - x0) * pw }
        func py(_ v: Double) -> Double { top + ph - (v - y0) / (y1 - y0) * ph }
        s.rect(x: left, y: top, w: pw, h: ph, fill: "none", stroke: "#bbb")
        s.text(explained.map { tr("PC1 (\(percent($0[0])) of the variance)") } ?? "t-SNE: near neighbours stay near", x: left + pw / 2, y: height - 14, size: 11, anchor: "middle", fill: "#333")
        s.text(explained.map { "PC2 (\(percent($0[1])))" } ?? "", x: 14, y: top + ph / 2, size: 11, anchor: "middle", fill: "#333", rotate: -90)
        let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        for i in coordinates.indices where !wrong.contains(i) {
            s.circle(px(xs[i]), py(ys[i]), r: 2.6, fill: palette[labels[i] % palette.count])
        }
        for i in wrong.sorted() {
            let c = palette[labels[i] % palette.count]
            s.circle(px(xs[i]), py(ys[i]), r: 2.6, fill: c)
            s.element("circle", [("cx", SVG.number(px(xs[i]))), ("cy", SVG.number(py(ys[i]))), ("r", "5.5"), ("fill", "none"), ("stroke", "#000"), ("stroke-width", "1")])
        }
        for (k, name) in names.enumerated() {
            let y = top + 8 + Double(k) * 16
            s.circle(width - right + 16, y - 4, r: 4, fill: palette[k % palette.count])
            s.text(name, x: width - right + 26, y: y, size: 11, fill: "#333")
        }
        let ly = top + 8 + Double(names.count) * 16 + 8
        s.element("circle", [("cx", SVG.number(width - right + 16)), ("cy", SVG.number(ly - 4)), ("r", "5.5"), ("fill", "none"), ("stroke", "#000"), ("stroke-width", "1")])
        s.text(tr("misclassified"), x: width - right + 26, y: ly, size: 11, fill: "#333")
        return s.document
    }
}
