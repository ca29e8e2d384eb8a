import CNNCore
/// A position in a cell: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { tr("line \(line), column \(column)") }
}

public enum TokenKind: Equatable, Sendable {
    case word(String)  // command, layer, option or value name; may contain inner '-' (fashion-mnist)
    case number(Double, text: String)
    case string(String)
    case symbol(String)  // ( ) [ ] , = + - * / % ^ == != < > <= >=
    case newline
    case end
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var location: SourceLocation
    /// Length in scalars of the source text, for carets under the whole token.
    public var length: Int

    public var word: String? { if case .word(let w) = kind { return w } else { return nil } }
    public func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }
}

/// Splits a cell into tokens. Newlines end statements except inside ( ) and [ ],
/// where they are ignored so long lists can be wrapped. `#` starts a comment.
public struct Lexer {
    let scalars: [Unicode.Scalar]
    var pos = 0
    var line = 1
    var column = 1
    var depth = 0
    var openers: [Token] = []

    public init(_ source: String) { scalars = Array(source.unicodeScalars) }

    public static func tokenize(_ source: String) throws -> [Token] {
        var lexer = Lexer(source)
        return try lexer.run()
    }

    /// Brackets still open at the end of the text (for is_complete).
    public private(set) var unclosed: [Token] = []

    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.isLetterFast
    }
    static func isIdentBody(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "." || c.isLetterFast || ("0"..."9").contains(c)
    }
    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        pos + offset < scalars.count ? scalars[pos + offset] : nil
    }

    mutating func advance() {
        if scalars[pos] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        pos += 1
    }

    public mutating func run() throws -> [Token] {
        var tokens: [Token] = []
        while let c = peek() {
            let start = SourceLocation(line: line, column: column)
            let startPos = pos
            func make(_ k: TokenKind) -> Token { Token(kind: k, location: start, length: pos - startPos) }
            switch c {
            case " ", "\t", "\r":
                advance()
            case "#":
                while let d = peek(), d != "\n" { advance() }
            case "\n":
                advance()
                if depth == 0, let last = tokens.last, last.kind != .newline {
                    tokens.append(Token(kind: .newline, location: start, length: 1))
                }
            case "\"":
                tokens.append(try lexString(start: start))
            case _ where Lexer.isDigit(c) || (c == "." && Lexer.isDigit(peek(1))):
                tokens.append(try lexNumber(start: start))
            case _ where Lexer.isIdentStart(c):
                var text = ""
                while let d = peek(), Lexer.isIdentBody(d) || (d == "-" && peek(1).map(Lexer.isIdentStart) == true) {
                    text.unicodeScalars.append(d)
                    advance()
                }
                tokens.append(make(.word(text)))
            case "(", "[":
                advance()
                depth += 1
                let t = make(.symbol(String(c)))
                openers.append(t)
                tokens.append(t)
            case ")", "]":
                advance()
                let t = make(.symbol(String(c)))
                guard let open = openers.popLast() else {
                    throw LanguageError(at: start, length: 1, "`\(c)` closes nothing")
                }
                let expected: Unicode.Scalar = open.isSymbol("(") ? ")" : "]"
                guard c == expected else {
                    throw LanguageError(
                        at: start, length: 1,
                        "`\(c)` does not match the `\(open.isSymbol("(") ? "(" : "[")` opened at \(open.location)")
                }
                depth -= 1
                tokens.append(t)
            case "=", "!", "<", ">":
                advance()
                if peek() == "=" {
                    advance()
                    tokens.append(make(.symbol(String(c) + "=")))
                } else if c == "!" {
                    throw LanguageError(at: start, length: 1, "unexpected `!` (write `not`, or `!=` for “not equal”)")
                } else {
                    tokens.append(make(.symbol(String(c))))
                }
            case ",", "+", "-", "*", "/", "%", "^":
                advance()
                tokens.append(make(.symbol(String(c))))
            default:
                throw LanguageError(at: start, length: 1, "unexpected character `\(c)`")
            }
        }
        unclosed = openers
        if let last = tokens.last, last.kind != .newline {
            tokens.append(Token(kind: .newline, location: SourceLocation(line: line, column: column), length: 1))
        }
        tokens.append(Token(kind: .end, location: SourceLocation(line: line, column: column), length: 1))
        return tokens
    }

    mutating func lexString(start: SourceLocation) throws -> Token {
        let startPos = pos
        advance()
        var text = ""
        while let c = peek() {
            if c == "\"" {
                advance()
                return Token(kind: .string(text), location: start, length: pos - startPos)
            }
            if c == "\n" { break }
            if c == "\\" {
                advance()
                guard let e = peek(), e != "\n" else { break }
                switch e {
                case "n": text += "\n"
                case "t": text += "\t"
                case "\"": text += "\""
                case "\\": text += "\\"
                default:
                    throw LanguageError(
                        at: SourceLocation(line: line, column: column - 1), length: 2,
                        "unknown escape `\\\(e)` (use \\n, \\t, \\\" or \\\\)")
                }
                advance()
                continue
            }
            text.unicodeScalars.append(c)
            advance()
        }
        throw LanguageError(at: start, length: pos - startPos, "string is not closed: add `\"` before the end of the line")
    }

    mutating func lexNumber(start: SourceLocation) throws -> Token {
        let startPos = pos
        var text = ""
        func take() {
            text.unicodeScalars.append(peek()!)
            advance()
        }
        while Lexer.isDigit(peek()) { take() }
        if peek() == ".", Lexer.isDigit(peek(1)) || text.isEmpty == false {
            take()
            while Lexer.isDigit(peek()) { take() }
        }
        if peek() == "e" || peek() == "E" {
            let sign = peek(1) == "+" || peek(1) == "-"
            if Lexer.isDigit(peek(sign ? 2 : 1)) {
                take()
                if sign { take() }
                while Lexer.isDigit(peek()) { take() }
            }
        }
        if let c = peek(), Lexer.isIdentStart(c) {
            var bad = text
            while let d = peek(), Lexer.isIdentBody(d) {
                bad.unicodeScalars.append(d)
                advance()
            }
            throw LanguageError(at: start, length: pos - startPos, "`\(bad)` is not a number")
        }
        guard let v = Double(text) else {
            throw LanguageError(at: start, length: pos - startPos, "`\(text)` is not a number")
        }
        return Token(kind: .number(v, text: text), location: start, length: pos - startPos)
    }
}

extension Unicode.Scalar {
    /// A letter: ASCII by a comparison, anything else by its Unicode property (the lookup costs
    /// far more, and a cell is mostly ASCII).
    var isLetterFast: Bool {
        value < 128 ? (value | 0x20) >= 97 && (value | 0x20) <= 122 : properties.isAlphabetic
    }
}
