import CNNCore

// Global average pooling: the mean of each channel over the whole map, (C, H, W) → (C).
// Lin, Chen & Yan 2013, "Network in network", arXiv:1312.4400.

final class GlobalAvgPoolPlugin: LayerPlugin {
    let name = "gap"
    let aliases = ["global_avg_pool", "globalavgpool", "adaptive_avg_pool"]
    let summary = "Global average pooling: one number per channel, the mean of its feature map; gives flat features."
    let doc = "Replaces a large fully connected layer after the last convolution.\nPaper: Lin, Chen & Yan 2013, Network in network, arXiv:1312.4400."
    let parameters: [ParameterSpec] = []
    func build(_ a: Arguments, input: FeatureShape) throws -> Layer {
        let (c, h, w) = try requireImage(input, "gap")
        return GlobalAvgPool(c: c, h: h, w: w)
    }
}

final class GlobalAvgPool: Layer {
    let typeName = "gap"
    let c, h, w: Int
    private var batch = 0
    init(c: Int, h: Int, w: Int) { self.c = c; self.h = h; self.w = w }
    var inputShape: FeatureShape { .image(c: c, h: h, w: w) }
    var outputShape: FeatureShape { .flat(c) }
    var multiplyAdds: Int { c * h * w }
    var receptiveStep: (kernel: Int, stride: Int) { (max(h, w), 1) }

    func forward(_ x: Tensor, context: RunContext) -> Tensor {
        batch = x.batch
        let y = Tensor(batch: x.batch, shape: outputShape)
        let (xp, yp, c, hw) = (UncheckedPointer(x.data), UncheckedPointer(y.data), c, h * w)
        Parallel.forEachChunk(x.batch) { range in
            for n in range {
                let out = yp.value + n * c
                for p in 0..<hw {
                    let inp = xp.value + (n * hw + p) * c
                    for ch in 0..<c { out[ch] += inp[ch] }
                }
                let s = 1 / Float(hw)
                for ch in 0..<c { out[ch] *= s }
            }
        }
        return y
    }

    // dx[n, c, y, x] = dy[n, c] / (H·W)
    func backward(_ dy: Tensor) -> Tensor {
        let dx = Tensor(batch: batch, shape: inputShape)
        let (dxp, dyp, c, hw) = (UncheckedPointer(dx.data), UncheckedPointer(dy.data), c, h * w)
        Parallel.forEachChunk(batch) { range in
            for n in range {
                let g = dyp.value + n * c
                let s = 1 / Float(hw)
                for p in 0..<hw {
                    let t = dxp.value + (n * hw + p) * c
                    for ch in 0..<c { t[ch] = g[ch] * s }
                }
            }
        }
        return dx
    }
}

// ONNX GlobalAveragePool gives (N, C, 1, 1); Flatten makes it the (N, C) this layer gives.
extension GlobalAvgPool: ONNXExportable {
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let pooled = graph.addNode("GlobalAveragePool", inputs: [input], suffix: "pool")
        graph.describe(pooled, .image(c: c, h: 1, w: 1))
        return graph.addNode("Flatten", inputs: [pooled], attributes: [.int("axis", 1)])
    }
}
