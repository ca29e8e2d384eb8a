import CNNCore
import JupyterKernel

/// `sleep`: waits, interruptibly.
struct SleepCommand: Command {
    static let seconds = Key<Double>("seconds", .number(min: 0, max: 86_400), positional: true, "how long to wait")
    let spec = CommandSpec(
        name: "sleep", summary: "Waits the given number of seconds. An interrupt ends the wait at once.",
        parameters: [seconds.spec], examples: ["sleep 0.5"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        if !env.context.token.sleep(seconds: inv[Self.seconds]) { throw ExecutionInterrupted() }
    }
}
