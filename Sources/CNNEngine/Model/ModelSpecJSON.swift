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
            for (k, v) in args { a[k] = Self.json(v) }
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
            var args: [String: ParameterValue] = [:]
            for (k, v) in json["args"]?.objectValue ?? [:] {
                guard let value = Self.value(v, depth: 0) else { throw Bad(description: tr("argument \(k) of \(type) has an unreadable value")) }
                args[k] = value
            }
            self = .layer(type: type, arguments: args, name: name)
        } else if let items = json["sequence"]?.arrayValue {
            self = .sequence(try items.map { try ModelSpec(json: $0) }, name: name, kind: kind)
        } else if let items = json["concat"]?.arrayValue {
            self = .concat(try items.map { try ModelSpec(json: $0) }, name: name, kind: kind)
        } else if let body = json["residual"] {
            self = .residual(body: try ModelSpec(json: body), shortcut: try json["shortcut"].map { try ModelSpec(json: $0) }, name: name, kind: kind)
        } else {
            throw Bad(description: tr("not a model description: \(json.serializedString().prefix(80))"))
        }
    }

    // Arguments: whole numbers as JSON integers, other numbers as {"float": x} (so 1.0 stays a
    // number where an integer is not wanted), names as strings, lists and calls as objects.
    static func json(_ v: ParameterValue) -> JSON {
        switch v {
        case .number(let d): return v.wholeNumber.map { .int($0) } ?? ["float": .number(d)]
        case .bool(let b): return .bool(b)
        case .word(let w): return .string(w)
        case .string(let s): return ["text": .string(s)]
        case .list(let items): return ["list": .array(items.map(json))]
        case .call(let f, let a): return ["call": .string(f), "arguments": .array(a.map(json))]
        }
    }

    static func value(_ j: JSON, depth: Int) -> ParameterValue? {
        guard depth < 16 else { return nil }
        switch j {
        case .int(let i): return .int(i)
        case .double(let d): return .number(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .word(s)
        case .object(let o):
            if let f = o["float"]?.doubleValue { return .number(f) }
            if case .string(let s)? = o["text"] { return .string(s) }
            if let items = o["list"]?.arrayValue {
                let vs = items.compactMap { value($0, depth: depth + 1) }
                return vs.count == items.count ? .list(vs) : nil
            }
            if case .string(let f)? = o["call"], let items = o["arguments"]?.arrayValue {
                let vs = items.compactMap { value($0, depth: depth + 1) }
                return vs.count == items.count ? .call(f, vs) : nil
            }
            return nil
        default: return nil
        }
    }
}
