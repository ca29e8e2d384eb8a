import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show gradients`: how large the gradient is at each layer with weights, for one batch now
/// (no update): ‖∂L/∂y‖ arriving at the layer's output and ‖∂L/∂W‖ of its weights, from the
/// input side to the output side, on a log scale.
struct GradientsView: View {
    let name = "gradients"
    let usage = tr("show gradients                          |∂L/∂y| and |∂L/∂W| at every layer with weights, for one batch (plot gradients: during training)")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showGradients(inv) }
}

extension CommandEnvironment {
    fileprivate func showGradients(_ inv: Invocation) throws {
        let entry = try model(inv)
        let data = try dataFor(entry, inv)
        let batch = min(64, data.split.train.count)
        guard batch > 0, !entry.model.weightedLayers.isEmpty else {
            throw LanguageError(.state, at: inv.nameToken, "model \(entry.name) has no layer with weights (a convolution or linear layer)")
        }
        try requireTrainingMemory(entry, batch: batch, optimizer: .sgd, momentum: false, at: inv.nameToken)
        let (x, labels) = Batches.make(data.split.train, indices: Array(0..<batch)[...], normalization: entry.normalization ?? data.split.normalization)
        let (p, loss) = entry.model.gradientProfile(x, labels: labels, rng: RandomSource(seed: 0))
        let n = p.layers.count
        var chart = LineChart(title: tr("gradient at each layer of \(entry.name): one batch of \(batch), loss \(fixed(loss, 4))"),
                              xLabel: tr("layer with weights (1: nearest the input, \(n): the output)"), yLabel: tr("norm (log scale)"),
                              series: [.init(name: tr("|∂L/∂y| arriving at the layer's output"), points: p.outputNorms.enumerated().map { (Double($0.offset + 1), $0.element) }, markers: true),
                                       .init(name: tr("|∂L/∂W| of its weights"), points: p.weightNorms.enumerated().map { (Double($0.offset + 1), $0.element) }, dashed: true, markers: true)])
        chart.logY = true
        var table = Table(title: tr("gradient norms of \(entry.name), one batch of \(batch) training images (no update)"),
                          [.init("#", .right), .init(tr("layer")), .init("|∂L/∂y|", .right), .init("|∂L/∂W|", .right)])
        for i in 0..<n { table.add(["\(i + 1)", p.layers[i], sci(p.outputNorms[i]), sci(p.weightNorms[i])]) }
        let first = p.outputNorms.first ?? 0, last = p.outputNorms.last ?? 0
        table.notes = [last > 0 && first > 0
            ? tr("from the output back to the first layer the arriving gradient changes by ×\(sci(first / last)): far below 1 is a vanishing gradient, far above an exploding one")
            : tr("some layers receive no gradient at all")]
        context.display(MimeBundle(data: ["image/svg+xml": .string(chart.svg), "text/plain": .string(table.text), "text/html": .string(chart.svg + table.html)],
                                   metadata: ["image/svg+xml": ["width": .int(chart.width), "height": .int(chart.height)]]))
    }
}

/// `plot gradients`: the profiles recorded during training (about 20 an epoch).
enum GradientCharts {
    /// by depth: per model, the last epoch's mean ‖∂L/∂y‖ at each weighted layer, against the
    /// layer's relative depth (so a 20-layer and a 56-layer network share the axis).
    static func byDepth(_ runs: [(String, TrainingHistory)]) -> (LineChart, String) {
        var series: [LineChart.Series] = []
        var text = tr("mean |∂L/∂y| arriving at each layer with weights, last recorded epoch (layer 1 nearest the input)\n")
        for (name, h) in runs {
            guard let lastEpoch = h.gradients.last?.epoch else { continue }
            let records = h.gradients.filter { $0.epoch == lastEpoch }
            let n = records[0].profile.layers.count
            let mean = (0..<n).map { i in records.map { $0.profile.outputNorms[i] }.reduce(0, +) / Double(records.count) }
            series.append(.init(name: tr("\(name) (\(n) layers, epoch \(lastEpoch))"), points: mean.enumerated().map { (n > 1 ? Double($0.offset) / Double(n - 1) : 0, $0.element) }, markers: n <= 30))
            text += "\(name): " + mean.map(sci).joined(separator: " ") + "\n"
        }
        var chart = LineChart(title: tr("gradient arriving at each layer, by depth"), xLabel: tr("relative depth (0: first layer with weights, 1: the last)"), yLabel: tr("|∂L/∂y| (log scale)"), series: series)
        chart.logY = true
        return (chart, text)
    }

    /// by epoch: one model's ‖∂L/∂y‖ over training at up to six layers from first to last.
    static func byEpoch(_ name: String, _ h: TrainingHistory) -> (LineChart, String) {
        let n = h.gradients.first?.profile.layers.count ?? 0
        let picks = n <= 6 ? Array(0..<n) : (0..<6).map { $0 * (n - 1) / 5 }
        let perEpoch = Double(max(1, h.steps.count / max(1, h.epochs.count)))
        var series: [LineChart.Series] = []
        var text = tr("|∂L/∂y| over training, \(name):\n")
        for i in picks {
            let layer = h.gradients[0].profile.layers[i]
            let points = h.gradients.map { (Double($0.step + 1) / perEpoch, $0.profile.outputNorms[i]) }
            series.append(.init(name: "\(i + 1). \(layer)", points: points))
            text += "  \(layer): " + [points.first, points.last].compactMap { $0.map { sci($0.1) } }.joined(separator: " → ") + "\n"
        }
        var chart = LineChart(title: tr("gradient arriving at layers of \(name), during training"), xLabel: tr("epoch"), yLabel: tr("|∂L/∂y| (log scale)"), series: series)
        chart.logY = true
        return (chart, text)
    }
}
