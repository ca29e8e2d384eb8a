import SafeFiles
import CNNCore
import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// Readers of the data formats: IDX (MNIST layout, gzip or raw), CIFAR-10 binary, and files.
/// Every problem is an error naming the file and what is wrong with it.
public enum DataReaders {
    public static let fashionClasses = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    public static let cifarClasses = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    public static let fashionDirectory = "/usr/share/datasets/fashion-mnist"

    /// A data or checkpoint file: a regular file only (never a FIFO or a device), at most 4 GiB.
    public static func readFile(_ path: String, shouldStop: () -> Bool = { false }) throws -> [UInt8] {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { try requireMemory(Int(st.st_size), for: "reading \(path)") }
        do { return try RegularFile.read(path, limit: 1 << 32, shouldStop: shouldStop) } catch let e as RegularFile.Failure {
            throw DataError(Phrase(verbatim: e.description))
        }
    }

    /// Refuses, as a DataError, to hold `bytes` more than the memory budget leaves.
    public static func requireMemory(_ bytes: Int, for what: Phrase) throws {
        do { try MemoryBudget.require(bytes, for: what, hint: "load fewer or smaller images") } catch let e as MemoryBudgetError {
            throw DataError(Phrase(verbatim: e.description))
        }
    }

    public static func fileExists(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// Raw bytes, or the decompressed content of a gzip file (detected by its magic bytes).
    /// `declaredSize` reads the size a format's header declares from the first bytes; inflating
    /// stops as soon as the output passes it (a small gzip that inflates to gigabytes is refused).
    /// `shouldStop` is asked between reads and between inflated megabytes (RegularFile.Stopped).
    public static func readMaybeGzip(_ path: String, header: Int = 0, shouldStop: () -> Bool = { false },
                                     declaredSize: ([UInt8]) -> Int? = { _ in nil }) throws -> [UInt8] {
        let raw = try readFile(path, shouldStop: shouldStop)
        guard raw.count >= 2, raw[0] == 0x1F, raw[1] == 0x8B else { return raw }
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError("\(path): cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        var tooLong: String?
        var budgetChecked = false
        var refused: Error?
        raw.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
            stream.avail_in = uInt(input.count)
            repeat {
                if shouldStop() { refused = RegularFile.Stopped(); break }
                chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                out.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if out.count >= header, let limit = declaredSize(out) {
                    if out.count > limit { tooLong = tr("more than its header declares"); break }
                    if !budgetChecked {
                        budgetChecked = true
                        do { try requireMemory(limit, for: "decompressing \(path)") } catch { refused = error; break }
                    }
                }
                if out.count > 1 << 31 { tooLong = tr("more than 2 GiB"); break }
            } while status == Z_OK
        }
        if let refused { throw refused }
        if let tooLong { throw DataError("\(path): the gzip data inflates to \(tooLong); the file is corrupt or hostile") }
        guard status == Z_STREAM_END else {
            throw DataError("\(path): the gzip data is \(status == Z_BUF_ERROR ? tr("truncated") : tr("corrupt")) (zlib status \(status))")
        }
        return out
    }

    static func be32(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) }

    /// IDX image file (magic 2051): count, rows, cols, then unsigned bytes.
    public static func readIDXImages(_ path: String, shouldStop: () -> Bool = { false }) throws -> (count: Int, rows: Int, cols: Int, pixels: ArraySlice<UInt8>) {
        let b = try readMaybeGzip(path, header: 16, shouldStop: shouldStop) { h in
            let r = be32(h, 8), c = be32(h, 12)
            return r <= 4096 && c <= 4096 ? 16 + be32(h, 4) * r * c : 16
        }
        guard b.count >= 16 else { throw DataError("\(path): too short for an IDX image header (\(b.count) bytes)") }
        let magic = be32(b, 0)
        guard magic == 2051 else { throw DataError("\(path): not an IDX image file (magic \(magic), expected 2051)") }
        let n = be32(b, 4), r = be32(b, 8), c = be32(b, 12)
        guard r > 0, c > 0, r <= 4096, c <= 4096 else { throw DataError("\(path): implausible image size \(r)×\(c)") }
        let need = 16 + n * r * c
        guard b.count >= need else {
            throw DataError("\(path): truncated: the header promises \(n) images of \(r)×\(c) (\(need) bytes) but the file has \(b.count)")
        }
        return (n, r, c, b[16..<need])  // copied once, into the set's store
    }

    /// IDX label file (magic 2049): count, then one byte per label.
    public static func readIDXLabels(_ path: String, shouldStop: () -> Bool = { false }) throws -> [UInt8] {
        let b = try readMaybeGzip(path, header: 8, shouldStop: shouldStop) { h in 8 + be32(h, 4) }
        guard b.count >= 8 else { throw DataError("\(path): too short for an IDX label header (\(b.count) bytes)") }
        let magic = be32(b, 0)
        guard magic == 2049 else { throw DataError("\(path): not an IDX label file (magic \(magic), expected 2049)") }
        let n = be32(b, 4)
        guard b.count >= 8 + n else {
            throw DataError("\(path): truncated: the header promises \(n) labels but the file has \(b.count - 8)")
        }
        return Array(b[8..<(8 + n)])
    }

    /// A directory in MNIST layout: {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz].
    /// With `cache` and known class names, each part is mapped from the cache when it holds it,
    /// else read and stored there (see DataCache).
    public static func readIDXDirectory(_ dir: String, name: String, classNames: [String]?, cache: DataCache? = nil,
                                        shouldStop: () -> Bool = { false }) throws -> (train: Dataset, test: Dataset?) {
        func find(_ stem: String) -> String? {
            for p in ["\(dir)/\(stem)", "\(dir)/\(stem).gz"] where fileExists(p) { return p }
            return nil
        }
        func load(_ prefix: String) throws -> Dataset? {
            guard let ip = find("\(prefix)-images-idx3-ubyte") else { return nil }
            guard let lp = find("\(prefix)-labels-idx1-ubyte") else { throw DataError("\(dir): \(prefix) images but no \(prefix)-labels-idx1-ubyte[.gz]") }
            // Without class names they come from the labels, so the read decides them.
            guard let classNames else { return try read(ip, lp) }
            return try DataCache.cached(cache, name: name, part: prefix, classNames: classNames, sources: [ip, lp]) { try read(ip, lp) }
        }
        func read(_ ip: String, _ lp: String) throws -> Dataset {
            let img = try readIDXImages(ip, shouldStop: shouldStop)
            let labels = try readIDXLabels(lp, shouldStop: shouldStop)
            guard labels.count == img.count else {
                throw DataError("\(lp): \(labels.count) labels for \(img.count) images in \(ip)")
            }
            let k = Int(labels.max() ?? 0) + 1
            let names = classNames ?? (0..<max(k, 1)).map(String.init)
            if let bad = labels.first(where: { Int($0) >= names.count }) {
                throw DataError("\(lp): label \(bad) is out of range for \(names.count) classes")
            }
            return Dataset(name: name, shape: .image(c: 1, h: img.rows, w: img.cols), classNames: names, images: img.pixels, labels: labels)
        }
        guard let train = try load("train") else {
            throw DataError("\(dir): no train-images-idx3-ubyte[.gz] (an IDX directory needs train- and optionally t10k- files)")
        }
        return (train, try load("t10k"))
    }

    /// CIFAR-10 binary version: records of 1 label byte and 3072 pixel bytes (R, G, B planes of 32×32).
    public static func readCIFARFile(_ path: String, shouldStop: () -> Bool = { false }) throws -> (pixels: [UInt8], labels: [UInt8]) {
        let b = try readFile(path, shouldStop: shouldStop)
        let record = 3073
        guard !b.isEmpty, b.count % record == 0 else {
            throw DataError("\(path): \(b.count) bytes is not a whole number of CIFAR-10 records (3073 bytes each)\(b.count > record ? tr("; the file is truncated or not CIFAR-10") : "")")
        }
        let n = b.count / record
        var pixels = [UInt8](repeating: 0, count: n * 3072)
        var labels = [UInt8](repeating: 0, count: n)
        for i in 0..<n {
            let base = i * record
            guard b[base] < 10 else { throw DataError("\(path): record \(i) has label \(b[base]), CIFAR-10 labels are 0–9") }
            labels[i] = b[base]
            for p in 0..<1024 { for c in 0..<3 { pixels[i * 3072 + p * 3 + c] = b[base + 1 + c * 1024 + p] } }
        }
        return (pixels, labels)
    }

    public static func readCIFARDirectory(_ dir: String, cache: DataCache? = nil, shouldStop: () -> Bool = { false }) throws -> (train: Dataset, test: Dataset?) {
        let batches = (1...5).map { "\(dir)/data_batch_\($0).bin" }.filter(fileExists)
        guard !batches.isEmpty else { throw DataError("\(dir): no data_batch_1.bin … data_batch_5.bin (the CIFAR-10 binary version)") }
        func read(_ files: [String]) throws -> Dataset {
            var pixels: [UInt8] = [], labels: [UInt8] = []
            for p in files {
                let r = try readCIFARFile(p, shouldStop: shouldStop)
                pixels += r.pixels
                labels += r.labels
            }
            return Dataset(name: "cifar10", shape: .image(c: 3, h: 32, w: 32), classNames: cifarClasses, images: pixels, labels: labels)
        }
        let train = try DataCache.cached(cache, name: "cifar10", part: "train", classNames: cifarClasses, sources: batches) { try read(batches) }
        var test: Dataset?
        let testFile = "\(dir)/test_batch.bin"
        if fileExists(testFile) {
            test = try DataCache.cached(cache, name: "cifar10", part: "test", classNames: cifarClasses, sources: [testFile]) { try read([testFile]) }
        }
        return (train, test)
    }
}
