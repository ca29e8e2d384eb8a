import CNNCore
import CNNEngine
import JupyterKernel

/// A command of the language: its declaration (`spec`: name, typed parameters, documentation,
/// examples) and what it does. One file per command, in a folder by what it is for; the list in
/// `Commands.all` is the only place a command is registered. The interpreter binds a command's
/// arguments against its spec before any line of the cell runs, then calls `run`.
protocol Command: Sendable {
    var spec: CommandSpec { get }
    /// Checks that need the session but no data, made with every other check before the cell
    /// runs (gradcheck's layer options). `earlier`: what the cell's earlier lines will add.
    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws
    func run(_ inv: Invocation, in env: CommandEnvironment) throws
    /// Whether running it may add layer types (`plugin load`), so later lines' layers are checked when they run.
    var addsLayerTypes: Bool { get }
}

extension Command {
    var addsLayerTypes: Bool { false }
    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {}
}

/// What the lines of a cell before a command will have added when it runs: the blocks they
/// define, and whether they load a plugin library (whose layers cannot be known before).
struct EarlierLines {
    var blocks: Set<String> = []
    var loadPlugins = false
}

/// Every command, in the order `help` lists them.
enum Commands {
    static let all: [Command] = [
        // Basics: output, errors, waiting, a live display, help.
        PrintCommand(), WarnCommand(), FailCommand(), SleepCommand(), ProgressCommand(), ClearCommand(), HelpCommand(), ExitCommand(),
        // Data and training.
        DataCommand(), UseCommand(), SummaryCommand(), ParamsCommand(), TrainCommand(), LRFindCommand(), EvaluateCommand(), PredictCommand(), ClassifyCommand(), DrawCommand(),
        SaveCommand(), LoadCommand(), ExportCommand(), SeedCommand(), ThreadsCommand(), MemoryCommand(),
        // Tools, looking inside, explaining.
        PluginCommand(), PluginsCommand(), GradcheckCommand(), ShowCommand(), PlotCommand(), ExplainCommand(), AttributeCommand(), ConvolveCommand(),
        SetWeightsCommand(), CompareCommand(), AskCommand(), CheckCommand(),
    ]
}

/// What a running command works with: the session, the cell's output, the cell's text, and the
/// interpreter (for help and the plugin list).
final class CommandEnvironment {
    let interpreter: CNNInterpreter
    let context: ExecutionContext
    /// The text of the cell being run (for `show source` of what it defines).
    let source: String
    var session: Session { interpreter.session }

    init(interpreter: CNNInterpreter, context: ExecutionContext, source: String) {
        self.interpreter = interpreter
        self.context = context
        self.source = source
    }
}

/// Parameters several commands share, declared once: a command lists the ones it takes, and the
/// helpers that find a model, an image or a layer read them.
enum Common {
    static let model = Key<String>("model", .name, default: "", "the model (default: the current model)")
    static let split = Key<String>("split", .choice(["test", "validation", "train"]), default: "test", "which images")
    static let image = Key<Int>("image", .integer(min: 0, max: 10_000_000), default: 0, "which image of the split")
    static let layer = Key<String>("layer", .name, default: "", "a layer of the model, by its name (conv1, resblock2.residual1…)")
    static let models = Key<[ParameterValue]>("models", .words, default: [], "the models (default: all, or the current one)")
}
