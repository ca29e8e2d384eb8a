import CMalloc
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The shape of one sample as users see it: an image (C, H, W) or a flat feature vector (F).
/// The batch dimension N is kept apart, on the tensor.
public enum FeatureShape: Equatable, Hashable, Sendable, CustomStringConvertible {
    case image(c: Int, h: Int, w: Int)
    case flat(Int)

    public var count: Int {
        switch self {
        case .image(let c, let h, let w): return c * h * w
        case .flat(let f): return f
        }
    }
    public var channels: Int {
        switch self {
        case .image(let c, _, _): return c
        case .flat(let f): return f
        }
    }
    /// (C, H, W) or (F): conventional order, whatever the memory layout.
    public var description: String {
        switch self {
        case .image(let c, let h, let w): return "(\(c), \(h), \(w))"
        case .flat(let f): return "(\(f))"
        }
    }
    /// With the batch: (N, C, H, W).
    public func withBatch(_ n: Int) -> String {
        switch self {
        case .image(let c, let h, let w): return "(\(n), \(c), \(h), \(w))"
        case .flat(let f): return "(\(n), \(f))"
        }
    }
}

/// A float32 tensor of `batch` samples. Images are stored channels-last (N, H, W, C in memory),
/// which makes a convolution's patch rows and a 1×1 convolution plain matrix products;
/// indices and shapes are always given in the conventional (N, C, H, W) order.
public final class Tensor: @unchecked Sendable {
    public let batch: Int
    public let shape: FeatureShape
    public let count: Int
    public let data: UnsafeMutablePointer<Float>

    /// Large activations come and go every step. Left to glibc's defaults they are mmap'ed and
    /// unmapped each time, and every page faults in again (zeroed by the kernel): keep freed
    /// memory in the heap instead.
    private static let allocatorTuned: Bool = {
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        return true
    }()

    /// Bytes held by tensors now, and the most held at once since `resetPeak` (for the memory
    /// estimates' tests and the soak benchmark).
    private static let live = Atomic<Int>(0)
    private static let peak = Atomic<Int>(0)
    public static var liveBytes: Int { live.load(ordering: .relaxed) }
    public static var peakBytes: Int { peak.load(ordering: .relaxed) }
    public static func resetPeak() { peak.store(live.load(ordering: .relaxed), ordering: .relaxed) }

    /// 64-byte aligned storage, zero-filled unless `zeroed` is false (for outputs that are
    /// written in full).
    public init(batch: Int, shape: FeatureShape, zeroed: Bool = true) {
        _ = Tensor.allocatorTuned
        precondition(batch >= 0 && shape.count >= 0, "negative tensor size")
        self.batch = batch
        self.shape = shape
        count = batch * shape.count
        var raw: UnsafeMutableRawPointer?
        let bytes = max(64, count * MemoryLayout<Float>.stride)
        if posix_memalign(&raw, 64, bytes) != 0 {
            // Commands check the memory budget before they allocate (MemoryBudget.require); if
            // an allocation fails anyway, give back what the allocator keeps and try once more.
            _ = malloc_trim(0)
            precondition(posix_memalign(&raw, 64, bytes) == 0, "out of memory allocating \(bytes) bytes, past the memory budget's checks")
        }
        data = raw!.bindMemory(to: Float.self, capacity: max(1, count))
        if zeroed { data.initialize(repeating: 0, count: count) }
        let now = Tensor.live.wrappingAdd(bytes, ordering: .relaxed).newValue
        Tensor.peak.max(now, ordering: .relaxed)
    }

    /// From values in conventional (N, C, H, W) order.
    public convenience init(batch: Int, shape: FeatureShape, nchw values: [Float]) {
        precondition(values.count == batch * shape.count, "expected \(batch * shape.count) values, got \(values.count)")
        self.init(batch: batch, shape: shape)
        for i in 0..<values.count { data[physicalIndex(ofLogical: i)] = values[i] }
    }

    deinit {
        Tensor.live.wrappingSubtract(max(64, count * MemoryLayout<Float>.stride), ordering: .relaxed)
        free(data)
    }

    /// The values in memory order, copied (safe on a temporary tensor, unlike `data`).
    public var values: [Float] {
        withExtendedLifetime(self) { Array(UnsafeBufferPointer(start: data, count: count)) }
    }

    /// Values in conventional (N, C, H, W) order (for tests, display and checkpoints).
    public var nchw: [Float] {
        var out = [Float](repeating: 0, count: count)
        for i in 0..<count { out[i] = data[physicalIndex(ofLogical: i)] }
        return out
    }

    /// Index into `data` of the element at logical (NCHW) position `i`.
    @inline(__always)
    public func physicalIndex(ofLogical i: Int) -> Int {
        guard case .image(let c, let h, let w) = shape else { return i }
        let n = i / (c * h * w)
        var r = i % (c * h * w)
        let ch = r / (h * w)
        r %= h * w
        return ((n * h + r / w) * w + r % w) * c + ch
    }

    /// Element (n, c, y, x) of an image tensor, or (n, f) of a flat one (f = c).
    public subscript(n: Int, c: Int, y: Int = 0, x: Int = 0) -> Float {
        get { data[offset(n, c, y, x)] }
        set { data[offset(n, c, y, x)] = newValue }
    }

    @inline(__always)
    public func offset(_ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Int {
        switch shape {
        case .image(let cc, let h, let w): return ((n * h + y) * w + x) * cc + c
        case .flat(let f): return n * f + c
        }
    }

    public func copy() -> Tensor {
        let t = Tensor(batch: batch, shape: shape)
        t.data.update(from: data, count: count)
        return t
    }

    public func fill(_ v: Float) { data.update(repeating: v, count: count) }
}
