import CNNCore
import Rendering
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

    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        _ = try Self.inputShape(inv)
        let name = inv[Self.layer]
        // A block the same cell (re)defines first, or a layer a plugin it loads first may add, is
        // checked when the line runs, against what is defined then.
        if earlier.blocks.contains(name) { return }
        if session.layers.plugin(named: name) == nil && earlier.loadPlugins { return }
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
        var table = Table(title: tr("gradcheck \(layerName) on input \(input.withBatch(batch)), ε = 0.01, float32"),
                          [.init(tr("tensor")), .init(tr("values checked"), .right), .init(tr("of"), .right), .init(tr("max abs error"), .right), .init(tr("max rel error"), .right), .init(tr("result"))])
        for e in entries {
            table.add([e.tensor, "\(e.checked)", formatCount(e.size), sci(e.maxAbsoluteError), sci(e.maxRelativeError),
                       e.passed ? tr("ok") : tr("FAILED (analytic \(sci(e.worstAnalytic)), numeric \(sci(e.worstNumeric)))")])
        }
        let kinks = entries.reduce(0) { $0 + $1.kinks }
        if kinks > 0 {
            table.notes.append(tr("\(kinks) of the values sat at a kink (a ReLU or max switched within ±ε): each was measured again from its smooth side and with smaller steps"))
        }
        if entries.contains(where: { $0.checked < $0.size }) {
            table.notes.append(tr("a tensor with more values than that is checked at a random sample of them"))
        }
        table.notes.append(entries.allSatisfy(\.passed) ? tr("all gradients agree") : tr("some gradients disagree"))
        env.context.display(table.bundle)
    }
}
