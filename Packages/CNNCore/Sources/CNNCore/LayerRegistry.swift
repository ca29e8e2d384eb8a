/// The version of the plugin interface. A dynamic plugin built against another version is refused.
public let pluginInterfaceVersion = 2

/// The same number, inlined into the code that uses it: a plugin returns this from
/// `cnn_kernel_plugin_interface_version`, so it reports the version it was compiled against,
/// not the version of the library it happens to be loaded next to.
@inlinable public var compiledPluginInterfaceVersion: Int32 { 2 }

/// The registry of layer types. Built-in layers register through `register` exactly as a
/// third-party plugin does. `shared` holds what the process has: built-in layers and plugin
/// libraries (a loaded library cannot be unloaded for one session only). A kernel session keeps
/// a registry of its own whose parent is `shared`, for the blocks its cells define: a second
/// session, or a test, starts without them.
public final class LayerRegistry: @unchecked Sendable {
    public static let shared = LayerRegistry()
    /// Asked for whatever this registry does not hold itself.
    public let parent: LayerRegistry?
    private let lock = SpinLock()
    private var plugins: [String: LayerPlugin] = [:]
    private var order: [String] = []
    private var origins: [String: String] = [:]

    public init(parent: LayerRegistry? = nil) { self.parent = parent }

    public enum RegistrationError: Error, Equatable, CustomStringConvertible {
        case duplicate(String, existingOrigin: String)
        public var description: String {
            switch self {
            case .duplicate(let n, let o): return tr("a layer named `\(n)` is already registered (from \(o))")
            }
        }
    }

    /// `origin` says where the plugin came from ("built-in", a library path, "block in cell 3").
    public func register(_ plugin: LayerPlugin, origin: String = "built-in", replacing: Bool = false) throws {
        for n in [plugin.name] + plugin.aliases {
            if let existing = parent?.plugin(named: n) {
                throw RegistrationError.duplicate(n, existingOrigin: parent?.origin(of: existing.name) ?? "?")
            }
        }
        try lock.withLock {
            for n in [plugin.name] + plugin.aliases {
                if let existing = plugins[n], !replacing || existing.name != plugin.name {
                    throw RegistrationError.duplicate(n, existingOrigin: origins[existing.name] ?? "?")
                }
            }
            if plugins[plugin.name] == nil { order.append(plugin.name) }
            plugins[plugin.name] = plugin
            for a in plugin.aliases { plugins[a] = plugin }
            origins[plugin.name] = origin
        }
    }

    public func unregister(_ name: String) {
        lock.withLock {
            guard let p = plugins[name] else { return }
            for n in [p.name] + p.aliases { plugins[n] = nil }
            order.removeAll { $0 == p.name }
            origins[p.name] = nil
        }
    }

    public func plugin(named name: String) -> LayerPlugin? { lock.withLock { plugins[name] } ?? parent?.plugin(named: name) }
    public func origin(of name: String) -> String? { lock.withLock { origins[name] } ?? parent?.origin(of: name) }
    /// Primary names, in registration order (the parent's first).
    public var names: [String] { (parent?.names ?? []) + lock.withLock { order } }
    /// Primary names and aliases.
    public var allNames: [String] { ((parent?.allNames ?? []) + lock.withLock { Array(plugins.keys) }).sorted() }
}
