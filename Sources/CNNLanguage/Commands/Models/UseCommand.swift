import CNNCore

/// `use`: makes a model the current one.
struct UseCommand: Command {
    static let model = Key<String>("model", .name, positional: true, "a model name")
    let spec = CommandSpec(
        name: "use", summary: "Makes a model the current one (the one train, evaluate, summary … use by default).",
        parameters: [model.spec], examples: ["use net"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv, Self.model)
        env.session.current = entry.name
        env.context.stream(.stdout, tr("current model: \(entry.name)\n"))
    }
}
