import CNNCore
import CNNEngine

/// A `block` written in a cell, registered as a layer plugin for the rest of the session: it is
/// listed by `plugins`, documented by its leading comment, completable, and usable through the
/// plugin interface (e.g. by `gradcheck`). Its values are the language's own.
final class BlockPlugin: LayerPlugin, @unchecked Sendable {
    let definition: Definition
    /// The session's blocks and layer types as they are when the block is built (weak: the
    /// session's registry holds this plugin).
    weak var session: Session?

    init(_ d: Definition, session: Session) {
        definition = d
        self.session = session
    }

    var name: String { definition.name }
    var summary: String {
        let first = definition.doc.split(separator: "\n").first.map(String.init) ?? ""
        return first.isEmpty ? tr("A block defined in a cell: \(definition.signature).") : translated(first)
    }
    var doc: String { "block \(definition.signature)\n" + translated(definition.doc) }

    var parameters: [ParameterSpec] { definition.parameterSpecs }

    /// Builds the block from values as the binder gave them (numbers, lists, names: the
    /// language's own values, no text parsed back).
    func build(_ arguments: Arguments, input: FeatureShape) throws -> Layer {
        let env: [String: Value]
        do { env = try definition.values(arguments) } catch let e as LanguageError {
            throw ShapeError("in block \(definition.name): \(e.message)")
        }
        guard let session else { throw ShapeError("block \(definition.name) belongs to a session that has ended") }
        var expander = ModelExpander(definitions: session.definitions, registry: session.layers)
        do {
            let (items, _) = try expander.expandSequence(definition.body, env: env, input: input)
            return expander.sequence(items, input: input, kind: definition.name)
        } catch let e as LanguageError {
            throw ShapeError("in block \(definition.name), line \(e.location.line) of its definition: \(e.message)")
        }
    }
}
