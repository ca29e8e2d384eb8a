import CNNCore
import CNNEngine
import JupyterKernel

/// `evaluate`: accuracy and loss on a split, as the cell's value.
struct EvaluateCommand: Command {
    static let limit = Key<Int>("limit", .integer(min: 0, max: 10_000_000), default: 0, "at most this many images (0: all)")
    static let shift = Key<[Int]>("shift", .integerList(min: -16, max: 16), default: [0, 0],
                                  "move every image [rows down, columns right] first (negative: up, left), filling with 0")
    let spec = CommandSpec(
        name: "evaluate", summary: "Accuracy and loss of a model on the test (or validation, or training) images, as the cell's value.",
        parameters: [Common.split.spec, limit.spec, shift.spec, Common.model.spec],
        examples: ["evaluate", "evaluate split=validation", "evaluate shift=[0, 3]"])

    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        guard inv[Self.shift].count == 2 else {
            throw LanguageError(.value, at: inv.token(Self.shift), "shift= is [rows, columns], as in shift=[0, 3]")
        }
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let by = inv[Self.shift]
        let moved = by != [0, 0]
        let (entry, _, _, e) = try env.evaluate(inv, limit: inv[Self.limit] > 0 ? inv[Self.limit] : nil, shift: moved ? (by[0], by[1]) : nil)
        let context = env.context
        let split = inv[Common.split]
        let shown = shownSplit(split)
        let shifted = moved ? tr(", shifted by \(by[0]) rows and \(by[1]) columns") : ""
        let text = tr("accuracy \(percent(e.accuracy)) (loss \(fixed(e.loss, 4))) on \(formatCount(e.labels.count)) \(shown) images") + shifted
        let html = tr("<b>\(escape(entry.name))</b>: accuracy <b>\(percent(e.accuracy))</b>, loss \(fixed(e.loss, 4)) on \(formatCount(e.labels.count)) \(shown) images") + shifted
        context.result(MimeBundle(data: [
            "text/plain": .string(text), "text/html": .string(html),
            "application/json": ["model": .string(entry.name), "split": .string(split), "accuracy": .number(e.accuracy), "loss": .number(e.loss), "images": .int(e.labels.count),
                                 "shift": .array(by.map { .int($0) })],
        ]))
    }
}
