import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show saliency`: which pixels the class score is most sensitive to.
struct SaliencyView: View {
    let name = "saliency"
    let usage = tr("show saliency image=N [class=K]         |d score / d input|: which pixels the class score is most sensitive to")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showSaliency(inv) }
}

extension CommandEnvironment {
    fileprivate func showSaliency(_ inv: Invocation) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        let (g, logits, k) = entry.model.inputGradient(x, classIndex: try classOption(inv, classes: data.classNames.count))
        let (c, h, w) = imageSize(set)
        var heat = [Double](repeating: 0, count: h * w)
        for p in 0..<(h * w) { heat[p] = (0..<c).map { abs(Double(g.data[p * c + $0])) }.max() ?? 0 }
        let probs = SoftmaxCrossEntropy.softmax(logits.values)
        let title = tr("saliency of \(entry.name) for image \(i) (\(data.classNames[Int(set.labels[i])])): class \(data.classNames[k]), p = \(percent(probs[k]))")
        let canvas = heatPanel(title: title, set: set, index: i, heat: heat, hh: h, hw: w, legend: "|d score / d pixel|")
        let mx = heat.max() ?? 0
        let d = downsample(heat.map { mx > 0 ? $0 / mx : 0 }, h, w, to: 28)
        let text = title + tr("\nbrighter = the class score changes more when that pixel changes:\n") + TextPlot.shaded(d.0, rows: d.1, cols: d.2)
        context.display(imageBundle(canvas, text: text))
    }
}
