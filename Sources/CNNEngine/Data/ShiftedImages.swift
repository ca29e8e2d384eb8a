import CNNCore

extension Dataset {
    /// Every image moved `dy` rows down and `dx` columns right (negative: up, left), the pixels
    /// moved in from outside set to 0, the background of Fashion-MNIST and of the synthetic
    /// shapes. Used to ask how much a prediction depends on where the object sits (what pooling
    /// buys besides fewer parameters). Nil when `shouldStop` says so (asked every 1,024 images).
    public func shifted(dy: Int, dx: Int, shouldStop: () -> Bool = { false }) -> Dataset? {
        guard case .image(let c, let h, let w) = shape else { return self }
        let per = c * h * w
        // Only the rows and columns that stay inside the image are copied; the rest stays 0.
        let rows = max(0, min(h, h - dy) - max(0, -dy)), cols = max(0, min(w, w - dx) - max(0, -dx))
        let fromRow = max(0, -dy), fromCol = max(0, -dx)
        var stopped = false
        let store = PixelStore(count: imageBytes) { dst in
            guard rows > 0, cols > 0 else { return }
            for n in 0..<count {
                if n % 1024 == 0 && shouldStop() { stopped = true; return }
                let src = image(n).baseAddress!
                for r in 0..<rows {
                    // Channels-last: a row's pixels, all channels, are contiguous.
                    let from = ((fromRow + r) * w + fromCol) * c
                    let to = n * per + ((fromRow + r + dy) * w + fromCol + dx) * c
                    (dst.baseAddress! + to).update(from: src + from, count: cols * c)
                }
            }
        }
        if stopped { return nil }
        return Dataset(name: name, shape: shape, classNames: classNames, store: store, rows: nil, labels: labels)
    }
}
