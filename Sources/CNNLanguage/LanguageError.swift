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

/// "did you mean" suggestions by edit distance (Damerau–Levenshtein, adjacent swaps count once).
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        var best: (String, Int)? = nil
        for c in candidates {
            let d = distance(w, c.lowercased())
            let limit = max(1, min(3, c.count / 3 + 1))
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        if best == nil, let prefix = candidates.first(where: { $0.hasPrefix(w) && w.count >= 3 }) { return prefix }
        return best?.0
    }

    public static func hint(for word: String, in candidates: [String]) -> String {
        if let c = closest(to: word, in: candidates) { return "; did you mean `\(c)`?" }
        return ""
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
