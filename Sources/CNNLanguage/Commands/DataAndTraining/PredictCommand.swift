import CNNCore
import CNNEngine
import JupyterKernel

/// `predict`: one image's class probabilities beside its true label. Its JSON form also gives the
/// logits, exactly as the engine computed them (what other runtimes' results are compared with).
struct PredictCommand: Command {
    static let index = Key<Int>("index", .integer(min: 0, max: 10_000_000), default: 0, "which image")
    let spec = CommandSpec(
        name: "predict", summary: "The model's prediction for one image: its class probabilities beside the true label.",
        parameters: [index.spec, Common.split.spec, Common.model.spec], examples: ["predict index=7"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let (entry, data, set, i, x) = try env.modelAndImage(inv, Self.index)
        let logits = entry.model.forward(x, context: entry.model.context(training: false, rng: RandomSource(seed: 0)))
        let p = SoftmaxCrossEntropy.softmax(logits.values)
        let order = p.indices.sorted { p[$0] > p[$1] }
        let names = data.classNames
        let truth = Int(set.labels[i])
        var text = tr("image \(i) (\(shownSplit(inv[Common.split]))): true class \(names[truth]); predicted \(names[order[0]]) (\(percent(p[order[0]])))\(order[0] == truth ? " ✓" : " ✗")\n")
        for k in order.prefix(3) { text += "  \(names[k])\(String(repeating: " ", count: max(1, 14 - names[k].count)))\(percent(p[k]))\n" }
        env.context.result(MimeBundle(data: ["text/plain": .string(text), "application/json": ["index": .int(i), "label": .int(truth), "prediction": .int(order[0]), "probabilities": .array(p.map { .number($0) }), "logits": .array(logits.values.map { .number(Double($0)) })]]))
    }
}
