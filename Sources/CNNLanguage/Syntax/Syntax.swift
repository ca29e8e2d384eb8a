import CNNCore
/// The syntax tree of a cell: statements, one per line, and blocks closed by `end`.

/// A value expression: numbers, strings, names (a bound variable, or else a symbolic word such
/// as `relu` or `fashion-mnist`), lists, indexing, calls of the built-in functions, and operators.
public indirect enum Expr: Equatable, Sendable {
    case number(Double, Token)
    case string(String, Token)
    case name(String, Token)
    case list([Expr], Token)
    case index(Expr, Expr, Token)
    case call(String, [Expr], Token)
    case unary(op: Token, Expr)
    case binary(op: Token, Expr, Expr)

    public var firstToken: Token {
        switch self {
        case .number(_, let t), .string(_, let t), .name(_, let t), .list(_, let t), .call(_, _, let t): return t
        case .index(let e, _, _): return e.firstToken
        case .unary(let op, _): return op
        case .binary(_, let l, _): return l.firstToken
        }
    }

    /// Is it a plain number literal (possibly negated)? Used to tell arithmetic lines from commands.
    public var describe: String {
        switch self {
        case .number: return tr("a number")
        case .string: return tr("a string")
        case .name(let w, _): return "`\(w)`"
        case .list: return tr("a list")
        default: return tr("an expression")
        }
    }
}

public enum Argument: Equatable, Sendable {
    case positional(Expr)
    case option(name: Token, value: Expr)
}

/// A parameter of a `block` or `model` definition: `c`, `stride=1`.
public struct DefinitionParameter: Equatable, Sendable {
    public var name: Token
    public var defaultValue: Expr?
}

/// A block: a keyword line, its body in sections (`branch`, `shortcut`, `else` start new ones),
/// and `end`.
public struct Block: Equatable, Sendable {
    public var keyword: Token
    /// For `model NAME` and `block NAME(…)`: the name and parameters.
    public var name: Token?
    public var parameters: [DefinitionParameter]?
    /// The rest of the keyword line (`repeat 3 as i`: [3]; `model net input=[1,28,28]`: the options).
    public var arguments: [Argument]
    /// `repeat N as NAME`: the loop variable.
    public var loopVariable: Token?
    /// The first section has no label; later ones start with `branch`, `shortcut` or `else`.
    public var sections: [(label: Token?, body: [Statement])]
    public var end: Token

    public static func == (a: Block, b: Block) -> Bool {
        a.keyword == b.keyword && a.name == b.name && a.parameters == b.parameters && a.arguments == b.arguments
            && a.loopVariable == b.loopVariable && a.end == b.end && a.sections.count == b.sections.count
            && zip(a.sections, b.sections).allSatisfy { $0.label == $1.label && $0.body == $1.body }
    }

    public var firstLine: Int { keyword.location.line }
    public var lastLine: Int { end.location.line }
}

public indirect enum Statement: Equatable, Sendable {
    case command(name: Token, arguments: [Argument])
    case expression(Expr)
    /// `model NAME = TEMPLATE args…`
    case instantiate(keyword: Token, name: Token, template: Token, arguments: [Argument])
    case block(Block)

    public var location: SourceLocation {
        switch self {
        case .command(let n, _): return n.location
        case .expression(let e): return e.firstToken.location
        case .instantiate(let k, _, _, _): return k.location
        case .block(let b): return b.keyword.location
        }
    }
}

/// Keywords with a grammar of their own.
public enum Keywords {
    /// Open a block closed by `end`.
    public static let openers: Set<String> = ["model", "block", "residual", "concat", "dense", "repeat", "if"]
    /// Start a new section inside a block.
    public static let separators: [String: String] = ["branch": "concat", "shortcut": "residual", "else": "if"]
    /// Only inside model and block bodies.
    public static let structural: Set<String> = ["residual", "concat", "dense", "repeat", "if"]
    /// Keyword lines, documented for help and completion although they are not ordinary commands.
    public static let docs: [String: String] = [
        "model": "model NAME … end         a model from layers, one per line\nmodel NAME = TEMPLATE args   a model from the zoo or a block: model r = resnet blocks=[3,3,3]\nmodel NAME input=[C,H,W] … end   for a given input shape (default: the loaded data's, else (3, 32, 32))",
        "block": "block NAME(p1, p2=default) … end\nA composite layer with parameters, usable in models like any layer for the rest of the session.\nComment lines right after the header document it.",
        "residual": "residual … shortcut … end\nbody(x) + shortcut(x); an empty or missing shortcut section is the identity.",
        "concat": "concat branch … branch … end\nThe same input through every branch; outputs concatenated on channels in order.",
        "dense": "dense … end\nconcat(body(x), x): the body's new channels first, then the input (DenseNet).",
        "repeat": "repeat N [as i] … end\nRepeats the lines N times; i counts from 0.",
        "if": "if CONDITION … [else …] end\nLines used only when the condition holds.",
    ]

    /// A keyword's documentation in the kernel's language.
    public static func shownDoc(_ keyword: String) -> String { docs[keyword].map(translated) ?? "" }
}
