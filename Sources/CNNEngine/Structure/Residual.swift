import CNNCore

/// y = body(x) + shortcut(x), the shortcut being the identity or a projection (a 1×1 strided
/// convolution, possibly with normalisation). He et al. 2015, arXiv:1512.03385; the pre-activation
/// arrangement, He et al. 2016, arXiv:1603.05027, puts its normalisation and activation in the body.
/// Backward: both paths receive dy; their input gradients add.
public final class Residual: Layer, ReLUFusable {
    public let typeName: String
    public let body: Layer
    public let shortcut: Layer?
    public init(body: Layer, shortcut: Layer?, typeName: String = "residual") throws {
        let s = shortcut?.outputShape ?? body.inputShape
        guard body.outputShape == s else {
            let what = shortcut == nil ? tr("the identity shortcut keeps the input \(body.inputShape)") : tr("the shortcut gives \(s)")
            throw ShapeError("residual sum needs equal shapes: the body gives \(body.outputShape) but \(what); add a projection shortcut")
        }
        self.body = body
        self.shortcut = shortcut
        self.typeName = typeName
    }

    public var inputShape: FeatureShape { body.inputShape }
    public var outputShape: FeatureShape { body.outputShape }
    public var children: [(name: String, layer: Layer)] {
        [("body", body)] + (shortcut.map { [("shortcut", $0)] } ?? [])
    }
    public var detail: String { shortcut == nil ? tr("identity shortcut") : tr("projection shortcut") }
    public var multiplyAdds: Int { outputShape.count }

    public func forward(_ x: Tensor, context: RunContext) -> Tensor { forward(x, context: context, thenReLU: false) }

    /// With `thenReLU`, returns max(0, body + shortcut) from the pass that adds (Sequence's fused
    /// path for a residual followed by a relu, as Vec.relu: only sums below 0 become 0).
    public func forward(_ x: Tensor, context: RunContext, thenReLU: Bool) -> Tensor {
        let y = context.forward(body, x)
        let s = shortcut.map { context.forward($0, x) } ?? x
        // A new tensor: the body's output may be kept by its last layer for backward. Every
        // element is written by the sum.
        let out = Tensor(batch: y.batch, shape: y.shape, zeroed: false)
        withExtendedLifetime((y, s)) { Kernels.add(y.data, s.data, into: out.data, count: out.count, thenReLU: thenReLU) }
        return out
    }

    public func backward(_ dy: Tensor) -> Tensor {
        GradientTap.observer?(body, dy)
        let dxBody = body.backward(dy)
        if let shortcut { GradientTap.observer?(shortcut, dy) }
        let dxShort = shortcut?.backward(dy) ?? dy
        let dx = (dxBody === dy) ? dxBody.copy() : dxBody
        withExtendedLifetime(dxShort) { Kernels.add(dxShort.data, into: dx.data, count: dx.count) }
        return dx
    }
}

// ONNX Add of the body's output and the shortcut's (the input itself for an identity shortcut).
extension Residual: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let body = try graph.export(self.body, named: "body", input: input)
        let short = try shortcut.map { try graph.export($0, named: "shortcut", input: input) } ?? input
        return graph.addNode("Add", inputs: [body, short], suffix: "add")
    }
}
