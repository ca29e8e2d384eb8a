import CNNCore

/// `exit`: ends a console session.
struct ExitCommand: Command {
    static let keepKernel = Key<Bool>("keep_kernel", .bool, default: false, "leave the kernel running after the console exits")
    let spec = CommandSpec(
        name: "exit", summary: "Ends a jupyter console session (notebooks ignore it; the kernel keeps running there).",
        parameters: [keepKernel.spec], examples: ["exit"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.context.askExit(keepKernel: inv[Self.keepKernel])
    }
}
