import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// Principal component analysis of a layer's activations, for the embedding projector: the
/// directions along which the images' activations vary most, and each image's coordinates on
/// them. Computed through the Gram matrix XXᵀ of the centred rows (n images × d features): it
/// is n×n whatever d is (a convolution's output has thousands of features), its eigenvectors u
/// give the coordinates u·√λ, and λ / trace is the share of the variance each explains.
public enum PCA {
    public struct Result: Sendable {
        /// n rows of `components` coordinates.
        public var coordinates: [[Double]]
        /// The share of the total variance along each component (0…1).
        public var explained: [Double]
        public init(coordinates: [[Double]], explained: [Double]) {
            self.coordinates = coordinates
            self.explained = explained
        }
    }

    /// Nil when `shouldStop` says so (asked at every power iteration).
    public static func project(_ x: [Float], rows n: Int, cols d: Int, components k: Int = 2, iterations: Int = 300,
                               shouldStop: () -> Bool = { false }) -> Result? {
        precondition(x.count == n * d && n >= 1 && d >= 1 && k >= 1)
        // Centre the columns.
        var centred = x
        for j in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += Double(x[i * d + j]) }
            mean /= Double(n)
            for i in 0..<n { centred[i * d + j] = Float(Double(x[i * d + j]) - mean) }
        }
        var gram = [Float](repeating: 0, count: n * n)
        centred.withUnsafeBufferPointer { a in
            gram.withUnsafeMutableBufferPointer { c in
                GEMM.sgemm(transA: false, transB: true, m: n, n: n, k: d, a: a.baseAddress!, lda: d, b: a.baseAddress!, ldb: d, c: c.baseAddress!, ldc: n)
            }
        }
        var m = gram.map(Double.init)
        let trace = (0..<n).reduce(0.0) { $0 + m[$1 * n + $1] }
        var coordinates = [[Double]](repeating: [Double](repeating: 0, count: k), count: n)
        var explained: [Double] = []
        let rng = RandomSource(seed: 1)
        for comp in 0..<min(k, n) {
            // Power iteration for the largest eigenpair, then deflation: M ← M − λ u uᵀ.
            var u = (0..<n).map { _ in rng.uniform() - 0.5 }
            var lambda = 0.0
            for _ in 0..<iterations {
                if shouldStop() { return nil }
                var next = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<n { s += m[i * n + j] * u[j] }
                    next[i] = s
                }
                let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 1e-30 else { lambda = 0; break }
                let change = zip(next, u).reduce(0) { $0 + abs($1.0 / norm - $1.1) }
                u = next.map { $0 / norm }
                lambda = norm
                if change < 1e-10 { break }
            }
            // A sign convention, so the picture does not flip from run to run.
            if let big = u.indices.max(by: { abs(u[$0]) < abs(u[$1]) }), u[big] < 0 { u = u.map { -$0 } }
            explained.append(trace > 0 ? lambda / trace : 0)
            let scale = lambda.squareRoot()
            for i in 0..<n { coordinates[i][comp] = u[i] * scale }
            for i in 0..<n { for j in 0..<n { m[i * n + j] -= lambda * u[i] * u[j] } }
        }
        while explained.count < k { explained.append(0) }
        return Result(coordinates: coordinates, explained: explained)
    }
}

/// t-SNE (van der Maaten & Hinton 2008, JMLR 9): a 2-D map in which images whose activations are
/// near neighbours stay near, whatever the distances at large. Exact (O(n²) a step, for the few
/// hundred images a projector shows): Gaussian affinities with a per-point width found by bisection
/// to the given perplexity, a Student-t kernel in the map, 100 steps of early exaggeration (×12),
/// then gradient descent with momentum and per-coordinate gains, as the paper's reference code.
public enum TSNE {
    /// Nil when `shouldStop` says so (asked at every step).
    public static func embed(_ x: [Float], rows n: Int, cols d: Int, perplexity: Double = 30, iterations: Int = 500,
                             rng: RandomSource, shouldStop: () -> Bool = { false }) -> [[Double]]? {
        precondition(x.count == n * d && n >= 2 && d >= 1)
        // Squared distances from the Gram matrix: |a − b|² = |a|² + |b|² − 2a·b.
        var gram = [Float](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { a in
            gram.withUnsafeMutableBufferPointer { c in
                GEMM.sgemm(transA: false, transB: true, m: n, n: n, k: d, a: a.baseAddress!, lda: d, b: a.baseAddress!, ldb: d, c: c.baseAddress!, ldc: n)
            }
        }
        var dist = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { dist[i * n + j] = max(0, Double(gram[i * n + i]) + Double(gram[j * n + j]) - 2 * Double(gram[i * n + j])) } }
        // Each row's Gaussian width: the entropy of P(·|i) equal to log(perplexity).
        let target = log(min(perplexity, Double(n - 1) / 3).clamped(to: 1...Double(max(1, n - 1))))
        var p = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            if shouldStop() { return nil }
            var lo = 0.0, hi = Double.infinity, beta = 1.0
            let row = (0..<n).map { dist[i * n + $0] }
            let scale = (row.filter { $0 > 0 }.min() ?? 1)
            for _ in 0..<60 {
                var sum = 0.0, weighted = 0.0
                for j in 0..<n where j != i {
                    let e = exp(-(row[j] - scale) * beta)
                    sum += e
                    weighted += row[j] * e
                }
                guard sum > 0 else { beta /= 2; continue }
                let entropy = log(sum) + beta * (weighted / sum - scale)
                if abs(entropy - target) < 1e-5 { break }
                if entropy > target { lo = beta; beta = hi.isInfinite ? beta * 2 : (beta + hi) / 2 } else { hi = beta; beta = (beta + lo) / 2 }
            }
            var sum = 0.0
            for j in 0..<n where j != i { p[i * n + j] = exp(-(row[j] - scale) * beta); sum += p[i * n + j] }
            for j in 0..<n where j != i { p[i * n + j] = sum > 0 ? p[i * n + j] / sum : 0 }
        }
        // Symmetric joint probabilities.
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { let v = max(1e-12, (p[i * n + j] + p[j * n + i]) / Double(2 * n)); p[i * n + j] = v; p[j * n + i] = v } }
        var y = (0..<n).map { _ in [1e-2 * rng.normal(), 1e-2 * rng.normal()] }
        var velocity = [[Double]](repeating: [0, 0], count: n), gains = [[Double]](repeating: [1, 1], count: n)
        let rate = max(50.0, Double(n) / 12)
        var num = [Double](repeating: 0, count: n * n)
        for step in 0..<iterations {
            if shouldStop() { return nil }
            let exaggeration = step < 100 ? 12.0 : 1.0, momentum = step < 250 ? 0.5 : 0.8
            var z = 0.0
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    let dx = y[i][0] - y[j][0], dy = y[i][1] - y[j][1]
                    let q = 1 / (1 + dx * dx + dy * dy)
                    num[i * n + j] = q; num[j * n + i] = q
                    z += 2 * q
                }
            }
            for i in 0..<n {
                var g = [0.0, 0.0]
                for j in 0..<n where j != i {
                    let q = num[i * n + j]
                    let m = (exaggeration * p[i * n + j] - q / z) * q
                    g[0] += 4 * m * (y[i][0] - y[j][0])
                    g[1] += 4 * m * (y[i][1] - y[j][1])
                }
                for k in 0..<2 {
                    gains[i][k] = (g[k] > 0) != (velocity[i][k] > 0) ? gains[i][k] + 0.2 : max(0.01, gains[i][k] * 0.8)
                    velocity[i][k] = momentum * velocity[i][k] - rate * gains[i][k] * g[k]
                }
            }
            for i in 0..<n { y[i][0] += velocity[i][0]; y[i][1] += velocity[i][1] }
        }
        return y
    }
}

private extension Double {
    func clamped(to r: ClosedRange<Double>) -> Double { min(r.upperBound, max(r.lowerBound, self)) }
}
