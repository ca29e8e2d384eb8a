import CNNCore

/// `print`: values to standard output.
struct PrintCommand: Command {
    static let values = ParameterSpec("values", .literal, variadic: true, "strings in double quotes, or numbers and arithmetic")
    let spec = CommandSpec(
        name: "print", summary: "Writes its values to standard output, separated by spaces.",
        parameters: [values], examples: ["print \"hello, world\"", "print \"two times three is\" 2 * 3"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.context.stream(.stdout, inv.variadic.map(\.description).joined(separator: " ") + "\n", verbatim: true)
    }
}
