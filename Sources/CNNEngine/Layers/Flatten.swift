import CNNCore

// Flatten: (C, H, W) → (C·H·W), in the conventional C-major order, so feature i is
// channel i / (H·W) at row (i / W) mod H, column i mod W, as in PyTorch's flatten of NCHW.

final class FlattenPlugin: LayerPlugin {
    let name = "flatten"
    let summary = "Turns each image (C, H, W) into a vector of C·H·W features, channel by channel."
    let doc = "Needed between the last convolution or pooling layer and a linear layer."
    let parameters: [LayerParameter] = []
    func build(_ a: LayerArguments, input: FeatureShape) throws -> Layer { Flatten(input) }
}

final class Flatten: Layer {
    let typeName = "flatten"
    let inputShape: FeatureShape
    init(_ s: FeatureShape) { inputShape = s }
    var outputShape: FeatureShape { .flat(inputShape.count) }

    func forward(_ x: Tensor, context: RunContext) -> Tensor {
        let y = Tensor(batch: x.batch, shape: outputShape)
        guard case .image(let c, let h, let w) = inputShape else {
            y.data.update(from: x.data, count: x.count)
            return y
        }
        let (xp, yp) = (UncheckedPointer(x.data), UncheckedPointer(y.data))
        Parallel.forEachChunk(x.batch) { range in
            for n in range {
                let src = xp.value + n * c * h * w, dst = yp.value + n * c * h * w
                for p in 0..<(h * w) { for ch in 0..<c { dst[ch * h * w + p] = src[p * c + ch] } }
            }
        }
        return y
    }

    func backward(_ dy: Tensor) -> Tensor {
        let dx = Tensor(batch: dy.batch, shape: inputShape)
        guard case .image(let c, let h, let w) = inputShape else {
            dx.data.update(from: dy.data, count: dy.count)
            return dx
        }
        let (gp, dp) = (UncheckedPointer(dy.data), UncheckedPointer(dx.data))
        Parallel.forEachChunk(dy.batch) { range in
            for n in range {
                let src = gp.value + n * c * h * w, dst = dp.value + n * c * h * w
                for p in 0..<(h * w) { for ch in 0..<c { dst[p * c + ch] = src[ch * h * w + p] } }
            }
        }
        return dx
    }
}
