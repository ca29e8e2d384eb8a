import CNNCore
import CNNEngine
import Rendering

/// Charts of training history (loss, accuracy, learning rate; several runs on one chart), as SVG
/// and as text: `plot` and the live training display draw them.
enum HistoryCharts {
    static func chart(_ runs: [(String, TrainingHistory)], what: String) -> LineChart {
        var series: [LineChart.Series] = []
        var keys: [Int] = []
        for (i, (name, h)) in runs.enumerated() {
            let perEpoch = max(1, h.steps.count / max(1, h.epochs.count))
            let prefix = runs.count > 1 ? "\(name) " : ""
            switch what {
            case "lr":
                series.append(.init(name: prefix + tr("learning rate"), points: h.steps.map { (Double($0.step + 1) / Double(perEpoch), $0.learningRate) }))
                keys.append(i)
            default:
                let acc = what == "accuracy"
                let raw = h.steps.map { (Double($0.step + 1) / Double(perEpoch), acc ? $0.accuracy : $0.loss) }
                series.append(.init(name: prefix + tr("train (smoothed)"), points: smooth(raw)))
                keys.append(i)
                let val = h.epochs.compactMap { e -> (Double, Double)? in
                    guard let v = acc ? e.validationAccuracy : e.validationLoss else { return nil }
                    return (Double(e.epoch), v)
                }
                if !val.isEmpty {
                    series.append(.init(name: prefix + tr("validation"), points: val, dashed: true, markers: true))
                    keys.append(i)
                }
            }
        }
        var chart = LineChart(title: title(what), xLabel: tr("epoch"), yLabel: title(what), series: series)
        chart.colorKeys = keys
        return chart
    }

    /// What is plotted, in words: `what` is `loss`, `accuracy` or `lr` (the `plot` argument).
    static func title(_ what: String) -> String {
        switch what {
        case "lr": return tr("learning rate")
        case "accuracy": return tr("accuracy")
        default: return tr("loss")
        }
    }

    /// An exponential moving average, as loss curves are usually shown.
    static func smooth(_ p: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        var m: Double?
        let alpha = p.count > 50 ? 0.1 : 0.3
        for (x, y) in p where y.isFinite {
            m = m.map { $0 * (1 - alpha) + y * alpha } ?? y
            out.append((x, m!))
        }
        // At most ~400 points: enough for a smooth line, small enough for a live update.
        let stride = max(1, out.count / 400)
        return out.enumerated().filter { $0.offset % stride == 0 || $0.offset == out.count - 1 }.map(\.element)
    }

    static func text(_ runs: [(String, TrainingHistory)], what: String) -> String {
        var series: [(name: String, points: [(Double, Double)])] = []
        for (name, h) in runs {
            let perEpoch = max(1, h.steps.count / max(1, h.epochs.count))
            let pts = h.steps.map { (Double($0.step + 1) / Double(perEpoch), what == "lr" ? $0.learningRate : (what == "accuracy" ? $0.accuracy : $0.loss)) }
            series.append((runs.count > 1 ? name : tr("train"), smooth(pts)))
        }
        var text = TextPlot.lines(series, title: tr("\(title(what)) by epoch"))
        for (name, h) in runs where !h.epochs.isEmpty {
            // Each epoch's figure of what is plotted: its last learning rate, or its validation
            // score (the training one when there was no validation set).
            let validated = h.epochs.contains { $0.validationLoss != nil }
            text += "\(name): " + h.epochs.map { e in
                let value: String
                switch what {
                case "lr": value = sci(e.learningRate)
                case "accuracy": value = percent(e.validationAccuracy ?? e.trainAccuracy)
                default: value = fixed(e.validationLoss ?? e.trainLoss, 4)
                }
                return tr("epoch \(e.epoch) \(value)")
            }.joined(separator: ", ") + (what == "lr" ? tr(" (learning rate at the epoch's end)") : validated ? tr(" (validation)") : tr(" (training)")) + "\n"
        }
        return text
    }
}
