import CNNCore

/// A built model: its architecture, its layers for one input shape, and its number of classes.
public final class Model: @unchecked Sendable {
    public let spec: ModelSpec
    public let inputShape: FeatureShape
    public let root: Layer
    public var classes: Int { root.outputShape.count }
    /// Which fast paths every pass of this model takes (tests compare them with the references).
    public var options = ComputeOptions()

    /// A context for one pass of this model, with its options.
    public func context(training: Bool, rng: RandomSource, recordsForBackward: Bool? = nil) -> RunContext {
        RunContext(training: training, rng: rng, recordsForBackward: recordsForBackward, options: options)
    }

    public convenience init(spec: ModelSpec, input: FeatureShape, registry: LayerRegistry = .shared) throws {
        try self.init(spec: spec, root: try ModelBuilder.build(spec, input: input, registry: registry), input: input)
    }

    /// A model from layers already built for `input` from `spec` (the language builds each
    /// layer once, as it checks the line it comes from).
    public init(spec: ModelSpec, root: Layer, input: FeatureShape) throws {
        self.spec = spec
        inputShape = input
        self.root = root
        guard case .flat = root.outputShape else {
            throw ModelBuildError(path: "", "a classifier must end in flat features (one score per class), but this model ends with \(root.outputShape); add gap or flatten and a linear layer")
        }
        inputGradientNeeded = false
    }

    /// Training does not need the gradient with respect to the input images: the first layer may skip it.
    /// (Saliency maps, which do need it, switch it back on for their pass.)
    public var inputGradientNeeded: Bool {
        get { (firstLeaf as? Conv2d)?.computesInputGradient ?? true }
        set { (firstLeaf as? Conv2d)?.computesInputGradient = newValue }
    }

    var firstLeaf: Layer? {
        var l: Layer = root
        while let c = l.children.first?.layer {
            if l is Concat || l is Residual { return nil }  // the input feeds several paths
            l = c
        }
        return l
    }

    public func initialize(seed: UInt64, scheme: InitScheme = .pytorch) {
        root.initializeAll(RandomSource(seed: seed), scheme: scheme)
    }

    public func initialize(_ rng: RandomSource, scheme: InitScheme = .pytorch) { root.initializeAll(rng, scheme: scheme) }

    public var parameters: [(String, Parameter)] { root.namedParameters() }
    public var buffers: [(String, Tensor)] { root.namedBuffers() }

    /// A copy of every parameter's values and every buffer (batch norm's running statistics), to
    /// put back with `restore` (best epoch, the range test, views that run in training mode).
    public func savedState(buffersOnly: Bool = false) -> [[Float]] {
        (buffersOnly ? [] : parameters.map { $0.1.value.values }) + buffers.map { $0.1.values }
    }

    public func restore(_ state: [[Float]], buffersOnly: Bool = false) {
        let targets = (buffersOnly ? [] : parameters.map { $0.1.value }) + buffers.map { $0.1 }
        for (t, v) in zip(targets, state) { t.data.update(from: v, count: v.count) }
    }
    public var parameterCount: Int { root.parameterCount }

    /// Scores (logits) for a batch.
    public func forward(_ x: Tensor, context: RunContext) -> Tensor { root.forward(x, context: context) }
    public func backward(_ dLogits: Tensor) -> Tensor { root.backward(dLogits) }

    /// Every layer's output for a batch, by dotted name (evaluation mode unless `training`),
    /// and the model's output.
    public func activations(_ x: Tensor, recordForBackward: Bool = false) -> (outputs: [String: Tensor], logits: Tensor) {
        let names = Dictionary(uniqueKeysWithValues: allLayers().map { (ObjectIdentifier($0.layer), $0.name) })
        var out: [String: Tensor] = [:]
        let ctx = context(training: false, rng: RandomSource(seed: 0), recordsForBackward: recordForBackward)
        ctx.observer = { layer, t in if let n = names[ObjectIdentifier(layer)] { out[n] = t } }
        let logits = root.forward(x, context: ctx)
        return (out, logits)
    }

    /// The layer with a dotted name (`block2.conv1`), if any.
    public func layer(named path: String) -> Layer? {
        var current: Layer = root
        for part in path.split(separator: ".") {
            guard let next = current.children.first(where: { $0.name == part })?.layer else { return nil }
            current = next
        }
        return current
    }

    /// Every layer with its dotted name, parents before children (depth first).
    public func allLayers() -> [(name: String, layer: Layer, depth: Int)] {
        var out: [(String, Layer, Int)] = []
        func walk(_ l: Layer, _ prefix: String, _ depth: Int) {
            for (n, c) in l.children {
                let name = prefix.isEmpty ? n : prefix + "." + n
                out.append((name, c, depth))
                walk(c, name, depth + 1)
            }
        }
        walk(root, "", 0)
        return out
    }
}
