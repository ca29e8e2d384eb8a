import CNNCore

/// `summary`: the table of a model's layers.
struct SummaryCommand: Command {
    static let model = Key<String>("model", .name, default: "", positional: true, "a model name (default: the current model)")
    let spec = CommandSpec(
        name: "summary", summary: "A table of the model's layers: name, type, output shape, parameters, multiply-adds.",
        parameters: [model.spec], examples: ["summary", "summary r"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.context.display(ModelSummary.bundle(try env.model(inv, Self.model), data: env.session.data))
    }
}
