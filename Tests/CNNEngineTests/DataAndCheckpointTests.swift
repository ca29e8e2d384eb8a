import CNNCore
import SafeFiles
import JSONKit
@testable import CNNEngine
import XCTest

final class DataAndCheckpointTests: XCTestCase {
    var dir: String!
    override func setUp() {
        dir = NSTemporaryDirectory() + "cnn-data-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
    func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
    func gzip(_ b: [UInt8]) throws -> [UInt8] {
        let src = dir + "/tmp.bin"
        FileManager.default.createFile(atPath: src, contents: Data(b))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-f", src]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: src + ".gz")))
    }
    func error(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func idxImages(_ n: Int, _ r: Int, _ c: Int) -> [UInt8] { be32(2051) + be32(n) + be32(r) + be32(c) + (0..<(n * r * c)).map { UInt8($0 % 256) } }
    func idxLabels(_ labels: [UInt8]) -> [UInt8] { be32(2049) + be32(labels.count) + labels }

    func testIDXDirectoryRawAndGzip() throws {
        write("train-images-idx3-ubyte.gz", try gzip(idxImages(4, 3, 2)))
        write("train-labels-idx1-ubyte", idxLabels([0, 1, 2, 1]))
        let (train, test) = try DataReaders.readIDXDirectory(dir, name: "tiny", classNames: nil)
        XCTAssertEqual(train.count, 4)
        XCTAssertEqual(train.shape, .image(c: 1, h: 3, w: 2))
        XCTAssertEqual(Array(train.imagesCopy().prefix(7)), [0, 1, 2, 3, 4, 5, 6])
        XCTAssertEqual(train.classNames, ["0", "1", "2"])
        XCTAssertNil(test)
    }

    func testIDXErrorsNameTheFileAndTheProblem() throws {
        write("bad-magic", be32(2049) + be32(1) + be32(1) + be32(1) + [0])
        XCTAssertEqual(error { try DataReaders.readIDXImages(self.dir + "/bad-magic") }, "\(dir!)/bad-magic: not an IDX image file (magic 2049, expected 2051)")
        write("short", Array(idxImages(10, 4, 4).prefix(100)))
        XCTAssertEqual(error { try DataReaders.readIDXImages(self.dir + "/short") }, "\(dir!)/short: truncated: the header promises 10 images of 4×4 (176 bytes) but the file has 100")
        let gz = try gzip(idxImages(10, 4, 4))
        write("cut.gz", Array(gz.prefix(gz.count - 12)))
        XCTAssertTrue(error { try DataReaders.readIDXImages(self.dir + "/cut.gz") }.contains("the gzip data is truncated"))
        var corrupt = gz
        corrupt[20] ^= 0xFF
        corrupt[21] ^= 0xFF
        write("corrupt.gz", corrupt)
        XCTAssertTrue(error { try DataReaders.readIDXImages(self.dir + "/corrupt.gz") }.contains("\(dir!)/corrupt.gz:"))
        XCTAssertTrue(error { try DataReaders.readIDXImages(self.dir + "/missing") }.contains("No such file or directory"))
        write("train-images-idx3-ubyte", idxImages(3, 2, 2))
        write("train-labels-idx1-ubyte", idxLabels([0, 1]))
        XCTAssertEqual(error { try DataReaders.readIDXDirectory(self.dir, name: "x", classNames: nil) }, "\(dir!)/train-labels-idx1-ubyte: 2 labels for 3 images in \(dir!)/train-images-idx3-ubyte")
    }

    func testCIFARReaderAndErrors() throws {
        // Two records: labels 3 and 9; record 0 has R=10, G=20, B=30 everywhere, record 1 pixel p = p % 256 in every plane.
        var bytes: [UInt8] = [3] + [UInt8](repeating: 10, count: 1024) + [UInt8](repeating: 20, count: 1024) + [UInt8](repeating: 30, count: 1024)
        bytes += [9] + (0..<3072).map { UInt8($0 % 1024 % 256) }
        write("data_batch_1.bin", bytes)
        let (train, test) = try DataReaders.readCIFARDirectory(dir)
        XCTAssertNil(test)
        XCTAssertEqual(train.labels, [3, 9])
        XCTAssertEqual(Array(train.imagesCopy().prefix(6)), [10, 20, 30, 10, 20, 30], "stored channels-last")
        XCTAssertEqual(train.classNames[3], "cat")
        // Through the data cache: stored by the first read, mapped by the second, the same images.
        let cache = DataCache(directory: dir + "/cache")
        _ = try DataReaders.readCIFARDirectory(dir, cache: cache)
        let mapped = try DataReaders.readCIFARDirectory(dir, cache: cache).train
        XCTAssertTrue(mapped.store.isMapped)
        XCTAssertEqual(mapped.imagesCopy(), train.imagesCopy())
        XCTAssertEqual(mapped.labels, train.labels)
        write("test_batch.bin", Array(bytes.prefix(5000)))
        XCTAssertTrue(error { try DataReaders.readCIFARDirectory(self.dir) }.contains("5000 bytes is not a whole number of CIFAR-10 records"))
        var badLabel = bytes
        badLabel[0] = 12
        write("test_batch.bin", badLabel)
        XCTAssertTrue(error { try DataReaders.readCIFARDirectory(self.dir) }.contains("record 0 has label 12"))
    }

    func testSyntheticIsDeterministicAndBalanced() {
        let a = SyntheticShapes.make(count: 40, size: 28, channels: 1, seed: 5)
        let b = SyntheticShapes.make(count: 40, size: 28, channels: 1, seed: 5)
        XCTAssertEqual(a.imagesCopy(), b.imagesCopy())
        XCTAssertNotEqual(a.imagesCopy(), SyntheticShapes.make(count: 40, size: 28, channels: 1, seed: 6).imagesCopy())
        XCTAssertEqual(Set(a.labels).count, 10)
        XCTAssertEqual(SyntheticShapes.make(count: 10, size: 32, channels: 3).shape, .image(c: 3, h: 32, w: 32))
    }

    func testAugmentations() {
        let rng = RandomSource(seed: 1)
        var x: [Float] = [1, 2, 3, 4, 5, 6]  // 1 channel, 2×3
        var flipped = false
        for _ in 0..<10 {
            var y = x
            Batches.apply(.flip, &y, c: 1, h: 2, w: 3, rng: rng)
            if y == [3, 2, 1, 6, 5, 4] { flipped = true } else { XCTAssertEqual(y, x) }
        }
        XCTAssertTrue(flipped)
        Batches.apply(.resizedCrop(scale: 1...1, ratio: 1...1), &x, c: 1, h: 2, w: 3, rng: rng)
        XCTAssertEqual(x.count, 6)
    }

    func testCheckpointRoundTripIsBitExact() throws {
        let data = SyntheticShapes.make(count: 60, size: 12, channels: 3, seed: 2)
        let split = DataSplit(train: data, test: nil, validation: 10, seed: 1)
        let model = try ZooFixtures.model("densenet-small")
        model.initialize(seed: 3)
        var config = TrainingConfig()
        config.batchSize = 10
        config.optimizer = .adamw
        config.learningRate = 1e-3
        let trainer = Trainer(model: model, data: split, config: config, rng: RandomSource(seed: 1))
        _ = trainer.run()
        let path = dir + "/m.ckpt"
        try Checkpoint.save(path, model: model, optimizer: trainer.optimizer, history: trainer.history, extra: ["data": "shapes"])
        let back = try Checkpoint.load(path)
        XCTAssertEqual(back.model.spec, model.spec)
        for ((n1, p1), (n2, p2)) in zip(model.parameters, back.model.parameters) {
            XCTAssertEqual(n1, n2)
            XCTAssertEqual(p1.value.values, p2.value.values, n1)
        }
        for ((_, b1), (_, b2)) in zip(model.buffers, back.model.buffers) { XCTAssertEqual(b1.values, b2.values) }
        XCTAssertEqual(back.optimizer?.state, trainer.optimizer.state)
        XCTAssertEqual(back.optimizer?.step, trainer.optimizer.step)
        XCTAssertEqual(back.history.steps, trainer.history.steps)
        XCTAssertEqual(back.history.epochs, trainer.history.epochs)
        XCTAssertEqual(back.extra["data"], "shapes")
        let e1 = Evaluation.run(model, on: split.validation!, normalization: split.normalization)
        let e2 = Evaluation.run(back.model, on: split.validation!, normalization: split.normalization)
        XCTAssertEqual(e1.probabilities, e2.probabilities)

        let full = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        write("cut.ckpt", Array(full.prefix(full.count / 2)))
        XCTAssertTrue(error { try Checkpoint.load(self.dir + "/cut.ckpt") }.contains("cut short"), error { try Checkpoint.load(self.dir + "/cut.ckpt") })
        write("tiny.ckpt", [1, 2, 3])
        XCTAssertTrue(error { try Checkpoint.load(self.dir + "/tiny.ckpt") }.contains("cut short"))
    }

    func testLoadingChecksEveryShape() throws {
        let model = try ZooFixtures.model("simplecnn")
        let path = dir + "/s.ckpt"
        try Checkpoint.save(path, model: model, optimizer: nil, history: TrainingHistory())
        // Rewrite the file with one weight of a different shape but the same description.
        var (entries, meta) = try SafeTensors.decode(try DataReaders.readFile(path), path: path)
        let i = entries.firstIndex { $0.name == "linear1.weight" }!
        entries[i] = .init(name: "linear1.weight", shape: [128, 1569], values: [Float](repeating: 0, count: 128 * 1569))
        try writeFileAtomically(path, SafeTensors.encode(entries, metadata: meta))
        XCTAssertEqual(error { try Checkpoint.load(path) }, "\(path): linear1.weight has shape [128, 1569] in the checkpoint but [128, 1568] in the model")
    }

    /// Reading and decompressing ask whether to stop between reads and between inflated
    /// megabytes (what an interrupt sets); making and splitting images ask between images.
    func testReadingInflatingAndMakingStopWhenAsked() throws {
        let fashion = DataReaders.fashionDirectory + "/train-images-idx3-ubyte.gz"
        var asked = 0
        XCTAssertThrowsError(try DataReaders.readMaybeGzip(fashion, shouldStop: { asked += 1; return asked > 3 })) {
            XCTAssertTrue($0 is RegularFile.Stopped, "\($0)")
        }
        XCTAssertEqual(asked, 4, "once for the compressed read, then once per inflated megabyte")
        XCTAssertThrowsError(try DataReaders.readIDXDirectory(DataReaders.fashionDirectory, name: "f", classNames: nil, shouldStop: { true })) {
            XCTAssertTrue($0 is RegularFile.Stopped, "\($0)")
        }
        XCTAssertNil(SyntheticShapes.make(count: 1000, size: 8, shouldStop: { true }))
        let d = SyntheticShapes.make(count: 3000, size: 8)
        XCTAssertNil(d.subset(Array(0..<3000), shouldStop: { true }))
        XCTAssertNil(DataSplit(train: d, test: nil, validation: 100, seed: 1, shouldStop: { true }))
        XCTAssertEqual(d.subset(Array(0..<3000), shouldStop: { false })?.imagesCopy(), d.imagesCopy())
    }
}
