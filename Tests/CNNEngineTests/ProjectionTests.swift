import CNNCore
@testable import CNNEngine
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// PCA through the Gram matrix: points that lie in a plane of a 5-D space, along two orthogonal
/// directions with known spreads, come back as those two coordinates and their shares of the variance.
final class ProjectionTests: XCTestCase {
    func testTwoKnownDirectionsComeBack() throws {
        // Image i has a_i = ±2 (alternating) along u = (1, 1, 0, 0, 0)/√2 and b_i = ±1 (in pairs)
        // along v = (0, 0, 1, −1, 0)/√2, plus an offset (removed by centring). Σa·b = 0, so the
        // components are exactly a and b, with λ₁ = Σa² = 4n and λ₂ = Σb² = n: shares 0.8 and 0.2.
        let n = 40, d = 5
        let a = (0..<n).map { $0 % 2 == 0 ? 2.0 : -2.0 }, b = (0..<n).map { ($0 / 2) % 2 == 0 ? 1.0 : -1.0 }
        let h = 1 / 2.0.squareRoot()
        var x = [Float](repeating: 0, count: n * d)
        for i in 0..<n {
            let row = [a[i] * h + 3, a[i] * h - 1, b[i] * h + 0.5, -b[i] * h, 7]
            for j in 0..<d { x[i * d + j] = Float(row[j]) }
        }
        let r = try XCTUnwrap(PCA.project(x, rows: n, cols: d, components: 2))
        XCTAssertEqual(r.explained[0], 0.8, accuracy: 1e-5)
        XCTAssertEqual(r.explained[1], 0.2, accuracy: 1e-5)
        for i in 0..<n {
            XCTAssertEqual(abs(r.coordinates[i][0]), 2, accuracy: 1e-4)
            XCTAssertEqual(abs(r.coordinates[i][1]), 1, accuracy: 1e-4)
        }
        // One sign for all: a's alternation and b's pairs come back as patterns, not noise.
        let s0 = r.coordinates[0][0] / 2, s1 = r.coordinates[0][1]
        for i in 0..<n {
            XCTAssertEqual(r.coordinates[i][0], s0 * a[i], accuracy: 1e-4)
            XCTAssertEqual(r.coordinates[i][1], s1 * b[i], accuracy: 1e-4)
        }
        XCTAssertNil(PCA.project(x, rows: n, cols: d, shouldStop: { true }))
    }
}

/// t-SNE keeps neighbours together: three tight clusters far apart in 10-D come out as three
/// groups in which every point's nearest neighbour in the map is from its own cluster.
final class TSNETests: XCTestCase {
    func testClustersStayTogether() throws {
        let rng = RandomSource(seed: 3)
        let n = 60, d = 10
        var x = [Float](repeating: 0, count: n * d)
        for i in 0..<n { for j in 0..<d { x[i * d + j] = Float((j == i % 3 ? 10.0 : 0) + 0.3 * rng.normal()) } }
        let y = try XCTUnwrap(TSNE.embed(x, rows: n, cols: d, perplexity: 10, iterations: 400, rng: RandomSource(seed: 1)))
        XCTAssertEqual(y.count, n)
        for i in 0..<n {
            let nearest = (0..<n).filter { $0 != i }.min { a, b in
                let da = pow(y[a][0] - y[i][0], 2) + pow(y[a][1] - y[i][1], 2), db = pow(y[b][0] - y[i][0], 2) + pow(y[b][1] - y[i][1], 2)
                return da < db
            }!
            XCTAssertEqual(nearest % 3, i % 3, "point \(i)")
        }
        XCTAssertNil(TSNE.embed(x, rows: n, cols: d, rng: RandomSource(seed: 1), shouldStop: { true }))
    }
}
