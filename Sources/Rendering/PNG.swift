import CZlib

/// An 8-bit RGBA raster, row-major, top row first.
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8, UInt8) = (255, 255, 255, 255)) {
        precondition(width > 0 && height > 0, "an image needs a positive size")
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 4)
        for i in 0..<(width * height) {
            pixels[4 * i] = fill.0
            pixels[4 * i + 1] = fill.1
            pixels[4 * i + 2] = fill.2
            pixels[4 * i + 3] = fill.3
        }
    }

    public mutating func set(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 4 * (y * width + x)
        pixels[i] = c.0
        pixels[i + 1] = c.1
        pixels[i + 2] = c.2
        pixels[i + 3] = c.3
    }

    public mutating func fillRect(x: Int, y: Int, w: Int, h: Int, _ c: (UInt8, UInt8, UInt8, UInt8)) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { set(xx, yy, c) }
        }
    }
}

/// PNG encoding (RFC 2083) with zlib doing the deflate.
public enum PNGEncoder {
    public static func encode(_ image: RGBAImage) -> [UInt8] {
        // Each scanline: filter byte 0 (none) then the RGBA bytes.
        let stride = image.width * 4
        var raw = [UInt8](repeating: 0, count: (stride + 1) * image.height)
        for y in 0..<image.height {
            let dst = y * (stride + 1)
            raw[dst] = 0
            raw.withUnsafeMutableBufferPointer { r in
                image.pixels.withUnsafeBufferPointer { p in
                    (r.baseAddress! + dst + 1).update(from: p.baseAddress! + y * stride, count: stride)
                }
            }
        }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr += be32(UInt32(image.width))
        ihdr += be32(UInt32(image.height))
        ihdr += [8, 6, 0, 0, 0]  // 8 bits, RGBA, deflate, no filter method extras, no interlace
        chunk("IHDR", ihdr, into: &out)
        chunk("IDAT", deflate(raw), into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var destLen = compressBound(uLong(data.count))
        var dest = [UInt8](repeating: 0, count: Int(destLen))
        let rc = data.withUnsafeBufferPointer { src in
            compress2(&dest, &destLen, src.baseAddress, uLong(data.count), 6)
        }
        precondition(rc == Z_OK, "zlib compress2 failed with \(rc)")
        return Array(dest[0..<Int(destLen)])
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        out += be32(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        out += typeBytes
        out += data
        var c = crc32(0, nil, 0)
        c = typeBytes.withUnsafeBufferPointer { crc32(c, $0.baseAddress, uInt(4)) }
        c = data.withUnsafeBufferPointer { crc32(c, $0.baseAddress, uInt(data.count)) }
        out += be32(UInt32(c))
    }
}
