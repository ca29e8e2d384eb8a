import CNNCore
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
        var rows: [[String]] = [["model", "parameters", "multiply-adds", "s/epoch", "best val. acc.", "test acc."]]
        for e in entries {
            let epochs = e.history.epochs
            let perEpoch = epochs.isEmpty ? "–" : fixed(epochs.map(\.seconds).reduce(0, +) / Double(epochs.count), 1)
            let bestVal = epochs.compactMap(\.validationAccuracy).max().map(percent) ?? "–"
            var test = "–"
            if let data = session.data, e.model.inputShape == data.shape, let t = data.split.test, e.trained {
                test = percent(Evaluation.run(e.model, on: t, normalization: e.normalization ?? data.split.normalization,
                                              shouldStop: { context.token.isCancelled }).accuracy)
            }
            rows.append([e.name, formatCount(e.model.parameterCount), formatCount(e.model.root.totalMultiplyAdds), perEpoch, bestVal, test])
            try context.token.check()
        }
        let widths = (0..<6).map { c in rows.map { $0[c].count }.max()! }
        let text = rows.map { r in (0..<6).map { c in c == 0 ? r[c].padding(widths[c]) : String(repeating: " ", count: widths[c] - r[c].count) + r[c] }.joined(separator: "  ") }.joined(separator: "\n") + "\n"
        var html = "<table><thead><tr>" + rows[0].map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows.dropFirst() { html += "<tr><td style=\"text-align:left\"><b>\(escape(r[0]))</b></td>" + r.dropFirst().map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html + "</tbody></table>")]))
    }
}
