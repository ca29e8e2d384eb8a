import CNNCore
import JSONKit
@testable import CNNEngine
import XCTest

/// Checkpoints and IDX files are untrusted: every number in a checkpoint's header set to an
/// extreme, random bytes flipped, and an IDX gzip that inflates far past what its header
/// declares. Each is a clear error or a valid load, never a trap (a trap ends this process).
final class FileFuzzTests: XCTestCase {
    var dir: String!
    override func setUp() {
        dir = NSTemporaryDirectory() + "cnn-fuzz-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// `header` as the file's JSON header, before the data of `original`.
    func withHeader(_ header: [UInt8], data: ArraySlice<UInt8>) -> [UInt8] {
        var n = UInt64(header.count).littleEndian
        return withUnsafeBytes(of: &n) { Array($0) } + header + data
    }

    func testCheckpointHeadersWithExtremeNumbersAndFlippedBytes() throws {
        let model = try ZooFixtures.model("densenet-small")
        model.initialize(seed: 1)
        let path = dir + "/m.ckpt"
        try Checkpoint.save(path, model: model, optimizer: Optimizer(kind: .adamw, momentum: 0.9), history: TrainingHistory())
        let good = try DataReaders.readFile(path)
        var n: UInt64 = 0
        for i in (0..<8).reversed() { n = n << 8 | UInt64(good[i]) }
        let header = Array(good[8..<(8 + Int(n))]), data = good[(8 + Int(n))...]
        let text = String(decoding: header, as: UTF8.self)
        // Every number of the header (shapes, offsets, the architecture's arguments inside the
        // metadata), one at a time.
        let numbers = text.matches(of: /-?[0-9]+(\.[0-9]+)?/).map(\.range)
        XCTAssertGreaterThan(numbers.count, 100)
        var loads = 0, errors = 0
        for (k, r) in numbers.enumerated() where k % 3 == 0 {
            for v in ["-1", "0", "4294967296", "9223372036854775807", "99999999999999999999", "1e300"] {
                var t = text
                t.replaceSubrange(r, with: v)
                try writeFileAtomically(path, withHeader(Array(t.utf8), data: data))
                do { _ = try Checkpoint.load(path); loads += 1 } catch { errors += 1 }
            }
        }
        // Bytes set at random anywhere in the file (header, data, length), the same every run.
        let rng = RandomSource(seed: 11)
        for _ in 0..<300 {
            var bytes = good
            for _ in 0..<4 { bytes[rng.int(bytes.count)] = UInt8(rng.int(256)) }
            try writeFileAtomically(path, bytes)
            do { _ = try Checkpoint.load(path); loads += 1 } catch { errors += 1 }
        }
        XCTAssertGreaterThan(errors, 100)
        print("checkpoint fuzz: \(loads) loads, \(errors) errors")
    }

    func testAnIDXGzipThatInflatesPastItsHeaderIsRefused() throws {
        // The header declares 10 images of 28×28 (7,856 bytes); the stream holds 64 MB.
        let src = dir + "/bomb"
        FileManager.default.createFile(atPath: src, contents: Data([0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 0, count: 64 << 20)))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-f", src]
        try p.run()
        p.waitUntilExit()
        let gz = try DataReaders.readFile(src + ".gz")
        XCTAssertLessThan(gz.count, 1 << 20)
        XCTAssertThrowsError(try DataReaders.readIDXImages(src + ".gz")) {
            XCTAssertTrue("\($0)".contains("the gzip data inflates to more than its header declares"), "\($0)")
        }
        // Headers with extreme counts and sizes are errors too.
        for (n, r, c) in [(Int(UInt32.max), 28, 28), (1, 4096, 4096), (10, 0, 28), (10, 5000, 1)] {
            var b: [UInt8] = [0, 0, 8, 3]
            for v in [n, r, c] { b += [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
            FileManager.default.createFile(atPath: dir + "/h", contents: Data(b + [1, 2, 3]))
            XCTAssertThrowsError(try DataReaders.readIDXImages(dir + "/h"))
        }
    }
}

extension FileFuzzTests {
    /// Thousands of header entries naming the same bytes would each be read into a copy: refused.
    func testOverlappingTensorsAreRefused() throws {
        var header: [String: JSON] = [:]
        for i in 0..<5000 { header["t\(i)"] = ["dtype": "F32", "shape": [.int(256)], "data_offsets": [.int(0), .int(1024)]] }
        let h = JSON.object(header).serialized()
        var n = UInt64(h.count).littleEndian
        let file = withUnsafeBytes(of: &n) { Array($0) } + h + [UInt8](repeating: 0, count: 1024)
        XCTAssertThrowsError(try SafeTensors.decode(file, path: "x")) { XCTAssertTrue("\($0)".contains("overlap"), "\($0)") }
    }
}
