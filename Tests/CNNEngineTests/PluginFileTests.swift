import CNNCore
import Foundation
import XCTest

/// A plugin file is checked before `dlopen` maps it: a truncated or corrupt shared library
/// (which dlopen maps, and whose first touch past the end kills the process with SIGBUS), a
/// library for another CPU, an executable, a text file, a FIFO or a directory is an error that
/// says what is wrong, and the process lives on.
final class PluginFileTests: XCTestCase {
    let libz = "/lib/x86_64-linux-gnu/libz.so.1"
    var dir: String!
    override func setUp() {
        dir = NSTemporaryDirectory() + "plugin-files-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func failure(_ path: String) -> String {
        do {
            _ = try PluginLoader.load(path: path)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func testTruncatedLibrariesAreRefusedBeforeDlopen() throws {
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: libz)))
        // Each of these cuts kills a process that dlopens it (checked with Python's ctypes: SIGBUS).
        for fraction in [0.01, 0.1, 0.3, 0.5, 0.7, 0.99] {
            let cut = max(64, Int(Double(whole.count) * fraction))
            let path = write("libcut\(Int(fraction * 100)).so", Array(whole[0..<cut]))
            let message = failure(path)
            XCTAssertTrue(message.contains("is truncated"), "\(fraction): \(message)")
        }
        XCTAssertTrue(failure(write("header.so", Array(whole[0..<64]))).contains("program headers end past the file"))
    }

    func testHeadersThatDoNotDescribeALibraryForThisMachineAreRefused() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: libz)))
        var other = bytes
        other[18] = 183; other[19] = 0  // aarch64
        XCTAssertTrue(failure(write("arm.so", other)).contains("is a shared library for another CPU (machine 183)"))
        var executable = bytes
        executable[16] = 2  // ET_EXEC
        XCTAssertTrue(failure(write("exec.so", executable)).contains("is an ELF file but not a shared library (type 2)"))
        var thirtyTwo = bytes
        thirtyTwo[4] = 1
        XCTAssertTrue(failure(write("elf32.so", thirtyTwo)).contains("is not a 64-bit ELF file"))
        // A program header table whose offset points far past the end (a hostile header).
        bytes[32..<40] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        XCTAssertTrue(failure(write("farphdr.so", bytes)).contains("program headers end past the file"))
    }

    func testFilesThatAreNotLibrariesAreRefused() throws {
        XCTAssertEqual(failure(write("empty.so", [])), "\(dir!)/empty.so is 0 bytes, too short for an ELF header; it is not loaded")
        XCTAssertEqual(failure(write("text.so", Array(String(repeating: "not a library ", count: 10).utf8))), "\(dir!)/text.so is not an ELF file; it is not loaded")
        XCTAssertTrue(failure(dir).contains("is not a regular file"))
        let fifo = dir + "/fifo.so"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertTrue(failure(fifo).contains("is not a regular file"), "a FIFO is refused at once, without waiting for a writer")
    }

    /// A whole, valid library passes the check and is then judged by what it exports.
    func testAWholeLibraryPassesTheCheck() {
        XCTAssertTrue(failure(libz).contains("has no cnn_kernel_plugin_interface_version symbol"), failure(libz))
    }
}
