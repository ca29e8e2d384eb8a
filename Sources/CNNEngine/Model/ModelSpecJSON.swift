import CNNCore
import JSONKit

/// ModelSpec ⇄ JSON, for checkpoints ("architecture" in the JSON description of a model).
extension ModelSpec {
    public var json: JSON {
        func named(_ o: [String: JSON], _ name: String?, _ kind: String?) -> JSON {
            var o = o
            if let name { o["name"] = .string(name) }
            if let kind { o["kind"] = .string(kind) }
            return .object(o)
        }
        switch self {
        case .layer(let type, let args, let name):
            var a: [String: JSON] = [:]
            for (k, v) in args {
                switch v {
                case .int(let i): a[k] = .int(i)
                case .float(let d): a[k] = ["float": .number(d)]
                case .bool(let b): a[k] = .bool(b)
                case .text(let s): a[k] = .string(s)
                }
            }
            return named(["layer": .string(type), "args": .object(a)], name, nil)
        case .sequence(let items, let name, let kind):
            return named(["sequence": .array(items.map(\.json))], name, kind)
        case .concat(let items, let name, let kind):
            return named(["concat": .array(items.map(\.json))], name, kind)
        case .residual(let body, let shortcut, let name, let kind):
            var o: [String: JSON] = ["residual": body.json]
            if let shortcut { o["shortcut"] = shortcut.json }
            return named(o, name, kind)
        }
    }

    public init(json: JSON) throws {
        struct Bad: Error, CustomStringConvertible { let description: String }
        let name = json["name"]?.stringValue, kind = json["kind"]?.stringValue
        if let type = json["layer"]?.stringValue {
            var args: [String: LayerValue] = [:]
            for (k, v) in json["args"]?.objectValue ?? [:] {
                switch v {
                case .int(let i): args[k] = .int(i)
                case .bool(let b): args[k] = .bool(b)
                case .string(let s): args[k] = .text(s)
                case .object(let o): args[k] = .float(o["float"]?.doubleValue ?? .nan)
                case .double(let d): args[k] = .float(d)
                default: throw Bad(description: "argument \(k) of \(type) has an unreadable value")
                }
            }
            self = .layer(type: type, arguments: args, name: name)
        } else if let items = json["sequence"]?.arrayValue {
            self = .sequence(try items.map { try ModelSpec(json: $0) }, name: name, kind: kind)
        } else if let items = json["concat"]?.arrayValue {
            self = .concat(try items.map { try ModelSpec(json: $0) }, name: name, kind: kind)
        } else if let body = json["residual"] {
            self = .residual(body: try ModelSpec(json: body), shortcut: try json["shortcut"].map { try ModelSpec(json: $0) }, name: name, kind: kind)
        } else {
            throw Bad(description: "not a model description: \(json.serializedString().prefix(80))")
        }
    }
}
