import CNNCore

// ReLU: max(0, x). Nair & Hinton 2010, "Rectified linear units improve restricted Boltzmann machines".
// Leaky ReLU: Maas et al. 2013, "Rectifier nonlinearities improve neural network acoustic models".

final class ReLU: ActivationLayer {
    init(_ s: FeatureShape) { super.init("relu", s) }
    override func f(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        Vec.relu(x, y, n)
    }
    // f′(x) = 1 for x > 0, else 0 (0 at x = 0, as PyTorch)
    override func df(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        Vec.reluBackward(x, dy, dx, n)
    }
    /// Takes `out` as this layer's output computed elsewhere (a residual sum that applied the
    /// ReLU in its own pass). Backward needs only the sign of the input, which the output shares.
    func adoptFusedOutput(_ out: Tensor, context: RunContext) {
        record(input: out, output: out, context: context)
    }

    /// Whether a batchnorm applied this ReLU in its own forward pass, and will apply its
    /// derivative in its own backward, from its own input (`BatchNorm.backward(_:throughReLU:)`):
    /// this layer then keeps no tensor. An activation tensor kept only for that backward, where
    /// nothing else keeps it (an Inception branch's output), was 137 of the 722 MB of tensors
    /// GoogLeNet held at its peak (training, batch 128).
    private(set) var fusedIntoBatchNorm = false

    func markFusedIntoBatchNorm(context: RunContext) {
        forget()
        fusedIntoBatchNorm = context.recordsForBackward
    }

    /// Whether the last forward was fused into a batchnorm; this layer forgets it.
    func takeFusedIntoBatchNorm() -> Bool {
        defer { fusedIntoBatchNorm = false }
        return fusedIntoBatchNorm
    }

    override func record(input: Tensor, output: Tensor, context: RunContext) {
        fusedIntoBatchNorm = false
        super.record(input: input, output: output, context: context)
    }
}

final class LeakyReLU: ActivationLayer {
    let slope: Float
    init(_ s: FeatureShape, slope: Float) {
        self.slope = slope
        super.init("leaky_relu", s)
    }
    override var detail: String { "slope \(slope)" }
    override func f(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
    }
    override func df(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { dx[i] = x[i] > 0 ? dy[i] : slope * dy[i] }
    }
}

enum ReLUPlugins {
    static let relu = ActivationPlugin(
        name: "relu", summary: "Rectified linear unit: max(0, x).",
        doc: "Negative inputs become 0; the gradient passes where the input was positive.\nPaper: Nair & Hinton 2010.") { _, s in ReLU(s) }
    static let leakyRelu = ActivationPlugin(
        name: "leaky_relu", aliases: ["leakyrelu"], summary: "Leaky ReLU: x for x > 0, slope·x otherwise.",
        doc: "Keeps a small gradient for negative inputs, so units cannot die.\nPaper: Maas et al. 2013.",
        parameters: [leakySlope.spec]
    ) { a, s in LeakyReLU(s, slope: Float(a[leakySlope])) }
    static let leakySlope = Key<Double>("slope", .number(min: 0, max: 1), default: 0.01, positional: true, aliases: ["negative_slope"], "slope for negative inputs")
}

extension ReLU: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String { graph.addNode("Relu", inputs: [input]) }
}

extension LeakyReLU: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        graph.addNode("LeakyRelu", inputs: [input], attributes: [.float("alpha", slope)])
    }
}
