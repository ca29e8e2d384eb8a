import CNNCore
import JupyterKernel

/// `plugins`: every layer type and where it comes from.
struct PluginsCommand: Command {
    let spec = CommandSpec(name: "plugins", summary: "Lists the layer types: built-in, from plugin libraries, and blocks defined in cells.")

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let reg = env.session.layers
        var rows: [[String]] = [["layer", "from", "summary"]]
        for n in reg.names {
            guard let p = reg.plugin(named: n) else { continue }
            rows.append([n, reg.origin(of: n) ?? "?", p.summary])
        }
        let w0 = rows.map { $0[0].count }.max()!, w1 = rows.map { $0[1].count }.max()!
        var text = "plugin search path: \(CNNInterpreter.pluginSearchPath())\n"
        for r in rows { text += r[0].padding(w0) + "  " + r[1].padding(w1) + "  " + r[2] + "\n" }
        var html = "<table><thead><tr><th style=\"text-align:left\">layer</th><th style=\"text-align:left\">from</th><th style=\"text-align:left\">summary</th></tr></thead><tbody>"
        for r in rows.dropFirst() { html += "<tr><td style=\"text-align:left\"><code>\(escape(r[0]))</code></td><td style=\"text-align:left\">\(escape(r[1]))</td><td style=\"text-align:left\">\(escape(r[2]))</td></tr>" }
        for p in env.interpreter.startupPluginProblems { text += "not loaded at start-up: \(p)\n" }
        env.context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html + "</tbody></table>")]))
    }
}
