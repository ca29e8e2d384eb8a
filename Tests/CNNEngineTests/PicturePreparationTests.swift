import CNNCore
@testable import CNNEngine
import XCTest

/// A learner's picture made into the data's shape: fitted (pad, crop, stretch), resampled with
/// an antialiasing filter, grey levels stretched and inverted when its background is the
/// opposite of the data's. Expected numbers follow from the pictures, worked out in comments.
final class PicturePreparationTests: XCTestCase {
    /// A width×height RGB picture, white, with `dark` pixels black.
    func picture(_ width: Int, _ height: Int, dark: (Int, Int) -> Bool) -> [UInt8] {
        (0..<(width * height)).flatMap { p -> [UInt8] in dark(p % width, p / width) ? [0, 0, 0] : [255, 255, 255] }
    }

    func testAWidePictureIsPaddedAboveAndBelowAndInvertedForDarkData() throws {
        // 56×28, white, with a black 28×28 square in the middle (x 14…41). Padded into 28×28 it is
        // scaled by 1/2 and lands in rows 7…20; the square covers columns 7…20 of those rows.
        let rgb = picture(56, 28) { x, _ in (14..<42).contains(x) }
        let r = try XCTUnwrap(PicturePreparation.prepare(rgb: rgb, width: 56, height: 28, channels: 1, rows: 28, cols: 28,
                                                          fit: .pad, invert: .auto, data: .init(background: 0.05, darkest: 0, brightest: 1)))
        XCTAssertTrue(r.inverted, "white paper, data on black: inverted")
        XCTAssertEqual(r.image.count, 28 * 28)
        func at(_ x: Int, _ y: Int) -> Int { Int(r.image[y * 28 + x]) }
        XCTAssertEqual(at(14, 14), 255, "the black square, inverted, is bright")
        XCTAssertEqual(at(2, 14), 0, "the white sides, inverted, are dark")
        XCTAssertEqual(at(14, 2), 0, "the padding has the border's colour (white, inverted: dark)")
        XCTAssertEqual(at(14, 25), 0)
        XCTAssertTrue(r.steps.contains { $0.hasPrefix("resized 56×28 → 28×28 (whole picture") }, "\(r.steps)")
        XCTAssertTrue(r.steps.contains { $0.hasPrefix("inverted: its background is light, the data's is dark") }, "\(r.steps)")
    }

    func testCropKeepsTheMiddleAndNoInvertWhenTheBackgroundsAgree() throws {
        // 56×28: left half black, right half white. Cropped to the middle 28×28 (x 14…41), so
        // the output's left half is black and its right half white.
        let rgb = picture(56, 28) { x, _ in x < 28 }
        let r = try XCTUnwrap(PicturePreparation.prepare(rgb: rgb, width: 56, height: 28, channels: 3, rows: 28, cols: 28,
                                                          fit: .crop, invert: .auto, data: .init(background: 0.5, darkest: 0, brightest: 1)))
        XCTAssertFalse(r.inverted)
        XCTAssertEqual(Array(r.image[(14 * 28 + 3) * 3..<(14 * 28 + 4) * 3]), [0, 0, 0])
        XCTAssertEqual(Array(r.image[(14 * 28 + 24) * 3..<(14 * 28 + 25) * 3]), [255, 255, 255])
        XCTAssertTrue(r.steps.contains("resized 56×28 → 28×28 (the middle 28×28)"), "\(r.steps)")
    }

    func testTheResampleAveragesWhatItShrinks() {
        // A 4×1 row 0, 1, 0, 1 halved. The filter is a triangle reaching two source pixels each
        // side (the reduction is 2). Output 0 is centred at 1.0; source centres 0.5, 1.5, 2.5 are
        // 0.5, 0.5, 1.5 away: weights 0.75, 0.75, 0.25, so (0·0.75 + 1·0.75 + 0·0.25) / 1.75 = 3/7.
        // Output 1 (centre 3.0): sources 1, 2, 3 weigh 0.25, 0.75, 0.75: (0.25 + 0.75) / 1.75 = 4/7.
        let row: [Double] = [0, 1, 0, 1]
        let out = PicturePreparation.resample({ p, _ in row[p] }, 4, 1, 1, region: (0, 0, 4, 1), to: 2, 1, shouldStop: { false })!
        XCTAssertEqual(out[0], 3.0 / 7, accuracy: 1e-9)
        XCTAssertEqual(out[1], 4.0 / 7, accuracy: 1e-9)
        // Weights of every output pixel sum to one, shrinking or growing.
        for (n, m) in [(1000, 28), (28, 28), (7, 28), (3, 1)] {
            for ws in PicturePreparation.weights(from: n, to: m, offset: 0) { XCTAssertEqual(ws.reduce(0) { $0 + $1.1 }, 1, accuracy: 1e-9) }
        }
    }

    func testGreyLevelsAreStretchedAndAStopIsHonoured() throws {
        // Grey 100 and 150 only: spread to the data's levels, 0 and 255 for full-range data, 0 and
        // 200 for data whose images reach 200 at most; left alone without data.
        let rgb = (0..<(10 * 10)).flatMap { p -> [UInt8] in p % 10 < 5 ? [100, 100, 100] : [150, 150, 150] }
        func prepared(_ look: PicturePreparation.DataLook?) throws -> PicturePreparation.Result {
            try XCTUnwrap(PicturePreparation.prepare(rgb: rgb, width: 10, height: 10, channels: 1, rows: 10, cols: 10, fit: .stretch, invert: .no, data: look))
        }
        var r = try prepared(.init(background: 0, darkest: 0, brightest: 1))
        XCTAssertEqual([r.image[0], r.image[9]], [0, 255])
        XCTAssertEqual(r.steps, ["grey levels spread as the data's are (100…150 → 0…255)"])
        r = try prepared(.init(background: 0, darkest: 0, brightest: 200.0 / 255))
        XCTAssertEqual([r.image[0], r.image[9]], [0, 200])
        r = try prepared(nil)
        XCTAssertEqual([r.image[0], r.image[9]], [100, 150])
        XCTAssertEqual(r.steps, [])
        XCTAssertNil(PicturePreparation.prepare(rgb: rgb, width: 10, height: 10, channels: 1, rows: 10, cols: 10,
                                                fit: .stretch, invert: .no, data: nil, shouldStop: { true }))
    }

    func testTheDataBackgroundIsTheBordersBrightness() {
        // Two 3×3 grey images: border pixels 0 in one and 255 in the other: the mean is one half.
        let a: [UInt8] = [0, 0, 0, 0, 99, 0, 0, 0, 0], b: [UInt8] = [255, 255, 255, 255, 7, 255, 255, 255, 255]
        let set = Dataset(name: "t", shape: .image(c: 1, h: 3, w: 3), classNames: ["x"], images: a + b, labels: [0, 0])
        XCTAssertEqual(set.borderBrightness()!, 0.5, accuracy: 1e-9)
        // Darkest levels 0 and 7, brightest 99 and 255: the medians (the upper of two) are 7 and 255.
        XCTAssertEqual(set.look(), .init(background: 0.5, darkest: 7.0 / 255, brightest: 1))
    }

    /// Rows first or columns first, the same picture (the order only changes the intermediate's
    /// size); a 4 × 200,000 picture, columns first, goes through without a large intermediate.
    func testBothOrdersOfTheResampleAgreeAndAVeryTallPictureFits() throws {
        let g = RandomSource(seed: 5)
        let v = (0..<(30 * 20 * 3)).map { _ in g.uniform() }
        let f: (Int, Int) -> Double = { p, k in v[p * 3 + k] }
        let a = PicturePreparation.resample(f, 30, 20, 3, region: (2, 1, 25, 17), to: 9, 7, rowsFirst: true, shouldStop: { false })!
        let b = PicturePreparation.resample(f, 30, 20, 3, region: (2, 1, 25, 17), to: 9, 7, rowsFirst: false, shouldStop: { false })!
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12) }
        let tall = [UInt8](repeating: 200, count: 4 * 200_000 * 3)
        let r = try XCTUnwrap(PicturePreparation.prepare(rgb: tall, width: 4, height: 200_000, channels: 1, rows: 28, cols: 28,
                                                          fit: .stretch, invert: .no, data: nil))
        XCTAssertEqual(r.image, [UInt8](repeating: 200, count: 28 * 28))
    }
}
