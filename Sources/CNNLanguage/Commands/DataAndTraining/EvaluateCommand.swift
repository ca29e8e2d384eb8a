import CNNCore
import CNNEngine
import JupyterKernel

/// `evaluate`: accuracy and loss on a split, as the cell's value.
struct EvaluateCommand: Command {
    static let limit = Key<Int>("limit", .integer(min: 0, max: 10_000_000), default: 0, "at most this many images (0: all)")
    let spec = CommandSpec(
        name: "evaluate", summary: "Accuracy and loss of a model on the test (or validation, or training) images, as the cell's value.",
        parameters: [Common.split.spec, limit.spec, Common.model.spec], examples: ["evaluate", "evaluate split=validation"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let (entry, _, _, e) = try env.evaluate(inv, limit: inv[Self.limit] > 0 ? inv[Self.limit] : nil)
        let context = env.context
        let split = inv[Common.split]
        let text = tr("accuracy \(percent(e.accuracy)) (loss \(fixed(e.loss, 4))) on \(formatCount(e.labels.count)) \(split) images")
        let html = tr("<b>\(escape(entry.name))</b>: accuracy <b>\(percent(e.accuracy))</b>, loss \(fixed(e.loss, 4)) on \(formatCount(e.labels.count)) \(split) images")
        context.result(MimeBundle(data: [
            "text/plain": .string(text), "text/html": .string(html),
            "application/json": ["model": .string(entry.name), "split": .string(split), "accuracy": .number(e.accuracy), "loss": .number(e.loss), "images": .int(e.labels.count)],
        ]))
    }
}
