import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// What the views share: image bundles (PNG with its size and a text form), pixels, grids of
/// labelled images, heat maps over an image, and the class a map explains.
extension CommandEnvironment {
    func imageBundle(_ canvas: Canvas, text: String, html: String? = nil) -> MimeBundle {
        var data: [String: JSON] = ["image/png": .string(Base64.encode(canvas.png())), "text/plain": .string(text)]
        if let html { data["text/html"] = .string(html) }
        return MimeBundle(data: data, metadata: ["image/png": ["width": .int(canvas.width), "height": .int(canvas.height)]])
    }

    /// Pixel values 0…1 of one image, channels-last.
    func pixels(_ set: Dataset, _ i: Int) -> [Double] {
        set.image(i).map { Double($0) / 255 }
    }

    func imageSize(_ set: Dataset) -> (c: Int, h: Int, w: Int) {
        if case .image(let c, let h, let w) = set.shape { return (c, h, w) }
        return (1, 1, set.shape.count)
    }

    /// A grid of labelled images; `caption(i)` gives the lines under image i and their colour.
    func imageGrid(_ set: Dataset, _ indices: [Int], title: String, caption: (Int) -> [(String, Color)]) -> Canvas {
        let (c, h, w) = imageSize(set)
        let scale = max(1, 64 / max(h, w))
        let captions = indices.map(caption)
        let lines = captions.first?.count ?? 1
        // As wide as the longest caption ("horizontal stripes 97%"), up to a limit past which it is cut.
        let widest = captions.flatMap { $0 }.map { Canvas.textWidth($0.0) }.max() ?? 0
        let cellW = max(w * scale + 8, 112, min(176, widest + 8)), cellH = h * scale + lines * Canvas.lineHeight + 8
        let cols = min(8, max(1, indices.count)), rows = (indices.count + cols - 1) / cols
        var canvas = Canvas(width: max(cols * cellW + 16, Canvas.textWidth(title) + 16), height: rows * cellH + 28)
        canvas.text(title, x: 8, y: 6)
        for (k, i) in indices.enumerated() {
            let x = 8 + (k % cols) * cellW, y = 26 + (k / cols) * cellH
            canvas.picture(pixels(set, i), channels: c, rows: h, cols: w, x: x + (cellW - w * scale) / 2, y: y, scale: scale)
            for (j, (t, color)) in captions[k].enumerated() {
                var label = t
                while Canvas.textWidth(label) > cellW - 4 && label.count > 3 { label = String(label.dropLast(2)) + "…" }
                canvas.centeredText(label, x: x + cellW / 2, y: y + h * scale + 2 + j * Canvas.lineHeight, color)
            }
        }
        return canvas
    }

    /// Nearest-neighbour reduction so the longer side is at most `limit` (for text forms).
    func downsample(_ v: [Double], _ h: Int, _ w: Int, to limit: Int) -> ([Double], Int, Int) {
        let f = max(1, (max(h, w) + limit - 1) / limit)
        let nh = (h + f - 1) / f, nw = (w + f - 1) / f
        var out: [Double] = []
        for r in 0..<nh { for c in 0..<nw { out.append(v[min(h - 1, r * f) * w + min(w - 1, c * f)]) } }
        return (out, nh, nw)
    }

    /// Channel c of an image tensor (one sample), min-max scaled to 0…1, and the range.
    func channel(_ t: Tensor, _ c: Int) -> ([Double], Double, Double) {
        guard case .image(let cc, let h, let w) = t.shape else { return ([], 0, 0) }
        var v = [Double](repeating: 0, count: h * w)
        for p in 0..<(h * w) { v[p] = Double(t.data[p * cc + c]) }
        let lo = v.min() ?? 0, hi = v.max() ?? 0
        let span = hi - lo
        return (v.map { span > 0 ? ($0 - lo) / span : 0.5 }, lo, hi)
    }

    /// The image, a heat map, and the heat map over the image, side by side.
    func heatPanel(title: String, set: Dataset, index i: Int, heat: [Double], hh: Int, hw: Int, legend: String) -> Canvas {
        let (c, h, w) = imageSize(set)
        let scale = max(2, 160 / max(h, w))
        let pw = w * scale, ph = h * scale
        var canvas = Canvas(width: max(3 * pw + 48, Canvas.textWidth(title) + 16), height: ph + 52)
        canvas.text(title, x: 8, y: 6)
        let img = pixels(set, i)
        canvas.picture(img, channels: c, rows: h, cols: w, x: 8, y: 26, scale: scale)
        let mx = heat.max() ?? 0
        let norm = heat.map { mx > 0 ? $0 / mx : 0 }
        // Nearest-neighbour resampling of the heat map to the image's size.
        var up = [Double](repeating: 0, count: h * w)
        for y in 0..<h { for x in 0..<w { up[y * w + x] = norm[min(hh - 1, y * hh / h) * hw + min(hw - 1, x * hw / w)] } }
        canvas.heatmap(up, rows: h, cols: w, x: 24 + pw, y: 26, scale: scale, map: .magma)
        // Overlay: grey image, heat in colour on top with alpha by strength.
        for y in 0..<h {
            for x in 0..<w {
                let g = (0..<c).map { img[(y * w + x) * c + $0] }.reduce(0, +) / Double(c)
                let base = UInt8(max(0, min(255, g * 255 * 0.8)))
                canvas.fill(x: 40 + 2 * pw + x * scale, y: 26 + y * scale, w: scale, h: scale, Color(base, base, base))
                let col = Colormap.magma.color(up[y * w + x])
                for dy in 0..<scale { for dx in 0..<scale { canvas.blend(40 + 2 * pw + x * scale + dx, 26 + y * scale + dy, col, 0.65 * up[y * w + x]) } }
            }
        }
        canvas.text(tr("image"), x: 8, y: 30 + ph, .muted)
        canvas.text(legend, x: 24 + pw, y: 30 + ph, .muted)
        canvas.text(tr("overlay"), x: 40 + 2 * pw, y: 30 + ph, .muted)
        return canvas
    }

    func classOption(_ inv: Invocation, classes: Int) throws -> Int? {
        let k = inv[ShowCommand.classIndex]
        guard k >= 0 else { return nil }
        guard k < classes else { throw LanguageError(.value, at: inv.token(ShowCommand.classIndex), "class \(k) is past the last class (\(classes - 1))") }
        return k
    }
}
