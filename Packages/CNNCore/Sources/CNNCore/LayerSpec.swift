/// A layer plugin declares its parameters once, in the kernel's one parameter vocabulary
/// (`ParameterSpec`, usually as typed `Key`s; see Parameters.swift). That list drives parsing,
/// defaults, help, completion, validation and the summary row.

/// What a layer type is: its name, documentation, parameters, and how to build it for an input shape.
/// Built-in layers and third-party plugins implement exactly this and register the same way.
public protocol LayerPlugin: AnyObject, Sendable {
    var name: String { get }
    var aliases: [String] { get }
    /// One line for lists.
    var summary: String { get }
    /// The longer text, citing the paper the layer comes from.
    var doc: String { get }
    var parameters: [ParameterSpec] { get }
    /// Builds the layer for `input` from checked arguments (read them with the plugin's keys),
    /// or throws `ShapeError` saying what does not fit.
    func build(_ arguments: Arguments, input: FeatureShape) throws -> Layer
}

extension LayerPlugin {
    public var aliases: [String] { [] }

    /// Checks the given values (by name or position) and fills in the defaults.
    public func bind(_ given: [GivenArgument], otherNames: [String] = []) throws -> Arguments {
        try Binder.bind(parameters, of: name, given, otherNames: otherNames)
    }

    /// Binds values given by parameter name (or alias), as a model's specification stores them.
    public func bind(_ given: [String: ParameterValue]) throws -> Arguments {
        try bind(given.sorted { $0.key < $1.key }.map { GivenArgument(name: $0.key, value: $0.value) })
    }

    /// The one-line summary in the kernel's language (a plugin's own words stay as written
    /// when the catalogue does not know them).
    public var shownSummary: String { translated(summary) }

    public var helpText: String {
        var s = "\(name)"
        if !aliases.isEmpty { s += tr(" (also: \(aliases.joined(separator: ", ")))") }
        s += ": \(shownSummary)\n"
        if !parameters.isEmpty {
            s += "\n" + tr("Parameters:") + "\n"
            let width = parameters.map { $0.name.count }.max() ?? 0
            for p in parameters {
                let pad = String(repeating: " ", count: width - p.name.count)
                let pos = p.positional ? tr(" (positional)") : ""
                s += "  \(p.name)\(pad)  \(p.describe)\(pos): \(p.shownDoc)\n"
            }
        }
        if !doc.isEmpty { s += "\n\(translated(doc))\n" }
        return s
    }
}
