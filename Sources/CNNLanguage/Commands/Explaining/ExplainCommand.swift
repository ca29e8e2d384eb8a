import CNNCore
import JupyterKernel

/// What `explain` can explain: a file in Explanations/, listed in `Explanations.all`.
protocol Explanation: Sendable {
    /// The words after `explain` it answers to.
    var names: [String] { get }
    /// Its lines in `explain`'s documentation.
    var usage: String { get }
    func explain(_ inv: Invocation, in env: CommandEnvironment) throws
}

enum Explanations {
    static let all: [Explanation] = [LayerArithmetic(), ClassifierArithmetic(), BackpropExplanation(), ByHandExplanation(), ShapesExplanation()]
    static let byName: [String: Explanation] = Dictionary(uniqueKeysWithValues: all.flatMap { e in e.names.map { ($0, e) } })
    static let names: [String] = all.flatMap(\.names)
}

/// `explain WHAT`: the arithmetic of a layer on the learner's own model and data.
struct ExplainCommand: Command {
    static let what = Key<String>("what", .choice(Explanations.names), positional: true, "what to explain")
    static let channel = Key<Int>("channel", .integer(min: 0, max: 65_535), default: 0, "which output channel")
    static let at = Key<[Int]>("at", .integerList(min: -1, max: 100_000), default: [-1, -1], "output position [y, x] (default: the centre)")
    let spec = CommandSpec(
        name: "explain", summary: "Shows the arithmetic of a layer on your own model and data, with the real numbers.",
        doc: Explanations.all.map(\.usage).joined(separator: "\n"),
        parameters: [what.spec, Common.layer.spec, Common.image.spec, channel.spec, at.spec, Common.split.spec, Common.model.spec],
        examples: ["explain conv layer=conv1 image=0 channel=3 at=[10, 12]", "explain pool", "explain linear channel=3", "explain softmax image=7", "explain batchnorm", "explain dropout", "explain backprop layer=conv2", "explain byhand image=1", "explain shapes"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        guard let e = Explanations.byName[inv[Self.what]] else { preconditionFailure("the binder admits only the explanations' names") }
        try e.explain(inv, in: env)
    }
}
