import CNNCore
import JSONKit

/// The architecture of a model as data: layers from plugins, sequences, parallel branches
/// concatenated on channels, and residual sums. Built into layers for a given input shape
/// (checking every shape before any data flows), and saved as JSON in checkpoints.
public indirect enum ModelSpec: Equatable, Sendable {
    /// A layer from the registry, with its arguments (names as declared by the plugin).
    case layer(type: String, arguments: [String: LayerValue], name: String?)
    /// Layers one after another. `kind` names user-defined blocks in summaries ("resblock").
    case sequence([ModelSpec], name: String?, kind: String?)
    /// The same input through every branch; outputs concatenated on channels in branch order.
    case concat([ModelSpec], name: String?, kind: String?)
    /// body(x) + shortcut(x); no shortcut means the identity.
    case residual(body: ModelSpec, shortcut: ModelSpec?, name: String?, kind: String?)

    public static func layer(_ type: String, _ args: [String: LayerValue] = [:], name: String? = nil) -> ModelSpec {
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
}

public enum ModelBuilder {
    /// Builds the layer tree for `input`. Names are stable: a user's `name=` or the type with a
    /// counter per sequence (conv1, relu2, block3), joined with dots (block2.conv1).
    public static func build(_ spec: ModelSpec, input: FeatureShape, path: String = "") throws -> Layer {
        BuiltinLayers.register()
        switch spec {
        case .layer(let type, let args, _):
            guard let plugin = LayerRegistry.shared.plugin(named: type) else {
                throw ModelBuildError(path: path, message: "unknown layer type `\(type)`")
            }
            do {
                return try plugin.build(try plugin.bind(args), input: input)
            } catch let e as ShapeError {
                throw ModelBuildError(path: path, message: e.message)
            } catch let e as ArgumentError {
                throw ModelBuildError(path: path, message: e.message)
            }
        case .sequence(let items, _, let kind):
            var built: [(name: String, layer: Layer)] = []
            var shape = input
            for (name, item) in childNames(items) {
                let l = try build(item, input: shape, path: join(path, name))
                built.append((name, l))
                shape = l.outputShape
            }
            return Sequence(built, input: input, typeName: kind ?? "sequence")
        case .concat(let branches, _, let kind):
            var built: [(name: String, layer: Layer)] = []
            for (i, b) in branches.enumerated() {
                let name = b.givenName ?? "branch\(i + 1)"
                built.append((name, try build(b, input: input, path: join(path, name))))
            }
            do { return try Concat(built, input: input, typeName: kind ?? "concat") } catch let e as ShapeError {
                throw ModelBuildError(path: path, message: e.message)
            }
        case .residual(let body, let shortcut, _, let kind):
            let b = try build(body, input: input, path: join(path, "body"))
            let s = try shortcut.map { try build($0, input: input, path: join(path, "shortcut")) }
            do { return try Residual(body: b, shortcut: s, typeName: kind ?? "residual") } catch let e as ShapeError {
                throw ModelBuildError(path: path, message: e.message)
            }
        }
    }

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
