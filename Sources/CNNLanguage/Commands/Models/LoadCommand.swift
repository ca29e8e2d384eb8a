import CNNCore
import CNNEngine
import JSONKit

/// `load`: a saved model, every shape checked, made current.
struct LoadCommand: Command {
    static let path = Key<String>("path", .path, positional: true, "file to read")
    static let name = Key<String>("as", .name, default: "", "name for the model (default: the name it was saved with)")
    let spec = CommandSpec(
        name: "load", summary: "Loads a saved model and makes it current; every shape is checked.",
        parameters: [path.spec, name.spec], examples: ["load \"net.ckpt\"", "load \"net.ckpt\" as=old"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let path = inv[Self.path]
        let contents: Checkpoint.Contents
        do { contents = try Checkpoint.load(path) } catch let e as DataError {
            throw LanguageError(.value, at: inv.token(Self.path), Phrase(verbatim: e.description))
        } catch let e as ModelBuildError {
            throw LanguageError(.value, at: inv.token(Self.path), "\(path): the saved architecture does not build here: \(e.description)")
        } catch {
            throw LanguageError(.value, at: inv.token(Self.path), "\(path): \(error)")
        }
        let given = inv[Self.name]
        let name = given.isEmpty ? (contents.extra["name"]?.stringValue ?? "loaded") : given
        let entry = ModelEntry(name: name, model: contents.model, source: contents.extra["source"]?.stringValue ?? "load \"\(path)\"")
        entry.optimizer = contents.optimizer
        entry.history = contents.history
        if let m = contents.extra["normalization"]?["mean"]?.arrayValue, let s = contents.extra["normalization"]?["std"]?.arrayValue {
            entry.normalization = Normalization(mean: m.map { Float($0.doubleValue ?? 0) }, std: s.map { Float($0.doubleValue ?? 1) })
        }
        entry.classNames = contents.extra["classes"]?.arrayValue?.compactMap(\.stringValue)
        env.session.add(entry)
        env.context.stream(.stdout, tr("loaded \(name) from \(path): \(contents.model.inputShape) → \(contents.model.root.outputShape), \(formatCount(contents.model.parameterCount)) parameters, \(contents.history.epochs.count) epochs of history\n"))
    }
}
