/// A trainable tensor and its gradient. `shape` is the conventional (PyTorch) shape, e.g.
/// (out, in, kh, kw) for a convolution; `layout` says how the values lie in memory.
public final class Parameter: @unchecked Sendable {
    public enum Layout: Sendable, Equatable {
        case natural  // memory order = `shape` order
        case ohwi  // convolution weights stored (out, kh, kw, in): channels-last, like the activations
    }
    public let name: String
    public let shape: [Int]
    public let layout: Layout
    public let value: Tensor
    public let grad: Tensor
    /// Weight decay applies to weights, not to biases and normalisation parameters.
    public var decays: Bool

    public init(name: String, shape: [Int], layout: Layout = .natural, decays: Bool) {
        self.name = name
        self.shape = shape
        self.layout = layout
        let n = shape.reduce(1, *)
        value = Tensor(batch: 1, shape: .flat(n))
        grad = Tensor(batch: 1, shape: .flat(n))
        self.decays = decays
    }

    public var count: Int { value.count }

    /// Values in the order of `shape` (what a checkpoint stores).
    public func valuesInShapeOrder() -> [Float] { inShapeOrder(value) }

    /// The gradient in the order of `shape`, as `valuesInShapeOrder` gives the values.
    public func gradientsInShapeOrder() -> [Float] { inShapeOrder(grad) }

    /// `t` (the value or the gradient, laid out as `layout` says) in the order of `shape`.
    private func inShapeOrder(_ t: Tensor) -> [Float] {
        switch layout {
        case .natural: return t.values
        case .ohwi:
            let (o, i, kh, kw) = (shape[0], shape[1], shape[2], shape[3])
            var out = [Float](repeating: 0, count: count)
            withExtendedLifetime(t) {
                for a in 0..<o { for b in 0..<i { for y in 0..<kh { for x in 0..<kw {
                    out[((a * i + b) * kh + y) * kw + x] = t.data[((a * kh + y) * kw + x) * i + b]
                } } } }
            }
            return out
        }
    }

    public func setValues(inShapeOrder v: [Float]) {
        precondition(v.count == count)
        switch layout {
        case .natural: value.data.update(from: v, count: v.count)
        case .ohwi:
            let (o, i, kh, kw) = (shape[0], shape[1], shape[2], shape[3])
            for a in 0..<o { for b in 0..<i { for y in 0..<kh { for x in 0..<kw {
                value.data[((a * kh + y) * kw + x) * i + b] = v[((a * i + b) * kh + y) * kw + x]
            } } } }
        }
    }
}

/// How a layer's weights start.
public enum InitScheme: String, Sendable, CaseIterable {
    /// PyTorch's defaults: U(±1/√fan_in) for conv and linear weights and biases.
    case pytorch
    case kaimingNormalFanIn = "kaiming_in"
    case kaimingNormalFanOut = "kaiming_out"
    case xavierUniform = "xavier"
}

/// Which code runs where a fast path has a plain reference beside it. A value handed to each
/// run (through `RunContext`), never a process-wide switch, so two runs can differ.
public struct ComputeOptions: Sendable, Equatable {
    /// oneDNN's direct kernels where it has them, or always the im2col + GEMM reference.
    public var convolutionBackend: ConvolutionBackend
    /// Whether a sequence runs a batchnorm or a residual sum directly followed by a relu as one
    /// pass (when nobody observes or times the layers); false runs them layer by layer.
    public var fusesReLU: Bool
    /// Whether loops that have a copy compiled for x86-64-v3 (AVX2, FMA: the WideKernels module)
    /// run it; only where the CPU has those features, or it would stop with SIGILL.
    public var usesWideKernels: Bool {
        didSet { usesWideKernels = usesWideKernels && CPUFeatures.hasX86_64v3 }
    }
    public init(convolutionBackend: ConvolutionBackend = .configured, fusesReLU: Bool = true,
                usesWideKernels: Bool = CPUFeatures.hasX86_64v3) {
        self.convolutionBackend = convolutionBackend
        self.fusesReLU = fusesReLU
        self.usesWideKernels = usesWideKernels && CPUFeatures.hasX86_64v3
    }
    public static let reference = ComputeOptions(convolutionBackend: .reference, fusesReLU: false, usesWideKernels: false)
}

/// What a forward pass needs besides its input.
public final class RunContext: @unchecked Sendable {
    /// Training mode: batch statistics in normalisation, dropout active.
    public var training: Bool
    /// Layers keep what backward needs. True when training; also set for an evaluation-mode
    /// pass that will be differentiated (saliency, Grad-CAM, gradient checks).
    public var recordsForBackward: Bool
    public let rng: RandomSource
    /// Called by composite layers with each child's output (to show feature maps of any layer).
    public var observer: ((Layer, Tensor) -> Void)?
    /// Called by composite layers with each child's input, before the child runs.
    public var inputObserver: ((Layer, Tensor) -> Void)?
    /// When set, composite layers add each child's forward time (seconds) here.
    public var timings: [ObjectIdentifier: Double]?
    /// Which fast paths run (the plain references, for comparisons and tests).
    public var options: ComputeOptions
    public var convolutionBackend: ConvolutionBackend { options.convolutionBackend }
    public var fusesReLU: Bool { options.fusesReLU }
    public var usesWideKernels: Bool { options.usesWideKernels }
    public init(training: Bool, rng: RandomSource, recordsForBackward: Bool? = nil, options: ComputeOptions = ComputeOptions()) {
        self.options = options
        self.training = training
        self.rng = rng
        self.recordsForBackward = recordsForBackward ?? training
    }

    /// Runs a child layer forward, telling the observers and adding to `timings` when they are
    /// set: how every composite layer (sequence, residual, concat) runs its children.
    public func forward(_ layer: Layer, _ x: Tensor) -> Tensor {
        inputObserver?(layer, x)
        let y: Tensor
        if timings != nil {
            let t0 = monotonicSeconds()
            y = layer.forward(x, context: self)
            timings![ObjectIdentifier(layer), default: 0] += monotonicSeconds() - t0
        } else {
            y = layer.forward(x, context: self)
        }
        observer?(layer, y)
        return y
    }
}

/// One built layer, with its shapes fixed. Forward (in training mode) keeps what backward
/// needs; backward returns the input gradient and adds the parameter gradients to `grad`.
public protocol Layer: AnyObject {
    /// The plugin name (conv, relu, …) or a structural kind (sequence, concat, residual).
    var typeName: String { get }
    var inputShape: FeatureShape { get }
    var outputShape: FeatureShape { get }
    var parameters: [Parameter] { get }
    /// Non-trained state saved with the model (batch-norm running statistics).
    var buffers: [(name: String, tensor: Tensor)] { get }
    /// Sub-layers with their local names, for composite layers.
    var children: [(name: String, layer: Layer)] { get }
    /// Multiply-adds of one forward pass for one sample.
    var multiplyAdds: Int { get }
    /// Kernel size and stride this layer adds to the receptive field (1, 1 for pointwise layers).
    var receptiveStep: (kernel: Int, stride: Int) { get }
    /// A short description of the settings (`16, kernel 5, pad 2`), for summaries.
    var detail: String { get }

    func forward(_ x: Tensor, context: RunContext) -> Tensor
    func backward(_ dy: Tensor) -> Tensor
    func initialize(_ rng: RandomSource, scheme: InitScheme)
}

extension Layer {
    public var buffers: [(name: String, tensor: Tensor)] { [] }
    public var children: [(name: String, layer: Layer)] { [] }
    public var parameters: [Parameter] { [] }
    public var multiplyAdds: Int { 0 }
    public var receptiveStep: (kernel: Int, stride: Int) { (1, 1) }
    public var detail: String { "" }
    public func initialize(_ rng: RandomSource, scheme: InitScheme) {}

    /// Every parameter of this layer and its descendants, with dotted names.
    public func namedParameters(prefix: String = "") -> [(String, Parameter)] {
        var out = parameters.map { (prefix + $0.name, $0) }
        for (n, c) in children { out += c.namedParameters(prefix: prefix + n + ".") }
        return out
    }

    public func namedBuffers(prefix: String = "") -> [(String, Tensor)] {
        var out = buffers.map { (prefix + $0.name, $0.tensor) }
        for (n, c) in children { out += c.namedBuffers(prefix: prefix + n + ".") }
        return out
    }

    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.1.count } }
    public var totalMultiplyAdds: Int { multiplyAdds + children.reduce(0) { $0 + $1.layer.totalMultiplyAdds } }

    public func initializeAll(_ rng: RandomSource, scheme: InitScheme) {
        initialize(rng, scheme: scheme)
        for (_, c) in children { c.initializeAll(rng, scheme: scheme) }
    }

    public func zeroGradients() {
        for (_, p) in namedParameters() { p.grad.fill(0) }
    }
}

/// A shape problem found while building, before any data flows.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: Phrase) { self.message = message.text }
    public var description: String { message }
}

/// Lets a caller see the gradient arriving at each layer's output during one backward pass
/// (Grad-CAM needs it at an inner layer). Composite layers call it before each child's backward.
/// Cells run on one thread, so a single slot suffices.
public enum GradientTap {
    nonisolated(unsafe) public static var observer: ((Layer, Tensor) -> Void)?
}

/// Seconds on a monotonic clock.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

#if canImport(Glibc)
import Glibc
#endif
