import CNNCore

// The Inception block's fourth branch, a 3×3 max pool (stride 1) then a pointwise convolution,
// takes the same input as the three pointwise convolutions its block runs backward as one
// product (Concat.backwardGroupedPointwise), and its input gradient goes into the same sum.
// Branch by branch, that sum was written whole by the product (dX = dM·W), the pool's gradient
// dP = dZ·W₄ was written whole and read back, and the pool's scatter then read and wrote the
// whole sum again, one element at a time, long after it had left the cache (GoogLeNet's first
// blocks: 33 MB each). Here the three run a sample at a time, on the sample's rows alone, which
// stay in the core's cache: dP's rows into a buffer, the product dM·W written as the sample's
// sum, then the pool's scatter adding dP onto it. The sum is written once, and dP never leaves
// the cache. The terms are added in the plain path's order: the product's, then the pool's.

/// A concatenation's branch whose input gradient `Concat.backwardInline` delivers.
struct InlinePoolBranch {
    let index: Int
    let sequence: Sequence
    let pool: Pool2d
    let conv: Conv2d
}

extension Concat {
    /// The first branch that starts with a max pool then a pointwise convolution, both of whose
    /// last forwards ran on the fast paths that can deliver into a sum
    /// (Pool2d.takesInputGradientSink, Conv2d.inputForGroupedBackward), when nobody taps the
    /// gradients; nil otherwise. (It is never one of the grouped branches, which start with a
    /// convolution.)
    var inlinePoolBranch: InlinePoolBranch? {
        guard GradientTap.observer == nil else { return nil }
        for (i, (_, b)) in branches.enumerated() {
            guard let s = b as? Sequence, s.items.count >= 2, let pool = s.items[0].layer as? Pool2d,
                  pool.takesInputGradientSink, let conv = s.items[1].layer as? Conv2d, conv.inputForGroupedBackward != nil
            else { continue }
            return InlinePoolBranch(index: i, sequence: s, pool: pool, conv: conv)
        }
        return nil
    }

    /// Writes into `sum` (this layer's input gradient, N × H × W × Cin) the pool branch's input
    /// gradient plus dM·W (the grouped pointwise convolutions' stacked output gradient dM,
    /// N·H·W × `stacked`, times their stacked weights W, `stacked` × Cin), a sample at a time
    /// on each thread; the branch's layers above its convolution run backward first as usual,
    /// and its convolution's weight gradient is one product over the batch, as alone.
    func backwardInline(_ branch: InlinePoolBranch, _ part: Tensor, stackedGradient dm: Tensor, stacked: Int,
                        weights: UnsafePointer<Float>, into sum: Tensor) {
        let s = branch.sequence, conv = branch.conv, pool = branch.pool
        // dZ: the gradient at the convolution's output.
        let dz = s.items.count > 2 ? s.backward(part, from: s.items.count - 1, downTo: 2, into: nil)! : part
        guard let x = conv.inputForGroupedBackward else { preconditionFailure("pool branch backward without a recorded forward") }
        conv.accumulatePointwiseWeightGradient(x, dz)
        let (cin, cout) = (conv.cin, conv.cout)
        let (poolRows, rows) = (pool.ho * pool.wo, pool.h * pool.w)
        let (dzp, dmp, sp, wp, w4) = (UncheckedPointer(dz.data), UncheckedPointer(dm.data), UncheckedPointer(sum.data),
                                      UncheckedPointer(UnsafeMutablePointer(mutating: weights)), UncheckedPointer(conv.weight.value.data))
        withExtendedLifetime((dz, dm)) {
            Parallel.forEachChunk(part.batch) { samples in
                // dP's rows for one sample: Ho·Wo × Cin.
                let dp = UnsafeMutablePointer<Float>.allocate(capacity: poolRows * cin)
                defer { dp.deallocate() }
                for n in samples {
                    GEMM.sgemm(transA: false, transB: false, m: poolRows, n: cin, k: cout, a: dzp.value + n * poolRows * cout, lda: cout,
                               b: w4.value, ldb: cin, c: dp, ldc: cin)
                    let target = sp.value + n * rows * cin
                    GEMM.sgemm(transA: false, transB: false, m: rows, n: cin, k: stacked, a: dmp.value + n * rows * stacked, lda: stacked,
                               b: wp.value, ldb: cin, c: target, ldc: cin)
                    pool.scatter(sample: n, dp, onto: target)
                }
            }
        }
        conv.finishGroupedBackward()
        pool.finishPiecewiseBackward()
    }
}
