/// Parses tokens into statements. A line that starts with a word is a command with
/// positional arguments and `name=value` options; a line that starts with a number,
/// `(` or `-` is an arithmetic expression.
public struct Parser {
    let tokens: [Token]
    var index = 0

    public init(tokens: [Token]) { self.tokens = tokens }

    public static func parse(_ source: String) throws -> [Statement] {
        var p = Parser(tokens: try Lexer.tokenize(source))
        return try p.parseProgram()
    }

    var current: Token { tokens[index] }
    mutating func next() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    public mutating func parseProgram() throws -> [Statement] {
        var out: [Statement] = []
        while current.kind != .end {
            if current.kind == .newline {
                _ = next()
                continue
            }
            out.append(try parseStatement())
        }
        return out
    }

    mutating func parseStatement() throws -> Statement {
        let first = current
        switch first.kind {
        case .word:
            _ = next()
            var args: [Argument] = []
            while current.kind != .newline && current.kind != .end {
                args.append(try parseArgument())
            }
            _ = next()
            return .command(name: first, arguments: args)
        case .number, .symbol("("), .symbol("-"), .symbol("+"):
            let e = try parseExpr()
            guard current.kind == .newline || current.kind == .end else {
                throw LanguageError(at: current, "unexpected \(describe(current)) after the expression")
            }
            _ = next()
            return .expression(e)
        default:
            throw LanguageError(at: first, "a line starts with a command name or a number, not \(describe(first))")
        }
    }

    mutating func parseArgument() throws -> Argument {
        if case .word = current.kind, tokens[index + 1].isSymbol("=") {
            let name = next()
            _ = next()
            guard current.kind != .newline && current.kind != .end else {
                throw LanguageError(at: current, "`\(name.word!)=` needs a value")
            }
            return .option(name: name, value: try parseValue())
        }
        if current.isSymbol("=") {
            throw LanguageError(at: current, "`=` needs an option name before it, as in `delay=0.5`")
        }
        return .positional(try parseValue())
    }

    mutating func parseValue() throws -> ValueNode {
        let t = current
        switch t.kind {
        case .string(let s):
            _ = next()
            return .string(s, t)
        case .word(let w):
            _ = next()
            return .word(w, t)
        case .symbol("["):
            _ = next()
            var items: [ValueNode] = []
            while !current.isSymbol("]") {
                items.append(try parseValue())
                if current.isSymbol(",") {
                    _ = next()
                } else if !current.isSymbol("]") {
                    throw LanguageError(at: current, "expected `,` or `]` in the list, found \(describe(current))")
                }
            }
            _ = next()
            return .list(items, t)
        case .number, .symbol("("), .symbol("-"), .symbol("+"):
            return .expr(try parseExpr())
        default:
            throw LanguageError(at: t, "expected a value, found \(describe(t))")
        }
    }

    // expr := term (('+'|'-') term)* ; term := power (('*'|'/'|'%') power)* ;
    // power := unary ('^' power)? ; unary := ('-'|'+') unary | primary ; primary := number | '(' expr ')'
    mutating func parseExpr() throws -> Expr {
        var left = try parseTerm()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op = next()
            left = .binary(op: op, left, try parseTerm())
        }
        return left
    }

    mutating func parseTerm() throws -> Expr {
        var left = try parsePower()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let op = next()
            left = .binary(op: op, left, try parsePower())
        }
        return left
    }

    mutating func parsePower() throws -> Expr {
        let base = try parseUnary()
        if current.isSymbol("^") {
            let op = next()
            return .binary(op: op, base, try parsePower())
        }
        return base
    }

    mutating func parseUnary() throws -> Expr {
        if current.isSymbol("-") || current.isSymbol("+") {
            let op = next()
            return .unary(op: op, try parseUnary())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .number(let v, _):
            _ = next()
            return .number(v, t)
        case .symbol("("):
            _ = next()
            let e = try parseExpr()
            guard current.isSymbol(")") else {
                throw LanguageError(at: current, "expected `)` to close the `(` at \(t.location), found \(describe(current))")
            }
            _ = next()
            return e
        default:
            throw LanguageError(at: t, "expected a number or `(`, found \(describe(t))")
        }
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .word(let w): return "`\(w)`"
        case .number(_, let text): return "`\(text)`"
        case .string: return "a string"
        case .symbol(let s): return "`\(s)`"
        case .newline, .end: return "the end of the line"
        }
    }
}

/// Evaluates arithmetic in double precision; division by zero is an error at the operator.
public enum Arithmetic {
    public static func evaluate(_ e: Expr) throws -> Double {
        switch e {
        case .number(let v, _): return v
        case .unary(let op, let x):
            let v = try evaluate(x)
            return op.isSymbol("-") ? -v : v
        case .binary(let op, let l, let r):
            let a = try evaluate(l), b = try evaluate(r)
            switch op.kind {
            case .symbol("+"): return a + b
            case .symbol("-"): return a - b
            case .symbol("*"): return a * b
            case .symbol("/"):
                if b == 0 { throw LanguageError(.arithmetic, at: op, "division by zero") }
                return a / b
            case .symbol("%"):
                if b == 0 { throw LanguageError(.arithmetic, at: op, "modulo by zero") }
                return a.truncatingRemainder(dividingBy: b)
            default:
                let v = pow(a, b)
                if !v.isFinite { throw LanguageError(.arithmetic, at: op, "the result is too large") }
                return v
            }
        }
    }

    /// "3", "14", "0.5", "1e+300": integers without a decimal point, others in shortest form.
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 {
            return v == 0 ? "0" : String(Int(v))
        }
        return "\(v)"
    }
}

#if canImport(Glibc)
import Glibc
#endif
