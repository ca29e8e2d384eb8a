import CNNCore

/// `clear`: clears the cell's output.
struct ClearCommand: Command {
    static let wait = Key<Bool>("wait", .bool, default: false, "clear only when the next output arrives (no flicker)")
    let spec = CommandSpec(
        name: "clear", summary: "Clears the output of the cell so far.", parameters: [wait.spec], examples: ["clear", "clear wait=true"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.context.clearOutput(wait: inv[Self.wait])
    }
}
