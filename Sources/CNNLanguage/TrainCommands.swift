import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
#if canImport(Glibc)
import Glibc
#endif

/// Data, training, evaluation, checkpoints, plugins and gradient checks.
extension CNNInterpreter {
    func runData(_ inv: Invocation, context: ExecutionContext) throws {
        let source = inv.text("source")!
        let path = inv.text("path") ?? ""
        let loaded: (Dataset, Dataset?)
        do {
            switch source {
            case "fashion-mnist":
                loaded = try DataReaders.readIDXDirectory(path.isEmpty ? DataReaders.fashionDirectory : path, name: "fashion-mnist", classNames: DataReaders.fashionClasses)
            case "idx":
                guard !path.isEmpty else { throw LanguageError(.type, at: inv.nameToken, "data idx needs path=\"DIR\"") }
                loaded = try DataReaders.readIDXDirectory(path, name: "idx", classNames: nil)
            case "cifar10":
                guard !path.isEmpty else { throw LanguageError(.type, at: inv.nameToken, "data cifar10 needs path=\"DIR\" (the CIFAR-10 binary version)") }
                loaded = try DataReaders.readCIFARDirectory(path)
            default:
                let n = inv.integer("n"), size = inv.integer("size"), ch = inv.integer("channels"), seed = UInt64(inv.integer("seed"))
                loaded = (SyntheticShapes.make(count: n, size: size, channels: ch, seed: seed),
                          SyntheticShapes.make(count: max(10, n / 6), size: size, channels: ch, seed: seed &+ 1_000_003))
            }
        } catch let e as DataError {
            throw LanguageError(.value, at: inv.tokens["path"] ?? inv.token("source"), e.description)
        }
        var train = loaded.0
        var test = loaded.1
        var limit = inv.integer("limit")
        if CNNInterpreter.quickMode {
            limit = limit > 0 ? min(limit, 3000) : 3000
            if let t = test, t.count > 1000 { test = t.subset(Array(0..<1000)) }
        }
        if limit > 0 && limit < train.count { train = train.subset(Array(0..<limit)) }
        // Unless given, a tenth of the training images, at most 5,000 (Fashion-MNIST: 5,000).
        var val = inv.given("val") ? inv.integer("val") : min(5000, train.count / 10)
        if CNNInterpreter.quickMode { val = min(val, train.count / 10) }
        guard val < train.count else {
            throw LanguageError(.value, at: inv.token("val"), "val=\(val) leaves no training images (there are \(train.count))")
        }
        var augment: [Augmentation] = []
        for a in inv.values["augment"]?.listItems ?? [] {
            switch a {
            case .word("flip"): augment.append(.flip)
            case .word("resizedcrop"): augment.append(.resizedCrop(scale: 0.8...1.0, ratio: 0.9...1.1))
            case .word("crop"): augment.append(.crop(padding: 4))
            case .call("crop", let args):
                guard args.count == 1, case .number(let p) = args[0], p >= 0, p <= 16 else {
                    throw LanguageError(.value, at: inv.token("augment"), "crop(P) takes the padding P, 0–16")
                }
                augment.append(.crop(padding: Int(p)))
            default:
                let name: String = { if case .call(let f, _) = a { return f }; return a.description }()
                throw LanguageError(.value, at: inv.token("augment"), "`\(name)` is not an augmentation (flip, crop(P), resizedcrop)\(Suggest.hint(for: name, in: CNNCommands.augmentations))")
            }
        }
        let split = DataSplit(train: train, test: test, validation: val, seed: UInt64(inv.integer("seed")))
        session.data = LoadedData(source: source, split: split, augment: augment)
        let shape = train.shape
        var line = "\(train.name): \(formatCount(split.train.count)) training, \(formatCount(split.validation?.count ?? 0)) validation"
        line += ", \(formatCount(split.test?.count ?? 0)) test images of \(shape), \(train.classNames.count) classes"
        if !augment.isEmpty { line += "; augmentation: \(augment.map(\.description).joined(separator: ", "))" }
        if CNNInterpreter.quickMode { line += " (quick mode, CNN_KERNEL_QUICK=1: data shrunk)" }
        context.stream(.stdout, line + "\n")
    }

    /// The data for a model, rebuilding an untrained model whose input shape differs.
    func dataFor(_ entry: ModelEntry, _ inv: Invocation) throws -> LoadedData {
        guard let data = session.data else {
            throw LanguageError(.state, at: inv.nameToken, "no data loaded: start with `data fashion-mnist` (or `data shapes`)")
        }
        if entry.model.inputShape != data.shape {
            guard !entry.trained else {
                throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) takes \(entry.model.inputShape) but the data is \(data.shape); it is trained, so it is not rebuilt")
            }
            do {
                let m = try Model(spec: entry.model.spec, input: data.shape)
                m.initialize(session.rng, scheme: .pytorch)
                entry.model = m
            } catch let e as ModelBuildError {
                throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) cannot take the data's \(data.shape) images: \(e.description)")
            }
        }
        guard entry.model.classes == data.classNames.count else {
            throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) has \(entry.model.classes) outputs but the data has \(data.classNames.count) classes")
        }
        return data
    }

    func runTrain(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        let data = try dataFor(entry, inv)
        var config = TrainingConfig()
        config.epochs = inv.integer("epochs")
        config.batchSize = inv.integer("batch")
        config.optimizer = Optimizer.Kind(rawValue: inv.text("optimizer") ?? "sgd") ?? .sgd
        config.learningRate = inv.number("lr")
        config.momentum = inv.number("momentum")
        config.nesterov = inv.bool("nesterov")
        config.weightDecay = inv.number("weight_decay")
        config.clipNorm = inv.number("clip") > 0 ? inv.number("clip") : nil
        config.batchLimit = inv.integer("limit") > 0 ? inv.integer("limit") : nil
        config.augment = data.augment
        if CNNInterpreter.quickMode {
            // Quick mode (CI): one short epoch, whatever the cell asks for.
            config.epochs = 1
            config.batchLimit = min(config.batchLimit ?? 30, 30)
        }
        switch inv.values["schedule"] {
        case .word("cosine")?: config.schedule = .cosine
        case .word("onecycle")?: config.schedule = .onecycle(warmup: 0.3)
        case .call("onecycle", let a)?:
            guard a.count == 1, case .number(let w) = a[0], w > 0, w < 1 else { throw LanguageError(.value, at: inv.token("schedule"), "onecycle(W) takes the warm-up fraction, between 0 and 1") }
            config.schedule = .onecycle(warmup: w)
        case .call("multistep", let args)?:
            let ms = try args.map { v -> Int in
                guard case .number(let d) = v, d == d.rounded(), d >= 1 else { throw LanguageError(.value, at: inv.token("schedule"), "multistep(E1, E2, …) takes epoch numbers") }
                return Int(d)
            }
            guard !ms.isEmpty else { throw LanguageError(.value, at: inv.token("schedule"), "multistep needs the epochs at which the rate drops, as in multistep(2) or multistep(100, 150)") }
            config.schedule = .multistep(milestones: ms, gamma: 0.1)
        case .word("multistep")?:
            throw LanguageError(.value, at: inv.token("schedule"), "multistep needs the epochs at which the rate drops, as in multistep(2) or multistep(100, 150)")
        default: config.schedule = .constant
        }
        // Keep the optimiser state across `train` calls unless the optimiser changes.
        var optimizer = entry.optimizer
        if optimizer?.kind != config.optimizer { optimizer = nil }
        optimizer?.momentum = config.momentum
        optimizer?.nesterov = config.nesterov
        optimizer?.weightDecay = config.weightDecay
        let trainer = Trainer(model: entry.model, data: data.split, config: config, optimizer: optimizer, history: entry.history, rng: session.rng.fork())
        entry.optimizer = trainer.optimizer
        entry.normalization = data.split.normalization
        entry.classNames = data.classNames

        let display = TrainingDisplay(model: entry.name, context: context, history: entry.history)
        display.charts = { [self] h in
            var loss = historyChart([(entry.name, h)], what: "loss"), acc = historyChart([(entry.name, h)], what: "accuracy")
            loss.width = 420; loss.height = 230; acc.width = 420; acc.height = 230
            return "<div style=\"display:flex;flex-wrap:wrap;gap:8px\">" + loss.svg + acc.svg + "</div>"
        }
        let outcome = trainer.run(events: { display.handle($0) }, shouldStop: { context.token.isCancelled })
        display.finish(outcome)
        if case .interrupted = outcome { throw ExecutionInterrupted() }
    }

    func evaluationData(_ inv: Invocation, _ data: LoadedData) throws -> Dataset {
        switch inv.text("split") {
        case "validation":
            guard let v = data.split.validation else { throw LanguageError(.state, at: inv.token("split"), "the data has no validation images (val=0)") }
            return v
        case "train": return data.split.train
        default:
            guard let t = data.split.test else { throw LanguageError(.state, at: inv.token("split"), "the data has no test images; use split=validation") }
            return t
        }
    }

    func runEvaluate(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        let data = try dataFor(entry, inv)
        let set = try evaluationData(inv, data)
        let limit = inv.integer("limit")
        let norm = entry.normalization ?? data.split.normalization
        let e = Evaluation.run(entry.model, on: set, normalization: norm, limit: limit > 0 ? limit : nil, shouldStop: { context.token.isCancelled })
        try context.token.check()
        let split = inv.text("split") ?? "test"
        let text = "accuracy \(percent(e.accuracy)) (loss \(fixed(e.loss, 4))) on \(formatCount(e.labels.count)) \(split) images"
        let html = "<b>\(escape(entry.name))</b>: accuracy <b>\(percent(e.accuracy))</b>, loss \(fixed(e.loss, 4)) on \(formatCount(e.labels.count)) \(split) images"
        context.result(MimeBundle(data: [
            "text/plain": .string(text), "text/html": .string(html),
            "application/json": ["model": .string(entry.name), "split": .string(split), "accuracy": .number(e.accuracy), "loss": .number(e.loss), "images": .int(e.labels.count)],
        ]))
    }

    func runPredict(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        let data = try dataFor(entry, inv)
        let set = try evaluationData(inv, data)
        let i = inv.integer("index")
        guard i < set.count else { throw LanguageError(.value, at: inv.token("index"), "index \(i) is past the last image (\(set.count - 1))") }
        let (x, labels) = Batches.make(set, indices: [i][...], normalization: entry.normalization ?? data.split.normalization)
        let logits = entry.model.forward(x, context: entry.model.context(training: false, rng: RandomSource(seed: 0)))
        let p = SoftmaxCrossEntropy.softmax(logits.values)
        let order = p.indices.sorted { p[$0] > p[$1] }
        let names = data.classNames
        let truth = labels[0]
        var text = "image \(i) (\(inv.text("split") ?? "test")): true class \(names[truth]); predicted \(names[order[0]]) (\(percent(p[order[0]])))\(order[0] == truth ? " ✓" : " ✗")\n"
        for k in order.prefix(3) { text += "  \(names[k])\(String(repeating: " ", count: max(1, 14 - names[k].count)))\(percent(p[k]))\n" }
        context.result(MimeBundle(data: ["text/plain": .string(text), "application/json": ["index": .int(i), "label": .int(truth), "prediction": .int(order[0]), "probabilities": .array(p.map { .number($0) })]]))
    }

    func runSave(_ inv: Invocation, context: ExecutionContext) throws {
        let entry = try model(inv, "model")
        let path = inv.text("path")!
        var extra: JSON = ["name": .string(entry.name), "source": .string(entry.source)]
        if let n = entry.normalization { extra["normalization"] = ["mean": .array(n.mean.map { .number(Double($0)) }), "std": .array(n.std.map { .number(Double($0)) })] }
        if let c = entry.classNames { extra["classes"] = .array(c.map { .string($0) }) }
        do { try Checkpoint.save(path, model: entry.model, optimizer: entry.optimizer, history: entry.history, extra: extra) } catch let e as DataError {
            throw LanguageError(.value, at: inv.token("path"), e.description)
        }
        context.stream(.stdout, "saved \(entry.name) to \(path)\n")
    }

    func runLoad(_ inv: Invocation, context: ExecutionContext) throws {
        let path = inv.text("path")!
        let contents: Checkpoint.Contents
        do { contents = try Checkpoint.load(path) } catch let e as DataError {
            throw LanguageError(.value, at: inv.token("path"), e.description)
        } catch let e as ModelBuildError {
            throw LanguageError(.value, at: inv.token("path"), "\(path): the saved architecture does not build here: \(e.description)")
        } catch {
            throw LanguageError(.value, at: inv.token("path"), "\(path): \(error)")
        }
        let given = inv.text("as") ?? ""
        let name = given.isEmpty ? (contents.extra["name"]?.stringValue ?? "loaded") : given
        let entry = ModelEntry(name: name, model: contents.model, source: contents.extra["source"]?.stringValue ?? "load \"\(path)\"")
        entry.optimizer = contents.optimizer
        entry.history = contents.history
        if let m = contents.extra["normalization"]?["mean"]?.arrayValue, let s = contents.extra["normalization"]?["std"]?.arrayValue {
            entry.normalization = Normalization(mean: m.map { Float($0.doubleValue ?? 0) }, std: s.map { Float($0.doubleValue ?? 1) })
        }
        entry.classNames = contents.extra["classes"]?.arrayValue?.compactMap(\.stringValue)
        session.add(entry)
        context.stream(.stdout, "loaded \(name) from \(path): \(contents.model.inputShape) → \(contents.model.root.outputShape), \(formatCount(contents.model.parameterCount)) parameters, \(contents.history.epochs.count) epochs of history\n")
    }

    func runPluginLoad(_ inv: Invocation, context: ExecutionContext) throws {
        let path = inv.text("path")!
        do {
            let names = try PluginLoader.load(path: path)
            session.loadedPlugins.append(path)
            context.stream(.stdout, "loaded \(path): \(names.isEmpty ? "no new layers" : names.joined(separator: ", "))\n")
        } catch let e as PluginLoader.Failure {
            throw LanguageError(.value, at: inv.token("path"), e.description)
        }
    }

    func runPlugins(context: ExecutionContext) {
        let reg = session.layers
        var rows: [[String]] = [["layer", "from", "summary"]]
        for n in reg.names {
            let p = reg.plugin(named: n)!
            rows.append([n, reg.origin(of: n) ?? "?", p.summary])
        }
        let w0 = rows.map { $0[0].count }.max()!, w1 = rows.map { $0[1].count }.max()!
        var text = "plugin search path: \(CNNInterpreter.pluginSearchPath())\n"
        for r in rows { text += r[0].padding(w0) + "  " + r[1].padding(w1) + "  " + r[2] + "\n" }
        var html = "<table><thead><tr><th style=\"text-align:left\">layer</th><th style=\"text-align:left\">from</th><th style=\"text-align:left\">summary</th></tr></thead><tbody>"
        for r in rows.dropFirst() { html += "<tr><td style=\"text-align:left\"><code>\(escape(r[0]))</code></td><td style=\"text-align:left\">\(escape(r[1]))</td><td style=\"text-align:left\">\(escape(r[2]))</td></tr>" }
        for p in startupPluginProblems { text += "not loaded at start-up: \(p)\n" }
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html + "</tbody></table>")]))
    }

    func runGradcheck(_ name: Token, _ args: [Argument], context: ExecutionContext) throws {
        guard case .positional(let first)? = args.first, case .name(let layerName, let layerToken) = first else {
            throw LanguageError(.type, at: name, "gradcheck needs a layer type, as in `gradcheck conv kernel=3 stride=2`")
        }
        var input: FeatureShape = .image(c: 3, h: 8, w: 8)
        var batch = 2
        var layerArgs: [Argument] = []
        for a in args.dropFirst() {
            if case .option(let n, let e) = a, n.word == "input" { input = try inputShape(e); continue }
            if case .option(let n, let e) = a, n.word == "batch" {
                guard case .number(let d) = try Evaluator.evaluate(e), d >= 1, d <= 64, d == d.rounded() else { throw LanguageError(.value, at: e.firstToken, "batch is 1–64") }
                batch = Int(d)
                continue
            }
            layerArgs.append(a)
        }
        var expander = ModelExpander(definitions: session.definitions, registry: session.layers)
        let layer = try expander.expandLayer(layerToken, layerArgs, env: [:], input: input).layer
        layer.initializeAll(RandomSource(seed: 3), scheme: .pytorch)
        let rng = RandomSource(seed: 9)
        let x = Tensor(batch: batch, shape: input)
        for i in 0..<x.count {
            let m = Float(rng.uniform(0.1, 1.0))
            x.data[i] = rng.uniform() < 0.5 ? -m : m
        }
        let entries = GradientCheck.run(layer: layer, input: x)
        var rows: [[String]] = [["tensor", "values", "max abs error", "max rel error", "result"]]
        for e in entries {
            rows.append([e.tensor, "\(e.checked)", sci(e.maxAbsoluteError), sci(e.maxRelativeError), e.passed ? "ok" : "FAILED (analytic \(sci(e.worstAnalytic)), numeric \(sci(e.worstNumeric)))"])
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max()! }
        var text = "gradcheck \(layerName) on input \(input.withBatch(batch)), ε = 0.01, float32\n"
        for r in rows { text += (0..<5).map { r[$0].padding(widths[$0]) }.joined(separator: "  ").droppingTrailingSpaces() + "\n" }
        let passed = entries.allSatisfy(\.passed)
        let kinks = entries.reduce(0) { $0 + $1.kinks }
        let kinkNote = kinks == 0 ? "" : "\(kinks) of the values sat at a kink (a ReLU or max switched within ±ε): each was measured again from its smooth side and with smaller steps\n"
        text += kinkNote
        text += passed ? "all gradients agree\n" : "some gradients disagree\n"
        var html = "<p>gradcheck <code>\(escape(layerName))</code> on input \(escape(input.withBatch(batch))), ε = 0.01</p><table><thead><tr>" + rows[0].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows.dropFirst() { html += "<tr>" + r.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
        html += "</tbody></table>" + (kinkNote.isEmpty ? "" : "<p>\(escape(kinkNote))</p>")
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }
}

func percent(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    return fixed(x * 100, 2) + "%"
}

func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    // Beyond Int's range (and far beyond what a table shows digit by digit): scientific.
    guard abs(x) < 1e15 else { return sci(x) }
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (abs(x) * p).rounded()
    var s = String(Int(r))
    while s.count <= digits { s = "0" + s }
    let cut = s.index(s.endIndex, offsetBy: -digits)
    return (x < 0 && r != 0 ? "-" : "") + (digits > 0 ? s[..<cut] + "." + s[cut...] : s)
}

func sci(_ x: Double) -> String {
    guard x != 0 else { return "0" }
    guard x.isFinite else { return fixed(x, 0) }  // "inf" / "nan": the loops below never end on them
    var e = 0
    var m = abs(x)
    while m >= 10 { m /= 10; e += 1 }
    while m < 1 { m *= 10; e -= 1 }
    return (x < 0 ? "-" : "") + fixed(m, 2) + "e" + (e < 0 ? "−" : "+") + String(abs(e))
}

extension String {
    func padding(_ n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }
}
