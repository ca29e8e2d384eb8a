import CNNCore

/// `fail`: stops the cell with an error.
struct FailCommand: Command {
    static let message = Key<String>("message", .text, positional: true, "what went wrong")
    let spec = CommandSpec(
        name: "fail", summary: "Stops the cell with an error carrying the message.",
        doc: "Lines before it have run and their effects stay; lines after it do not run.",
        parameters: [message.spec], examples: ["fail \"stop here\""])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        throw LanguageError(.failure, at: inv.nameToken, Phrase(verbatim: inv[Self.message]))
    }
}
