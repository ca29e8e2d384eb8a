import CNNCore

// Dropout: during training each value is zeroed with probability p and the rest are scaled
// by 1/(1 − p) (inverted dropout), so evaluation needs no change. Srivastava et al. 2014, JMLR 15.

final class DropoutPlugin: LayerPlugin {
    let name = "dropout"
    let summary = "Dropout: zeroes random values during training (probability p), scaling the rest by 1/(1 − p)."
    let doc = "Does nothing in evaluation. The mask comes from the engine's seeded random source.\nPaper: Srivastava et al. 2014, Dropout, JMLR 15."
    static let p = Key<Double>("p", .number(min: 0, max: 0.99), default: 0.5, positional: true, aliases: ["rate"], "probability of dropping a value")
    let parameters = [DropoutPlugin.p.spec]
    func build(_ a: Arguments, input: FeatureShape) throws -> Layer { Dropout(input, p: a[Self.p]) }
}

final class Dropout: Layer {
    let typeName = "dropout"
    let shape: FeatureShape
    let p: Double
    private var mask: Tensor?
    init(_ s: FeatureShape, p: Double) { shape = s; self.p = p }
    var inputShape: FeatureShape { shape }
    var outputShape: FeatureShape { shape }
    var detail: String { "p \(p)" }

    func forward(_ x: Tensor, context: RunContext) -> Tensor {
        let y = x.copy()
        guard context.training, p > 0 else {
            mask = nil
            return y
        }
        // The mask is drawn on one thread, in order: the same seed gives the same mask.
        let m = Tensor(batch: x.batch, shape: shape)
        let keep = Float(1 / (1 - p))
        for i in 0..<m.count { m.data[i] = context.rng.uniform() < p ? 0 : keep }
        for i in 0..<y.count { y.data[i] *= m.data[i] }
        mask = m
        return y
    }

    func backward(_ dy: Tensor) -> Tensor {
        let dx = dy.copy()
        if let mask { for i in 0..<dx.count { dx.data[i] *= mask.data[i] } }
        return dx
    }
}

// ONNX Dropout outside training mode passes its input through, as evaluation does here; it is
// written anyway so that the graph shows where dropout acts in training.
extension Dropout: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let ratio = graph.addWeight("ratio", dims: [], values: [Float(p)])
        return graph.addNode("Dropout", inputs: [input, ratio])
    }
}
