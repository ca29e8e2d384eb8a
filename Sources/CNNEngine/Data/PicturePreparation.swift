import CNNCore

/// A picture of any size made into one input of a data set's shape, the way the data's own
/// images were made: the data's channels (grey as luma), the whole picture fitted into the
/// data's size with an antialiased resample, grey levels stretched to the full range (as the
/// MNIST-style sets are), and inverted when its background is the opposite of the data's (a
/// dark drawing on white paper, for a set of light things on black).
public enum PicturePreparation {
    public enum Fit: String, CaseIterable, Sendable {
        /// The whole picture, scaled to fit, the rest filled with its border's colour.
        case pad
        /// The middle of the picture, as much as has the data's proportions.
        case crop
        /// The whole picture, squeezed to the data's proportions.
        case stretch
    }

    public enum Invert: String, CaseIterable, Sendable { case auto, yes, no }

    /// How the data's images look, which a picture is made to match.
    public struct DataLook: Sendable, Equatable {
        /// The mean brightness (0…1) of the images' outermost pixels: their background.
        public var background: Double
        /// The typical darkest and brightest levels of one image (medians over the images, 0…1).
        public var darkest: Double, brightest: Double
        public init(background: Double, darkest: Double, brightest: Double) {
            self.background = background
            self.darkest = darkest
            self.brightest = brightest
        }
    }

    public struct Result: Sendable {
        /// Bytes 0–255, channels-last, of the data's shape (as `Dataset.image(_:)` gives them).
        public let image: [UInt8]
        public let inverted: Bool
        /// What was done, in order, for the learner ("resized 640×480 → 28×28 (pad)").
        public let steps: [String]
    }

    /// Nil when `shouldStop` says so (asked every row).
    public static func prepare(rgb: [UInt8], width: Int, height: Int, channels c: Int, rows h: Int, cols w: Int,
                               fit: Fit, invert: Invert, data look: DataLook?, shouldStop: () -> Bool = { false }) -> Result? {
        precondition(c == 1 || c == 3, "a picture becomes 1 or 3 channels")
        precondition(rgb.count == width * height * 3 && width > 0 && height > 0 && h > 0 && w > 0)
        var steps: [String] = []
        // Channel k of pixel p as a number 0…1 (grey: luma), read from the bytes as needed: a
        // copy of a 50-megapixel picture in doubles would be 1.2 GB.
        func luma(_ p: Int) -> Double {
            let r = 0.299 * Double(rgb[3 * p]), g = 0.587 * Double(rgb[3 * p + 1]), b = 0.114 * Double(rgb[3 * p + 2])
            return (r + g + b) / 255
        }
        let value: (Int, Int) -> Double = c == 1 ? { p, _ in luma(p) } : { p, k in Double(rgb[3 * p + k]) / 255 }
        var colourful = false
        for p in 0..<(width * height) where rgb[3 * p] != rgb[3 * p + 1] || rgb[3 * p] != rgb[3 * p + 2] {
            colourful = true
            break
        }
        if c == 1 && colourful { steps.append(tr("made grey (luma), as the data are")) }
        let background = borderMedian(value, width, height, c)

        // Which part of the picture goes where in the output.
        var region = (x: 0, y: 0, w: width, h: height)      // source rectangle
        var target = (x: 0, y: 0, w: w, h: h)                // where it lands in the output
        switch fit {
        case .stretch: break
        case .crop:
            if width * h > height * w {
                let cw = max(1, height * w / h)
                region = ((width - cw) / 2, 0, cw, height)
            } else {
                let ch = max(1, width * h / w)
                region = (0, (height - ch) / 2, width, ch)
            }
        case .pad:
            if width * h > height * w {
                let th = max(1, (height * w + width / 2) / width)
                target = (0, (h - th) / 2, w, th)
            } else {
                let tw = max(1, (width * h + height / 2) / height)
                target = ((w - tw) / 2, 0, tw, h)
            }
        }
        guard let resized = resample(value, width, height, c, region: region, to: target.w, target.h, shouldStop: shouldStop) else { return nil }
        var out = [Double](repeating: 0, count: w * h * c)
        for y in 0..<h { for x in 0..<w { for k in 0..<c { out[(y * w + x) * c + k] = background[k] } } }
        for y in 0..<target.h {
            for x in 0..<target.w {
                for k in 0..<c { out[((target.y + y) * w + target.x + x) * c + k] = resized[(y * target.w + x) * c + k] }
            }
        }
        let how = fit == .pad && (target.w < w || target.h < h) ? tr(" (whole picture, the sides filled with its border's colour)")
            : fit == .crop && (region.w < width || region.h < height) ? tr(" (the middle \(region.w)×\(region.h))") : fit == .stretch && width * h != height * w ? " (squeezed)" : ""
        if width != w || height != h || !how.isEmpty { steps.append("resized \(width)×\(height) → \(w)×\(h)\(how)") }

        let pictureBorder = borderMedian({ out[$0 * c + $1] }, w, h, c).reduce(0, +) / Double(c)
        let flip: Bool
        switch invert {
        case .yes: flip = true
        case .no: flip = false
        case .auto: flip = look.map { abs(pictureBorder - $0.background) > 0.5 } ?? false
        }
        if flip {
            out = out.map { 1 - $0 }
            steps.append(invert == .yes ? "inverted (invert=yes)"
                : (pictureBorder > 0.5 ? tr("inverted: its background is light, the data's is dark (invert=no keeps it)")
                    : tr("inverted: its background is dark, the data's is light (invert=no keeps it)")))
        }
        // Grey data: the picture's levels spread as one of the data's images spreads them (a photo
        // of a pencil sketch is grey on grey; a Fashion-MNIST image goes from black to white).
        if c == 1, let look {
            let lo = out.min() ?? 0, hi = out.max() ?? 1
            if hi - lo > 1e-6 && (abs(lo - look.darkest) > 0.02 || abs(hi - look.brightest) > 0.02) {
                out = out.map { look.darkest + ($0 - lo) / (hi - lo) * (look.brightest - look.darkest) }
                func level(_ v: Double) -> Int { Int((v * 255).rounded()) }
                steps.append(tr("grey levels spread as the data's are (\(level(lo))…\(level(hi)) → \(level(look.darkest))…\(level(look.brightest)))"))
            }
        }
        return Result(image: out.map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }, inverted: flip, steps: steps)
    }

    /// The median of the outermost pixels, per channel: the picture's background.
    static func borderMedian(_ v: (Int, Int) -> Double, _ width: Int, _ height: Int, _ c: Int) -> [Double] {
        var border: [Int] = []
        for x in 0..<width { border.append(x); border.append((height - 1) * width + x) }
        for y in 0..<height { border.append(y * width); border.append(y * width + width - 1) }
        return (0..<c).map { k in
            let s = border.map { v($0, k) }.sorted()
            return s[s.count / 2]
        }
    }

    /// An antialiased (triangle filter widened by the reduction, as PIL's bilinear) resample of
    /// `region` of the picture to `dw`×`dh`, one axis then the other. The axis that leaves the
    /// smaller intermediate goes first: a 50 × 1,000,000 picture, rows first, would need a 224 MB
    /// intermediate; columns first, 11 KB.
    static func resample(_ src: (Int, Int) -> Double, _ width: Int, _ height: Int, _ c: Int, region r: (x: Int, y: Int, w: Int, h: Int),
                         to dw: Int, _ dh: Int, rowsFirst: Bool? = nil, shouldStop: () -> Bool) -> [Double]? {
        let wx = weights(from: r.w, to: dw, offset: r.x), wy = weights(from: r.h, to: dh, offset: r.y)
        var out = [Double](repeating: 0, count: dw * dh * c)
        if rowsFirst ?? (r.h * dw <= dh * r.w) {
            // Rows first: r.h × dw, then columns.
            var rows = [Double](repeating: 0, count: r.h * dw * c)
            for y in 0..<r.h {
                if shouldStop() { return nil }
                let row = (r.y + y) * width
                for x in 0..<dw { for (j, weight) in wx[x] { for k in 0..<c { rows[(y * dw + x) * c + k] += weight * src(row + j, k) } } }
            }
            for y in 0..<dh {
                if shouldStop() { return nil }
                for (j, weight) in wy[y] {
                    let from = (j - r.y) * dw * c, to = y * dw * c
                    for i in 0..<(dw * c) { out[to + i] += weight * rows[from + i] }
                }
            }
        } else {
            // Columns first: dh × r.w, then rows.
            var columns = [Double](repeating: 0, count: dh * r.w * c)
            for y in 0..<dh {
                if shouldStop() { return nil }
                for (j, weight) in wy[y] {
                    for x in 0..<r.w { for k in 0..<c { columns[(y * r.w + x) * c + k] += weight * src(j * width + r.x + x, k) } }
                }
            }
            for y in 0..<dh {
                if shouldStop() { return nil }
                for x in 0..<dw { for (j, weight) in wx[x] { for k in 0..<c { out[(y * dw + x) * c + k] += weight * columns[(y * r.w + j - r.x) * c + k] } } }
            }
        }
        return out
    }

    /// For each output index, the source indices (offset added) and their normalised weights.
    static func weights(from n: Int, to m: Int, offset: Int) -> [[(Int, Double)]] {
        let scale = Double(n) / Double(m)
        let support = max(1, scale)
        return (0..<m).map { i in
            let centre = (Double(i) + 0.5) * scale
            let lo = max(0, Int((centre - support).rounded(.down))), hi = min(n - 1, Int((centre + support).rounded(.up)))
            var ws: [(Int, Double)] = []
            for j in lo...max(lo, hi) {
                let t = max(0, 1 - abs((Double(j) + 0.5 - centre) / support))
                if t > 0 { ws.append((j + offset, t)) }
            }
            if ws.isEmpty { ws = [(min(n - 1, Int(centre)) + offset, 1)] }
            let total = ws.reduce(0) { $0 + $1.1 }
            return ws.map { ($0.0, $0.1 / total) }
        }
    }
}

extension Dataset {
    /// How up to `limit` of the images look: their background and their typical range of levels.
    public func look(limit: Int = 500) -> PicturePreparation.DataLook? {
        guard let background = borderBrightness(limit: limit) else { return nil }
        var darkest: [UInt8] = [], brightest: [UInt8] = []
        for i in 0..<min(count, limit) {
            let image = self.image(i)
            darkest.append(image.min() ?? 0)
            brightest.append(image.max() ?? 255)
        }
        darkest.sort(); brightest.sort()
        return .init(background: background, darkest: Double(darkest[darkest.count / 2]) / 255, brightest: Double(brightest[brightest.count / 2]) / 255)
    }

    /// The mean brightness (0…1) of the outermost pixels of up to `limit` images: the data's
    /// background, which a picture's is compared with to decide whether to invert it.
    public func borderBrightness(limit: Int = 500) -> Double? {
        guard case .image(let c, let h, let w) = shape, count > 0, h > 1, w > 1 else { return nil }
        var sum = 0.0, n = 0
        for i in 0..<min(count, limit) {
            let pixels = image(i)
            for x in 0..<w {
                for y in [0, h - 1] { for k in 0..<c { sum += Double(pixels[(y * w + x) * c + k]); n += 1 } }
            }
            for y in 1..<(h - 1) {
                for x in [0, w - 1] { for k in 0..<c { sum += Double(pixels[(y * w + x) * c + k]); n += 1 } }
            }
        }
        return n > 0 ? sum / Double(n) / 255 : nil
    }
}
