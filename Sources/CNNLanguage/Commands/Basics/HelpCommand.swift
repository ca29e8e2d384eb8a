import CNNCore
import JupyterKernel

/// `help`: the list of commands, or one command, layer, block or keyword.
struct HelpCommand: Command {
    static let topic = Key<String>("topic", .name, default: "", positional: true, "a command, layer, block or keyword")
    let spec = CommandSpec(
        name: "help", summary: "Shows the documentation of a command, or the list of commands.",
        parameters: [topic.spec], examples: ["help", "help progress"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let topic = inv[Self.topic]
        let interpreter = env.interpreter
        if topic.isEmpty {
            env.context.page(MimeBundle(data: ["text/plain": .string(interpreter.overviewHelp())]))
            return
        }
        guard let text = interpreter.helpText(topic) else {
            let session = env.session
            let all = interpreter.commandNames + session.layers.allNames + Array(Keywords.openers)
            throw LanguageError(.name, at: inv.token(Self.topic), "no help for `\(topic)`\(Suggest.hint(for: topic, in: all))")
        }
        env.context.page(MimeBundle(data: ["text/plain": .string(text)]))
    }
}
