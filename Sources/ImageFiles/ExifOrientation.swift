/// The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in the APP1 "Exif" segment): phones store
/// a photo as the sensor saw it and say in this tag how to turn it upright. libjpeg-turbo does not
/// read it, so a portrait photo would reach the model lying on its side.
///
/// The tag is a few bytes at a known place; every offset is checked against the segment's end,
/// and the search stops at the first scan or after 64 KB.
enum ExifOrientation {
    /// 1…8 as EXIF defines it (1: upright), 1 when absent or unreadable.
    static func read(_ b: [UInt8]) -> Int {
        var i = 2
        let end = min(b.count, 1 << 16)
        while i + 4 <= end, b[i] == 0xFF {
            let marker = b[i + 1]
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard marker != 0xDA, length >= 2, i + 2 + length <= b.count else { return 1 }
            if marker == 0xE1, length >= 16, Array(b[(i + 4)..<(i + 10)]) == Array("Exif\0\0".utf8) {
                return tiffOrientation(Array(b[(i + 10)..<(i + 2 + length)]))
            }
            i += 2 + length
        }
        return 1
    }

    static func tiffOrientation(_ t: [UInt8]) -> Int {
        guard t.count >= 8 else { return 1 }
        let little: Bool
        switch (t[0], t[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return 1
        }
        func u16(_ o: Int) -> Int? {
            guard o >= 0, o + 2 <= t.count else { return nil }
            return little ? Int(t[o]) | Int(t[o + 1]) << 8 : Int(t[o]) << 8 | Int(t[o + 1])
        }
        func u32(_ o: Int) -> Int? {
            guard let a = u16(o), let b = u16(o + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard let ifd = u32(4), let count = u16(ifd) else { return 1 }
        for k in 0..<min(count, 512) {
            let e = ifd + 2 + 12 * k
            guard let tag = u16(e) else { return 1 }
            if tag == 0x0112, u16(e + 2) == 3, let v = u16(e + 8), (1...8).contains(v) { return v }
        }
        return 1
    }

    /// The pixels turned as `orientation` asks (RGB, three bytes a pixel).
    static func apply(_ orientation: Int, rgb: [UInt8], width w: Int, height h: Int) -> (rgb: [UInt8], width: Int, height: Int) {
        guard (2...8).contains(orientation) else { return (rgb, w, h) }
        let swaps = orientation >= 5
        let dw = swaps ? h : w, dh = swaps ? w : h
        // For each pixel of the upright picture, where it is in the stored one.
        let source: (Int, Int) -> (Int, Int)
        switch orientation {
        case 2: source = { x, y in (w - 1 - x, y) }
        case 3: source = { x, y in (w - 1 - x, h - 1 - y) }
        case 4: source = { x, y in (x, h - 1 - y) }
        case 5: source = { x, y in (y, x) }
        case 6: source = { x, y in (y, h - 1 - x) }
        case 7: source = { x, y in (w - 1 - y, h - 1 - x) }
        default: source = { x, y in (w - 1 - y, x) }
        }
        var out = [UInt8](repeating: 0, count: rgb.count)
        for y in 0..<dh {
            for x in 0..<dw {
                let (sx, sy) = source(x, y)
                let s = (sy * w + sx) * 3, d = (y * dw + x) * 3
                out[d] = rgb[s]; out[d + 1] = rgb[s + 1]; out[d + 2] = rgb[s + 2]
            }
        }
        return (out, dw, dh)
    }
}
