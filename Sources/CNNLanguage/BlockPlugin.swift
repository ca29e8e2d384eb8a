import CNNCore
import CNNEngine

/// A `block` written in a cell, registered as a layer plugin for the rest of the session: it is
/// listed by `plugins`, documented by its leading comment, completable, and usable through the
/// plugin interface (e.g. by `gradcheck`). Parameter values that are lists travel as text.
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
        return first.isEmpty ? "A block defined in a cell: \(definition.signature)." : first
    }
    var doc: String { "block \(definition.signature)\n" + definition.doc }

    var parameters: [LayerParameter] {
        definition.parameters.enumerated().map { i, p in
            let def = p.defaultValue.flatMap { try? Evaluator.evaluate($0) }
            let kind: LayerValueKind
            let value: LayerValue?
            switch def {
            case .number(let d)?:
                kind = d == d.rounded() ? .int(min: nil, max: nil) : .float(min: nil, max: nil)
                value = d == d.rounded() ? .int(Int(d)) : .float(d)
            case .bool(let b)?:
                kind = .bool
                value = .bool(b)
            case let v?:
                kind = .name
                value = .text(v.literal)
            case nil:
                kind = .name
                value = nil
            }
            return LayerParameter(p.name.word!, kind, default: value, positional: true, "parameter \(i + 1) of the block")
        }
    }

    func build(_ arguments: LayerArguments, input: FeatureShape) throws -> Layer {
        var env: [String: Value] = [:]
        for p in definition.parameters {
            let n = p.name.word!
            switch arguments.values[n] {
            case .int(let i)?: env[n] = .number(Double(i))
            case .float(let d)?: env[n] = .number(d)
            case .bool(let b)?: env[n] = .bool(b)
            case .text(let s)?:
                if let e = Parser.expression(s), let v = try? Evaluator.evaluate(e) { env[n] = v } else { env[n] = .word(s) }
            case nil: break
            }
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
