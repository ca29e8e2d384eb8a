import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// The live display of `train`: one output, updated in place at most four times a second,
/// with a progress bar, the current loss, accuracy, speed, time left and learning rate, and a
/// row per finished epoch. Each finished epoch is also printed as a line; a console, which
/// ignores display updates, also gets a progress line rewritten in place (`ProgressLine`).
final class TrainingDisplay {
    let model: String
    let context: ExecutionContext
    let history: TrainingHistory
    let id: String
    /// Progress for a console; nil for notebooks and headless runs.
    let line: ProgressLine?
    var lastUpdate = -1.0
    var latest: BatchProgress?
    var totalSteps = 0
    var epochs: [EpochSummary] = []
    /// What the learner changed while training ran ("lr set to 3.0e−3 at step 57").
    var notes: [String] = []

    /// Draws the curves (set by the interpreter, which owns the chart code).
    var charts: ((TrainingHistory) -> String)?
    /// A picture of the model as it is (feature maps or filters of a layer, `train watch=`),
    /// redrawn at most every `watchInterval` seconds and at each epoch's end: a forward pass
    /// and a PNG, kept away from every batch so training keeps its speed.
    var watch: (() -> (png: [UInt8], caption: String)?)?
    var watchInterval = 2.0
    private var watchHTML = ""
    private var watchedAt = -Double.infinity
    private var watchedStatus = "training"
    /// Pictures drawn so far and the seconds spent drawing them (what watching costs training).
    private(set) var watchDraws = 0
    private(set) var watchSeconds = 0.0

    init(model: String, context: ExecutionContext, history: TrainingHistory) {
        self.model = model
        self.context = context
        self.history = history
        id = context.newDisplayID()
        line = ProgressLine(context)
    }

    func handle(_ e: TrainingEvent) {
        switch e {
        case .started(let total, let perEpoch):
            totalSteps = total
            var first = bundle(status: "starting")
            if line != nil {
                // What a console shows of this display, the only state it sees: what comes next.
                let epochs = total / max(1, perEpoch)
                first.data["text/plain"] = .string(
                    tr("\(model): \(epochs) epoch\(epochs == 1 ? "" : "s") of \(formatCount(perEpoch)) batches. The line below shows the progress at each tenth of an epoch and every 5 s in between; each epoch ends with a line of its own.").wrapped(width: ProgressLine.width))
            }
            context.display(first, displayID: id)
            lastUpdate = Timestamps.monotonicSeconds()
        case .batch(let b):
            latest = b
            let now = Timestamps.monotonicSeconds()
            line?.offer(fraction: Double(b.batch) / Double(max(1, b.batchesPerEpoch)), part: b.epoch, now: now) { progressLine(b) }
            if now - lastUpdate >= 0.25 {
                context.updateDisplay(bundle(status: "training"), displayID: id)
                lastUpdate = now
            }
        case .epoch(let s):
            epochs.append(s)
            printLine(epochLine(s))
            context.updateDisplay(bundle(status: "training"), displayID: id)
            lastUpdate = Timestamps.monotonicSeconds()
        }
    }

    /// A change made while training runs, shown in the display and printed as a line.
    /// Notes made after training ended (early stopping, the run log) keep the final status:
    /// they showed "training" again before.
    func note(_ text: String) {
        notes.append(text)
        printLine(text)
        context.updateDisplay(bundle(status: finalStatus ?? "training"), displayID: id)
        lastUpdate = Timestamps.monotonicSeconds()
    }

    /// The status once training has ended.
    private var finalStatus: String?

    private func end(_ status: String) {
        finalStatus = status
        context.updateDisplay(bundle(status: status), displayID: id)
        // Training stopped within an epoch: the console's progress line ends with why.
        if let line, line.isOpen { line.print(shownStatus(status)) }
    }

    /// A line of the text log, over a console's open progress line if there is one.
    private func printLine(_ text: String) {
        if let line { line.print(text) } else { context.stream(.stdout, text + "\n") }
    }

    /// A console's progress line: `epoch 2/10 ▕████▌       ▏ 38% · loss 0.6123 · accuracy 78.21% · 0:10 left`.
    func progressLine(_ b: BatchProgress) -> String {
        let f = Double(b.batch) / Double(max(1, b.batchesPerEpoch))
        return tr("epoch \(b.epoch)/\(b.epochs) \(ProgressBar.bar(fraction: f, width: 12)) \(Int((f * 100).rounded(.down)))% · loss \(fixed(b.epochLoss, 4)) · accuracy \(percent(b.epochAccuracy)) · \(eta(b.secondsLeft)) left")
    }

    func finishStopped(epoch: Int, batch: Int) {
        end(tr("stopped with the Stop button at epoch \(epoch), batch \(batch); the model keeps the weights of the last finished step"))
    }

    func finish(_ outcome: TrainingOutcome) {
        switch outcome {
        case .completed: end("done")
        case .interrupted(let e, let b): end(tr("interrupted at epoch \(e), batch \(b); the model keeps the weights of the last finished step"))
        case .diverged(let e, let b, _, let loss): end(tr("diverged at epoch \(e), batch \(b) (loss \(fixed(loss, 4))); the model keeps the weights from before that batch"))
        }
    }

    /// The headline figures: the epoch so far, labelled, then the last batch's loss.
    func runningText(_ b: BatchProgress) -> String {
        tr("this epoch so far: loss \(fixed(b.epochLoss, 4)), accuracy \(percent(b.epochAccuracy)) over \(formatCount(b.epochImages)) images; last batch loss \(fixed(b.loss, 4))")
    }

    func epochLine(_ s: EpochSummary) -> String {
        var l = tr("epoch \(s.epoch): train loss \(fixed(s.trainLoss, 4)), accuracy \(percent(s.trainAccuracy))")
        if let vl = s.validationLoss, let va = s.validationAccuracy { l += tr("; validation loss \(fixed(vl, 4)), accuracy \(percent(va))") }
        return l + "; \(fixed(s.seconds, 1)) s"
    }

    func bundle(status: String) -> MimeBundle {
        let b = latest
        let step = b?.step ?? 0
        let bar = ProgressBar.bundle(step: step, of: max(1, totalSteps), label: model).data["text/plain"]!.stringValue!
        var text = "\(bar)  \(shownStatus(status))\n"
        if let b {
            text += tr("epoch \(b.epoch)/\(b.epochs), batch \(b.batch)/\(b.batchesPerEpoch): \(runningText(b)), \(Int(b.imagesPerSecond)) images/s, \(eta(b.secondsLeft)) left, lr \(sci(b.learningRate))\n")
        }
        for n in notes { text += n + "\n" }
        // Finished epochs are printed as lines of their own (handle), so the text form does not repeat them.
        var html = "<div style=\"font-family:var(--jp-code-font-family,monospace);font-size:12px\">"
        html += "<div><b>\(escape(model))</b> · \(escape(shownStatus(status)))</div>"
        html += "<progress value=\"\(step)\" max=\"\(max(1, totalSteps))\" style=\"width:24em\"></progress> " + tr("\(step)/\(totalSteps) steps")
        if let b {
            html += tr("<div>epoch \(b.epoch)/\(b.epochs), batch \(b.batch)/\(b.batchesPerEpoch) · this epoch so far: loss <b>\(fixed(b.epochLoss, 4))</b>, accuracy <b>\(percent(b.epochAccuracy))</b> over \(formatCount(b.epochImages)) images · last batch: loss \(fixed(b.loss, 4)) · \(Int(b.imagesPerSecond)) images/s · \(eta(b.secondsLeft)) left · lr \(sci(b.learningRate))</div>")
        }
        for n in notes { html += "<div>\(escape(n))</div>" }
        if let watch {
            let now = Timestamps.monotonicSeconds()
            let lastDraw = status != "training" && watchedStatus != status
            if now - watchedAt >= watchInterval || lastDraw, let (png, caption) = watch() {
                watchedStatus = status
                watchHTML = "<div><div>\(escape(caption))</div><img src=\"data:image/png;base64,\(Base64.encode(png))\" style=\"max-width:100%\"></div>"
                watchedAt = Timestamps.monotonicSeconds()
                watchDraws += 1
                watchSeconds += watchedAt - now
            }
            html += watchHTML
        }
        if let charts, history.steps.count > 1 { html += charts(history) }
        if !epochs.isEmpty {
            var table = Table([.init(tr("epoch"), .right), .init(tr("train loss"), .right), .init(tr("train acc."), .right), .init(tr("val. loss"), .right),
                               .init(tr("val. acc."), .right), .init(tr("seconds"), .right)])
            for s in epochs {
                table.add(["\(s.epoch)", fixed(s.trainLoss, 4), percent(s.trainAccuracy), s.validationLoss.map { fixed($0, 4) } ?? "–",
                           s.validationAccuracy.map(percent) ?? "–", fixed(s.seconds, 1)])
            }
            html += table.html
        }
        html += "</div>"
        return MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)])
    }

    func eta(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "?" }
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600):\(pad2((t / 60) % 60)):\(pad2(t % 60))" : "\(t / 60):\(pad2(t % 60))"
    }
    func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
