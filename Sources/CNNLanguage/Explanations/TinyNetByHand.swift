#if canImport(Glibc)
import Glibc
#endif

/// The five steps of training (initialise, forward, loss, backward, update) for the smallest CNN
/// that has every kind of step: a 6×6 picture → conv (one 3×3 kernel, no padding) → ReLU →
/// 2×2 max pooling → flatten → linear (4 → 2) → softmax cross-entropy. Written out loop by loop
/// in Double, as a learner would compute it by hand; `explain byhand` prints every number and
/// checks them against the engine's own layers.
struct TinyNetByHand {
    typealias Grid = [[Double]]

    // Step 1: the weights.
    var kernel: Grid  // 3×3
    var convBias: Double
    var weights: Grid  // 2×4
    var bias: [Double]  // 2

    // Step 2: forward.
    let x: Grid  // 6×6
    let label: Int
    private(set) var z: Grid = []  // 4×4, x ⋆ kernel + convBias
    private(set) var a: Grid = []  // 4×4, relu(z)
    private(set) var m: Grid = []  // 2×2, max of each 2×2 window of a
    private(set) var winners: [[(Int, Int)]] = []  // where each max came from, in a
    private(set) var v: [Double] = []  // 4, m row by row
    private(set) var s: [Double] = []  // 2, weights·v + bias
    private(set) var p: [Double] = []  // 2, softmax(s)
    // Step 3: the loss.
    private(set) var loss = 0.0
    // Step 4: backward, each δ from the one after it.
    private(set) var ds: [Double] = []  // ∂L/∂s = p − y
    private(set) var dWeights: Grid = []  // ∂L/∂W = ds·vᵀ
    private(set) var dBias: [Double] = []  // ∂L/∂bias = ds
    private(set) var dv: [Double] = []  // Wᵀ·ds
    private(set) var dm: Grid = []  // dv as 2×2
    private(set) var da: Grid = []  // dm routed to the winners
    private(set) var dz: Grid = []  // da where z > 0
    private(set) var dKernel: Grid = []  // x correlated with dz
    private(set) var dConvBias = 0.0  // Σ dz
    private(set) var dx: Grid = []  // dz fully convolved with the flipped kernel

    /// The two pictures: a T (class 0) and an L (class 1), ink 1 on paper 0.
    static let pictures: [Grid] = [
        [[1, 1, 1, 1, 1, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0]],
        [[0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]],
    ]
    static let classNames = ["T", "L"]

    /// PyTorch's default initialisation, U(−1/√fan_in, 1/√fan_in) (fan_in 9 for the kernel, 4 for
    /// the linear layer), each value rounded to one decimal so that the arithmetic can be followed.
    init(picture: Int, uniform: () -> Double) {
        x = Self.pictures[picture]
        label = picture
        func draw(_ bound: Double) -> Double { ((uniform() * 2 - 1) * bound * 10).rounded() / 10 }
        kernel = (0..<3).map { _ in (0..<3).map { _ in draw(1 / 3) } }
        convBias = draw(1 / 3)
        weights = (0..<2).map { _ in (0..<4).map { _ in draw(1 / 2) } }
        bias = (0..<2).map { _ in draw(1 / 2) }
    }

    mutating func forward() {
        z = (0..<4).map { r in (0..<4).map { c in
            var sum = convBias
            for i in 0..<3 { for j in 0..<3 { sum += x[r + i][c + j] * kernel[i][j] } }
            return sum
        } }
        a = z.map { $0.map { max(0, $0) } }
        winners = (0..<2).map { r in (0..<2).map { c in
            // The first of equal values wins, as the engine's max pooling does.
            var best = (2 * r, 2 * c)
            for i in 0..<2 { for j in 0..<2 where a[2 * r + i][2 * c + j] > a[best.0][best.1] { best = (2 * r + i, 2 * c + j) } }
            return best
        } }
        m = winners.map { $0.map { a[$0.0][$0.1] } }
        v = m.flatMap { $0 }
        s = (0..<2).map { k in bias[k] + (0..<4).reduce(0) { $0 + weights[k][$1] * v[$1] } }
        let top = s.max()!
        let e = s.map { exp($0 - top) }
        p = e.map { $0 / e.reduce(0, +) }
        loss = -log(p[label])
    }

    mutating func backward() {
        ds = p.enumerated().map { $0.element - ($0.offset == label ? 1 : 0) }
        dWeights = (0..<2).map { k in v.map { ds[k] * $0 } }
        dBias = ds
        dv = (0..<4).map { i in (0..<2).reduce(0) { $0 + weights[$1][i] * ds[$1] } }
        dm = [[dv[0], dv[1]], [dv[2], dv[3]]]
        da = Array(repeating: Array(repeating: 0, count: 4), count: 4)
        for r in 0..<2 { for c in 0..<2 { da[winners[r][c].0][winners[r][c].1] += dm[r][c] } }
        dz = (0..<4).map { r in (0..<4).map { c in z[r][c] > 0 ? da[r][c] : 0 } }
        dKernel = (0..<3).map { i in (0..<3).map { j in
            var sum = 0.0
            for r in 0..<4 { for c in 0..<4 { sum += dz[r][c] * x[r + i][c + j] } }
            return sum
        } }
        dConvBias = dz.flatMap { $0 }.reduce(0, +)
        // dx[y][x] = Σ dz[r][c]·kernel[y − r][x − c]: dz padded by 2 and convolved with the kernel
        // turned 180°, written here as the sum it is.
        dx = (0..<6).map { y in (0..<6).map { xx in
            var sum = 0.0
            for r in 0..<4 { for c in 0..<4 where (0..<3).contains(y - r) && (0..<3).contains(xx - c) {
                sum += dz[r][c] * kernel[y - r][xx - c]
            } }
            return sum
        } }
    }

    /// Step 5: plain gradient descent.
    mutating func update(learningRate lr: Double) {
        for i in 0..<3 { for j in 0..<3 { kernel[i][j] -= lr * dKernel[i][j] } }
        convBias -= lr * dConvBias
        for k in 0..<2 { for i in 0..<4 { weights[k][i] -= lr * dWeights[k][i] } }
        for k in 0..<2 { bias[k] -= lr * dBias[k] }
    }
}
