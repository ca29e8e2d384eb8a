import JSONKit
import JupyterKernel

/// Draws the text and HTML forms of a progress bar.
enum ProgressBar {
    static func bundle(step: Int, of total: Int, label: String = "progress") -> MimeBundle {
        let width = 30
        let fraction = total > 0 ? Double(step) / Double(total) : 1
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths / 8 < width { bar += partials[eighths % 8] }
        bar += String(repeating: " ", count: max(0, width - bar.count))
        let percent = Int((fraction * 100).rounded(.down))
        let text = "\(shownStatus(label)) ▕\(bar)▏ \(step)/\(total) (\(percent)%)"
        let html =
            "<div style=\"font-family:monospace\"><progress value=\"\(step)\" max=\"\(total)\" style=\"width:20em\"></progress>"
            + " \(step)/\(total) (\(percent)%)</div>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }
}
