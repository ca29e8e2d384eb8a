import CNNCore
import CNNEngine
import JupyterKernel

/// `gradcheck`: a layer's backward pass against finite differences. The layer's own values and
/// options follow its name; they are checked with the rest of the cell, before anything runs.
struct GradcheckCommand: Command {
    static let layer = Key<String>("layer", .name, positional: true, "a layer type (plugin or block)")
    static let input = Key<[Int]>("input", .integerList(min: 1, max: 4096), default: [3, 8, 8], "input shape (C, H, W), or [F] for flat features")
    static let batch = Key<Int>("batch", .integer(min: 1, max: 64), default: 2, "samples in the test batch")
    let spec = CommandSpec(
        name: "gradcheck", summary: "Checks a layer's backward pass against finite differences, for the input and every parameter.",
        doc: "For L = Σ y·r with random r, compares backward's gradients with (L(v + ε) − L(v − ε)) / 2ε. Layer values and options follow the layer name.",
        parameters: [layer.spec, input.spec, batch.spec],
        examples: ["gradcheck conv 4 kernel=3 stride=2", "gradcheck linear 5 input=[12]"],
        passesOptionsToLayer: "layer")

    func check(_ inv: Invocation, in session: Session, cellBlocks: Set<String>) throws {
        _ = try Self.inputShape(inv)
        let name = inv[Self.layer]
        // A block the same cell defines first is checked when the line runs.
        if session.definitions[name] == nil && session.layers.plugin(named: name) == nil && cellBlocks.contains(name) { return }
        let expander = ModelExpander(definitions: session.definitions, registry: session.layers)
        try expander.checkArguments(inv.token(Self.layer), inv.layerArguments, env: [:])
    }

    static func inputShape(_ inv: Invocation) throws -> FeatureShape {
        let dims = inv[input]
        switch dims.count {
        case 3: return .image(c: dims[0], h: dims[1], w: dims[2])
        case 1: return .flat(dims[0])
        default: throw LanguageError(.type, at: inv.token(input), "input is [C, H, W] (or [F] for flat features), in positive whole numbers")
        }
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let session = env.session
        let layerName = inv[Self.layer], layerToken = inv.token(Self.layer)
        let input = try Self.inputShape(inv), batch = inv[Self.batch]
        var expander = ModelExpander(definitions: session.definitions, registry: session.layers)
        let layer = try expander.expandLayer(layerToken, inv.layerArguments, env: [:], input: input).layer
        layer.initializeAll(RandomSource(seed: 3), scheme: .pytorch)
        let rng = RandomSource(seed: 9)
        let x = Tensor(batch: batch, shape: input)
        for i in 0..<x.count {
            let m = Float(rng.uniform(0.1, 1.0))
            x.data[i] = rng.uniform() < 0.5 ? -m : m
        }
        let entries = GradientCheck.run(layer: layer, input: x)
        var rows: [[String]] = [["tensor", "values", "max abs error", "max rel error", "result"]]
        for e in entries {
            rows.append([e.tensor, "\(e.checked)", sci(e.maxAbsoluteError), sci(e.maxRelativeError), e.passed ? "ok" : "FAILED (analytic \(sci(e.worstAnalytic)), numeric \(sci(e.worstNumeric)))"])
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max()! }
        var text = "gradcheck \(layerName) on input \(input.withBatch(batch)), ε = 0.01, float32\n"
        for r in rows { text += (0..<5).map { r[$0].padding(widths[$0]) }.joined(separator: "  ").droppingTrailingSpaces() + "\n" }
        let passed = entries.allSatisfy(\.passed)
        let kinks = entries.reduce(0) { $0 + $1.kinks }
        let kinkNote = kinks == 0 ? "" : "\(kinks) of the values sat at a kink (a ReLU or max switched within ±ε): each was measured again from its smooth side and with smaller steps\n"
        text += kinkNote
        text += passed ? "all gradients agree\n" : "some gradients disagree\n"
        var html = "<p>gradcheck <code>\(escape(layerName))</code> on input \(escape(input.withBatch(batch))), ε = 0.01</p><table><thead><tr>" + rows[0].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows.dropFirst() { html += "<tr>" + r.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
        html += "</tbody></table>" + (kinkNote.isEmpty ? "" : "<p>\(escape(kinkNote))</p>")
        env.context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }
}
