import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `explain byhand`: backpropagation by hand on a CNN small enough to follow with pencil and
/// paper (TinyNetByHand), every number of the five steps printed, then the same numbers from the
/// engine's own layers, compared.
struct ByHandExplanation: Explanation {
    let names = ["byhand"]
    let usage = tr("explain byhand image=0|1                             the five steps (initialise, forward, loss, backward, update) by hand on a tiny CNN and a 6×6 T or L, every δ printed, then checked against the engine")
    func explain(_ inv: Invocation, in env: CommandEnvironment) throws { try env.explainByHand(inv) }

    static let learningRate = 0.5

    /// The first seed whose weights let the gradient reach the kernel through three of the four
    /// pooled values (a kernel that the ReLU silences everywhere teaches nothing), with no
    /// value of z at 0 and no tie for a window's positive maximum: sums of tenths are not exact in
    /// binary, so there the engine's float32 could pass or route differently from the hand's.
    static func network(picture: Int) -> (TinyNetByHand, seed: UInt64) {
        for seed in UInt64(1)...1000 {
            let rng = RandomSource(seed: seed)
            var net = TinyNetByHand(picture: picture) { rng.uniform() }
            net.forward()
            let clear = net.z.flatMap { $0 }.allSatisfy { abs($0) > 0.05 }
            // Equal values made of the same kernel entries (the ink under the kernel in the same
            // places) are equal in float32 too, and the first wins in both; others must differ.
            func ink(_ r: Int, _ c: Int) -> [Bool] { (0..<3).flatMap { i in (0..<3).map { j in net.x[r + i][c + j] != 0 } } }
            var untied = true
            for r in 0..<2 {
                for c in 0..<2 {
                    var window: [(value: Double, ink: [Bool])] = []
                    for i in 0..<2 { for j in 0..<2 { window.append((net.a[2 * r + i][2 * c + j], ink(2 * r + i, 2 * c + j))) } }
                    let top = window.map(\.value).max()!
                    let near = window.filter { top - $0.value <= 0.05 }
                    if top > 0 && near.contains(where: { $0.ink != near[0].ink }) { untied = false }
                }
            }
            // Three windows pass a value on and one is all negative, so the lesson shows ReLU's
            // mask stopping a gradient that max pooling routed; the scores start close (a loss
            // near ln 2, the coin toss's).
            if clear && untied && net.v.filter({ $0 > 0 }).count == 3 && (0.5...1.0).contains(net.loss) { return (net, seed) }
        }
        preconditionFailure("no seed below 1000 gives picture \(picture) a clear example")
    }
}

extension CommandEnvironment {
    fileprivate func explainByHand(_ inv: Invocation) throws {
        let picture = inv[Common.image]
        guard picture < 2 else { throw LanguageError(.value, at: inv.token(Common.image), "explain byhand has two pictures: image=0 (a T) or image=1 (an L)") }
        var (net, seed) = ByHandExplanation.network(picture: picture)
        let initial = net
        net.forward()
        net.backward()
        let names = TinyNetByHand.classNames
        var out: [String] = []
        func grid(_ g: [[Double]], digits: Int = 2) -> String {
            let cells = g.map { $0.map { fixed($0, digits) } }
            let w = cells.flatMap { $0 }.map(\.count).max() ?? 1
            return cells.map { "    " + $0.map { String(repeating: " ", count: w - $0.count) + $0 }.joined(separator: "  ") }.joined(separator: "\n")
        }
        func row(_ v: [Double], digits: Int = 3) -> String { "[" + v.map { fixed($0, digits) }.joined(separator: ", ") + "]" }

        out.append(picture == 0 ? tr("Backpropagation by hand: a 6×6 picture of a T (class 0, \(names[0])), through")
            : tr("Backpropagation by hand: a 6×6 picture of an L (class 1, \(names[1])), through"))
        out.append(tr("conv (one 3×3 kernel, no padding) → relu → maxpool 2 → flatten → linear 4 → 2 → softmax cross-entropy."))
        out.append("")
        out.append(tr("input x (ink 1, paper 0):\n") + grid(net.x, digits: 0))
        out.append("")
        out.append(tr("Step 1 · initialise. Each weight is drawn uniformly from ±1/√fan_in, PyTorch's default (±1/3 for the kernel, 9 inputs; ±1/2 for the linear layer, 4 inputs), seed \(seed), and rounded to one decimal so you can follow by hand."))
        out.append(tr("kernel K:\n") + grid(initial.kernel, digits: 1) + tr("\n  conv bias b = \(fixed(initial.convBias, 1))"))
        out.append(tr("linear weights W (a row per class):\n") + grid(initial.weights, digits: 1) + tr("\n  linear bias c = \(row(initial.bias, digits: 1))"))
        out.append("")
        out.append(tr("Step 2 · forward."))
        let z00 = (0..<3).flatMap { i in (0..<3).compactMap { j in net.x[i][j] != 0 ? initial.kernel[i][j] : nil } }
        out.append(tr("z = x ⋆ K + b, the kernel slid over x (4×4). For example z[0,0] adds the kernel values under ink, plus b: \(signedSum(z00.map { fixed($0, 1) } + [fixed(initial.convBias, 1)])) = \(fixed(net.z[0][0], 2))"))
        out.append(grid(net.z))
        out.append(tr("a = relu(z): the negatives become 0"))
        out.append(grid(net.a))
        let wins = net.winners.flatMap { $0 }.map { "[\($0.0),\($0.1)]" }.joined(separator: ", ")
        out.append(tr("m = maxpool(a): the largest of each 2×2 window, which came from a at \(wins)"))
        out.append(grid(net.m))
        out.append(tr("v = flatten(m), row by row = \(row(net.v))"))
        out.append(tr("s = W·v + c, the scores: s[0] = \(signedSum((0..<4).map { "\(fixed(initial.weights[0][$0], 1))·\(fixed(net.v[$0], 2))" } + [fixed(initial.bias[0], 1)])) = \(fixed(net.s[0], 3)); s = \(row(net.s))"))
        out.append(tr("p = softmax(s) = e^s / Σ e^s = \(row(net.p)) (\(names[0]) \(percent(net.p[0])), \(names[1]) \(percent(net.p[1])))"))
        out.append("")
        out.append(tr("Step 3 · loss. L = −log p[\(names[picture])] = −log \(fixed(net.p[picture], 4)) = \(fixed(net.loss, 4))"))
        out.append("")
        out.append(tr("Step 4 · backward: each δ (∂L/∂ of a value) from the one after it, by the chain rule."))
        out.append(tr("δs = ∂L/∂s = p − y, y the one-hot label \(row(picture == 0 ? [1, 0] : [0, 1], digits: 0)): δs = \(row(net.ds))"))
        out.append(tr("∂L/∂W = δs·vᵀ (row k is δs[k] times v):\n") + grid(net.dWeights, digits: 3) + "\n  ∂L/∂c = δs = \(row(net.dBias))")
        out.append("δv = Wᵀ·δs: δv[i] = W[0,i]·δs[0] + W[1,i]·δs[1] = \(row(net.dv))")
        out.append(tr("δm = δv as 2×2. Max pooling sends each δ back to the input that won its window; the other three get 0 (δa):"))
        out.append(grid(net.da, digits: 3))
        out.append(tr("δz = δa where z > 0, else 0 (ReLU passes the gradient only where it passed the value):"))
        out.append(grid(net.dz, digits: 3))
        out.append(tr("∂L/∂K[i,j] = Σ δz[r,c]·x[r+i, c+j]: x correlated with δz, a convolution whose \"kernel\" is δz:"))
        out.append(grid(net.dKernel, digits: 3) + "\n  ∂L/∂b = Σ δz = \(fixed(net.dConvBias, 3))")
        out.append(tr("δx[y,x] = Σ δz[r,c]·K[y−r, x−c]: δz padded by 2 and convolved with K turned 180°. x is the input, so nothing uses δx here; a layer below would receive it:"))
        out.append(grid(net.dx, digits: 3))
        out.append("")
        let lr = ByHandExplanation.learningRate
        var after = net
        after.update(learningRate: lr)
        after.forward()
        out.append(tr("Step 5 · update, gradient descent with learning rate \(fixed(lr, 1)): every weight moves against its gradient, w ← w − \(fixed(lr, 1))·∂L/∂w."))
        out.append("K[0,0]: \(fixed(initial.kernel[0][0], 1)) − \(fixed(lr, 1))·(\(fixed(net.dKernel[0][0], 3))) = \(fixed(after.kernel[0][0], 3)); W[\(picture),0]: \(fixed(initial.weights[picture][0], 1)) − \(fixed(lr, 1))·(\(fixed(net.dWeights[picture][0], 3))) = \(fixed(after.weights[picture][0], 3))")
        out.append(tr("With the new weights the same picture scores p[\(names[picture])] = \(percent(after.p[picture])) (was \(percent(net.p[picture]))): the loss goes from \(fixed(net.loss, 4)) to \(fixed(after.loss, 4))."))
        out.append("")
        out.append(try engineCheck(initial, net, at: inv.nameToken))
        let text = out.joined(separator: "\n") + "\n"
        let html = "<pre style=\"font-size:12px;line-height:1.35\">" + escape(text) + "</pre>"
        context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    }

    /// "0.1 − 0.2 + 0.3" from terms that may start with a minus sign.
    fileprivate func signedSum(_ terms: [String]) -> String {
        var out = ""
        for (k, t) in terms.enumerated() {
            let negative = t.hasPrefix("-")
            let magnitude = negative ? String(t.dropFirst()) : t
            out += k == 0 ? (negative ? "−" + magnitude : magnitude) : (negative ? " − " : " + ") + magnitude
        }
        return out
    }

    /// The same network built from the engine's layers, given the same weights: its forward values
    /// and gradients against the by-hand ones.
    fileprivate func engineCheck(_ initial: TinyNetByHand, _ net: TinyNetByHand, at token: Token) throws -> String {
        let registry = session.layers
        func build(_ name: String, _ args: [String: ParameterValue], _ input: FeatureShape) throws -> Layer {
            guard let plugin = registry.plugin(named: name) else { throw LanguageError(.state, at: token, "no \(name) layer") }
            return try plugin.build(plugin.bind(args), input: input)
        }
        let conv = try build("conv", ["out_channels": .number(1), "kernel": .number(3)], .image(c: 1, h: 6, w: 6))
        let relu = try build("relu", [:], conv.outputShape)
        let pool = try build("maxpool", ["kernel": .number(2)], relu.outputShape)
        let flatten = try build("flatten", [:], pool.outputShape)
        let linear = try build("linear", ["out_features": .number(2)], flatten.outputShape)
        let items: [(name: String, layer: Layer)] = [("conv1", conv), ("relu1", relu), ("maxpool1", pool), ("flatten1", flatten), ("linear1", linear)]
        let seq = Sequence(items, input: .image(c: 1, h: 6, w: 6))
        conv.parameters[0].setValues(inShapeOrder: initial.kernel.flatMap { $0 }.map(Float.init))
        conv.parameters[1].setValues(inShapeOrder: [Float(initial.convBias)])
        linear.parameters[0].setValues(inShapeOrder: initial.weights.flatMap { $0 }.map(Float.init))
        linear.parameters[1].setValues(inShapeOrder: initial.bias.map(Float.init))
        let x = Tensor(batch: 1, shape: .image(c: 1, h: 6, w: 6), nchw: net.x.flatMap { $0 }.map(Float.init))
        var outputs: [ObjectIdentifier: [Float]] = [:]
        let context = RunContext(training: false, rng: RandomSource(seed: 0), recordsForBackward: true, options: .reference)
        context.observer = { layer, y in outputs[ObjectIdentifier(layer)] = y.nchw }
        let logits = seq.forward(x, context: context)
        let r = SoftmaxCrossEntropy.evaluate(logits: logits, labels: [net.label])
        let dx = seq.backward(r.gradient)
        func difference(_ engine: [Float], _ hand: [Double]) -> Double {
            zip(engine, hand).map { abs(Double($0) - $1) }.max() ?? .infinity
        }
        let forward: [(String, Double)] = [
            ("z", difference(outputs[ObjectIdentifier(conv)] ?? [], net.z.flatMap { $0 })),
            ("a", difference(outputs[ObjectIdentifier(relu)] ?? [], net.a.flatMap { $0 })),
            ("m", difference(outputs[ObjectIdentifier(pool)] ?? [], net.m.flatMap { $0 })),
            ("s", difference(logits.nchw, net.s)),
            ("L", abs(r.loss - net.loss)),
        ]
        let backward: [(String, Double)] = [
            ("∂L/∂W", difference(linear.parameters[0].gradientsInShapeOrder(), net.dWeights.flatMap { $0 })),
            ("∂L/∂c", difference(linear.parameters[1].gradientsInShapeOrder(), net.dBias)),
            ("∂L/∂K", difference(conv.parameters[0].gradientsInShapeOrder(), net.dKernel.flatMap { $0 })),
            ("∂L/∂b", difference(conv.parameters[1].gradientsInShapeOrder(), [net.dConvBias])),
            ("δx", difference(dx.nchw, net.dx.flatMap { $0 })),
        ]
        let worst = (forward + backward).map(\.1).max() ?? .infinity
        let agree = worst < 1e-5
        func line(_ items: [(String, Double)]) -> String { items.map { "\($0.0) \(sci($0.1))" }.joined(separator: ", ") }
        return tr("Check: the engine's own conv, relu, maxpool, flatten and linear layers, given these weights, compute in float32") + "\n"
            + tr("  forward, largest difference from the numbers above: \(line(forward))") + "\n"
            + tr("  backward: \(line(backward))") + "\n"
            + (agree ? tr("✓ every value agrees (within float32 rounding): the engine computes exactly these steps")
                : tr("✗ the engine differs from the hand computation")) + "\n"
    }
}
