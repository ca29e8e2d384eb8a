import CNNCore

/// `plugin load "…"`: layers from a shared library.
struct PluginCommand: Command {
    static let action = Key<String>("action", .choice(["load"]), positional: true, "load")
    static let path = Key<String>("path", .path, positional: true, "the shared library")
    let spec = CommandSpec(
        name: "plugin", summary: "Loads a layer plugin from a shared library: `plugin load \"path/libX.so\"`.",
        doc: "The library must be built against this kernel's plugin interface (CNNCore). Its layers then work like built-in ones. Plugins in $CNN_KERNEL_PLUGINS (a colon-separated list of directories or files) and in ~/.local/share/cnn-kernel/plugins are loaded at start-up.",
        parameters: [action.spec, path.spec], examples: ["plugin load \"Plugins/Swish/.build/release/libSwishPlugin.so\""])

    var addsLayerTypes: Bool { true }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let path = inv[Self.path]
        do {
            let names = try PluginLoader.load(path: path)
            env.context.stream(.stdout, names.isEmpty ? tr("loaded \(path): no new layers\n") : tr("loaded \(path): \(names.joined(separator: ", "))\n"))
        } catch let e as PluginLoader.Failure {
            throw LanguageError(.value, at: inv.token(Self.path), Phrase(verbatim: e.description))
        }
    }
}
