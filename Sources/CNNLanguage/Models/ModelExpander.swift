import CNNCore
import CNNEngine
import JupyterKernel

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

    /// The parameters in the kernel's one vocabulary: any value, positional in order. A default
    /// that is a constant is that value; one that uses earlier parameters (`pad=int(k / 2)`) is
    /// evaluated when the block is used, by `values(_:)`, and shown here as written.
    var parameterSpecs: [ParameterSpec] {
        parameters.enumerated().map { i, p in
            let d: ParameterValue? = p.defaultValue.map { e in (try? Evaluator.evaluate(e)) ?? .word(Self.render(e)) }
            return ParameterSpec(p.name.word!, .any, default: d, positional: true, "parameter \(i + 1) of the block")
        }
    }

    /// The values of the block's parameters: the given ones, then the defaults, each evaluated
    /// with the parameters before it in scope.
    func values(_ bound: Arguments) throws -> [String: Value] {
        var out: [String: Value] = [:]
        for p in parameters {
            let n = p.name.word!
            if bound.given[n] != nil, let v = bound.values[n] { out[n] = v }
        }
        for p in parameters where out[p.name.word!] == nil {
            guard let d = p.defaultValue else { continue }  // the binder has reported a missing value
            out[p.name.word!] = try Evaluator.evaluate(d, out)
        }
        return out
    }
}

/// What bounds expansion in the cell being run (cells run one at a time): the number of layers a
/// cell may build and of `repeat` passes it may make (nested `repeat`s multiply, even around an
/// empty body), and the interrupt, asked before every layer and every pass.
enum ExpansionGuard {
    static let maxLayers = 100_000
    static let maxPasses = 1_000_000
    nonisolated(unsafe) static var shouldStop: () -> Bool = { false }
    nonisolated(unsafe) static var layersBuilt = 0
    nonisolated(unsafe) static var passesMade = 0

    static func startCell(shouldStop: @escaping () -> Bool) {
        self.shouldStop = shouldStop
        layersBuilt = 0
        passesMade = 0
    }

    static func countPass(at token: Token) throws {
        if shouldStop() { throw ExecutionInterrupted() }
        passesMade += 1
        guard passesMade <= maxPasses else {
            throw LanguageError(.value, at: token, "this cell makes more than \(NumberFormat.count(maxPasses)) `repeat` passes, the most one cell may make; are the `repeat` counts what you meant?")
        }
    }

    static func countLayer(at token: Token) throws {
        if shouldStop() { throw ExecutionInterrupted() }
        layersBuilt += 1
        guard layersBuilt <= maxLayers else {
            throw LanguageError(.value, at: token, "this cell builds more than \(NumberFormat.count(maxLayers)) layers, the most one cell may build; are the `repeat` counts what you meant?")
        }
    }
}

/// Turns the body of a model or block into a `ModelSpec` and its layers, following the shapes as
/// it goes so that every mistake is reported at its line, before any data flows. Each layer is
/// built once, children before parents, as its line is checked: the layers it returns are the
/// ones that run.
struct ModelExpander {
    let definitions: [String: Definition]
    let registry: LayerRegistry
    var depth = 0

    init(definitions: [String: Definition], registry: LayerRegistry) {
        self.definitions = definitions
        self.registry = registry
    }

    struct Item {
        var spec: ModelSpec
        var layer: Layer
        var token: Token
        var typeName: String
    }

    /// The model's root: the items one after another.
    static func root(_ items: [Item], input: FeatureShape) -> (ModelSpec, Layer) {
        (.seq(items.map(\.spec)), ModelBuilder.sequence(items.map { ($0.spec, $0.layer) }, input: input, kind: nil))
    }

    /// Expands statements into a sequence, starting from `input`; returns the items and the output shape.
    mutating func expandSequence(_ statements: [Statement], env: [String: Value], input: FeatureShape) throws -> ([Item], FeatureShape) {
        var items: [Item] = []
        var shape = input
        for s in statements {
            let produced = try expandStatement(s, env: env, input: shape, previous: items.last)
            for p in produced {
                shape = p.layer.outputShape
                items.append(p)
            }
        }
        return (items, shape)
    }

    /// A layer that does not fit its input, reported at its line with where the input came from.
    func misfit(_ message: String, at token: Token, input: FeatureShape, previous: Item?) -> LanguageError {
        var m = message
        if let previous { m += tr(" (its input \(input) comes from \(previous.typeName) at line \(previous.token.location.line))") }
        return LanguageError(.value, at: token, Phrase(verbatim: m))
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
            return [try expandLayer(nameToken, args, env: env, input: input, previous: previous)]
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
                    try ExpansionGuard.countPass(at: b.keyword)
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
                let bodyLayer = sequence(body, input: input)
                let shortcutLayer = shortcut.isEmpty ? nil : sequence(shortcut, input: input)
                do {
                    let layer = try ModelBuilder.residual(body: bodyLayer, shortcut: shortcutLayer, kind: nil)
                    return [Item(spec: spec, layer: layer, token: b.keyword, typeName: "residual")]
                } catch let e as ShapeError {
                    throw misfit(e.message, at: b.keyword, input: input, previous: previous)
                }
            case "concat":
                let clean = env.filter { !$0.key.hasPrefix("in_") }
                var branches: [(spec: ModelSpec, layer: Layer)] = []
                for section in b.sections where !(section.label == nil && section.body.isEmpty) {
                    let items = try expandSequence(section.body, env: clean, input: input).0
                    branches.append((.seq(items.map(\.spec)), sequence(items, input: input)))
                }
                guard !branches.isEmpty else { throw LanguageError(.syntax, at: b.keyword, "concat needs at least one `branch`") }
                do {
                    let layer = try ModelBuilder.concat(branches, input: input, kind: nil)
                    return [Item(spec: .concat(branches.map(\.spec), name: nil, kind: nil), layer: layer, token: b.keyword, typeName: "concat")]
                } catch let e as ShapeError {
                    throw misfit(e.message, at: b.keyword, input: input, previous: previous)
                }
            case "dense":
                let clean = env.filter { !$0.key.hasPrefix("in_") }
                let (body, _) = try expandSequence(b.sections[0].body, env: clean, input: input)
                let new = ModelSpec.seq(body.map(\.spec), name: "new"), identity = ModelSpec.layer("identity", name: "input")
                do {
                    let passThrough = try registry.plugin(named: "identity")!.build(Arguments(), input: input)
                    let layer = try ModelBuilder.concat([(new, sequence(body, input: input)), (identity, passThrough)], input: input, kind: "dense")
                    return [Item(spec: .concat([new, identity], name: nil, kind: "dense"), layer: layer, token: b.keyword, typeName: "dense")]
                } catch let e as ShapeError {
                    throw misfit(e.message, at: b.keyword, input: input, previous: previous)
                }
            default:
                throw LanguageError(.syntax, at: b.keyword, "`\(kw)` is not a block kind")
            }
        }
    }

    /// Items one after another as one layer (a residual body, a branch, a block's body).
    func sequence(_ items: [Item], input: FeatureShape, kind: String? = nil) -> Sequence {
        ModelBuilder.sequence(items.map { ($0.spec, $0.layer) }, input: input, kind: kind)
    }

    /// What a layer line names and its arguments, bound but not built.
    enum BoundLayer {
        case plugin(LayerPlugin, Arguments, given: [String: ParameterValue])
        case block(Definition, [String: Value])
    }

    /// The layer type a line names (a variable such as `act` may hold it), its `name=`, and the
    /// other arguments bound against the plugin's or block's parameters: every argument error,
    /// located, without building anything.
    func bind(_ nameToken: Token, _ args: [Argument], env: [String: Value]) throws -> (BoundLayer, type: String, name: String?) {
        var type = nameToken.word ?? ""
        if case .word(let w)? = env[type] { type = w }
        var givenName: String?
        var rest: [Argument] = []
        for a in args {
            if case .option(let n, let v) = a, n.word == "name" {
                // A bare word or a string, as names are written everywhere in the language.
                guard case .word(let s)? = try Evaluator.evaluate(v, env).asName, !s.isEmpty, !s.contains(".") else {
                    throw LanguageError(.type, at: v.firstToken, "name= takes a name without dots, such as name=stem")
                }
                givenName = s
            } else {
                rest.append(a)
            }
        }
        if let def = definitions[type] {
            return (.block(def, try bindDefinition(def, rest, at: nameToken, env: env)), def.name, givenName)
        }
        guard let plugin = registry.plugin(named: type) else {
            let known = registry.allNames + Array(definitions.keys)
            throw LanguageError(.name, at: nameToken, "unknown layer `\(type)`\(Suggest.hint(for: type, in: known))")
        }
        let (given, tokens) = try CommandBinder.evaluate(rest, env: env)
        let bound: Arguments
        do { bound = try plugin.bind(given, otherNames: ["name"]) } catch let e as BindingError {
            throw CommandBinder.located(e, tokens: tokens, arguments: rest, end: nameToken)
        }
        var byName: [String: ParameterValue] = [:]
        for (p, _) in bound.given { byName[p] = bound.values[p] }
        return (.plugin(plugin, bound, given: byName), plugin.name, givenName)
    }

    /// Checks a layer line's arguments (gradcheck's, before its cell runs).
    func checkArguments(_ nameToken: Token, _ args: [Argument], env: [String: Value]) throws {
        _ = try bind(nameToken, args, env: env)
    }

    /// A layer line: a plugin, a user-defined block, or a variable holding a layer name (`act`).
    mutating func expandLayer(_ nameToken: Token, _ args: [Argument], env: [String: Value], input: FeatureShape, previous: Item? = nil) throws -> Item {
        let (bound, type, givenName) = try bind(nameToken, args, env: env)
        switch bound {
        case .block(let def, let values):
            guard depth < 32 else { throw LanguageError(.value, at: nameToken, "blocks nested more than 32 deep (does `\(type)` use itself?)") }
            depth += 1
            defer { depth -= 1 }
            let (items, _) = try expandSequence(def.body, env: values, input: input)
            return Item(spec: .seq(items.map(\.spec), name: givenName, kind: def.name), layer: sequence(items, input: input, kind: def.name),
                        token: nameToken, typeName: def.name)
        case .plugin(let plugin, let arguments, let given):
            try ExpansionGuard.countLayer(at: nameToken)
            let layer: Layer
            do { layer = try plugin.build(arguments, input: input) } catch let e as ShapeError {
                throw misfit(e.message, at: nameToken, input: input, previous: previous)
            }
            return Item(spec: .layer(type: plugin.name, arguments: given, name: givenName), layer: layer, token: nameToken, typeName: plugin.name)
        }
    }

    /// Binds a block's parameters with the kernel's one binder (positional in order, then by
    /// name); a default is an expression that may use the parameters before it, so defaults are
    /// evaluated here, in order.
    func bindDefinition(_ def: Definition, _ args: [Argument], at token: Token, env: [String: Value]) throws -> [String: Value] {
        let (given, tokens) = try CommandBinder.evaluate(args, env: env)
        let bound: Arguments
        do { bound = try Binder.bind(def.parameterSpecs, of: def.name, given, synopsis: def.signature, otherNames: ["name"]) } catch let e as BindingError {
            throw CommandBinder.located(e, tokens: tokens, arguments: args, end: token)
        }
        return try def.values(bound)
    }
}
