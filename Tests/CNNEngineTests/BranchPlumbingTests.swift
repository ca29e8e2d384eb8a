import CNNCore
@testable import CNNEngine
import XCTest

/// A concatenation whose branches write their outputs into its own and put their input gradients
/// into one sum (BranchPlumbing.swift), against each branch run alone and the results joined and
/// summed the plain way.
final class BranchPlumbingTests: XCTestCase {
    let shape = FeatureShape.image(c: 8, h: 6, w: 6)

    /// An Inception-like block: a max pool first (the first to deliver: it writes the sum), a bare
    /// pointwise convolution, a pointwise convolution then batchnorm and relu (the branch that
    /// writes its output in place), and a 3×3 convolution that returns its gradient (added here).
    func branches() throws -> [(name: String, layer: Layer)] {
        let pool = try Support.build("maxpool", ["kernel": .int(3), "stride": .int(1), "padding": .int(1)], input: shape)
        let afterPool = try Support.build("conv", ["out_channels": .int(4), "kernel": .int(1)], input: shape)
        let bare = try Support.build("conv", ["out_channels": .int(3), "kernel": .int(1)], input: shape)
        let reduce = try Support.build("conv", ["out_channels": .int(5), "kernel": .int(1)], input: shape)
        let reduced = FeatureShape.image(c: 5, h: 6, w: 6)
        let wide = try Support.build("conv", ["out_channels": .int(2), "kernel": .int(3), "padding": .int(1)], input: shape)
        return [
            ("pool", Sequence([("pool", pool), ("conv", afterPool)], input: shape)),
            ("bare", bare),
            ("bn", Sequence([("conv", reduce), ("bn", try Support.build("batchnorm", input: reduced)),
                             ("relu", try Support.build("relu", input: reduced))], input: shape)),
            ("wide", wide),
        ]
    }

    func testBranchesWriteIntoTheConcatenationAndSumTheirGradientsInPlace() throws {
        // Each layer's parameter gradients are computed as alone, bit for bit. The pointwise
        // convolutions that start a branch put their input gradient into the sum by one product
        // (they take a sink); the 3×3 one returns its own.
        _ = try compareWithBranchesAlone(branches, fused: true, exactParameters: true) { concat in
            let firstLayers = concat.branches.map { ($0.layer as? CNNEngine.Sequence)?.items[0].layer ?? $0.layer }
            XCTAssertEqual(firstLayers.map { ($0 as! InputGradientSinking).takesInputGradientSink }, [true, true, true, false])
        }
    }

    /// The branches reversed, the 3×3 one first: its returned gradient is kept aside (not the
    /// concatenation's to write to) until the first branch to deliver into a sink (the pointwise
    /// convolution before the batchnorm) makes the sum; then it is added.
    func testAGradientReturnedBeforeAnySumIsAddedOnceASinkIsMade() throws {
        _ = try compareWithBranchesAlone({ try self.branches().reversed() }, fused: true, exactParameters: true)
    }

    /// Three branches that start with a pointwise convolution then a batchnorm (with a relu, a
    /// relu and more layers, and nothing after it), and a max-pool branch: the three convolutions'
    /// backward runs as one product (Concat.backwardGroupedPointwise), and the pool branch (a
    /// pointwise convolution after the pool, then a batchnorm and relu or nothing) delivers its
    /// input gradient into the same sum a sample at a time (PoolBranchGradient.swift); in
    /// training with the relus fused into the batchnorms and without. Against each branch alone,
    /// summed the plain way.
    func testPointwiseFirstBranchesRunTheirConvolutionsBackwardAsOneProduct() throws {
        for poolTail in [false, true] { try checkGroupedBranches(poolTail: poolTail) }
    }

    func checkGroupedBranches(poolTail: Bool) throws {
        let reduced = { (c: Int) in FeatureShape.image(c: c, h: 6, w: 6) }
        func make() throws -> [(name: String, layer: Layer)] {
            func conv(_ c: Int, _ k: Int = 1, input: FeatureShape) throws -> Layer {
                try Support.build("conv", ["out_channels": .int(c), "kernel": .int(k), "padding": .int(k / 2)], input: input)
            }
            func bn(_ c: Int) throws -> Layer { try Support.build("batchnorm", input: reduced(c)) }
            func relu(_ c: Int) throws -> Layer { try Support.build("relu", input: reduced(c)) }
            let pool = try Support.build("maxpool", ["kernel": .int(3), "stride": .int(1), "padding": .int(1)], input: shape)
            return [
                ("one", Sequence([("conv", try conv(4, input: shape)), ("bn", try bn(4)), ("relu", try relu(4))], input: shape)),
                ("three", Sequence([("reduce", try conv(5, input: shape)), ("bn", try bn(5)), ("relu", try relu(5)),
                                    ("conv", try conv(3, 3, input: reduced(5))), ("bn2", try bn(3)), ("relu2", try relu(3))], input: shape)),
                ("plain", Sequence([("conv", try conv(6, input: shape)), ("bn", try bn(6))], input: shape)),
                ("pool", Sequence([("pool", pool), ("conv", try conv(2, input: shape))]
                                  + (poolTail ? [("bn", try bn(2)), ("relu", try relu(2))] : []), input: shape)),
            ]
        }
        for fused in [true, false] {
            let what = "fused \(fused), pool tail \(poolTail)"
            let (concat, _) = try compareWithBranchesAlone(make, fused: fused) { concat in
                XCTAssertEqual(concat.groupablePointwiseBranches.map(\.index), [0, 1, 2], what)
                XCTAssertEqual(concat.inlinePoolBranch?.index, 3, what)
            }
            // Every grouped convolution's forward records are gone, as after its own backward, and
            // so are the pool branch's.
            for b in concat.branches.prefix(3) {
                XCTAssertNil(((b.layer as! CNNEngine.Sequence).items[0].layer as! Conv2d).inputForGroupedBackward, what)
            }
            let poolBranch = concat.branches[3].layer as! CNNEngine.Sequence
            XCTAssertFalse((poolBranch.items[0].layer as! Pool2d).takesInputGradientSink, what)
            XCTAssertNil((poolBranch.items[1].layer as! Conv2d).inputForGroupedBackward, what)
            // With a gradient tap (which needs each layer's gradient as a tensor), no grouping, and
            // the same input gradient.
            let x = Support.distinctInput(2, shape, seed: 3), dy = Support.input(2, concat.outputShape, seed: 4)
            let context = RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(fusesReLU: fused))
            _ = concat.forward(x, context: context)
            let untapped = concat.backward(dy).values
            _ = concat.forward(x, context: context)
            GradientTap.observer = { _, _ in }
            XCTAssertEqual(concat.groupablePointwiseBranches.count, 0)
            XCTAssertNil(concat.inlinePoolBranch)
            let tapped = concat.backward(dy).values
            GradientTap.observer = nil
            for (t, u) in zip(tapped, untapped) { XCTAssertEqual(t, u, accuracy: 1e-5 * max(1, abs(u)), "fused \(fused), tapped") }
        }
    }

    /// The first layers a concatenation runs before the rest of its branches
    /// (Concat.firstLayersForward) are only convolutions and pools followed by a convolution or
    /// a batchnorm: a branch starting with dropout waits its turn, so the dropout masks are drawn
    /// in branch order, as when each branch runs alone (a branch ending in dropout draws first);
    /// a branch whose early first output goes on through layers that do not end in a batchnorm
    /// and relu (conv, batchnorm, conv) finishes the plain way. Outputs bit for bit against the
    /// branches alone, fused and not, and the early pass really ran for the branches it may take.
    func testEarlyFirstLayersKeepDropoutsInOrderAndFinishOddBranches() throws {
        let r = { (c: Int) in FeatureShape.image(c: c, h: 6, w: 6) }
        func make() throws -> [(name: String, layer: Layer)] {
            func conv(_ c: Int, _ k: Int = 1, input: FeatureShape) throws -> Layer {
                try Support.build("conv", ["out_channels": .int(c), "kernel": .int(k), "padding": .int(k / 2)], input: input)
            }
            return [
                ("ends in dropout", Sequence([("conv", try conv(4, input: shape)), ("bn", try Support.build("batchnorm", input: r(4))),
                                              ("relu", try Support.build("relu", input: r(4))),
                                              ("drop", try Support.build("dropout", ["p": .number(0.5)], input: r(4)))], input: shape)),
                ("starts with dropout", Sequence([("drop", try Support.build("dropout", ["p": .number(0.5)], input: shape)),
                                                  ("conv", try conv(3, input: shape)), ("bn", try Support.build("batchnorm", input: r(3))),
                                                  ("relu", try Support.build("relu", input: r(3)))], input: shape)),
                ("odd", Sequence([("conv", try conv(5, input: shape)), ("bn", try Support.build("batchnorm", input: r(5))),
                                  ("conv2", try conv(2, 3, input: r(5)))], input: shape)),
            ]
        }
        let x = Support.distinctInput(2, shape, seed: 3), dy = Support.input(2, FeatureShape.image(c: 9, h: 6, w: 6), seed: 4)
        func context(fused: Bool) -> RunContext {
            RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(fusesReLU: fused))
        }
        // Each branch alone, in order, on one random stream: the masks in branch order.
        let alone = try make(), aloneContext = context(fused: false)
        let outputs = alone.map { $0.layer.forward(x, context: aloneContext) }
        var joined = [Float](repeating: 0, count: 2 * 36 * 9)
        for p in 0..<(2 * 36) {
            var offset = 0
            for o in outputs {
                let c = o.shape.channels
                for ch in 0..<c { joined[p * 9 + offset + ch] = o.data[p * c + ch] }
                offset += c
            }
        }
        var gradients: [[Float]] = []
        for fused in [true, false] {
            let concat = try Concat(try make(), input: shape)
            XCTAssertEqual(concat.forward(x, context: context(fused: fused)).values, joined, "fused \(fused)")
            gradients.append(concat.backward(dy).values)
        }
        for (a, b) in zip(gradients[0], gradients[1]) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b))) }
        let concat = try Concat(try make(), input: shape)
        XCTAssertEqual(concat.firstLayersForward(x, context: context(fused: true)).map { $0 != nil }, [true, false, true])
    }

    /// A reduction block (branches that halve the height and width): its pointwise convolutions'
    /// rows are the input's pixels, not the output's, so they are not grouped, and the gradients
    /// are still each branch's summed.
    func testAReductionBlocksPointwiseConvolutionsAreNotGrouped() throws {
        func make() throws -> [(name: String, layer: Layer)] {
            func branch(_ c: Int) throws -> Layer {
                let r = FeatureShape.image(c: 4, h: 6, w: 6)
                return Sequence([("reduce", try Support.build("conv", ["out_channels": .int(4), "kernel": .int(1)], input: shape)),
                                 ("bn", try Support.build("batchnorm", input: r)), ("relu", try Support.build("relu", input: r)),
                                 ("conv", try Support.build("conv", ["out_channels": .int(c), "kernel": .int(3), "stride": .int(2), "padding": .int(1)], input: r))],
                                input: shape)
            }
            return [("a", try branch(3)), ("b", try branch(2)),
                    ("pool", try Support.build("maxpool", ["kernel": .int(3), "stride": .int(2), "padding": .int(1)], input: shape))]
        }
        for fused in [true, false] {
            let (concat, _) = try compareWithBranchesAlone(make, fused: fused) { concat in
                XCTAssertEqual(concat.groupablePointwiseBranches.count, 0, "fused \(fused)")
            }
            XCTAssertEqual(concat.outputShape, .image(c: 13, h: 3, w: 3))
        }
    }

    /// A concatenation of `make()`'s branches against each branch built and run alone, joined and
    /// summed the plain way (training, relus fused into batchnorms or not): outputs bit for bit;
    /// input gradients up to the order of their sums; parameter gradients the same (bit for bit
    /// with `exactParameters`); running statistics exactly. `beforeBackward` sees the
    /// concatenation between its forward and backward. Returns it and the branches run alone.
    func compareWithBranchesAlone(_ make: () throws -> [(name: String, layer: Layer)], fused: Bool, exactParameters: Bool = false,
                                  file: StaticString = #filePath, line: UInt = #line,
                                  beforeBackward: (Concat) -> Void = { _ in }) throws -> (Concat, [(name: String, layer: Layer)]) {
        let context = RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(fusesReLU: fused))
        let x = Support.distinctInput(2, shape, seed: 3)
        let alone = try make()
        let outputs = alone.map { $0.layer.forward(x, context: context) }
        let widths = outputs.map { $0.shape.channels }, total = widths.reduce(0, +)
        let pixels = outputs[0].count / widths[0]
        let outputShape = FeatureShape.image(c: total, h: outputs[0].shape.imageDims!.h, w: outputs[0].shape.imageDims!.w)
        let dy = Support.input(2, outputShape, seed: 4)
        var joined = [Float](repeating: 0, count: pixels * total)
        var expectedDx = [Float](repeating: 0, count: x.count)
        var offset = 0
        for (i, (_, layer)) in alone.enumerated() {
            let part = Tensor(batch: 2, shape: layer.outputShape)
            for p in 0..<pixels {
                for ch in 0..<widths[i] {
                    part.data[p * widths[i] + ch] = dy.data[p * total + offset + ch]
                    joined[p * total + offset + ch] = outputs[i].data[p * widths[i] + ch]
                }
            }
            let g = layer.backward(part).values
            for j in 0..<g.count { expectedDx[j] += g[j] }
            offset += widths[i]
        }
        let concat = try Concat(try make(), input: shape)
        XCTAssertEqual(concat.forward(x, context: context).values, joined, file: file, line: line)
        beforeBackward(concat)
        // The sum is formed inside the branches' own products and scatters: the same terms added
        // in another order.
        let dx = concat.backward(dy).values
        for j in 0..<dx.count {
            XCTAssertEqual(dx[j], expectedDx[j], accuracy: 1e-5 * max(1, abs(expectedDx[j])), "fused \(fused), \(j)", file: file, line: line)
        }
        let got = concat.namedParameters(), want = alone.flatMap { $0.layer.namedParameters() }
        XCTAssertEqual(got.count, want.count, file: file, line: line)
        for ((name, a), (_, b)) in zip(got, want) {
            if exactParameters {
                XCTAssertEqual(a.grad.values, b.grad.values, "fused \(fused), \(name)", file: file, line: line)
                continue
            }
            for (u, v) in zip(a.grad.values, b.grad.values) {
                XCTAssertEqual(u, v, accuracy: 1e-4 * max(1, abs(v)), "fused \(fused), \(name)", file: file, line: line)
            }
        }
        XCTAssertEqual(concat.namedBuffers().map { $0.1.values }, alone.flatMap { $0.layer.namedBuffers() }.map { $0.1.values },
                       file: file, line: line)
        return (concat, alone)
    }

    /// The first branch to deliver writes the sum over whatever its memory held; later ones add.
    /// A pointwise convolution on the fast path writes (or adds) its input gradient into a sink
    /// and returns nil, with its parameter gradients as its plain backward gives them; on the
    /// reference path it takes no sink, returns its gradient and leaves the sink alone. Rows over
    /// two product blocks (3,000 pixels).
    func testAPointwiseConvolutionWritesOrAddsItsGradientIntoASink() throws {
        let input = FeatureShape.image(c: 7, h: 30, w: 50)
        let conv = try Support.build("conv", ["out_channels": .int(5), "kernel": .int(1)], input: input) as! Conv2d
        let x = Support.input(2, input, seed: 6), dy = Support.input(2, conv.outputShape, seed: 7)
        let fast = RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(convolutionBackend: .fastest))
        func step(_ sink: InputGradientSink?) -> (returned: Tensor?, dw: [Float], db: [Float]) {
            conv.zeroGradients()
            let returned = sink.map { conv.backward(dy, into: $0) } ?? conv.backward(dy)
            return (returned, conv.weight.grad.values, conv.bias!.grad.values)
        }
        _ = conv.forward(x, context: fast)
        let plain = step(nil)
        let plainDx = try XCTUnwrap(plain.returned).values

        let written = Tensor(batch: 2, shape: input)
        written.fill(.nan)
        _ = conv.forward(x, context: fast)
        XCTAssertTrue(conv.takesInputGradientSink)
        let intoWritten = step(InputGradientSink(tensor: written, accumulate: false))
        XCTAssertNil(intoWritten.returned)
        XCTAssertEqual(written.values, plainDx)
        XCTAssertEqual(intoWritten.dw, plain.dw)
        XCTAssertEqual(intoWritten.db, plain.db)

        let added = Tensor(batch: 2, shape: input)
        added.fill(0.5)
        _ = conv.forward(x, context: fast)
        XCTAssertNil(step(InputGradientSink(tensor: added, accumulate: true)).returned)
        for (a, p) in zip(added.values, plainDx) { XCTAssertEqual(a, 0.5 + p, accuracy: 1e-5) }

        XCTAssertFalse(conv.takesInputGradientSink)
        let untouched = added.values
        _ = conv.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1), options: .reference))
        XCTAssertFalse(conv.takesInputGradientSink)
        XCTAssertNotNil(step(InputGradientSink(tensor: added, accumulate: true)).returned)
        XCTAssertEqual(added.values, untouched)
    }

    func testAMaxPoolWritesOrAddsItsGradientIntoASink() throws {
        let pool = try Support.build("maxpool", ["kernel": .int(3), "stride": .int(1), "padding": .int(1)], input: shape) as! Pool2d
        let x = Support.distinctInput(2, shape, seed: 6)
        let context = RunContext(training: true, rng: RandomSource(seed: 1), recordsForBackward: true)
        let dy = Support.input(2, pool.outputShape, seed: 7)
        _ = pool.forward(x, context: context)
        let plain = pool.backward(dy).values

        let written = Tensor(batch: 2, shape: shape)
        written.fill(.nan)
        _ = pool.forward(x, context: context)
        XCTAssertTrue(pool.takesInputGradientSink)
        XCTAssertNil(pool.backward(dy, into: InputGradientSink(tensor: written, accumulate: false)))
        XCTAssertEqual(written.values, plain)

        let added = Tensor(batch: 2, shape: shape)
        added.fill(0.5)
        _ = pool.forward(x, context: context)
        XCTAssertNil(pool.backward(dy, into: InputGradientSink(tensor: added, accumulate: true)))
        for (a, p) in zip(added.values, plain) { XCTAssertEqual(a, 0.5 + p, accuracy: 1e-6) }

        // Without a recorded forward, after a forward on the reference paths, or as an average
        // pool, it takes no sink: given one, it runs its plain backward, returns that gradient
        // and leaves the sink alone.
        XCTAssertFalse(pool.takesInputGradientSink)
        let untouched = added.values
        _ = pool.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1), options: .reference))
        XCTAssertFalse(pool.takesInputGradientSink)
        XCTAssertEqual(pool.backward(dy, into: InputGradientSink(tensor: added, accumulate: true))?.values, plain)
        let average = try Support.build("avgpool", ["kernel": .int(3), "stride": .int(1), "padding": .int(1)], input: shape) as! Pool2d
        _ = average.forward(x, context: context)
        XCTAssertFalse(average.takesInputGradientSink)
        XCTAssertNotNil(average.backward(dy, into: InputGradientSink(tensor: added, accumulate: true)))
        XCTAssertEqual(added.values, untouched)
    }
}

/// A pointwise convolution's bias gradient summed by the batchnorm after it, in the pass that
/// writes that gradient (BatchNorm.backward's columnSums), rather than by a pass of its own.
final class BiasGradientFromBatchNormTests: XCTestCase {
    /// The same sums, bit for bit, as Kernels.accumulateColumnSums over the gradient, and within
    /// rounding of the sums taken in double precision: 720 rows in two parts on two threads (360
    /// each: eleven blocks of 32 and one of 8) or one, eleven channels (a scalar tail).
    func testBatchNormAddsItsInputGradientsColumnSumsAsThePlainPassWould() throws {
        let shape = FeatureShape.image(c: 11, h: 12, w: 12)
        let saved = Parallel.threads
        defer { Parallel.threads = saved }
        for threads in [1, 2] {
            Parallel.threads = threads
            for throughReLU in [false, true] {
                let what = "threads \(threads), relu \(throughReLU)"
                let bn = try Support.build("batchnorm", input: shape) as! BatchNorm
                let x = Support.input(5, shape, seed: 12)
                _ = bn.forward(x, context: RunContext(training: true, rng: RandomSource(seed: 1)), thenReLU: throughReLU)
                var sums = [Float](repeating: 0.25, count: 11)
                let dx = sums.withUnsafeMutableBufferPointer { bn.backward(Support.input(5, shape, seed: 13), throughReLU: throughReLU, columnSums: $0.baseAddress!) }
                var expected = [Float](repeating: 0.25, count: 11)
                expected.withUnsafeMutableBufferPointer { Kernels.accumulateColumnSums(dx.data, rows: 5 * 144, cols: 11, into: $0.baseAddress!) }
                XCTAssertEqual(sums, expected, what)
                let values = dx.values
                for c in 0..<11 {
                    let exact = 0.25 + (0..<(5 * 144)).reduce(0.0) { $0 + Double(values[$1 * 11 + c]) }
                    XCTAssertEqual(Double(sums[c]), exact, accuracy: 1e-4 * max(1, abs(exact)), what + ", channel \(c)")
                }
            }
        }
    }

    /// In a sequence conv → batchnorm → relu, fused or not, tapped or not, the convolution's bias
    /// gradient is the column sums of the gradient arriving at it, added once; its weight
    /// gradient is the one it computes alone (a 3×3 one then runs oneDNN's backward-weights
    /// primitive without the bias, whose reduction the batchnorm's pass replaces).
    func testAConvolutionsBiasGradientIsAddedOnce() throws {
        let shape = FeatureShape.image(c: 6, h: 10, w: 10), out = FeatureShape.image(c: 9, h: 10, w: 10)
        for kernel in [1, 3] {
            for fused in [true, false] {
                let what = "kernel \(kernel), fused \(fused)"
                func conv() throws -> Conv2d {
                    try Support.build("conv", ["out_channels": .int(9), "kernel": .int(kernel), "padding": .int(kernel / 2)], input: shape) as! Conv2d
                }
                let first = try conv()
                let seq = Sequence([("conv", first), ("bn", try Support.build("batchnorm", input: out)), ("relu", try Support.build("relu", input: out))], input: shape)
                let x = Support.input(3, shape, seed: 2), dy = Support.input(3, out, seed: 3)
                let context = RunContext(training: true, rng: RandomSource(seed: 1), options: ComputeOptions(fusesReLU: fused))
                var arriving: Tensor?
                GradientTap.observer = { layer, g in if layer === first { arriving = g.copy() } }
                _ = seq.forward(x, context: context)
                #if arch(x86_64)
                XCTAssertTrue(first.recordedFastPath, what + ": the fast path, whose bias sums the batchnorm takes over")
                #endif
                _ = seq.backward(dy)
                GradientTap.observer = nil
                let bias = try XCTUnwrap(first.bias)
                var expected = [Float](repeating: 0, count: 9)
                let g = try XCTUnwrap(arriving)
                expected.withUnsafeMutableBufferPointer { Kernels.accumulateColumnSums(g.data, rows: 300, cols: 9, into: $0.baseAddress!) }
                XCTAssertEqual(bias.grad.values, expected, what)

                // The same convolution alone, given that gradient.
                let alone = try conv()
                _ = alone.forward(x, context: context)
                _ = alone.backward(g)
                for (a, b) in zip(first.weight.grad.values, alone.weight.grad.values) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b)), what) }
                for (a, b) in zip(bias.grad.values, alone.bias!.grad.values) { XCTAssertEqual(a, b, accuracy: 1e-4 * max(1, abs(b)), what) }

                // Untapped, the same again (the fused path without a tap runs the batchnorm's fused backward).
                first.zeroGradients()
                _ = seq.forward(x, context: context)
                _ = seq.backward(dy)
                XCTAssertEqual(bias.grad.values, expected, what + ", untapped")
                #if arch(x86_64)
                // The 3×3 one ran oneDNN's backward weights without the bias, and never with it.
                if kernel == 3 {
                    let made = try XCTUnwrap(first.primitives(batch: 3)).madeBackwardWeights
                    XCTAssertTrue(made.withoutBias, what)
                    XCTAssertFalse(made.withBias, what)
                }
                #endif
            }
        }
    }
}
