@testable import CNNEngine
import XCTest

/// The element-wise loops' eight-lane bodies and scalar tails agree element for element, NaN
/// included: where a range splits between threads is not a multiple of 8, so any element may
/// fall in either part. Thirteen elements put index 3 in a body and index 11 in a tail.
final class VectorizedTests: XCTestCase {
    let x: [Float] = [1, -2, 0, .nan, 3, -0.5, 2, -1, 4, -3, 0, .nan, -4]
    let other: [Float] = [0.5, 1, -1, 1, -4, 0.25, -3, 0.5, -4, 1, 2, 0, 1]

    func same(_ a: [Float], _ b: [Float], _ what: String) {
        XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), what)
    }

    func testReLUForwardBackwardAndFusedSumTreatABodyAndATailAlike() {
        var y = [Float](repeating: 7, count: 13), dx = y, sum = y
        let dy = (0..<13).map { Float($0) + 1 }
        Vec.relu(x, &y, 13)
        Vec.reluBackward(x, dy, &dx, 13)
        Vec.addThenReLU(x, other, &sum, 13)
        let relu: (Float) -> Float = { $0 < 0 ? 0 : $0 }
        same(y, x.map(relu), "relu")
        same(dx, zip(x, dy).map { $0 <= 0 ? 0 : $1 }, "relu backward")
        same(sum, zip(x, other).map { relu($0 + $1) }, "sum then relu")
        XCTAssertTrue(y[3].isNaN && y[11].isNaN, "a NaN passes a ReLU in the body and in the tail")
        XCTAssertEqual([dx[3], dx[11]], [4, 12], "and so does its gradient")
    }
}
