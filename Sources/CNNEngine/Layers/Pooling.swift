import CNNCore

// Max pooling: Zhou & Chellappa 1988; popularised for CNNs by Ranzato et al. 2007 and
// Krizhevsky et al. 2012. Average pooling: LeCun et al. 1998 (subsampling layers).
// Both slide a window over each channel independently; channels-last memory makes the
// inner loop run over channels, contiguously.

final class PoolPlugin: LayerPlugin {
    let name: String
    let aliases: [String]
    let summary: String
    let doc: String
    let isMax: Bool
    static let kernel = Key<Int>("kernel", .integer(min: 1, max: 64), default: 2, positional: true, aliases: ["kernel_size", "size"], "window height and width")
    static let stride = Key<Int>("stride", .integer(min: 0, max: 64), default: 0, "step between windows (0: same as kernel)")
    static let padding = Key<Int>("padding", .integer(min: 0, max: 32), default: 0, aliases: ["pad"], "border added on each side (at most half the kernel)")
    static let countIncludePad = Key<Bool>("count_include_pad", .bool, default: true, "count padding zeros in the average (PyTorch's default)")
    var parameters: [ParameterSpec] {
        [Self.kernel.spec, Self.stride.spec, Self.padding.spec] + (isMax ? [] : [Self.countIncludePad.spec])
    }

    init(max: Bool) {
        isMax = max
        name = max ? "maxpool" : "avgpool"
        aliases = max ? ["maxpool2d", "max_pool"] : ["avgpool2d", "avg_pool"]
        summary = max ? "Max pooling: the largest value in each window, per channel."
                      : "Average pooling: the mean of each window, per channel."
        doc = max
            ? "Keeps the strongest response in each window and shrinks the map. The gradient goes only to the input that won (the first one on ties).\nPaper: Zhou & Chellappa 1988; Krizhevsky et al. 2012."
            : "Shrinks the map by averaging each window. The gradient is shared equally by the window's inputs.\nPaper: LeCun et al. 1998."
    }

    func build(_ a: Arguments, input: FeatureShape) throws -> Layer {
        let (c, h, w) = try requireImage(input, name)
        let k = a[Self.kernel], s = a[Self.stride] == 0 ? a[Self.kernel] : a[Self.stride], p = a[Self.padding]
        guard 2 * p <= k else { throw ShapeError("\(name) padding (\(p)) must be at most half the kernel (\(k))") }
        let ho = slidingOutputSize(h, kernel: k, stride: s, padding: p), wo = slidingOutputSize(w, kernel: k, stride: s, padding: p)
        guard ho > 0, wo > 0 else { throw ShapeError("\(name) with kernel \(k) does not fit a \(h)×\(w) input") }
        return Pool2d(isMax: isMax, c: c, h: h, w: w, kernel: k, stride: s, padding: p, ho: ho, wo: wo,
                      countPad: isMax ? false : a[Self.countIncludePad])
    }
}

public final class Pool2d: Layer {
    public let isMax: Bool
    public let c, h, w, k, stride, padding, ho, wo: Int
    let countPad: Bool
    private var argmax: [Int32] = []
    private var batch = 0

    init(isMax: Bool, c: Int, h: Int, w: Int, kernel: Int, stride: Int, padding: Int, ho: Int, wo: Int, countPad: Bool) {
        self.isMax = isMax; self.c = c; self.h = h; self.w = w; k = kernel
        self.stride = stride; self.padding = padding; self.ho = ho; self.wo = wo; self.countPad = countPad
    }

    public var typeName: String { isMax ? "maxpool" : "avgpool" }
    public var inputShape: FeatureShape { .image(c: c, h: h, w: w) }
    public var outputShape: FeatureShape { .image(c: c, h: ho, w: wo) }
    public var multiplyAdds: Int { isMax ? 0 : ho * wo * c * k * k }
    public var receptiveStep: (kernel: Int, stride: Int) { (k, stride) }
    public var detail: String { "kernel \(k)" + (stride != k ? ", stride \(stride)" : "") + (padding != 0 ? ", pad \(padding)" : "") }

    /// Window rows and columns of output (oy, ox), clipped to the input.
    @inline(__always) func window(_ oy: Int, _ ox: Int) -> (Range<Int>, Range<Int>, Int) {
        let y0 = oy * stride - padding, x0 = ox * stride - padding
        let ys = max(0, y0)..<min(h, y0 + k), xs = max(0, x0)..<min(w, x0 + k)
        let full = countPad ? (min(h + padding, y0 + k) - y0) * (min(w + padding, x0 + k) - x0) : ys.count * xs.count
        return (ys, xs, full)
    }

    public func forward(_ x: Tensor, context: RunContext) -> Tensor {
        let n = x.batch
        let y = Tensor(batch: n, shape: outputShape)
        let keep = isMax && context.recordsForBackward
        if keep { argmax = [Int32](repeating: 0, count: y.count) }
        batch = n
        let (xp, yp) = (UncheckedPointer(x.data), UncheckedPointer(y.data))
        let (c, h, w, ho, wo, isMax) = (c, h, w, ho, wo, isMax)
        argmax.withUnsafeMutableBufferPointer { am in
            let amp = am.baseAddress.map { UncheckedPointer($0) }
            Parallel.forEachChunk(n * ho * wo, grain: 16) { range in
                for r in range {
                    let nn = r / (ho * wo), oy = (r / wo) % ho, ox = r % wo
                    let (ys, xs, full) = self.window(oy, ox)
                    let out = yp.value + r * c
                    if isMax {
                        for ch in 0..<c { out[ch] = -.infinity }
                        for iy in ys {
                            for ix in xs {
                                let inp = xp.value + ((nn * h + iy) * w + ix) * c
                                let idx = Int32((nn * h + iy) * w + ix)
                                Vec.maxUpdate(inp, out, keep ? amp!.value + r * c : nil, index: idx, c)
                            }
                        }
                    } else {
                        for iy in ys {
                            for ix in xs {
                                let inp = xp.value + ((nn * h + iy) * w + ix) * c
                                Vec.addInPlace(inp, out, c)
                            }
                        }
                        let scale = 1 / Float(full)
                        for ch in 0..<c { out[ch] *= scale }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        let n = batch
        let dx = Tensor(batch: n, shape: inputShape)
        let (dyp, dxp) = (UncheckedPointer(dy.data), UncheckedPointer(dx.data))
        let (c, h, w, ho, wo, isMax) = (c, h, w, ho, wo, isMax)
        argmax.withUnsafeBufferPointer { am in
            // Split by sample: windows overlap within a sample, never across samples.
            Parallel.forEachChunk(n) { range in
                for nn in range {
                    for oy in 0..<ho {
                        for ox in 0..<wo {
                            let r = (nn * ho + oy) * wo + ox
                            let g = dyp.value + r * c
                            if isMax {
                                for ch in 0..<c { dxp.value[Int(am[r * c + ch]) * c + ch] += g[ch] }
                            } else {
                                let (ys, xs, full) = self.window(oy, ox)
                                let scale = 1 / Float(full)
                                for iy in ys {
                                    for ix in xs {
                                        let t = dxp.value + ((nn * h + iy) * w + ix) * c
                                        for ch in 0..<c { t[ch] += g[ch] * scale }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        argmax = []
        return dx
    }
}

// ONNX MaxPool / AveragePool, floor rounding (ceil_mode 0) as here; padded cells never win a
// max, and count in an average when count_include_pad is set.
extension Pool2d: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        var attributes: [ONNXAttribute] = [.ints("kernel_shape", [k, k]), .ints("strides", [stride, stride]),
                                           .ints("pads", [padding, padding, padding, padding])]
        if !isMax { attributes.append(.int("count_include_pad", countPad ? 1 : 0)) }
        return graph.addNode(isMax ? "MaxPool" : "AveragePool", inputs: [input], attributes: attributes)
    }
}
