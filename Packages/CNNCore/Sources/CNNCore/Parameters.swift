import CNNCore
/// The one parameter vocabulary of the kernel: commands, layer plugins and the blocks a notebook
/// defines all declare their parameters with `ParameterSpec` (usually through a typed `Key`), are
/// bound by `Binder`, and read their values through typed keys, so a misspelt parameter name is a
/// compile error rather than a silent zero. Parsing, defaults, help, completion, validation and
/// the summary row all read the same declarations.

/// A value as written in a cell, after evaluation: what parameters are given.
public indirect enum ParameterValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    /// Text written in double quotes.
    case string(String)
    /// A bare name: `relu`, `sgd`, `conv1`, `fashion-mnist`.
    case word(String)
    case bool(Bool)
    case list([ParameterValue])
    /// A name with arguments: `multistep(2, 4)`, `crop(4)`.
    case call(String, [ParameterValue])

    public var description: String {
        switch self {
        case .number(let d): return NumberFormat.shortest(d)
        case .string(let s): return s
        case .word(let w): return w
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map(\.literal).joined(separator: ", ") + "]"
        case .call(let f, let a): return "\(f)(" + a.map(\.literal).joined(separator: ", ") + ")"
        }
    }

    /// As it would be written in the language.
    public var literal: String {
        guard case .string(let s) = self else { return description }
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// For error messages: "a number", "`relu`", "a list" …
    public var kindName: String {
        switch self {
        case .number: return tr("a number")
        case .string: return tr("a string")
        case .word(let w): return "`\(w)`"
        case .bool: return tr("true or false")
        case .list: return tr("a list")
        case .call(let f, _): return "`\(f)(…)`"
        }
    }

    /// A whole number that fits an `Int` exactly (|v| < 2^53), or nil.
    public var wholeNumber: Int? {
        guard case .number(let d) = self, d.isFinite, d == d.rounded(), abs(d) < 9_007_199_254_740_992 else { return nil }
        return Int(d)
    }
}

/// What kind of value a parameter takes.
public enum ParameterKind: Equatable, Sendable {
    case integer(min: Int?, max: Int?)
    case number(min: Double?, max: Double?)
    case bool
    case choice([String])
    /// The name of something (a model, a layer, a block, a help topic): a bare word or a string.
    case name
    /// Text in double quotes.
    case text
    /// A file name in double quotes (completed from the file system).
    case path
    /// A string, number, truth value or list; not a bare word (`print`'s values).
    case literal
    /// Any value at all, bare words included (a block's parameters: `act=relu`, `channels=[16, 32]`).
    case any
    /// [3, 3, 3] (a single number is a list of one).
    case integerList(min: Int?, max: Int?)
    /// [-1, 0.5, 2]
    case numberList
    /// [flip, crop(4)]: names or calls (a single one is a list of one).
    case words
    /// multistep(2, 4), cosine: one of these names, with or without arguments.
    case call([String])

    public var describe: String {
        switch self {
        case .integer(let lo, let hi): return tr("integer") + Self.range(lo.map(String.init), hi.map(String.init))
        case .number(let lo, let hi): return tr("number") + Self.range(lo.map(NumberFormat.shortest), hi.map(NumberFormat.shortest))
        case .bool: return tr("true or false")
        case .choice(let c): return tr("one of \(c.joined(separator: ", "))")
        case .name: return tr("name")
        case .text: return tr("string")
        case .path: return tr("file name in double quotes")
        case .literal: return tr("string or number")
        case .any: return tr("value")
        case .integerList(let lo, let hi): return tr("list of integers") + Self.range(lo.map(String.init), hi.map(String.init))
        case .numberList: return tr("list of numbers")
        case .words: return tr("list of names")
        case .call(let c): return tr("one of \(c.joined(separator: ", "))")
        }
    }

    /// " in lo…hi", " ≥ lo", " ≤ hi" or "": the range part of a description.
    public static func range(_ lo: String?, _ hi: String?) -> String {
        switch (lo, hi) {
        case (let l?, let h?): return tr(" in \(l)…\(h)")
        case (let l?, nil): return " ≥ \(l)"
        case (nil, let h?): return " ≤ \(h)"
        default: return ""
        }
    }
}

/// One declared parameter.
public struct ParameterSpec: Sendable {
    public var name: String
    public var kind: ParameterKind
    /// nil: required (a variadic parameter is never required).
    public var defaultValue: ParameterValue?
    public var doc: String
    /// Can be given without its name, in declaration order (`conv 16` for out_channels=16).
    public var positional: Bool
    /// Takes every remaining positional value (`print a b c`); read with `Arguments.variadic`.
    public var variadic: Bool
    /// Other accepted names (`pad` for padding).
    public var aliases: [String]

    public init(_ name: String, _ kind: ParameterKind, default d: ParameterValue? = nil, positional: Bool = false,
                variadic: Bool = false, aliases: [String] = [], _ doc: String) {
        self.name = name
        self.kind = kind
        defaultValue = d
        self.doc = doc
        self.positional = positional || variadic
        self.variadic = variadic
        self.aliases = aliases
    }

    public var isRequired: Bool { defaultValue == nil && !variadic }

    /// "integer in 1…65536, default 1" (what help, completion and inspection show).
    public var describe: String {
        kind.describe + (defaultValue.map { $0.isEmptyText ? tr(", optional") : tr(", default \($0.literal)") } ?? (variadic ? "" : tr(", required")))
    }

    /// The documentation in the kernel's language.
    public var shownDoc: String { translated(doc) }
}

/// A Swift type a parameter's value is read as.
public protocol ParameterType: Sendable {
    /// nil when `value` is not of this type (the binder has checked it, so only for a key
    /// declared with a kind that does not match its type).
    init?(parameterValue value: ParameterValue)
    var parameterValue: ParameterValue { get }
}

extension Int: ParameterType {
    public init?(parameterValue v: ParameterValue) {
        guard let i = v.wholeNumber else { return nil }
        self = i
    }
    public var parameterValue: ParameterValue { .number(Double(self)) }
}

extension Double: ParameterType {
    public init?(parameterValue v: ParameterValue) {
        guard case .number(let d) = v else { return nil }
        self = d
    }
    public var parameterValue: ParameterValue { .number(self) }
}

extension Bool: ParameterType {
    public init?(parameterValue v: ParameterValue) {
        guard case .bool(let b) = v else { return nil }
        self = b
    }
    public var parameterValue: ParameterValue { .bool(self) }
}

/// A name, a choice, a string or a path.
extension String: ParameterType {
    public init?(parameterValue v: ParameterValue) {
        switch v {
        case .string(let s), .word(let s): self = s
        default: return nil
        }
    }
    public var parameterValue: ParameterValue { .word(self) }
}

extension ParameterValue: ParameterType {
    public init?(parameterValue v: ParameterValue) { self = v }
    public var parameterValue: ParameterValue { self }
}

extension Array: ParameterType where Element: ParameterType {
    public init?(parameterValue v: ParameterValue) {
        guard case .list(let items) = v else { return nil }
        var out: [Element] = []
        for i in items {
            guard let e = Element(parameterValue: i) else { return nil }
            out.append(e)
        }
        self = out
    }
    public var parameterValue: ParameterValue { .list(map(\.parameterValue)) }
}

/// A declared parameter with the Swift type its value is read as: declare it once (usually as a
/// `static let` of the command or plugin), list it in the spec, read it with `arguments[key]`.
public struct Key<Value: ParameterType>: Sendable {
    public let spec: ParameterSpec
    public var name: String { spec.name }

    public init(_ name: String, _ kind: ParameterKind, default d: Value? = nil, positional: Bool = false,
                aliases: [String] = [], _ doc: String) {
        var value = d?.parameterValue
        // Text and file names are strings, whatever Swift type reads them.
        if case .word(let w)? = value, kind == .text || kind == .path { value = .string(w) }
        spec = ParameterSpec(name, kind, default: value, positional: positional, aliases: aliases, doc)
    }
}

/// Bound values: every declared parameter has one (given, or its default).
public struct Arguments: Sendable {
    public var values: [String: ParameterValue]
    /// The values of a variadic parameter, in order.
    public var variadic: [ParameterValue]
    /// For each parameter that was given: the index of the argument that gave it.
    public var given: [String: Int]

    public init(_ values: [String: ParameterValue] = [:], variadic: [ParameterValue] = [], given: [String: Int] = [:]) {
        self.values = values
        self.variadic = variadic
        self.given = given
    }

    /// The value of `key` as its type. A key the spec does not declare is a programming error
    /// that every test of its command or layer reports.
    public subscript<T>(_ key: Key<T>) -> T {
        guard let v = values[key.name] ?? key.spec.defaultValue, let t = T(parameterValue: v) else {
            preconditionFailure("parameter \(key.name) is not declared as \(T.self) by this command or layer")
        }
        return t
    }

    public func isGiven<T>(_ key: Key<T>) -> Bool { given[key.name] != nil }
}

/// A value given to a parameter: by position (`name` nil) or by name.
public struct GivenArgument: Sendable {
    public var name: String?
    public var value: ParameterValue
    public init(name: String?, value: ParameterValue) {
        self.name = name
        self.value = value
    }
}

/// Why arguments do not bind: which argument (an index into the given arguments; nil: the
/// parameter list as a whole, as for a missing value), which parameter, and what is wrong.
public struct BindingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// An unknown name.
        case name
        /// The wrong kind of value, or a missing one.
        case type
        /// The right kind, out of range.
        case value
        /// Given twice.
        case syntax
    }
    public var kind: Kind
    public var argument: Int?
    public var parameter: String?
    public var message: String
    public var description: String { message }

    public init(_ kind: Kind, argument: Int?, parameter: String?, _ message: Phrase) {
        self.kind = kind
        self.argument = argument
        self.parameter = parameter
        self.message = message.text
    }
}

/// Binds given arguments to declared parameters: positional values in declaration order, names
/// and aliases, defaults, kinds and ranges, with one wording of every error for commands, layers
/// and blocks alike.
public enum Binder {
    /// `owner` names what the parameters belong to in messages ("conv", "train");
    /// `synopsis` is the usage shown when a required value is missing; `otherNames` are names
    /// the caller handles itself (`name` on a layer line), offered in suggestions.
    public static func bind(_ parameters: [ParameterSpec], of owner: String, _ given: [GivenArgument],
                            synopsis: String? = nil, otherNames: [String] = []) throws -> Arguments {
        var out = Arguments()
        let positionals = parameters.filter(\.positional)
        var next = 0
        for (index, arg) in given.enumerated() {
            let p: ParameterSpec
            if let key = arg.name {
                guard let found = parameters.first(where: { $0.name == key || $0.aliases.contains(key) }), !found.variadic else {
                    let names = parameters.filter { !$0.variadic }.map(\.name) + otherNames
                    let all = names + parameters.flatMap(\.aliases)
                    let hint = Suggest.hint(for: key, in: all)
                    let known = names.isEmpty ? tr("; it takes no options") : (hint.isEmpty ? " (options: \(names.joined(separator: ", ")))" : hint)
                    throw BindingError(.name, argument: index, parameter: nil, "`\(key)` is not an option of \(owner)\(known)")
                }
                p = found
                if out.values[p.name] != nil {
                    throw BindingError(.syntax, argument: index, parameter: p.name, "`\(key)` is given twice")
                }
            } else {
                while next < positionals.count, out.values[positionals[next].name] != nil { next += 1 }
                guard next < positionals.count else {
                    let count = positionals.count
                    let what = count == 0 ? tr("takes no positional values") : count == 1 ? tr("takes 1 positional value") : tr("takes \(count) positional values")
                    let named = parameters.filter { !$0.positional }.map { $0.name + "=" } + otherNames.map { $0 + "=" }
                    let hint = named.isEmpty ? "" : tr("; name the others (\(named.joined(separator: ", ")))")
                    throw BindingError(.type, argument: index, parameter: nil, "\(owner) \(what); unexpected \(arg.value.kindName)\(hint)")
                }
                p = positionals[next]
            }
            let v: ParameterValue
            do { v = try check(arg.value, p, of: owner) } catch var e as BindingError {
                e.argument = index
                throw e
            }
            if p.variadic {
                out.variadic.append(v)
            } else {
                out.values[p.name] = v
                out.given[p.name] = index
            }
        }
        for p in parameters where out.values[p.name] == nil && !p.variadic {
            guard let d = p.defaultValue else {
                let usage = synopsis.map { "; usage: \($0)" } ?? ""
                throw BindingError(.type, argument: nil, parameter: p.name, "\(owner) needs \(p.name) (\(p.kind.describe))\(usage)")
            }
            out.values[p.name] = d
        }
        return out
    }

    /// Checks one value against a parameter's kind and range; returns it normalised (names as
    /// words, a single value where a list is expected as a list of one).
    public static func check(_ v: ParameterValue, _ p: ParameterSpec, of owner: String) throws -> ParameterValue {
        func fail(_ kind: BindingError.Kind = .type, _ m: Phrase) -> BindingError { BindingError(kind, argument: nil, parameter: p.name, m) }
        let wrong = fail(.type, "\(p.name) of \(owner) is \(p.kind.describe), not \(v.kindName)")
        switch p.kind {
        case .integer(let lo, let hi):
            guard case .number(let d) = v else { throw wrong }
            guard let i = v.wholeNumber else {
                throw fail(.type, "\(p.name) of \(owner) must be a whole number\(ParameterKind.range(lo.map(String.init), hi.map(String.init))), got \(NumberFormat.shortest(d))")
            }
            if let lo, i < lo { throw fail(.value, "\(p.name) of \(owner) must be ≥ \(lo), got \(i)") }
            if let hi, i > hi { throw fail(.value, "\(p.name) of \(owner) must be ≤ \(hi), got \(i)") }
            return v
        case .number(let lo, let hi):
            guard case .number(let d) = v else { throw wrong }
            guard d.isFinite else { throw fail(.value, "\(p.name) of \(owner) must be a finite number, got \(NumberFormat.shortest(d))") }
            if let lo, d < lo { throw fail(.value, "\(p.name) of \(owner) must be ≥ \(NumberFormat.shortest(lo)), got \(NumberFormat.shortest(d))") }
            if let hi, d > hi { throw fail(.value, "\(p.name) of \(owner) must be ≤ \(NumberFormat.shortest(hi)), got \(NumberFormat.shortest(d))") }
            return v
        case .bool:
            guard case .bool = v else { throw wrong }
            return v
        case .choice(let choices):
            guard let n = v.asName, case .word(let w) = n else { throw wrong }
            guard choices.contains(w) else {
                throw fail(.value, "`\(w)` is not a valid \(p.name) of \(owner) (\(choices.joined(separator: ", ")))\(Suggest.hint(for: w, in: choices))")
            }
            return .word(w)
        case .name:
            guard let n = v.asName else { throw wrong }
            return n
        case .text, .path:
            guard case .string = v else {
                if case .word(let w) = v { throw fail(.type, "\(p.name) of \(owner) is \(p.kind.describe): write \"\(w)\"") }
                throw wrong
            }
            return v
        case .literal:
            if case .word(let w) = v { throw fail(.type, "`\(w)` is not a value; write text in double quotes: \"\(w)\"") }
            return v
        case .any:
            return v
        case .integerList(let lo, let hi):
            let items: [ParameterValue]
            switch v {
            case .list(let l): items = l
            case .number: items = [v]
            default: throw wrong
            }
            for item in items {
                guard let i = item.wholeNumber else { throw fail(.type, "\(p.name) of \(owner) is a list of whole numbers, but holds \(item.number.map(NumberFormat.shortest) ?? item.kindName)") }
                if let lo, i < lo { throw fail(.value, "\(p.name) of \(owner) holds \(i); each must be ≥ \(lo)") }
                if let hi, i > hi { throw fail(.value, "\(p.name) of \(owner) holds \(i); each must be ≤ \(hi)") }
            }
            return .list(items)
        case .numberList:
            guard case .list(let items) = v else { throw wrong }
            for item in items {
                guard case .number(let d) = item else { throw fail(.type, "\(p.name) of \(owner) is a list of numbers, but holds \(item.kindName)") }
                guard d.isFinite else { throw fail(.value, "\(p.name) of \(owner) holds \(NumberFormat.shortest(d)); each must be finite") }
            }
            return v
        case .words:
            // Names written bare or quoted are the same name; calls stay as they are.
            func name(_ item: ParameterValue) -> ParameterValue? {
                if case .call = item { return item }
                return item.asName
            }
            switch v {
            case .list(let items):
                return .list(try items.map { item in
                    guard let n = name(item) else { throw fail(.type, "\(p.name) of \(owner) is a list of names, but holds \(item.kindName)") }
                    return n
                })
            case .word, .call, .string: return .list([name(v)!])
            default: throw wrong
            }
        case .call(let names):
            let f: String
            switch v {
            case .word(let w), .string(let w): f = w
            case .call(let c, _): f = c
            default: throw wrong
            }
            guard names.contains(f) else {
                throw fail(.value, "`\(f)` is not a valid \(p.name) of \(owner) (\(names.joined(separator: ", ")))\(Suggest.hint(for: f, in: names))")
            }
            if case .string = v { return .word(f) }
            return v
        }
    }
}

extension ParameterValue {
    /// An empty name or string: "not given" for a parameter such as `model=` (the current model).
    public var isEmptyText: Bool {
        switch self {
        case .word(let w), .string(let w): return w.isEmpty
        default: return false
        }
    }

    /// A whole number (written in Swift where a model's arguments are built by hand).
    public static func int(_ i: Int) -> ParameterValue { .number(Double(i)) }

    /// A bare word or a string as a name (`name=c1` and `name="c1"` alike).
    public var asName: ParameterValue? {
        switch self {
        case .word(let w), .string(let w): return .word(w)
        default: return nil
        }
    }

    var number: Double? { if case .number(let d) = self { return d } else { return nil } }
}

/// How large one layer's parameter tensor may be: 2^28 values (1 GiB of float32). A layer whose
/// weights would be larger is a shape error when it is built, not an allocation that fails.
public enum ParameterLimits {
    public static let valuesPerTensor = 1 << 28

    /// The product of `dims`, or nil when it overflows or passes the limit.
    public static func count(_ dims: [Int]) -> Int? {
        var n = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, p <= valuesPerTensor else { return nil }
            n = p
        }
        return n
    }
}

/// The one way numbers are written for people: shortest form, fixed digits, percentages,
/// scientific notation, thousands separators. Never traps, whatever the value.
public enum NumberFormat {
    /// "3", "14", "0.5", "1e+300", "nan": whole numbers without a decimal point.
    public static func shortest(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == v.rounded(), abs(v) < 1e15 { return v == 0 ? "0" : String(Int(v)) }
        return "\(v)"
    }

    /// `digits` after the decimal point; scientific beyond 1e15.
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let digits = max(0, min(digits, 12))
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        // Past 1e15, or where the scaled value would not fit an Int (1e13 with 6 digits), scientific.
        guard abs(x) < 1e15, abs(x) * p < 9e18 else { return scientific(x) }
        let r = (abs(x) * p).rounded()
        var s = String(Int(r))
        while s.count <= digits { s = "0" + s }
        let cut = s.index(s.endIndex, offsetBy: -digits)
        return (x < 0 && r != 0 ? "-" : "") + (digits > 0 ? s[..<cut] + "." + s[cut...] : s)
    }

    /// 0.9242 → "92.42%".
    public static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        return fixed(x * 100, 2) + "%"
    }

    /// "1.23e−4": three significant digits.
    public static func scientific(_ x: Double) -> String {
        guard x != 0 else { return "0" }
        guard x.isFinite else { return fixed(x, 0) }
        var e = 0
        var m = abs(x)
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        if fixed(m, 2) == "10.00" { m /= 10; e += 1 }
        return (x < 0 ? "-" : "") + fixed(m, 2) + "e" + (e < 0 ? "−" : "+") + String(abs(e))
    }

    /// 272378 → "272,378".
    public static func count(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
}

/// "did you mean" suggestions by edit distance (Damerau–Levenshtein, adjacent swaps count once).
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        // Long words are not compared letter by letter: no name is that long, and the table grows with both.
        guard word.count <= 64 else { return nil }
        let w = word.lowercased()
        var best: (String, Int)? = nil
        for c in candidates where c.count <= 64 {
            let d = distance(w, c.lowercased())
            let limit = max(1, min(3, c.count / 3 + 1))
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        if best == nil, let prefix = candidates.first(where: { $0.hasPrefix(w) && w.count >= 3 }) { return prefix }
        return best?.0
    }

    public static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map(hint(guess:)) ?? ""
    }

    /// "; did you mean `guess`?", in the kernel's language: the end of an error about a near miss.
    public static func hint(guess: String) -> String { tr("; did you mean `\(guess)`?") }

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
