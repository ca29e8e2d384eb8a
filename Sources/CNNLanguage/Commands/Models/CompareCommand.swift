import CNNCore
import Rendering
import CNNEngine
import JupyterKernel

/// `compare`: a table of models side by side.
struct CompareCommand: Command {
    let spec = CommandSpec(
        name: "compare", summary: "A table comparing models: parameters, multiply-adds, time per epoch, validation and test accuracy.",
        parameters: [Common.models.spec], examples: ["compare models=[g, r, d]"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let session = env.session, context = env.context
        var entries = try env.models(inv)
        if entries.isEmpty { entries = session.modelOrder.compactMap { session.models[$0] } }
        guard !entries.isEmpty else { throw LanguageError(.state, at: inv.nameToken, "no models to compare") }
        var table = Table([.init(tr("model")), .init(tr("parameters"), .right), .init(tr("multiply-adds"), .right), .init(tr("s/epoch"), .right),
                           .init(tr("best val. acc."), .right), .init(tr("test acc."), .right)])
        for e in entries {
            let epochs = e.history.epochs
            let perEpoch = epochs.isEmpty ? "–" : fixed(epochs.map(\.seconds).reduce(0, +) / Double(epochs.count), 1)
            let bestVal = epochs.compactMap(\.validationAccuracy).max().map(percent) ?? "–"
            var test = "–"
            if let data = session.data, e.model.inputShape == data.shape, let t = data.split.test, e.trained {
                try env.requireInferenceMemory(e, batch: min(256, t.count), what: "evaluating", at: inv.nameToken)
                test = percent(Evaluation.run(e.model, on: t, normalization: e.normalization ?? data.split.normalization,
                                              shouldStop: { context.token.isCancelled }).accuracy)
            }
            table.add([e.name, formatCount(e.model.parameterCount), formatCount(e.model.root.totalMultiplyAdds), perEpoch, bestVal, test], strong: true)
            try context.token.check()
        }
        context.display(table.bundle)
    }
}
