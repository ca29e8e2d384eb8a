import CNNCore
import XCTest
@testable import CNNEngine

/// Dataset.shifted moves every image by whole pixels and fills what comes in with 0. The
/// expected images are written out by hand from the 2-channel 3×3 image below (channels last:
/// pixel (r, c) holds the pair 10·(3r + c) + 1, 10·(3r + c) + 2).
final class ShiftedImagesTests: XCTestCase {
    let set: Dataset = {
        var pixels: [UInt8] = []
        for p in 0..<9 { pixels += [UInt8(10 * p + 1), UInt8(10 * p + 2)] }
        return Dataset(name: "t", shape: .image(c: 2, h: 3, w: 3), classNames: ["a"], images: pixels, labels: [0])
    }()

    func testAShiftMovesRowsAndColumnsAndFillsWithZero() {
        // One row down, one column right: row 0 and column 0 are new (0); the rest is the old
        // top-left 2×2 block.
        XCTAssertEqual(set.shifted(dy: 1, dx: 1)!.imagesCopy(), [0, 0, 0, 0, 0, 0,
                                                            0, 0, 1, 2, 11, 12,
                                                            0, 0, 31, 32, 41, 42])
        // One column left: column 2 is new.
        XCTAssertEqual(set.shifted(dy: 0, dx: -1)!.imagesCopy(), [11, 12, 21, 22, 0, 0,
                                                             41, 42, 51, 52, 0, 0,
                                                             71, 72, 81, 82, 0, 0])
        XCTAssertEqual(set.shifted(dy: 0, dx: 0)!.imagesCopy(), set.imagesCopy())
        XCTAssertEqual(set.shifted(dy: 3, dx: 0)!.imagesCopy(), [UInt8](repeating: 0, count: 18), "shifted out entirely")
        XCTAssertEqual(set.shifted(dy: -5, dx: 7)!.labels, [0], "labels stay")
        XCTAssertNil(set.shifted(dy: 1, dx: 0, shouldStop: { true }), "an interrupt stops the copy")
    }
}
