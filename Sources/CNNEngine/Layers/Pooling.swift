import CNNCore
import WideKernels

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

public final class Pool2d: Layer, InputGradientSinking {
    public let isMax: Bool
    public let c, h, w, k, stride, padding, ho, wo: Int
    let countPad: Bool
    /// Per output element, the position in its window (row·k + column) of the input that won,
    /// `positionBytes` bytes each (little-endian). A float each, as the loops compute them
    /// (`encode`), was as many bytes as the output itself: GoogLeNet's pools, bound by memory,
    /// wrote 8 bytes per output and read 8 back per gradient.
    private var winner: [UInt8] = []
    /// One byte for a window of up to 256 cells (kernel 16), else two (kernels up to 64: 4,096).
    var positionBytes: Int { k * k <= 256 ? 1 : 2 }
    private var batch = 0
    /// Whether the last forward ran on the fast paths, whose backward may add its gradient into a
    /// concatenation's sum (`backward(_:into:)`); on ComputeOptions.reference it runs as plainly
    /// as the rest.
    private var sinksIntoSums = false

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

    /// Window rows and columns of output (oy, ox), clipped to the input, and the count an
    /// average divides by.
    @inline(__always) func window(_ oy: Int, _ ox: Int) -> (Range<Int>, Range<Int>, Int) {
        let y0 = oy * stride - padding, x0 = ox * stride - padding
        let ys = max(0, y0)..<min(h, y0 + k), xs = max(0, x0)..<min(w, x0 + k)
        let full = countPad ? (min(h + padding, y0 + k) - y0) * (min(w + padding, x0 + k) - x0) : ys.count * xs.count
        return (ys, xs, full)
    }

    /// The outputs whose windows hold input row `i` (or column): o·stride − padding ≤ i < that + k.
    @inline(__always) func outputsCovering(_ i: Int, _ size: Int) -> Range<Int> {
        let lo = max(0, (i + padding - k + stride) / stride), hi = min(size, (i + padding) / stride + 1)
        return lo..<max(lo, hi)
    }

    // Forward, max: x (N, H, W, C) → y (N, Ho, Wo, C) and each output's winning window position,
    // window cell by cell over all channels (contiguous, eight at a time): the running maximum
    // and its position are updated in place, ties keeping the earlier cell, rows first, as
    // `referenceForward`. On a CPU with AVX2, WideMaxPool instead keeps them in registers over
    // the window, eight channels at a time. (Keeping them in registers compiled for baseline
    // x86-64 was tried twice, and was no faster: each cell costs some 25 SSE2 instructions per
    // eight channels either way.)
    // Forward, average: the window's sum in registers, then one multiply by 1/count.
    public func forward(_ x: Tensor, context: RunContext) -> Tensor {
        let n = x.batch
        let y = Tensor(batch: n, shape: outputShape, zeroed: false)
        let keep = isMax && context.recordsForBackward
        let bytes = positionBytes
        winner = keep ? [UInt8](unsafeUninitializedCapacity: y.count * bytes) { _, count in count = y.count * bytes } : []
        batch = n
        sinksIntoSums = context.convolutionBackend == .fastest
        let (xp, yp) = (UncheckedPointer(x.data), UncheckedPointer(y.data))
        let (c, h, w, ho, wo, k, isMax) = (c, h, w, ho, wo, k, isMax)
        winner.withUnsafeMutableBufferPointer { wb in
            // Only when kept: an empty array's base address may be the shared empty storage.
            let wp = keep ? wb.baseAddress.map { UncheckedPointer($0) } : nil
            let wide = isMax && context.usesWideKernels
            Parallel.forEachChunk(n * ho * wo, grain: 16) { range in
                if wide {
                    WideMaxPool.forward(x: xp.value, y: yp.value, winners: wp.map { UnsafeMutableRawPointer($0.value) },
                                        positionBytes: bytes, outputs: range, c: c, h: h, w: w,
                                        ho: ho, wo: wo, k: k, stride: self.stride, padding: self.padding)
                    return
                }
                // The running positions as floats (vectorised selects), stored compactly after each window.
                let positions = wp == nil || !isMax ? nil : UnsafeMutablePointer<Float>.allocate(capacity: c)
                defer { positions?.deallocate() }
                for r in range {
                    let nn = r / (ho * wo), oy = (r / wo) % ho, ox = r % wo
                    let (ys, xs, full) = self.window(oy, ox)
                    let y0 = oy * self.stride - self.padding, x0 = ox * self.stride - self.padding
                    let out = yp.value + r * c
                    let sample = xp.value + nn * h * w * c
                    if isMax {
                        out.update(repeating: -.infinity, count: c)
                        positions?.update(repeating: Pool2d.encode((ys.lowerBound - y0) * k + xs.lowerBound - x0), count: c)
                        for iy in ys {
                            for ix in xs {
                                Vec.maxUpdate(sample + (iy * w + ix) * c, out, positions, position: Pool2d.encode((iy - y0) * k + ix - x0), c)
                            }
                        }
                        if let positions, let wp {
                            let at = UnsafeMutableRawPointer(wp.value) + r * c * bytes
                            for ch in 0..<c { Pool2d.store(position: positions[ch], at, index: ch, bytes: bytes) }
                        }
                        continue
                    }
                    var ch = 0
                    while ch < c {
                        let lanes = min(8, c - ch)
                        var sum = SIMD8<Float>(repeating: 0)
                        for iy in ys {
                            for ix in xs { sum += Vec.load(sample + (iy * w + ix) * c + ch, lanes, fill: 0) }
                        }
                        Vec.store(sum * (1 / Float(full)), out + ch, lanes)
                        ch += 8
                    }
                }
            }
        }
        return y
    }

    // A winning window position is kept as the float 2²³ + position, whose bit pattern is
    // 0x4B000000 + position (a window has at most 4,096 cells): float selects vectorise (Int32
    // ones compiled to a loop over lanes), and the position is the low 16 bits, no conversion.
    @inline(__always) static func encode(_ position: Int) -> Float { Float(bitPattern: 0x4B00_0000 | UInt32(position)) }
    /// An encoded position stored in `bytes` bytes at element `index` of `at`.
    @inline(__always) static func store(position encoded: Float, _ at: UnsafeMutableRawPointer, index: Int, bytes: Int) {
        if bytes == 1 {
            at.storeBytes(of: UInt8(truncatingIfNeeded: encoded.bitPattern), toByteOffset: index, as: UInt8.self)
        } else {
            at.storeBytes(of: UInt16(truncatingIfNeeded: encoded.bitPattern), toByteOffset: 2 * index, as: UInt16.self)
        }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(!isMax || winner.count == dy.count * positionBytes, "maxpool backward without a recorded forward")
        let dx = isMax ? maxBackward(dy) : averageBackward(dy)
        winner = []
        return dx
    }

    func maxBackward(_ dy: Tensor) -> Tensor {
        let dx = Tensor(batch: batch, shape: inputShape, zeroed: false)  // zeroed a sample at a time
        maxBackward(dy, into: dx, zeroingFirst: true)
        return dx
    }

    /// A max pool inside a concatenation (an Inception branch's first layer) scatters its
    /// gradient straight onto the concatenation's sum (onto zeros when it is the first to
    /// deliver): the sum's own pass saved.
    var takesInputGradientSink: Bool { isMax && sinksIntoSums && !winner.isEmpty }

    func backward(_ dy: Tensor, into sink: InputGradientSink) -> Tensor? {
        guard takesInputGradientSink, winner.count == dy.count * positionBytes else { return backward(dy) }
        maxBackward(dy, into: sink.tensor, zeroingFirst: !sink.accumulate)
        winner = []
        return nil
    }

    /// Backward, max: each dy is added to the input that won its window, scattered per sample
    /// (windows overlap within a sample, never across samples), in output order as the reference.
    /// A gather over the windows holding each input tests every window, not just the winner: nine
    /// times the work for a 3×3 stride-1 pool (compiled for AVX2 it was still slower; see
    /// bench/results/branch-plumbing-2026-12-01.txt).
    /// With `zeroingFirst`, each sample's dx is zeroed right before its scatter, while the scatter
    /// can still find it in the cache (a pass over the whole of dx first had let it go).
    func maxBackward(_ dy: Tensor, into dx: Tensor, zeroingFirst: Bool) {
        let (dyp, dxp) = (UncheckedPointer(dy.data), UncheckedPointer(dx.data))
        let (outputSize, inputSize) = (ho * wo * c, h * w * c)
        Parallel.forEachChunk(batch) { range in
            for nn in range {
                let target = dxp.value + nn * inputSize
                if zeroingFirst { Vec.zero(target, inputSize) }
                self.scatter(sample: nn, dyp.value + nn * outputSize, onto: target)
            }
        }
    }

    /// Sample `nn`'s part of the max backward: its output gradient `g` (Ho·Wo × C) added onto its
    /// input gradient `dx` (H·W × C) at the recorded winners, in output order. For a caller that
    /// keeps a sample's gradients in the cache (Concat.backwardInline).
    func scatter(sample nn: Int, _ g: UnsafePointer<Float>, onto dx: UnsafeMutablePointer<Float>) {
        let (c, w, ho, wo, k, stride, padding, bytes) = (c, w, ho, wo, k, stride, padding, positionBytes)
        precondition(nn < batch && winner.count == batch * ho * wo * c * bytes, "maxpool backward without a recorded forward")
        winner.withUnsafeBytes { won in
            // Window position → elements from the window's corner in dx. The inner loop is then a
            // byte load, a table load and an add onto memory (an index computed per element,
            // with its overflow checks, was twice the instructions). Positions in the padding
            // never win, so their offsets are never used.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: k * k) { cell in
                for i in 0..<(k * k) { cell[i] = ((i / k) * w + i % k) * c }
                let offsets = cell.baseAddress!
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        let r = (nn * ho + oy) * wo + ox
                        let corner = dx + ((oy * stride - padding) * w + ox * stride - padding) * c
                        let gr = g + ((oy * wo) + ox) * c, at = won.baseAddress! + r * c * bytes
                        if bytes == 1 {
                            let p = at.assumingMemoryBound(to: UInt8.self)
                            for ch in 0..<c { (corner + offsets[Int(p[ch])])[ch] += gr[ch] }
                        } else {
                            // Read as bytes: the storage is a byte array, never bound to UInt16.
                            for ch in 0..<c {
                                (corner + offsets[Int(at.loadUnaligned(fromByteOffset: 2 * ch, as: UInt16.self))])[ch] += gr[ch]
                            }
                        }
                    }
                }
            }
        }
    }

    /// Forgets the last forward's records once a caller has run its backward piecewise (`scatter`).
    func finishPiecewiseBackward() { winner = [] }

    // Backward, average, gathered: each input cell sums dy/count over the outputs whose window
    // holds it, in output order, as the reference scatters them. Every dx element is written
    // once, so the input splits freely across threads and dx needs no zero-fill.
    func averageBackward(_ dy: Tensor) -> Tensor {
        let n = batch
        let dx = Tensor(batch: n, shape: inputShape, zeroed: false)
        let (dyp, dxp) = (UncheckedPointer(dy.data), UncheckedPointer(dx.data))
        let (c, h, w, ho, wo) = (c, h, w, ho, wo)
        Parallel.forEachChunk(n * h * w, grain: 16) { range in
            for p in range {
                let nn = p / (h * w), iy = (p / w) % h, ix = p % w
                let oys = self.outputsCovering(iy, ho), oxs = self.outputsCovering(ix, wo)
                var ch = 0
                while ch < c {
                    let lanes = min(8, c - ch)
                    var sum = SIMD8<Float>(repeating: 0)
                    for oy in oys {
                        for ox in oxs {
                            let g = Vec.load(dyp.value + ((nn * ho + oy) * wo + ox) * c + ch, lanes, fill: 0)
                            sum += g * (1 / Float(self.window(oy, ox).2))
                        }
                    }
                    Vec.store(sum, dxp.value + p * c + ch, lanes)
                    ch += 8
                }
            }
        }
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
