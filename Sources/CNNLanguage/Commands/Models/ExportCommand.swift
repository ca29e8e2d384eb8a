import CNNCore
import CNNEngine
import JupyterKernel

/// `export`: a model as an ONNX file, for onnxruntime, Netron and every tool that reads ONNX.
struct ExportCommand: Command {
    static let path = Key<String>("path", .path, positional: true, "the .onnx file to write")
    static let normalize = Key<String>("normalize", .choice(["auto", "yes", "no"]), default: "auto",
                                       tr("put the data's normalisation in the graph, so it takes pixel values in [0, 1] (auto: when the model has data)"))
    let spec = CommandSpec(
        name: "export",
        summary: "Writes a model as an ONNX file that onnxruntime runs and Netron draws (opset 17, written atomically).",
        parameters: [path.spec, Common.model.spec, normalize.spec],
        examples: ["export \"net.onnx\"", "export \"resnet.onnx\" model=r normalize=no"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv)
        let path = inv[Self.path]
        let data = env.session.data.flatMap { $0.split.train.shape == entry.model.inputShape ? $0 : nil }
        var normalization: Normalization?
        switch inv[Self.normalize] {
        case "no": normalization = nil
        default:
            normalization = entry.normalization ?? data?.split.normalization
            if normalization == nil && inv[Self.normalize] == "yes" {
                throw LanguageError(.state, at: inv.token(Self.normalize),
                                    "\(entry.name) has no data normalisation to put in the graph: load data of its shape \(entry.model.inputShape) first, or export with normalize=no")
            }
        }
        let classes = entry.classNames ?? data.map(\.classNames)
        // The weights, copied into the protobuf message and then into its parents: about three times their size at once.
        let weightBytes = entry.model.parameterCount * 4
        try env.requireMemory(3 * weightBytes + (1 << 20), for: "writing \(entry.name) as ONNX", hint: "export a smaller model", at: inv.token(Self.path))
        let result: ONNXExport.Result
        do {
            result = try ONNXExport.export(entry.model, name: entry.name, normalization: normalization,
                                           classNames: classes?.count == entry.model.classes ? classes : nil,
                                           producerVersion: CNNInterpreter.version,
                                           shouldStop: { [token = env.context.token] in token.isCancelled })
        } catch let e as ONNXExportRefusal {
            throw LanguageError(.value, at: inv.nameToken, Phrase(verbatim: e.description))
        }
        do { try writeFileAtomically(path, result.bytes) } catch let e as DataError {
            throw LanguageError(.value, at: inv.token(Self.path), Phrase(verbatim: e.description))
        }
        env.context.result(report(entry, path: path, result))
    }

    func report(_ entry: ModelEntry, path: String, _ r: ONNXExport.Result) -> MimeBundle {
        let shape = ONNXExport.shapeText(entry.model.inputShape)
        let input = r.normalizes
            ? tr("pixel values in [0, 1], shape (N, \(shape)); the graph normalises them as training did")
            : tr("images already normalised as the model sees them, shape (N, \(shape))")
        let ops = r.operators.map { "\($0.name) ×\($0.count)" }.joined(separator: ", ")
        let size = MemoryBudget.formatBytes(r.bytes.count)
        let snippet = """
            import numpy as np, onnxruntime as ort
            session = ort.InferenceSession("\(path)")
            images = np.zeros((1, \(shape)), np.float32)  # your images here
            logits, probabilities = session.run(None, {"\(r.inputName)": images})
            """
        var text = tr("exported \(entry.name) to \(path) (ONNX, opset \(ONNXGraph.opset), \(size))\n")
        text += tr("  input   \(r.inputName): \(input)\n")
        text += tr("  outputs \(ONNXExport.logitsName) and \(ONNXExport.probabilitiesName), shape (N, \(entry.model.classes))\n")
        text += tr("  \(r.nodeCount) nodes: \(ops)\n")
        text += tr("  \(formatCount(r.weightCount)) stored values (weights and normalisation statistics)\n")
        text += tr("Open it in Netron (https://netron.app) to see the graph, or run it with onnxruntime:\n")
        text += snippet.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        var html = tr("<div><b>exported \(escape(entry.name))</b> to <code>\(escape(path))</code> (ONNX, opset \(ONNXGraph.opset), \(escape(size)))")
        html += tr("<table><tr><td>input</td><td><code>\(r.inputName)</code>: \(escape(input))</td></tr>")
        html += tr("<tr><td>outputs</td><td><code>\(ONNXExport.logitsName)</code> and <code>\(ONNXExport.probabilitiesName)</code>, shape (N, \(entry.model.classes))</td></tr>")
        html += tr("<tr><td>nodes</td><td>\(r.nodeCount): \(escape(ops))</td></tr>")
        html += tr("<tr><td>stored values</td><td>\(escape(formatCount(r.weightCount)))</td></tr></table>")
        html += tr("<p>Open it in <a href=\"https://netron.app\" target=\"_blank\">Netron</a> to see the graph, or run it with onnxruntime:</p>")
        html += "<pre>\(escape(snippet))</pre></div>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }
}
