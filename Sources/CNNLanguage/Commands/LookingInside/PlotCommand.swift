import CNNCore
import JupyterKernel

/// `plot`: training history as a chart.
struct PlotCommand: Command {
    static let what = Key<String>("what", .choice(["loss", "accuracy", "lr"]), positional: true, "which curve")
    static let models = Key<[ParameterValue]>("models", .words, default: [], "models to compare (default: the current model)")
    let spec = CommandSpec(
        name: "plot", summary: "Charts of training history: loss, accuracy or learning rate; several models on one chart.",
        parameters: [what.spec, models.spec], examples: ["plot loss", "plot accuracy models=[a, b, c]"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let what = inv[Self.what]
        var entries = try env.models(inv, Self.models)
        if entries.isEmpty { entries = [try env.model(inv)] }
        guard entries.contains(where: { !$0.history.steps.isEmpty }) else {
            throw LanguageError(.state, at: inv.nameToken, "nothing to plot yet: train first")
        }
        let runs = entries.map { ($0.name, $0.history) }
        let chart = HistoryCharts.chart(runs, what: what)
        let text = HistoryCharts.text(runs, what: what)
        env.context.display(MimeBundle(data: ["image/svg+xml": .string(chart.svg), "text/plain": .string(text)],
                                       metadata: ["image/svg+xml": ["width": .int(chart.width), "height": .int(chart.height)]]))
    }
}
