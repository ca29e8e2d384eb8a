import CNNCore
@testable import CNNEngine
import Foundation
import XCTest

/// The run log's framing: CRC-32C against its published check value, TFRecord records whose
/// lengths and masked CRCs verify, the Event fields where event.proto puts them, and metrics.csv
/// continued by a later run into the same directory. (TensorBoard's own reader reads the file in
/// the protocol tests.)
final class RunLogTests: XCTestCase {
    func testCRC32CAndTheMask() {
        // The CRC-32C check value (RFC 3720, appendix B.4): "123456789" → 0xE3069283.
        XCTAssertEqual(RunLog.crc32c(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(RunLog.crc32c([]), 0)
        // mask(c) = ((c >> 15) | (c << 17)) + 0xA282EAD8, modulo 2^32.
        XCTAssertEqual(RunLog.masked(0), 0xA282_EAD8)
        XCTAssertEqual(RunLog.masked(0x8000), 0xA282_EAD9)
        XCTAssertEqual(RunLog.varint(300), [0xAC, 0x02])
    }

    func testRecordsVerifyAndCSVContinues() throws {
        let dir = NSTemporaryDirectory() + "cnn-runlog-\(UUID().uuidString)/run/a"
        defer { try? FileManager.default.removeItem(atPath: String(dir.dropLast(6))) }
        let log = try RunLog(directory: dir)
        try log.scalars([("train/loss", 0.5)], step: 7)
        try log.epoch(EpochSummary(epoch: 1, trainLoss: 0.5, trainAccuracy: 0.75, validationLoss: 0.25, validationAccuracy: 0.875, seconds: 1.5, learningRate: 0.1), step: 9)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: log.eventsPath)))
        var records: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let lengthBytes = Array(bytes[i..<(i + 8)])
            let n = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            func le32(_ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[o + $1]) << (8 * UInt32($1)) } }
            XCTAssertEqual(le32(i + 8), RunLog.masked(RunLog.crc32c(lengthBytes)))
            let data = Array(bytes[(i + 12)..<(i + 12 + n)])
            XCTAssertEqual(le32(i + 12 + n), RunLog.masked(RunLog.crc32c(data)))
            records.append(data)
            i += 16 + n
        }
        XCTAssertEqual(records.count, 3)
        XCTAssertTrue(records[0].starts(with: [0x09]), "field 1, wall_time")
        XCTAssertTrue(String(decoding: records[0], as: UTF8.self).contains("brain.Event:2"))
        // step 7 as field 2, then the summary (field 5) with the tag and 0.5 as a float (0x3F000000).
        XCTAssertEqual(Array(records[1][9..<11]), [0x10, 7])
        XCTAssertEqual(records[1][11], 0x2A)
        XCTAssertTrue(String(decoding: records[1], as: UTF8.self).contains("train/loss"))
        XCTAssertEqual(Array(records[1].suffix(4)), [0x00, 0x00, 0x00, 0x3F])
        let again = try RunLog(directory: dir)
        try again.epoch(EpochSummary(epoch: 2, trainLoss: 0.4, trainAccuracy: 0.8, validationLoss: nil, validationAccuracy: nil, seconds: 1, learningRate: 0.1), step: 20)
        let csv = try String(contentsOfFile: dir + "/metrics.csv", encoding: .utf8)
        XCTAssertEqual(csv, "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds\n1,0.5,0.75,0.25,0.875,0.1,1.5\n2,0.4,0.8,,,0.1,1\n")
        XCTAssertThrowsError(try RunLog(directory: "/proc/cnn-kernel-cannot/write"))
    }
}
