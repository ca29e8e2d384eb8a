import CPNG
import CTurboJPEG

/// A decoded picture: 8-bit sRGB, three bytes a pixel, rows top to bottom.
public struct DecodedImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let rgb: [UInt8]
    /// "PNG" or "JPEG".
    public let format: String
    /// The file had transparency (composited onto white, as a page shows it).
    public let hadTransparency: Bool
    /// The JPEG's EXIF orientation was applied (a phone photo taken sideways stands upright).
    public let rotated: Bool

    public init(width: Int, height: Int, rgb: [UInt8], format: String, hadTransparency: Bool = false, rotated: Bool = false) {
        precondition(rgb.count == width * height * 3, "three bytes a pixel")
        self.width = width
        self.height = height
        self.rgb = rgb
        self.format = format
        self.hadTransparency = hadTransparency
        self.rotated = rotated
    }
}

public enum ImageDecodeError: Error, CustomStringConvertible, Equatable {
    case empty
    case unsupported(String)
    case tooLarge(width: Int, height: Int, limit: Int)
    case fileTooLarge(bytes: Int, limit: Int)
    case corrupt(format: String, reason: String)

    public var description: String {
        switch self {
        case .empty: return "the file is empty"
        case .unsupported(let what): return "\(what) is not a picture this kernel reads: save it as PNG or JPEG"
        case .tooLarge(let w, let h, let limit): return "the picture is \(w)×\(h) pixels, more than the \(limit / 1_000_000) million this kernel decodes"
        case .fileTooLarge(let n, let limit): return "the file has \(n) bytes, more than the \(limit >> 20) MB this kernel reads as a picture"
        case .corrupt(let f, let reason): return "the \(f) file is damaged or not what its header says: \(reason)"
        }
    }
}

/// Decodes PNG (libpng's simplified API) and JPEG (libjpeg-turbo's TurboJPEG API). Both report
/// errors by return value, never by longjmp across Swift frames. The header is read first and the
/// size checked before any pixel memory is given out, so a small hostile file cannot ask for
/// gigabytes.
public enum ImageDecoder {
    /// At most this many pixels (8,000 × 6,000 is 48 million; a phone photo is 12).
    public static let maxPixels = 50_000_000
    public static let maxFileBytes = 32 << 20

    /// `allow` is asked, with the bytes the pixels need, once the header is read and before they
    /// are allocated (a memory budget can refuse by throwing).
    public static func decode(_ bytes: [UInt8], allow: (Int) throws -> Void = { _ in }) throws -> DecodedImage {
        guard !bytes.isEmpty else { throw ImageDecodeError.empty }
        guard bytes.count <= maxFileBytes else { throw ImageDecodeError.fileTooLarge(bytes: bytes.count, limit: maxFileBytes) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return try decodePNG(bytes, allow) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return try decodeJPEG(bytes, allow) }
        throw ImageDecodeError.unsupported(sniff(bytes))
    }

    /// What a file that is neither PNG nor JPEG seems to be, for the message.
    static func sniff(_ b: [UInt8]) -> String {
        func starts(_ s: String) -> Bool { b.starts(with: Array(s.utf8)) }
        if starts("GIF8") { return "a GIF" }
        if starts("RIFF") && b.count >= 12 && Array(b[8..<12]) == Array("WEBP".utf8) { return "a WebP" }
        if starts("BM") { return "a BMP" }
        if b.count >= 12 && Array(b[4..<12]) == Array("ftypheic".utf8) || b.count >= 12 && Array(b[4..<12]) == Array("ftypmif1".utf8) { return "a HEIC" }
        if starts("<svg") || starts("<?xml") { return "an SVG" }
        if starts("%PDF") { return "a PDF" }
        return "this file (neither PNG nor JPEG)"
    }

    static func checkSize(_ w: Int, _ h: Int, _ format: String) throws {
        guard w > 0, h > 0 else { throw ImageDecodeError.corrupt(format: format, reason: "a size of \(w)×\(h)") }
        guard w <= maxPixels, h <= maxPixels, w * h <= maxPixels else { throw ImageDecodeError.tooLarge(width: w, height: h, limit: maxPixels) }
    }

    // MARK: PNG

    static func decodePNG(_ bytes: [UInt8], _ allow: (Int) throws -> Void) throws -> DecodedImage {
        var image = png_image()
        var alpha = false
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        func failure() -> ImageDecodeError {
            let message = withUnsafeBytes(of: image.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return .corrupt(format: "PNG", reason: message.isEmpty ? "libpng refused it" : message)
        }
        // libpng keeps the pointer from begin_read and reads through it in finish_read: both
        // calls happen inside one closure, while the bytes are pinned.
        var rgb: [UInt8] = []
        try bytes.withUnsafeBytes { memory in
            guard png_image_begin_read_from_memory(&image, memory.baseAddress, memory.count) != 0 else { throw failure() }
            let w = Int(image.width), h = Int(image.height)
            try checkSize(w, h, "PNG")
            try allow(w * h * 3)
            alpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
            image.format = UInt32(PNG_FORMAT_FLAG_COLOR)  // RGB, 8 bits: alpha composited onto the background below
            var white = png_color(red: 255, green: 255, blue: 255)
            rgb = [UInt8](repeating: 0, count: w * h * 3)
            let done = rgb.withUnsafeMutableBytes { out in png_image_finish_read(&image, &white, out.baseAddress, Int32(w * 3), nil) }
            guard done != 0 else { throw failure() }
        }
        let w = Int(image.width), h = Int(image.height)
        return DecodedImage(width: w, height: h, rgb: rgb, format: "PNG", hadTransparency: alpha)
    }

    // MARK: JPEG

    static func decodeJPEG(_ bytes: [UInt8], _ allow: (Int) throws -> Void) throws -> DecodedImage {
        guard let handle = tjInitDecompress() else { throw ImageDecodeError.corrupt(format: "JPEG", reason: "the decoder could not start") }
        defer { tjDestroy(handle) }
        func failure() -> ImageDecodeError {
            .corrupt(format: "JPEG", reason: tjGetErrorStr2(handle).map { String(cString: $0) } ?? "libjpeg-turbo refused it")
        }
        var w: Int32 = 0, h: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let header = bytes.withUnsafeBufferPointer { tjDecompressHeader3(handle, $0.baseAddress, UInt($0.count), &w, &h, &subsampling, &colorspace) }
        guard header == 0 else { throw failure() }
        try checkSize(Int(w), Int(h), "JPEG")
        try allow(Int(w) * Int(h) * 3 * 2)  // the pixels, and their turned copy
        var rgb = [UInt8](repeating: 0, count: Int(w) * Int(h) * 3)
        // LIMITSCANS: a progressive file with thousands of scans is refused, not decoded for minutes.
        let flags = Int32(TJFLAG_ACCURATEDCT | TJFLAG_LIMITSCANS)
        let status = bytes.withUnsafeBufferPointer { src in
            rgb.withUnsafeMutableBufferPointer { dst in
                tjDecompress2(handle, src.baseAddress, UInt(src.count), dst.baseAddress, w, 0, h, Int32(TJPF_RGB.rawValue), flags)
            }
        }
        // A warning (a truncated file, say) still leaves a picture; an error does not.
        if status != 0 && tjGetErrorCode(handle) != Int32(TJERR_WARNING.rawValue) { throw failure() }
        let orientation = ExifOrientation.read(bytes)
        let upright = ExifOrientation.apply(orientation, rgb: rgb, width: Int(w), height: Int(h))
        return DecodedImage(width: upright.width, height: upright.height, rgb: upright.rgb, format: "JPEG", rotated: orientation > 1)
    }
}
