import CNNCore
import Rendering
import JupyterKernel

/// `plugins`: every layer type and where it comes from.
struct PluginsCommand: Command {
    let spec = CommandSpec(name: "plugins", summary: "Lists the layer types: built-in, from plugin libraries, and blocks defined in cells.")

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let reg = env.session.layers
        var table = Table(title: tr("plugin search path: \(CNNInterpreter.pluginSearchPath())"), [.init(tr("layer")), .init(tr("from")), .init(tr("summary"))])
        for n in reg.names {
            guard let p = reg.plugin(named: n) else { continue }
            table.add([n, reg.origin(of: n).map(translated) ?? "?", p.shownSummary])
        }
        table.notes = env.interpreter.startupPluginProblems.map { tr("not loaded at start-up: \($0)") }
        env.context.display(table.bundle)
    }
}
