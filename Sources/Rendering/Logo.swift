/// The kernel's logo: a 3×3 kernel (orange) sliding over a feature map grid (blue),
/// drawn at any size so the 32 and 64 pixel PNGs are crisp, and the same picture as SVG.
public enum Logo {
    static let background: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    static let cell: (UInt8, UInt8, UInt8, UInt8) = (47, 109, 181, 255)
    static let kernel: (UInt8, UInt8, UInt8, UInt8) = (242, 142, 43, 255)

    /// 5×5 grid of cells; the kernel covers the top-left 3×3 block.
    public static func png(size: Int) -> [UInt8] {
        var img = RGBAImage(width: size, height: size, fill: background)
        let pitch = Double(size) / 5.0
        let gap = max(1, Int((pitch * 0.18).rounded()))
        for r in 0..<5 {
            for c in 0..<5 {
                let x0 = Int((Double(c) * pitch).rounded()), y0 = Int((Double(r) * pitch).rounded())
                let x1 = Int((Double(c + 1) * pitch).rounded()), y1 = Int((Double(r + 1) * pitch).rounded())
                let color = (r < 3 && c < 3) ? kernel : cell
                img.fillRect(x: x0, y: y0, w: x1 - x0 - gap, h: y1 - y0 - gap, color)
            }
        }
        return PNGEncoder.encode(img)
    }

    public static var svg: String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 50 50\">"
        for r in 0..<5 {
            for c in 0..<5 {
                let fill = (r < 3 && c < 3) ? "#f28e2b" : "#2f6db5"
                s += "<rect x=\"\(c * 10)\" y=\"\(r * 10)\" width=\"8\" height=\"8\" fill=\"\(fill)\"/>"
            }
        }
        return s + "</svg>\n"
    }
}
