import CNNCore

/// `warn`: values to standard error.
struct WarnCommand: Command {
    let spec = CommandSpec(
        name: "warn", summary: "Writes its values to standard error (shown in red by most frontends).",
        parameters: [ParameterSpec("values", .literal, variadic: true, "strings in double quotes, or numbers")],
        examples: ["warn \"learning rate looks high\""])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.context.stream(.stderr, inv.variadic.map(\.description).joined(separator: " ") + "\n", verbatim: true)
    }
}
