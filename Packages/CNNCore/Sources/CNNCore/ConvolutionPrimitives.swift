import CDNNL
#if canImport(Glibc)
import Glibc
#endif

/// The size and settings of one 2-D convolution over a channels-last batch; weights are stored
/// (Cout, kh, kw, Cin/groups), the engine's layout.
public struct ConvolutionGeometry: Hashable, Sendable {
    public var batch, inChannels, height, width, outChannels: Int
    public var kernel, stride, padding, dilation, groups: Int
    public var outHeight, outWidth: Int
    public var hasBias: Bool

    public init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int, kernel: Int, stride: Int,
                padding: Int, dilation: Int, groups: Int, outHeight: Int, outWidth: Int, hasBias: Bool) {
        self.batch = batch; self.inChannels = inChannels; self.height = height; self.width = width
        self.outChannels = outChannels; self.kernel = kernel; self.stride = stride; self.padding = padding
        self.dilation = dilation; self.groups = groups; self.outHeight = outHeight; self.outWidth = outWidth
        self.hasBias = hasBias
    }
}

/// The second seam to a C library beside `GEMM`: oneDNN's convolution primitives (forward,
/// backward data, backward weights) for one geometry. They work on the engine's channels-last
/// tensors in place; only the weights are reordered, each call, into the blocked layout the
/// JIT kernels prefer (a few KB, far cheaper than a patch matrix). The engine's im2col + GEMM
/// convolution stays as the plain reference and the fallback: `make` returns nil when oneDNN
/// offers only its own reference implementation for a geometry.
///
/// Why: lowering to patch matrices moves kh·kw times the activations through memory each pass;
/// the direct JIT kernels read each activation once. On this machine that was half of a ResNet
/// training step (profiled: ~50% sgemm, most of the rest im2col and col2im).
///
/// oneDNN overwrites its outputs; the engine accumulates parameter gradients, so those go
/// through a scratch buffer and are added.
public final class ConvolutionPrimitives {
    public let geometry: ConvolutionGeometry
    /// oneDNN's name for the kernels it chose, e.g. "jit:avx512_core" (forward).
    public let implementation: String
    /// The same for the backward primitives, once they exist.
    public var backwardImplementations: (data: String?, weights: String?) {
        (backwardData.map { Self.implementationName($0.desc) },
         (backwardWeights ?? backwardWeightsWithoutBias).map { Self.implementationName($0.desc) })
    }

    private let forwardDesc: dnnl_primitive_desc_t
    private let forwardPrimitive: dnnl_primitive_t
    private var forwardWeights: WeightsBuffer
    private let forwardMemory: (src: dnnl_memory_t, bias: dnnl_memory_t?, dst: dnnl_memory_t)

    /// For a geometry with a bias, which backward-weights primitives exist: the one that computes
    /// the bias gradient, and the one that leaves it out (for tests).
    public var madeBackwardWeights: (withBias: Bool, withoutBias: Bool) {
        (geometry.hasBias && backwardWeights != nil, backwardWeightsWithoutBias != nil)
    }

    private var backwardData: BackwardData?
    private var backwardWeights: BackwardWeights?
    /// For a convolution with a bias whose gradient comes from elsewhere (the batchnorm after it
    /// sums it in its own pass): oneDNN's bias reduction, a pass over dy, left out.
    private var backwardWeightsWithoutBias: BackwardWeights?

    private struct WeightsBuffer {
        /// The primitive's weights layout differs from the engine's: reorder into `storage`.
        var reorder: dnnl_primitive_t?
        var userMemory: dnnl_memory_t
        var primitiveMemory: dnnl_memory_t
        var storage: UnsafeMutableRawPointer?
    }
    private struct BackwardData {
        let desc: dnnl_primitive_desc_t, primitive: dnnl_primitive_t
        var weights: WeightsBuffer
        let diffSrc: dnnl_memory_t, diffDst: dnnl_memory_t
    }
    private struct BackwardWeights {
        let desc: dnnl_primitive_desc_t, primitive: dnnl_primitive_t
        let src: dnnl_memory_t, diffDst: dnnl_memory_t
        /// The primitive's gradient, then (if its layout differs) reordered into the engine's.
        let diffWeights: dnnl_memory_t, diffWeightsStorage: UnsafeMutableRawPointer
        let reorder: dnnl_primitive_t?, userDiffWeights: dnnl_memory_t?, userDiffWeightsStorage: UnsafeMutableRawPointer?
        let diffBias: dnnl_memory_t?, diffBiasStorage: UnsafeMutableRawPointer?
    }

    nonisolated(unsafe) private static let runtime: (engine: dnnl_engine_t, stream: dnnl_stream_t)? = {
        var engine: dnnl_engine_t?
        guard dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success, let engine else { return nil }
        var stream: dnnl_stream_t?
        guard dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue) == dnnl_success, let stream
        else { return nil }
        return (engine, stream)
    }()

    /// Primitives for this geometry, or nil when oneDNN has no optimised kernels for it.
    public static func make(_ g: ConvolutionGeometry) -> ConvolutionPrimitives? {
        guard let runtime, g.batch > 0 else { return nil }
        // oneDNN 2.6's 1×1 backward-weights kernel, when it must first gather a strided or padded
        // input ("reduce to unit stride"), writes past its buffers for channel counts that are not
        // a multiple of 16 (found by ConvolutionBackendTests: heap corruption at 8 → 16 channels,
        // stride 2, batch 25). Such layers are rare and cheap (projection shortcuts): the reference.
        if g.kernel == 1 && (g.stride > 1 || g.padding > 0) { return nil }
        var d = Descriptors(g)
        var conv = dnnl_convolution_desc_t()
        var strides = dims([g.stride, g.stride]), dilates = dims([g.dilation - 1, g.dilation - 1])
        var padL = dims([g.padding, g.padding])
        // Right padding as oneDNN wants it: what makes the output size come out exactly.
        var padR = dims([rightPadding(g.height, g.outHeight, g), rightPadding(g.width, g.outWidth, g)])
        let bias: UnsafeMutablePointer<dnnl_memory_desc_t>? = g.hasBias ? .allocate(capacity: 1) : nil
        bias?.initialize(to: d.bias)
        defer { bias?.deallocate() }
        guard dnnl_dilated_convolution_forward_desc_init(
            &conv, dnnl_forward_training, dnnl_convolution_direct, &d.src, &d.anyWeights,
            bias, &d.dst, &strides, &dilates, &padL, &padR) == dnnl_success
        else { return nil }
        var pd: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&pd, &conv, nil, runtime.engine, nil) == dnnl_success, let pd else { return nil }
        let name = implementationName(pd)
        guard !name.hasPrefix("ref") else { dnnl_primitive_desc_destroy(pd); return nil }
        return ConvolutionPrimitives(g, descriptors: d, forwardDesc: pd, implementation: name,
                                     strides: strides, dilates: dilates, padL: padL, padR: padR)
    }

    private let strides: [Int64], dilates: [Int64], padL: [Int64], padR: [Int64]
    private var descriptors: Descriptors

    private init(_ g: ConvolutionGeometry, descriptors: Descriptors, forwardDesc: dnnl_primitive_desc_t,
                 implementation: String, strides: [Int64], dilates: [Int64], padL: [Int64],
                 padR: [Int64]) {
        geometry = g
        self.descriptors = descriptors
        self.forwardDesc = forwardDesc
        self.implementation = implementation
        self.strides = strides; self.dilates = dilates; self.padL = padL; self.padR = padR
        forwardPrimitive = Self.primitive(forwardDesc)
        var d = descriptors
        forwardWeights = Self.weightsBuffer(user: &d.userWeights, chosen: Self.query(forwardDesc, dnnl_query_weights_md))
        forwardMemory = (Self.memory(&d.src), g.hasBias ? Self.memory(&d.bias) : nil, Self.memory(&d.dst))
    }

    deinit {
        destroy(forwardWeights)
        dnnl_memory_destroy(forwardMemory.src)
        if let b = forwardMemory.bias { dnnl_memory_destroy(b) }
        dnnl_memory_destroy(forwardMemory.dst)
        dnnl_primitive_destroy(forwardPrimitive); dnnl_primitive_desc_destroy(forwardDesc)
        if let b = backwardData {
            destroy(b.weights)
            dnnl_memory_destroy(b.diffSrc); dnnl_memory_destroy(b.diffDst)
            dnnl_primitive_destroy(b.primitive); dnnl_primitive_desc_destroy(b.desc)
        }
        for b in [backwardWeights, backwardWeightsWithoutBias].compactMap({ $0 }) {
            dnnl_memory_destroy(b.src); dnnl_memory_destroy(b.diffDst); dnnl_memory_destroy(b.diffWeights)
            free(b.diffWeightsStorage)
            if let r = b.reorder { dnnl_primitive_destroy(r) }
            if let m = b.userDiffWeights { dnnl_memory_destroy(m) }
            free(b.userDiffWeightsStorage)
            if let m = b.diffBias { dnnl_memory_destroy(m) }
            free(b.diffBiasStorage)
            dnnl_primitive_destroy(b.primitive); dnnl_primitive_desc_destroy(b.desc)
        }
    }

    // MARK: - Running

    /// output (N, Ho, Wo, Cout) = conv(input (N, H, W, Cin), weight (Cout, kh, kw, Cin/g)) + bias.
    public func forward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                        output: UnsafeMutablePointer<Float>) {
        prepare(forwardWeights, weight)
        set(forwardMemory.src, input); set(forwardMemory.dst, output)
        var args = [arg(DNNL_ARG_SRC, forwardMemory.src), arg(DNNL_ARG_WEIGHTS, forwardWeights.primitiveMemory),
                    arg(DNNL_ARG_DST, forwardMemory.dst)]
        if let b = forwardMemory.bias, let bias { set(b, bias); args.append(arg(DNNL_ARG_BIAS, b)) }
        execute(forwardPrimitive, args)
    }

    /// inputGradient (N, H, W, Cin) = the transpose of the convolution applied to outputGradient.
    /// Overwrites inputGradient.
    public func backwardData(outputGradient: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                             inputGradient: UnsafeMutablePointer<Float>) {
        if backwardData == nil { backwardData = makeBackwardData() }
        let b = backwardData!
        prepare(b.weights, weight)
        set(b.diffDst, outputGradient); set(b.diffSrc, inputGradient)
        execute(b.primitive, [arg(DNNL_ARG_DIFF_DST, b.diffDst), arg(DNNL_ARG_WEIGHTS, b.weights.primitiveMemory),
                              arg(DNNL_ARG_DIFF_SRC, b.diffSrc)])
    }

    /// weightGradient += ∂L/∂W and biasGradient += ∂L/∂b for this batch. Without a biasGradient,
    /// a primitive that leaves the bias out runs (one pass over dy less).
    public func backwardWeights(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?) {
        let b: BackwardWeights
        if geometry.hasBias && biasGradient == nil {
            if backwardWeightsWithoutBias == nil { backwardWeightsWithoutBias = makeBackwardWeights(withBias: false) }
            b = backwardWeightsWithoutBias!
        } else {
            if backwardWeights == nil { backwardWeights = makeBackwardWeights(withBias: geometry.hasBias) }
            b = backwardWeights!
        }
        set(b.src, input); set(b.diffDst, outputGradient)
        var args = [arg(DNNL_ARG_SRC, b.src), arg(DNNL_ARG_DIFF_DST, b.diffDst),
                    arg(DNNL_ARG_DIFF_WEIGHTS, b.diffWeights)]
        if let m = b.diffBias { args.append(arg(DNNL_ARG_DIFF_BIAS, m)) }
        execute(b.primitive, args)
        let g = geometry
        let weightCount = g.outChannels * g.kernel * g.kernel * (g.inChannels / g.groups)
        var result = b.diffWeightsStorage
        if let r = b.reorder, let user = b.userDiffWeights, let storage = b.userDiffWeightsStorage {
            execute(r, [arg(DNNL_ARG_FROM, b.diffWeights), arg(DNNL_ARG_TO, user)])
            result = storage
        }
        Self.accumulate(result.assumingMemoryBound(to: Float.self), into: weightGradient, weightCount)
        if let biasGradient, let s = b.diffBiasStorage {
            Self.accumulate(s.assumingMemoryBound(to: Float.self), into: biasGradient, g.outChannels)
        }
    }

    // MARK: - Building the backward primitives (on first use: inference never needs them)

    private func makeBackwardData() -> BackwardData {
        var conv = dnnl_convolution_desc_t()
        var (s, dl, pl, pr) = (strides, dilates, padL, padR)
        check(dnnl_dilated_convolution_backward_data_desc_init(
            &conv, dnnl_convolution_direct, &descriptors.src, &descriptors.anyWeights, &descriptors.dst,
            &s, &dl, &pl, &pr), "backward-data descriptor")
        var pd: dnnl_primitive_desc_t?
        check(dnnl_primitive_desc_create(&pd, &conv, nil, Self.runtime!.engine, forwardDesc), "backward-data primitive")
        let chosen = Self.query(pd!, dnnl_query_weights_md)
        return BackwardData(desc: pd!, primitive: Self.primitive(pd!),
                            weights: Self.weightsBuffer(user: &descriptors.userWeights, chosen: chosen),
                            diffSrc: Self.memory(&descriptors.src), diffDst: Self.memory(&descriptors.dst))
    }

    private func makeBackwardWeights(withBias: Bool) -> BackwardWeights {
        let g = geometry
        var conv = dnnl_convolution_desc_t()
        var (s, dl, pl, pr) = (strides, dilates, padL, padR)
        let bias: UnsafeMutablePointer<dnnl_memory_desc_t>? = withBias ? .allocate(capacity: 1) : nil
        bias?.initialize(to: descriptors.bias)
        defer { bias?.deallocate() }
        check(dnnl_dilated_convolution_backward_weights_desc_init(
            &conv, dnnl_convolution_direct, &descriptors.src, &descriptors.anyWeights,
            bias, &descriptors.dst, &s, &dl, &pl, &pr), "backward-weights descriptor")
        var pd: dnnl_primitive_desc_t?
        check(dnnl_primitive_desc_create(&pd, &conv, nil, Self.runtime!.engine, forwardDesc), "backward-weights primitive")
        let chosen = Self.query(pd!, dnnl_query_diff_weights_md)
        let storage = Self.allocate(dnnl_memory_desc_get_size(chosen))
        let diffWeights = Self.memory(chosen, storage)
        var reorder: dnnl_primitive_t? = nil, user: dnnl_memory_t? = nil, userStorage: UnsafeMutableRawPointer? = nil
        if dnnl_memory_desc_equal(chosen, &descriptors.userWeights) == 0 {
            userStorage = Self.allocate(dnnl_memory_desc_get_size(&descriptors.userWeights))
            user = Self.memory(&descriptors.userWeights, userStorage)
            reorder = Self.reorder(from: chosen, to: &descriptors.userWeights)
        }
        var biasStorage: UnsafeMutableRawPointer? = nil, biasMemory: dnnl_memory_t? = nil
        if withBias {
            biasStorage = Self.allocate(g.outChannels * 4)
            biasMemory = Self.memory(&descriptors.bias, biasStorage)
        }
        return BackwardWeights(desc: pd!, primitive: Self.primitive(pd!), src: Self.memory(&descriptors.src),
                               diffDst: Self.memory(&descriptors.dst), diffWeights: diffWeights,
                               diffWeightsStorage: storage, reorder: reorder, userDiffWeights: user,
                               userDiffWeightsStorage: userStorage, diffBias: biasMemory, diffBiasStorage: biasStorage)
    }

    // MARK: - oneDNN plumbing

    /// The memory descriptors of one geometry: activations channels-last, weights either in the
    /// engine's (g)ohwi layout or left for the primitive to choose.
    private struct Descriptors {
        var src = dnnl_memory_desc_t(), dst = dnnl_memory_desc_t(), bias = dnnl_memory_desc_t()
        var userWeights = dnnl_memory_desc_t(), anyWeights = dnnl_memory_desc_t()

        init(_ g: ConvolutionGeometry) {
            var srcDims = dims([g.batch, g.inChannels, g.height, g.width])
            var dstDims = dims([g.batch, g.outChannels, g.outHeight, g.outWidth])
            var biasDims = dims([g.outChannels])
            dnnl_memory_desc_init_by_tag(&src, 4, &srcDims, dnnl_f32, dnnl_nhwc)
            dnnl_memory_desc_init_by_tag(&dst, 4, &dstDims, dnnl_f32, dnnl_nhwc)
            dnnl_memory_desc_init_by_tag(&bias, 1, &biasDims, dnnl_f32, dnnl_x)
            if g.groups == 1 {
                var w = dims([g.outChannels, g.inChannels, g.kernel, g.kernel])
                dnnl_memory_desc_init_by_tag(&userWeights, 4, &w, dnnl_f32, dnnl_ohwi)
                dnnl_memory_desc_init_by_tag(&anyWeights, 4, &w, dnnl_f32, dnnl_format_tag_any)
            } else {
                var w = dims([g.groups, g.outChannels / g.groups, g.inChannels / g.groups, g.kernel, g.kernel])
                dnnl_memory_desc_init_by_tag(&userWeights, 5, &w, dnnl_f32, dnnl_gohwi)
                dnnl_memory_desc_init_by_tag(&anyWeights, 5, &w, dnnl_f32, dnnl_format_tag_any)
            }
        }
    }

    /// The least right padding that gives `out` positions, but not below 0: it is negative when
    /// the last stride skips input columns, and up to stride − 1 more columns give the same output
    /// size (the exact value plus stride − 1 is ≥ padding ≥ 0), so clamping at 0 is always valid
    /// and keeps oneDNN off its less-trodden negative-padding paths.
    private static func rightPadding(_ size: Int, _ out: Int, _ g: ConvolutionGeometry) -> Int {
        max(0, (out - 1) * g.stride + (g.kernel - 1) * g.dilation + 1 - size - g.padding)
    }

    private static func weightsBuffer(user: inout dnnl_memory_desc_t,
                                      chosen: UnsafePointer<dnnl_memory_desc_t>) -> WeightsBuffer {
        let userMemory = memory(&user)
        if dnnl_memory_desc_equal(chosen, &user) != 0 {
            return WeightsBuffer(reorder: nil, userMemory: userMemory, primitiveMemory: memory(chosen), storage: nil)
        }
        let storage = allocate(dnnl_memory_desc_get_size(chosen))
        return WeightsBuffer(reorder: reorder(from: &user, to: chosen), userMemory: userMemory,
                             primitiveMemory: memory(chosen, storage), storage: storage)
    }

    /// Makes `w.primitiveMemory` hold these weights: reordered into the primitive's layout when
    /// it differs from the engine's, else the engine's buffer itself.
    private func prepare(_ w: WeightsBuffer, _ weight: UnsafePointer<Float>) {
        guard let r = w.reorder else { set(w.primitiveMemory, weight); return }
        set(w.userMemory, weight)
        execute(r, [arg(DNNL_ARG_FROM, w.userMemory), arg(DNNL_ARG_TO, w.primitiveMemory)])
    }

    private func destroy(_ w: WeightsBuffer) {
        if let r = w.reorder { dnnl_primitive_destroy(r) }
        dnnl_memory_destroy(w.userMemory); dnnl_memory_destroy(w.primitiveMemory)
        free(w.storage)
    }

    private static func reorder(from: UnsafePointer<dnnl_memory_desc_t>, to: UnsafePointer<dnnl_memory_desc_t>)
        -> dnnl_primitive_t {
        var pd: dnnl_primitive_desc_t?
        check(dnnl_reorder_primitive_desc_create(&pd, from, runtime!.engine, to, runtime!.engine, nil), "reorder")
        defer { dnnl_primitive_desc_destroy(pd) }
        return primitive(pd!)
    }

    private static func primitive(_ pd: dnnl_primitive_desc_t) -> dnnl_primitive_t {
        var p: dnnl_primitive_t?
        check(dnnl_primitive_create(&p, pd), "primitive")
        return p!
    }

    /// A memory object over `handle` (nil: set before each use).
    private static func memory(_ md: UnsafePointer<dnnl_memory_desc_t>, _ handle: UnsafeMutableRawPointer? = nil)
        -> dnnl_memory_t {
        var m: dnnl_memory_t?
        check(dnnl_memory_create(&m, md, runtime!.engine, handle), "memory")
        return m!
    }

    private static func query(_ pd: dnnl_primitive_desc_t, _ what: dnnl_query_t) -> UnsafePointer<dnnl_memory_desc_t> {
        guard let md = dnnl_primitive_desc_query_md(pd, what, 0) else { preconditionFailure("oneDNN: no \(what)") }
        return md
    }

    private static func implementationName(_ pd: dnnl_primitive_desc_t) -> String {
        var name: UnsafePointer<CChar>?
        guard dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &name) == dnnl_success, let name else {
            return "?"
        }
        return String(cString: name)
    }

    private static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        var raw: UnsafeMutableRawPointer?
        precondition(posix_memalign(&raw, 64, max(64, bytes)) == 0, "out of memory allocating \(bytes) bytes")
        return raw!
    }

    private static func accumulate(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { target[i] += source[i] }
    }

    private func set(_ m: dnnl_memory_t, _ p: UnsafePointer<Float>) {
        check(dnnl_memory_set_data_handle(m, UnsafeMutableRawPointer(mutating: p)), "set data handle")
    }
    private func set(_ m: dnnl_memory_t, _ p: UnsafeMutablePointer<Float>) {
        check(dnnl_memory_set_data_handle(m, UnsafeMutableRawPointer(p)), "set data handle")
    }

    private func arg(_ name: Int32, _ m: dnnl_memory_t) -> dnnl_exec_arg_t { dnnl_exec_arg_t(arg: name, memory: m) }

    private func execute(_ p: dnnl_primitive_t, _ args: [dnnl_exec_arg_t]) {
        let stream = Self.runtime!.stream
        args.withUnsafeBufferPointer { a in
            check(dnnl_primitive_execute(p, stream, Int32(a.count), a.baseAddress), "execute")
        }
        check(dnnl_stream_wait(stream), "stream wait")
    }
}

/// A [Int64] (twelve int64, passed as a pointer) with the leading values set.
private func dims(_ values: [Int]) -> [Int64] {
    values.map(Int64.init) + Array(repeating: 0, count: 12 - values.count)
}

private func check(_ status: dnnl_status_t, _ what: String) {
    precondition(status == dnnl_success, "oneDNN \(what) failed with status \(status.rawValue)")
}

/// Which code computes convolutions: oneDNN's direct kernels wherever it has them (else the
/// reference), or always the engine's own im2col + GEMM reference. `CNN_KERNEL_CONV=reference`
/// in the environment selects the reference, for comparisons.
public enum ConvolutionBackend: String, Sendable {
    case fastest, reference
    /// For benchmark and training logs.
    public var description: String {
        switch self {
        case .fastest: return "oneDNN \(GEMM.dnnlVersion) direct kernels where it has them (pointwise: sgemm in row blocks), else im2col + GEMM"
        case .reference: return "im2col + GEMM reference (CNN_KERNEL_CONV=reference)"
        }
    }
    /// What a run uses unless its `RunContext` says otherwise: read once from the environment.
    public static let configured: ConvolutionBackend =
        getenv("CNN_KERNEL_CONV").map { String(cString: $0) } == "reference" ? .reference : .fastest
}
