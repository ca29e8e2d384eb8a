import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// Loads third-party layer plugins: shared libraries built against this package's CNNCore
/// library, exporting two C symbols:
///   int32_t cnn_kernel_plugin_interface_version(void)   – must equal `pluginInterfaceVersion`
///   int32_t cnn_kernel_plugin_register(void)             – registers its layers; 0 on success
/// (in Swift: `@_cdecl("cnn_kernel_plugin_register") public func register() -> Int32`).
public enum PluginLoader {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
        init(_ description: Phrase) { self.description = description.text }
    }

    nonisolated(unsafe) static var loaded: [String: [String]] = [:]
    static let lock = SpinLock()

    /// Returns the names of the layers the plugin registered.
    public static func load(path: String) throws -> [String] {
        if let names = lock.withLock({ loaded[path] }) { return names }
        guard access(path, R_OK) == 0 else {
            throw Failure("\(path): \(String(cString: strerror(errno)))")
        }
        // A truncated or corrupt library would be mapped by dlopen and kill the kernel when
        // touched. (dlopen is given the path, not /proc/self/fd/N of the checked descriptor:
        // that would make $ORIGIN in the plugin's run path point at /proc/self/fd. A file
        // swapped between the check and the load is outside what this guards against.)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure("\(path): \(String(cString: strerror(errno)))") }
        let problem = ELFCheck.check(fd)
        close(fd)
        if let problem {
            throw Failure("\(path) \(problem); it is not loaded")
        }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let why = dlerror().map { String(cString: $0) } ?? tr("unknown error")
            throw Failure("\(path) is not a loadable shared library (\(why))")
        }
        guard let versionSymbol = dlsym(handle, "cnn_kernel_plugin_interface_version") else {
            dlclose(handle)
            throw Failure("\(path) is not a cnn-kernel plugin: it has no cnn_kernel_plugin_interface_version symbol")
        }
        typealias Entry = @convention(c) () -> Int32
        let version = unsafeBitCast(versionSymbol, to: Entry.self)()
        guard version == Int32(pluginInterfaceVersion) else {
            dlclose(handle)
            throw Failure("\(path) was built against plugin interface version \(version), but this kernel has version \(pluginInterfaceVersion); rebuild the plugin")
        }
        guard let registerSymbol = dlsym(handle, "cnn_kernel_plugin_register") else {
            dlclose(handle)
            throw Failure("\(path) is not a cnn-kernel plugin: it has no cnn_kernel_plugin_register symbol")
        }
        let before = Set(LayerRegistry.shared.names)
        let status = unsafeBitCast(registerSymbol, to: Entry.self)()
        guard status == 0 else {
            throw Failure("\(path): its registration failed (status \(status)); a layer name may already be taken")
        }
        // Kept open for the life of the process: its layers' code lives there.
        let names = LayerRegistry.shared.names.filter { !before.contains($0) }
        lock.withLock { loaded[path] = names }
        return names
    }

    /// Loads every .so in the directories (or files) of a colon-separated list; returns failures as text.
    public static func loadAll(from list: String) -> [String] {
        var problems: [String] = []
        for entry in list.split(separator: ":").map(String.init) where !entry.isEmpty {
            var files: [String] = []
            if let dir = opendir(entry) {
                while let e = readdir(dir) {
                    let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
                    if name.hasSuffix(".so") { files.append(entry + "/" + name) }
                }
                closedir(dir)
            } else if access(entry, R_OK) == 0 {
                files.append(entry)
            }
            for f in files.sorted() {
                do { _ = try load(path: f) } catch { problems.append("\(error)") }
            }
        }
        return problems
    }
}

