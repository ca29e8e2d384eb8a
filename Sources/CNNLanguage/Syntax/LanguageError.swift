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
    }
    public var kind: Kind
    public var location: SourceLocation
    public var length: Int
    public var message: String

    public init(_ kind: Kind = .syntax, at location: SourceLocation, length: Int = 1, _ message: String) {
        self.kind = kind
        self.location = location
        self.length = max(1, length)
        self.message = message
    }

    public init(_ kind: Kind = .syntax, at token: Token, _ message: String) {
        self.init(kind, at: token.location, length: token.length, message)
    }

    /// The frontend form: `ename`, a one-line `evalue`, and a traceback showing the line with carets.
    public func kernelError(source: String) -> KernelError {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var tb = ["\(kind.rawValue) at \(location): \(message)"]
        if location.line >= 1 && location.line <= lines.count {
            let text = String(lines[location.line - 1]).replacingTabs()
            let gutter = "\(location.line) | "
            tb.append(gutter + text)
            let caretStart = max(0, location.column - 1)
            let maxLen = max(1, text.unicodeScalars.count - caretStart)
            tb.append(
                String(repeating: " ", count: gutter.count - 2) + "| " + String(repeating: " ", count: caretStart)
                    + String(repeating: "^", count: min(length, maxLen)))
        }
        return KernelError(ename: kind.rawValue, evalue: "\(location): \(message)", traceback: tb)
    }
}

extension String {
    func replacingTabs() -> String { String(self.map { $0 == "\t" ? " " : $0 }) }
}

