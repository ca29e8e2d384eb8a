import JSONKit
import JupyterKernel

/// The command language as the kernel sees it.
///
/// Cell semantics (documented in `help`): a cell is parsed and checked as a whole first, so a
/// syntax error anywhere means nothing runs. Then its lines run in order; a failing line stops the
/// cell there, and the effects of the lines before it are kept.
public final class CNNInterpreter: Interpreter {
    public static let version = "0.1.0"
    var commands: [String: CommandSpec] = [:]
    var commandOrder: [String] = []

    public init() {
        for c in BuiltinCommands.all { register(c) }
    }

    func register(_ spec: CommandSpec) {
        if commands[spec.name] == nil { commandOrder.append(spec.name) }
        commands[spec.name] = spec
    }

    public var commandNames: [String] { commandOrder }

    // MARK: Interpreter

    public var languageInfo: JSON {
        [
            "name": "cnn",
            "version": .string(CNNInterpreter.version),
            "mimetype": "text/x-cnn",
            "file_extension": ".cnn",
            "pygments_lexer": "cnn",
            "codemirror_mode": "cnn",
            "nbconvert_exporter": "script",
        ]
    }

    public var banner: String {
        "CNN kernel \(CNNInterpreter.version): a language for building, training and looking inside convolutional networks.\n"
            + "Type `help` for the commands."
    }

    public var helpLinks: [(text: String, url: String)] {
        [("CNN kernel language", "https://github.com/cnn-kernel/cnn-kernel#the-language-at-a-glance")]
    }

    public func execute(_ code: String, context: ExecutionContext) throws {
        let statements: [Statement]
        do { statements = try Parser.parse(code) } catch let e as LanguageError { throw e.kernelError(source: code) }
        // Check every command before running any, so a typo on line 5 does not leave lines 1–4 half done.
        var plan: [(Statement, Invocation?)] = []
        do {
            for s in statements {
                switch s {
                case .command(let name, let args): plan.append((s, try bind(name: name, arguments: args)))
                case .expression: plan.append((s, nil))
                }
            }
        } catch let e as LanguageError { throw e.kernelError(source: code) }

        for (statement, invocation) in plan {
            try context.token.check()
            do {
                switch statement {
                case .expression(let e):
                    context.result(.text(Arithmetic.format(try Arithmetic.evaluate(e))))
                case .command:
                    try run(invocation!, context: context)
                }
            } catch let e as LanguageError {
                throw e.kernelError(source: code)
            }
        }
    }

    public func evaluate(expression: String) throws -> MimeBundle {
        do {
            let statements = try Parser.parse(expression)
            guard statements.count == 1, case .expression(let e) = statements[0] else {
                throw KernelError(ename: "SyntaxError", evalue: "a user expression must be one arithmetic expression")
            }
            return .text(Arithmetic.format(try Arithmetic.evaluate(e)))
        } catch let e as LanguageError {
            throw e.kernelError(source: expression)
        }
    }

    func bind(name: Token, arguments: [Argument]) throws -> Invocation {
        let word = name.word ?? ""
        guard let spec = commands[word] else {
            throw LanguageError(.name, at: name, "unknown command `\(word)`\(Suggest.hint(for: word, in: commandOrder))")
        }
        return try Binder.bind(spec, name: name, arguments: arguments)
    }

    // MARK: Commands

    func run(_ inv: Invocation, context: ExecutionContext) throws {
        switch inv.spec.name {
        case "print": context.stream(.stdout, inv.variadic.map(\.display).joined(separator: " ") + "\n")
        case "warn": context.stream(.stderr, inv.variadic.map(\.display).joined(separator: " ") + "\n")
        case "fail":
            throw LanguageError(.failure, at: inv.nameToken, inv.text("message") ?? "")
        case "sleep":
            if !context.token.sleep(seconds: inv.number("seconds")) { throw ExecutionInterrupted() }
        case "progress": try runProgress(inv, context: context)
        case "clear": context.clearOutput(wait: inv.text("wait") == "true")
        case "help": try runHelp(inv, context: context)
        case "exit": context.askExit(keepKernel: inv.text("keep_kernel") == "true")
        default:
            throw LanguageError(.name, at: inv.nameToken, "`\(inv.spec.name)` has no implementation")
        }
    }

    func runProgress(_ inv: Invocation, context: ExecutionContext) throws {
        let steps = inv.integer("steps")
        let delay = inv.number("delay")
        let id = context.newDisplayID()
        context.display(ProgressBar.bundle(step: 0, of: steps), displayID: id)
        for step in 1...steps {
            if !context.token.sleep(seconds: delay) {
                context.updateDisplay(ProgressBar.bundle(step: step - 1, of: steps, label: "interrupted"), displayID: id)
                throw ExecutionInterrupted()
            }
            context.updateDisplay(ProgressBar.bundle(step: step, of: steps), displayID: id)
        }
    }

    func runHelp(_ inv: Invocation, context: ExecutionContext) throws {
        let topic = inv.values["topic"]?.display ?? ""
        if topic.isEmpty {
            context.page(MimeBundle(data: ["text/plain": .string(overviewHelp())]))
            return
        }
        guard let text = helpText(topic) else {
            throw LanguageError(
                .name, at: inv.tokens["topic"] ?? inv.nameToken,
                "no help for `\(topic)`\(Suggest.hint(for: topic, in: commandOrder))")
        }
        context.page(MimeBundle(data: ["text/plain": .string(text)]))
    }

    func overviewHelp() -> String {
        var s = "CNN kernel \(CNNInterpreter.version): commands\n\n"
        let width = commandOrder.map(\.count).max() ?? 0
        for n in commandOrder {
            s += "  \(n)\(String(repeating: " ", count: width - n.count))  \(commands[n]!.summary)\n"
        }
        s += "\nA bare arithmetic expression (1 + 2, 2 * (3 + 4)) shows its value.\n"
        s += "A cell is checked as a whole before it runs: a mistake anywhere means nothing runs.\n"
        s += "A failing line stops the cell; the lines before it keep their effects.\n"
        s += "\n`help NAME` shows one command; Shift-Tab on a name shows the same in a notebook.\n"
        return s
    }

    func helpText(_ topic: String) -> String? { commands[topic]?.helpText }
}
