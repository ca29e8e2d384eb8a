import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// Data augmentation applied to training batches.
///   flip         – horizontal flip with probability ½
///   crop(p)      – pad by p zeros on each side, then a random crop back to the original size
///   resizedcrop  – a random area of 80–100% with aspect ratio 0.9–1.1, resized (bilinear) to full size,
///                  as in the reference CIFAR set-up (torchvision RandomResizedCrop((32,32), (0.8,1), (0.9,1.1)))
public enum Augmentation: Equatable, Sendable, CustomStringConvertible {
    case flip
    case crop(padding: Int)
    case resizedCrop(scale: ClosedRange<Double>, ratio: ClosedRange<Double>)

    public var description: String {
        switch self {
        case .flip: return "flip"
        case .crop(let p): return "crop(\(p))"
        case .resizedCrop: return "resizedcrop"
        }
    }
}

public enum Batches {
    /// A float tensor (channels-last) of the given samples, each augmented then normalised.
    public static func make(_ data: Dataset, indices: ArraySlice<Int>, normalization: Normalization,
                            augment: [Augmentation] = [], rng: RandomSource? = nil) -> (Tensor, [Int]) {
        guard case .image(let c, let h, let w) = data.shape else { fatalError("datasets hold images") }
        let t = Tensor(batch: indices.count, shape: data.shape)
        var labels: [Int] = []
        labels.reserveCapacity(indices.count)
        let per = h * w * c
        let scale = normalization.std.map { 1 / ($0 * 255) }
        let shift = zip(normalization.mean, normalization.std).map { -$0 / $1 }
        var sample = [Float](repeating: 0, count: per)
        for (j, i) in indices.enumerated() {
            labels.append(Int(data.labels[i]))
            let s = data.image(i)
            for p in 0..<per { sample[p] = Float(s[p]) }
            if let rng { for a in augment { apply(a, &sample, c: c, h: h, w: w, rng: rng) } }
            let dst = t.data + j * per
            for p in 0..<(h * w) { for ch in 0..<c { dst[p * c + ch] = sample[p * c + ch] * scale[ch] + shift[ch] } }
        }
        return (t, labels)
    }

    /// Applies one augmentation to a sample of raw pixel values (0–255, channels-last).
    public static func apply(_ a: Augmentation, _ x: inout [Float], c: Int, h: Int, w: Int, rng: RandomSource) {
        switch a {
        case .flip:
            guard rng.uniform() < 0.5 else { return }
            for y in 0..<h {
                for xx in 0..<(w / 2) {
                    for ch in 0..<c { x.swapAt((y * w + xx) * c + ch, (y * w + (w - 1 - xx)) * c + ch) }
                }
            }
        case .crop(let p):
            let oy = rng.int(2 * p + 1) - p, ox = rng.int(2 * p + 1) - p
            let src = x
            for y in 0..<h {
                for xx in 0..<w {
                    let sy = y + oy, sx = xx + ox
                    for ch in 0..<c {
                        x[(y * w + xx) * c + ch] = (sy >= 0 && sy < h && sx >= 0 && sx < w) ? src[(sy * w + sx) * c + ch] : 0
                    }
                }
            }
        case .resizedCrop(let scale, let ratio):
            // torchvision's sampling: area fraction and log-uniform aspect ratio, up to 10 tries, else the whole image.
            var cw = w, chh = h, x0 = 0, y0 = 0
            for _ in 0..<10 {
                let area = Double(h * w) * rng.uniform(scale.lowerBound, scale.upperBound)
                let r = exp(rng.uniform(log(ratio.lowerBound), log(ratio.upperBound)))
                let tw = Int((area * r).squareRoot().rounded()), th = Int((area / r).squareRoot().rounded())
                if tw > 0 && th > 0 && tw <= w && th <= h {
                    cw = tw; chh = th
                    x0 = rng.int(w - tw + 1); y0 = rng.int(h - th + 1)
                    break
                }
            }
            let src = x
            for y in 0..<h {
                let fy = (Double(y) + 0.5) * Double(chh) / Double(h) - 0.5 + Double(y0)
                let yA = max(0, min(h - 1, Int(floor(fy)))), yB = min(h - 1, yA + 1), ty = Float(max(0, min(1, fy - Double(yA))))
                for xx in 0..<w {
                    let fx = (Double(xx) + 0.5) * Double(cw) / Double(w) - 0.5 + Double(x0)
                    let xA = max(0, min(w - 1, Int(floor(fx)))), xB = min(w - 1, xA + 1), tx = Float(max(0, min(1, fx - Double(xA))))
                    for ch in 0..<c {
                        let a = src[(yA * w + xA) * c + ch], b = src[(yA * w + xB) * c + ch]
                        let d = src[(yB * w + xA) * c + ch], e = src[(yB * w + xB) * c + ch]
                        x[(y * w + xx) * c + ch] = (a * (1 - tx) + b * tx) * (1 - ty) + (d * (1 - tx) + e * tx) * ty
                    }
                }
            }
        }
    }
}

/// Prepares batches on a background thread, a few ahead, so loading never waits the step.
/// The order and the augmentation are fixed by the seed (one thread draws them in order).
public final class BatchPrefetcher: @unchecked Sendable {
    private let lock = NSConditionLike()
    private var queue: [(Tensor, [Int])] = []
    private var finished = false
    private var cancelled = false
    private let depth: Int

    public init(data: Dataset, order: [Int], batchSize: Int, normalization: Normalization, augment: [Augmentation],
                rng: RandomSource, depth: Int = 3) {
        self.depth = depth
        let worker = Thread { [self] in
            var start = 0
            while start < order.count {
                let end = min(order.count, start + batchSize)
                let batch = Batches.make(data, indices: order[start..<end], normalization: normalization, augment: augment, rng: rng)
                var stop = false
                lock.withLock {
                    while queue.count >= depth && !cancelled { lock.wait() }
                    stop = cancelled
                    if !stop { queue.append(batch) }
                    lock.broadcast()
                }
                if stop { return }
                start = end
            }
            lock.withLock {
                finished = true
                lock.broadcast()
            }
        }
        worker.start()
    }

    /// The next batch, or nil at the end of the epoch.
    public func next() -> (Tensor, [Int])? {
        lock.withLock {
            while queue.isEmpty && !finished && !cancelled { lock.wait() }
            if queue.isEmpty { return nil }
            let b = queue.removeFirst()
            lock.broadcast()
            return b
        }
    }

    public func cancel() {
        lock.withLock {
            cancelled = true
            lock.broadcast()
        }
    }

    deinit { cancel() }
}

import Foundation

/// A mutex and condition (Foundation's NSCondition), named for what it is used for here.
final class NSConditionLike: @unchecked Sendable {
    private let c = NSCondition()
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        c.lock()
        defer { c.unlock() }
        return try body()
    }
    func wait() { c.wait() }
    func broadcast() { c.broadcast() }
}
