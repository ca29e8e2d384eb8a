import CNNCore
#if canImport(Glibc)
import Glibc
#endif
import CNNEngine
import JupyterKernel
import Rendering

/// `lrfind`: the learning-rate range test (LearningRateFinder): loss against an exponentially
/// growing learning rate, the suggested rate marked, and the model's weights as they were.
struct LRFindCommand: Command {
    static let start = Key<Double>("start", .number(min: 1e-12, max: 1), default: 1e-7, "the first learning rate")
    static let end = Key<Double>("end", .number(min: 1e-9, max: 1000), default: 10, "the last learning rate")
    static let steps = Key<Int>("steps", .integer(min: 20, max: 10_000), default: 200, "training steps, the rate growing by the same factor at each")
    let spec = CommandSpec(
        name: "lrfind", summary: "The learning-rate range test: the loss as the learning rate grows from tiny to huge, with a suggested rate; the model's weights are put back afterwards.",
        doc: "A few hundred training steps with a fresh optimiser, the rate multiplied by the same factor at each step. The loss falls once the rate is large enough to learn, then rises and blows up once it is too large (the test ends there). The suggestion is where the smoothed loss falls fastest; a tenth of the rate at its minimum is the other usual pick. Then train with it: `train lr=…`.",
        parameters: [start.spec, end.spec, steps.spec, TrainCommand.batch.spec, TrainCommand.optimizer.spec, TrainCommand.momentum.spec,
                     TrainCommand.weightDecay.spec, Common.model.spec],
        examples: ["lrfind", "lrfind optimizer=adam start=1e-6 end=1 steps=100"])

    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        guard inv[Self.end] > inv[Self.start] else {
            throw LanguageError(.value, at: inv.token(inv.given(Self.end) ? Self.end : Self.start), "end=\(NumberFormat.shortest(inv[Self.end])) must be above start=\(NumberFormat.shortest(inv[Self.start]))")
        }
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv)
        let data = try env.dataFor(entry, inv)
        let batch = inv[TrainCommand.batch]
        let kind = Optimizer.Kind(rawValue: inv[TrainCommand.optimizer]) ?? .sgd
        try env.requireTrainingMemory(entry, batch: batch, optimizer: kind, momentum: inv[TrainCommand.momentum] > 0,
                                      at: inv.given(TrainCommand.batch) ? inv.token(TrainCommand.batch) : inv.nameToken)
        let context = env.context
        let total = inv[Self.steps], label = "lrfind \(entry.name)"
        let bar = LiveProgressBar(context, total: total, label: label)
        var done = 0
        let r = LearningRateFinder.run(
            model: entry.model, data: data.split, batchSize: batch, kind: kind, momentum: inv[TrainCommand.momentum], weightDecay: inv[TrainCommand.weightDecay],
            start: inv[Self.start], end: inv[Self.end], steps: inv[Self.steps], augment: data.augment, rng: env.session.rng.fork(),
            shouldStop: {
                context.pollIncoming()
                done += 1
                bar.advance(to: done - 1)
                return context.token.isCancelled
            })
        bar.finish(at: r.rates.count, label: label + (r.endedEarly.map { tr(": ended early, \($0)") } ?? ""))
        if context.token.isCancelled { throw ExecutionInterrupted() }
        guard r.rates.count >= 5 else {
            throw LanguageError(.value, at: inv.nameToken, "the loss blew up within \(r.rates.count) steps: start lower (start=\(NumberFormat.shortest(inv[Self.start] / 100)))")
        }
        var chart = LineChart(title: tr("learning-rate range test of \(entry.name) (\(kind.rawValue), batch \(batch))"), xLabel: tr("learning rate (log scale)"), yLabel: tr("loss"),
                              series: [.init(name: tr("loss (smoothed)"), points: zip(r.rates, r.smoothed).map { ($0, $1) }),
                                       .init(name: tr("loss of each step"), points: zip(r.rates, r.losses).map { ($0, $1) }, dashed: true)])
        chart.logX = true
        chart.colorKeys = [0, 7]
        // The raw losses of the last steps can be huge: the y axis follows the smoothed curve's range.
        let shown = r.smoothed.max() ?? 1
        chart.series[1].points = chart.series[1].points.map { ($0.0, min($0.1, shown * 1.5)) }
        // Without a descent there is nothing to suggest, and the lowest point is just where the test began.
        if let s = r.suggestion {
            chart.marks.append((s, tr("suggested \(sci(s))")))
            if let m = r.minimum { chart.marks.append((r.rates[m], tr("minimum \(sci(r.rates[m]))"))) }
        }
        var text = tr("learning-rate range test of \(entry.name): \(r.rates.count) steps, lr \(sci(r.rates.first!)) → \(sci(r.rates.last!))")
        if let why = r.endedEarly { text += tr(" (ended early: \(why))") }
        text += "\n" + TextPlot.lines([("loss", zip(r.rates, r.smoothed).map { (log10($0), $1) })], title: tr("smoothed loss against log10(lr)"))
        if let s = r.suggestion {
            text += tr("suggested lr: \(sci(s)) (where the loss falls fastest)")
            if let m = r.minimum { text += tr("; the loss is lowest at \(sci(r.rates[m])), and a tenth of that, \(sci(r.rates[m] / 10)), is the other usual pick") }
            text += "\n"
        } else {
            text += tr("no clear descent: the loss did not fall before it rose (a trained model has little left to learn at any rate; on a fresh one, try a wider range or more steps)\n")
        }
        text += tr("the weights of \(entry.name) are as they were before the test\n")
        context.display(MimeBundle(data: ["image/svg+xml": .string(chart.svg), "text/plain": .string(text)],
                                   metadata: ["image/svg+xml": ["width": .int(chart.width), "height": .int(chart.height)]]))
    }
}
