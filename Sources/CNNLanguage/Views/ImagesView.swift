import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show images`: a labelled grid of data samples.
struct ImagesView: View {
    let name = "images"
    let usage = tr("show images [n=16]                      a labelled grid of data samples")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showImages(inv) }
}

extension CommandEnvironment {
    fileprivate func showImages(_ inv: Invocation) throws {
        let (data, set) = try displaySet(inv)
        let n = min(inv[ShowCommand.n], 256, set.count)
        let indices = Array(0..<n)
        let canvas = imageGrid(set, indices, title: tr("\(set.name): \(shownSplit(inv[Common.split])) images 0–\(n - 1)")) { i in [("\(i): \(data.classNames[Int(set.labels[i])])", .text)] }
        let (c, h, w) = imageSize(set)
        var text = tr("\(n) \(shownSplit(inv[Common.split])) images of \(set.name) (\(c)×\(h)×\(w)):\n")
        for i in indices { text += "  \(i): \(data.classNames[Int(set.labels[i])])\n" }
        if let first = indices.first {
            let px = pixels(set, first)
            let grey = (0..<(h * w)).map { p in (0..<c).map { px[p * c + $0] }.reduce(0, +) / Double(c) }
            let (small, rows, cols) = downsample(grey, h, w, to: 28)
            text += tr("image 0:\n") + TextPlot.shaded(small, rows: rows, cols: cols)
        }
        context.display(imageBundle(canvas, text: text))
    }
}
