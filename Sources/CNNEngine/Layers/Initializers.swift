import CNNCore

/// Weight initialisation. He et al. 2015 (arXiv:1502.01852) for Kaiming, Glorot & Bengio 2010
/// for Xavier; `pytorch` reproduces torch.nn's defaults for conv and linear layers,
/// kaiming_uniform(a=√5), which is U(±1/√fan_in).
public enum Initializers {
    public static func fill(_ t: Tensor, scheme: InitScheme, fanIn: Int, fanOut: Int, rng: RandomSource) {
        switch scheme {
        case .pytorch: uniform(t, bound: 1 / Double(max(1, fanIn)).squareRoot(), rng: rng)
        case .kaimingNormalFanIn: normal(t, std: (2 / Double(max(1, fanIn))).squareRoot(), rng: rng)
        case .kaimingNormalFanOut: normal(t, std: (2 / Double(max(1, fanOut))).squareRoot(), rng: rng)
        case .xavierUniform: uniform(t, bound: (6 / Double(max(1, fanIn + fanOut))).squareRoot(), rng: rng)
        }
    }

    public static func uniform(_ t: Tensor, bound: Double, rng: RandomSource) {
        for i in 0..<t.count { t.data[i] = Float(rng.uniform(-bound, bound)) }
    }

    public static func normal(_ t: Tensor, std: Double, rng: RandomSource) {
        for i in 0..<t.count { t.data[i] = Float(rng.normal() * std) }
    }
}
