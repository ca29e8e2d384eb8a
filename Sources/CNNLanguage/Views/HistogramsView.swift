import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show histograms`: weights and activations of a layer, and dead ReLU units.
struct HistogramsView: View {
    let name = "histograms"
    let usage = tr("show histograms layer=NAME              weights and activations of a layer, and the fraction of dead ReLU units")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showHistograms(inv) }
}

extension CommandEnvironment {
    fileprivate func showHistograms(_ inv: Invocation) throws {
        let entry = try model(inv)
        let (name, layer) = try layerOrDefault(entry, inv, tr("layer with weights")) { !$0.layer.parameters.isEmpty }
        var parts: [(String, String)] = []
        var html = "<div style=\"display:flex;flex-wrap:wrap;gap:8px\">"
        for p in layer.parameters {
            let (svg, text, _, _) = histogramSVG(p.value.values, title: tr("\(name).\(p.name): \(p.count) values"))
            html += svg
            parts.append((svg, text))
        }
        var deadText = ""
        if let data = session.data, entry.model.inputShape == data.shape, let test = data.split.test ?? data.split.validation {
            let n = min(256, test.count)
            try requireInferenceMemory(entry, batch: n, keepsOutputs: true, what: "the activations' histogram", at: inv.nameToken)
            let (x, _) = Batches.make(test, indices: Array(0..<n)[...], normalization: entry.normalization ?? data.split.normalization)
            let (outputs, _) = entry.model.activations(x)
            if let a = outputs[name] {
                let (svg, text, _, _) = histogramSVG(a.values, title: tr("\(name) output on \(n) test images"))
                html += svg
                parts.append((svg, text))
            }
            // Dead ReLU units: channels (or features) that are zero for every image of the batch.
            var rows: [String] = []
            for (lname, l, _) in entry.model.allLayers() where l.typeName == "relu" {
                guard let t = outputs[lname] else { continue }
                let c = t.shape.channels, per = t.shape.count / c
                var alive = [Bool](repeating: false, count: c)
                for s in 0..<t.batch { for p in 0..<per { for ch in 0..<c where t.data[(s * per + p) * c + ch] > 0 { alive[ch] = true } } }
                let dead = alive.filter { !$0 }.count
                rows.append(tr("\(lname.padding(28)) \(dead) of \(c) channels dead (\(percent(Double(dead) / Double(c))))"))
            }
            if !rows.isEmpty {
                deadText = tr("ReLU units that never fire on \(n) test images:\n") + rows.joined(separator: "\n") + "\n"
                html += "<pre>\(escape(deadText))</pre>"
            }
        }
        html += "</div>"
        let text = parts.map(\.1).joined(separator: "\n") + (deadText.isEmpty ? "" : "\n" + deadText)
        context.display(MimeBundle(data: ["text/html": .string(html), "text/plain": .string(text)]))
    }

    /// A bar chart of a histogram as SVG, with the same as text.
    fileprivate func histogramSVG(_ values: [Float], title: String, bins: Int = 40) -> (String, String, Int, Int) {
        let finite = values.filter(\.isFinite)
        let lo = Double(finite.min() ?? 0), hi = Double(finite.max() ?? 1)
        let span = hi > lo ? hi - lo : 1
        var counts = [Int](repeating: 0, count: bins)
        for v in finite { counts[min(bins - 1, Int((Double(v) - lo) / span * Double(bins)))] += 1 }
        let width = 420, height = 200
        var s = SVG(width: width, height: height)
        s.text(title, x: 10, y: 16, size: 12, weight: "bold")
        let top = 26.0, bottom = 36.0, left = 44.0
        let ph = Double(height) - top - bottom, pw = Double(width) - left - 10
        let mx = Double(counts.max() ?? 1)
        for (i, c) in counts.enumerated() {
            let bh = mx > 0 ? Double(c) / mx * ph : 0
            s.rect(x: left + Double(i) * pw / Double(bins), y: top + ph - bh, w: pw / Double(bins) - 1, h: bh, fill: "#1f77b4", title: "\(c)")
        }
        s.line(left, top + ph, left + pw, top + ph, stroke: "#888")
        s.text(tickLabel(lo), x: left, y: top + ph + 14, size: 10, anchor: "start", fill: "#555")
        s.text(tickLabel(hi), x: left + pw, y: top + ph + 14, size: 10, anchor: "end", fill: "#555")
        s.text("0", x: left + (0 - lo) / span * pw, y: top + ph + 26, size: 9, anchor: "middle", fill: lo < 0 && hi > 0 ? "#c33" : "none")
        s.text("\(Int(mx))", x: left - 4, y: top + 8, size: 10, anchor: "end", fill: "#555")
        // Text: bars four rows tall in eighths of a row; a bin that holds any value shows at least
        // an eighth, so a tall spike (a ReLU's zeros) does not hide where the other values lie.
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let rows = 4
        let eighths = counts.map { c in c == 0 || mx == 0 ? 0 : max(1, Int((Double(c) / mx * Double(rows * 8)).rounded())) }
        var text = title + tr(" (tallest bar: \(formatCount(Int(mx))) values)") + "\n"
        for r in (0..<rows).reversed() {
            text += String(eighths.map { blocks[min(8, max(0, $0 - r * 8))] }) + "\n"
        }
        text += tickLabel(lo) + String(repeating: " ", count: max(1, bins - tickLabel(lo).count - tickLabel(hi).count)) + tickLabel(hi) + "\n"
        return (s.document, text, width, height)
    }
}
