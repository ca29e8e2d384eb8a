import CNNCore
#if canImport(Glibc)
import Glibc
#endif

// Swish (SiLU): x·σ(βx). Ramachandran, Zoph & Le 2017, "Searching for activation functions",
// arXiv:1710.05941; with β = 1 it is the SiLU of Elfwing et al. 2017, arXiv:1702.03118.
//   forward:  y = x·s,  s = σ(βx)
//   backward: dy/dx = s + βx·s(1 − s)

final class SwishPlugin: LayerPlugin {
    let name = "swish"
    let aliases = ["silu"]
    let summary = "Swish activation x·σ(βx) (SiLU for β = 1), from the example plugin library."
    let doc = "Smooth and non-monotonic; often a little better than ReLU in deep networks.\nPaper: Ramachandran, Zoph & Le 2017, Searching for activation functions, arXiv:1710.05941."
    static let beta = Key<Double>("beta", .number(min: 0, max: 100), default: 1, positional: true, "slope of the sigmoid gate")
    let parameters = [SwishPlugin.beta.spec]
    func build(_ a: Arguments, input: FeatureShape) throws -> Layer { Swish(shape: input, beta: Float(a[SwishPlugin.beta])) }
}

final class Swish: Layer {
    let typeName = "swish"
    let shape: FeatureShape
    let beta: Float
    private var input: Tensor?

    init(shape: FeatureShape, beta: Float) {
        self.shape = shape
        self.beta = beta
    }

    var inputShape: FeatureShape { shape }
    var outputShape: FeatureShape { shape }
    var detail: String { beta == 1 ? "" : "β \(beta)" }

    // (N, …) → (N, …), element-wise
    func forward(_ x: Tensor, context: RunContext) -> Tensor {
        if context.recordsForBackward { input = x }
        let y = Tensor(batch: x.batch, shape: shape, zeroed: false)
        for i in 0..<x.count {
            let v = x.data[i]
            y.data[i] = v / (1 + expf(-beta * v))
        }
        return y
    }

    func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("swish backward without a recorded forward") }
        let dx = Tensor(batch: dy.batch, shape: shape, zeroed: false)
        for i in 0..<dx.count {
            let v = x.data[i]
            let s = 1 / (1 + expf(-beta * v))
            dx.data[i] = dy.data[i] * (s + beta * v * s * (1 - s))
        }
        input = nil
        return dx
    }
}

// Its own ONNX export (the plugin interface's hook): x·σ(βx) from standard operators, since
// opset 17 has no Swish.
extension Swish: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        var gateInput = input
        if beta != 1 {
            let b = graph.addWeight("beta", dims: [], values: [beta])
            gateInput = graph.addNode("Mul", inputs: [input, b], suffix: "beta_x")
        }
        let gate = graph.addNode("Sigmoid", inputs: [gateInput], suffix: "gate")
        return graph.addNode("Mul", inputs: [input, gate])
    }
}

/// The interface version this library was compiled against (inlined from CNNCore at build time).
@_cdecl("cnn_kernel_plugin_interface_version")
public func pluginInterfaceVersionEntry() -> Int32 { compiledPluginInterfaceVersion }

/// Registers the plugin's layers with the kernel's registry; 0 on success.
@_cdecl("cnn_kernel_plugin_register")
public func pluginRegisterEntry() -> Int32 {
    do {
        try LayerRegistry.shared.register(SwishPlugin(), origin: "SwishPlugin library")
        return 0
    } catch {
        return 1
    }
}
