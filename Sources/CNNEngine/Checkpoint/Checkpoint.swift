import CNNCore
import JSONKit

/// A model saved whole: architecture, weights, batch-norm statistics, optimiser state and
/// training history. Tensors go in a safetensors file (weights in PyTorch's shapes, e.g. conv
/// weights (out, in, kh, kw)); the rest is a JSON description in the file's metadata.
public enum Checkpoint {
    public static let formatVersion = 1

    public struct Contents {
        public var model: Model
        public var optimizer: Optimizer?
        public var history: TrainingHistory
        /// Anything else the caller stored (data set name, normalisation, class names).
        public var extra: JSON
    }

    public static func save(_ path: String, model: Model, optimizer: Optimizer?, history: TrainingHistory, extra: JSON = [:]) throws {
        var entries: [SafeTensors.Entry] = []
        for (name, p) in model.parameters { entries.append(.init(name: name, shape: p.shape, values: p.valuesInShapeOrder())) }
        for (name, t) in model.buffers { entries.append(.init(name: name, shape: [t.count], values: t.values)) }
        var opt: JSON = .null
        if let optimizer {
            opt = ["kind": .string(optimizer.kind.rawValue), "step": .int(optimizer.step), "momentum": .number(optimizer.momentum),
                   "nesterov": .bool(optimizer.nesterov), "weight_decay": .number(optimizer.weightDecay),
                   "beta1": .number(optimizer.beta1), "beta2": .number(optimizer.beta2), "eps": .number(optimizer.epsilon)]
            for (pname, states) in optimizer.state.sorted(by: { $0.key < $1.key }) {
                for (sname, v) in states.sorted(by: { $0.key < $1.key }) {
                    entries.append(.init(name: "optimizer/\(pname)/\(sname)", shape: [v.count], values: v))
                }
            }
        }
        let description: JSON = [
            "format": "cnn-kernel checkpoint", "version": .int(formatVersion),
            "architecture": model.spec.json, "input": shapeJSON(model.inputShape),
            "optimizer": opt, "history": historyJSON(history), "extra": extra,
        ]
        try writeFileAtomically(path, SafeTensors.encode(entries, metadata: ["cnn_kernel": description.serializedString()]))
    }

    public static func load(_ path: String) throws -> Contents {
        let (entries, metadata) = try SafeTensors.decode(try DataReaders.readFile(path), path: path)
        guard let text = metadata["cnn_kernel"], let d = try? JSON.parse(text) else {
            throw DataError("\(path): a safetensors file, but not a cnn-kernel checkpoint (no model description in its metadata)")
        }
        guard let v = d["version"]?.intValue, v <= formatVersion else {
            throw DataError("\(path): checkpoint format version \(d["version"]?.intValue ?? 0) is newer than this kernel reads (\(formatVersion))")
        }
        let spec = try ModelSpec(json: d["architecture"] ?? .null)
        let input = try shape(from: d["input"] ?? .null, path: path)
        let model = try Model(spec: spec, input: input)
        let byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, p) in model.parameters {
            guard let e = byName[name] else { throw DataError("\(path): no tensor \(name) in the checkpoint") }
            guard e.shape == p.shape else { throw DataError("\(path): \(name) has shape \(e.shape) in the checkpoint but \(p.shape) in the model") }
            p.setValues(inShapeOrder: e.values)
        }
        for (name, t) in model.buffers {
            guard let e = byName[name] else { throw DataError("\(path): no tensor \(name) in the checkpoint") }
            guard e.values.count == t.count else { throw DataError("\(path): \(name) has \(e.values.count) values in the checkpoint but \(t.count) in the model") }
            t.data.update(from: e.values, count: t.count)
        }
        var optimizer: Optimizer?
        if let o = d["optimizer"], case .object = o, let kind = Optimizer.Kind(rawValue: o["kind"]?.stringValue ?? "") {
            let opt = Optimizer(kind: kind, momentum: o["momentum"]?.doubleValue ?? 0.9, nesterov: o["nesterov"]?.boolValue ?? false,
                                weightDecay: o["weight_decay"]?.doubleValue ?? 0, beta1: o["beta1"]?.doubleValue ?? 0.9,
                                beta2: o["beta2"]?.doubleValue ?? 0.999, epsilon: o["eps"]?.doubleValue ?? 1e-8)
            opt.restoreStep(o["step"]?.intValue ?? 0)
            for e in entries where e.name.hasPrefix("optimizer/") {
                let parts = e.name.split(separator: "/").map(String.init)
                guard parts.count == 3 else { continue }
                opt.state[parts[1], default: [:]][parts[2]] = e.values
            }
            optimizer = opt
        }
        return Contents(model: model, optimizer: optimizer, history: history(from: d["history"] ?? .null), extra: d["extra"] ?? [:])
    }

    static func shapeJSON(_ s: FeatureShape) -> JSON {
        switch s {
        case .image(let c, let h, let w): return ["c": .int(c), "h": .int(h), "w": .int(w)]
        case .flat(let f): return ["f": .int(f)]
        }
    }

    static func shape(from j: JSON, path: String) throws -> FeatureShape {
        // The same bounds as a model line's input=[C, H, W].
        func ok(_ v: Int?, _ max: Int) -> Int? { v.flatMap { $0 >= 1 && $0 <= max ? $0 : nil } }
        if let c = ok(j["c"]?.intValue, 65_536), let h = ok(j["h"]?.intValue, 4096), let w = ok(j["w"]?.intValue, 4096) { return .image(c: c, h: h, w: w) }
        if let f = ok(j["f"]?.intValue, 1 << 24) { return .flat(f) }
        if j["c"] != nil || j["f"] != nil { throw DataError("\(path): the checkpoint's input shape \(j.serializedString()) is out of range") }
        throw DataError("\(path): the checkpoint does not say the model's input shape")
    }

    static func historyJSON(_ h: TrainingHistory) -> JSON {
        [
            "steps": .array(h.steps.map { [.int($0.step), .number($0.loss), .number($0.accuracy), .number($0.learningRate)] }),
            "epochs": .array(h.epochs.map { e in
                ["epoch": .int(e.epoch), "train_loss": .number(e.trainLoss), "train_accuracy": .number(e.trainAccuracy),
                 "validation_loss": e.validationLoss.map { .number($0) } ?? .null,
                 "validation_accuracy": e.validationAccuracy.map { .number($0) } ?? .null,
                 "seconds": .number(e.seconds), "learning_rate": .number(e.learningRate)]
            }),
        ]
    }

    static func history(from j: JSON) -> TrainingHistory {
        let h = TrainingHistory()
        for s in j["steps"]?.arrayValue ?? [] {
            guard let a = s.arrayValue, a.count == 4 else { continue }
            h.steps.append(.init(step: a[0].intValue ?? 0, loss: a[1].doubleValue ?? .nan, accuracy: a[2].doubleValue ?? .nan, learningRate: a[3].doubleValue ?? 0))
        }
        for e in j["epochs"]?.arrayValue ?? [] {
            h.epochs.append(EpochSummary(
                epoch: e["epoch"]?.intValue ?? 0, trainLoss: e["train_loss"]?.doubleValue ?? .nan,
                trainAccuracy: e["train_accuracy"]?.doubleValue ?? .nan, validationLoss: e["validation_loss"]?.doubleValue,
                validationAccuracy: e["validation_accuracy"]?.doubleValue, seconds: e["seconds"]?.doubleValue ?? 0,
                learningRate: e["learning_rate"]?.doubleValue ?? 0))
        }
        return h
    }
}
