import CNNCore
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// A training run written where other tools read it: `metrics.csv` (a row per epoch, rewritten
/// whole and atomically after each) and a TensorBoard event file (scalars per step and per
/// epoch), which TensorBoard itself opens (`tensorboard --logdir DIR`).
///
/// The event file is TFRecord-framed `Event` protocol buffers (tensorflow/core/util/event.proto):
/// each record is its length (8 bytes, little-endian), the masked CRC-32C of those 8 bytes, the
/// bytes, and their masked CRC-32C. The first event names the format (`brain.Event:2`); each
/// later one carries a step, a wall time and a `Summary` of `simple_value` scalars.
public final class RunLog {
    public let directory: String
    public let eventsPath: String
    private var fd: Int32 = -1
    private var rows: [String] = []

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(directory: String) throws {
        self.directory = directory
        try RunLog.makeDirectories(directory)
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, 255)
        let hostname = String(cString: host).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        let seconds = Int(Timestamp.wallSeconds())
        // A new file for every run (two runs in one second get different numbers at the end).
        var path = "", n = 0
        repeat {
            n += 1
            path = directory + "/events.out.tfevents.\(seconds).\(hostname.isEmpty ? "host" : hostname).cnn-kernel.\(getpid()).\(n)"
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        } while fd < 0 && errno == EEXIST && n < 1000
        eventsPath = path
        guard fd >= 0 else { throw Failure(description: "\(eventsPath): \(String(cString: strerror(errno)))") }
        try append(RunLog.event(wallTime: Timestamp.wallSeconds(), step: 0, fileVersion: "brain.Event:2"))
        // A later `train` into the same directory continues metrics.csv (its epochs count on).
        let header = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds"
        rows = [header]
        if let old = try? RegularFile.read(directory + "/metrics.csv", limit: 16 << 20) {
            let lines = String(decoding: old, as: UTF8.self).split(separator: "\n").map(String.init)
            if lines.first == header { rows = lines }
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Scalars at a global step (train/loss, train/accuracy, lr after each batch).
    public func scalars(_ values: [(tag: String, value: Double)], step: Int) throws {
        try append(RunLog.event(wallTime: Timestamp.wallSeconds(), step: step, scalars: values))
    }

    /// An epoch's summary: its scalars in the event file and a row in metrics.csv.
    public func epoch(_ s: EpochSummary, step: Int) throws {
        var values: [(String, Double)] = [("epoch/train_loss", s.trainLoss), ("epoch/train_accuracy", s.trainAccuracy)]
        if let v = s.validationLoss { values.append(("epoch/validation_loss", v)) }
        if let v = s.validationAccuracy { values.append(("epoch/validation_accuracy", v)) }
        try scalars(values, step: step)
        func n(_ v: Double?) -> String { v.map { NumberFormat.shortest($0) } ?? "" }
        rows.append([String(s.epoch), n(s.trainLoss), n(s.trainAccuracy), n(s.validationLoss), n(s.validationAccuracy), n(s.learningRate), n(s.seconds)].joined(separator: ","))
        do { try AtomicFile.write(Array((rows.joined(separator: "\n") + "\n").utf8), to: directory + "/metrics.csv") } catch {
            throw Failure(description: "\(directory)/metrics.csv: \(error)")
        }
    }

    private func append(_ data: [UInt8]) throws {
        let record = RunLog.record(data)
        guard AtomicFile.writeAll(fd, record) else { throw Failure(description: "\(eventsPath): \(String(cString: strerror(errno)))") }
    }

    static func makeDirectories(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") where !part.isEmpty {
            built += "/" + part
            if mkdir(built, 0o755) != 0 && errno != EEXIST { throw Failure(description: "\(built): \(String(cString: strerror(errno)))") }
            var st = stat()
            guard stat(built, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { throw Failure(description: tr("\(built) is not a directory")) }
        }
    }

    // MARK: TFRecord framing and the Event protocol buffer

    static func record(_ data: [UInt8]) -> [UInt8] {
        var length = [UInt8](repeating: 0, count: 8)
        for i in 0..<8 { length[i] = UInt8((UInt64(data.count) >> (8 * UInt64(i))) & 0xFF) }
        return length + le32(masked(crc32c(length))) + data + le32(masked(crc32c(data)))
    }

    static func event(wallTime: Double, step: Int, fileVersion: String? = nil, scalars: [(tag: String, value: Double)] = []) -> [UInt8] {
        var out: [UInt8] = [0x09] + le64(wallTime.bitPattern)  // 1: wall_time, double
        out += [0x10] + varint(UInt64(max(0, step)))             // 2: step, int64
        if let v = fileVersion { out += [0x1A] + varint(UInt64(v.utf8.count)) + Array(v.utf8) }  // 3: file_version
        if !scalars.isEmpty {
            var summary: [UInt8] = []
            for (tag, value) in scalars {
                // Summary.Value: 1: tag (string), 2: simple_value (float).
                let v: [UInt8] = [0x0A] + varint(UInt64(tag.utf8.count)) + Array(tag.utf8) + [0x15] + le32(Float(value).bitPattern)
                summary += [0x0A] + varint(UInt64(v.count)) + v  // Summary: 1: repeated value
            }
            out += [0x2A] + varint(UInt64(summary.count)) + summary  // 5: summary
        }
        return out
    }

    static func varint(_ v: UInt64) -> [UInt8] {
        var v = v, out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
        return out
    }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
    static func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }

    /// TFRecord's CRC mask: rotate right by 15 and add a constant.
    static func masked(_ crc: UInt32) -> UInt32 { ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8 }

    /// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as TFRecord uses.
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0x82F6_3B78 ^ (c >> 1) : c >> 1 }
        return c
    }
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Seconds since 1970, for event wall times and file names.
enum Timestamp {
    static func wallSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
