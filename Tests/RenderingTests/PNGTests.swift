import CZlib
import XCTest
@testable import Rendering

final class PNGTests: XCTestCase {
    /// Decodes our own PNG far enough to check the header, every chunk CRC, and the pixels
    /// (zlib's uncompress is the independent decoder of the deflate stream).
    func testEncodedPNGDecodesToTheSamePixels() throws {
        var img = RGBAImage(width: 3, height: 2, fill: (10, 20, 30, 255))
        img.set(2, 1, (255, 0, 0, 128))
        let png = PNGEncoder.encode(img)
        XCTAssertEqual(Array(png[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var pos = 8
        var idat: [UInt8] = []
        var types: [String] = []
        while pos < png.count {
            let len = Int(png[pos]) << 24 | Int(png[pos + 1]) << 16 | Int(png[pos + 2]) << 8 | Int(png[pos + 3])
            let type = String(decoding: png[(pos + 4)..<(pos + 8)], as: UTF8.self)
            let body = Array(png[(pos + 8)..<(pos + 8 + len)])
            let crcStored = png[(pos + 8 + len)..<(pos + 12 + len)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let crc = (Array(type.utf8) + body).withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            XCTAssertEqual(crc, crcStored, "CRC of \(type)")
            if type == "IHDR" { XCTAssertEqual(body, [0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]) }
            if type == "IDAT" { idat += body }
            types.append(type)
            pos += 12 + len
        }
        XCTAssertEqual(types, ["IHDR", "IDAT", "IEND"])
        var raw = [UInt8](repeating: 0, count: 2 * (1 + 3 * 4))
        var rawLen = uLongf(raw.count)
        XCTAssertEqual(uncompress(&raw, &rawLen, idat, uLong(idat.count)), Z_OK)
        XCTAssertEqual(Int(rawLen), raw.count)
        XCTAssertEqual(raw[0], 0)
        XCTAssertEqual(Array(raw[1..<5]), [10, 20, 30, 255])
        XCTAssertEqual(Array(raw[(13 + 1 + 8)..<(13 + 1 + 12)]), [255, 0, 0, 128])
    }

    func testLogoSizesAndSVG() {
        for size in [32, 64] {
            let png = Logo.png(size: size)
            XCTAssertEqual(Array(png[16..<24]), [0, 0, 0, UInt8(size), 0, 0, 0, UInt8(size)])
        }
        XCTAssertTrue(Logo.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    /// A canvas asked to be larger than 16,384 pixels a side or 2^25 pixels is cut to that.
    func testCanvasSizeIsBounded() {
        XCTAssertEqual(Canvas(width: 1_000_000, height: 10).width, 16_384)
        let tall = Canvas(width: 4096, height: 1_000_000)
        XCTAssertEqual(tall.height, (1 << 25) / 4096)
        XCTAssertEqual(Canvas(width: -5, height: 0).width, 1)
    }
}
