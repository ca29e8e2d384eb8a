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

    /// The largest batch in 1…`limit` whose need (growing with the batch) fits in `bytes`; 0 if none.
    public static func largestBatch(upTo limit: Int, fitting bytes: Int, need: (Int) -> Int) -> Int {
        guard need(1) <= bytes else { return 0 }
        var lo = 1, hi = limit  // need(lo) fits
        if need(hi) <= bytes { return hi }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if need(mid) <= bytes { lo = mid } else { hi = mid }
        }
        return lo
    }
}

extension Model {
    /// One training step at batch B, as the trainer runs it:
    /// - fixed: each parameter's value and gradient, the copy taken before every step (undone if
    ///   it diverges) and the best epoch's copy, each 4 bytes per parameter; the optimiser's
    ///   state (momentum: one more copy; Adam: two); the largest convolution's patch buffers;
    /// - per image: every layer's output, kept for backward (and a dropout's mask, a max pool's
    ///   window positions), the widest layer's output and input gradients during backward, and the input
    ///   images of the batches prepared ahead (up to five at once).
    public func trainingMemory(optimizer: Optimizer.Kind, momentum: Bool = true) -> MemoryNeed {
        let kept = layerMemory().reduce(0) { $0 + $1.keptPerImage }
        let perImage = kept + 2 * widestGradientPerImage + 5 * inputShape.count * 4
        let fixed = parameterCount * 16 + optimizerStateBytes(optimizer, momentum: momentum) + convolutionWeightCopies + buffersBytes * 3 + workspaceBytes
        return MemoryNeed(fixed: fixed, perImage: perImage)
    }

    /// The optimiser's state: SGD's momentum, one value per parameter; Adam's two moments.
    public func optimizerStateBytes(_ kind: Optimizer.Kind, momentum: Bool = true) -> Int {
        switch kind {
        case .sgd: return momentum ? parameterCount * 4 : 0
        case .adam, .adamw: return parameterCount * 8
        }
    }

    /// What a `train` at `batch` still has to allocate: the larger of a training step and the
    /// validation pass after each epoch (evaluation mode, at least 256 images a batch, while the
    /// weights, gradients, optimiser state and copies are all still held), less what the model
    /// already holds: its values and gradients, and the optimiser state if it is kept from an
    /// earlier `train` (`keptState`).
    public func trainingRunBytes(batch: Int, optimizer: Optimizer.Kind, momentum: Bool = true, keptState: Bool = false) -> Int {
        let step = trainingMemory(optimizer: optimizer, momentum: momentum)
        let validation = step.fixed.addingReportingOverflow(inferenceMemory().bytes(batch: max(batch, 256)))
        let need = max(step.bytes(batch: batch), validation.overflow ? Int.max : validation.partialValue)
        let held = parameterCount * 8 + (keptState ? optimizerStateBytes(optimizer, momentum: momentum) : 0)
        return need == Int.max ? need : max(0, need - held)
    }

    /// A forward pass in evaluation mode (evaluate, predict, validation): outputs are freed as
    /// the next layer consumes them, but a residual block holds its input, its body's output,
    /// an intermediate of the body and the sum at once: four of the widest, plus the batch's
    /// images; with `keepsOutputs` (feature maps, activations of every layer) all of them.
    public func inferenceMemory(keepsOutputs: Bool = false) -> MemoryNeed {
        let layers = layerMemory()
        let outputs = keepsOutputs ? layers.reduce(0) { $0 + $1.outputPerImage } : 4 * (layers.map(\.outputPerImage).max() ?? 0)
        return MemoryNeed(fixed: workspaceBytes + convolutionWeightCopies, perImage: outputs + inputShape.count * 4)
    }

    /// Per layer (by dotted name): bytes of its output for one image, and what training keeps
    /// of it until backward (the output, plus a dropout's mask or a max pool's window positions, a byte each for
    /// windows up to 16×16).
    /// Sequences pass their children's tensors on and hold nothing of their own.
    public func layerMemory() -> [(name: String, outputPerImage: Int, keptPerImage: Int)] {
        allLayers().map { entry in
            let l = entry.layer
            let out = l.outputShape.count * 4
            if l is Sequence { return (entry.name, out, 0) }
            let pool = (l as? Pool2d).flatMap { $0.isMax ? $0 : nil }
            let extra = l is Dropout ? out : pool.map { $0.outputShape.count * $0.positionBytes } ?? 0
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
