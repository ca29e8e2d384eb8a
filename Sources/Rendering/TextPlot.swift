/// Plots for a terminal (jupyter console shows only text/plain): lines drawn with Unicode
/// braille dots (2×4 per character), and matrices as shaded characters.
public enum TextPlot {
    /// A braille line chart `width`×`height` characters with the y range on the left.
    public static func lines(_ series: [(name: String, points: [(Double, Double)])], width: Int = 60, height: Int = 12, title: String = "") -> String {
        let pts = series.flatMap(\.points).filter { $0.0.isFinite && $0.1.isFinite }
        guard !pts.isEmpty else { return title + "\n(no data yet)\n" }
        var x0 = pts.map(\.0).min()!, x1 = pts.map(\.0).max()!
        var y0 = pts.map(\.1).min()!, y1 = pts.map(\.1).max()!
        if x1 <= x0 { x1 = x0 + 1 }
        // Values equal but for rounding (a constant learning rate) are a flat line, not a cliff.
        if y1 - y0 <= max(y0.magnitude, y1.magnitude) * 1e-9 {
            let d = max(0.5, max(y0.magnitude, y1.magnitude) * 0.05)
            y0 -= d; y1 += d
        }
        let dw = width * 2, dh = height * 4
        var dots = [[Bool]](repeating: [Bool](repeating: false, count: dw), count: dh)
        var marks = [[Character?]](repeating: [Character?](repeating: nil, count: width), count: height)
        let symbols: [Character] = ["●", "○", "■", "□", "▲", "△"]
        for (si, s) in series.enumerated() {
            let p = s.points.filter { $0.0.isFinite && $0.1.isFinite }.map { (Int(($0.0 - x0) / (x1 - x0) * Double(dw - 1)), Int((y1 - $0.1) / (y1 - y0) * Double(dh - 1))) }
            for i in 1..<max(2, p.count) where i < p.count { plotSegment(&dots, p[i - 1], p[i]) }
            // Every series after the first (and a lone point) is told apart by its symbol, placed
            // at up to eight points along it, beside another series' mark rather than over it.
            guard p.count == 1 || series.count > 1 && si > 0 else { continue }
            let every = max(1, p.count / 8)
            for (k, (x, y)) in p.enumerated() where k % every == 0 || k == p.count - 1 {
                let row = y / 4
                if let col = [x / 2, x / 2 + 1, x / 2 - 1].first(where: { $0 >= 0 && $0 < width && marks[row][$0] == nil }) {
                    marks[row][col] = symbols[si % symbols.count]
                }
            }
        }
        var out = title.isEmpty ? "" : title + "\n"
        let labels = [tickLabel(y1), tickLabel((y0 + y1) / 2), tickLabel(y0)]
        let lw = labels.map(\.count).max()!
        for row in 0..<height {
            var label = ""
            if row == 0 { label = labels[0] } else if row == height / 2 { label = labels[1] } else if row == height - 1 { label = labels[2] }
            out += String(repeating: " ", count: lw - label.count) + label + " ┤"
            for col in 0..<width {
                if let m = marks[row][col] { out.append(m); continue }
                var code = 0x2800
                let bits = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]
                for (dx, dy, b) in bits where dots[row * 4 + dy][col * 2 + dx] { code |= b }
                out.unicodeScalars.append(Unicode.Scalar(code)!)
            }
            out += "\n"
        }
        out += String(repeating: " ", count: lw + 1) + "└" + String(repeating: "─", count: width) + "\n"
        let xl = tickLabel(x0), xr = tickLabel(x1)
        out += String(repeating: " ", count: lw + 2) + xl + String(repeating: " ", count: max(1, width - xl.count - xr.count)) + xr + "\n"
        if series.count > 1 {
            out += String(repeating: " ", count: lw + 2) + series.enumerated().map { i, s in (i == 0 ? "⠤⠤" : String(symbols[i % symbols.count])) + " " + s.name }.joined(separator: "   ") + "\n"
        }
        return out
    }

    static func plotSegment(_ dots: inout [[Bool]], _ a: (Int, Int), _ b: (Int, Int)) {
        let n = max(abs(b.0 - a.0), abs(b.1 - a.1), 1)
        for i in 0...n {
            let x = a.0 + (b.0 - a.0) * i / n, y = a.1 + (b.1 - a.1) * i / n
            if y >= 0 && y < dots.count && x >= 0 && x < dots[0].count { dots[y][x] = true }
        }
    }

    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    /// A matrix with values 0…1 as shaded characters, two per cell so it looks square.
    public static func shaded(_ values: [Double], rows: Int, cols: Int) -> String {
        var out = ""
        for r in 0..<rows {
            for c in 0..<cols {
                let v = values[r * cols + c]
                let ch = shades[max(0, min(4, Int((v.isFinite ? v : 0) * 4.999)))]
                out.append(ch)
                out.append(ch)
            }
            out += "\n"
        }
        return out
    }
}
