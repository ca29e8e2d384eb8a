import CNNCore

/// What a pass over a model needs in memory, as a part that does not depend on the batch size
/// and a part per image: need(batch) = fixed + perImage · batch. An estimate made from the
/// shapes alone, before anything is allocated, so that a command can refuse a batch that would
/// not fit (MemoryBudget) instead of being killed half-way. It counts what this engine holds
/// (see `trainingMemory`); `MemoryEstimateTests` checks it against the tensors really allocated.
public struct MemoryNeed: Equatable, Sendable {
    public var fixed: Int
    public var perImage: Int

    public init(fixed: Int, perImage: Int) {
        self.fixed = fixed
        self.perImage = perImage
    }

    /// Bytes at `batch` images (saturating: hostile sizes must not trap here).
    public func bytes(batch: Int) -> Int {
        let (p, o1) = perImage.multipliedReportingOverflow(by: max(0, batch))
        let (t, o2) = fixed.addingReportingOverflow(p)
        return o1 || o2 ? Int.max : t
    }

    /// The largest batch that fits in `bytes` (0 if not even one image fits).
    public func largestBatch(fitting bytes: Int) -> Int {
        guard bytes > fixed else { return 0 }
        return perImage > 0 ? (bytes - fixed) / perImage : Int.max
    }
}

extension Model {
    /// One training step at batch B, as the trainer runs it:
    /// - fixed: each parameter's value and gradient, the optimiser's state (momentum: one more
    ///   copy; Adam: two), the copy taken before every step (undone if it diverges) and the best
    ///   epoch's copy, each 4 bytes per parameter, and the largest convolution's patch buffers;
    /// - per image: every layer's output, kept for backward (and a dropout's mask, a max pool's
    ///   indices), the widest layer's output and input gradients during backward, and the input
    ///   images of the batches prepared ahead (up to five at once).
    public func trainingMemory(optimizer: Optimizer.Kind, momentum: Bool = true) -> MemoryNeed {
        let p = parameterCount * 4
        let state: Int
        switch optimizer {
        case .sgd: state = momentum ? 1 : 0
        case .adam, .adamw: state = 2
        }
        let kept = layerMemory().reduce(0) { $0 + $1.keptPerImage }
        let perImage = kept + 2 * widestGradientPerImage + 5 * inputShape.count * 4
        return MemoryNeed(fixed: p * (4 + state) + convolutionWeightCopies + buffersBytes * 3 + workspaceBytes, perImage: perImage)
    }

    /// A forward pass in evaluation mode (evaluate, predict, validation): outputs are freed as
    /// the next layer consumes them, so the widest two at once, plus the batch's images; with
    /// `keepsOutputs` (feature maps, activations of every layer) all of them.
    public func inferenceMemory(keepsOutputs: Bool = false) -> MemoryNeed {
        let layers = layerMemory()
        let outputs = keepsOutputs ? layers.reduce(0) { $0 + $1.outputPerImage } : 2 * (layers.map(\.outputPerImage).max() ?? 0)
        return MemoryNeed(fixed: workspaceBytes + convolutionWeightCopies, perImage: outputs + inputShape.count * 4)
    }

    /// Per layer (by dotted name): bytes of its output for one image, and what training keeps
    /// of it until backward (the output, plus a dropout's mask or a max pool's indices).
    /// Sequences pass their children's tensors on and hold nothing of their own.
    public func layerMemory() -> [(name: String, outputPerImage: Int, keptPerImage: Int)] {
        allLayers().map { entry in
            let l = entry.layer
            let out = l.outputShape.count * 4
            if l is Sequence { return (entry.name, out, 0) }
            let extra = (l is Dropout || (l as? Pool2d)?.isMax == true) ? out : 0
            return (entry.name, out, out + extra)
        }
    }

    /// Backward holds the gradient at a layer's output and the one it makes for its input.
    var widestGradientPerImage: Int {
        allLayers().map { ($0.layer.inputShape.count + $0.layer.outputShape.count) * 4 }.max() ?? 0
    }

    /// The largest patch matrices (im2col) a convolution builds, forward and backward (they
    /// are cut to about 16 MB of samples at a time, whatever the batch).
    var workspaceBytes: Int {
        allLayers().compactMap { ($0.layer as? Conv2d)?.patchBufferBytes }.max() ?? 0
    }

    /// oneDNN keeps each convolution's weights in its own layout too (and their gradient).
    var convolutionWeightCopies: Int {
        allLayers().compactMap { ($0.layer as? Conv2d).map { $0.weight.count * 8 } }.reduce(0, +)
    }

    var buffersBytes: Int { buffers.reduce(0) { $0 + $1.1.count * 4 } }
}
