import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel

/// The summary table of a model: every layer with its type, output shape, parameters,
/// multiply-adds, measured time and receptive field.
enum ModelSummary {

    struct SummaryRow {
        var name: String
        var depth: Int
        var type: String
        var output: String
        var params: Int
        var macs: Int
        var detail: String
        var milliseconds: Double?
        var receptiveField: Int?
    }

    /// Rows with the measured forward time per layer (a batch of 32, evaluation mode) and the
    /// receptive field of each layer's outputs in input pixels.
    static func rows(_ model: Model, data: LoadedData?, timed: Bool = true) -> [SummaryRow] {
        let batch = 32
        var times: [ObjectIdentifier: Double] = [:]
        if timed {
            let x: Tensor
            if let d = data, d.shape == model.inputShape, d.split.train.count >= batch {
                x = Batches.make(d.split.train, indices: Array(0..<batch)[...], normalization: d.split.normalization).0
            } else {
                x = Tensor(batch: batch, shape: model.inputShape)
                let rng = RandomSource(seed: 1)
                for i in 0..<x.count { x.data[i] = Float(rng.normal()) }
            }
            times = model.layerTimes(x, repeats: 2)
        }
        let fields = model.receptiveFields()
        return model.allLayers().map { name, layer, depth in
            let short = String(name.split(separator: ".").last ?? "")
            var rf: Int?
            if case .image = layer.outputShape { rf = fields[ObjectIdentifier(layer)]?.field }
            return SummaryRow(name: short, depth: depth, type: layer.typeName, output: layer.outputShape.withBatch(-1).replacingOccurrences(of: "(-1, ", with: "(N, "),
                              params: layer.parameterCount, macs: layer.totalMultiplyAdds, detail: layer.detail,
                              milliseconds: times[ObjectIdentifier(layer)].map { $0 * 1000 / Double(batch) }, receptiveField: rf)
        }
    }

    /// `timed: false` skips the forward passes that measure time (inspection must answer at once).
    static func bundle(_ entry: ModelEntry, data: LoadedData?, timed: Bool = true) -> MimeBundle {
        let m = entry.model
        let rows = rows(m, data: data, timed: timed)
        var table: [[String]] = [["layer", "type", "output shape", "parameters", "multiply-adds", "ms/image", "receptive field"]]
        func ms(_ v: Double?) -> String { v.map { fixed($0, 3) } ?? "" }
        for r in rows {
            let label = String(repeating: "  ", count: r.depth) + r.name
            let type = r.detail.isEmpty ? r.type : "\(r.type) (\(r.detail))"
            table.append([label, type, r.output, formatCount(r.params), formatCount(r.macs), ms(r.milliseconds), r.receptiveField.map { "\($0)×\($0)" } ?? ""])
        }
        let totalMs = rows.filter { $0.depth == 0 }.compactMap(\.milliseconds).reduce(0, +)
        table.append(["total", "", m.inputShape.withBatch(-1).replacingOccurrences(of: "(-1, ", with: "input (N, "), formatCount(m.parameterCount), formatCount(m.root.totalMultiplyAdds), fixed(totalMs, 3), ""])
        let widths = (0..<7).map { c in table.map { $0[c].count }.max()! }
        var text = "model \(entry.name) (forward time measured on a batch of 32 in evaluation mode; receptive field in input pixels)\n"
        for (i, row) in table.enumerated() {
            let cells = row.enumerated().map { c, s in
                c >= 3 && c <= 5 ? String(repeating: " ", count: widths[c] - s.count) + s : s + String(repeating: " ", count: widths[c] - s.count)
            }
            text += cells.joined(separator: "  ").droppingTrailingSpaces() + "\n"
            if i == 0 || i == table.count - 2 { text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        var html = "<table class=\"cnn-summary\"><caption style=\"text-align:left\"><b>model \(escape(entry.name))</b>: input \(escape(m.inputShape.description))</caption>"
        html += "<thead><tr><th style=\"text-align:left\">layer</th><th style=\"text-align:left\">type</th><th style=\"text-align:left\">output shape</th><th>parameters</th><th>multiply-adds</th><th>ms/image</th><th>receptive field</th></tr></thead><tbody>"
        for r in rows {
            let pad = r.depth * 16
            let weight = r.depth == 0 ? "font-weight:600;" : ""
            html += "<tr><td style=\"text-align:left;padding-left:\(pad + 4)px;\(weight)\">\(escape(r.name))</td><td style=\"text-align:left\">\(escape(r.type))"
            if !r.detail.isEmpty { html += " <span style=\"color:#777\">\(escape(r.detail))</span>" }
            html += "</td><td style=\"text-align:left\">\(escape(r.output))</td><td>\(formatCount(r.params))</td><td>\(formatCount(r.macs))</td><td>\(ms(r.milliseconds))</td><td>\(r.receptiveField.map { "\($0)×\($0)" } ?? "")</td></tr>"
        }
        html += "</tbody><tfoot><tr><th style=\"text-align:left\">total</th><th></th><th></th><th>\(formatCount(m.parameterCount))</th><th>\(formatCount(m.root.totalMultiplyAdds))</th><th>\(fixed(totalMs, 3))</th><th></th></tr></tfoot></table>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }
}
