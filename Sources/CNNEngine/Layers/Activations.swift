import CNNCore

/// An element-wise activation: forward and derivative side by side. Each activation plugin
/// below is one such pair. The derivative is taken from the input x (and, where cheaper,
/// the output y).
class ActivationLayer: Layer {
    let typeName: String
    let shape: FeatureShape
    /// What backward needs: the input and output of the last training forward.
    private(set) var x: Tensor?
    private(set) var y: Tensor?
    init(_ name: String, _ shape: FeatureShape) {
        typeName = name
        self.shape = shape
    }
    var inputShape: FeatureShape { shape }
    var outputShape: FeatureShape { shape }
    var multiplyAdds: Int { 0 }
    var detail: String { "" }
    func f(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) { fatalError("abstract") }
    /// dx = dy · f′(x), given x and y = f(x).
    func df(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        fatalError("abstract")
    }

    func forward(_ input: Tensor, context: RunContext) -> Tensor {
        let out = Tensor(batch: input.batch, shape: shape, zeroed: false)
        let (xp, yp) = (UncheckedPointer(input.data), UncheckedPointer(out.data))
        Parallel.forEachChunk(input.count, grain: 1 << 15) { r in
            self.f(xp.value + r.lowerBound, yp.value + r.lowerBound, r.count)
        }
        record(input: input, output: out, context: context)
        return out
    }

    /// Keeps what backward needs (df's x and y), when the pass is for training.
    func record(input: Tensor, output: Tensor, context: RunContext) {
        if context.recordsForBackward {
            x = input
            y = output
        }
    }

    func backward(_ dy: Tensor) -> Tensor {
        guard let x, let y else { preconditionFailure("\(typeName) backward without a training forward") }
        let dx = Tensor(batch: dy.batch, shape: shape, zeroed: false)
        let (xp, yp, dyp, dxp) = (UncheckedPointer(x.data), UncheckedPointer(y.data), UncheckedPointer(dy.data), UncheckedPointer(dx.data))
        Parallel.forEachChunk(dy.count, grain: 1 << 15) { r in
            let o = r.lowerBound
            self.df(xp.value + o, yp.value + o, dyp.value + o, dxp.value + o, r.count)
        }
        forget()
        return dx
    }

    func forget() {
        x = nil
        y = nil
    }
}

/// Builds an activation layer of any input shape; activations take only the options they declare.
final class ActivationPlugin: LayerPlugin {
    let name: String
    let aliases: [String]
    let summary: String
    let doc: String
    let parameters: [ParameterSpec]
    let make: @Sendable (Arguments, FeatureShape) -> Layer

    init(name: String, aliases: [String] = [], summary: String, doc: String, parameters: [ParameterSpec] = [],
         make: @escaping @Sendable (Arguments, FeatureShape) -> Layer) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.doc = doc
        self.parameters = parameters
        self.make = make
    }

    func build(_ a: Arguments, input: FeatureShape) throws -> Layer { make(a, input) }
}
