import CNNCore

// Fully connected layer: y = x·Wᵀ + b. Rosenblatt 1958 (the perceptron); as the classifier
// head of a CNN, LeCun et al. 1998. Weights stored (out, in) as in PyTorch.

final class LinearPlugin: LayerPlugin {
    let name = "linear"
    let aliases = ["dense", "fc"]
    let summary = "Fully connected layer: every output is a weighted sum of all inputs plus a bias."
    let doc = """
        y[n, o] = bias[o] + Σ_i w[o, i] · x[n, i]. Needs flat input: put flatten (or gap) before it.
        Paper: Rosenblatt 1958, The perceptron; LeCun et al. 1998 for its use after convolutions.
        """
    static let outFeatures = Key<Int>("out_features", .integer(min: 1, max: 1 << 20), positional: true, aliases: ["out"], "number of outputs")
    static let bias = Key<Bool>("bias", .bool, default: true, "add a learned bias per output")
    static let inFeatures = Key<Int>("in_features", .integer(min: 0, max: 1 << 24), default: 0, aliases: ["in"], "expected inputs (0: take them from the input)")
    let parameters = [LinearPlugin.outFeatures.spec, LinearPlugin.bias.spec, LinearPlugin.inFeatures.spec]

    func build(_ a: Arguments, input: FeatureShape) throws -> Layer {
        guard case .flat(let f) = input else {
            throw ShapeError("linear needs flat input, but gets an image \(input); put flatten or gap before it")
        }
        if a[Self.inFeatures] != 0 && a[Self.inFeatures] != f {
            throw ShapeError("linear expects \(a[Self.inFeatures]) inputs, gets \(f)")
        }
        guard ParameterLimits.count([a[Self.outFeatures], f]) != nil else {
            throw ShapeError("linear from \(f) inputs to \(a[Self.outFeatures]) outputs would hold more than \(NumberFormat.count(ParameterLimits.valuesPerTensor)) weights, the most one layer may have; reduce the features first (pooling, gap)")
        }
        try MemoryBudget.requireWeights(a[Self.outFeatures] * f, of: "linear")
        return Linear(inFeatures: f, outFeatures: a[Self.outFeatures], bias: a[Self.bias])
    }
}

public final class Linear: Layer {
    public let typeName = "linear"
    public let inFeatures, outFeatures: Int
    public let weight: Parameter
    public let bias: Parameter?
    private var input: Tensor?

    init(inFeatures: Int, outFeatures: Int, bias: Bool) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Parameter(name: "weight", shape: [outFeatures, inFeatures], decays: true)
        self.bias = bias ? Parameter(name: "bias", shape: [outFeatures], decays: true) : nil
    }

    public var inputShape: FeatureShape { .flat(inFeatures) }
    public var outputShape: FeatureShape { .flat(outFeatures) }
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }
    public var multiplyAdds: Int { inFeatures * outFeatures }
    public var detail: String { "\(inFeatures) → \(outFeatures)" + (bias == nil ? tr(", no bias") : "") }

    public func initialize(_ rng: RandomSource, scheme: InitScheme) {
        // The reference set-ups keep PyTorch's linear default whatever the conv scheme.
        let s: InitScheme = scheme == .xavierUniform ? .xavierUniform : .pytorch
        Initializers.fill(weight.value, scheme: s, fanIn: inFeatures, fanOut: outFeatures, rng: rng)
        if let bias { Initializers.uniform(bias.value, bound: 1 / Double(inFeatures).squareRoot(), rng: rng) }
    }

    public func forward(_ x: Tensor, context: RunContext) -> Tensor {
        if context.recordsForBackward { input = x }
        let y = Tensor(batch: x.batch, shape: outputShape, zeroed: false)  // the product (beta 0) writes all
        GEMM.sgemm(transA: false, transB: true, m: x.batch, n: outFeatures, k: inFeatures,
                   a: x.data, lda: inFeatures, b: weight.value.data, ldb: inFeatures, c: y.data, ldc: outFeatures)
        if let bias { Kernels.addRowVector(y.data, rows: x.batch, cols: outFeatures, bias.value.data) }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("linear backward without a training forward") }
        let n = x.batch
        // dW (out × in) += dyᵀ · x ;  db += Σ_n dy ;  dx = dy · W
        GEMM.sgemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: n, a: dy.data, lda: outFeatures,
                   b: x.data, ldb: inFeatures, beta: 1, c: weight.grad.data, ldc: inFeatures)
        if let bias { Kernels.accumulateColumnSums(dy.data, rows: n, cols: outFeatures, into: bias.grad.data) }
        let dx = Tensor(batch: n, shape: inputShape, zeroed: false)  // the product (beta 0) writes all
        GEMM.sgemm(transA: false, transB: false, m: n, n: inFeatures, k: outFeatures, a: dy.data, lda: outFeatures,
                   b: weight.value.data, ldb: inFeatures, c: dx.data, ldc: inFeatures)
        input = nil
        return dx
    }
}

// ONNX Gemm: (N, in) · weightᵀ (weight stored (out, in), hence transB) + bias → (N, out).
extension Linear: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let inputs = [input, graph.addWeight(weight)] + (bias.map { [graph.addWeight($0)] } ?? [])
        return graph.addNode("Gemm", inputs: inputs, attributes: [.int("transB", 1)])
    }
}
