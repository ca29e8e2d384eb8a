import CNNCore
import JupyterKernel

/// The declarative description of a command. Checking, completion, inspection and help all
/// read it, so a command is documented and completable as soon as it is declared. Its
/// parameters are CNNCore's `ParameterSpec`s, the same vocabulary layers and blocks use.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    public var doc: String
    public var parameters: [ParameterSpec]
    public var examples: [String]
    /// Options this command does not declare go to the layer named by this parameter
    /// (`gradcheck conv 8 kernel=5`): they are checked against that layer's parameters.
    public var passesOptionsToLayer: String?

    public init(
        name: String, summary: String, doc: String = "", parameters: [ParameterSpec] = [], examples: [String] = [],
        passesOptionsToLayer: String? = nil
    ) {
        self.name = name
        self.summary = summary
        self.doc = doc
        self.parameters = parameters
        self.examples = examples
        self.passesOptionsToLayer = passesOptionsToLayer
    }

    public var positionals: [ParameterSpec] { parameters.filter(\.positional) }
    public var options: [ParameterSpec] { parameters.filter { !$0.positional } }
    public func parameter(named n: String) -> ParameterSpec? { parameters.first { !$0.variadic && ($0.name == n || $0.aliases.contains(n)) } }

    public var synopsis: String {
        var parts = [name]
        for p in positionals {
            let n = p.name.uppercased() + (p.variadic ? "…" : "")
            parts.append(p.isRequired ? n : "[\(n)]")
        }
        if passesOptionsToLayer != nil { parts.append("[LAYER OPTIONS…]") }
        for o in options {
            let shown = o.defaultValue.flatMap { $0.isEmptyText ? nil : $0.literal } ?? o.name.uppercased()
            parts.append("[\(o.name)=\(shown)]")
        }
        return parts.joined(separator: " ")
    }

    /// The documentation shown by `help NAME` and by inspection.
    public var helpText: String {
        var s = "\(synopsis)\n\n\(translated(summary))\n"
        if !doc.isEmpty { s += "\n\(translated(doc))\n" }
        if !parameters.isEmpty {
            s += "\n" + tr("Parameters:") + "\n"
            let width = parameters.map { $0.name.count }.max() ?? 0
            for p in parameters {
                let pad = String(repeating: " ", count: width - p.name.count)
                s += "  \(p.name)\(pad)  \(p.describe): \(p.shownDoc)\n"
            }
        }
        if !examples.isEmpty { s += "\n" + tr("Examples:") + "\n" + examples.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        return s
    }
}

/// A command's arguments after checking against its spec: every parameter has a value, read
/// through the command's typed keys; each given value keeps its token for located errors.
public struct Invocation {
    public let spec: CommandSpec
    public let nameToken: Token
    public let arguments: Arguments
    /// The token of each given parameter's value.
    public let tokens: [String: Token]
    /// Options passed on to a layer (`passesOptionsToLayer`), as written.
    public let layerArguments: [Argument]

    public subscript<T>(_ key: Key<T>) -> T { arguments[key] }
    public var variadic: [Value] { arguments.variadic }
    public func given<T>(_ key: Key<T>) -> Bool { arguments.isGiven(key) }
    /// Where an error about `key` points: its value, or the command's name when it was not given.
    public func token<T>(_ key: Key<T>) -> Token { tokens[key.name] ?? nameToken }
}

/// Evaluates a command's arguments and binds them with CNNCore's `Binder`, turning its errors
/// into located language errors.
public enum CommandBinder {
    public static func bind(_ spec: CommandSpec, name: Token, arguments: [Argument])
        throws -> Invocation
    {
        var passed: [Argument] = []
        var kept: [Argument] = []
        var positionalsSeen = 0
        for a in arguments {
            if spec.passesOptionsToLayer != nil {
                // The layer's own values follow the command's positionals; options it does not declare are the layer's.
                switch a {
                case .option(let n, _) where spec.parameter(named: n.word ?? "") == nil:
                    passed.append(a)
                    continue
                case .positional where positionalsSeen >= spec.positionals.count:
                    passed.append(a)
                    continue
                case .positional: positionalsSeen += 1
                default: break
                }
            }
            kept.append(a)
        }
        let (given, tokens) = try evaluate(kept)
        let bound: Arguments
        do { bound = try Binder.bind(spec.parameters, of: spec.name, given, synopsis: spec.synopsis) } catch let e as BindingError {
            throw located(e, tokens: tokens, arguments: kept, end: name)
        }
        var valueTokens: [String: Token] = [:]
        for (p, i) in bound.given { valueTokens[p] = kept[i].valueToken }
        return Invocation(spec: spec, nameToken: name, arguments: bound, tokens: valueTokens, layerArguments: passed)
    }

    /// The values of a line's arguments, by position or name, and the token that names each
    /// (the option's name, or a positional value's first token).
    static func evaluate(_ arguments: [Argument], env: [String: Value] = [:]) throws -> ([GivenArgument], [Token]) {
        var given: [GivenArgument] = []
        var tokens: [Token] = []
        for a in arguments {
            switch a {
            case .positional(let e):
                given.append(GivenArgument(name: nil, value: try Evaluator.evaluate(e, env)))
                tokens.append(e.firstToken)
            case .option(let n, let e):
                given.append(GivenArgument(name: n.word ?? "", value: try Evaluator.evaluate(e, env)))
                tokens.append(n)
            }
        }
        return (given, tokens)
    }

    /// A binding error at the argument it is about; a missing value just after `end`.
    static func located(_ e: BindingError, tokens: [Token], arguments: [Argument], end: Token) -> LanguageError {
        let kind: LanguageError.Kind
        switch e.kind {
        case .name: kind = .name
        case .type: kind = .type
        case .value: kind = .value
        case .syntax: kind = .syntax
        }
        guard let i = e.argument, i < arguments.count else {
            return LanguageError(kind, at: SourceLocation(line: end.location.line, column: end.location.column + end.length), Phrase(verbatim: e.message))
        }
        // A name that is wrong points at the name; a value that is wrong, at the value.
        let at = e.kind == .name || e.kind == .syntax ? tokens[i] : arguments[i].valueToken
        return LanguageError(kind, at: at, Phrase(verbatim: e.message))
    }
}

extension Argument {
    var valueToken: Token {
        switch self {
        case .positional(let e), .option(_, let e): return e.firstToken
        }
    }
}

extension Parser {
    /// Parses `text` as one expression, or nil.
    public static func expression(_ text: String) -> Expr? {
        guard let tokens = try? Lexer.tokenize(text) else { return nil }
        var p = Parser(tokens: tokens)
        return try? p.parseExprOnly()
    }

    /// One expression and nothing else (defaults written in the language).
    public mutating func parseExprOnly() throws -> Expr {
        let e = try parseExpr()
        guard atLineEnd else { throw LanguageError(at: current, "unexpected \(describe(current))") }
        return e
    }
}
