import Foundation
import Rendering
import XCTest
@testable import ImageFiles

/// Pictures read through libpng and libjpeg-turbo: the fixtures (made by Fixtures/make_fixtures.py,
/// which says what each holds) decode to what they hold, sizes are checked before pixels are
/// allocated, and damaged or foreign files are errors, never crashes.
final class ImageDecoderTests: XCTestCase {
    static let fixtures = String(#filePath.dropLast("ImageDecoderTests.swift".count)) + "Fixtures/"
    func fixture(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + name))) }
    func pixel(_ d: DecodedImage, _ x: Int, _ y: Int) -> [Int] { (0..<3).map { Int(d.rgb[(y * d.width + x) * 3 + $0]) } }

    func testAJPEGRampDecodesToItsLevels() throws {
        let d = try ImageDecoder.decode(try fixture("plain.jpg"))
        XCTAssertEqual([d.width, d.height], [16, 8])
        XCTAssertEqual(d.format, "JPEG")
        XCTAssertFalse(d.rotated)
        for x in 0..<16 { for c in pixel(d, x, 4) { XCTAssertEqual(Double(c), Double(16 * x), accuracy: 8, "x = \(x)") } }
    }

    func testAPhoneJPEGStandsUprightByItsEXIFOrientation() throws {
        let d = try ImageDecoder.decode(try fixture("sideways-exif6.jpg"))
        XCTAssertTrue(d.rotated)
        XCTAssertEqual([d.width, d.height], [20, 40], "stored 40×20, orientation 6: turned a quarter clockwise")
        let top = pixel(d, 10, 5), bottom = pixel(d, 10, 34)
        XCTAssertGreaterThan(top[0], 180); XCTAssertLessThan(top[2], 80)       // red on top
        XCTAssertGreaterThan(bottom[2], 180); XCTAssertLessThan(bottom[0], 80) // blue below
    }

    func testEveryOrientationTurnsAsEXIFSays() {
        // A 3×2 picture whose pixels are numbered 0…5 (in the red byte), row by row.
        let rgb: [UInt8] = (0..<6).flatMap { [UInt8($0), 0, 0] as [UInt8] }
        func turned(_ o: Int) -> [Int] {
            let t = ExifOrientation.apply(o, rgb: rgb, width: 3, height: 2)
            return stride(from: 0, to: t.rgb.count, by: 3).map { Int(t.rgb[$0]) }
        }
        // Stored:  0 1 2 / 3 4 5.  Each case: the upright picture, row by row.
        XCTAssertEqual(turned(1), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(turned(2), [2, 1, 0, 5, 4, 3])
        XCTAssertEqual(turned(3), [5, 4, 3, 2, 1, 0])
        XCTAssertEqual(turned(4), [3, 4, 5, 0, 1, 2])
        XCTAssertEqual(turned(5), [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(turned(6), [3, 0, 4, 1, 5, 2])
        XCTAssertEqual(turned(7), [5, 2, 4, 1, 3, 0])
        XCTAssertEqual(turned(8), [2, 5, 1, 4, 0, 3])
    }

    func testTransparencyIsCompositedOntoWhite() throws {
        let d = try ImageDecoder.decode(try fixture("transparent.png"))
        XCTAssertTrue(d.hadTransparency)
        XCTAssertEqual(pixel(d, 1, 1), [255, 255, 255])
        XCTAssertEqual(pixel(d, 6, 6), [0, 0, 0])
    }

    func testSixteenBitGreyAndTheKernelsOwnPNGs() throws {
        let g = try ImageDecoder.decode(try fixture("grey16.png"))
        XCTAssertEqual(pixel(g, 0, 0), [0, 0, 0])
        XCTAssertEqual(pixel(g, 3, 1), [255, 255, 255])
        var img = RGBAImage(width: 5, height: 3, fill: (10, 20, 30, 255))
        img.set(4, 2, (200, 100, 50, 255))
        let d = try ImageDecoder.decode(PNGEncoder.encode(img))
        XCTAssertEqual([d.width, d.height], [5, 3])
        XCTAssertEqual(pixel(d, 0, 0), [10, 20, 30])
        XCTAssertEqual(pixel(d, 4, 2), [200, 100, 50])
    }

    func testSizesAreCheckedBeforeThePixelsAreAllocated() throws {
        var asked: [Int] = []
        XCTAssertThrowsError(try ImageDecoder.decode(try fixture("huge-header.png")) { asked.append($0) }) { e in
            XCTAssertEqual(e as? ImageDecodeError, .tooLarge(width: 100_000, height: 100_000, limit: ImageDecoder.maxPixels))
        }
        XCTAssertEqual(asked, [], "refused before the budget is even asked")
        // The budget is asked for the pixels' bytes and can refuse.
        struct NoRoom: Error {}
        XCTAssertThrowsError(try ImageDecoder.decode(try fixture("plain.jpg")) { asked.append($0); throw NoRoom() }) { XCTAssertTrue($0 is NoRoom) }
        XCTAssertEqual(asked, [16 * 8 * 3 * 2])
    }

    func testForeignAndDamagedFilesAreErrorsThatSayWhy() throws {
        XCTAssertEqual(try? ImageDecoder.decode([]), nil)
        XCTAssertThrowsError(try ImageDecoder.decode(try fixture("tiny.gif"))) {
            XCTAssertEqual("\($0)", "a GIF is not a picture this kernel reads: save it as PNG or JPEG")
        }
        XCTAssertThrowsError(try ImageDecoder.decode(Array("hello, world".utf8))) {
            XCTAssertEqual("\($0)", "this file (neither PNG nor JPEG) is not a picture this kernel reads: save it as PNG or JPEG")
        }
        // A truncated JPEG: libjpeg-turbo warns and fills the rest, or refuses; either way no crash.
        do {
            let d = try ImageDecoder.decode(try fixture("truncated.jpg"))
            XCTAssertEqual([d.width, d.height], [64, 64])
        } catch let e as ImageDecodeError {
            guard case .corrupt(format: "JPEG", _) = e else { return XCTFail("\(e)") }
        }
    }

    /// Every prefix and thousands of random byte changes of each fixture: decoded or refused,
    /// never a crash or a hang.
    func testDamagedFilesNeverCrash() throws {
        var rng = SystemRandomNumberGenerator()
        var decoded = 0, refused = 0
        for name in ["plain.jpg", "sideways-exif6.jpg", "transparent.png", "grey16.png"] {
            let good = try fixture(name)
            var variants = (0..<good.count).map { Array(good.prefix($0)) }
            for _ in 0..<1500 {
                var b = good
                for _ in 0..<Int.random(in: 1...4, using: &rng) { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                variants.append(b)
            }
            for v in variants {
                if let d = try? ImageDecoder.decode(v) { XCTAssertEqual(d.rgb.count, d.width * d.height * 3); decoded += 1 } else { refused += 1 }
            }
        }
        XCTAssertGreaterThan(decoded, 0)
        XCTAssertGreaterThan(refused, 0)
    }
}
