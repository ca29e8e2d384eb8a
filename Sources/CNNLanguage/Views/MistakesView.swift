import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering
#if canImport(Glibc)
import Glibc
#endif

/// `show mistakes`: the misclassified images with the highest loss.
struct MistakesView: View {
    let name = "mistakes"
    let usage = tr("show mistakes [n=16]                    the misclassified images with the highest loss")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showMistakes(inv) }
}

extension CommandEnvironment {
    fileprivate func showMistakes(_ inv: Invocation) throws {
        let (entry, data, set, e) = try evaluate(inv)
        let k = data.classNames.count
        var wrong: [(Int, Double)] = []
        for i in 0..<e.labels.count where e.predictions[i] != e.labels[i] {
            let p = Double(e.probabilities[i * k + e.labels[i]])
            wrong.append((i, -log(max(p, 1e-12))))
        }
        wrong.sort { $0.1 > $1.1 }
        let shown = Array(wrong.prefix(min(256, inv[ShowCommand.n])))
        let names = data.classNames
        let canvas = imageGrid(set, shown.map(\.0), title: tr("\(entry.name): \(wrong.count) of \(e.labels.count) \(shownSplit(inv[Common.split])) images misclassified, highest loss first (green: true class, red: predicted)")) { i in
            let pred = e.predictions[i]
            return [("\(names[e.labels[i]])", .good), ("\(names[pred]) \(Int((Double(e.probabilities[i * k + pred]) * 100).rounded()))%", .bad)]
        }
        var text = tr("\(wrong.count) of \(e.labels.count) images misclassified; the \(shown.count) with the highest loss:\n")
        for (i, loss) in shown { text += tr("  image \(i): true \(names[e.labels[i]]), predicted \(names[e.predictions[i]]) (\(percent(Double(e.probabilities[i * k + e.predictions[i]])))), loss \(fixed(loss, 3))\n") }
        context.display(imageBundle(canvas, text: text))
    }
}
