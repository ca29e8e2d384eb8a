import CNNCore
import CNNEngine
import JupyterKernel
import Rendering

/// One convolution of one image, as `convolve` shows it: a k×k kernel (one of the classic
/// hand-made ones, or the learner's numbers) slides over the image with a stride, padding and
/// dilation; every input channel is multiplied by the same kernel and the channels are summed,
/// plus a bias, as one output channel of a `conv` layer does. The output comes from the engine's
/// own conv layer, with these weights; the arithmetic at one position is recomputed by hand
/// beside it, and the two agree.
struct ConvolutionPlayground {
    /// Pixel values 0…1, channels-last.
    var pixels: [Double]
    var channels: Int, height: Int, width: Int
    var kernel: [Double]
    var size: Int
    var preset: String
    var stride = 1, padding = 0, dilation = 1
    var bias = 0.0
    /// The output position whose arithmetic is shown (clamped to the output).
    var y = 0, x = 0
    var caption = ""

    static let presets = ["identity", "blur", "gaussian", "sharpen", "edges", "vertical_edges", "horizontal_edges", "emboss"]
    /// What `kernel=` and the kernel menu offer: the presets, then your own values.
    static let kernelChoices = presets + ["custom"]

    /// The preset's k×k values (row by row); k odd.
    static func preset(_ name: String, size k: Int) -> [Double] {
        let r = k / 2
        var out = [Double](repeating: 0, count: k * k)
        // Binomial weights (1 2 1, 1 4 6 4 1, …): the smoothing in Gaussian blur and Sobel.
        var binomial = [1.0]
        for _ in 1..<max(1, k) { binomial = zip(binomial + [0], [0] + binomial).map { $0 + $1 } }
        let bsum = binomial.reduce(0, +)
        for yy in 0..<k {
            for xx in 0..<k {
                let dx = Double(xx - r), dy = Double(yy - r), centre = xx == r && yy == r
                let v: Double
                switch name {
                case "blur": v = 1 / Double(k * k)
                case "gaussian": v = binomial[yy] * binomial[xx] / (bsum * bsum)
                case "sharpen": v = (centre ? 2 : 0) - binomial[yy] * binomial[xx] / (bsum * bsum)
                case "edges": v = centre ? Double(k * k - 1) : -1
                case "vertical_edges": v = dx * binomial[yy]
                case "horizontal_edges": v = dy * binomial[xx]
                case "emboss": v = centre ? 1 : dx + dy
                default: v = centre ? 1 : 0
                }
                out[yy * k + xx] = v
            }
        }
        return out
    }

    /// Output side for an input side: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 (may be ≤ 0).
    func outputSide(_ n: Int) -> Int { (n + 2 * padding - dilation * (size - 1) - 1) / stride + 1 }
    var outputHeight: Int { outputSide(height) }
    var outputWidth: Int { outputSide(width) }
    var fits: Bool { outputHeight > 0 && outputWidth > 0 && n(height) >= 0 && n(width) >= 0 }
    private func n(_ side: Int) -> Int { side + 2 * padding - dilation * (size - 1) - 1 }

    /// The output map, by the engine's conv layer with this kernel on every input channel.
    func output() throws -> [Double] {
        let plugin = ConvolutionPlayground.convPlugin
        let args = try plugin.bind([GivenArgument(name: "out_channels", value: .number(1)), GivenArgument(name: "kernel", value: .number(Double(size))),
                                    GivenArgument(name: "stride", value: .number(Double(stride))), GivenArgument(name: "padding", value: .number(Double(padding))),
                                    GivenArgument(name: "dilation", value: .number(Double(dilation)))])
        guard let conv = try plugin.build(args, input: .image(c: channels, h: height, w: width)) as? Conv2d else { return [] }
        var weights: [Float] = []
        for _ in 0..<channels { weights += kernel.map(Float.init) }
        conv.weight.setValues(inShapeOrder: weights)
        conv.bias?.value.data[0] = Float(bias)
        let input = Tensor(batch: 1, shape: .image(c: channels, h: height, w: width))
        for i in 0..<pixels.count { input.data[i] = Float(pixels[i]) }
        let y = conv.forward(input, context: RunContext(training: false, rng: RandomSource(seed: 0), options: .reference))
        return (0..<y.count).map { Double(y.data[$0]) }
    }

    static let convPlugin: LayerPlugin = {
        BuiltinLayers.register()
        return LayerRegistry.shared.plugin(named: "conv")!
    }()

    /// The arithmetic at (y, x): per channel the patch (0 where it falls in the padding), the
    /// products with the kernel and their sum; then the total plus bias.
    func arithmetic() -> (patches: [[Double]], products: [[Double]], sums: [Double], total: Double) {
        var patches: [[Double]] = [], products: [[Double]] = [], sums: [Double] = []
        for c in 0..<channels {
            var patch: [Double] = [], prod: [Double] = []
            for ky in 0..<size {
                for kx in 0..<size {
                    let iy = y * stride - padding + ky * dilation, ix = x * stride - padding + kx * dilation
                    let v = iy >= 0 && iy < height && ix >= 0 && ix < width ? pixels[(iy * width + ix) * channels + c] : 0
                    patch.append(v)
                    prod.append(v * kernel[ky * size + kx])
                }
            }
            patches.append(patch); products.append(prod); sums.append(prod.reduce(0, +))
        }
        return (patches, products, sums, sums.reduce(0, +) + bias)
    }

    /// The picture: the input with its padding and the kernel's window at (y, x), the kernel,
    /// and the output map with that position marked.
    func render(output out: [Double]) -> Canvas {
        let (ho, wo) = (outputHeight, outputWidth)
        let scale = max(2, min(8, 192 / max(height + 2 * padding, 1)))
        // The output at the input's scale: a stride of 2 shows a map half as wide.
        let outScale = scale
        let padded = (height + 2 * padding) * scale, paddedW = (width + 2 * padding) * scale
        let cell = max(14, min(28, 112 / size))
        let kernelW = size * cell
        let top = 12 + 3 * Canvas.lineHeight
        let inX = 8, kX = inX + paddedW + 24, outX = kX + kernelW + 24
        // (The picture's font has no ∗ or →.)
        let title = tr("input \(channels)×\(height)×\(width), padding \(padding)  *  kernel \(size)×\(size) (\(preset))")
        let settings = tr("stride \(stride), dilation \(dilation)  ->  output \(ho)×\(wo)")
        let outLabel = (out.contains { $0 < 0 } ? tr("output (blue < 0 < red)") : tr("output (dark low, bright high)"))
        var canvas = Canvas(width: max(outX + max(wo * outScale, Canvas.textWidth(outLabel)) + 8, Canvas.textWidth(title) + 16, 320),
                            height: top + max(padded, kernelW + 20, ho * outScale) + 3 * Canvas.lineHeight + 16)
        canvas.text(title, x: 8, y: 6)
        canvas.text(settings, x: 8, y: 6 + Canvas.lineHeight)
        canvas.text(caption, x: 8, y: 6 + 2 * Canvas.lineHeight, .muted)
        // Input, with the padding as a light band of zeros.
        canvas.fill(x: inX, y: top, w: paddedW, h: padded, Color(235, 235, 245))
        canvas.picture(pixels, channels: channels, rows: height, cols: width, x: inX + padding * scale, y: top + padding * scale, scale: scale)
        // The window's taps at (y, x).
        for ky in 0..<size {
            for kx in 0..<size {
                let py = y * stride + ky * dilation, px = x * stride + kx * dilation  // in padded coordinates
                outline(&canvas, x: inX + px * scale, y: top + py * scale, w: scale, h: scale, Color(230, 60, 40))
            }
        }
        canvas.text(tr("input (padded)"), x: inX, y: top + padded + 4, .muted)
        // Kernel: a diverging map (its values are in the arithmetic beside the picture).
        let m = max(kernel.map { abs($0) }.max() ?? 1, 1e-9)
        canvas.heatmap(kernel.map { 0.5 + 0.5 * $0 / m }, rows: size, cols: size, x: kX, y: top, scale: cell, map: .diverging)
        canvas.text(tr("kernel"), x: kX, y: top + kernelW + 4, .muted)
        // Output.
        let lo = out.min() ?? 0, hi = out.max() ?? 1
        if lo < 0 {
            let r = max(abs(lo), abs(hi), 1e-9)
            canvas.heatmap(out.map { 0.5 + 0.5 * $0 / r }, rows: ho, cols: wo, x: outX, y: top, scale: outScale, map: .diverging)
        } else {
            canvas.heatmap(out.map { hi > lo ? ($0 - lo) / (hi - lo) : 0.5 }, rows: ho, cols: wo, x: outX, y: top, scale: outScale, map: .viridis)
        }
        outline(&canvas, x: outX + x * outScale, y: top + y * outScale, w: outScale, h: outScale, Color(230, 60, 40))
        canvas.text(outLabel, x: outX, y: top + ho * outScale + 4, .muted)
        return canvas
    }

    func outline(_ canvas: inout Canvas, x: Int, y: Int, w: Int, h: Int, _ c: Color) {
        canvas.fill(x: x, y: y, w: w, h: 1, c)
        canvas.fill(x: x, y: y + h - 1, w: w, h: 1, c)
        canvas.fill(x: x, y: y, w: 1, h: h, c)
        canvas.fill(x: x + w - 1, y: y, w: 1, h: h, c)
    }

    /// The arithmetic at (y, x) as text, and as HTML tables.
    func explanation(output out: [Double]) -> (text: String, html: String) {
        let (patches, products, sums, total) = arithmetic()
        let layerValue = out.isEmpty ? total : out[y * outputWidth + x]
        let top = (y * stride - padding, x * stride - padding)
        var text = tr("output [\(y), \(x)]: the window's top-left tap is on input row \(y)·\(stride) − \(padding) = \(top.0), column \(x)·\(stride) − \(padding) = \(top.1)\n")
        text += tr("output size: ⌊(\(height) + 2·\(padding) − \(dilation)·(\(size) − 1) − 1) / \(stride)⌋ + 1 = \(outputHeight) rows, and \(outputWidth) columns the same way\n")
        var html = Table.stylesheet + tr("<div>output [\(y), \(x)]: window from input row \(top.0), column \(top.1)</div><div class=\"cnn-row\">")
        let shown = min(channels, 3)
        for c in 0..<shown {
            let name = channels == 3 ? [tr("red"), tr("green"), tr("blue")][c] : tr("channel \(c)")
            text += tr("\n\(name): patch\n\(grid(patches[c]))\n× kernel\n\(grid(kernel))\n= products, sum \(fixed(sums[c], 4))\n\(grid(products[c]))\n")
            html += "<div><div>\(name)</div><div class=\"cnn-row\">\(htmlGrid(patches[c])) × \(htmlGrid(kernel)) = \(htmlGrid(products[c]))</div><div>sum \(fixed(sums[c], 4))</div></div>"
        }
        let line = (channels > 1 ? tr("sum over the \(channels) channels ") : tr("sum ")) + tr("\(fixed(total - bias, 4)) + bias \(fixed(bias, 4)) = \(fixed(total, 4)); the conv layer gives \(fixed(layerValue, 4))")
        text += "\n" + line + "\n"
        html += "</div><p><b>\(escape(line))</b></p>"
        return (text, html)
    }

    func grid(_ v: [Double]) -> String {
        let cells = v.map { fixed($0, 3) }
        let w = cells.map(\.count).max() ?? 1
        return Swift.stride(from: 0, to: cells.count, by: size).map { r in cells[r..<min(cells.count, r + size)].map { String(repeating: " ", count: w - $0.count) + $0 }.joined(separator: " ") }.joined(separator: "\n")
    }

    func htmlGrid(_ v: [Double]) -> String {
        Table.grid(Swift.stride(from: 0, to: v.count, by: size).map { r in v[r..<min(v.count, r + size)].map { fixed($0, 3) } })
    }

    /// Kernel values from text: rows separated by `;` or new lines, numbers by spaces or commas;
    /// a square of odd side 1…7. Nil when it is not.
    static func parseKernel(_ text: String) -> [Double]? {
        let rows = text.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { row in
            row.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { Double(String($0)) }
        }.filter { !$0.isEmpty }
        let values = rows.flatMap { $0 }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && abs($0!) <= 1e6 }) else { return nil }
        let k = Int(Double(values.count).squareRoot().rounded())
        guard k * k == values.count, k % 2 == 1, k <= 7, rows.allSatisfy({ $0.count == k }) || rows.count == 1 else { return nil }
        return values.map { $0! }
    }

    /// The kernel written as rows ("-1 0 1; -2 0 2; -1 0 1").
    var kernelText: String {
        Swift.stride(from: 0, to: kernel.count, by: size).map { r in kernel[r..<(r + size)].map { NumberFormat.shortest($0) }.joined(separator: " ") }.joined(separator: "; ")
    }
}
