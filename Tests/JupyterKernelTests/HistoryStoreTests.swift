import XCTest
@testable import JupyterKernel

final class HistoryStoreTests: XCTestCase {
    func temporaryPath() -> String {
        let dir = NSTemporaryDirectory() + "history-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/history.jsonl"
    }

    func testPersistsAcrossInstancesWithNewSessionNumbers() {
        let path = temporaryPath()
        let first = HistoryStore(path: path)
        XCTAssertEqual(first.session, 1)
        first.record(line: 1, input: "1 + 2")
        first.recordOutput(line: 1, output: "3")
        first.record(line: 2, input: "sleep 1")
        let second = HistoryStore(path: path)
        XCTAssertEqual(second.session, 2)
        XCTAssertEqual(second.all, [
            .init(session: 1, line: 1, input: "1 + 2", output: "3"),
            .init(session: 1, line: 2, input: "sleep 1", output: nil),
        ])
        XCTAssertEqual(second.range(session: -1, start: 2, stop: nil).map(\.input), ["sleep 1"])
    }

    func testATornLastLineIsSkipped() throws {
        let path = temporaryPath()
        try Data("{\"session\":1,\"line\":1,\"input\":\"ok\"}\n{\"session\":1,\"li".utf8).write(to: URL(fileURLWithPath: path))
        let h = HistoryStore(path: path)
        XCTAssertEqual(h.all.map(\.input), ["ok"])
        h.record(line: 1, input: "after")
        XCTAssertEqual(HistoryStore(path: path).all.map(\.input), ["ok", "after"])
    }

    func testGlob() {
        XCTAssertTrue(Glob("1 + ?").matches("1 + 2"))
        XCTAssertFalse(Glob("1 + ?").matches("1 + 22"))
        XCTAssertTrue(Glob("*").matches(""))
        XCTAssertTrue(Glob("pr*t \"*\"").matches("print \"hi\""))
        XCTAssertTrue(Glob("a*b*c").matches("aXXbYYc"))
        XCTAssertFalse(Glob("a*b*c").matches("aXXbYY"))
        XCTAssertTrue(Glob("[a-c]x").matches("bx"))
        XCTAssertFalse(Glob("[!a-c]x").matches("bx"))
        XCTAssertTrue(Glob("é?").matches("é😀"))
    }
}

/// A long history file: only its end is read at start, it is rotated to a bounded size, and the
/// session number still follows the newest record.
final class LongHistoryTests: XCTestCase {
    func testALongHistoryIsReadFromItsEndAndRotated() throws {
        let dir = NSTemporaryDirectory() + "history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/history.jsonl"
        // About 40 MB: 7 sessions of records with 5 kB inputs.
        var text = ""
        let input = String(repeating: "x", count: 5_000)
        for i in 0..<8_000 { text += "{\"session\":\(1 + i / 1200),\"line\":\(i),\"input\":\"\(input)\"}\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertGreaterThan(text.utf8.count, HistoryStore.rotateAt)
        let h = HistoryStore(path: path)
        XCTAssertEqual(h.session, 8, "the newest session is 7")
        XCTAssertEqual(h.all.last?.line, 7_999)
        XCTAssertLessThan(h.all.count, 8_000)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        XCTAssertLessThanOrEqual(size, HistoryStore.keptBytes)
        // The rotated file is whole records: it loads again to the same entries.
        XCTAssertEqual(HistoryStore(path: path).all, h.all)
    }

    /// A cut that falls exactly at a record's start keeps that record.
    func testACutAtARecordBoundaryKeepsTheRecord() throws {
        let dir = NSTemporaryDirectory() + "history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/history.jsonl"
        let before = "{\"session\":1,\"line\":1,\"input\":\"before\"}\n"
        let first = "{\"session\":1,\"line\":2,\"input\":\"first\"}\n"
        let head = "{\"session\":1,\"line\":3,\"input\":\"", tail = "\"}\n"
        let fill = HistoryStore.keptBytes - first.utf8.count - head.utf8.count - tail.utf8.count
        // The last keptBytes bytes are exactly the records `first` and the long one.
        try Data((before + first + head + String(repeating: "y", count: fill) + tail).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(HistoryStore(path: path).all.map { String($0.input.prefix(5)) }, ["first", "yyyyy"])
    }
}
