import CNNCore

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
