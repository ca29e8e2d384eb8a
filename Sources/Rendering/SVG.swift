#if canImport(Glibc)
import Glibc
#endif
/// A small SVG writer: elements with attributes, text escaped, so the output is well-formed XML.
public struct SVG: Sendable {
    public let width: Int
    public let height: Int
    var body: [String] = []

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    public mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        var s = "<\(name)"
        for (k, v) in attributes { s += " \(k)=\"\(SVG.escape(v))\"" }
        if let text { s += ">\(SVG.escape(text))</\(name)>" } else { s += "/>" }
        body.append(s)
    }

    public mutating func rect(x: Double, y: Double, w: Double, h: Double, fill: String, stroke: String? = nil, title: String? = nil, rx: Double = 0) {
        var a = [("x", SVG.number(x)), ("y", SVG.number(y)), ("width", SVG.number(w)), ("height", SVG.number(h)), ("fill", fill)]
        if rx > 0 { a.append(("rx", SVG.number(rx))) }
        if let stroke { a.append(("stroke", stroke)) }
        if let title {
            var s = "<rect"
            for (k, v) in a { s += " \(k)=\"\(SVG.escape(v))\"" }
            body.append(s + "><title>\(SVG.escape(title))</title></rect>")
        } else {
            element("rect", a)
        }
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var a = [("x1", SVG.number(x1)), ("y1", SVG.number(y1)), ("x2", SVG.number(x2)), ("y2", SVG.number(y2)), ("stroke", stroke), ("stroke-width", SVG.number(width))]
        if let dash { a.append(("stroke-dasharray", dash)) }
        element("line", a)
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil) {
        guard !points.isEmpty else { return }
        var a = [("points", points.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ")), ("fill", "none"), ("stroke", stroke), ("stroke-width", SVG.number(width)), ("stroke-linejoin", "round")]
        if let dash { a.append(("stroke-dasharray", dash)) }
        element("polyline", a)
    }

    public mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String) {
        element("circle", [("cx", SVG.number(x)), ("cy", SVG.number(y)), ("r", SVG.number(r)), ("fill", fill)])
    }

    public mutating func path(_ d: String, stroke: String, width: Double = 1.5, fill: String = "none", marker: Bool = false) {
        var a = [("d", d), ("fill", fill), ("stroke", stroke), ("stroke-width", SVG.number(width))]
        if marker { a.append(("marker-end", "url(#arrow)")) }
        element("path", a)
    }

    public mutating func text(_ t: String, x: Double, y: Double, size: Double = 11, anchor: String = "start", fill: String = "#222", weight: String? = nil, rotate: Double? = nil) {
        var a = [("x", SVG.number(x)), ("y", SVG.number(y)), ("font-size", SVG.number(size)), ("text-anchor", anchor), ("fill", fill)]
        if let weight { a.append(("font-weight", weight)) }
        if let rotate { a.append(("transform", "rotate(\(SVG.number(rotate)) \(SVG.number(x)) \(SVG.number(y)))")) }
        element("text", a, text: t)
    }

    public var document: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">"
            + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>" + body.joined() + "</svg>"
    }
}

/// "Nice" tick values covering lo…hi (1, 2, 5 × 10ⁿ steps).
public func niceTicks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
    guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
    let raw = (hi - lo) / Double(max(1, count))
    // A range only a few units in the last place wide (values equal but for rounding) has steps
    // that k·step cannot count: k + 1 == k past 2^53, and the loop below would never end.
    guard raw > max(lo.magnitude, hi.magnitude) * 1e-12, raw.isNormal else { return [lo, hi] }
    var p = 1.0
    while p * 10 <= raw { p *= 10 }
    while p > raw { p /= 10 }
    let step = [1.0, 2, 5, 10].map { $0 * p }.first { $0 >= raw } ?? 10 * p
    // Multiples of the step, rounded to the step's precision so 3 × 0.2 prints as 0.6.
    let digits = max(0.0, -((step.magnitude).squareRoot() > 0 ? (log10Approx(step)).rounded(.down) : 0)) + 2
    var scale = 1.0
    for _ in 0..<Int(digits) { scale *= 10 }
    var k = (lo / step).rounded(.up)
    var out: [Double] = []
    while k * step <= hi + step * 1e-9 && out.count <= 4 * count + 10 {
        let t = (k * step * scale).rounded() / scale
        out.append(t == 0 ? 0 : t)
        k += 1
    }
    return out
}

func log10Approx(_ v: Double) -> Double {
    var e = 0.0
    var m = v
    while m >= 10 { m /= 10; e += 1 }
    while m < 1 { m *= 10; e -= 1 }
    return e
}

public func tickLabel(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
    let a = abs(v)
    if a >= 0.01 && a < 1e6 {
        var s = String((v * 1000).rounded() / 1000)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
    var e = 0
    var m = a
    while m >= 10 { m /= 10; e += 1 }
    while m < 1 { m *= 10; e -= 1 }
    return "\(v < 0 ? "-" : "")\((m * 10).rounded() / 10)e\(e)"
}

/// A line chart as SVG: axes with ticks, axis labels, a title and a legend.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(Double, Double)]
        public var dashed: Bool
        public var markers: Bool
        public init(name: String, points: [(Double, Double)], dashed: Bool = false, markers: Bool = false) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.markers = markers
        }
    }
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var width = 640
    public var height = 320
    /// A logarithmic y axis (y > 0), ticked at powers of ten (gradient norms across layers).
    public var logY = false
    /// A logarithmic x axis (x > 0), ticked at powers of ten (a learning-rate range test).
    public var logX = false
    /// Vertical lines at these x values, labelled (a suggested learning rate).
    public var marks: [(x: Double, label: String)] = []
    /// Series colour index (series with equal colour keys share a colour, e.g. a model's train and validation curves).
    public var colorKeys: [Int]? = nil

    public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    public var svg: String {
        var s = SVG(width: width, height: height)
        let left = 62.0, right = 16.0, top = 30.0
        // Legend entries in rows that fit the width (a long legend was cut at the edge).
        var legendPlaces: [(x: Double, row: Int)] = []
        var legendX = left, row = 0
        for ser in series {
            let w = 30 + Double(Canvas.textWidth(ser.name))
            if legendX + w > Double(width) - 8 && legendX > left { legendX = left; row += 1 }
            legendPlaces.append((legendX, row))
            legendX += w
        }
        let legendRows = series.isEmpty ? 0 : row + 1
        let bottom = 44.0 + Double(legendRows) * 16
        let pw = Double(width) - left - right, ph = Double(height) - top - bottom
        // On a log axis the chart works in log10(x) throughout.
        let fx: (Double) -> Double = logX ? { $0 > 0 ? log10($0) : -.infinity } : { $0 }
        let fy: (Double) -> Double = logY ? { $0 > 0 ? log10($0) : -.infinity } : { $0 }
        let pts = series.flatMap(\.points).map { (fx($0.0), fy($0.1)) }.filter { $0.0.isFinite && $0.1.isFinite }
        var x0 = pts.map(\.0).min() ?? 0, x1 = pts.map(\.0).max() ?? 1
        var y0 = pts.map(\.1).min() ?? 0, y1 = pts.map(\.1).max() ?? 1
        if x1 <= x0 { x1 = x0 + 1 }
        // Values equal but for rounding are drawn as a flat line in the middle.
        if y1 - y0 <= max(y0.magnitude, y1.magnitude) * 1e-9 {
            let d = max(0.5, max(y0.magnitude, y1.magnitude) * 0.05)
            y0 -= d; y1 += d
        }
        let pad = (y1 - y0) * 0.05
        y0 -= pad; y1 += pad
        if !logX && x0 > 0 && x0 < (x1 - x0) * 0.2 { x0 = 0 }
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * pw }
        func py(_ y: Double) -> Double { top + ph - (y - y0) / (y1 - y0) * ph }
        s.text(title, x: left, y: 18, size: 13, weight: "bold")
        // A log axis spanning less than two decades is ticked like a linear one, labelled with the values.
        let decades = logY ? Array(stride(from: y0.rounded(.up), through: y1, by: max(1, ((y1 - y0) / 6).rounded(.up)))) : []
        for t in decades.count >= 2 ? decades : niceTicks(y0, y1) {
            s.line(left, py(t), left + pw, py(t), stroke: "#e4e4e4")
            let label = !logY ? tickLabel(t) : decades.count >= 2 ? "1e\(Int(t))" : tickLabel(pow(10, t))
            s.text(label, x: left - 6, y: py(t) + 4, size: 10, anchor: "end", fill: "#555")
        }
        let xTicks = logX ? Array(stride(from: x0.rounded(.up), through: x1, by: max(1, ((x1 - x0) / 8).rounded(.up)))) : niceTicks(x0, x1, count: 8)
        for t in xTicks {
            s.line(px(t), top + ph, px(t), top + ph + 4, stroke: "#888")
            s.text(logX ? "1e\(Int(t))" : tickLabel(t), x: px(t), y: top + ph + 16, size: 10, anchor: "middle", fill: "#555")
        }
        // Each label on a line of its own, on the side of its mark with more room.
        for (i, m) in marks.enumerated() where fx(m.x).isFinite {
            let x = px(fx(m.x))
            s.line(x, top, x, top + ph, stroke: "#c62828", width: 1.2, dash: "4,3")
            let right = x > left + pw * 0.7
            s.text(m.label, x: right ? x - 4 : x + 4, y: top + 12 + 14 * Double(i), size: 10, anchor: right ? "end" : "start", fill: "#c62828")
        }
        s.line(left, top + ph, left + pw, top + ph, stroke: "#888")
        s.line(left, top, left, top + ph, stroke: "#888")
        s.text(xLabel, x: left + pw / 2, y: top + ph + 32, size: 11, anchor: "middle", fill: "#333")
        s.text(yLabel, x: 14, y: top + ph / 2, size: 11, anchor: "middle", fill: "#333", rotate: -90)
        for (i, ser) in series.enumerated() {
            let color = Color.series[(colorKeys?[i] ?? i) % Color.series.count].hex
            let p = ser.points.map { (fx($0.0), fy($0.1)) }.filter { $0.0.isFinite && $0.1.isFinite }.map { (px($0.0), py($0.1)) }
            s.polyline(p, stroke: color, width: ser.dashed ? 2 : 1.5, dash: ser.dashed ? "5,3" : nil)
            if ser.markers { for q in p { s.circle(q.0, q.1, r: 2.5, fill: color) } }
            let (lx, ly) = (legendPlaces[i].x, Double(height) - 10 - Double(legendRows - 1 - legendPlaces[i].row) * 16)
            s.line(lx, ly - 4, lx + 18, ly - 4, stroke: color, width: 2, dash: ser.dashed ? "5,3" : nil)
            s.text(ser.name, x: lx + 22, y: ly, size: 10, fill: "#333")
        }
        return s.document
    }
}
