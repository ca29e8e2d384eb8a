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
        XCTAssertTrue(Glob("a**b").matches("ab"))
        XCTAssertTrue(Glob("[]]x").matches("]x"))
        XCTAssertTrue(Glob("[x").matches("[x"), "a class that never closes is a literal [")
    }

    /// The plain backtracking matcher the linear one replaced (exponential-free but
    /// O(text × pattern)), kept as the reference the fast one is compared with.
    static func reference(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        // One pattern element at i against c: the index after the element, or nil. A class
        // `[…]` (`!` or `^` negates, a leading `]` is literal, `a-b` ranges) that never closes
        // is a literal `[`. Written apart from Glob's parser, so a slip in either shows.
        func one(_ i: Int, _ c: Unicode.Scalar) -> Int? {
            switch p[i] {
            case "?": return i + 1
            case "[":
                var k = i + 1, negate = false, hit = false
                if k < p.count, p[k] == "!" || p[k] == "^" { negate = true; k += 1 }
                let first = k
                while k < p.count && (p[k] != "]" || k == first) {
                    if k + 2 < p.count, p[k + 1] == "-", p[k + 2] != "]" {
                        if p[k].value <= c.value && c.value <= p[k + 2].value { hit = true }
                        k += 3
                    } else {
                        if p[k] == c { hit = true }
                        k += 1
                    }
                }
                if k >= p.count { return p[i] == c ? i + 1 : nil }
                return hit != negate ? k + 1 : nil
            default: return p[i] == c ? i + 1 : nil
            }
        }
        var i = 0, j = 0, starI = -1, starJ = 0
        while j < t.count {
            if i < p.count, p[i] == "*" { starI = i; starJ = j; i += 1; continue }
            if i < p.count, let next = one(i, t[j]) { i = next; j += 1; continue }
            if starI >= 0 { i = starI + 1; starJ += 1; j = starJ; continue }
            return false
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }

    /// Random patterns over a small alphabet (so matches are common) against random texts: the
    /// linear matcher agrees with the reference on every pair, across word boundaries (segments
    /// longer than 64 elements).
    func testGlobAgreesWithTheReference() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "*", "?", "[ab]", "[!a]", "[a-b]", "**", "c", "[", "]", "[]a]", "[^b-c]", "-"]
        for round in 0..<4000 {
            let length = round < 3800 ? Int.random(in: 0...8, using: &rng) : Int.random(in: 60...140, using: &rng)
            let pattern = (0..<length).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let text = String((0..<Int.random(in: 0...(round < 3800 ? 12 : 300), using: &rng)).map { _ in "abc[]-".randomElement(using: &rng)! })
            XCTAssertEqual(Glob(pattern).matches(text), Self.reference(pattern, text), "\(pattern) on \(text)")
        }
        // A segment of 100 elements (two machine words) found in the middle of a long text.
        let long = String(repeating: "ab", count: 50)
        XCTAssertTrue(Glob("*" + long + "*").matches(String(repeating: "b", count: 1000) + long + "c"))
        XCTAssertFalse(Glob("*" + long + "*").matches(String(repeating: "ab", count: 49) + "aa" + String(repeating: "ab", count: 49)))
    }

    /// A pattern that makes backtracking cost text × pattern (a star, 4,000 `a`s and a `b`,
    /// over 400,000 `a`s: 1.6 billion comparisons for the reference, a few seconds) is answered
    /// in one pass of 63 words per character, and a search stops when asked.
    func testGlobIsLinearAndASearchStopsWhenAsked() throws {
        let pattern = "*" + String(repeating: "a", count: 4000) + "b*"
        let text = String(repeating: "a", count: 400_000)
        XCTAssertFalse(Glob(pattern).matches(text))
        var asked = 0
        XCTAssertThrowsError(try Glob("*" + String(repeating: "?", count: 70) + "b*").matches(text, shouldStop: { asked += 1; return true })) {
            XCTAssertTrue($0 is ExecutionInterrupted)
        }
        XCTAssertEqual(asked, 1)
        let path = temporaryPath()
        let store = HistoryStore(path: path)
        for i in 0..<50 { store.record(line: i + 1, input: "print \(i)") }
        XCTAssertEqual(try store.search(pattern: "print 4?", n: nil, unique: false).count, 10)
        XCTAssertThrowsError(try store.search(pattern: "*", n: nil, unique: false, shouldStop: { true }))
        XCTAssertEqual(try store.search(pattern: String(repeating: "?", count: Glob.maxPatternLength + 1), n: nil, unique: false).count, 0)
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
