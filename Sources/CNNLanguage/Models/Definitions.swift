import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel

/// Model and block definitions: `model NAME … end`, `block NAME(…) … end` and `model NAME = TEMPLATE`.
/// The lines of a cell that are not commands; the interpreter runs them through here.
extension CommandEnvironment {
    /// The lines of `source` that a block occupies, and the comment lines right after its header.
    static func sourceAndDoc(of b: Block, in source: String) -> (String, String) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lo = max(0, b.firstLine - 1), hi = min(lines.count, b.lastLine)
        let text = lines[lo..<hi]
        let indent = text.first.map { $0.prefix(while: { $0 == " " }).count } ?? 0
        let body = text.map { String($0.dropFirst(min(indent, $0.prefix(while: { $0 == " " }).count))) }.joined(separator: "\n")
        var doc: [String] = []
        for l in text.dropFirst() {
            let t = l.trimmingCharacters(in: " ")
            guard t.hasPrefix("#") else { break }
            doc.append(String(t.dropFirst()).trimmingCharacters(in: " "))
        }
        return (body, doc.joined(separator: "\n"))
    }

    func define(_ b: Block, origin: String) throws {
        try session.define(b, source: source, origin: origin, reserved: interpreter.isReserved)
    }

    func runDefinition(_ b: Block) throws {
        let kw = b.keyword.word!
        if kw == "block" || (kw == "model" && b.parameters != nil) {
            try define(b, origin: "block in cell \(session.cellCounter)")
            return
        }
        // model NAME [input=[C,H,W]] … end
        guard b.sections.count == 1 else { throw LanguageError(.syntax, at: b.sections[1].label!, "a model has one body") }
        var input = session.defaultInput
        for a in b.arguments {
            guard case .option(let n, let e) = a, n.word == "input" else {
                throw LanguageError(.name, at: argumentToken(a), "a model line takes only input=[C, H, W]")
            }
            input = try inputShape(e)
        }
        var expander = ModelExpander(definitions: session.definitions, registry: session.layers)
        let (items, _) = try expander.expandSequence(b.sections[0].body, env: [:], input: input)
        guard !items.isEmpty else { throw LanguageError(.value, at: b.keyword, "model \(b.name!.word!) has no layers") }
        let (text, _) = Self.sourceAndDoc(of: b, in: source)
        let (spec, root) = ModelExpander.root(items, input: input)
        try finishModel(name: b.name!, spec: spec, root: root, input: input, source: text, at: b.end)
    }

    func argumentToken(_ a: Argument) -> Token {
        switch a {
        case .positional(let e): return e.firstToken
        case .option(let n, _): return n
        }
    }

    func inputShape(_ e: Expr) throws -> FeatureShape {
        let v = try Evaluator.evaluate(e)
        let dims = v.listItems?.compactMap { x -> Int? in if case .number(let d) = x, d == d.rounded(), d >= 1, d <= 4096 { return Int(d) }; return nil } ?? []
        switch (dims.count, v.listItems?.count) {
        case (3, 3): return .image(c: dims[0], h: dims[1], w: dims[2])
        case (1, 1): return .flat(dims[0])
        default: throw LanguageError(.type, at: e.firstToken, "input is [C, H, W] (or [F] for flat features), in positive whole numbers")
        }
    }

    /// model NAME = TEMPLATE args…
    func instantiate(name: Token, template: Token, arguments: [Argument]) throws {
        var input = session.defaultInput
        var rest: [Argument] = []
        for a in arguments {
            if case .option(let n, let e) = a, n.word == "input" { input = try inputShape(e) } else { rest.append(a) }
        }
        let t = template.word!
        var expander = ModelExpander(definitions: session.definitions, registry: session.layers)
        var spec: ModelSpec
        var root: Layer?
        if session.definitions[t] != nil || session.layers.plugin(named: t) != nil {
            let item = try expander.expandLayer(template, rest, env: [:], input: input)
            (spec, root) = (item.spec, item.layer)
            // A zoo model or block becomes the model's top-level sequence (its layers are the model's rows).
            if case .sequence(let items, nil, _) = item.spec, let s = item.layer as? Sequence {
                spec = .seq(items)
                root = Sequence(s.items, input: input)
            }
        } else if let existing = session.models[t] {
            guard rest.isEmpty else { throw LanguageError(.type, at: template, "copying model \(t) takes no options") }
            spec = existing.model.spec  // built afresh below: a copy has weights of its own
        } else {
            let known = Array(session.definitions.keys) + session.modelOrder
            throw LanguageError(.name, at: template, "no model or block named `\(t)`\(Suggest.hint(for: t, in: known))")
        }
        let line = source.split(separator: "\n", omittingEmptySubsequences: false)[max(0, name.location.line - 1)]
        try finishModel(name: name, spec: spec, root: root, input: input, source: String(line).trimmingCharacters(in: " "), at: template)
    }

    /// `root`: the layers the expander built for `spec` (nil: build them from `spec`).
    func finishModel(name: Token, spec: ModelSpec, root: Layer?, input: FeatureShape, source text: String, at token: Token) throws {
        let model: Model
        do { model = try root.map { try Model(spec: spec, root: $0, input: input) } ?? Model(spec: spec, input: input) } catch let e as ModelBuildError {
            throw LanguageError(.value, at: token, Phrase(verbatim: e.description))
        }
        model.initialize(session.rng, scheme: .pytorch)
        let entry = ModelEntry(name: name.word!, model: model, source: text)
        session.add(entry)
        context.stream(.stdout, tr("model \(entry.name): \(input) → \(model.root.outputShape), \(formatCount(model.parameterCount)) parameters\n"))
    }
}

extension Session {
    /// Defines a block (a zoo model is one too) for the rest of the session; `reserved` names
    /// may not be used (commands, keywords).
    func define(_ b: Block, source: String, origin: String, reserved: (String) -> Bool) throws {
        let name = b.name!.word!
        if definitions[name] == nil, let p = layers.plugin(named: name), !(p is BlockPlugin) {
            throw LanguageError(.name, at: b.name!, "`\(name)` is already a layer (\(layers.origin(of: p.name).map(translated) ?? tr("built-in"))); choose another name")
        }
        if reserved(name) {
            throw LanguageError(.name, at: b.name!, "`\(name)` is a command name; choose another name for the block")
        }
        guard b.sections.count == 1 else { throw LanguageError(.syntax, at: b.sections[1].label!, "a block has one body") }
        let (text, doc) = CommandEnvironment.sourceAndDoc(of: b, in: source)
        let def = Definition(name: name, parameters: b.parameters ?? [], body: b.sections[0].body, doc: doc, source: text, origin: origin)
        // Replacing the session's own block of that name; a name the process's registry holds
        // (a plugin library loaded since the block was first defined) is refused here.
        do { try layers.register(BlockPlugin(def, session: self), origin: origin, replacing: true) } catch {
            throw LanguageError(.name, at: b.name!, "`\(name)` cannot be defined: \(error)")
        }
        definitions[name] = def
    }
}
