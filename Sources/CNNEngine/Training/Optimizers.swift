import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// The optimisers. Each keeps per-parameter state (saved in checkpoints by name).
///   sgd   – v ← μ·v + (g + λ·w); w ← w − lr·v (Nesterov: w ← w − lr·(g + λ·w + μ·v)), as torch.optim.SGD
///   adam  – Kingma & Ba 2014, arXiv:1412.6980, L2 weight decay added to the gradient
///   adamw – Loshchilov & Hutter 2017, arXiv:1711.05101, decoupled weight decay w ← w − lr·λ·w
public final class Optimizer: @unchecked Sendable {
    public enum Kind: String, CaseIterable, Sendable { case sgd, adam, adamw }
    public let kind: Kind
    public var momentum: Double
    public var nesterov: Bool
    public var weightDecay: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public private(set) var step = 0
    /// State tensors by parameter name: "momentum" (sgd), "exp_avg" and "exp_avg_sq" (adam, adamw).
    public var state: [String: [String: [Float]]] = [:]

    public init(kind: Kind, momentum: Double = 0.9, nesterov: Bool = false, weightDecay: Double = 0,
                beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.kind = kind
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func restoreStep(_ s: Int) { step = s }

    /// Scales all gradients so that their global L2 norm is at most `maxNorm`; returns the norm before.
    @discardableResult
    public static func clipGradients(_ params: [(String, Parameter)], maxNorm: Double) -> Double {
        var sq = 0.0
        for (_, p) in params { for i in 0..<p.count { sq += Double(p.grad.data[i]) * Double(p.grad.data[i]) } }
        let norm = sq.squareRoot()
        if norm > maxNorm && norm > 0 {
            let s = Float(maxNorm / norm)
            for (_, p) in params { for i in 0..<p.count { p.grad.data[i] *= s } }
        }
        return norm
    }

    public func update(_ params: [(String, Parameter)], learningRate lr: Double) {
        step += 1
        let t = Double(step)
        for (name, p) in params {
            let n = p.count
            let w = p.value.data, g = p.grad.data
            let wd = p.decays ? Float(weightDecay) : 0
            switch kind {
            case .sgd:
                if momentum == 0 {
                    for i in 0..<n { w[i] -= Float(lr) * (g[i] + wd * w[i]) }
                    continue
                }
                // Taken out of the dictionary so the buffer is uniquely referenced: updated in place, not copied each step.
                var v = state[name]?.removeValue(forKey: "momentum") ?? []
                let first = v.isEmpty
                if first { v = [Float](repeating: 0, count: n) }
                let mu = Float(momentum), rate = Float(lr)
                v.withUnsafeMutableBufferPointer { vb in
                    for i in 0..<n {
                        let d = g[i] + wd * w[i]
                        vb[i] = first ? d : mu * vb[i] + d  // torch: the first step's buffer is the gradient itself
                        w[i] -= rate * (nesterov ? d + mu * vb[i] : vb[i])
                    }
                }
                state[name, default: [:]]["momentum"] = v
            case .adam, .adamw:
                var m = state[name]?.removeValue(forKey: "exp_avg") ?? [Float](repeating: 0, count: n)
                var v = state[name]?.removeValue(forKey: "exp_avg_sq") ?? [Float](repeating: 0, count: n)
                let b1 = Float(beta1), b2 = Float(beta2)
                let c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t)
                let stepSize = Float(lr / c1), c2s = Float(c2.squareRoot()), eps = Float(epsilon)
                let decoupled = kind == .adamw
                m.withUnsafeMutableBufferPointer { mb in
                    v.withUnsafeMutableBufferPointer { vb in
                        for i in 0..<n {
                            if decoupled { w[i] -= Float(lr) * wd * w[i] }
                            let d = decoupled ? g[i] : g[i] + wd * w[i]
                            mb[i] = b1 * mb[i] + (1 - b1) * d
                            vb[i] = b2 * vb[i] + (1 - b2) * d * d
                            w[i] -= stepSize * mb[i] / (vb[i].squareRoot() / c2s + eps)
                        }
                    }
                }
                state[name, default: [:]]["exp_avg"] = m
                state[name, default: [:]]["exp_avg_sq"] = v
            }
        }
    }
}
