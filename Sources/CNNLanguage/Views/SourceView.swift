import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show source`: the definition of a block, zoo model or model.
struct SourceView: View {
    let name = "source"
    let usage = tr("show source NAME                        the definition of a block or zoo model")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.runShowSource(inv) }
}

extension CommandEnvironment {
    fileprivate func runShowSource(_ inv: Invocation) throws {
        let name = inv[ShowCommand.name]
        guard !name.isEmpty else { throw LanguageError(.type, at: inv.nameToken, "show source needs a name, as in `show source resnet`") }
        if let d = session.definitions[name] {
            context.display(MimeBundle(data: ["text/plain": .string(d.source + "\n")]))
        } else if let m = session.models[name] {
            context.display(MimeBundle(data: ["text/plain": .string(m.source + "\n")]))
        } else if let p = session.layers.plugin(named: name) {
            throw LanguageError(.value, at: inv.token(ShowCommand.name), "`\(p.name)` is a compiled layer (\(session.layers.origin(of: p.name).map(translated) ?? tr("built-in"))); `help \(p.name)` documents it")
        } else {
            throw LanguageError(.name, at: inv.token(ShowCommand.name), "nothing named `\(name)`\(Suggest.hint(for: name, in: Array(session.definitions.keys) + session.modelOrder))")
        }
    }
}
