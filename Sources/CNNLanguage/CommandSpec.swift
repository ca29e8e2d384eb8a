import CNNCore
import JupyterKernel

/// What kind of value a parameter takes; drives checking, completion and help.
public enum ValueKind: Equatable, Sendable {
    case number(min: Double?, max: Double?)
    case integer(min: Int?, max: Int?)
    case text
    case choice([String])
    case any  // a string or a number, printed as given
    case name  // a bare name (or a string), such as a help topic
    case bool
    case path  // a file name in double quotes (completed from the file system)
    case intList  // [3, 3, 3]
    case numberList  // [-1, 0.5, 2]
    case words  // [flip, crop(4)]: names or calls
    case call([String])  // multistep(2, 4), cosine: one of these names, with or without arguments

    public var describe: String {
        switch self {
        case .number(let lo, let hi): return "number" + Self.range(lo.map(Arithmetic.format), hi.map(Arithmetic.format))
        case .integer(let lo, let hi): return "integer" + Self.range(lo.map(String.init), hi.map(String.init))
        case .text: return "string"
        case .choice(let c): return "one of " + c.joined(separator: ", ")
        case .any: return "string or number"
        case .name: return "name"
        case .bool: return "true or false"
        case .path: return "file name in double quotes"
        case .intList: return "list of integers"
        case .numberList: return "list of numbers"
        case .words: return "list of names"
        case .call(let c): return "one of " + c.joined(separator: ", ")
        }
    }

    static func range(_ lo: String?, _ hi: String?) -> String { LayerValueKind.range(lo, hi) }
}

/// One parameter of a command: positional or `name=value`.
public struct ParameterSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    /// The default as written in the language; nil when the parameter is required.
    public var defaultValue: String?
    public var doc: String
    public var variadic: Bool

    public init(_ name: String, _ kind: ValueKind, default d: String? = nil, variadic: Bool = false, _ doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = d
        self.doc = doc
        self.variadic = variadic
    }
}

/// The declarative description of a command. Parsing checks, completion, inspection and
/// help all read it, so a command is documented and completable as soon as it is declared.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    public var doc: String
    public var positionals: [ParameterSpec]
    public var options: [ParameterSpec]
    public var examples: [String]

    public init(
        name: String, summary: String, doc: String = "", positionals: [ParameterSpec] = [],
        options: [ParameterSpec] = [], examples: [String] = []
    ) {
        self.name = name
        self.summary = summary
        self.doc = doc
        self.positionals = positionals
        self.options = options
        self.examples = examples
    }

    public var synopsis: String {
        var parts = [name]
        for p in positionals {
            let n = p.name.uppercased() + (p.variadic ? "…" : "")
            parts.append(p.defaultValue == nil && !p.variadic ? n : "[\(n)]")
        }
        for o in options { parts.append("[\(o.name)=\(o.defaultValue ?? o.kind.describe)]") }
        return parts.joined(separator: " ")
    }

    /// The documentation shown by `help NAME` and by inspection.
    public var helpText: String {
        var s = "\(synopsis)\n\n\(summary)\n"
        if !doc.isEmpty { s += "\n\(doc)\n" }
        let params = positionals + options
        if !params.isEmpty {
            s += "\nParameters:\n"
            let width = params.map { $0.name.count }.max() ?? 0
            for p in params {
                let pad = String(repeating: " ", count: width - p.name.count)
                let def = p.defaultValue.map { ", default \($0)" } ?? (p.variadic ? "" : ", required")
                s += "  \(p.name)\(pad)  \(p.kind.describe)\(def): \(p.doc)\n"
            }
        }
        if !examples.isEmpty { s += "\nExamples:\n" + examples.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        return s
    }
}

/// A command's arguments after checking against its spec: every parameter has a value.
public struct Invocation {
    public let spec: CommandSpec
    public let nameToken: Token
    public var values: [String: Value]
    public var variadic: [Value]
    public var tokens: [String: Token]

    public func number(_ name: String) -> Double {
        if case .number(let d)? = values[name] { return d }
        return 0
    }
    public func integer(_ name: String) -> Int { Int(number(name)) }
    public func text(_ name: String) -> String? {
        switch values[name] {
        case .string(let s)?, .word(let s)?: return s
        case .bool(let b)?: return b ? "true" : "false"
        default: return nil
        }
    }
    public func bool(_ name: String) -> Bool {
        if case .bool(let b)? = values[name] { return b }
        return false
    }
    public func given(_ name: String) -> Bool { tokens[name] != nil }
    public func token(_ name: String) -> Token { tokens[name] ?? nameToken }
}

/// Checks a command's arguments against its spec, with located errors and suggestions.
public enum Binder {
    public static func bind(_ spec: CommandSpec, name: Token, arguments: [Argument], env: [String: Value] = [:]) throws -> Invocation {
        var inv = Invocation(spec: spec, nameToken: name, values: [:], variadic: [], tokens: [:])
        var positionalIndex = 0
        for arg in arguments {
            switch arg {
            case .positional(let v):
                if positionalIndex < spec.positionals.count {
                    let p = spec.positionals[positionalIndex]
                    let bound = try check(v, p, command: spec.name, env: env)
                    if p.variadic {
                        inv.variadic.append(bound)
                    } else {
                        inv.values[p.name] = bound
                        inv.tokens[p.name] = v.firstToken
                        positionalIndex += 1
                    }
                } else {
                    let what = spec.positionals.isEmpty ? "takes no positional values" : "takes \(spec.positionals.count) positional value\(spec.positionals.count == 1 ? "" : "s")"
                    let hint = spec.options.isEmpty ? "" : "; options are written name=value (\(spec.options.map { $0.name + "=" }.joined(separator: ", ")))"
                    throw LanguageError(.type, at: v.firstToken, "`\(spec.name)` \(what); unexpected \(v.describe)\(hint)")
                }
            case .option(let nameToken, let v):
                let key = nameToken.word ?? ""
                guard let o = spec.options.first(where: { $0.name == key }) ?? spec.positionals.first(where: { $0.name == key && !$0.variadic }) else {
                    let all = spec.options.map(\.name)
                    let known = all.isEmpty ? "; it takes no options" : Suggest.hint(for: key, in: all)
                    throw LanguageError(.name, at: nameToken, "`\(key)` is not an option of \(spec.name)\(known)")
                }
                if inv.values[o.name] != nil {
                    throw LanguageError(.syntax, at: nameToken, "`\(key)` is given twice")
                }
                inv.values[o.name] = try check(v, o, command: spec.name, env: env)
                inv.tokens[o.name] = v.firstToken
            }
        }
        for p in spec.positionals + spec.options where inv.values[p.name] == nil && !p.variadic {
            guard let d = p.defaultValue else {
                throw LanguageError(
                    .type, at: SourceLocation(line: name.location.line, column: name.location.column + name.length),
                    "`\(spec.name)` needs \(p.name.uppercased()) (\(p.kind.describe)); usage: \(spec.synopsis)")
            }
            inv.values[p.name] = defaultValue(d, p.kind)
        }
        return inv
    }

    static func defaultValue(_ d: String, _ kind: ValueKind) -> Value {
        switch kind {
        case .number, .integer: return .number(Double(d) ?? 0)
        case .bool: return .bool(d == "true")
        case .text, .path: return .string(d)
        case .intList, .words, .numberList:
            if let e = Parser.expression(d), let v = try? Evaluator.evaluate(e) { return v }
            return .list([])
        default: return .word(d)
        }
    }

    public static func check(_ e: Expr, _ p: ParameterSpec, command: String, env: [String: Value] = [:]) throws -> Value {
        let v = try Evaluator.evaluate(e, env)
        let tok = e.firstToken
        func wrong() -> LanguageError {
            LanguageError(.type, at: tok, "\(p.name) of \(command) is \(p.kind.describe), not \(v.kindName)")
        }
        switch p.kind {
        case .number(let lo, let hi):
            guard case .number(let d) = v else { throw wrong() }
            if let lo, d < lo { throw LanguageError(.value, at: tok, "\(p.name) must be ≥ \(Arithmetic.format(lo)), got \(Arithmetic.format(d))") }
            if let hi, d > hi { throw LanguageError(.value, at: tok, "\(p.name) must be ≤ \(Arithmetic.format(hi)), got \(Arithmetic.format(d))") }
            return v
        case .integer(let lo, let hi):
            guard case .number(let d) = v else { throw wrong() }
            guard d == d.rounded(), abs(d) < 1e15 else {
                throw LanguageError(.type, at: tok, "\(p.name) of \(command) must be a whole number, got \(Arithmetic.format(d))")
            }
            if let lo, Int(d) < lo { throw LanguageError(.value, at: tok, "\(p.name) must be ≥ \(lo), got \(Int(d))") }
            if let hi, Int(d) > hi { throw LanguageError(.value, at: tok, "\(p.name) must be ≤ \(hi), got \(Int(d))") }
            return v
        case .text, .path:
            guard case .string = v else {
                if case .word(let w) = v { throw LanguageError(.type, at: tok, "\(p.name) of \(command) is \(p.kind.describe): write \"\(w)\"") }
                throw wrong()
            }
            return v
        case .bool:
            guard case .bool = v else { throw wrong() }
            return v
        case .choice(let choices):
            let word: String
            switch v {
            case .word(let w), .string(let w): word = w
            default: throw wrong()
            }
            guard choices.contains(word) else {
                throw LanguageError(
                    .value, at: tok,
                    "`\(word)` is not a valid \(p.name) (\(choices.joined(separator: ", ")))\(Suggest.hint(for: word, in: choices))")
            }
            return .word(word)
        case .call(let names):
            let f: String
            switch v {
            case .word(let w), .string(let w): f = w
            case .call(let c, _): f = c
            default: throw wrong()
            }
            guard names.contains(f) else {
                throw LanguageError(.value, at: tok, "`\(f)` is not a valid \(p.name) (\(names.joined(separator: ", ")))\(Suggest.hint(for: f, in: names))")
            }
            return v
        case .name:
            switch v {
            case .word, .string: return .word(v.description)
            default: throw wrong()
            }
        case .intList:
            guard case .list(let items) = v else {
                if case .number(let d) = v, d == d.rounded() { return .list([v]) }
                throw wrong()
            }
            for i in items {
                guard case .number(let d) = i, d == d.rounded() else { throw LanguageError(.type, at: tok, "\(p.name) of \(command) is a list of whole numbers, but holds \(i.kindName)") }
            }
            return v
        case .numberList:
            guard case .list(let items) = v else { throw wrong() }
            for i in items {
                guard case .number = i else { throw LanguageError(.type, at: tok, "\(p.name) of \(command) is a list of numbers, but holds \(i.kindName)") }
            }
            return v
        case .words:
            switch v {
            case .list(let items):
                for i in items {
                    switch i {
                    case .word, .call, .string: continue
                    default: throw LanguageError(.type, at: tok, "\(p.name) of \(command) is a list of names, but holds \(i.kindName)")
                    }
                }
                return v
            case .word, .call: return .list([v])
            default: throw wrong()
            }
        case .any:
            switch v {
            case .string, .number, .bool: return v
            case .word(let w):
                throw LanguageError(.type, at: tok, "`\(w)` is not a value; write text in double quotes: \"\(w)\"")
            case .list, .call: return v
            }
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
