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
