import CNNCore

/// How large the gradient is at each layer with weights, from the output back to the input:
/// the norm of the weights' gradient ‖∂L/∂W‖ and of the gradient arriving at the layer's output
/// ‖∂L/∂y‖. In a deep plain network the second shrinks (or grows) layer after layer on the way
/// back; a residual connection adds the gradient of the block's output to that of its input,
/// which keeps it from vanishing (He et al. 2016): the one picture that shows why.
public struct GradientProfile: Sendable, Equatable {
    /// The layers with weights (convolutions and linear layers), in forward order.
    public var layers: [String]
    public var weightNorms: [Double]
    public var outputNorms: [Double]
}

/// Gradient profiles recorded while training: a few per epoch.
public struct GradientRecord: Sendable, Equatable {
    public var step: Int
    public var epoch: Int
    public var profile: GradientProfile
}

extension Model {
    /// Leaf layers with a weight matrix or kernel (convolutions, linear layers, a plugin's
    /// `weight`), in forward order; not batch norm, whose scale is also called weight.
    public var weightedLayers: [(name: String, layer: Layer)] {
        allLayers().filter { $0.layer.children.isEmpty && $0.layer.typeName != "batchnorm" && $0.layer.parameters.contains { $0.name == "weight" } }
            .map { ($0.name, $0.layer) }
    }

    /// One batch's profile in training mode (dropout and batch statistics as in training),
    /// without an update; the gradients are zeroed again afterwards.
    public func gradientProfile(_ x: Tensor, labels: [Int], rng: RandomSource) -> (profile: GradientProfile, loss: Double) {
        // A training-mode pass moves batch norm's running statistics: they are put back.
        let saved = savedState(buffersOnly: true)
        defer { restore(saved, buffersOnly: true) }
        root.zeroGradients()
        let logits = forward(x, context: context(training: true, rng: rng))
        let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
        let tap = GradientFlowTap(self)
        tap.attach()
        _ = backward(r.gradient)
        tap.detach()
        let p = tap.profile()
        root.zeroGradients()
        return (p, r.loss)
    }
}

/// Captures ‖∂L/∂y‖ of each weighted layer during one backward pass (through GradientTap), then
/// reads ‖∂L/∂W‖ from the parameters' gradients.
public final class GradientFlowTap {
    let layers: [(name: String, layer: Layer)]
    var arriving: [ObjectIdentifier: Double] = [:]

    public init(_ model: Model) { layers = model.weightedLayers }

    public func attach() {
        let wanted = Set(layers.map { ObjectIdentifier($0.layer) })
        arriving.removeAll(keepingCapacity: true)
        GradientTap.observer = { [unowned self] l, g in
            let id = ObjectIdentifier(l)
            guard wanted.contains(id) else { return }
            self.arriving[id] = Self.norm(g.data, g.count)
        }
    }

    public func detach() { GradientTap.observer = nil }

    public func profile() -> GradientProfile {
        GradientProfile(
            layers: layers.map(\.name),
            weightNorms: layers.map { l in
                Self.norm(l.layer.parameters.filter { $0.name == "weight" }.map { Self.squares($0.grad.data, $0.count) }.reduce(0, +))
            },
            outputNorms: layers.map { arriving[ObjectIdentifier($0.layer)] ?? 0 })
    }

    static func squares(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += Double(p[i]) * Double(p[i]) }
        return s
    }
    static func norm(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Double { squares(p, n).squareRoot() }
    static func norm(_ sumOfSquares: Double) -> Double { sumOfSquares.squareRoot() }
}
