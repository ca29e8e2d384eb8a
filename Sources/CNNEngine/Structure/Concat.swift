import CNNCore

/// Parallel branches on the same input, their outputs concatenated on channels, in branch
/// order: the Inception block (Szegedy et al. 2014, arXiv:1409.4842) and, with an identity
/// branch last, the dense layer (Huang et al. 2016, arXiv:1608.06993).
/// Backward splits dy by channels and sums the branches' input gradients.
public final class Concat: Layer {
    public let typeName: String
    public let branches: [(name: String, layer: Layer)]
    public let inputShape: FeatureShape
    public let outputShape: FeatureShape
    let widths: [Int]
    /// Each branch's first channel in the output.
    let starts: [Int]
    let h, w: Int

    public init(_ branches: [(name: String, layer: Layer)], input: FeatureShape, typeName: String = "concat") throws {
        guard !branches.isEmpty else { throw ShapeError("concat needs at least one branch") }
        var sizes: (Int, Int)?
        var widths: [Int] = []
        for (name, b) in branches {
            guard case .image(let c, let bh, let bw) = b.outputShape else {
                throw ShapeError("concat joins images on channels, but branch \(name) gives flat features \(b.outputShape)")
            }
            if let (h0, w0) = sizes, (h0, w0) != (bh, bw) {
                throw ShapeError("concat branches must agree on height and width: branch \(branches[0].name) gives \(branches[0].layer.outputShape), branch \(name) gives \(b.outputShape)")
            }
            sizes = (bh, bw)
            widths.append(c)
        }
        self.branches = branches
        self.inputShape = input
        self.widths = widths
        starts = widths.indices.map { widths[..<$0].reduce(0, +) }
        (h, w) = sizes!
        outputShape = .image(c: widths.reduce(0, +), h: h, w: w)
        self.typeName = typeName
    }

    public var children: [(name: String, layer: Layer)] { branches }
    public var detail: String { tr("\(widths.map(String.init).joined(separator: " + ")) channels") }

    public func forward(_ x: Tensor, context: RunContext) -> Tensor {
        // The branches' channels fill every element.
        let y = Tensor(batch: x.batch, shape: outputShape, zeroed: false)
        let total = outputShape.channels, pixels = x.batch * h * w
        let firsts = firstLayersForward(x, context: context)
        for (i, (_, b)) in branches.enumerated() {
            let out = ChannelSlice(base: y.data + starts[i], stride: total)
            let o: Tensor
            if let s = b as? Sequence {
                // From its second layer when its first ran already (firstLayersForward).
                let (input, start) = firsts[i].map { ($0, 1) } ?? (x, 0)
                // A branch ending in a batchnorm and relu writes its channels in place (BranchPlumbing).
                if s.forward(input, context: context, from: start, into: out) { continue }
                o = start == 0 ? context.forward(b, x) : s.forward(input, context: context, from: start, itemCount: s.items.count)
            } else {
                o = context.forward(b, x)
            }
            withExtendedLifetime(o) { Concat.copy(widths[i], channels: ChannelSlice(o), to: out, pixels: pixels) }
        }
        return y
    }

    // Backward: the branches' input gradients are summed, the grouped pointwise convolutions'
    // term first (backwardGroupedPointwise), then the others in branch order. The first to deliver
    // writes a tensor of this layer's own and each later one adds to it, inside its own last pass
    // where it can (InputGradientSinking), else in a pass here. A branch that returns its gradient
    // before any sum exists is kept aside (`first`, not ours to write to) and added once one does.
    public func backward(_ dy: Tensor) -> Tensor {
        let total = outputShape.channels, pixels = dy.batch * h * w
        var sum: Tensor?, first: Tensor?, firstPart: Tensor?
        // Branches that start with a pointwise convolution then a batchnorm, on this input: their
        // convolutions' backward as one product, the first to deliver into the sum (with a max
        // pool branch's, a sample at a time).
        let grouped = backwardGroupedPointwise(dy)
        sum = grouped?.sum
        let src = UncheckedPointer(dy.data)
        for (i, (_, b)) in branches.enumerated() {
            let c = widths[i], off = starts[i]
            if grouped?.branches.contains(i) == true { continue }
            // An identity branch's input gradient is its slice of dy: added to the sum straight from
            // dy rather than copied out first (a dense layer's identity is most of its channels).
            // Same values, same order as the copy.
            if b is Identity, GradientTap.observer == nil, first != nil || sum != nil {
                if let acc = sum {
                    let out = UncheckedPointer(acc.data)
                    Parallel.forEachChunk(pixels, grain: 256) { r in
                        for p in r { Vec.addInPlace(src.value + p * total + off, out.value + p * c, c) }
                    }
                } else if let f = first {
                    let fresh = Tensor(batch: f.batch, shape: f.shape, zeroed: false)
                    let (fp, out) = (UncheckedPointer(f.data), UncheckedPointer(fresh.data))
                    withExtendedLifetime(f) {
                        Parallel.forEachChunk(pixels, grain: 256) { r in
                            for p in r { Vec.add(fp.value + p * c, src.value + p * total + off, out.value + p * c, c) }
                        }
                    }
                    (sum, first) = (fresh, nil)
                }
                continue
            }
            let part = slices(dy, of: [i])[0]
            GradientTap.observer?(b, part)
            // A sink (a fresh tensor when no sum exists yet) only for a branch that takes one: an
            // unused input-sized tensor would raise the step's peak memory.
            let sinking = (b as? InputGradientSinking).flatMap { $0.takesInputGradientSink ? $0 : nil }
            let target = sinking == nil ? nil : sum ?? Tensor(batch: dy.batch, shape: inputShape, zeroed: false)
            let g = if let sinking, let target {
                sinking.backward(part, into: InputGradientSink(tensor: target, accumulate: sum != nil))
            } else {
                b.backward(part)
            }
            guard let g else {
                guard let target else { preconditionFailure("a branch delivered into no sink") }
                // Delivered into the sink: a fresh one is now the sum (the branch kept aside added:
                // g₂ + g₁ equals g₁ + g₂ exactly).
                if sum == nil {
                    sum = target
                    if let f = first { withExtendedLifetime(f) { Kernels.add(f.data, into: target.data, count: target.count) } }
                    first = nil
                }
                continue
            }
            if let acc = sum {
                withExtendedLifetime(g) { Kernels.add(g.data, into: acc.data, count: acc.count) }
            } else if let f = first {
                let fresh = Tensor(batch: f.batch, shape: f.shape, zeroed: false)
                withExtendedLifetime((f, g)) { Kernels.add(f.data, g.data, into: fresh.data, count: fresh.count) }
                (sum, first) = (fresh, nil)
            } else {
                (first, firstPart) = (g, part)
            }
        }
        if let sum { return sum }
        // A lone branch: its gradient is returned as is only when it is the fresh slice made
        // above (an identity hands it back); any other tensor may still be its layer's.
        return first! === firstPart ? first! : first!.copy()
    }

    /// Branches `indices`' channels of dy, each copied into a tensor of its own, in one pass over
    /// dy that reads each row whole. A branch's channels copied out right before its backward
    /// read dy once per branch, a part of each row each time, and the cache lines around those
    /// parts with them (an Inception block's 8–16-channel branches take a quarter or half of a
    /// line per pixel): GoogLeNet, batch 128, 2 threads, 486 → 510 images/s (bench/ab.sh 5), the
    /// copies 3.9 → 2.3% of the step. The copies are held together until their branches' backward.
    /// In the order of `indices`.
    func slices(_ dy: Tensor, of indices: [Int]) -> [Tensor] {
        let parts = indices.map { Tensor(batch: dy.batch, shape: branches[$0].layer.outputShape, zeroed: false) }
        let copies = zip(indices, parts).map { (target: UncheckedPointer($1.data), width: widths[$0], start: starts[$0]) }
        let (src, total) = (UncheckedPointer(dy.data), outputShape.channels)
        Parallel.forEachChunk(dy.batch * h * w, grain: 256) { r in
            for p in r {
                for copy in copies { Vec.copy(src.value + p * total + copy.start, copy.target.value + p * copy.width, copy.width) }
            }
        }
        return parts
    }

    /// `c` channels of each pixel from one slice to another (a branch's tensor and its channels of
    /// the concatenation's, either way).
    private static func copy(_ c: Int, channels from: ChannelSlice, to: ChannelSlice, pixels: Int) {
        let (src, dst, srcStride, dstStride) = (UncheckedPointer(from.base), UncheckedPointer(to.base), from.stride, to.stride)
        Parallel.forEachChunk(pixels, grain: 256) { r in
            for p in r { Vec.copy(src.value + p * srcStride, dst.value + p * dstStride, c) }
        }
    }

    /// The branches whose pointwise convolutions the next backward runs as one product
    /// (`backwardGroupedPointwise`, when there are two or more): each starts with a convolution
    /// then a batchnorm whose last forward on the fast path recorded the same input
    /// (Sequence.groupableFirstConvolution), and nobody taps the gradients. The convolutions'
    /// rows are the input's pixels: only where the branches keep the input's height and width (a
    /// reduction block's strided branches do not) are they dy's. Empty otherwise.
    var groupablePointwiseBranches: [(index: Int, sequence: Sequence, conv: Conv2d)] {
        guard GradientTap.observer == nil, case .image(_, let inputHeight, let inputWidth) = inputShape,
              (inputHeight, inputWidth) == (h, w) else { return [] }
        var members: [(index: Int, sequence: Sequence, conv: Conv2d)] = []
        var input: Tensor?
        for (i, (_, b)) in branches.enumerated() {
            guard let s = b as? Sequence, let conv = s.groupableFirstConvolution, let x = conv.inputForGroupedBackward,
                  input == nil || x === input else { continue }
            input = x
            members.append((i, s, conv))
        }
        return members
    }

    /// The backward of the pointwise convolutions that start two or more branches (then a
    /// batchnorm; the Inception block's three 1×1 layers on its input), as one product: each
    /// branch runs backward down to its batchnorm, which writes the convolution's output gradient
    /// into its columns of one matrix dM (pixels × their outputs together) and adds the bias
    /// gradient; then dW = dMᵀ·X for all of them in one product, and the input gradient
    /// dX = dM·W (their weights stacked) in another, written as the sum's first term. One pass
    /// over X and one write of dX, where three products per step each read X and read and wrote
    /// dX. Nil when fewer than two branches qualify (`groupablePointwiseBranches`). A branch that
    /// starts with a max pool then a pointwise convolution (`inlinePoolBranch`) delivers its
    /// input gradient into the same sum, sample by sample (PoolBranchGradient.swift).
    private func backwardGroupedPointwise(_ dy: Tensor) -> (sum: Tensor, branches: Set<Int>)? {
        let members = groupablePointwiseBranches
        guard members.count >= 2, let x = members[0].conv.inputForGroupedBackward else { return nil }
        let cin = inputShape.channels, pixels = dy.batch * h * w
        let stacked = members.reduce(0) { $0 + $1.conv.cout }
        let dm = Tensor(batch: dy.batch, shape: .image(c: stacked, h: h, w: w), zeroed: false)
        let pool = inlinePoolBranch
        // The members' channels of dy, then the pool branch's.
        let parts = slices(dy, of: members.map(\.index) + (pool.map { [$0.index] } ?? []))
        var column = 0
        for (m, part) in zip(members, parts) {
            m.sequence.backwardAboveFirstLayer(part,
                                               writingItsOutputGradientInto: ChannelSlice(base: dm.data + column, stride: stacked))
            column += m.conv.cout
        }
        // dW (stacked × Cin) = dMᵀ·X, each layer's rows then added to its own gradient.
        var dw = [Float](repeating: 0, count: stacked * cin)
        dw.withUnsafeMutableBufferPointer {
            Kernels.accumulateTransposedProduct(m: stacked, n: cin, k: pixels, a: dm.data, lda: stacked, b: x.data, ldb: cin,
                                                into: $0.baseAddress!, ldc: cin)
        }
        var weights = [Float](repeating: 0, count: stacked * cin)
        column = 0
        for m in members {
            let n = m.conv.cout * cin
            for j in 0..<n { m.conv.weight.grad.data[j] += dw[column * cin + j] }
            for j in 0..<n { weights[column * cin + j] = m.conv.weight.value.data[j] }
            column += m.conv.cout
        }
        // dX = dM·W.
        let sum = Tensor(batch: dy.batch, shape: inputShape, zeroed: false)
        var delivered = Set(members.map(\.index))
        if let pool {
            weights.withUnsafeBufferPointer {
                backwardInline(pool, parts[members.count], stackedGradient: dm, stacked: stacked, weights: $0.baseAddress!, into: sum)
            }
            delivered.insert(pool.index)
        } else {
            weights.withUnsafeBufferPointer {
                Kernels.rowBlockedProduct(rows: pixels, n: cin, k: stacked, a: dm.data, lda: stacked, b: $0.baseAddress!, ldb: cin,
                                          transB: false, bias: nil, c: sum.data, ldc: cin)
            }
        }
        for m in members { m.conv.finishGroupedBackward() }
        return (sum, delivered)
    }
}

// ONNX Concat on axis 1 (channels), branches in order.
extension Concat: ONNXExportable {
    public func exportONNX(input: String, into graph: ONNXGraph) throws -> String {
        let outputs = try branches.map { try graph.export($0.layer, named: $0.name, input: input) }
        return graph.addNode("Concat", inputs: outputs, attributes: [.int("axis", 1)], suffix: "concat")
    }
}
