import CNNCore

/// Labelled images held as bytes (0–255), channels-last, with their class names.
/// The pixels sit in a PixelStore (owned, or mapped from the shared data cache); a subset is a
/// view that lists which of the store's images it holds, so the validation split, `limit=` and
/// quick mode copy no pixels.
public final class Dataset: @unchecked Sendable {
    public let name: String
    public let shape: FeatureShape
    public let classNames: [String]
    public let labels: [UInt8]
    public let store: PixelStore
    /// Which image of the store each of this set's images is; nil: the store's images in order.
    private let rows: [Int32]?

    /// A set that owns a copy of `images`.
    public convenience init<Bytes: Collection>(name: String, shape: FeatureShape, classNames: [String], images: Bytes, labels: [UInt8])
        where Bytes.Element == UInt8 {
        precondition(images.count == labels.count * shape.count, "images and labels disagree")
        self.init(name: name, shape: shape, classNames: classNames, store: PixelStore(copying: images), rows: nil, labels: labels)
    }

    /// A set over `store`: its images `rows` (nil: all, in order).
    public init(name: String, shape: FeatureShape, classNames: [String], store: PixelStore, rows: [Int32]?, labels: [UInt8]) {
        let per = shape.count
        precondition(rows?.count ?? (store.count / max(1, per)) == labels.count, "images and labels disagree")
        precondition(rows != nil || store.count == labels.count * per, "the store holds the images")
        precondition(rows?.allSatisfy { $0 >= 0 && (Int($0) + 1) * per <= store.count } ?? true, "rows inside the store")
        self.name = name
        self.shape = shape
        self.classNames = classNames
        self.store = store
        self.rows = rows
        self.labels = labels
    }

    public var count: Int { labels.count }
    public var channels: Int { shape.channels }

    /// The pixels of image `i` (shape.count bytes, channels-last); valid while the set lives.
    @inline(__always)
    public func image(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let per = shape.count
        let row = rows.map { Int($0[i]) } ?? i
        return UnsafeBufferPointer(start: store.base + row * per, count: per)
    }

    /// All of this set's pixels as one run, when they are its store's images in order (not a view).
    public var contiguousPixels: UnsafeBufferPointer<UInt8>? {
        rows == nil ? UnsafeBufferPointer(start: store.base, count: imageBytes) : nil
    }

    /// Bytes of pixels this set shows (count × image size), wherever they are held.
    public var imageBytes: Int { count * shape.count }

    /// Bytes this set holds besides its store's pixels: its labels and its row list.
    public var ownBytes: Int { labels.count + (rows?.count ?? 0) * MemoryLayout<Int32>.stride }

    /// A copy of every image, in order (for tests and small sets; training reads `image(_:)`).
    public func imagesCopy() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(imageBytes)
        for i in 0..<count { out.append(contentsOf: image(i)) }
        return out
    }

    public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
        subset(indices, name: name, shouldStop: { false })!
    }

    /// The images at `indices`, as a view of the same store (no pixel is copied), or nil when
    /// `shouldStop` says so (asked every 65,536 images).
    public func subset(_ indices: [Int], name: String? = nil, shouldStop: () -> Bool) -> Dataset? {
        var newRows = [Int32](), labs = [UInt8]()
        newRows.reserveCapacity(indices.count)
        labs.reserveCapacity(indices.count)
        for (j, i) in indices.enumerated() {
            if j & 0xFFFF == 0 && shouldStop() { return nil }
            precondition(i >= 0 && i < count, "subset index inside the set")
            newRows.append(rows.map { $0[i] } ?? Int32(i))
            labs.append(labels[i])
        }
        return Dataset(name: name ?? self.name, shape: shape, classNames: classNames, store: store, rows: newRows, labels: labs)
    }

    /// Per-channel mean and standard deviation of pixel/255 (for normalisation).
    public func statistics() -> Normalization { statistics(shouldStop: { false })! }

    /// Nil when `shouldStop` says so (asked every 1,024 images).
    public func statistics(shouldStop: () -> Bool) -> Normalization? {
        let c = channels
        var sum = [Double](repeating: 0, count: c), sq = [Double](repeating: 0, count: c)
        let per = shape.count
        for n in 0..<count {
            if n & 0x3FF == 0 && shouldStop() { return nil }
            let p = image(n)
            for i in 0..<per {
                let v = Double(p[i]) / 255
                sum[i % c] += v
                sq[i % c] += v * v
            }
        }
        let n = Double(max(1, imageBytes / c))
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

    /// Nil when `shouldStop` says so (it is asked while choosing the split and while measuring).
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
