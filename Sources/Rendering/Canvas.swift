/// Drawing on an RGBA raster: rectangles, lines, text in the embedded font, and scaled
/// blits of colour-mapped matrices. Everything a PNG output of the kernel is made of.
public struct Color: Equatable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) { self.r = r; self.g = g; self.b = b; self.a = a }
    public static let white = Color(255, 255, 255)
    public static let black = Color(0, 0, 0)
    public static let text = Color(34, 34, 34)
    public static let muted = Color(110, 110, 110)
    public static let grid = Color(225, 225, 225)
    public static let good = Color(26, 133, 64)
    public static let bad = Color(200, 40, 40)
    /// Tableau-like series colours, distinguishable and colour-blind friendly enough for a few lines.
    public static let series = [Color(31, 119, 180), Color(255, 127, 14), Color(44, 160, 44), Color(214, 39, 40), Color(148, 103, 189), Color(140, 86, 75), Color(227, 119, 194), Color(127, 127, 127)]
    public var hex: String {
        let d = Array("0123456789abcdef")
        return "#" + String([d[Int(r >> 4)], d[Int(r & 15)], d[Int(g >> 4)], d[Int(g & 15)], d[Int(b >> 4)], d[Int(b & 15)]])
    }
}

public struct Canvas: Sendable {
    public private(set) var image: RGBAImage
    public var width: Int { image.width }
    public var height: Int { image.height }

    /// The largest side and area of a canvas (16,384 pixels; 2^25 pixels, 128 MB of RGBA): a
    /// larger request is cut to them, and what falls outside is not drawn. Views cap what they
    /// show well below this; the bound is for whatever a hostile model makes them compute.
    public static let maxSide = 16_384
    public static let maxPixels = 1 << 25

    public init(width: Int, height: Int, background: Color = .white) {
        let w = min(Self.maxSide, max(1, width))
        let h = min(Self.maxSide, max(1, height), Self.maxPixels / w)
        image = RGBAImage(width: w, height: h, fill: (background.r, background.g, background.b, background.a))
    }

    public func png() -> [UInt8] { PNGEncoder.encode(image) }

    /// Alpha-blends `c` with weight `alpha` (0…1) onto pixel (x, y).
    public mutating func blend(_ x: Int, _ y: Int, _ c: Color, _ alpha: Double) {
        guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
        let a = min(1, alpha) * Double(c.a) / 255
        let i = 4 * (y * width + x)
        image.pixels[i] = UInt8((Double(image.pixels[i]) * (1 - a) + Double(c.r) * a).rounded())
        image.pixels[i + 1] = UInt8((Double(image.pixels[i + 1]) * (1 - a) + Double(c.g) * a).rounded())
        image.pixels[i + 2] = UInt8((Double(image.pixels[i + 2]) * (1 - a) + Double(c.b) * a).rounded())
        image.pixels[i + 3] = 255
    }

    public mutating func fill(x: Int, y: Int, w: Int, h: Int, _ c: Color) {
        image.fillRect(x: x, y: y, w: w, h: h, (c.r, c.g, c.b, c.a))
    }

    /// Width in pixels of `text` in the embedded font.
    public static func textWidth(_ text: String) -> Int {
        Font.scalars(text).reduce(0) { $0 + Font.glyph($1).advance }
    }
    public static var lineHeight: Int { FontData.height }

    /// Draws `text` with its top-left corner at (x, y); returns the width drawn.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, _ c: Color = .text) -> Int {
        var cx = x
        for s in Font.scalars(text) {
            let g = Font.glyph(s)
            for row in 0..<FontData.height {
                for col in 0..<g.width {
                    let cov = g.coverage[row * g.width + col]
                    if cov > 0 { blend(cx + col, y + row, c, Double(cov) / 255) }
                }
            }
            cx += g.advance
        }
        return cx - x
    }

    /// Text centred on x.
    public mutating func centeredText(_ t: String, x: Int, y: Int, _ c: Color = .text) {
        text(t, x: x - Canvas.textWidth(t) / 2, y: y, c)
    }

    /// A matrix of values in 0…1 drawn through a colour map, each value a `scale`×`scale` square.
    public mutating func heatmap(_ values: [Double], rows: Int, cols: Int, x: Int, y: Int, scale: Int, map: Colormap) {
        for r in 0..<rows {
            for c in 0..<cols {
                fill(x: x + c * scale, y: y + r * scale, w: scale, h: scale, map.color(values[r * cols + c]))
            }
        }
    }

    /// An RGB (or grey) image with values 0…1, channels-last, scaled up by `scale`.
    public mutating func picture(_ values: [Double], channels: Int, rows: Int, cols: Int, x: Int, y: Int, scale: Int) {
        for r in 0..<rows {
            for c in 0..<cols {
                let i = (r * cols + c) * channels
                let col: Color
                if channels >= 3 {
                    col = Color(byte(values[i]), byte(values[i + 1]), byte(values[i + 2]))
                } else {
                    let v = byte(values[i])
                    col = Color(v, v, v)
                }
                fill(x: x + c * scale, y: y + r * scale, w: scale, h: scale, col)
            }
        }
    }

    func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
}

/// The embedded font (see FontData.swift): glyphs decoded once.
enum Font {
    struct Glyph {
        var advance: Int
        var width: Int
        var coverage: [UInt8]
    }
    static let table: [Glyph] = FontData.glyphs.map { a, w, d in Glyph(advance: a, width: w, coverage: decodeBase64(d)) }

    /// The scalars drawn for `text`: the font is ASCII and Latin-1, so an arrow and an ellipsis are spelt out
    /// ("->", "...") rather than drawn as "?" and ".".
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for s in text.unicodeScalars {
            switch s {
            case "→": out += ["-", ">"]
            case "←": out += ["<", "-"]
            case "…": out += [".", ".", "."]
            default: out.append(s)
            }
        }
        return out
    }

    static func glyph(_ s: Unicode.Scalar) -> Glyph {
        let v = Int(s.value)
        if v >= 32 && v <= 126 { return table[v - 32] }
        // Latin-1 follows ASCII in the table: Portuguese labels keep their accents.
        if v >= 160 && v <= 255, table.count == 95 + 96 { return table[95 + v - 160] }
        switch s {
        case "–", "—", "−": return table[Int(("-" as Unicode.Scalar).value) - 32]
        default: return table[Int(("?" as Unicode.Scalar).value) - 32]
        }
    }

    static func decodeBase64(_ s: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var table = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = i }
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for c in s.utf8 where c != 61 {
            buffer = buffer << 6 | table[Int(c)]
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> bits & 255))
            }
        }
        return out
    }
}

/// Colour maps: viridis (perceptual, for activations), a diverging blue-white-red (for weights
/// and gradients, centred on zero), magma (for heat overlays) and grey.
public enum Colormap: Sendable {
    case viridis, diverging, magma, grey

    public func color(_ v: Double) -> Color {
        let t = v.isFinite ? max(0, min(1, v)) : 0
        let i = Int((t * 255).rounded())
        let table: [UInt8]
        switch self {
        case .viridis: table = ColormapData.viridis
        case .diverging: table = ColormapData.diverging
        case .magma: table = ColormapData.magma
        case .grey:
            let g = UInt8(i)
            return Color(g, g, g)
        }
        return Color(table[3 * i], table[3 * i + 1], table[3 * i + 2])
    }
}
