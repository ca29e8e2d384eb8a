import CNNCore
#if canImport(Glibc)
import Glibc
#endif

// 2-D convolution. LeCun et al. 1998, "Gradient-based learning applied to document recognition";
// grouped convolution: Krizhevsky et al. 2012 (AlexNet); dilation: Yu & Koltun 2016, arXiv:1511.07122.
//
// Memory is channels-last. Forward lowers each chunk of samples to a patch matrix
//   cols (rows = N·Ho·Wo, K = kh·kw·Cin/g)  and computes  y (rows × Cout) = cols · Wᵀ
// with W stored (Cout, kh, kw, Cin/g). A 1×1, stride-1, unpadded, ungrouped convolution needs no
// patch matrix: its input already is one. Backward, per chunk:  dW += dyᵀ · cols,  dcols = dy · W,
// and dcols is scattered back onto dx (col2im). That lowering is the plain reference; where oneDNN
// has direct kernels for a geometry (ConvolutionPrimitives), those run instead and are tested
// against it, except for a pointwise convolution, whose fast path is the same products cut into
// row blocks per thread (Kernels.rowBlockedProduct).

final class Conv2dPlugin: LayerPlugin {
    let name = "conv"
    let aliases = ["conv2d"]
    let summary = "2-D convolution: a kernel slides over the input's channels and rows and columns, one feature map per output channel."
    let doc = """
        out[n, o, y, x] = bias[o] + Σ_c Σ_ky Σ_kx w[o, c, ky, kx] · in[n, c, y·stride − padding + ky·dilation, x·stride − padding + kx·dilation]
        Output size per side: ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.
        With groups g, input and output channels are split into g independent groups.
        Paper: LeCun et al. 1998, Gradient-based learning applied to document recognition.
        """
    static let outChannels = Key<Int>("out_channels", .integer(min: 1, max: 65536), positional: true, "number of output channels (feature maps)")
    static let kernel = Key<Int>("kernel", .integer(min: 1, max: 31), default: 3, aliases: ["kernel_size"], "kernel height and width")
    static let stride = Key<Int>("stride", .integer(min: 1, max: 31), default: 1, "step between kernel positions")
    static let padding = Key<Int>("padding", .integer(min: 0, max: 31), default: 0, aliases: ["pad"], "zeros added on each side")
    static let dilation = Key<Int>("dilation", .integer(min: 1, max: 31), default: 1, "spacing between kernel taps")
    static let groups = Key<Int>("groups", .integer(min: 1, max: 65536), default: 1, "independent channel groups")
    static let bias = Key<Bool>("bias", .bool, default: true, "add a learned bias per output channel")
    static let inChannels = Key<Int>("in_channels", .integer(min: 0, max: 65536), default: 0, "expected input channels (0: take them from the input)")
    let parameters = [Conv2dPlugin.outChannels.spec, Conv2dPlugin.kernel.spec, Conv2dPlugin.stride.spec, Conv2dPlugin.padding.spec, Conv2dPlugin.dilation.spec, Conv2dPlugin.groups.spec,
                      Conv2dPlugin.bias.spec, Conv2dPlugin.inChannels.spec]

    func build(_ a: Arguments, input: FeatureShape) throws -> Layer {
        let (c, h, w) = try requireImage(input, "conv")
        if a[Self.inChannels] != 0 && a[Self.inChannels] != c {
            throw ShapeError("conv expects \(a[Self.inChannels]) input channels, gets \(c)")
        }
        let g = a[Self.groups], cout = a[Self.outChannels]
        guard c % g == 0, cout % g == 0 else {
            throw ShapeError("conv with groups=\(g) needs input channels (\(c)) and out_channels (\(cout)) divisible by \(g)")
        }
        let k = a[Self.kernel], s = a[Self.stride], p = a[Self.padding], d = a[Self.dilation]
        let ho = slidingOutputSize(h, kernel: k, stride: s, padding: p, dilation: d)
        let wo = slidingOutputSize(w, kernel: k, stride: s, padding: p, dilation: d)
        guard ho > 0, wo > 0 else {
            throw ShapeError("conv with kernel \(k), dilation \(d) and padding \(p) does not fit a \(h)×\(w) input")
        }
        guard ParameterLimits.count([cout, c / g, k, k]) != nil else {
            throw ShapeError("conv with \(cout) output channels, \(c / g) input channels per group and a \(k)×\(k) kernel would hold more than \(NumberFormat.count(ParameterLimits.valuesPerTensor)) weights, the most one layer may have")
        }
        try MemoryBudget.requireWeights(cout * (c / g) * k * k, of: "conv")
        return Conv2d(cin: c, h: h, w: w, cout: cout, kernel: k, stride: s, padding: p, dilation: d, groups: g,
                      bias: a[Self.bias], ho: ho, wo: wo)
    }
}

public final class Conv2d: Layer, InputGradientSinking {
    public let typeName = "conv"
    public let cin, h, w, cout, k, stride, padding, dilation, groups, ho, wo: Int
    public let weight: Parameter
    public let bias: Parameter?
    private var input: Tensor?
    /// The fast path the last recorded forward ran on; nil: the reference.
    private var inputPath: FastPath?
    /// The oneDNN primitives the last recorded forward ran on (nil: the reference or the pointwise
    /// product), for tests.
    var recordedPrimitives: ConvolutionPrimitives? {
        if case .primitives(let p) = inputPath { return p }
        return nil
    }
    /// Whether the last recorded forward ran on a fast path (oneDNN's kernels or the pointwise
    /// product), for tests.
    var recordedFastPath: Bool { inputPath != nil }

    /// What runs this layer when the fastest backend is asked for. A pointwise convolution is a
    /// matrix product whatever oneDNN offers: oneDNN 2.6's 1×1 kernels ran GoogLeNet's and
    /// DenseNet's (a few dozen output channels over 10⁵ pixels) at about half the speed of its
    /// own sgemm, forward and backward (`Kernels.rowBlockedProduct`).
    private enum FastPath {
        case pointwise
        case primitives(ConvolutionPrimitives)
    }
    /// oneDNN primitives per batch size (training, last and evaluation batches differ) and
    /// thread count (oneDNN splits the work for the threads there are when a primitive is made,
    /// so after `threads N` new ones are made); nil where oneDNN has only reference kernels.
    private var primitivesByBatch: [PrimitiveKey: ConvolutionPrimitives?] = [:]
    private struct PrimitiveKey: Hashable { let batch, threads: Int }
    /// False for a model's first layer: the gradient with respect to the images is not needed
    /// for training, and skipping it saves a product and a col2im per step.
    var computesInputGradient = true

    init(cin: Int, h: Int, w: Int, cout: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, groups: Int,
         bias: Bool, ho: Int, wo: Int) {
        self.cin = cin; self.h = h; self.w = w; self.cout = cout; k = kernel
        self.stride = stride; self.padding = padding; self.dilation = dilation; self.groups = groups
        self.ho = ho; self.wo = wo
        weight = Parameter(name: "weight", shape: [cout, cin / groups, kernel, kernel], layout: .ohwi, decays: true)
        self.bias = bias ? Parameter(name: "bias", shape: [cout], decays: true) : nil
    }

    public var inputShape: FeatureShape { .image(c: cin, h: h, w: w) }
    public var outputShape: FeatureShape { .image(c: cout, h: ho, w: wo) }
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }
    var cinG: Int { cin / groups }
    var coutG: Int { cout / groups }
    var patch: Int { k * k * cinG }
    public var multiplyAdds: Int { ho * wo * cout * patch }
    public var receptiveStep: (kernel: Int, stride: Int) { (dilation * (k - 1) + 1, stride) }
    public var detail: String {
        var parts = ["\(cout)", "kernel \(k)"]
        if stride != 1 { parts.append("stride \(stride)") }
        if padding != 0 { parts.append("pad \(padding)") }
        if dilation != 1 { parts.append("dilation \(dilation)") }
        if groups != 1 { parts.append("groups \(groups)") }
        if bias == nil { parts.append(tr("no bias")) }
        return parts.joined(separator: ", ")
    }
    /// A 1×1 ungrouped convolution with stride 1 and no padding is a plain matrix product.
    var isPointwise: Bool { k == 1 && stride == 1 && padding == 0 && groups == 1 }

    public func initialize(_ rng: RandomSource, scheme: InitScheme) {
        let fanIn = patch, fanOut = coutG * k * k
        Initializers.fill(weight.value, scheme: scheme, fanIn: fanIn, fanOut: fanOut, rng: rng)
        if let bias { Initializers.uniform(bias.value, bound: 1 / Double(fanIn).squareRoot(), rng: rng) }
    }

    /// Samples per chunk, so that a patch matrix stays near 16 MB.
    var chunk: Int { max(1, (1 << 22) / max(1, ho * wo * patch)) }

    /// The reference path's patch matrices at their largest (backward holds two).
    var patchBufferBytes: Int { isPointwise ? 0 : 2 * chunk * ho * wo * patch * 4 }

    /// The fast path at batch `n`: the pointwise product, or oneDNN's primitives where it has
    /// direct kernels for this geometry; nil where only the reference runs it.
    private func fastPath(batch n: Int) -> FastPath? {
        isPointwise ? .pointwise : primitives(batch: n).map { .primitives($0) }
    }

    /// oneDNN's primitives for this geometry at batch `n`, when it has direct kernels for it
    /// (made for a pointwise convolution only when asked: its fast path does not use them).
    func primitives(batch n: Int) -> ConvolutionPrimitives? {
        let key = PrimitiveKey(batch: n, threads: Parallel.threads)
        if let cached = primitivesByBatch[key] { return cached }
        if primitivesByBatch.count >= 4 { primitivesByBatch.removeAll() }
        let made = ConvolutionPrimitives.make(ConvolutionGeometry(
            batch: n, inChannels: cin, height: h, width: w, outChannels: cout, kernel: k, stride: stride,
            padding: padding, dilation: dilation, groups: groups, outHeight: ho, outWidth: wo, hasBias: bias != nil))
        primitivesByBatch[key] = made
        return made
    }

    public func forward(_ x: Tensor, context: RunContext) -> Tensor {
        let n = x.batch
        let y = Tensor(batch: n, shape: outputShape, zeroed: false)  // every element is written
        let path = context.convolutionBackend == .fastest ? fastPath(batch: n) : nil
        if context.recordsForBackward { (input, inputPath) = (x, path) }
        biasGradientAdded = false
        switch path {
        case .pointwise:
            // y (N·H·W × Cout) = x · Wᵀ + b.
            Kernels.rowBlockedProduct(rows: n * h * w, n: cout, k: cin, a: x.data, lda: cin, b: weight.value.data, ldb: cin,
                                      transB: true, bias: bias?.value.data, c: y.data, ldc: cout)
        case .primitives(let p):
            p.forward(input: x.data, weight: weight.value.data, bias: bias?.value.data, output: y.data)
        case nil:
            forwardByPatches(x, into: y)
        }
        return y
    }

    /// The reference: im2col + GEMM, a chunk of samples at a time.
    func forwardByPatches(_ x: Tensor, into y: Tensor) {
        let n = x.batch
        let rowsPerSample = ho * wo
        var cols: UnsafeMutablePointer<Float>? = nil
        if !isPointwise { cols = .allocate(capacity: min(n, chunk) * rowsPerSample * patch) }
        defer { cols?.deallocate() }
        var n0 = 0
        while n0 < n {
            let nc = min(chunk, n - n0)
            let rows = nc * rowsPerSample
            let yc = y.data + n0 * rowsPerSample * cout
            for g in 0..<groups {
                let a: UnsafePointer<Float>
                if isPointwise {
                    a = UnsafePointer(x.data + n0 * rowsPerSample * cin)
                } else {
                    im2col(x, firstSample: n0, samples: nc, group: g, into: cols!)
                    a = UnsafePointer(cols!)
                }
                GEMM.sgemm(transA: false, transB: true, m: rows, n: coutG, k: patch,
                           a: a, lda: isPointwise ? cin : patch,
                           b: weight.value.data + g * coutG * patch, ldb: patch,
                           c: yc + g * coutG, ldc: cout)
            }
            n0 += nc
        }
        if let bias { Kernels.addRowVector(y.data, rows: n * rowsPerSample, cols: cout, bias.value.data) }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("conv backward without a training forward") }
        let path = inputPath
        (input, inputPath) = (nil, nil)
        // Backward runs on the kernels its forward ran on.
        switch path {
        case .pointwise:
            // dW += dyᵀ·x as one product over the whole batch (its input already is the patch
            // matrix). oneDNN 2.6's 1×1 backward-weights kernel ran GoogLeNet's 1×1 layers (a few
            // dozen output channels, N·H·W in the hundred thousands) at 14–160 GFLOP/s where its
            // sgemm reaches 160–430 (bench/results/pointwise-weights-2026-12-01.txt).
            accumulatePointwiseWeightGradient(x, dy)
            let dx = Tensor(batch: x.batch, shape: inputShape, zeroed: !computesInputGradient)
            if computesInputGradient { pointwiseInputGradient(dy, into: dx, accumulate: false) }
            return dx
        case .primitives(let p):
            p.backwardWeights(input: x.data, outputGradient: dy.data, weightGradient: weight.grad.data,
                              biasGradient: takeOwnBiasGradient())
            let dx = Tensor(batch: x.batch, shape: inputShape, zeroed: !computesInputGradient)
            if computesInputGradient {
                p.backwardData(outputGradient: dy.data, weight: weight.value.data, inputGradient: dx.data)
            }
            return dx
        case nil:
            return backwardByPatches(x, dy)
        }
    }

    /// A pointwise convolution inside a concatenation (an Inception branch's first layer) puts
    /// its input gradient dy·W into the concatenation's sum with one product, beta 1 adding it
    /// (0 writing it): the sum's own pass saved. Only on the fast path, whose forward ran; the
    /// reference returns its gradient as before.
    func backward(_ dy: Tensor, into sink: InputGradientSink) -> Tensor? {
        guard let x = inputForGroupedBackward else { return backward(dy) }
        (input, inputPath) = (nil, nil)
        accumulatePointwiseWeightGradient(x, dy)
        pointwiseInputGradient(dy, into: sink.tensor, accumulate: sink.accumulate)
        return nil
    }

    /// A pointwise convolution's input gradient dx (N·H·W × Cin) = dy · W, written into `dx` or
    /// added to it.
    private func pointwiseInputGradient(_ dy: Tensor, into dx: Tensor, accumulate: Bool) {
        Kernels.rowBlockedProduct(rows: dy.batch * h * w, n: cin, k: cout, a: dy.data, lda: cout, b: weight.value.data, ldb: cin,
                                  transB: false, bias: nil, accumulate: accumulate, c: dx.data, ldc: cin)
    }

    var takesInputGradientSink: Bool { inputForGroupedBackward != nil }

    /// The code that runs this layer at batch `n` on `backend`, for `bench --verbose`: oneDNN's
    /// kernel names (forward; backward data, when computed; backward weights), or the reference.
    func kernels(batch n: Int, backend: ConvolutionBackend) -> String {
        switch backend == .fastest ? fastPath(batch: n) : nil {
        case .pointwise:
            return computesInputGradient ? "sgemm in row blocks; sgemm in row blocks; sgemm" : "sgemm in row blocks; sgemm"
        case .primitives(let p):
            let (data, weights) = p.backwardImplementations
            return [p.implementation, data, weights].compactMap { $0 }.joined(separator: "; ")
        case nil:
            return "im2col + GEMM"
        }
    }

    /// The input the last forward recorded, when this layer's input gradient is one product that
    /// a concatenation can fold into its sum (`backward(_:into:)`) or compute together with other
    /// pointwise convolutions on the same input (Concat.backwardGroupedPointwise): a pointwise
    /// convolution on the fast path that needs its input gradient. Nil otherwise.
    var inputForGroupedBackward: Tensor? {
        isPointwise && computesInputGradient && inputPath != nil ? input : nil
    }

    /// Ends a backward the concatenation computed for this layer: the forward's records go.
    func finishGroupedBackward() {
        (input, inputPath) = (nil, nil)
        biasGradientAdded = false
    }

    /// Set for one backward by the batchnorm after this layer, which added dy's column sums to
    /// the bias gradient in its own last pass (`biasGradientFromNextLayer`).
    private var biasGradientAdded = false

    /// Where the batchnorm after this layer may add its input gradient's column sums, this
    /// layer's bias gradient, in the pass that writes that gradient (BatchNorm.backward), when
    /// this convolution runs on the fast path, whose backward would otherwise read dy once more
    /// for them alone: a pass of its own for a pointwise one (GoogLeNet: 3% of its step; the
    /// same sums, bit for bit), oneDNN's bias reduction for the others (2.7%; the same sums in
    /// another order). Nil otherwise.
    func biasGradientFromNextLayer() -> UnsafeMutablePointer<Float>? {
        guard let bias, input != nil, inputPath != nil else { return nil }
        biasGradientAdded = true
        return bias.grad.data
    }

    /// The bias gradient this backward adds dy's column sums to itself: nil when there is no bias
    /// or the next layer added them. The hand-over is forgotten either way.
    private func takeOwnBiasGradient() -> UnsafeMutablePointer<Float>? {
        defer { biasGradientAdded = false }
        return biasGradientAdded ? nil : bias?.grad.data
    }

    /// A pointwise convolution's parameter gradients: dW (Cout × Cin) += dyᵀ · x over all N·H·W
    /// rows, db += the column sums of dy (unless the next layer added them).
    func accumulatePointwiseWeightGradient(_ x: Tensor, _ dy: Tensor) {
        let rows = x.batch * h * w
        if let db = takeOwnBiasGradient() { Kernels.accumulateColumnSums(dy.data, rows: rows, cols: cout, into: db) }
        Kernels.accumulateTransposedProduct(m: cout, n: cin, k: rows, a: dy.data, lda: cout, b: x.data, ldb: cin,
                                            into: weight.grad.data, ldc: cin)
    }

    /// The reference: per chunk, dW += dyᵀ · cols and dcols = dy · W scattered back by col2im.
    func backwardByPatches(_ x: Tensor, _ dy: Tensor) -> Tensor {
        let n = x.batch
        let dx = Tensor(batch: n, shape: inputShape)
        let rowsPerSample = ho * wo
        if let bias { Kernels.accumulateColumnSums(dy.data, rows: n * rowsPerSample, cols: cout, into: bias.grad.data) }
        var cols: UnsafeMutablePointer<Float>? = nil
        if !isPointwise { cols = .allocate(capacity: 2 * min(n, chunk) * rowsPerSample * patch) }
        defer { cols?.deallocate() }
        var n0 = 0
        while n0 < n {
            let nc = min(chunk, n - n0)
            let rows = nc * rowsPerSample
            let dyc = dy.data + n0 * rowsPerSample * cout
            for g in 0..<groups {
                if isPointwise {
                    let xc = x.data + n0 * rowsPerSample * cin
                    GEMM.sgemm(transA: true, transB: false, m: cout, n: cin, k: rows, a: dyc, lda: cout,
                               b: xc, ldb: cin, beta: 1, c: weight.grad.data, ldc: cin)
                    guard computesInputGradient else { continue }
                    GEMM.sgemm(transA: false, transB: false, m: rows, n: cin, k: cout, a: dyc, lda: cout,
                               b: weight.value.data, ldb: cin, c: dx.data + n0 * rowsPerSample * cin, ldc: cin)
                } else {
                    let patchCols = cols!, dcols = cols! + rows * patch
                    im2col(x, firstSample: n0, samples: nc, group: g, into: patchCols)
                    GEMM.sgemm(transA: true, transB: false, m: coutG, n: patch, k: rows,
                               a: dyc + g * coutG, lda: cout, b: patchCols, ldb: patch, beta: 1,
                               c: weight.grad.data + g * coutG * patch, ldc: patch)
                    guard computesInputGradient else { continue }
                    GEMM.sgemm(transA: false, transB: false, m: rows, n: patch, k: coutG,
                               a: dyc + g * coutG, lda: cout, b: weight.value.data + g * coutG * patch, ldb: patch,
                               c: dcols, ldc: patch)
                    col2im(dcols, firstSample: n0, samples: nc, group: g, into: dx)
                }
            }
            n0 += nc
        }
        return dx
    }

    /// Patch rows for samples [first, first+samples) and channel group g: row (n, oy, ox) holds
    /// the kh·kw·(Cin/g) input values under the kernel, zeros where it hangs over the border.
    func im2col(_ x: Tensor, firstSample: Int, samples: Int, group g: Int, into cols: UnsafeMutablePointer<Float>) {
        let (h, w, cin, cinG, k, s, p, d, ho, wo, patch) = (h, w, cin, cinG, k, stride, padding, dilation, ho, wo, patch)
        let src = UncheckedPointer(x.data), dstBase = UncheckedPointer(cols)
        Parallel.forEachChunk(samples * ho * wo, grain: 64) { range in
            for r in range {
                let n = firstSample + r / (ho * wo)
                let oy = (r / wo) % ho, ox = r % wo
                var dst = dstBase.value + r * patch
                let x0 = ox * s - p
                for ky in 0..<k {
                    let iy = oy * s - p + ky * d
                    // The common case, a whole kernel row inside the image with dilation 1 and no groups:
                    // its k pixels are contiguous in channels-last memory, one copy of k·Cin values.
                    if d == 1 && cinG == cin && iy >= 0 && iy < h && x0 >= 0 && x0 + k <= w {
                        Vec.copy(src.value + ((n * h + iy) * w + x0) * cin, dst, k * cin)
                        dst += k * cin
                        continue
                    }
                    for kx in 0..<k {
                        let ix = ox * s - p + kx * d
                        if iy >= 0 && iy < h && ix >= 0 && ix < w {
                            Vec.copy(src.value + ((n * h + iy) * w + ix) * cin + g * cinG, dst, cinG)
                        } else {
                            Vec.zero(dst, cinG)
                        }
                        dst += cinG
                    }
                }
            }
        }
    }

    /// The transpose of im2col: adds each patch row back onto the input positions it came from.
    /// Split by sample, so no two threads write the same element.
    func col2im(_ dcols: UnsafeMutablePointer<Float>, firstSample: Int, samples: Int, group g: Int, into dx: Tensor) {
        let (h, w, cin, cinG, k, s, p, d, ho, wo, patch) = (h, w, cin, cinG, k, stride, padding, dilation, ho, wo, patch)
        let dst = UncheckedPointer(dx.data), srcBase = UncheckedPointer(dcols)
        Parallel.forEachChunk(samples) { range in
            for local in range {
                let n = firstSample + local
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var src = srcBase.value + ((local * ho + oy) * wo + ox) * patch
                        let x0 = ox * s - p
                        for ky in 0..<k {
                            let iy = oy * s - p + ky * d
                            if d == 1 && cinG == cin && iy >= 0 && iy < h && x0 >= 0 && x0 + k <= w {
                                let t = dst.value + ((n * h + iy) * w + x0) * cin
                                Vec.addInPlace(src, t, k * cin)
                                src += k * cin
                                continue
                            }
                            for kx in 0..<k {
                                let ix = ox * s - p + kx * d
                                if iy >= 0 && iy < h && ix >= 0 && ix < w {
                                    let t = dst.value + ((n * h + iy) * w + ix) * cin + g * cinG
                                    Vec.addInPlace(src, t, cinG)
                                }
                                src += cinG
                            }
                        }
                    }
                }
            }
        }
    }
}

// ONNX Conv: (N, Cin, H, W) → (N, Cout, Ho, Wo), weight (Cout, Cin/groups, k, k) as `weight.shape`.
extension Conv2d: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let inputs = [input, graph.addWeight(weight)] + (bias.map { [graph.addWeight($0)] } ?? [])
        return graph.addNode("Conv", inputs: inputs, attributes: [
            .ints("kernel_shape", [k, k]), .ints("strides", [stride, stride]),
            .ints("pads", [padding, padding, padding, padding]), .ints("dilations", [dilation, dilation]),
            .int("group", groups),
        ])
    }
}
