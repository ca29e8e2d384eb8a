import CNNCore
import JSONKit

/// The architecture of a model as data: layers from plugins, sequences, parallel branches
/// concatenated on channels, and residual sums. Built into layers for a given input shape
/// (checking every shape before any data flows), and saved as JSON in checkpoints.
public indirect enum ModelSpec: Equatable, Sendable {
    /// A layer from the registry, with its arguments (names as declared by the plugin).
    case layer(type: String, arguments: [String: ParameterValue], name: String?)
    /// Layers one after another. `kind` names user-defined blocks in summaries ("resblock").
    case sequence([ModelSpec], name: String?, kind: String?)
    /// The same input through every branch; outputs concatenated on channels in branch order.
    case concat([ModelSpec], name: String?, kind: String?)
    /// body(x) + shortcut(x); no shortcut means the identity.
    case residual(body: ModelSpec, shortcut: ModelSpec?, name: String?, kind: String?)

    public static func layer(_ type: String, _ args: [String: ParameterValue] = [:], name: String? = nil) -> ModelSpec {
        .layer(type: type, arguments: args, name: name)
    }
    public static func seq(_ items: [ModelSpec], name: String? = nil, kind: String? = nil) -> ModelSpec {
        .sequence(items, name: name, kind: kind)
    }

    var givenName: String? {
        switch self {
        case .layer(_, _, let n), .sequence(_, let n, _), .concat(_, let n, _), .residual(_, _, let n, _): return n
        }
    }

    /// The base of the automatic name (`conv` → conv1, conv2 …; blocks → block1 …).
    var autoNameBase: String {
        switch self {
        case .layer(let t, _, _): return LayerRegistry.shared.plugin(named: t)?.name ?? t
        case .sequence(_, _, let k): return k ?? "block"
        case .concat(_, _, let k): return k ?? "concat"
        case .residual(_, _, _, let k): return k ?? "residual"
        }
    }
}

/// Where a shape error happened: the dotted name of the layer and its description.
public struct ModelBuildError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    public init(path: String, _ message: Phrase) {
        self.path = path
        self.message = message.text
    }
}

public enum ModelBuilder {
    /// Builds the layer tree for `input`, children before parents, each layer once. Names are
    /// stable: a user's `name=` or the type with a counter per sequence (conv1, relu2, block3),
    /// joined with dots (block2.conv1).
    public static func build(_ spec: ModelSpec, input: FeatureShape, path: String = "", registry: LayerRegistry = .shared) throws -> Layer {
        BuiltinLayers.register()
        switch spec {
        case .layer(let type, let args, _):
            guard let plugin = registry.plugin(named: type) else {
                throw ModelBuildError(path: path, "unknown layer type `\(type)`")
            }
            do {
                return try plugin.build(try plugin.bind(args), input: input)
            } catch let e as ShapeError {
                throw ModelBuildError(path: path, Phrase(verbatim: e.message))
            } catch let e as BindingError {
                throw ModelBuildError(path: path, Phrase(verbatim: e.message))
            }
        case .sequence(let items, _, let kind):
            var built: [(ModelSpec, Layer)] = []
            var shape = input
            for (name, item) in childNames(items) {
                let l = try build(item, input: shape, path: join(path, name), registry: registry)
                built.append((item, l))
                shape = l.outputShape
            }
            return sequence(built, input: input, kind: kind)
        case .concat(let branches, _, let kind):
            let built = try branches.enumerated().map { i, b in
                (b, try build(b, input: input, path: join(path, branchName(b, i)), registry: registry))
            }
            do { return try concat(built, input: input, kind: kind) } catch let e as ShapeError {
                throw ModelBuildError(path: path, Phrase(verbatim: e.message))
            }
        case .residual(let body, let shortcut, _, let kind):
            let b = try build(body, input: input, path: join(path, "body"), registry: registry)
            let s = try shortcut.map { try build($0, input: input, path: join(path, "shortcut"), registry: registry) }
            do { return try residual(body: b, shortcut: s, kind: kind) } catch let e as ShapeError {
                throw ModelBuildError(path: path, Phrase(verbatim: e.message))
            }
        }
    }

    // The composites from children already built: `build` uses them, and so does the language's
    // expander, which builds each layer as it checks it and must not build anything twice.

    /// Children named as `childNames` names them; `kind` is the type shown in summaries.
    public static func sequence(_ children: [(spec: ModelSpec, layer: Layer)], input: FeatureShape, kind: String?) -> Sequence {
        let names = childNames(children.map(\.spec)).map(\.0)
        return Sequence(Array(zip(names, children.map(\.layer))), input: input, typeName: kind ?? "sequence")
    }

    public static func concat(_ branches: [(spec: ModelSpec, layer: Layer)], input: FeatureShape, kind: String?) throws -> Concat {
        try Concat(branches.enumerated().map { i, b in (branchName(b.spec, i), b.layer) }, input: input, typeName: kind ?? "concat")
    }

    public static func residual(body: Layer, shortcut: Layer?, kind: String?) throws -> Residual {
        try Residual(body: body, shortcut: shortcut, typeName: kind ?? "residual")
    }

    static func branchName(_ spec: ModelSpec, _ i: Int) -> String { spec.givenName ?? "branch\(i + 1)" }

    static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }

    /// conv1, relu1, conv2 … (counted per base name), or the user's name.
    public static func childNames(_ items: [ModelSpec]) -> [(String, ModelSpec)] {
        var counters: [String: Int] = [:]
        return items.map { item in
            if let n = item.givenName { return (n, item) }
            let base = item.autoNameBase
            counters[base, default: 0] += 1
            return ("\(base)\(counters[base]!)", item)
        }
    }
}
