import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show augment`: training images before and after augmentation.
struct AugmentView: View {
    let name = "augment"
    let usage = tr("show augment [n=8]                      the same training images before and after augmentation")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showAugment(inv) }
}

extension CommandEnvironment {
    fileprivate func showAugment(_ inv: Invocation) throws {
        guard let data = session.data else { throw LanguageError(.state, at: inv.nameToken, "no data loaded: start with `data fashion-mnist` (or `data shapes`)") }
        guard !data.augment.isEmpty else {
            throw LanguageError(.state, at: inv.nameToken, "the data has no augmentation: load it with augment=[flip, crop(4)] (or resizedcrop)")
        }
        let set = data.split.train
        let n = min(inv[ShowCommand.n], 8, set.count)
        let (c, h, w) = imageSize(set)
        let scale = max(1, 64 / max(h, w))
        let cell = w * scale + 8
        let augTitle = tr("training images before and after augmentation (\(data.augment.map(\.description).joined(separator: ", ")))")
        var canvas = Canvas(width: max(n * cell + 100, Canvas.textWidth(augTitle) + 16), height: 3 * (h * scale + 8) + 30)
        canvas.text("training images before and after augmentation (\(data.augment.map(\.description).joined(separator: ", ")))", x: 8, y: 6)
        let rng = RandomSource(seed: session.seed &+ 99)
        for row in 0..<3 {
            canvas.text(row == 0 ? tr("original") : tr("augmented"), x: 8, y: 26 + row * (h * scale + 8) + h * scale / 2 - 7, .muted)
            for k in 0..<n {
                var px = pixels(set, k).map { Float($0 * 255) }
                if row > 0 { for a in data.augment { Batches.apply(a, &px, c: c, h: h, w: w, rng: rng) } }
                canvas.picture(px.map { Double($0) / 255 }, channels: c, rows: h, cols: w, x: 92 + k * cell, y: 26 + row * (h * scale + 8), scale: scale)
            }
        }
        context.display(imageBundle(canvas, text: tr("\(n) training images, then two random augmentations of each (\(data.augment.map(\.description).joined(separator: ", ")))\n")))
    }
}
