import CNNCore
import CNNEngine
import JSONKit

/// `save`: a model with its weights, optimiser state and history, to a safetensors file.
struct SaveCommand: Command {
    static let path = Key<String>("path", .path, positional: true, "file to write")
    let spec = CommandSpec(
        name: "save", summary: "Saves a model with its weights, optimiser state and history (safetensors, written atomically).",
        parameters: [path.spec, Common.model.spec], examples: ["save \"net.ckpt\""])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv)
        let path = inv[Self.path]
        var extra: JSON = ["name": .string(entry.name), "source": .string(entry.source)]
        if let n = entry.normalization { extra["normalization"] = ["mean": .array(n.mean.map { .number(Double($0)) }), "std": .array(n.std.map { .number(Double($0)) })] }
        if let c = entry.classNames { extra["classes"] = .array(c.map { .string($0) }) }
        do { try Checkpoint.save(path, model: entry.model, optimizer: entry.optimizer, history: entry.history, extra: extra) } catch let e as DataError {
            throw LanguageError(.value, at: inv.token(Self.path), Phrase(verbatim: e.description))
        }
        env.context.stream(.stdout, tr("saved \(entry.name) to \(path)\n"))
    }
}
