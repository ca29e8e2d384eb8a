import ArgumentParser
import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import CNNLanguage
#if canImport(Glibc)
import Glibc
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Training and inference images/s of the reference models (same terms as torch_bench.py).")

    @Option(help: "Comma-separated models: simplecnn, resnet, preactresnet, googlenet, densenet, or all.") var model = "all"
    @Option(parsing: .upToNextOption, help: "Batch sizes.") var batch: [Int] = [128, 32]
    @Option(parsing: .upToNextOption, help: "Thread counts.") var threads: [Int] = [1, 2]
    @Option(help: "train, infer, both, or define (the time of a `model x = NAME` line in the language: expanding, checking and building the model).") var mode = "both"
    @Option(help: "Steps per timed block.") var steps = 10
    @Option(help: "Timed blocks.") var repeats = 5
    @Option(help: "Untimed warm-up steps.") var warmup = 3
    @Option(name: .customLong("min-block-s"), help: "Raise the steps so a block lasts at least this long.") var minBlockSeconds = 0.0
    @Flag(help: "One JSON object per line, as torch_bench.py --json.") var json = false
    @Flag(help: "Also list which kernels ran the convolutions (oneDNN's names: forward; backward data; backward weights).") var verbose = false

    func run() throws {
        let models = model == "all" ? ["simplecnn", "resnet", "preactresnet", "googlenet", "densenet"] : model.split(separator: ",").map(String.init)
        if mode == "define" { return try benchDefinitions(models) }
        let modes = mode == "both" ? ["train", "infer"] : [mode]
        if !json {
            print("GEMM: \(GEMM.backendName)\nConvolutions: \(ConvolutionBackend.configured.description)")
            print("Max pooling: " + (ComputeOptions().usesWideKernels ? "compiled for x86-64-v3 (AVX2), this CPU has it" : "baseline x86-64 (this CPU lacks x86-64-v3)"))
        }
        // Each model's architecture once, not per thread count, batch and mode.
        let specs = try models.map { m in (m, Zoo.referenceInput(m), try Zoo.spec(m, input: Zoo.referenceInput(m))) }
        for t in threads {
            for (m, input, spec) in specs {
                for b in batch {
                    for md in modes {
                        let r = try Benchmark.run(model: m, spec: spec, input: input, mode: md, batch: b, threads: t,
                                                  warmup: warmup, repeats: repeats,
                                                  steps: steps, minBlockSeconds: minBlockSeconds)
                        let rates = r.imagesPerSecond.sorted()
                        if json {
                            let o: JSON = ["model": .string(m), "mode": .string(md), "batch": .int(b), "threads": .int(t),
                                           "img_s": ["min": .number(rates.first!), "median": .number(r.median), "max": .number(rates.last!),
                                                     "all": .array(r.imagesPerSecond.map { .number($0) })],
                                           "fwd_macs_per_img": .int(r.multiplyAddsPerImage), "achieved_gflops_median": .number(r.gflops),
                                           "final_loss": .number(r.finalLoss), "engine": "cnn-kernel",
                                           "conv_kernels": .object(Dictionary(uniqueKeysWithValues: r.convolutionKernels.map { ($0.kernels, JSON.int($0.layers)) }))]
                            print(o.serializedString())
                        } else {
                            print(String(format: "%-13@ %-5@ batch %4d threads %d: %9.1f img/s (min %.1f, max %.1f), %.1f GFLOP/s",
                                         m, md, b, t, r.median, rates.first!, rates.last!, r.gflops))
                            if verbose {
                                for k in r.convolutionKernels { print("    \(k.layers)× conv: \(k.kernels)") }
                            }
                        }
                        fflush(nil)
                    }
                }
            }
        }
    }
}

extension BenchCommand {
    /// Times `model x = NAME` in a fresh interpreter (median of `repeats` runs after `warmup`):
    /// what a learner waits for when a cell defines a zoo model.
    func benchDefinitions(_ models: [String]) throws {
        for m in models {
            var times: [Double] = []
            for i in 0..<(warmup + repeats) {
                let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
                let start = CNNCore.monotonicSeconds()
                let x = kernel.execute("model x = \(m)")
                let seconds = CNNCore.monotonicSeconds() - start
                guard x.reply.content["status"]?.stringValue == "ok" else { throw ValidationError("model x = \(m) failed: \(x.reply.content)") }
                if i >= warmup { times.append(seconds) }
            }
            times.sort()
            let median = times[times.count / 2]
            if json {
                print((["model": .string(m), "mode": "define", "ms": ["min": .number(times.first! * 1000), "median": .number(median * 1000), "max": .number(times.last! * 1000)]] as JSON).serializedString())
            } else {
                print(String(format: "%@ %8.2f ms (min %.2f, max %.2f)", ("model x = " + m).padding(toLength: 24, withPad: " ", startingAt: 0), median * 1000, times.first! * 1000, times.last! * 1000))
            }
            fflush(nil)
        }
    }
}

/// Trains a zoo model from the command line, printing each epoch and writing the curve: used
/// for the recorded accuracy runs (bench/results) and by tests that need a real checkpoint. The
/// model comes from the language's zoo, and the training options are read as a `train` line
/// reads them: the same text (`--schedule "multistep(5, 8)"`, `--augment "[flip, crop(2)]"`),
/// the same checks and the same defaults.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train a zoo model on a data set and report test accuracy.")

    @Option(help: "simplecnn, resnet, preactresnet, googlenet or densenet.") var model = "simplecnn"
    @Option(name: .customLong("model-options"), help: "The zoo model's options, as on a model line: \"blocks=[2, 2, 2]\".") var modelOptions = ""
    @Option(help: "fashion-mnist, shapes, idx:DIR or cifar10:DIR.") var data = "fashion-mnist"
    @Option(help: "Training images held out for validation.") var val = 5000
    @Option(help: "Use only this many training images (0: all).") var limit = 0
    @Option(help: "As `train epochs=` (default \(TrainingOptions.defaultValue("epochs"))).") var epochs: String?
    @Option(help: "As `train batch=` (default \(TrainingOptions.defaultValue("batch"))).") var batch: String?
    @Option(help: "As `train optimizer=`: sgd, adam or adamw (default \(TrainingOptions.defaultValue("optimizer"))).") var optimizer: String?
    @Option(help: "As `train lr=` (default \(TrainingOptions.defaultValue("lr"))).") var lr: String?
    @Option(help: "As `train momentum=` (default \(TrainingOptions.defaultValue("momentum"))).") var momentum: String?
    @Flag(help: "As `train nesterov=true`.") var nesterov = false
    @Option(name: .customLong("weight-decay"), help: "As `train weight_decay=` (default \(TrainingOptions.defaultValue("weight_decay"))).") var weightDecay: String?
    @Option(help: "As `train schedule=`: constant, cosine, onecycle, onecycle(W) or multistep(E1, E2, …) (default \(TrainingOptions.defaultValue("schedule"))).") var schedule: String?
    @Option(help: "As `data … augment=`: a list such as \"[flip, crop(2)]\" (default none).") var augment: String?
    @Option(help: "pytorch, kaiming_in, kaiming_out or xavier.") var initialization = "pytorch"
    @Option var seed: UInt64 = 42
    @Option var threads = 0
    @Option(help: "Write the per-step and per-epoch curve here (CSV).") var csv: String?
    @Option(help: "Save the trained model (safetensors checkpoint).") var save: String?

    /// The options given, written as on a `train` line.
    var trainOptions: String {
        let given: [(String, String?)] = [("epochs", epochs), ("batch", batch), ("optimizer", optimizer), ("lr", lr), ("momentum", momentum),
                                          ("weight_decay", weightDecay), ("schedule", schedule), ("nesterov", nesterov ? "true" : nil)]
        return given.compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: " ")
    }

    func run() throws {
        if threads > 0 { Parallel.threads = threads }
        guard let scheme = InitScheme(rawValue: initialization) else { throw ValidationError("--initialization is pytorch, kaiming_in, kaiming_out or xavier") }
        var config: TrainingConfig
        do {
            config = try TrainingOptions.config(trainOptions)
            config.augment = try augment.map(TrainingOptions.augmentations) ?? []
        } catch let e as TrainingOptionsError {
            throw ValidationError(e.description)
        }
        let (train, test) = try loadData()
        let full = limit > 0 ? train.subset(Array(0..<min(limit, train.count))) : train
        let split = DataSplit(train: full, test: test, validation: val, seed: seed)
        let options = (["classes=\(train.classNames.count)"] + (modelOptions.isEmpty ? [] : [modelOptions])).joined(separator: " ")
        let m: Model
        do { m = try Zoo.model(model, options, input: train.shape) } catch let e as LanguageError {
            throw ValidationError("\(model) \(options): \(e.message)")
        }
        m.initialize(seed: seed, scheme: scheme)
        print("\(model) (\(m.parameterCount) parameters) on \(train.name): \(split.train.count) train, \(split.validation?.count ?? 0) validation, \(test?.count ?? 0) test; \(Parallel.threads) threads; GEMM \(GEMM.backendName); convolutions \(ConvolutionBackend.configured.description)")
        print("\(config.optimizer.rawValue) lr \(NumberFormat.shortest(config.learningRate)) momentum \(NumberFormat.shortest(config.momentum))\(config.nesterov ? " (Nesterov)" : "") weight decay \(NumberFormat.shortest(config.weightDecay)), schedule \(config.schedule.written), \(config.epochs) epochs, batch \(config.batchSize), augment [\(config.augment.map(\.description).joined(separator: ", "))], seed \(seed)")
        let trainer = Trainer(model: m, data: split, config: config, rng: RandomSource(seed: seed))
        let t0 = monotonicSeconds()
        let outcome = trainer.run(events: { e in
            if case .epoch(let s) = e {
                print(String(format: "epoch %2d  train loss %.4f acc %.4f  val loss %.4f acc %.4f  lr %.5f  %.1f s",
                             s.epoch, s.trainLoss, s.trainAccuracy, s.validationLoss ?? .nan, s.validationAccuracy ?? .nan, s.learningRate, s.seconds))
                fflush(nil)
            }
        })
        let total = monotonicSeconds() - t0
        if case .diverged(let e, let b, let step, let loss) = outcome {
            failAndExit("training diverged at step \(step) (epoch \(e), batch \(b), loss \(loss)): the model was left at its weights from before that step; try a smaller --lr")
        }
        if let test {
            let e = Evaluation.run(m, on: test, normalization: split.normalization)
            print(String(format: "test accuracy %.4f (loss %.4f) on %d images, best-validation weights; training took %.0f s", e.accuracy, e.loss, test.count, total))
        }
        if let csv {
            var text = "kind,index,loss,accuracy,validation_loss,validation_accuracy,learning_rate\n"
            for s in trainer.history.steps { text += "step,\(s.step),\(s.loss),\(s.accuracy),,,\(s.learningRate)\n" }
            for e in trainer.history.epochs {
                text += "epoch,\(e.epoch),\(e.trainLoss),\(e.trainAccuracy),\(e.validationLoss ?? .nan),\(e.validationAccuracy ?? .nan),\(e.learningRate)\n"
            }
            try writeFileAtomically(csv, Array(text.utf8))
        }
        if let save {
            try Checkpoint.save(save, model: m, optimizer: trainer.optimizer, history: trainer.history,
                                extra: ["data": .string(train.name), "classes": .array(train.classNames.map { .string($0) })])
        }
    }

    func loadData() throws -> (Dataset, Dataset?) {
        if data == "fashion-mnist" {
            return try DataReaders.readIDXDirectory(DataReaders.fashionDirectory, name: "fashion-mnist", classNames: DataReaders.fashionClasses)
        }
        if data == "shapes" { return (SyntheticShapes.make(count: 5000, seed: seed), SyntheticShapes.make(count: 1000, seed: seed + 1)) }
        if data.hasPrefix("idx:") { return try DataReaders.readIDXDirectory(String(data.dropFirst(4)), name: "idx", classNames: nil) }
        if data.hasPrefix("cifar10:") { return try DataReaders.readCIFARDirectory(String(data.dropFirst(8))) }
        throw ValidationError("unknown data \(data)")
    }


}

/// Runs a .cnn script outside Jupyter with the kernel's interpreter: text outputs are printed,
/// images are written next to the script (or into --images DIR).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a .cnn script with the same interpreter as the kernel.")

    @ArgumentParser.Argument(help: "The script; its lines run as one cell.") var file: String
    @Option(help: "Directory for images (default: beside the script).") var images: String?

    func run() throws {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path: file) } catch { failAndExit("\(file): \(error)") }
        let code = String(decoding: bytes, as: UTF8.self)
        let interp = CNNInterpreter()
        let kernel = InMemoryKernel(interpreter: interp)
        let base = images ?? (file.contains("/") ? String(file[..<file.lastIndex(of: "/")!]) : ".")
        let stem = String((file.split(separator: "/").last ?? "out").split(separator: ".").first ?? "out")
        var imageCount = 0
        // The file runs to the end first; its outputs are printed afterwards.
        let x = kernel.execute(code)
        // A display updated in place is printed once, as it ended.
        var outputs: [Message] = []
        var displayIndex: [String: Int] = [:]
        for m in x.outputs {
            if let id = m.content["transient"]?["display_id"]?.stringValue {
                if m.msgType == "update_display_data", let i = displayIndex[id] {
                    outputs[i].content["data"] = m.content["data"]
                    continue
                }
                displayIndex[id] = outputs.count
            }
            outputs.append(m)
        }
        for m in outputs {
            let c = m.content
            switch m.msgType {
            case "stream":
                let text = c["text"]?.stringValue ?? ""
                if c["name"] == "stderr" { _ = FileIO.writeFully(fd: 2, bytes: Array(text.utf8)) } else { print(text, terminator: "") }
            case "display_data", "execute_result":
                if let png = c["data"]?["image/png"]?.stringValue, let data = Base64.decode(png) {
                    imageCount += 1
                    let path = "\(base)/\(stem)-\(imageCount).png"
                    try FileIO.writeAtomically(path: path, bytes: data)
                    print("[image written to \(path)]")
                }
                if let t = c["data"]?["text/plain"]?.stringValue { print(t.hasSuffix("\n") ? String(t.dropLast()) : t) }
            case "error":
                for line in c["traceback"]?.arrayValue ?? [] { _ = FileIO.writeFully(fd: 2, bytes: Array(((line.stringValue ?? "") + "\n").utf8)) }
            default: break
            }
        }
        for p in x.reply.content["payload"]?.arrayValue ?? [] {
            if let t = p["data"]?["text/plain"]?.stringValue { print(t) }
        }
        if x.reply.content["status"] != "ok" { throw ExitCode(1) }
    }
}
