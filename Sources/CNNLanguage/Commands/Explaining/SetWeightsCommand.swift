import CNNCore

/// `setweights`: a layer's weights (and bias) set by hand.
struct SetWeightsCommand: Command {
    static let layer = Key<String>("layer", .name, "the layer (conv1, linear1, …)")
    static let values = Key<[Double]>("values", .numberList, "the weights, flat")
    static let bias = Key<[Double]>("bias", .numberList, default: [], "the biases (default: leave them)")
    let spec = CommandSpec(
        name: "setweights", summary: "Sets a layer's weights (and bias) by hand, to see what a chosen kernel does.",
        doc: "values= lists every weight in the conventional order: for a convolution (out, in, kh, kw), for a linear layer (out, in).",
        parameters: [layer.spec, values.spec, bias.spec, Common.model.spec],
        examples: ["setweights layer=conv1 values=[-1, 0, 1, -2, 0, 2, -1, 0, 1] bias=[0]"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv)
        let (name, layer) = try env.layerNamed(entry, inv, Self.layer)
        guard let w = layer.parameters.first else { throw LanguageError(.value, at: inv.token(Self.layer), "\(name) has no weights") }
        let values = inv[Self.values].map { Float($0) }
        guard values.count == w.count else {
            throw LanguageError(.value, at: inv.token(Self.values), "\(name).\(w.name) has shape \(w.shape) = \(w.count) values; \(values.count) given")
        }
        guard values.allSatisfy(\.isFinite) else {
            throw LanguageError(.value, at: inv.token(Self.values), "the weights must be finite float32 numbers (|w| < 3.4e38)")
        }
        w.setValues(inShapeOrder: values)
        let bias = inv[Self.bias].map { Float($0) }
        if !bias.isEmpty {
            guard layer.parameters.count > 1, layer.parameters[1].count == bias.count, bias.allSatisfy(\.isFinite) else {
                throw LanguageError(.value, at: inv.token(Self.bias), layer.parameters.count > 1
                    ? "\(name) has \(layer.parameters[1].count) biases; \(bias.count) given" : "\(name) has no bias; \(bias.count) given")
            }
            layer.parameters[1].setValues(inShapeOrder: bias)
        }
        env.context.stream(.stdout, bias.isEmpty ? tr("set \(name).\(w.name) \(w.shape)\n") : tr("set \(name).\(w.name) \(w.shape) and its bias\n"))
    }
}
