import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel

/// The command language as the kernel sees it.
///
/// Cell semantics (also in `help`): a cell is parsed and its commands' options checked as a
/// whole first, so a syntax or option mistake anywhere means nothing runs. Then its statements
/// run in order; a model's shapes are checked when its line runs, before any data flows. A
/// failing statement stops the cell there, and the effects of the statements before it are kept.
public final class CNNInterpreter: Interpreter {
    public static let version = "0.2.0"
    var commands: [String: CommandSpec] = [:]
    var commandOrder: [String] = []
    public let session = Session()
    /// Text of the cell being run (for `show source` of what it defines).
    var currentSource = ""

    /// Problems met loading the plugins of the plugin directories at start-up (shown by `plugins`).
    public private(set) var startupPluginProblems: [String] = []

    public init(loadPluginDirectories: Bool = true) {
        for c in BuiltinCommands.all + CNNCommands.all { register(c) }
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

    func register(_ spec: CommandSpec) {
        if commands[spec.name] == nil { commandOrder.append(spec.name) }
        commands[spec.name] = spec
    }

    public var commandNames: [String] { commandOrder }

    func loadZoo() {
        guard let statements = try? Parser.parse(ZooSource.text) else { preconditionFailure("the zoo source does not parse") }
        for case .block(let b) in statements { try? define(b, source: ZooSource.text, origin: "zoo") }
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
        "CNN kernel \(CNNInterpreter.version): a language for building, training and looking inside convolutional networks.\n"
            + "Type `help` for the commands."
    }

    public var helpLinks: [(text: String, url: String)] {
        [("CNN kernel language", "https://github.com/cnn-kernel/cnn-kernel#the-language-at-a-glance")]
    }

    public func execute(_ code: String, context: ExecutionContext) throws {
        session.cellCounter += 1
        currentSource = code
        let statements: [Statement]
        do { statements = try Parser.parse(code) } catch let e as LanguageError { throw e.kernelError(source: code) }
        // Check every command's options before running any, so a typo on line 5 does not leave lines 1–4 half done.
        var plan: [(Statement, Invocation?)] = []
        do {
            for s in statements {
                switch s {
                case .command(let name, let args):
                    if name.word == "gradcheck" {
                        plan.append((s, nil))
                    } else {
                        plan.append((s, try bind(name: name, arguments: args)))
                    }
                case .block(let b) where Keywords.structural.contains(b.keyword.word!):
                    throw LanguageError(.syntax, at: b.keyword, "`\(b.keyword.word!)` goes inside a model or block")
                default: plan.append((s, nil))
                }
            }
        } catch let e as LanguageError { throw e.kernelError(source: code) }

        for (statement, invocation) in plan {
            try context.token.check()
            do {
                switch statement {
                case .expression(let e):
                    let v = try Evaluator.evaluate(e)
                    context.result(.text(v.description))
                case .command(let name, let args):
                    if let invocation { try run(invocation, context: context) } else { try runGradcheck(name, args, context: context) }
                case .instantiate(_, let name, let template, let args):
                    try instantiate(name: name, template: template, arguments: args, context: context)
                case .block(let b):
                    try runDefinition(b, context: context)
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
            return .text(try Evaluator.evaluate(e).description)
        } catch let e as LanguageError {
            throw e.kernelError(source: expression)
        }
    }

    func bind(name: Token, arguments: [Argument]) throws -> Invocation {
        let word = name.word ?? ""
        guard let spec = commands[word] else {
            var message = "unknown command `\(word)`"
            if session.layers.plugin(named: word) != nil || session.definitions[word] != nil {
                message += "; `\(word)` is a layer: layers go inside `model NAME … end`"
            } else {
                message += Suggest.hint(for: word, in: commandOrder + Array(Keywords.openers))
            }
            throw LanguageError(.name, at: name, message)
        }
        return try Binder.bind(spec, name: name, arguments: arguments)
    }

    // MARK: Commands

    func run(_ inv: Invocation, context: ExecutionContext) throws {
        switch inv.spec.name {
        case "print": context.stream(.stdout, inv.variadic.map(\.description).joined(separator: " ") + "\n")
        case "warn": context.stream(.stderr, inv.variadic.map(\.description).joined(separator: " ") + "\n")
        case "fail":
            throw LanguageError(.failure, at: inv.nameToken, inv.text("message") ?? "")
        case "sleep":
            if !context.token.sleep(seconds: inv.number("seconds")) { throw ExecutionInterrupted() }
        case "progress": try runProgress(inv, context: context)
        case "clear": context.clearOutput(wait: inv.bool("wait"))
        case "help": try runHelp(inv, context: context)
        case "exit": context.askExit(keepKernel: inv.bool("keep_kernel"))
        case "data": try runData(inv, context: context)
        case "use":
            let entry = try model(inv, "model")
            session.current = entry.name
            context.stream(.stdout, "current model: \(entry.name)\n")
        case "summary": try runSummary(inv, context: context)
        case "params":
            let entry = try model(inv, "model")
            context.result(.text("\(entry.model.parameterCount)"))
        case "train": try runTrain(inv, context: context)
        case "evaluate": try runEvaluate(inv, context: context)
        case "predict": try runPredict(inv, context: context)
        case "save": try runSave(inv, context: context)
        case "load": try runLoad(inv, context: context)
        case "seed":
            session.seed = UInt64(inv.integer("value"))
            session.rng = RandomSource(seed: session.seed)
        case "threads":
            Parallel.threads = inv.integer("count")
        case "plugin": try runPluginLoad(inv, context: context)
        case "plugins": runPlugins(context: context)
        case "show": try runShow(inv, context: context)
        case "plot": try runPlot(inv, context: context)
        case "explain": try runExplain(inv, context: context)
        case "setweights": try runSetWeights(inv, context: context)
        case "compare": try runCompare(inv, context: context)
        default:
            throw LanguageError(.name, at: inv.nameToken, "`\(inv.spec.name)` has no implementation")
        }
    }

    /// The model named by option `key`, or the current one.
    func model(_ inv: Invocation, _ key: String) throws -> ModelEntry {
        let name = inv.text(key) ?? ""
        if name.isEmpty {
            guard let c = session.current, let e = session.models[c] else {
                throw LanguageError(.state, at: inv.nameToken, "no model yet: define one with `model NAME … end` or `model r = resnet`")
            }
            return e
        }
        guard let e = session.models[name] else {
            let known = session.modelOrder
            let hint = Suggest.hint(for: name, in: known)
            throw LanguageError(.name, at: inv.token(key), "no model named `\(name)`\(hint.isEmpty ? (known.isEmpty ? " (no models yet)" : " (models: \(known.joined(separator: ", ")))") : hint)")
        }
        return e
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
        let topic = inv.values["topic"]?.description ?? ""
        if topic.isEmpty {
            context.page(MimeBundle(data: ["text/plain": .string(overviewHelp())]))
            return
        }
        guard let text = helpText(topic) else {
            let all = commandOrder + session.layers.allNames + Array(session.definitions.keys) + Array(Keywords.openers)
            throw LanguageError(
                .name, at: inv.tokens["topic"] ?? inv.nameToken,
                "no help for `\(topic)`\(Suggest.hint(for: topic, in: all))")
        }
        context.page(MimeBundle(data: ["text/plain": .string(text)]))
    }

    func overviewHelp() -> String {
        var s = "CNN kernel \(CNNInterpreter.version)\n\nCommands:\n"
        let width = max(commandOrder.map(\.count).max() ?? 0, 12)
        func pad(_ n: String) -> String { n + String(repeating: " ", count: max(0, width - n.count)) }
        for n in commandOrder { s += "  \(pad(n))  \(commands[n]!.summary)\n" }
        s += "\nBlocks (closed by `end`):\n"
        for k in ["model", "block", "residual", "concat", "dense", "repeat", "if"] {
            s += "  \(pad(k))  \(CNNCommands.keywordDocs[k]!.split(separator: "\n").first!)\n"
        }
        s += "\nLayers (inside a model or block):\n"
        for n in session.layers.names where session.definitions[n] == nil {
            s += "  \(pad(n))  \(session.layers.plugin(named: n)!.summary)\n"
        }
        let blocks = session.definitions.values.sorted { $0.name < $1.name }
        if !blocks.isEmpty {
            s += "\nBlocks and zoo models (use in a model, or `model r = NAME`; `show source NAME`):\n"
            for d in blocks { s += "  \(pad(d.name))  \(d.signature)\n" }
        }
        s += "\nA bare arithmetic expression (1 + 2, 2 * (3 + 4)) shows its value.\n"
        s += "A cell is checked as a whole before it runs: a syntax or option mistake anywhere means nothing runs.\n"
        s += "A failing line stops the cell; the lines before it keep their effects.\n"
        s += "\n`help NAME` shows one command, layer or block; Shift-Tab on a name shows the same in a notebook.\n"
        return s
    }

    func helpText(_ topic: String) -> String? {
        if let c = commands[topic] { return c.helpText }
        if let d = session.definitions[topic] { return "block \(d.signature)    (\(d.origin))\n\n\(d.doc)\n" }
        if let p = session.layers.plugin(named: topic) {
            return "layer " + p.helpText + "\n(\(session.layers.origin(of: p.name) ?? "built-in"))\n"
        }
        if let k = CNNCommands.keywordDocs[topic] { return k + "\n" }
        return nil
    }
}
