import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// A deterministic synthetic set of ten kinds of simple shapes and textures, chosen by seed:
/// the default data when nothing is installed, and small enough to train on in seconds.
/// Each image varies in position, size, stroke, brightness, colour (3 channels) and noise.
public enum SyntheticShapes {
    public static let classNames = ["circle", "square", "triangle", "cross", "ring", "horizontal stripes",
                                    "vertical stripes", "diagonal", "checker", "dots"]

    /// The bytes `count` images take (what a caller checks against the memory budget first).
    public static func bytes(count: Int, size: Int, channels: Int) -> Int { count * (size * size * channels + 1) }

    public static func make(count: Int, size: Int = 28, channels: Int = 1, seed: UInt64 = 1) -> Dataset {
        make(count: count, size: size, channels: channels, seed: seed, shouldStop: { false })!
    }

    /// `count` images, or nil when `shouldStop` says so (it is asked every 64 images).
    public static func make(count: Int, size: Int = 28, channels: Int = 1, seed: UInt64 = 1,
                            shouldStop: () -> Bool) -> Dataset? {
        let rng = RandomSource(seed: seed)
        let per = size * size * channels
        var labels = [UInt8](repeating: 0, count: count)
        var stopped = false
        // Every byte of every image is written below: no zero-filling first (gigabytes for a
        // large request, before the first interrupt check).
        let store = PixelStore(count: count * per, zeroed: false) { pixels in
            for i in 0..<count {
                if i % 64 == 0 && shouldStop() { stopped = true; return }
                let label = i % 10
                labels[i] = UInt8(label)
                let s = Double(size)
                let cx = s * rng.uniform(0.35, 0.65), cy = s * rng.uniform(0.35, 0.65)
                let r = s * rng.uniform(0.18, 0.32)
                let stroke = s * rng.uniform(0.06, 0.11)
                let period = s * rng.uniform(0.16, 0.26)
                let phase = rng.uniform(0, period)
                let bright = rng.uniform(0.7, 1.0), background = rng.uniform(0.0, 0.2)
                let colour = (0..<3).map { _ in rng.uniform(0.4, 1.0) }
                for y in 0..<size {
                    for x in 0..<size {
                        let px = Double(x) + 0.5, py = Double(y) + 0.5
                        let dx = px - cx, dy = py - cy
                        let d = (dx * dx + dy * dy).squareRoot()
                        var on: Bool
                        switch label {
                        case 0: on = d <= r
                        case 1: on = abs(dx) <= r * 0.85 && abs(dy) <= r * 0.85
                        case 2: on = dy <= r * 0.8 && dy >= -r && abs(dx) <= (dy + r) * 0.6
                        case 3: on = (abs(dx) <= stroke && abs(dy) <= r) || (abs(dy) <= stroke && abs(dx) <= r)
                        case 4: on = abs(d - r) <= stroke
                        case 5: on = (py + phase).truncatingRemainder(dividingBy: period) < period / 2
                        case 6: on = (px + phase).truncatingRemainder(dividingBy: period) < period / 2
                        case 7: on = abs(dx - dy) <= stroke * 1.5
                        case 8: on = (Int((px + phase) / period) + Int((py + phase) / period)) % 2 == 0
                        default:
                            let gx = (px + phase).truncatingRemainder(dividingBy: period) - period / 2
                            let gy = (py + phase).truncatingRemainder(dividingBy: period) - period / 2
                            on = gx * gx + gy * gy <= (period * 0.22) * (period * 0.22)
                        }
                        let base = on ? bright : background
                        for c in 0..<channels {
                            let tint = channels == 3 ? (on ? colour[c] : 1.0) : 1.0
                            let v = base * tint + rng.normal() * 0.04
                            pixels[i * per + (y * size + x) * channels + c] = UInt8(max(0, min(255, (v * 255).rounded())))
                        }
                    }
                }
            }
        }
        if stopped { return nil }

        return Dataset(name: "shapes", shape: .image(c: channels, h: size, w: size), classNames: classNames, store: store, rows: nil, labels: labels)
    }
}
