import XCTest
@testable import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// Atomic writes: the new contents or the old, no temporary file left behind, and nothing
/// planted in the directory can make the write land elsewhere.
final class AtomicFileTests: XCTestCase {
    var dir = ""
    override func setUp() {
        var template = Array("/tmp/atomic-XXXXXX".utf8CString)
        dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }
    override func tearDown() { _ = system("rm -rf '\(dir)'") }

    func names() -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let n = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if n != "." && n != ".." { out.append(n) }
        }
        return out.sorted()
    }

    func contents(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var out = [UInt8]()
        while true {
            let c = fgetc(f)
            if c == EOF { break }
            out.append(UInt8(c))
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testWritesReplaceAndLeaveNothingBehind() throws {
        try AtomicFile.write(Array("one".utf8), to: dir + "/m.ckpt")
        try AtomicFile.write(Array("two".utf8), to: dir + "/m.ckpt")
        XCTAssertEqual(contents(dir + "/m.ckpt"), "two")
        XCTAssertEqual(names(), ["m.ckpt"])
    }

    func testAPlantedLinkAtTheOldTemporaryNameIsNotFollowed() throws {
        // The former scheme wrote through "X.partial-<pid>": a link planted there redirected the write.
        let victim = dir + "/victim"
        try AtomicFile.write(Array("precious".utf8), to: victim)
        XCTAssertEqual(symlink(victim, dir + "/m.ckpt.partial-\(getpid())"), 0)
        XCTAssertEqual(symlink(victim, dir + "/m.ckpt.tmp-\(getpid())"), 0)
        try AtomicFile.write(Array("model".utf8), to: dir + "/m.ckpt")
        XCTAssertEqual(contents(victim), "precious")
        XCTAssertEqual(contents(dir + "/m.ckpt"), "model")
        // The target itself a link: it is replaced by the file, not written through.
        XCTAssertEqual(symlink(victim, dir + "/link.ckpt"), 0)
        try AtomicFile.write(Array("new".utf8), to: dir + "/link.ckpt")
        XCTAssertEqual(contents(victim), "precious")
        XCTAssertEqual(contents(dir + "/link.ckpt"), "new")
    }

    func testAFailedWriteLeavesNoTemporaryFile() throws {
        XCTAssertEqual(mkdir(dir + "/sub", 0o755), 0)
        // Renaming a file over a directory fails after the temporary file was written.
        XCTAssertThrowsError(try AtomicFile.write(Array("x".utf8), to: dir + "/sub")) { e in
            XCTAssertTrue("\(e)".contains("cannot write"), "\(e)")
        }
        XCTAssertEqual(names(), ["sub"])
        XCTAssertThrowsError(try AtomicFile.write(Array("x".utf8), to: dir + "/missing/m.ckpt"))
        XCTAssertEqual(names(), ["sub"])
    }
}

/// Only regular files are read, at once: a FIFO with no writer, /dev/zero and a directory are
/// errors without blocking or reading without end; a size limit holds.
final class RegularFileTests: XCTestCase {
    func testOnlyRegularFilesWithinTheLimit() throws {
        var template = Array("/tmp/regular-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { _ = system("rm -rf '\(dir)'") }
        XCTAssertEqual(mkfifo(dir + "/pipe", 0o600), 0)
        XCTAssertThrowsError(try RegularFile.read(dir + "/pipe")) { XCTAssertTrue("\($0)".contains("a FIFO (named pipe), not a regular file"), "\($0)") }
        XCTAssertThrowsError(try RegularFile.read("/dev/zero")) { XCTAssertTrue("\($0)".contains("a character device"), "\($0)") }
        XCTAssertThrowsError(try RegularFile.read(dir)) { XCTAssertTrue("\($0)".contains("a directory"), "\($0)") }
        try AtomicFile.write(Array(repeating: 7, count: 100), to: dir + "/f")
        XCTAssertEqual(try RegularFile.read(dir + "/f"), Array(repeating: 7, count: 100))
        XCTAssertThrowsError(try RegularFile.read(dir + "/f", limit: 99)) { XCTAssertTrue("\($0)".contains("is 100 bytes"), "\($0)") }
    }
}
