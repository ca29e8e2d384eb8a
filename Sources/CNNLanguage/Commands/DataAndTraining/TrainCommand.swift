import CNNCore
import CNNEngine
import JupyterKernel
import Widgets

/// `train`: trains a model on the loaded data with a live display.
struct TrainCommand: Command {
    static let epochs = Key<Int>("epochs", .integer(min: 1, max: 10_000), default: 1, "passes over the training images")
    static let batch = Key<Int>("batch", .integer(min: 1, max: 65_536), default: 128, "images per step")
    static let optimizer = Key<String>("optimizer", .choice(Optimizer.Kind.allCases.map(\.rawValue)), default: "sgd", "sgd (with momentum), adam or adamw")
    static let lr = Key<Double>("lr", .number(min: 0, max: 100), default: 0.05, "learning rate")
    static let momentum = Key<Double>("momentum", .number(min: 0, max: 1), default: 0.9, "SGD momentum")
    static let nesterov = Key<Bool>("nesterov", .bool, default: false, "Nesterov momentum")
    static let weightDecay = Key<Double>("weight_decay", .number(min: 0, max: 1), default: 0, "L2 penalty (decoupled for adamw)")
    static let schedule = Key<ParameterValue>("schedule", .call(Schedule.names), default: .word("constant"), "constant, cosine, onecycle, or multistep(E1, E2, …): ×0.1 at those epochs")
    static let clip = Key<Double>("clip", .number(min: 0, max: 1e6), default: 0, "clip the gradient norm to this (0: no clipping)")
    static let limit = Key<Int>("limit", .integer(min: 0, max: 10_000_000), default: 0, "at most this many batches per epoch (0: all)")
    static let patience = Key<Int>("patience", .integer(min: 0, max: 10_000), default: 0, "early stopping: end once the validation loss has not improved for this many epochs, keeping the best epoch's weights (0: off)")
    static let log = Key<String>("log", .path, default: "", "write the run into this directory: metrics.csv (a row per epoch) and a TensorBoard event file (tensorboard --logdir DIR)")
    static let watch = Key<String>("watch", .choice(["none", "featuremaps", "filters"]), default: "none", "a picture in the live display, redrawn every 2 s as training changes it: a layer's feature maps for one validation image, or a convolution's filters (layer= picks it)")
    static let overfit = Key<Int>("overfit", .integer(min: 0, max: 10_000), default: 0, "sanity check: train on this many batches only, the same every epoch; a model that can learn reaches 100% on them (0: off)")

    let spec = CommandSpec(
        name: "train", summary: "Trains the current model on the loaded data, showing live progress; continues from where the last train stopped.",
        doc: "Each epoch shuffles the training images, and ends with a pass over the validation images. The weights of the best validation epoch are kept (the highest accuracy; with patience=, the lowest loss). An interrupt stops between two batches and leaves a usable model. Two habits of careful training: patience=N stops early once the validation loss has stopped improving; overfit=1 trains on one batch again and again, a check that the model and its data can learn at all before a long run.",
        parameters: [epochs.spec, batch.spec, optimizer.spec, lr.spec, momentum.spec, nesterov.spec, weightDecay.spec, schedule.spec, clip.spec,
                     limit.spec, patience.spec, overfit.spec, log.spec, watch.spec, Common.layer.spec, Common.model.spec],
        examples: ["train epochs=3 batch=128 optimizer=sgd lr=0.1 momentum=0.9 weight_decay=1e-4 schedule=multistep(2) limit=100",
                   "train epochs=50 patience=3", "train overfit=1 epochs=100 batch=32", "train epochs=5 log=\"runs/net\"", "train epochs=3 watch=featuremaps layer=conv1"])

    /// The configuration a `train` line asks for (augmentation comes with the data).
    static func config(_ inv: Invocation) throws -> TrainingConfig {
        var config = TrainingConfig()
        config.epochs = inv[epochs]
        config.batchSize = inv[batch]
        config.optimizer = Optimizer.Kind(rawValue: inv[optimizer]) ?? .sgd
        config.learningRate = inv[lr]
        config.momentum = inv[momentum]
        config.nesterov = inv[nesterov]
        config.weightDecay = inv[weightDecay]
        config.clipNorm = inv[clip] > 0 ? inv[clip] : nil
        config.batchLimit = inv[limit] > 0 ? inv[limit] : nil
        config.patience = inv[patience] > 0 ? inv[patience] : nil
        config.overfitBatches = inv[overfit] > 0 ? inv[overfit] : nil
        if config.patience != nil && config.overfitBatches != nil {
            throw LanguageError(.value, at: inv.token(overfit), "overfit= trains without validation, which patience= watches: use one or the other")
        }
        do { config.schedule = try Schedule(inv[schedule]) } catch let e as OptionValueError {
            throw LanguageError(.value, at: inv.token(schedule), Phrase(verbatim: e.description))
        }
        return config
    }

    /// The schedule's arguments are checked with the rest of the cell (config is pure).
    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        _ = try Self.config(inv)
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let entry = try env.model(inv)
        let data = try env.dataFor(entry, inv)
        var config = try Self.config(inv)
        config.augment = data.augment
        if config.patience != nil && data.split.validation == nil {
            throw LanguageError(.state, at: inv.token(Self.patience), "patience= watches the validation loss, and the data has no validation images: load it with val=N (as `data fashion-mnist val=5000`)")
        }
        QuickMode.adjust(&config)
        try env.requireTrainingMemory(entry, batch: config.batchSize, optimizer: config.optimizer, momentum: config.momentum > 0,
                                      at: inv.given(Self.batch) ? inv.token(Self.batch) : inv.nameToken)
        // Keep the optimiser state across `train` calls unless the optimiser changes.
        var optimizer = entry.optimizer
        if optimizer?.kind != config.optimizer { optimizer = nil }
        optimizer?.momentum = config.momentum
        optimizer?.nesterov = config.nesterov
        optimizer?.weightDecay = config.weightDecay
        let trainer = Trainer(model: entry.model, data: data.split, config: config, optimizer: optimizer, history: entry.history, rng: env.session.rng.fork())
        entry.optimizer = trainer.optimizer
        entry.normalization = data.split.normalization
        entry.classNames = data.classNames

        var runLog: RunLog?
        if inv.given(Self.log) {
            guard !inv[Self.log].trimmingCharacters(in: [" "]).isEmpty else { throw LanguageError(.value, at: inv.token(Self.log), "log= names a directory, such as log=\"runs/net\"") }
            do { runLog = try RunLog(directory: inv[Self.log]) } catch let e as RunLog.Failure {
                throw LanguageError(.value, at: inv.token(Self.log), Phrase(verbatim: e.description))
            }
        }
        var logProblem: String?
        let context = env.context
        let display = TrainingDisplay(model: entry.name, context: context, history: entry.history)
        display.charts = { h in
            var loss = HistoryCharts.chart([(entry.name, h)], what: "loss"), acc = HistoryCharts.chart([(entry.name, h)], what: "accuracy")
            loss.width = 420; loss.height = 230; acc.width = 420; acc.height = 230
            return "<div style=\"display:flex;flex-wrap:wrap;gap:8px\">" + loss.svg + acc.svg + "</div>"
        }
        if inv[Self.watch] != "none" {
            display.watch = try env.trainingWatch(inv, entry: entry, data: data)
        } else if inv.given(Common.layer) {
            throw LanguageError(.value, at: inv.token(Common.layer), "layer= goes with watch=featuremaps or watch=filters")
        }
        // Live controls where the frontend renders widgets: Stop ends training at the next batch
        // as an interrupt would (the cell goes on); the lr slider sets the rate the schedule scales.
        var stopPressed = false
        let live = env.trainingControls(learningRate: config.learningRate)
        live?.stop.onCustom = { content in if content["event"]?.stringValue == "click" { stopPressed = true } }
        live?.lr.onChange = { [weak trainer, weak slider = live?.lr] _ in
            // A slider sends its value back when it renders (rounded to its grid): not a change.
            guard let trainer, let v = slider?["value"]?.doubleValue, abs(v - trainer.baseLearningRate) > 1e-6 * trainer.baseLearningRate else { return }
            trainer.baseLearningRate = v
            display.note(tr("lr set to \(sci(v)) from step \(trainer.history.steps.count + 1)"))
        }
        let history = entry.history
        let watchStart: Double? = display.watch == nil ? nil : Timestamps.monotonicSeconds()
        let outcome = trainer.run(events: { event in
            display.handle(event)
            guard let runLog, logProblem == nil else { return }
            do {
                switch event {
                case .batch(let p):
                    try runLog.scalars([("train/loss", p.loss), ("train/accuracy", p.accuracy), ("train/learning_rate", p.learningRate)], step: history.steps.last?.step ?? 0)
                case .epoch(let s):
                    try runLog.epoch(s, step: history.steps.last?.step ?? 0)
                case .started: break
                }
            } catch {
                logProblem = "\(error)"
            }
        }, shouldStop: {
            context.pollIncoming()
            return stopPressed || context.token.isCancelled
        })
        live?.stop.set(["disabled": true])
        live?.lr.set(["disabled": true])
        if case .interrupted(let e, let b) = outcome, stopPressed, !context.token.isCancelled {
            display.finishStopped(epoch: e, batch: b)
            return
        }
        display.finish(outcome)
        if display.watch != nil, let started = watchStart {
            let total = Timestamps.monotonicSeconds() - started
            display.note(tr("the picture was redrawn \(display.watchDraws) times, \(fixed(display.watchSeconds * 1000, 0)) ms in all: \(percent(display.watchSeconds / max(1e-9, total))) of the training time"))
        }
        if let runLog {
            display.note(logProblem.map { tr("the run log stopped: \($0)") } ?? tr("written to \(runLog.directory): metrics.csv and \(runLog.eventsPath.split(separator: "/").last ?? "") (tensorboard --logdir \(runLog.directory))"))
        }
        if let stop = trainer.stoppedEarly {
            display.note(tr("stopped early after epoch \(stop.epoch): the validation loss has not improved for \(config.patience ?? 0) epoch\(config.patience == 1 ? "" : "s"); the model keeps the weights of epoch \(stop.bestEpoch) (validation loss \(fixed(stop.bestLoss, 4)))"))
        }
        if let k = config.overfitBatches, case .completed = outcome, let last = entry.history.epochs.last {
            let images = min(data.split.train.count, k * config.batchSize)
            let verdict = last.trainAccuracy >= 0.999
                ? tr("the model can learn: it fits them exactly (now train on all the data)")
                : tr("not yet fitted: more epochs or a higher lr; if it never gets there, look for a bug (labels that do not match the images, a layer that blocks the gradient, a learning rate of 0)")
            display.note(tr("overfit check on the same \(formatCount(images)) images: loss \(fixed(last.trainLoss, 4)), accuracy \(percent(last.trainAccuracy)); \(verdict)"))
        }
        switch outcome {
        case .interrupted: throw ExecutionInterrupted()
        case .diverged(let e, let b, let step, let loss):
            // The optimiser's state (momentum, moments) may hold the overflow too: the next `train` starts it afresh.
            entry.optimizer = nil
            let smaller = NumberFormat.shortest(config.learningRate / 10)
            throw LanguageError(.value, at: inv.token(Self.lr),
                "training diverged at step \(step) (epoch \(e), batch \(b)): \(loss.isFinite ? tr("the weights overflowed (loss \(fixed(loss, 4)))") : tr("the loss became \(fixed(loss, 4))")); the model keeps its weights from before that step; try a smaller learning rate, such as lr=\(smaller)")
        case .completed: break
        }
    }
}

/// Training options for code outside a cell (`cnn-kernel train`): written as on a `train` line
/// (`epochs=10 lr=3e-3 schedule=multistep(5, 8)`), checked by the same binder, with the same
/// defaults; augmentation as on a `data` line (`[flip, crop(2)]`).
public enum TrainingOptions {
    public static func config(_ options: String) throws -> TrainingConfig {
        let line = "train \(options)"
        return try reported(line) {
            let statements = try Parser.parse(line)
            guard statements.count == 1, case .command(let name, let args) = statements[0] else {
                throw LanguageError(.syntax, at: SourceLocation(line: 1, column: 1), "options are written name=value, on one line")
            }
            return try TrainCommand.config(try CommandBinder.bind(TrainCommand().spec, name: name, arguments: args))
        }
    }

    /// A list as `data … augment=` takes it, checked as that parameter is.
    public static func augmentations(_ list: String) throws -> [Augmentation] {
        try reported(list) {
            guard let e = Parser.expression(list) else {
                throw LanguageError(.syntax, at: SourceLocation(line: 1, column: 1), "augmentations are a list such as [flip, crop(2)]")
            }
            return try Augmentation.list(try Binder.check(try Evaluator.evaluate(e), DataCommand.augment.spec, of: "data"))
        }
    }

    /// The value of one option as the train command describes it (for the command line's help).
    public static func defaultValue(_ name: String) -> String {
        TrainCommand().spec.parameter(named: name)?.defaultValue?.literal ?? ""
    }

    /// Every error of reading `text`, as one message that quotes it (with a caret where the language says where).
    static func reported<T>(_ text: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as LanguageError {
            throw TrainingOptionsError("\(text)\n\(String(repeating: " ", count: max(0, e.location.column - 1)))^ \(e.message)")
        } catch let e as BindingError {
            throw TrainingOptionsError("\(text): \(e.message)")
        } catch let e as OptionValueError {
            throw TrainingOptionsError("\(text): \(e.description)")
        }
    }
}

public struct TrainingOptionsError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: Phrase) { self.description = description.text }
}
