import JupyterKernel

/// What kind of value a parameter takes; drives checking, completion and help.
public enum ValueKind: Equatable, Sendable {
    case number(min: Double?, max: Double?)
    case integer(min: Int?, max: Int?)
    case text
    case choice([String])
    case any  // a string or a number, printed as given
    case name  // a bare name (or a string), such as a help topic

    public var describe: String {
        switch self {
        case .number(let lo, let hi): return "number" + Self.range(lo.map(Arithmetic.format), hi.map(Arithmetic.format))
        case .integer(let lo, let hi): return "integer" + Self.range(lo.map(String.init), hi.map(String.init))
        case .text: return "string"
        case .choice(let c): return "one of " + c.joined(separator: ", ")
        case .any: return "string or number"
        case .name: return "name"
        }
    }

    static func range(_ lo: String?, _ hi: String?) -> String {
        switch (lo, hi) {
        case (let l?, let h?): return " in \(l)…\(h)"
        case (let l?, nil): return " ≥ \(l)"
        case (nil, let h?): return " ≤ \(h)"
        default: return ""
        }
    }
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

/// A checked value of a parameter.
public enum BoundValue: Equatable, Sendable {
    case number(Double)
    case text(String)
    case list([BoundValue])

    public var display: String {
        switch self {
        case .number(let d): return Arithmetic.format(d)
        case .text(let s): return s
        case .list(let l): return "[" + l.map(\.display).joined(separator: ", ") + "]"
        }
    }
}

/// A command's arguments after checking against its spec: every parameter has a value.
public struct Invocation {
    public let spec: CommandSpec
    public let nameToken: Token
    public var values: [String: BoundValue]
    public var variadic: [BoundValue]
    public var tokens: [String: Token]

    public func number(_ name: String) -> Double {
        if case .number(let d)? = values[name] { return d }
        return 0
    }
    public func integer(_ name: String) -> Int { Int(number(name)) }
    public func text(_ name: String) -> String? {
        if case .text(let s)? = values[name] { return s }
        return nil
    }
}

/// Checks a command's arguments against its spec, with located errors and suggestions.
public enum Binder {
    public static func bind(_ spec: CommandSpec, name: Token, arguments: [Argument]) throws -> Invocation {
        var inv = Invocation(spec: spec, nameToken: name, values: [:], variadic: [], tokens: [:])
        var positionalIndex = 0
        for arg in arguments {
            switch arg {
            case .positional(let v):
                if positionalIndex < spec.positionals.count {
                    let p = spec.positionals[positionalIndex]
                    let bound = try check(v, p, command: spec.name)
                    if p.variadic {
                        inv.variadic.append(bound)
                    } else {
                        inv.values[p.name] = bound
                        inv.tokens[p.name] = v.token
                        positionalIndex += 1
                    }
                } else {
                    let what = spec.positionals.isEmpty ? "takes no positional values" : "takes \(spec.positionals.count) positional value\(spec.positionals.count == 1 ? "" : "s")"
                    throw LanguageError(.type, at: v.token, "`\(spec.name)` \(what); unexpected \(v.describe) (usage: \(spec.synopsis))")
                }
            case .option(let nameToken, let v):
                let key = nameToken.word ?? ""
                guard let o = spec.options.first(where: { $0.name == key }) else {
                    let all = spec.options.map(\.name)
                    let known = all.isEmpty ? "; it takes no options" : Suggest.hint(for: key, in: all)
                    throw LanguageError(.name, at: nameToken, "`\(key)` is not an option of \(spec.name)\(known)")
                }
                if inv.values[o.name] != nil {
                    throw LanguageError(.syntax, at: nameToken, "`\(key)` is given twice")
                }
                inv.values[o.name] = try check(v, o, command: spec.name)
                inv.tokens[o.name] = v.token
            }
        }
        for p in spec.positionals + spec.options where inv.values[p.name] == nil && !p.variadic {
            guard let d = p.defaultValue else {
                throw LanguageError(
                    .type, at: SourceLocation(line: name.location.line, column: name.location.column + name.length),
                    "`\(spec.name)` needs \(p.name.uppercased()) (\(p.kind.describe)); usage: \(spec.synopsis)")
            }
            inv.values[p.name] = defaultBound(d, p.kind)
        }
        return inv
    }

    static func defaultBound(_ d: String, _ kind: ValueKind) -> BoundValue {
        switch kind {
        case .number, .integer: return .number(Double(d) ?? 0)
        default: return .text(d)
        }
    }

    static func check(_ v: ValueNode, _ p: ParameterSpec, command: String) throws -> BoundValue {
        func wrong() -> LanguageError {
            LanguageError(.type, at: v.token, "\(p.name) of \(command) is \(p.kind.describe), not \(v.describe)")
        }
        switch p.kind {
        case .number(let lo, let hi):
            guard case .expr(let e) = v else { throw wrong() }
            let d = try Arithmetic.evaluate(e)
            if let lo, d < lo { throw LanguageError(.value, at: v.token, "\(p.name) must be ≥ \(Arithmetic.format(lo)), got \(Arithmetic.format(d))") }
            if let hi, d > hi { throw LanguageError(.value, at: v.token, "\(p.name) must be ≤ \(Arithmetic.format(hi)), got \(Arithmetic.format(d))") }
            return .number(d)
        case .integer(let lo, let hi):
            guard case .expr(let e) = v else { throw wrong() }
            let d = try Arithmetic.evaluate(e)
            guard d == d.rounded(), abs(d) < 1e15 else {
                throw LanguageError(.type, at: v.token, "\(p.name) of \(command) must be a whole number, got \(Arithmetic.format(d))")
            }
            if let lo, Int(d) < lo { throw LanguageError(.value, at: v.token, "\(p.name) must be ≥ \(lo), got \(Int(d))") }
            if let hi, Int(d) > hi { throw LanguageError(.value, at: v.token, "\(p.name) must be ≤ \(hi), got \(Int(d))") }
            return .number(d)
        case .text:
            guard case .string(let s, _) = v else { throw wrong() }
            return .text(s)
        case .choice(let choices):
            let word: String
            switch v {
            case .word(let w, _): word = w
            case .string(let s, _): word = s
            default: throw wrong()
            }
            guard choices.contains(word) else {
                throw LanguageError(
                    .value, at: v.token,
                    "`\(word)` is not a valid \(p.name) (\(choices.joined(separator: ", ")))\(Suggest.hint(for: word, in: choices))")
            }
            return .text(word)
        case .name:
            switch v {
            case .word(let w, _), .string(let w, _): return .text(w)
            default: throw wrong()
            }
        case .any:
            switch v {
            case .string(let s, _): return .text(s)
            case .expr(let e): return .number(try Arithmetic.evaluate(e))
            case .word(let w, _):
                throw LanguageError(.type, at: v.token, "`\(w)` is not a value; write text in double quotes: \"\(w)\"")
            case .list(let items, _):
                return .list(try items.map { try check($0, ParameterSpec(p.name, .any, p.doc), command: command) })
            }
        }
    }
}
