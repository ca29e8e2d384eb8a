/// The syntax tree of a cell: a list of statements, one per line.

public indirect enum Expr: Equatable, Sendable {
    case number(Double, Token)
    case unary(op: Token, Expr)
    case binary(op: Token, Expr, Expr)

    public var firstToken: Token {
        switch self {
        case .number(_, let t): return t
        case .unary(let op, _): return op
        case .binary(_, let l, _): return l.firstToken
        }
    }
}

public indirect enum ValueNode: Equatable, Sendable {
    case expr(Expr)
    case string(String, Token)
    case word(String, Token)
    case list([ValueNode], Token)

    public var token: Token {
        switch self {
        case .expr(let e): return e.firstToken
        case .string(_, let t), .word(_, let t), .list(_, let t): return t
        }
    }

    public var describe: String {
        switch self {
        case .expr: return "a number"
        case .string: return "a string"
        case .word(let w, _): return "`\(w)`"
        case .list: return "a list"
        }
    }
}

public enum Argument: Equatable, Sendable {
    case positional(ValueNode)
    case option(name: Token, value: ValueNode)
}

public enum Statement: Equatable, Sendable {
    case command(name: Token, arguments: [Argument])
    case expression(Expr)

    public var location: SourceLocation {
        switch self {
        case .command(let n, _): return n.location
        case .expression(let e): return e.firstToken.location
        }
    }
}
