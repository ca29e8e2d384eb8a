import CNNCore

/// Labelled images held as bytes (0–255), channels-last, with their class names.
public final class Dataset: @unchecked Sendable {
    public let name: String
    public let shape: FeatureShape
    public let classNames: [String]
    public let images: [UInt8]
    public let labels: [UInt8]

    public init(name: String, shape: FeatureShape, classNames: [String], images: [UInt8], labels: [UInt8]) {
        precondition(images.count == labels.count * shape.count, "images and labels disagree")
        self.name = name
        self.shape = shape
        self.classNames = classNames
        self.images = images
        self.labels = labels
    }

    public var count: Int { labels.count }
    public var channels: Int { shape.channels }

    public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
        subset(indices, name: name, shouldStop: { false })!
    }

    /// The images at `indices`, or nil when `shouldStop` says so (asked every 1,024 images).
    public func subset(_ indices: [Int], name: String? = nil, shouldStop: () -> Bool) -> Dataset? {
        let per = shape.count
        var labs = [UInt8](repeating: 0, count: indices.count)
        var stopped = false
        // Every image is copied in full: no zero-filling first.
        let imgs = [UInt8](unsafeUninitializedCapacity: indices.count * per) { dst, initialized in
            initialized = 0
            images.withUnsafeBufferPointer { src in
                for (j, i) in indices.enumerated() {
                    if j % 1024 == 0 && shouldStop() { stopped = true; return }
                    (dst.baseAddress! + j * per).initialize(from: src.baseAddress! + i * per, count: per)
                    labs[j] = labels[i]
                }
            }
            if !stopped { initialized = indices.count * per }
        }
        if stopped { return nil }
        return Dataset(name: name ?? self.name, shape: shape, classNames: classNames, images: imgs, labels: labs)
    }

    /// Per-channel mean and standard deviation of pixel/255 (for normalisation).
    public func statistics() -> Normalization { statistics(shouldStop: { false })! }

    /// Nil when `shouldStop` says so (asked every million values).
    public func statistics(shouldStop: () -> Bool) -> Normalization? {
        let c = channels
        var sum = [Double](repeating: 0, count: c), sq = [Double](repeating: 0, count: c)
        var stopped = false
        images.withUnsafeBufferPointer { p in
            for i in 0..<p.count {
                if i & 0xFFFFF == 0 && shouldStop() { stopped = true; return }
                let v = Double(p[i]) / 255
                sum[i % c] += v
                sq[i % c] += v * v
            }
        }
        if stopped { return nil }
        let n = Double(max(1, images.count / c))
        let mean = sum.map { $0 / n }
        let std = zip(sq, mean).map { max(1e-6, ($0 / n - $1 * $1)).squareRoot() }
        return Normalization(mean: mean.map { Float($0) }, std: std.map { Float($0) })
    }
}

public struct Normalization: Equatable, Sendable {
    public var mean: [Float]
    public var std: [Float]
    public init(mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }
}

/// Training, validation and test sets of one source, normalised with the training statistics.
public struct DataSplit: @unchecked Sendable {
    public var train: Dataset
    public var validation: Dataset?
    public var test: Dataset?
    public var normalization: Normalization

    /// Holds out `validation` training images (chosen by `seed`, as a random split) for validation.
    public init(train full: Dataset, test: Dataset?, validation: Int, seed: UInt64) {
        self.init(train: full, test: test, validation: validation, seed: seed, shouldStop: { false })!
    }

    /// Nil when `shouldStop` says so (it is asked while copying and while measuring).
    public init?(train full: Dataset, test: Dataset?, validation: Int, seed: UInt64, shouldStop: () -> Bool) {
        var idx = Array(0..<full.count)
        let v = min(max(0, validation), full.count - 1)
        if v > 0 {
            RandomSource(seed: seed).shuffle(&idx)
            guard let held = full.subset(Array(idx.suffix(v)).sorted(), name: full.name + " (validation)", shouldStop: shouldStop),
                  let rest = full.subset(Array(idx.prefix(full.count - v)).sorted(), name: full.name, shouldStop: shouldStop) else { return nil }
            self.validation = held
            train = rest
        } else {
            train = full
            self.validation = nil
        }
        self.test = test
        guard let n = train.statistics(shouldStop: shouldStop) else { return nil }
        normalization = n
    }
}

public struct DataError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ d: Phrase) { description = d.text }
}
