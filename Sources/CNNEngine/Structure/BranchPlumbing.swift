import CNNCore

// How a concatenation's branches hand it their outputs and input gradients without some of the
// copies and sums of the plain path (Concat.swift). An Inception block's four branches each wrote
// their output to a tensor the concatenation then copied into its own, and returned input
// gradients the concatenation then summed in three more passes.
//
// The pointwise convolutions that start several branches (the Inception block's three 1×1
// layers on its input) run their backward as one product (Concat.backwardGroupedPointwise).
//
// The gradient goes the other way still as a copy of the branch's channels (for grouped branches
// all of them in one pass, Concat.slices): batch norm's backward reading them in place, strided,
// in its two passes, made the step slower (GoogLeNet, batch 128, 2 threads: 376–416 images/s
// against 420–439 with the copy; bench/results/branch-plumbing-2026-12-01.txt).

/// A branch's channels inside a wider tensor: row r (one pixel) starts at `base + r·stride`,
/// `stride` being the wider tensor's channels.
struct ChannelSlice {
    let base: UnsafeMutablePointer<Float>
    let stride: Int
    /// A whole tensor, its rows `channels` apart. The tensor must outlive the slice's use.
    init(_ t: Tensor) { (base, stride) = (t.data, t.shape.channels) }
    init(base: UnsafeMutablePointer<Float>, stride: Int) { (self.base, self.stride) = (base, stride) }
}

/// Where a branch puts its input gradient: written into `tensor` (the first branch to deliver)
/// or added to it (every later one, in branch order), instead of returned.
struct InputGradientSink {
    let tensor: Tensor
    let accumulate: Bool
}

/// A layer whose backward can deliver its input gradient into a sink as it computes it (a
/// pointwise convolution's product with beta 1, max pooling's scatter onto a sum rather than
/// onto zeros, a sequence starting with either): the sum costs no pass of its own.
protocol InputGradientSinking: Layer {
    /// Whether the next backward will deliver into a sink (what the last forward recorded allows
    /// it), so a caller makes one only then.
    var takesInputGradientSink: Bool { get }
    /// Backward with the input gradient put into `sink` (nil returned) when
    /// `takesInputGradientSink`; otherwise the plain backward, its input gradient returned.
    func backward(_ dy: Tensor, into sink: InputGradientSink) -> Tensor?
}

extension Sequence {
    /// The batchnorm and relu that end this sequence.
    private var endingBatchNormAndReLU: (BatchNorm, ReLU)? {
        guard items.count >= 2, let bn = items[items.count - 2].layer as? BatchNorm,
              let relu = items[items.count - 1].layer as? ReLU else { return nil }
        return (bn, relu)
    }

    /// Forward from layer `start` (`x` its input) with the output written into `out`, when the
    /// sequence ends in a batchnorm and a relu that fuse (as `forward` would fuse them): the
    /// batchnorm's one pass writes there. False, with nothing run, otherwise.
    func forward(_ x: Tensor, context: RunContext, from start: Int, into out: ChannelSlice) -> Bool {
        guard fusesReLU(context), let (bn, relu) = endingBatchNormAndReLU, start <= items.count - 2 else { return false }
        let h = forward(x, context: context, from: start, itemCount: items.count - 2)
        bn.forward(h, context: context, thenReLU: true, into: out)
        relu.markFusedIntoBatchNorm(context: context)
        return true
    }

}

extension Concat {
    /// When the pass records for backward (training), each branch's first layer forward on x,
    /// all of them before the rest of any branch: an Inception block's three pointwise
    /// convolutions and its max pool each read the whole input, and back to back they find it in
    /// the cache, where each branch run through had pushed it out for the next (GoogLeNet, batch
    /// 128, 2 threads: its pointwise forwards on oneDNN took 21.7 instead of 25.1 ms per step,
    /// DNNL_VERBOSE). Only for a sequence of three layers or more that starts with a convolution
    /// or a pooling layer (they draw no random numbers, so dropout masks are drawn in the same
    /// order as before) followed by a convolution or a batchnorm (which keep their input for
    /// backward anyway, so memory does not grow), when nobody watches the layers (their order is
    /// then as before). Nil for a branch to run whole.
    func firstLayersForward(_ x: Tensor, context: RunContext) -> [Tensor?] {
        branches.map { _, b in
            guard context.recordsForBackward, let s = b as? Sequence, s.fusesReLU(context), s.items.count >= 3,
                  s.items[0].layer is Conv2d || s.items[0].layer is Pool2d,
                  s.items[1].layer is Conv2d || s.items[1].layer is BatchNorm else { return nil }
            return context.forward(s.items[0].layer, x)
        }
    }
}

extension Sequence: InputGradientSinking {
    /// Its first layer's.
    var takesInputGradientSink: Bool { (items.first?.layer as? InputGradientSinking)?.takesInputGradientSink == true }

    func backward(_ dy: Tensor, into sink: InputGradientSink) -> Tensor? {
        backward(dy, from: items.count - 1, into: sink)
    }
}

extension Sequence {

    /// The convolution that starts this sequence when a batchnorm follows it and its last forward
    /// recorded what a concatenation's grouped backward needs (Conv2d.inputForGroupedBackward);
    /// nil otherwise.
    var groupableFirstConvolution: Conv2d? {
        guard items.count >= 2, items[1].layer is BatchNorm, let conv = items[0].layer as? Conv2d,
              conv.inputForGroupedBackward != nil else { return nil }
        return conv
    }

    /// For a concatenation's grouped pointwise convolutions (Concat.backwardGroupedPointwise), on a
    /// sequence with a `groupableFirstConvolution` and no gradient tap: runs backward down to the
    /// batchnorm (with its relu, fused or not), which writes the convolution's output gradient into
    /// `out` and adds its bias gradient; the convolution itself is left to the caller.
    func backwardAboveFirstLayer(_ dy: Tensor, writingItsOutputGradientInto out: ChannelSlice) {
        guard GradientTap.observer == nil, let conv = groupableFirstConvolution, let bn = items[1].layer as? BatchNorm else {
            preconditionFailure("grouped backward of a sequence that does not start with a convolution and a batchnorm")
        }
        let relu = items.count >= 3 ? items[2].layer as? ReLU : nil
        let fused = relu?.fusedIntoBatchNorm == true
        let g = backward(dy, from: items.count - 1, downTo: fused ? 3 : 2, into: nil)!
        if fused { _ = relu?.takeFusedIntoBatchNorm() }
        bn.backward(g, throughReLU: fused, columnSums: conv.biasGradientFromNextLayer(), into: out)
    }
}
