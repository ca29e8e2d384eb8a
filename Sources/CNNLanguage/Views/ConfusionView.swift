import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show confusion`: the confusion matrix with per-class precision, recall and F1.
struct ConfusionView: View {
    /// A class name on at most two lines of at most `width` pixels: broken after a space, `/` or
    /// `-` when it does not fit on one, else cut with a hyphen; a second line too long ends in "…".
    static func twoLines(_ name: String, width: Int) -> [String] {
        guard Canvas.textWidth(name) > width else { return [name] }
        let chars = Array(name)
        // The last break point whose first part fits.
        var split: Int?
        for i in chars.indices where [" ", "/", "-"].contains(chars[i]) && i > 0 {
            let head = String(chars[...i]).trimmingCharacters(in: " ")
            if Canvas.textWidth(head) <= width { split = i }
        }
        var first: String, rest: String
        if let split {
            first = String(chars[...split]).trimmingCharacters(in: " ")
            rest = String(chars[(split + 1)...]).trimmingCharacters(in: " ")
        } else {
            var n = chars.count - 1
            while n > 1 && Canvas.textWidth(String(chars[..<n]) + "-") > width { n -= 1 }
            first = String(chars[..<n]) + "-"
            rest = String(chars[n...])
        }
        while Canvas.textWidth(rest) > width && rest.count > 2 { rest = String(rest.dropLast(2)) + "…" }
        return [first, rest]
    }

    let name = "confusion"
    let usage = tr("show confusion [normalize=true]         the confusion matrix and per-class precision, recall and F1")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showConfusion(inv) }
}

extension CommandEnvironment {
    fileprivate func showConfusion(_ inv: Invocation) throws {
        let (entry, data, _, e) = try evaluate(inv)
        let k = data.classNames.count
        var m = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (t, p) in zip(e.labels, e.predictions) { m[t][p] += 1 }
        let normalize = inv[ShowCommand.normalize]
        let rowSums = m.map { max(1, $0.reduce(0, +)) }
        let maxCount = Double(m.flatMap { $0 }.max() ?? 1)
        let names = data.classNames
        let labelW = names.map(Canvas.textWidth).max()! + 12
        // Wide enough for a column label of two lines (Ankle / boot, T-shirt/ / top).
        let columnLabels = names.map { ConfusionView.twoLines($0, width: 60) }
        let cell = max(44, (columnLabels.flatMap { $0 }.map(Canvas.textWidth).max() ?? 0) + 6)
        let confusionTitle = tr("confusion of \(entry.name) on \(e.labels.count) \(shownSplit(inv[Common.split])) images (rows: true class, columns: predicted)\(normalize ? tr(", row-normalised") : "")")
        var canvas = Canvas(width: max(labelW + k * cell + 20, Canvas.textWidth(confusionTitle) + 16), height: 30 + k * cell + 12 + 2 * Canvas.lineHeight)
        canvas.text(confusionTitle, x: 8, y: 6)
        let top = 30
        for r in 0..<k {
            canvas.text(names[r], x: labelW - 6 - Canvas.textWidth(names[r]), y: top + r * cell + cell / 2 - 7)
            for c in 0..<k {
                let frac = normalize ? Double(m[r][c]) / Double(rowSums[r]) : Double(m[r][c]) / maxCount
                let color = Colormap.magma.color(1 - 0.85 * frac)
                canvas.fill(x: labelW + c * cell, y: top + r * cell, w: cell - 1, h: cell - 1, color)
                let label = normalize ? fixed(Double(m[r][c]) / Double(rowSums[r]), 2) : "\(m[r][c])"
                canvas.centeredText(label, x: labelW + c * cell + cell / 2, y: top + r * cell + cell / 2 - 7, frac > 0.55 ? .white : .text)
            }
        }
        for c in 0..<k {
            for (j, line) in columnLabels[c].enumerated() {
                canvas.centeredText(line, x: labelW + c * cell + cell / 2, y: top + k * cell + 4 + j * Canvas.lineHeight, .muted)
            }
        }
        // Per-class precision, recall, F1: a table of its own (the image's text form holds the matrix).
        var table = Table(title: tr("per class, on \(e.labels.count) \(shownSplit(inv[Common.split])) images"),
                          [.init(tr("class")), .init(tr("precision"), .right), .init(tr("recall"), .right), .init("F1", .right), .init(tr("support"), .right)])
        for i in 0..<k {
            let tp = Double(m[i][i]), predicted = Double((0..<k).map { m[$0][i] }.reduce(0, +)), actual = Double(m[i].reduce(0, +))
            let p = predicted > 0 ? tp / predicted : 0, r = actual > 0 ? tp / actual : 0, f = p + r > 0 ? 2 * p * r / (p + r) : 0
            table.add([names[i], fixed(p, 3), fixed(r, 3), fixed(f, 3), "\(Int(actual))"])
        }
        let labelWidth = min(14, names.map(\.count).max() ?? 5) + 1
        var text = tr("confusion matrix of \(entry.name) (rows: true, columns: predicted):\n")
        let cw = max(5, String(m.flatMap { $0 }.max() ?? 0).count + 1)
        for r in 0..<k {
            text += String(names[r].prefix(labelWidth - 1)).padding(labelWidth) + (0..<k).map { c in
                let s = normalize ? fixed(Double(m[r][c]) / Double(rowSums[r]), 2) : "\(m[r][c])"
                return String(repeating: " ", count: max(0, cw - s.count)) + s
            }.joined() + "\n"
        }
        context.display(imageBundle(canvas, text: text))
        context.display(table.bundle)
    }
}
