import CNNCore
import CNNEngine
import JupyterKernel

/// Finding what a command works on, with located errors: the model (named, or the current one),
/// the data it runs on, the split, an image, a layer.
extension CommandEnvironment {
    /// The model named by `key`, or the current one.
    func model(_ inv: Invocation, _ key: Key<String> = Common.model) throws -> ModelEntry {
        let name = inv[key]
        if name.isEmpty {
            guard let c = session.current, let e = session.models[c] else {
                throw LanguageError(.state, at: inv.nameToken, "no model yet: define one with `model NAME … end` or `model r = resnet`")
            }
            return e
        }
        return try model(named: name, at: inv.token(key))
    }

    func model(named name: String, at token: Token) throws -> ModelEntry {
        guard let e = session.models[name] else {
            let known = session.modelOrder
            let hint = Suggest.hint(for: name, in: known)
            throw LanguageError(.name, at: token, "no model named `\(name)`\(hint.isEmpty ? (known.isEmpty ? tr(" (no models yet)") : tr(" (models: \(known.joined(separator: ", ")))")) : hint)")
        }
        return e
    }

    /// The models listed by `key` (names), or none.
    func models(_ inv: Invocation, _ key: Key<[ParameterValue]> = Common.models) throws -> [ModelEntry] {
        try inv[key].map { try model(named: $0.description, at: inv.token(key)) }
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
                let m = try Model(spec: entry.model.spec, input: data.shape, registry: session.layers)
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

    /// The images of the split named by `key`.
    func evaluationData(_ inv: Invocation, _ data: LoadedData, _ key: Key<String> = Common.split) throws -> Dataset {
        switch inv[key] {
        case "validation":
            guard let v = data.split.validation else { throw LanguageError(.state, at: inv.token(key), "the data has no validation images (val=0)") }
            return v
        case "train": return data.split.train
        default:
            guard let t = data.split.test else { throw LanguageError(.state, at: inv.token(key), "the data has no test images; use split=validation") }
            return t
        }
    }

    /// The loaded data and the split to show.
    func displaySet(_ inv: Invocation) throws -> (LoadedData, Dataset) {
        guard let data = session.data else {
            throw LanguageError(.state, at: inv.nameToken, "no data loaded: start with `data fashion-mnist` (or `data shapes`)")
        }
        return (data, try evaluationData(inv, data))
    }

    /// The model, its data, the split, the image's index and the image as a batch of one.
    func modelAndImage(_ inv: Invocation, _ imageKey: Key<Int> = Common.image) throws -> (ModelEntry, LoadedData, Dataset, Int, Tensor) {
        let entry = try model(inv)
        let data = try dataFor(entry, inv)
        let set = try evaluationData(inv, data)
        let i = inv[imageKey]
        guard i < set.count else { throw LanguageError(.value, at: inv.token(imageKey), "image \(i) is past the last one (\(set.count - 1))") }
        try requireInferenceMemory(entry, batch: 1, keepsOutputs: true, what: "looking inside", at: inv.nameToken)
        let (x, _) = Batches.make(set, indices: [i][...], normalization: entry.normalization ?? data.split.normalization)
        return (entry, data, set, i, x)
    }

    /// The layer named by `layer=`.
    func layerNamed(_ entry: ModelEntry, _ inv: Invocation, _ key: Key<String> = Common.layer) throws -> (String, Layer) {
        let name = inv[key]
        guard let l = entry.model.layer(named: name) else {
            let names = entry.model.allLayers().map(\.name)
            throw LanguageError(.name, at: inv.token(key), "model \(entry.name) has no layer `\(name)`\(Suggest.hint(for: name, in: names)) (layers: \(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", …" : ""))")
        }
        return (name, l)
    }

    /// The layer named by `layer=`, which must be of one of `types`, or else the model's first such layer.
    func firstLayer(_ entry: ModelEntry, _ inv: Invocation, types: [String]) throws -> (String, Layer) {
        if inv.given(Common.layer) {
            let (n, l) = try layerNamed(entry, inv)
            guard types.contains(l.typeName) else {
                throw LanguageError(.value, at: inv.token(Common.layer), "\(n) is a \(l.typeName) layer, not \(types.joined(separator: tr(" or ")))")
            }
            return (n, l)
        }
        return try defaultLayer(entry, inv, tr("\(types.joined(separator: tr(" or "))) layer")) { types.contains($0.layer.typeName) }
    }

    /// The layer named by `layer=`, or else the model's first layer (`last`: the last) that `matches`.
    func layerOrDefault(_ entry: ModelEntry, _ inv: Invocation, last: Bool = false, _ what: String,
                        matches: ((name: String, layer: Layer, depth: Int)) -> Bool) throws -> (String, Layer) {
        if inv.given(Common.layer) { return try layerNamed(entry, inv) }
        return try defaultLayer(entry, inv, what, last: last, matches: matches)
    }

    private func defaultLayer(_ entry: ModelEntry, _ inv: Invocation, _ what: String, last: Bool = false,
                              matches: ((name: String, layer: Layer, depth: Int)) -> Bool) throws -> (String, Layer) {
        let candidates = entry.model.allLayers().filter(matches)
        guard let f = last ? candidates.last : candidates.first else {
            throw LanguageError(.value, at: inv.nameToken, "model \(entry.name) has no \(what)")
        }
        return (f.name, f.layer)
    }

    /// The model evaluated on the split (its first `limit` images, when given).
    /// `shift`: every image moved by (rows, columns) first (see Dataset.shifted).
    func evaluate(_ inv: Invocation, limit: Int? = nil, shift: (Int, Int)? = nil) throws -> (ModelEntry, LoadedData, Dataset, Evaluation) {
        let entry = try model(inv)
        let data = try dataFor(entry, inv)
        var set = try evaluationData(inv, data)
        if let (dy, dx) = shift {
            try requireMemory(set.imageBytes, for: "shifted copies of the images", hint: "evaluate fewer images (limit=)", at: inv.nameToken)
            guard let moved = set.shifted(dy: dy, dx: dx, shouldStop: { [context] in context.token.isCancelled }) else { throw ExecutionInterrupted() }
            set = moved
        }
        try requireInferenceMemory(entry, batch: min(256, set.count), what: "evaluating", at: inv.nameToken)
        let e = Evaluation.run(entry.model, on: set, normalization: entry.normalization ?? data.split.normalization, limit: limit,
                               shouldStop: { [context] in context.token.isCancelled })
        try context.token.check()
        return (entry, data, set, e)
    }
}
