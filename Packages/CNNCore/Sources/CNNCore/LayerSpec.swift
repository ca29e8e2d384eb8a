/// The declarative parameter list of a layer plugin. It drives parsing, defaults, help,
/// completion, validation and the summary row: a plugin declares it once.
public enum LayerValueKind: Equatable, Sendable {
    case int(min: Int?, max: Int?)
    case float(min: Double?, max: Double?)
    case bool
    case choice([String])
    /// Any name or text (an activation's name, a list written as text by a block).
    case name

    public var describe: String {
        switch self {
        case .int(let lo, let hi): return "integer" + Self.range(lo.map(String.init), hi.map(String.init))
        case .float(let lo, let hi): return "number" + Self.range(lo.map { "\($0)" }, hi.map { "\($0)" })
        case .bool: return "true or false"
        case .choice(let c): return "one of " + c.joined(separator: ", ")
        case .name: return "name"
        }
    }

    /// " in lo…hi", " ≥ lo", " ≤ hi" or "": the range part of a parameter's description.
    public static func range(_ lo: String?, _ hi: String?) -> String {
        switch (lo, hi) {
        case (let l?, let h?): return " in \(l)…\(h)"
        case (let l?, nil): return " ≥ \(l)"
        case (nil, let h?): return " ≤ \(h)"
        default: return ""
        }
    }
}

public enum LayerValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int)
    case float(Double)
    case bool(Bool)
    case text(String)

    public var description: String {
        switch self {
        case .int(let i): return "\(i)"
        case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? "\(Int(d))" : "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return s
        }
    }
}

public struct LayerParameter: Sendable {
    public var name: String
    public var kind: LayerValueKind
    /// nil: required.
    public var defaultValue: LayerValue?
    public var doc: String
    /// Can be given without its name, in declaration order (`conv 16` for out_channels=16).
    public var positional: Bool
    /// Other accepted names (`pad` for padding).
    public var aliases: [String]

    public init(
        _ name: String, _ kind: LayerValueKind, default d: LayerValue? = nil, positional: Bool = false,
        aliases: [String] = [], _ doc: String
    ) {
        self.name = name
        self.kind = kind
        defaultValue = d
        self.doc = doc
        self.positional = positional
        self.aliases = aliases
    }
}

/// Checked argument values, every declared parameter present.
public struct LayerArguments: Sendable {
    public var values: [String: LayerValue]
    public init(_ values: [String: LayerValue] = [:]) { self.values = values }

    public func int(_ name: String) -> Int {
        switch values[name] {
        case .int(let i)?: return i
        case .float(let d)?: return Int(d)
        default: return 0
        }
    }
    public func float(_ name: String) -> Double {
        switch values[name] {
        case .int(let i)?: return Double(i)
        case .float(let d)?: return d
        default: return 0
        }
    }
    public func bool(_ name: String) -> Bool { if case .bool(let b)? = values[name] { return b } else { return false } }
    public func text(_ name: String) -> String { if case .text(let s)? = values[name] { return s } else { return "" } }
}

public struct ArgumentError: Error, Equatable, CustomStringConvertible {
    /// The parameter the problem is with (nil: the layer as a whole).
    public var parameter: String?
    public var message: String
    public init(parameter: String?, _ message: String) {
        self.parameter = parameter
        self.message = message
    }
    public var description: String { message }
}

extension LayerParameter {
    /// Checks one given value against the declared kind and range.
    public func check(_ v: LayerValue, layer: String) throws -> LayerValue {
        func fail(_ m: String) -> ArgumentError { ArgumentError(parameter: name, m) }
        switch (kind, v) {
        case (.int(let lo, let hi), _):
            let i: Int
            switch v {
            case .int(let x): i = x
            case .float(let d) where d == d.rounded() && abs(d) < 1e15: i = Int(d)
            default: throw fail("\(name) of \(layer) is \(kind.describe), not \(v)")
            }
            if let lo, i < lo { throw fail("\(name) of \(layer) must be ≥ \(lo), got \(i)") }
            if let hi, i > hi { throw fail("\(name) of \(layer) must be ≤ \(hi), got \(i)") }
            return .int(i)
        case (.float(let lo, let hi), .int(let i)):
            return try check(.float(Double(i)), layer: layer)
        case (.float(let lo, let hi), .float(let d)):
            if let lo, d < lo { throw fail("\(name) of \(layer) must be ≥ \(lo), got \(d)") }
            if let hi, d > hi { throw fail("\(name) of \(layer) must be ≤ \(hi), got \(d)") }
            return .float(d)
        case (.bool, .bool): return v
        case (.name, .text): return v
        case (.name, .int), (.name, .float), (.name, .bool): return .text(v.description)
        case (.bool, .text(let s)) where s == "true" || s == "false": return .bool(s == "true")
        case (.choice(let c), .text(let s)):
            guard c.contains(s) else { throw fail("`\(s)` is not a valid \(name) of \(layer) (\(c.joined(separator: ", ")))") }
            return v
        default:
            throw fail("\(name) of \(layer) is \(kind.describe), not \(v)")
        }
    }
}

/// What a layer type is: its name, documentation, parameters, and how to build it for an input shape.
/// Built-in layers and third-party plugins implement exactly this and register the same way.
public protocol LayerPlugin: AnyObject, Sendable {
    var name: String { get }
    var aliases: [String] { get }
    /// One line for lists.
    var summary: String { get }
    /// The longer text, citing the paper the layer comes from.
    var doc: String { get }
    var parameters: [LayerParameter] { get }
    /// Builds the layer for `input`, or throws `ShapeError` / `ArgumentError` that says what does not fit.
    func build(_ arguments: LayerArguments, input: FeatureShape) throws -> Layer
}

extension LayerPlugin {
    public var aliases: [String] { [] }

    /// Fills defaults and checks every value; `given` maps parameter names (or aliases) to values.
    public func bind(_ given: [String: LayerValue]) throws -> LayerArguments {
        var out: [String: LayerValue] = [:]
        for (key, v) in given {
            guard let p = parameters.first(where: { $0.name == key || $0.aliases.contains(key) }) else {
                throw ArgumentError(parameter: key, "`\(key)` is not an option of \(name)")
            }
            out[p.name] = try p.check(v, layer: name)
        }
        for p in parameters where out[p.name] == nil {
            guard let d = p.defaultValue else {
                throw ArgumentError(parameter: nil, "\(name) needs \(p.name) (\(p.kind.describe))")
            }
            out[p.name] = d
        }
        return LayerArguments(out)
    }

    public var helpText: String {
        var s = "\(name)"
        if !aliases.isEmpty { s += " (also: \(aliases.joined(separator: ", ")))" }
        s += ": \(summary)\n"
        if !parameters.isEmpty {
            s += "\nParameters:\n"
            let width = parameters.map { $0.name.count }.max() ?? 0
            for p in parameters {
                let pad = String(repeating: " ", count: width - p.name.count)
                let def = p.defaultValue.map { ", default \($0)" } ?? ", required"
                let pos = p.positional ? " (positional)" : ""
                s += "  \(p.name)\(pad)  \(p.kind.describe)\(def)\(pos): \(p.doc)\n"
            }
        }
        if !doc.isEmpty { s += "\n\(doc)\n" }
        return s
    }
}
