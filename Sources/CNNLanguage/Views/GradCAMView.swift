import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show gradcam`: where a layer's evidence for the class lies.
struct GradCAMView: View {
    let name = "gradcam"
    let usage = tr("show gradcam image=N layer=NAME         Grad-CAM: where the layer's evidence for the class lies, over the image")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showGradCAM(inv) }
}

extension CommandEnvironment {
    fileprivate func showGradCAM(_ inv: Invocation) throws {
        let (entry, data, set, i, x) = try modelAndImage(inv)
        // By default the last top-level layer that still has feature maps: the usual Grad-CAM choice.
        let (name, _) = try layerOrDefault(entry, inv, last: true, tr("layer with feature maps")) { l in
            if l.depth == 0, case .image = l.layer.outputShape { return true }
            return false
        }
        guard let r = entry.model.gradCAM(x, layer: name, classIndex: try classOption(inv, classes: data.classNames.count)) else {
            throw LanguageError(.value, at: inv.token(Common.layer), "layer \(name) gives flat features; Grad-CAM needs feature maps (a convolution, activation or pooling layer)")
        }
        let probs = SoftmaxCrossEntropy.softmax(r.logits.values)
        let title = tr("Grad-CAM of \(entry.name) at \(name) (\(r.h)×\(r.w)) for image \(i) (\(data.classNames[Int(set.labels[i])])): class \(data.classNames[r.classIndex]), p = \(percent(probs[r.classIndex]))")
        let canvas = heatPanel(title: title, set: set, index: i, heat: r.cam, hh: r.h, hw: r.w, legend: tr("class evidence"))
        let mx = r.cam.max() ?? 0
        let text = title + "\n" + TextPlot.shaded(r.cam.map { mx > 0 ? $0 / mx : 0 }, rows: r.h, cols: r.w)
        context.display(imageBundle(canvas, text: text))
    }
}
