import CNNCore
import CNNEngine

/// A `block` (or parametrised `model`) written in the language: its parameters, body and the
/// comment lines after its header, which document it.
public struct Definition: Sendable {
    public var name: String
    public var parameters: [DefinitionParameter]
    public var body: [Statement]
    public var doc: String
    public var source: String
    public var origin: String

    public var signature: String {
        name + "(" + parameters.map { p in p.defaultValue.map { "\(p.name.word!)=\(Self.render($0))" } ?? p.name.word! }.joined(separator: ", ") + ")"
    }

    static func render(_ e: Expr) -> String { (try? Evaluator.evaluate(e))?.literal ?? "…" }
}

/// Turns the body of a model or block into a `ModelSpec`, following the shapes as it goes so
/// that every mistake is reported at its line, before any data flows.
struct ModelExpander {
    let definitions: [String: Definition]
    let registry = LayerRegistry.shared
    var depth = 0

    struct Item {
        var spec: ModelSpec
        var token: Token
        var typeName: String
    }

    /// Expands statements into a sequence, starting from `input`; returns the items and the output shape.
    mutating func expandSequence(_ statements: [Statement], env: [String: Value], input: FeatureShape) throws -> ([Item], FeatureShape) {
        var items: [Item] = []
        var shape = input
        for s in statements {
            let produced = try expandStatement(s, env: env, input: shape, previous: items.last)
            for p in produced {
                shape = try outputShape(of: p, input: shape, previous: items.last)
                items.append(p)
            }
        }
        return (items, shape)
    }

    func outputShape(of item: Item, input: FeatureShape, previous: Item?) throws -> FeatureShape {
        do { return try ModelBuilder.build(item.spec, input: input).outputShape } catch let e as ModelBuildError {
            var message = e.message
            if let previous, e.path.isEmpty || !e.path.contains(".") {
                message += " (its input \(input) comes from \(previous.typeName) at line \(previous.token.location.line))"
            }
            if !e.path.isEmpty && e.path.contains(".") { message = "in \(e.path): " + message }
            throw LanguageError(.value, at: item.token, message)
        }
    }

    func shapeVariables(_ s: FeatureShape) -> [String: Value] {
        switch s {
        case .image(let c, let h, let w): return ["in_channels": .number(Double(c)), "in_height": .number(Double(h)), "in_width": .number(Double(w))]
        case .flat(let f): return ["in_channels": .number(Double(f)), "in_features": .number(Double(f))]
        }
    }

    mutating func expandStatement(_ s: Statement, env outer: [String: Value], input: FeatureShape, previous: Item?) throws -> [Item] {
        var env = outer
        for (k, v) in shapeVariables(input) where env[k] == nil { env[k] = v }
        switch s {
        case .expression(let e):
            throw LanguageError(.syntax, at: e.firstToken, "a number on its own is not a layer; a model holds one layer per line, such as `conv 16 kernel=3`")
        case .instantiate(let k, _, _, _):
            throw LanguageError(.syntax, at: k, "`model … =` goes at the top level of a cell, not inside a model or block")
        case .command(let nameToken, let args):
            return [try expandLayer(nameToken, args, env: env, input: input)]
        case .block(let b):
            let kw = b.keyword.word!
            switch kw {
            case "model", "block":
                throw LanguageError(.syntax, at: b.keyword, "`\(kw)` definitions go at the top level of a cell, not inside another model or block")
            case "repeat":
                guard case .positional(let e) = b.arguments.first else { return [] }
                guard case .number(let d) = try Evaluator.evaluate(e, env), d == d.rounded(), d >= 0, d <= 10_000 else {
                    throw LanguageError(.type, at: e.firstToken, "repeat needs a whole number of times (0–10000)")
                }
                var out: [Item] = []
                var shape = input
                for i in 0..<Int(d) {
                    var inner = env
                    if let v = b.loopVariable?.word { inner[v] = .number(Double(i)) }
                    let (items, s2) = try expandSequence(b.sections[0].body, env: inner.filter { !$0.key.hasPrefix("in_") }, input: shape)
                    out += items
                    shape = s2
                }
                return out
            case "if":
                guard case .positional(let e) = b.arguments.first else { return [] }
                let c = try Evaluator.evaluate(e, env)
                guard let truth = c.truthy else { throw LanguageError(.type, at: e.firstToken, "`if` needs a condition that is true or false, not \(c.kindName)") }
                let body = truth ? b.sections[0].body : (b.sections.count > 1 ? b.sections[1].body : [])
                return try expandSequence(body, env: env.filter { !$0.key.hasPrefix("in_") }, input: input).0
            case "residual":
                let clean = env.filter { !$0.key.hasPrefix("in_") }
                let (body, _) = try expandSequence(b.sections[0].body, env: clean, input: input)
                let shortcut = b.sections.count > 1 ? try expandSequence(b.sections[1].body, env: clean, input: input).0 : []
                let spec = ModelSpec.residual(body: .seq(body.map(\.spec)), shortcut: shortcut.isEmpty ? nil : .seq(shortcut.map(\.spec)), name: nil, kind: nil)
                return [Item(spec: spec, token: b.keyword, typeName: "residual")]
            case "concat":
                let clean = env.filter { !$0.key.hasPrefix("in_") }
                var branches: [ModelSpec] = []
                for section in b.sections where !(section.label == nil && section.body.isEmpty) {
                    branches.append(.seq(try expandSequence(section.body, env: clean, input: input).0.map(\.spec)))
                }
                guard !branches.isEmpty else { throw LanguageError(.syntax, at: b.keyword, "concat needs at least one `branch`") }
                return [Item(spec: .concat(branches, name: nil, kind: nil), token: b.keyword, typeName: "concat")]
            case "dense":
                let clean = env.filter { !$0.key.hasPrefix("in_") }
                let (body, _) = try expandSequence(b.sections[0].body, env: clean, input: input)
                let spec = ModelSpec.concat([.seq(body.map(\.spec), name: "new"), .layer("identity", name: "input")], name: nil, kind: "dense")
                return [Item(spec: spec, token: b.keyword, typeName: "dense")]
            default:
                throw LanguageError(.syntax, at: b.keyword, "`\(kw)` is not a block kind")
            }
        }
    }

    /// A layer line: a plugin, a user-defined block, or a variable holding a layer name (`act`).
    mutating func expandLayer(_ nameToken: Token, _ args: [Argument], env: [String: Value], input: FeatureShape) throws -> Item {
        var type = nameToken.word!
        if case .word(let w)? = env[type] { type = w }
        var givenName: String?
        var rest: [Argument] = []
        for a in args {
            if case .option(let n, let v) = a, n.word == "name" {
                let value = try Evaluator.evaluate(v, env)
                guard case .string(let s) = value, !s.isEmpty, !s.contains(".") else {
                    throw LanguageError(.type, at: v.firstToken, "name= takes a string without dots, such as name=\"stem\"")
                }
                givenName = s
            } else {
                rest.append(a)
            }
        }
        if let def = definitions[type] {
            guard depth < 32 else { throw LanguageError(.value, at: nameToken, "blocks nested more than 32 deep (does `\(type)` use itself?)") }
            let bound = try bindDefinition(def, rest, at: nameToken, env: env)
            depth += 1
            defer { depth -= 1 }
            let (items, _) = try expandSequence(def.body, env: bound, input: input)
            return Item(spec: .seq(items.map(\.spec), name: givenName, kind: def.name), token: nameToken, typeName: def.name)
        }
        guard let plugin = registry.plugin(named: type) else {
            let known = registry.allNames + Array(definitions.keys)
            throw LanguageError(.name, at: nameToken, "unknown layer `\(type)`\(Suggest.hint(for: type, in: known))")
        }
        var given: [String: LayerValue] = [:]
        var tokens: [String: Token] = [:]
        let positionals = plugin.parameters.filter(\.positional)
        var pi = 0
        for a in rest {
            switch a {
            case .positional(let e):
                guard pi < positionals.count else {
                    let opts = plugin.parameters.map { $0.name + "=" }.joined(separator: ", ")
                    throw LanguageError(.type, at: e.firstToken, "\(plugin.name) takes \(positionals.count) positional value\(positionals.count == 1 ? "" : "s"); name the others (\(opts))")
                }
                let p = positionals[pi]
                pi += 1
                given[p.name] = try layerValue(e, env, p.name, plugin.name)
                tokens[p.name] = e.firstToken
            case .option(let n, let e):
                let key = n.word!
                guard let p = plugin.parameters.first(where: { $0.name == key || $0.aliases.contains(key) }) else {
                    let names = plugin.parameters.map(\.name) + ["name"]
                    let all = plugin.parameters.flatMap { [$0.name] + $0.aliases }
                    let hint = Suggest.hint(for: key, in: all)
                    throw LanguageError(.name, at: n, "`\(key)` is not an option of \(plugin.name)\(hint.isEmpty ? " (options: \(names.joined(separator: ", ")))" : hint)")
                }
                if given[p.name] != nil { throw LanguageError(.syntax, at: n, "`\(key)` is given twice") }
                given[p.name] = try layerValue(e, env, p.name, plugin.name)
                tokens[p.name] = e.firstToken
            }
        }
        let bound: LayerArguments
        do { bound = try plugin.bind(given) } catch let e as ArgumentError {
            let at = e.parameter.flatMap { tokens[$0] } ?? nameToken
            throw LanguageError(e.parameter.flatMap { tokens[$0] } == nil ? .type : .value, at: at, e.message)
        }
        _ = bound
        return Item(spec: .layer(type: plugin.name, arguments: given, name: givenName), token: nameToken, typeName: plugin.name)
    }

    func layerValue(_ e: Expr, _ env: [String: Value], _ param: String, _ layer: String) throws -> LayerValue {
        let v = try Evaluator.evaluate(e, env)
        switch v {
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .float(d)
        case .bool(let b): return .bool(b)
        case .word(let w), .string(let w): return .text(w)
        default: throw LanguageError(.type, at: e.firstToken, "\(param) of \(layer) takes a single value, not \(v.kindName)")
        }
    }

    /// Binds a block's parameters: positional in order, then by name, then defaults.
    func bindDefinition(_ def: Definition, _ args: [Argument], at token: Token, env: [String: Value]) throws -> [String: Value] {
        var out: [String: Value] = [:]
        var pi = 0
        for a in args {
            switch a {
            case .positional(let e):
                guard pi < def.parameters.count else {
                    throw LanguageError(.type, at: e.firstToken, "\(def.name) takes \(def.parameters.count) value\(def.parameters.count == 1 ? "" : "s"): \(def.signature)")
                }
                let p = def.parameters[pi]
                pi += 1
                out[p.name.word!] = try Evaluator.evaluate(e, env)
            case .option(let n, let e):
                guard def.parameters.contains(where: { $0.name.word == n.word }) else {
                    throw LanguageError(.name, at: n, "`\(n.word!)` is not a parameter of \(def.name)\(Suggest.hint(for: n.word!, in: def.parameters.map { $0.name.word! })) (\(def.signature))")
                }
                if out[n.word!] != nil { throw LanguageError(.syntax, at: n, "`\(n.word!)` is given twice") }
                out[n.word!] = try Evaluator.evaluate(e, env)
            }
        }
        for p in def.parameters where out[p.name.word!] == nil {
            guard let d = p.defaultValue else {
                throw LanguageError(.type, at: token, "\(def.name) needs \(p.name.word!) (\(def.signature))")
            }
            out[p.name.word!] = try Evaluator.evaluate(d, out)
        }
        return out
    }
}
