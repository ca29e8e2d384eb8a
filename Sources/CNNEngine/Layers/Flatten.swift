import CNNCore

// Flatten: (C, H, W) → (C·H·W), in the conventional C-major order, so feature i is
// channel i / (H·W) at row (i / W) mod H, column i mod W, as in PyTorch's flatten of NCHW.

final class FlattenPlugin: LayerPlugin {
    let name = "flatten"
    let summary = "Turns each image (C, H, W) into a vector of C·H·W features, channel by channel."
    let doc = "Needed between the last convolution or pooling layer and a linear layer."
    let parameters: [ParameterSpec] = []
    func build(_ a: Arguments, input: FeatureShape) throws -> Layer { Flatten(input) }
}

final class Flatten: Layer {
    let typeName = "flatten"
    let inputShape: FeatureShape
    init(_ s: FeatureShape) { inputShape = s }
    var outputShape: FeatureShape { .flat(inputShape.count) }

    func forward(_ x: Tensor, context: RunContext) -> Tensor { permute(x, toFeatures: true) }
    func backward(_ dy: Tensor) -> Tensor { permute(dy, toFeatures: false) }

    /// Channels-last (H, W, C) ↔ channel-major (C, H, W) per sample; a flat input passes through.
    func permute(_ t: Tensor, toFeatures: Bool) -> Tensor {
        let out = Tensor(batch: t.batch, shape: toFeatures ? outputShape : inputShape, zeroed: false)
        guard case .image(let c, let h, let w) = inputShape else {
            out.data.update(from: t.data, count: t.count)
            return out
        }
        let (src, dst) = (UncheckedPointer(t.data), UncheckedPointer(out.data))
        Parallel.forEachChunk(t.batch) { range in
            for n in range {
                let s = src.value + n * c * h * w, d = dst.value + n * c * h * w
                for p in 0..<(h * w) {
                    for ch in 0..<c {
                        if toFeatures { d[ch * h * w + p] = s[p * c + ch] } else { d[p * c + ch] = s[ch * h * w + p] }
                    }
                }
            }
        }
        return out
    }
}

// ONNX Flatten with axis 1 keeps the batch and orders features C, H, W, as this layer does.
extension Flatten: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        guard case .image = inputShape else { return input }
        return graph.addNode("Flatten", inputs: [input], attributes: [.int("axis", 1)])
    }
}
