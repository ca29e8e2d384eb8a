import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `explain ["conv", "pool", "relu"]`: the arithmetic of one output value of a convolution, pooling or ReLU layer, with the real numbers.
struct LayerArithmetic: Explanation {
    let names = ["conv", "pool", "relu"]
    let usage = tr("explain conv|pool|relu layer=NAME image=N channel=C at=[y,x]   conv: the input patch of every channel, the kernel, the products, their sum plus bias; pool: the window and which input won; relu: values before and after")
    func explain(_ inv: Invocation, in env: CommandEnvironment) throws { try env.explainLayer(inv) }
}

extension CommandEnvironment {
    fileprivate func explainLayer(_ inv: Invocation) throws {
        let kind = inv[ExplainCommand.what]
        let types = kind == "conv" ? ["conv"] : kind == "pool" ? ["maxpool", "avgpool"] : ["relu", "leaky_relu"]
        // The image first: choosing it may rebuild an untrained model for the data's shape, and
        // the layer (its weights) must come from the model that runs.
        let (entry, _, _, i, x) = try modelAndImage(inv)
        let (name, layer) = try firstLayer(entry, inv, types: types)
        let (inputs, outputs, _) = entry.model.inputsAndOutputs(x)
        guard let input = inputs[name] ?? (name == entry.model.allLayers().first?.name ? x : nil), let output = outputs[name],
              case .image(let cin, let h, let w) = input.shape, case .image(let cout, let ho, let wo) = output.shape else {
            throw LanguageError(.value, at: inv.token(Common.layer), "\(name) does not work on feature maps")
        }
        let ch = inv[ExplainCommand.channel]
        guard ch < cout else { throw LanguageError(.value, at: inv.token(ExplainCommand.channel), "\(name) has \(cout) output channels (0–\(cout - 1))") }
        let at = inv[ExplainCommand.at]
        guard at.count == 2 else { throw LanguageError(.type, at: inv.token(ExplainCommand.at), "at=[y, x]") }
        let oy = at[0] < 0 ? ho / 2 : at[0], ox = at[1] < 0 ? wo / 2 : at[1]
        guard oy < ho, ox < wo else { throw LanguageError(.value, at: inv.token(ExplainCommand.at), "position [\(oy), \(ox)] is outside the \(ho)×\(wo) output") }
        let actual = Double(output.data[(oy * wo + ox) * cout + ch])
        var text = "", html = ""
        switch kind {
        case "conv":
            let conv = layer as! Conv2d
            let (k, s, p, d, g) = (conv.k, conv.stride, conv.padding, conv.dilation, conv.groups)
            let cinG = cin / g, group = ch / (cout / g)
            let weights = conv.weight.valuesInShapeOrder()
            let bias = conv.bias.map { Double($0.value.data[ch]) } ?? 0
            text = tr("\(name) of model \(entry.name), output channel \(ch) at [\(oy), \(ox)], image \(i):\n")
            text += tr("the kernel's top-left tap sits on input row \(oy) × \(s) − \(p) = \(oy * s - p), column \(ox) × \(s) − \(p) = \(ox * s - p)\n")
            html = Table.stylesheet + tr("<div><b>\(escape(name))</b>, output channel \(ch) at [\(oy), \(ox)] (image \(i)): Σ over input channels of patch × kernel, plus bias</div><div class=\"cnn-row\">")
            var total = 0.0
            for c in 0..<min(cinG, 8) {
                var patch = [[Double]](), kernel = [[Double]](), prod = [[Double]]()
                var sum = 0.0
                for ky in 0..<k {
                    var pr: [Double] = [], kr: [Double] = [], mr: [Double] = []
                    for kx in 0..<k {
                        let iy = oy * s - p + ky * d, ix = ox * s - p + kx * d
                        let v = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? Double(input.data[(iy * w + ix) * cin + group * cinG + c]) : 0
                        let wv = Double(weights[((ch * cinG + c) * k + ky) * k + kx])
                        pr.append(v); kr.append(wv); mr.append(v * wv)
                        sum += v * wv
                    }
                    patch.append(pr); kernel.append(kr); prod.append(mr)
                }
                total += sum
                text += tr("\ninput channel \(group * cinG + c): patch\n\(grid(patch))\nkernel\n\(grid(kernel))\nproducts (sum \(fixed(sum, 4)))\n\(grid(prod))\n")
                html += tr("<div><div>input channel \(group * cinG + c)</div><div class=\"cnn-row\">\(htmlGrid(patch)) × \(htmlGrid(kernel)) = \(htmlGrid(prod))</div><div>sum \(fixed(sum, 4))</div></div>")
            }
            if cinG > 8 {
                // The remaining channels are summed without being shown.
                for c in 8..<cinG {
                    for ky in 0..<k { for kx in 0..<k {
                        let iy = oy * s - p + ky * d, ix = ox * s - p + kx * d
                        if iy >= 0 && iy < h && ix >= 0 && ix < w {
                            total += Double(input.data[(iy * w + ix) * cin + group * cinG + c]) * Double(weights[((ch * cinG + c) * k + ky) * k + kx])
                        }
                    } }
                }
                text += tr("\n(input channels 8–\(cinG - 1) add in the same way)\n")
            }
            let line = tr("Σ = \(fixed(total, 4)), + bias \(fixed(bias, 4)) = \(fixed(total + bias, 4)); the layer computed \(fixed(actual, 4))")
            text += "\n" + line + "\n"
            html += "</div><p><b>\(escape(line))</b></p>"
        case "pool":
            let pool = layer as! Pool2d
            let (k, s, p) = (pool.k, pool.stride, pool.padding)
            var window = [[Double]]()
            var best: (Int, Int)? = nil
            var bestV = -Double.infinity, sum = 0.0, count = 0
            for ky in 0..<k {
                var row: [Double] = []
                for kx in 0..<k {
                    let iy = oy * s - p + ky, ix = ox * s - p + kx
                    if iy >= 0 && iy < h && ix >= 0 && ix < w {
                        let v = Double(input.data[(iy * w + ix) * cin + ch])
                        row.append(v)
                        sum += v; count += 1
                        if v > bestV { bestV = v; best = (ky, kx) }
                    } else {
                        row.append(pool.isMax ? -.infinity : 0)
                    }
                }
                window.append(row)
            }
            text = tr("\(name) (\(pool.isMax ? tr("max") : tr("average")) pooling, kernel \(k), stride \(s)) of model \(entry.name), channel \(ch), output [\(oy), \(ox)], image \(i):\nwindow rows \(oy * s - p)…\(oy * s - p + k - 1), columns \(ox * s - p)…\(ox * s - p + k - 1)\n\(grid(window))\n")
            let line = pool.isMax ? tr("the largest value, \(fixed(bestV, 4)), at window row \(best?.0 ?? 0), column \(best?.1 ?? 0), wins; the layer gave \(fixed(actual, 4)); in backward, only that input receives the gradient")
                                  : tr("mean of \(count) values = \(fixed(sum / Double(max(1, count)), 4)); the layer gave \(fixed(actual, 4)); in backward, each input gets 1/\(k * k) of the gradient")
            text += line + "\n"
            html = Table.stylesheet + tr("<div><b>\(escape(name))</b>, channel \(ch), output [\(oy), \(ox)]</div>") + "\(htmlGrid(window, highlight: pool.isMax ? best : nil))<p>\(escape(line))</p>"
        default:
            let per = ho * wo
            var before: [Double] = [], after: [Double] = []
            for q in 0..<per { before.append(Double(input.data[q * cin + ch])); after.append(Double(output.data[q * cout + ch])) }
            let zeroed = before.filter { $0 <= 0 }.count
            let y0 = max(0, oy - 2), x0 = max(0, ox - 2)
            let rows = min(5, ho - y0), cols = min(5, wo - x0)
            let bgrid = (0..<rows).map { r in (0..<cols).map { c in before[(y0 + r) * wo + x0 + c] } }
            let agrid = (0..<rows).map { r in (0..<cols).map { c in after[(y0 + r) * wo + x0 + c] } }
            text = tr("\(name) of model \(entry.name), channel \(ch), image \(i): y = max(0, x)\nbefore (rows \(y0)…\(y0 + rows - 1), columns \(x0)…\(x0 + cols - 1)):\n\(grid(bgrid))\nafter:\n\(grid(agrid))\n\(zeroed) of \(per) values (\(percent(Double(zeroed) / Double(per)))) were ≤ 0 and became 0; their gradient is 0 too\n")
            html = Table.stylesheet + tr("<div><b>\(escape(name))</b>, channel \(ch): y = max(0, x)</div>") + "<div class=\"cnn-row\">\(htmlGrid(bgrid)) → \(htmlGrid(agrid))</div><p>\(zeroed) of \(per) values (\(percent(Double(zeroed) / Double(per)))) became 0</p>"
        }
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }

    fileprivate func grid(_ values: [[Double]], digits: Int = 3) -> String {
        let cells = values.map { $0.map { fixed($0, digits) } }
        let w = cells.flatMap { $0 }.map(\.count).max() ?? 1
        return cells.map { row in row.map { String(repeating: " ", count: w - $0.count) + $0 }.joined(separator: " ") }.joined(separator: "\n")
    }

    fileprivate func htmlGrid(_ values: [[Double]], digits: Int = 3, highlight: (Int, Int)? = nil) -> String {
        Table.grid(values.map { $0.map { fixed($0, digits) } }, mark: highlight.map { (row: $0.0, column: $0.1) })
    }
}
