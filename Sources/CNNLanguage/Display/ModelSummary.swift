import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

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
        /// Bytes training keeps for one image until the backward pass (a block: its layers').
        var keptPerImage: Int
    }

    /// Rows with the measured forward time per layer (a batch of 32, evaluation mode) and the
    /// receptive field of each layer's outputs in input pixels.
    static func rows(_ model: Model, data: LoadedData?, timed: Bool = true) -> [SummaryRow] {
        let batch = 32
        var times: [ObjectIdentifier: Double] = [:]
        // Timing is left out (the column shows –) when a batch would not fit in memory.
        if timed, (try? MemoryBudget.require(model.inferenceMemory().bytes(batch: batch), for: "timing", hint: "")) != nil {
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
        let memory = model.layerMemory()
        return model.allLayers().map { name, layer, depth in
            let kept = memory.filter { $0.name == name || $0.name.hasPrefix(name + ".") }.reduce(0) { $0 + $1.keptPerImage }
            let short = String(name.split(separator: ".").last ?? "")
            var rf: Int?
            if case .image = layer.outputShape { rf = fields[ObjectIdentifier(layer)]?.field }
            return SummaryRow(name: short, depth: depth, type: layer.typeName, output: layer.outputShape.withBatch(-1).replacingOccurrences(of: "(-1, ", with: "(N, "),
                              params: layer.parameterCount, macs: layer.totalMultiplyAdds, detail: layer.detail,
                              milliseconds: times[ObjectIdentifier(layer)].map { $0 * 1000 / Double(batch) }, receptiveField: rf, keptPerImage: kept)
        }
    }

    /// `timed: false` skips the forward passes that measure time (inspection must answer at once).
    static func bundle(_ entry: ModelEntry, data: LoadedData?, timed: Bool = true) -> MimeBundle {
        let m = entry.model
        let rows = rows(m, data: data, timed: timed)
        func ms(_ v: Double?) -> String { v.map { fixed($0, 3) } ?? "" }
        var table = Table(
            title: tr("model \(entry.name) (forward time measured on a batch of 32 in evaluation mode; receptive field in input pixels)"),
            [.init(tr("layer")), .init(tr("type")), .init(tr("output shape")), .init(tr("parameters"), .right), .init(tr("multiply-adds"), .right),
             .init(tr("kept/image"), .right), .init(tr("ms/image"), .right), .init(tr("receptive field"))])
        for r in rows {
            let type = r.detail.isEmpty ? r.type : "\(r.type) (\(r.detail))"
            table.add([r.name, type, r.output, formatCount(r.params), formatCount(r.macs), r.keptPerImage > 0 ? MemoryBudget.formatBytes(r.keptPerImage) : "",
                       ms(r.milliseconds), r.receptiveField.map { "\($0)×\($0)" } ?? ""],
                      depth: r.depth, strong: r.depth == 0)
        }
        let totalMs = rows.filter { $0.depth == 0 }.compactMap(\.milliseconds).reduce(0, +)
        let keptTotal = rows.filter { $0.depth == 0 }.reduce(0) { $0 + $1.keptPerImage }
        table.footer = ["total", "", m.inputShape.withBatch(-1).replacingOccurrences(of: "(-1, ", with: tr("input (N, ")), formatCount(m.parameterCount),
                        formatCount(m.root.totalMultiplyAdds), MemoryBudget.formatBytes(keptTotal), fixed(totalMs, 3), ""]
        // Memory as torchinfo sums it up, and what a training step at the usual batch needs.
        let f = MemoryBudget.formatBytes
        let step = m.trainingMemory(optimizer: .sgd).bytes(batch: 128)
        table.notes = [
            tr("memory: input \(f(m.inputShape.count * 4)) an image; kept for backward \(f(keptTotal)) an image (the kept/image column: each layer's output, a dropout's mask, a max pool's choices); parameters \(f(m.parameterCount * 4)), their gradients as much, and SGD's momentum as much again (Adam: twice)"),
            tr("a training step at batch 128 with SGD needs about \(f(step)) in all (`memory` says what fits here)"),
        ]
        // A block's layers are named within the block: the model's conv1 and a block's conv1 are
        // two layers. Say how to name the inner one.
        let all = m.allLayers()
        let topLevel = Set(all.filter { $0.depth == 0 }.map(\.name))
        if let inner = all.first(where: { $0.depth > 0 && topLevel.contains(String($0.name.split(separator: ".").last ?? "")) }) {
            let leaf = inner.name.split(separator: ".").last ?? ""
            table.notes.append(tr("layers inside a block are named within it: `layer=\(leaf)` is the model's own \(leaf); the one inside is `layer=\(inner.name)`"))
        }
        return table.bundle
    }
}
