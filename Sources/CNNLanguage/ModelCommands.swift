import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel

/// Models and blocks: definitions, building, summaries, sources.
extension CNNInterpreter {
    /// The lines of `source` that a block occupies, and the comment lines right after its header.
    func sourceAndDoc(of b: Block, in source: String) -> (String, String) {
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

    func define(_ b: Block, source: String, origin: String) throws {
        let name = b.name!.word!
        if session.definitions[name] == nil, let p = session.layers.plugin(named: name), !(p is BlockPlugin) {
            throw LanguageError(.name, at: b.name!, "`\(name)` is already a layer (\(session.layers.origin(of: p.name) ?? "built-in")); choose another name")
        }
        if commands[name] != nil || Keywords.openers.contains(name) || Keywords.separators[name] != nil || name == "end" {
            throw LanguageError(.name, at: b.name!, "`\(name)` is a command name; choose another name for the block")
        }
        guard b.sections.count == 1 else { throw LanguageError(.syntax, at: b.sections[1].label!, "a block has one body") }
        let (text, doc) = sourceAndDoc(of: b, in: source)
        let def = Definition(name: name, parameters: b.parameters ?? [], body: b.sections[0].body, doc: doc, source: text, origin: origin)
        session.definitions[name] = def
        let plugin = BlockPlugin(def, session: session)
        try? session.layers.register(plugin, origin: origin, replacing: true)
        if session.layers.plugin(named: name) !== plugin {
            session.layers.unregister(name)
            try? session.layers.register(plugin, origin: origin)
        }
    }

    func runDefinition(_ b: Block, context: ExecutionContext) throws {
        let kw = b.keyword.word!
        if kw == "block" || (kw == "model" && b.parameters != nil) {
            try define(b, source: currentSource, origin: "block in cell \(session.cellCounter)")
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
        let (text, _) = sourceAndDoc(of: b, in: currentSource)
        let (spec, root) = ModelExpander.root(items, input: input)
        try finishModel(name: b.name!, spec: spec, root: root, input: input, source: text, at: b.end, context: context)
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
    func instantiate(name: Token, template: Token, arguments: [Argument], context: ExecutionContext) throws {
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
        let line = currentSource.split(separator: "\n", omittingEmptySubsequences: false)[max(0, name.location.line - 1)]
        try finishModel(name: name, spec: spec, root: root, input: input, source: String(line).trimmingCharacters(in: " "), at: template, context: context)
    }

    /// `root`: the layers the expander built for `spec` (nil: build them from `spec`).
    func finishModel(name: Token, spec: ModelSpec, root: Layer?, input: FeatureShape, source: String, at token: Token, context: ExecutionContext) throws {
        let model: Model
        do { model = try root.map { try Model(spec: spec, root: $0, input: input) } ?? Model(spec: spec, input: input) } catch let e as ModelBuildError {
            throw LanguageError(.value, at: token, e.description)
        }
        model.initialize(session.rng, scheme: .pytorch)
        let entry = ModelEntry(name: name.word!, model: model, source: source)
        session.add(entry)
        context.stream(.stdout, "model \(entry.name): \(input) → \(model.root.outputShape), \(formatCount(model.parameterCount)) parameters\n")
    }

    func runShowSource(_ inv: Invocation, context: ExecutionContext) throws {
        let name = inv.text("name") ?? ""
        guard !name.isEmpty else { throw LanguageError(.type, at: inv.nameToken, "show source needs a name, as in `show source resnet`") }
        if let d = session.definitions[name] {
            context.display(MimeBundle(data: ["text/plain": .string(d.source + "\n")]))
        } else if let m = session.models[name] {
            context.display(MimeBundle(data: ["text/plain": .string(m.source + "\n")]))
        } else if let p = session.layers.plugin(named: name) {
            throw LanguageError(.value, at: inv.token("name"), "`\(p.name)` is a compiled layer (\(session.layers.origin(of: p.name) ?? "built-in")); `help \(p.name)` documents it")
        } else {
            throw LanguageError(.name, at: inv.token("name"), "nothing named `\(name)`\(Suggest.hint(for: name, in: Array(session.definitions.keys) + session.modelOrder))")
        }
    }

    // MARK: summary

    struct SummaryRow {
        var name: String
        var depth: Int
        var type: String
        var output: String
        var params: Int
        var macs: Int
        var detail: String
        var milliseconds: Double?
        var receptiveField: Int?
    }

    /// Rows with the measured forward time per layer (a batch of 32, evaluation mode) and the
    /// receptive field of each layer's outputs in input pixels.
    func summaryRows(_ model: Model, timed: Bool = true) -> [SummaryRow] {
        let batch = 32
        var times: [ObjectIdentifier: Double] = [:]
        if timed {
            let x: Tensor
            if let d = session.data, d.shape == model.inputShape, d.split.train.count >= batch {
                x = Batches.make(d.split.train, indices: Array(0..<batch)[...], normalization: d.split.normalization).0
            } else {
                x = Tensor(batch: batch, shape: model.inputShape)
                let rng = RandomSource(seed: 1)
                for i in 0..<x.count { x.data[i] = Float(rng.normal()) }
            }
            times = model.layerTimes(x, repeats: 2)
        }
        let fields = model.receptiveFields()
        return model.allLayers().map { name, layer, depth in
            let short = String(name.split(separator: ".").last ?? "")
            var rf: Int?
            if case .image = layer.outputShape { rf = fields[ObjectIdentifier(layer)]?.field }
            return SummaryRow(name: short, depth: depth, type: layer.typeName, output: layer.outputShape.withBatch(-1).replacingOccurrences(of: "(-1, ", with: "(N, "),
                              params: layer.parameterCount, macs: layer.totalMultiplyAdds, detail: layer.detail,
                              milliseconds: times[ObjectIdentifier(layer)].map { $0 * 1000 / Double(batch) }, receptiveField: rf)
        }
    }

    func runSummary(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        context.display(summaryBundle(entry))
    }

    /// `timed: false` skips the forward passes that measure time (inspection must answer at once).
    func summaryBundle(_ entry: ModelEntry, timed: Bool = true) -> MimeBundle {
        let m = entry.model
        let rows = summaryRows(m, timed: timed)
        var table: [[String]] = [["layer", "type", "output shape", "parameters", "multiply-adds", "ms/image", "receptive field"]]
        func ms(_ v: Double?) -> String { v.map { fixed($0, 3) } ?? "" }
        for r in rows {
            let label = String(repeating: "  ", count: r.depth) + r.name
            let type = r.detail.isEmpty ? r.type : "\(r.type) (\(r.detail))"
            table.append([label, type, r.output, formatCount(r.params), formatCount(r.macs), ms(r.milliseconds), r.receptiveField.map { "\($0)×\($0)" } ?? ""])
        }
        let totalMs = rows.filter { $0.depth == 0 }.compactMap(\.milliseconds).reduce(0, +)
        table.append(["total", "", m.inputShape.withBatch(-1).replacingOccurrences(of: "(-1, ", with: "input (N, "), formatCount(m.parameterCount), formatCount(m.root.totalMultiplyAdds), fixed(totalMs, 3), ""])
        let widths = (0..<7).map { c in table.map { $0[c].count }.max()! }
        var text = "model \(entry.name) (forward time measured on a batch of 32 in evaluation mode; receptive field in input pixels)\n"
        for (i, row) in table.enumerated() {
            let cells = row.enumerated().map { c, s in
                c >= 3 && c <= 5 ? String(repeating: " ", count: widths[c] - s.count) + s : s + String(repeating: " ", count: widths[c] - s.count)
            }
            text += cells.joined(separator: "  ").droppingTrailingSpaces() + "\n"
            if i == 0 || i == table.count - 2 { text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        var html = "<table class=\"cnn-summary\"><caption style=\"text-align:left\"><b>model \(escape(entry.name))</b>: input \(escape(m.inputShape.description))</caption>"
        html += "<thead><tr><th style=\"text-align:left\">layer</th><th style=\"text-align:left\">type</th><th style=\"text-align:left\">output shape</th><th>parameters</th><th>multiply-adds</th><th>ms/image</th><th>receptive field</th></tr></thead><tbody>"
        for r in rows {
            let pad = r.depth * 16
            let weight = r.depth == 0 ? "font-weight:600;" : ""
            html += "<tr><td style=\"text-align:left;padding-left:\(pad + 4)px;\(weight)\">\(escape(r.name))</td><td style=\"text-align:left\">\(escape(r.type))"
            if !r.detail.isEmpty { html += " <span style=\"color:#777\">\(escape(r.detail))</span>" }
            html += "</td><td style=\"text-align:left\">\(escape(r.output))</td><td>\(formatCount(r.params))</td><td>\(formatCount(r.macs))</td><td>\(ms(r.milliseconds))</td><td>\(r.receptiveField.map { "\($0)×\($0)" } ?? "")</td></tr>"
        }
        html += "</tbody><tfoot><tr><th style=\"text-align:left\">total</th><th></th><th></th><th>\(formatCount(m.parameterCount))</th><th>\(formatCount(m.root.totalMultiplyAdds))</th><th>\(fixed(totalMs, 3))</th><th></th></tr></tfoot></table>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }
}

func formatCount(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, ch) in s.reversed().enumerated() {
        if i > 0 && i % 3 == 0 && ch != "-" { out.append(",") }
        out.append(ch)
    }
    return String(out.reversed())
}

func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(ch)
        }
    }
    return out
}

extension String {
    /// Without the padding after a table's last column (the indentation of nested rows stays).
    func droppingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty, count >= target.count else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}
