import CNNCore
#if canImport(Glibc)
import Glibc
#endif

// tanh and the logistic sigmoid: the classic squashing activations (LeCun et al. 1998, "Efficient BackProp").
// GELU: x·Φ(x) with the exact normal CDF, Hendrycks & Gimpel 2016, arXiv:1606.08415.

final class Tanh: ActivationLayer {
    init(_ s: FeatureShape) { super.init("tanh", s) }
    override func f(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] = tanhf(x[i]) }
    }
    // tanh′ = 1 − y²
    override func df(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { dx[i] = dy[i] * (1 - y[i] * y[i]) }
    }
}

final class Sigmoid: ActivationLayer {
    init(_ s: FeatureShape) { super.init("sigmoid", s) }
    override func f(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] = 1 / (1 + expf(-x[i])) }
    }
    // σ′ = y(1 − y)
    override func df(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { dx[i] = dy[i] * y[i] * (1 - y[i]) }
    }
}

final class GELU: ActivationLayer {
    init(_ s: FeatureShape) { super.init("gelu", s) }
    override func f(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] = 0.5 * x[i] * (1 + erff(x[i] * 0.70710678118654752)) }
    }
    // GELU′(x) = Φ(x) + x·φ(x)
    override func df(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n {
            let v = x[i]
            let cdf = 0.5 * (1 + erff(v * 0.70710678118654752))
            let pdf = 0.39894228040143268 * expf(-0.5 * v * v)
            dx[i] = dy[i] * (cdf + v * pdf)
        }
    }
}

enum SmoothActivationPlugins {
    static let tanh = ActivationPlugin(name: "tanh", summary: "Hyperbolic tangent, squashing to (−1, 1).",
        doc: "Paper: LeCun et al. 1998, Efficient BackProp.") { _, s in Tanh(s) }
    static let sigmoid = ActivationPlugin(name: "sigmoid", summary: "Logistic sigmoid 1/(1 + e^−x), squashing to (0, 1).",
        doc: "Paper: LeCun et al. 1998, Efficient BackProp.") { _, s in Sigmoid(s) }
    static let gelu = ActivationPlugin(name: "gelu", summary: "Gaussian error linear unit x·Φ(x).",
        doc: "Uses the exact normal CDF (erf), as PyTorch's default.\nPaper: Hendrycks & Gimpel 2016, arXiv:1606.08415.") { _, s in GELU(s) }
}

extension Tanh: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String { graph.addNode("Tanh", inputs: [input]) }
}

extension Sigmoid: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String { graph.addNode("Sigmoid", inputs: [input]) }
}

// Opset 17 has no Gelu (it came in opset 20): x·Φ(x) written out, Φ(x) = ½(1 + erf(x/√2)).
extension GELU: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let root2 = graph.addWeight("sqrt2", dims: [], values: [Float(2).squareRoot()])
        let one = graph.addWeight("one", dims: [], values: [1])
        let half = graph.addWeight("half", dims: [], values: [0.5])
        let scaled = graph.addNode("Div", inputs: [input, root2], suffix: "x_over_sqrt2")
        let erf = graph.addNode("Erf", inputs: [scaled], suffix: "erf")
        let plusOne = graph.addNode("Add", inputs: [erf, one], suffix: "one_plus_erf")
        let cdf = graph.addNode("Mul", inputs: [plusOne, half], suffix: "cdf")
        return graph.addNode("Mul", inputs: [input, cdf])
    }
}
