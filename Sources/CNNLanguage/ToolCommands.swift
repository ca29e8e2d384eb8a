import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel

/// Setting weights by hand, comparing models, and the quick mode of the tests.
extension CNNInterpreter {
    /// CNN_KERNEL_QUICK=1 shrinks data (3,000 training, 1,000 test images) and training (one epoch of at
    /// most 30 batches), so notebooks written for full runs execute in seconds in CI.
    static var quickMode: Bool { FileIO.environment("CNN_KERNEL_QUICK").map { $0 == "1" || $0 == "true" } ?? false }

    func runSetWeights(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        let (name, layer) = try layerNamed(entry, inv)
        guard let w = layer.parameters.first else { throw LanguageError(.value, at: inv.token("layer"), "\(name) has no weights") }
        let values = (inv.values["values"]?.listItems ?? []).compactMap { v -> Float? in if case .number(let d) = v { return Float(d) }; return nil }
        guard values.count == w.count else {
            throw LanguageError(.value, at: inv.token("values"), "\(name).\(w.name) has shape \(w.shape) = \(w.count) values; \(values.count) given")
        }
        w.setValues(inShapeOrder: values)
        let bias = (inv.values["bias"]?.listItems ?? []).compactMap { v -> Float? in if case .number(let d) = v { return Float(d) }; return nil }
        if !bias.isEmpty {
            guard layer.parameters.count > 1, layer.parameters[1].count == bias.count else {
                throw LanguageError(.value, at: inv.token("bias"), "\(name) has \(layer.parameters.count > 1 ? "\(layer.parameters[1].count) biases" : "no bias"); \(bias.count) given")
            }
            layer.parameters[1].setValues(inShapeOrder: bias)
        }
        context.stream(.stdout, "set \(name).\(w.name) \(w.shape)\(bias.isEmpty ? "" : " and its bias")\n")
    }

    func runCompare(_ inv: Invocation, context: ExecutionContext) throws {
        var names = (inv.values["models"]?.listItems ?? []).map(\.description)
        if names.isEmpty { names = session.modelOrder }
        guard !names.isEmpty else { throw LanguageError(.state, at: inv.nameToken, "no models to compare") }
        var rows: [[String]] = [["model", "parameters", "multiply-adds", "s/epoch", "best val. acc.", "test acc."]]
        for n in names {
            guard let e = session.models[n] else {
                throw LanguageError(.name, at: inv.token("models"), "no model named `\(n)`\(Suggest.hint(for: n, in: session.modelOrder))")
            }
            let epochs = e.history.epochs
            let perEpoch = epochs.isEmpty ? "–" : fixed(epochs.map(\.seconds).reduce(0, +) / Double(epochs.count), 1)
            let bestVal = epochs.compactMap(\.validationAccuracy).max().map(percent) ?? "–"
            var test = "–"
            if let data = session.data, e.model.inputShape == data.shape, let t = data.split.test, e.trained {
                test = percent(Evaluation.run(e.model, on: t, normalization: e.normalization ?? data.split.normalization).accuracy)
            }
            rows.append([n, formatCount(e.model.parameterCount), formatCount(e.model.root.totalMultiplyAdds), perEpoch, bestVal, test])
            try context.token.check()
        }
        let widths = (0..<6).map { c in rows.map { $0[c].count }.max()! }
        let text = rows.map { r in (0..<6).map { c in c == 0 ? r[c].padding(widths[c]) : String(repeating: " ", count: widths[c] - r[c].count) + r[c] }.joined(separator: "  ") }.joined(separator: "\n") + "\n"
        var html = "<table><thead><tr>" + rows[0].map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows.dropFirst() { html += "<tr><td style=\"text-align:left\"><b>\(escape(r[0]))</b></td>" + r.dropFirst().map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html + "</tbody></table>")]))
    }
}
