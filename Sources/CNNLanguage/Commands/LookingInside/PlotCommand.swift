import CNNCore
import JupyterKernel

/// `plot`: training history as a chart.
struct PlotCommand: Command {
    static let what = Key<String>("what", .choice(["loss", "accuracy", "lr", "gradients"]), positional: true, "which curve")
    static let models = Key<[ParameterValue]>("models", .words, default: [], "models to compare (default: the current model)")
    static let by = Key<String>("by", .choice(["depth", "epoch"]), default: "depth", "gradients: across the layers (several models on one chart) or over training (one model)")
    let spec = CommandSpec(
        name: "plot", summary: "Charts of training history: loss, accuracy, learning rate or the gradient at each layer; several models on one chart.",
        doc: "plot gradients shows the norm of the gradient arriving at each layer with weights, recorded about 20 times an epoch: by=depth compares models across their layers (a plain deep network's gradient fades on the way to the input; a residual one's does not), by=epoch follows one model's layers over training.",
        parameters: [what.spec, models.spec, by.spec], examples: ["plot loss", "plot accuracy models=[a, b, c]", "plot gradients models=[plain, res]", "plot gradients by=epoch"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let what = inv[Self.what]
        var entries = try env.models(inv, Self.models)
        if entries.isEmpty { entries = [try env.model(inv)] }
        guard entries.contains(where: { !$0.history.steps.isEmpty }) else {
            throw LanguageError(.state, at: inv.nameToken, "nothing to plot yet: train first")
        }
        let runs = entries.map { ($0.name, $0.history) }
        if what == "gradients" {
            let recorded = runs.filter { !$0.1.gradients.isEmpty }
            guard !recorded.isEmpty else { throw LanguageError(.state, at: inv.nameToken, "no gradients recorded yet: train first (the gradients are recorded while training)") }
            if inv[Self.by] == "epoch" && recorded.count > 1 {
                throw LanguageError(.value, at: inv.token(Self.by), "by=epoch follows one model; give one (models=[\(recorded[0].0)]), or by=depth for several")
            }
            let (chart, text) = inv[Self.by] == "epoch" ? GradientCharts.byEpoch(recorded[0].0, recorded[0].1) : GradientCharts.byDepth(recorded)
            return env.context.display(MimeBundle(data: ["image/svg+xml": .string(chart.svg), "text/plain": .string(text)],
                                                  metadata: ["image/svg+xml": ["width": .int(chart.width), "height": .int(chart.height)]]))
        }
        let chart = HistoryCharts.chart(runs, what: what)
        let text = HistoryCharts.text(runs, what: what)
        env.context.display(MimeBundle(data: ["image/svg+xml": .string(chart.svg), "text/plain": .string(text)],
                                       metadata: ["image/svg+xml": ["width": .int(chart.width), "height": .int(chart.height)]]))
    }
}
