import CNNCore
import JupyterKernel
import Rendering

/// The progress of long work as one line of text that a terminal rewrites in place, for a
/// console (`ExecutionContext.isConsole`), which shows a live display's first state
/// only. Each state is written after a carriage return, padded with spaces to cover the
/// previous one, without a newline; `print` ends the line with a final text. The states come
/// at a modest rate: when a tenth of the work is crossed, and at least every `interval`
/// seconds within a long tenth.
///
/// A state is cut to 79 characters: a line longer than the terminal wraps, and a carriage
/// return would then go back to the start of its last row only. Anything else printed while
/// the line is open goes through `print`, so it never lands on the same line.
final class ProgressLine {
    static let width = 79
    private let context: ExecutionContext
    let interval: Double
    /// Characters of the state on screen (0: no open line).
    private var shown = 0
    private var lastAt = -Double.infinity
    private var lastTenth = -1
    private var lastPart = -1

    /// Nil where the frontend updates displays in place (a notebook) or nobody watches (nbclient).
    init?(_ context: ExecutionContext, interval: Double = 5) {
        guard context.isConsole, !context.silent else { return nil }
        self.context = context
        self.interval = interval
    }

    var isOpen: Bool { shown > 0 }

    /// Shows `text()` if `fraction` (0…1) of part `part` (an epoch) has crossed a tenth since the
    /// last state, or `interval` seconds have passed.
    func offer(fraction: Double, part: Int = 0, now: Double = Timestamps.monotonicSeconds(), _ text: () -> String) {
        let tenth = fraction.isFinite ? Int((min(max(fraction, 0), 1) * 10).rounded(.down)) : 0
        if part != lastPart { lastPart = part; lastTenth = 0 }
        guard tenth > lastTenth || now - lastAt >= interval else { return }
        lastTenth = max(lastTenth, tenth)
        lastAt = now
        show(text())
    }

    /// Rewrites the line with `text` (cut to the width), leaving it open.
    func show(_ text: String) {
        let line = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "").prefix(Self.width)
        context.stream(.stdout, "\r" + line + String(repeating: " ", count: max(0, shown - line.count)), verbatim: true)
        shown = max(1, line.count)
    }

    /// Prints `text` and a newline: over the open line (which it ends), or as a line of its own.
    func print(_ text: String) {
        let text = text.wrapped(width: Self.width)
        if isOpen {
            // The padding covers the old state, so it follows the first line of the text.
            let head = text.prefix { $0 != "\n" }, rest = text.dropFirst(head.count)
            context.stream(.stdout, "\r" + head + String(repeating: " ", count: max(0, shown - head.count)) + rest + "\n", verbatim: true)
            shown = 0
        } else {
            context.stream(.stdout, text + "\n", verbatim: true)
        }
    }

    /// Ends an open line where it stands (the next output starts on a line of its own).
    func close() {
        guard isOpen else { return }
        context.stream(.stdout, "\n", verbatim: true)
        shown = 0
    }
}
