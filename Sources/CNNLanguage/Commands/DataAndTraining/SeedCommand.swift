import CNNCore

/// `seed`: seeds the session's random source.
struct SeedCommand: Command {
    static let value = Key<Int>("value", .integer(min: 0, max: Int(Int32.max)), positional: true, "the seed")
    let spec = CommandSpec(
        name: "seed", summary: "Seeds the session's random source: the same seed and thread count give the same run, bit for bit.",
        parameters: [value.spec], examples: ["seed 42"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        env.session.seed = UInt64(inv[Self.value])
        env.session.rng = RandomSource(seed: env.session.seed)
    }
}
