import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Widgets

/// The command language as the kernel sees it.
///
/// Cell semantics (also in `help`): a cell is parsed and its commands' options checked as a
/// whole first, so a syntax or option mistake anywhere means nothing runs. Then its statements
/// run in order; a model's shapes are checked when its line runs, before any data flows. A
/// failing statement stops the cell there, and the effects of the statements before it are kept.
public final class CNNInterpreter: Interpreter {
    public static let version = "0.3.0"
    /// The commands, in the order `help` lists them (Commands.all), and by name.
    let commands: [Command] = Commands.all
    private let commandsByName: [String: Command] = Dictionary(uniqueKeysWithValues: Commands.all.map { ($0.spec.name, $0) })
    public let session = Session()

    /// The widget models of this kernel, made on the first cell that has comms (a frontend).
    private(set) var controls: Controls?
    func controls(for context: ExecutionContext) -> Controls? {
        if controls == nil, let comms = context.comms { controls = Controls(comms: comms) }
        return controls
    }

    /// Sets up the widgets on the kernel's comms before any cell runs.
    public func attach(comms: CommManager) {
        if controls == nil { controls = Controls(comms: comms) }
    }

    /// Problems met loading the plugins of the plugin directories at start-up (shown by `plugins`).
    public private(set) var startupPluginProblems: [String] = []

    public init(loadPluginDirectories: Bool = true) {
        Translations.install()
        ExpansionGuard.startCell(shouldStop: { false })
        loadZoo()
        if loadPluginDirectories {
            startupPluginProblems = PluginLoader.loadAll(from: CNNInterpreter.pluginSearchPath())
            for p in startupPluginProblems { KernelLog.write("plugin not loaded: \(p)") }
        }
    }

    /// $CNN_KERNEL_PLUGINS (colon-separated directories or files), then the user's plugin directory
    /// ($XDG_DATA_HOME or ~/.local/share)/cnn-kernel/plugins.
    public static func pluginSearchPath() -> String {
        var parts: [String] = []
        if let p = FileIO.environment("CNN_KERNEL_PLUGINS"), !p.isEmpty { parts.append(p) }
        if let x = FileIO.environment("XDG_DATA_HOME"), !x.isEmpty {
            parts.append(x + "/cnn-kernel/plugins")
        } else if let h = FileIO.environment("HOME"), !h.isEmpty {
            parts.append(h + "/.local/share/cnn-kernel/plugins")
        }
        return parts.joined(separator: ":")
    }

    public var commandNames: [String] { commands.map(\.spec.name) }
    func command(named name: String) -> Command? { commandsByName[name] }

    /// Names a block may not take: commands and keywords.
    func isReserved(_ name: String) -> Bool {
        commandsByName[name] != nil || Keywords.openers.contains(name) || Keywords.separators[name] != nil || name == "end"
    }

    func loadZoo() {
        guard let statements = try? Parser.parse(ZooSource.text) else { preconditionFailure("the zoo source does not parse") }
        for case .block(let b) in statements { try? session.define(b, source: ZooSource.text, origin: "zoo", reserved: isReserved) }
    }

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
        (tr("CNN kernel \(CNNInterpreter.version): a language for building, training and looking inside convolutional networks.\n")
            + tr("Type `help` for the commands.")).wrapped(width: Self.terminalWidth)
    }

    /// The width the kernel's text is written for: a console's 80 columns, less one (a line that
    /// fills the last column makes some terminals add an empty line).
    public static let terminalWidth = 79

    public var helpLinks: [(text: String, url: String)] {
        [("CNN kernel language", "https://github.com/cnn-kernel/cnn-kernel#the-language-at-a-glance")]
    }

    /// What malloc may keep free from one line of a cell to the next (see releaseFreeMemory).
    static let freeMemoryKeptBetweenLines = 64 << 20

    public func execute(_ code: String, context: ExecutionContext) throws {
        session.cellCounter += 1
        // The controls of this cell's earlier run, and of deleted cells, go with their outputs.
        if !context.silent { controls(for: context)?.beginCell(id: context.cellID, executionCount: session.cellCounter, deleted: context.deletedCells) }
        if context.isConsole { context.fitPlainText = { $0.wrapped(width: Self.terminalWidth) } }
        MemoryBudget.sessionLimit = session.memoryLimit
        defer { MemoryBudget.releaseFreeMemory() }
        ExpansionGuard.startCell(shouldStop: { [token = context.token] in token.isCancelled })
        let statements: [Statement]
        do { statements = try Parser.parse(code) } catch let e as LanguageError { throw e.kernelError(source: code) }
        // Check every command's arguments before running any, so a typo on line 5 does not leave lines 1–4 half done.
        let plan: [(Statement, Invocation?)]
        do { plan = try self.plan(statements) } catch let e as LanguageError { throw e.kernelError(source: code) }
        let env = CommandEnvironment(interpreter: self, context: context, source: code)
        for (statement, invocation) in plan {
            try context.token.check()
            do {
                switch statement {
                case .expression(let e):
                    context.result(.text(try Evaluator.evaluate(e).description))
                case .command(let name, _):
                    guard let invocation, let command = command(named: name.word ?? "") else { preconditionFailure("every command line is bound by plan") }
                    try command.run(invocation, in: env)
                case .instantiate(_, let name, let template, let args):
                    try env.instantiate(name: name, template: template, arguments: args)
                case .block(let b):
                    try env.runDefinition(b)
                }
            } catch let e as LanguageError {
                throw e.kernelError(source: code)
            }
            // A line's freed activations go back before the next line, not only at the cell's end.
            MemoryBudget.releaseFreeMemory(beyond: Self.freeMemoryKeptBetweenLines)
        }
    }

    /// Binds and checks every command line of a cell; model and block lines are checked when they run.
    func plan(_ statements: [Statement]) throws -> [(Statement, Invocation?)] {
        var plan: [(Statement, Invocation?)] = []
        var earlier = EarlierLines()
        for s in statements {
            switch s {
            case .command(let name, let args):
                let inv = try bind(name: name, arguments: args)
                let command = command(named: inv.spec.name)
                try command?.check(inv, in: session, earlier: earlier)
                plan.append((s, inv))
                if command?.addsLayerTypes == true { earlier.loadPlugins = true }
            case .block(let b) where Keywords.structural.contains(b.keyword.word ?? ""):
                throw LanguageError(.syntax, at: b.keyword, "`\(b.keyword.word ?? "")` goes inside a model or block")
            case .block(let b):
                if let n = b.name?.word { earlier.blocks.insert(n) }
                plan.append((s, nil))
            default: plan.append((s, nil))
            }
        }
        return plan
    }

    public func evaluate(expression: String) throws -> MimeBundle {
        do {
            let statements = try Parser.parse(expression)
            guard statements.count == 1, case .expression(let e) = statements[0] else {
                throw KernelError(ename: "SyntaxError", evalue: tr("a user expression must be one arithmetic expression"))
            }
            return .text(try Evaluator.evaluate(e).description)
        } catch let e as LanguageError {
            throw e.kernelError(source: expression)
        }
    }

    func bind(name: Token, arguments: [Argument]) throws -> Invocation {
        let word = name.word ?? ""
        guard let command = command(named: word) else { throw unknownCommand(name, arguments) }
        return try CommandBinder.bind(command.spec, name: name, arguments: arguments)
    }

    /// An unknown word at the start of a line. A layer or block name (or a near miss of one)
    /// gets a hint that shows how to put it inside a model.
    func unknownCommand(_ name: Token, _ arguments: [Argument]) -> LanguageError {
        let word = name.word ?? ""
        let layers = session.layers.allNames
        let layer = layers.contains(word) ? word : nil
        let commandGuess = Suggest.closest(to: word, in: commandNames + Array(Keywords.openers))
        let layerGuess = layer ?? (commandGuess == nil ? Suggest.closest(to: word, in: layers) : nil)
        guard let l = layerGuess else {
            return LanguageError(.name, at: name, "unknown command `\(word)`\(commandGuess.map(Suggest.hint(guess:)) ?? "")")
        }
        let line = ([l] + arguments.map(\.written)).joined(separator: " ")
        if layer != nil {
            return LanguageError(.name, at: name, "`\(word)` is a layer, not a command: layers go inside a model, one per line, as in `model m` / `  \(line)` / `end`")
        }
        return LanguageError(
            .name, at: name,
            "unknown command `\(word)`; did you mean the layer `\(l)`? Layers go inside a model, one per line, as in `model m` / `  \(line)` / `end`")
    }
}

extension Argument {
    /// As written (values shown by their literal form), for hints that quote a line back.
    var written: String {
        switch self {
        case .positional(let e): return (try? Evaluator.evaluate(e))?.literal ?? "…"
        case .option(let n, let e): return "\(n.word ?? "")=\((try? Evaluator.evaluate(e))?.literal ?? "…")"
        }
    }
}
