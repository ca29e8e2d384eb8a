import CNNCore
import JupyterKernel

/// An error in a cell, located by line and column. The kernel shows it with the line and a caret.
public struct LanguageError: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case syntax = "SyntaxError"
        case name = "NameError"
        case value = "ValueError"
        case type = "TypeError"
        case failure = "Failure"
        case state = "StateError"
        case arithmetic = "ArithmeticError"
        /// Work the memory budget refuses (see MemoryBudget).
        case memory = "MemoryError"
    }
    public var kind: Kind
    public var location: SourceLocation
    public var length: Int
    public var message: String

    /// `message` is rendered in the kernel's language when the error is made.
    public init(_ kind: Kind = .syntax, at location: SourceLocation, length: Int = 1, _ message: Phrase) {
        self.kind = kind
        self.location = location
        self.length = max(1, length)
        self.message = message.text
    }

    public init(_ kind: Kind = .syntax, at token: Token, _ message: Phrase) {
        self.init(kind, at: token.location, length: token.length, message)
    }

    /// The frontend form: `ename`, a one-line `evalue`, and a traceback showing the line with carets.
    /// A very long line or message (a cell of one 8 MB word) is shown cut around the place it is about.
    public func kernelError(source: String) -> KernelError {
        let text = Self.shortened(message, to: 400)
        var tb = [tr("\(kind.rawValue) at \(location): \(text)")]
        if location.line >= 1, let lineText = Self.line(location.line, of: source) {
            var scalars = Array(lineText.unicodeScalars).map { $0 == "\t" ? " " : $0 }
            var caretStart = max(0, location.column - 1)
            // At most 160 characters of the line, from a little before the column.
            if scalars.count > 160 {
                let from = max(0, min(caretStart - 40, scalars.count - 160))
                let to = min(scalars.count, from + 160)
                let head: [Unicode.Scalar] = from > 0 ? ["…"] : []
                let tail: [Unicode.Scalar] = to < scalars.count ? ["…"] : []
                scalars = head + Array(scalars[from..<to]) + tail
                caretStart = caretStart - from + head.count
            }
            let shown = String(String.UnicodeScalarView(scalars))
            let gutter = "\(location.line) | "
            tb.append(gutter + shown)
            let maxLen = max(1, min(scalars.count - caretStart, 160))
            tb.append(
                String(repeating: " ", count: gutter.count - 2) + "| " + String(repeating: " ", count: max(0, caretStart))
                    + String(repeating: "^", count: min(length, maxLen)))
        }
        return KernelError(ename: kind.rawValue, evalue: "\(location): \(text)", traceback: tb)
    }

    /// Line `n` (from 1) of `source`, found by scanning its bytes (no split of the whole text).
    static func line(_ n: Int, of source: String) -> String? {
        var current = 1
        var start = source.utf8.startIndex
        for i in source.utf8.indices where source.utf8[i] == UInt8(ascii: "\n") {
            if current == n { return String(source.utf8[start..<i]) }
            current += 1
            start = source.utf8.index(after: i)
        }
        return current == n ? String(source.utf8[start...]) : nil
    }

    /// `text` cut to about `limit` characters, saying how long it was.
    static func shortened(_ text: String, to limit: Int) -> String {
        let n = text.unicodeScalars.count
        guard n > limit else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + tr("… (\(n) characters)")
    }
}


