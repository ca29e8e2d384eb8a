import CNNCore
import JSONKit
import JupyterKernel

/// Draws the text and HTML forms of a progress bar.
enum ProgressBar {
    static func bundle(step: Int, of total: Int, label: String = "progress") -> MimeBundle {
        let fraction = total > 0 ? Double(step) / Double(total) : 1
        let percent = Int((fraction * 100).rounded(.down))
        let text = "\(shownStatus(label)) \(bar(fraction: fraction, width: 30)) \(step)/\(total) (\(percent)%)"
        let html =
            "<div style=\"font-family:monospace\"><progress value=\"\(step)\" max=\"\(total)\" style=\"width:20em\"></progress>"
            + " \(step)/\(total) (\(percent)%)</div>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }

    /// `▕████▌     ▏`: `width` cells between the two edges, filled in eighths of a cell.
    static func bar(fraction: Double, width: Int) -> String {
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let eighths = Int((f * Double(width * 8)).rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths / 8 < width { bar += partials[eighths % 8] }
        bar += String(repeating: " ", count: max(0, width - bar.count))
        return "▕" + bar + "▏"
    }
}

/// A progress bar shown once and updated in place (at most every `updateInterval` seconds), and on a
/// console, which sees only its first state, also a `ProgressLine` that moves with it.
final class LiveProgressBar {
    private let context: ExecutionContext
    private let id: String
    private let total: Int
    private let label: String
    private let line: ProgressLine?
    private let updateInterval: Double
    private var updatedAt = -Double.infinity
    private var shownStep = 0

    init(_ context: ExecutionContext, total: Int, label: String = "progress", updateInterval: Double = 0.25) {
        self.context = context
        self.updateInterval = updateInterval
        self.total = total
        self.label = label
        id = context.newDisplayID()
        line = ProgressLine(context)
        var first = ProgressBar.bundle(step: 0, of: total, label: label)
        if line != nil {
            // A console shows this state only: say where the progress goes instead of a bar that never moves.
            first.data["text/plain"] = .string(tr("\(shownStatus(label)): \(formatCount(total)) steps; the line below moves with them"))
        }
        context.display(first, displayID: id)
    }

    /// Step `step` of the total is done.
    func advance(to step: Int) {
        let now = Timestamps.monotonicSeconds()
        if now - updatedAt >= updateInterval || step >= total {
            context.updateDisplay(ProgressBar.bundle(step: step, of: total, label: label), displayID: id)
            updatedAt = now
            shownStep = step
        }
        line?.offer(fraction: Double(step) / Double(max(1, total)), now: now) { self.text(step, label) }
    }

    /// The last state, with a label of its own ("interrupted", "ended early, …").
    func finish(at step: Int, label final: String? = nil) {
        if final != nil || step != shownStep {
            context.updateDisplay(ProgressBar.bundle(step: step, of: total, label: final ?? label), displayID: id)
        }
        // A long label (why it ended) is said by the output that follows; the line keeps to one row.
        let last = text(step, final ?? label)
        line?.print(last.count <= ProgressLine.width ? last : text(step, label))
    }

    private func text(_ step: Int, _ label: String) -> String {
        ProgressBar.bundle(step: step, of: total, label: label).data["text/plain"]?.stringValue ?? ""
    }
}
