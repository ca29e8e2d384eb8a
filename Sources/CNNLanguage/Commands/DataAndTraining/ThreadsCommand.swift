import CNNCore

/// `threads`: how many threads the engine uses.
struct ThreadsCommand: Command {
    static let count = Key<Int>("count", .integer(min: 1, max: 256), positional: true, "number of threads")
    let spec = CommandSpec(
        name: "threads", summary: "Sets how many threads the engine uses (default: all cores).", parameters: [count.spec], examples: ["threads 2"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        Parallel.threads = inv[Self.count]
    }
}
