import CNNCore

/// Layers applied one after another. Forward chains them; backward runs them in reverse.
public final class Sequence: Layer {
    public let typeName: String
    public let items: [(name: String, layer: Layer)]
    public let inputShape: FeatureShape

    /// `typeName` lets a user-defined block show its own name in summaries.
    public init(_ items: [(name: String, layer: Layer)], input: FeatureShape, typeName: String = "sequence") {
        self.items = items
        inputShape = input
        self.typeName = typeName
    }

    public var outputShape: FeatureShape { items.last?.layer.outputShape ?? inputShape }
    public var children: [(name: String, layer: Layer)] { items }

    public func forward(_ x: Tensor, context: RunContext) -> Tensor {
        forward(x, context: context, itemCount: items.count)
    }

    /// A layer that can apply a relu in its own last pass (ReLUFusable: batchnorm, the residual
    /// sum), directly followed by a relu, runs as one pass. Fusing hides that layer's own
    /// output, so only when nobody watches or times the layers. The plain path is the
    /// reference (SequenceFusionTests compare the two bit for bit).
    func fusesReLU(_ context: RunContext) -> Bool {
        context.fusesReLU && context.observer == nil && context.inputObserver == nil && context.timings == nil
    }

    /// The first `itemCount` layers forward; from layer `start` on, `x` being that layer's input.
    func forward(_ x: Tensor, context: RunContext, from start: Int = 0, itemCount: Int) -> Tensor {
        let fuses = fusesReLU(context)
        var h = x
        var i = start
        while i < itemCount {
            let l = items[i].layer
            if fuses, i + 1 < itemCount, let fusable = l as? ReLUFusable, let relu = items[i + 1].layer as? ReLU {
                h = fusable.forward(h, context: context, thenReLU: true)
                if fusable is BatchNorm { relu.markFusedIntoBatchNorm(context: context) } else { relu.adoptFusedOutput(h, context: context) }
                i += 2
                continue
            }
            h = context.forward(l, h)
            i += 1
        }
        return h
    }

    public func backward(_ dy: Tensor) -> Tensor { backward(dy, from: items.count - 1, into: nil)! }

    /// Backward from the output gradient of layer `last` down to the first layer. With a sink,
    /// the first layer puts its input gradient there when it can (InputGradientSinking), and nil
    /// is returned; otherwise the input gradient is.
    /// `first`: the lowest layer to run (0, the whole way down, unless a caller finishes the rest).
    func backward(_ dy: Tensor, from last: Int, downTo first: Int = 0, into sink: InputGradientSink?) -> Tensor? {
        var g = dy
        var i = last
        while i >= first {
            let l = items[i].layer
            // A relu fused into its batchnorm in forward is differentiated inside the batchnorm's
            // backward (one pass over the gradient less). Someone tapping the gradients (attached
            // after the forward, as training's gradient records and Grad-CAM do) is shown the
            // relu's input gradient too, as the relu's own backward would give it.
            if i >= first + 1, let relu = l as? ReLU, let bn = items[i - 1].layer as? BatchNorm, relu.takeFusedIntoBatchNorm() {
                if let tap = GradientTap.observer {
                    tap(relu, g)
                    g = bn.gradientThroughFusedReLU(g)
                    tap(bn, g)
                    g = bn.backward(g, throughReLU: false, columnSums: biasGradient(before: i - 1))
                } else {
                    g = bn.backward(g, throughReLU: true, columnSums: biasGradient(before: i - 1))
                }
                i -= 2
                continue
            }
            GradientTap.observer?(l, g)
            if i == 0, let sink, let sinking = l as? InputGradientSinking { return sinking.backward(g, into: sink) }
            if let bn = l as? BatchNorm {
                g = bn.backward(g, throughReLU: false, columnSums: biasGradient(before: i))
            } else {
                g = l.backward(g)
            }
            i -= 1
        }
        return g
    }

    /// A convolution right before the batchnorm at `index` takes its bias gradient from that
    /// batchnorm's backward (Conv2d.biasGradientFromNextLayer).
    private func biasGradient(before index: Int) -> UnsafeMutablePointer<Float>? {
        index >= 1 ? (items[index - 1].layer as? Conv2d)?.biasGradientFromNextLayer() : nil
    }
}

/// A layer whose last pass over its output can also apply a relu: `forward(thenReLU: true)`
/// returns max(0, its output), zero only where the output is below 0 (as Vec.relu, bit for bit).
protocol ReLUFusable: Layer {
    func forward(_ x: Tensor, context: RunContext, thenReLU: Bool) -> Tensor
}

/// Passes its input through unchanged (the identity shortcut of a residual block, the input
/// branch of a dense layer).
public final class Identity: Layer {
    public let typeName = "identity"
    public let inputShape: FeatureShape
    public init(_ s: FeatureShape) { inputShape = s }
    public var outputShape: FeatureShape { inputShape }
    public func forward(_ x: Tensor, context: RunContext) -> Tensor { x }
    public func backward(_ dy: Tensor) -> Tensor { dy }
}

final class IdentityPlugin: LayerPlugin {
    let name = "identity"
    let summary = "Passes its input through unchanged."
    let doc = "Useful as an explicit shortcut or branch."
    let parameters: [ParameterSpec] = []
    func build(_ a: Arguments, input: FeatureShape) throws -> Layer { Identity(input) }
}

// The children one after another.
extension Sequence: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        var value = input
        for (name, layer) in items { value = try graph.export(layer, named: name, input: value) }
        return value
    }
}

extension Identity: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String { input }
}
