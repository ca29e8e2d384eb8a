#if canImport(Glibc)
import Glibc
#endif
import SafeFiles

/// Small POSIX file helpers. Writes go through `AtomicFile` (SafeFiles).
public enum FileIO {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// A regular file only (a FIFO or a device is an error at once), at most `limit` bytes.
    public static func readAll(path: String, limit: Int = 1 << 30) throws -> [UInt8] {
        do { return try RegularFile.read(path, limit: limit) } catch let e as RegularFile.Failure {
            throw Failure(description: e.reason)  // callers name the file themselves
        }
    }

    /// The last `maxBytes` bytes of a regular file (all of it when smaller), and the file's size:
    /// reading a long log's end without reading the rest.
    public static func readTail(path: String, maxBytes: Int) throws -> (bytes: [UInt8], size: Int) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: errnoText()) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(description: errnoText()) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw Failure(description: "not a regular file") }
        let size = Int(st.st_size)
        let start = max(0, size - max(0, maxBytes))
        let wanted = size - start
        var out = [UInt8](repeating: 0, count: wanted)
        var off = 0
        while off < wanted {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + off, wanted - off, off_t(start + off)) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure(description: errnoText())
            }
            if n == 0 { break }
            off += n
        }
        return (off == wanted ? out : Array(out[0..<off]), size)
    }

    /// Through `AtomicFile`: the old contents or the new, never a torn file or a followed link.
    public static func writeAtomically(path: String, bytes: [UInt8], mode: mode_t = 0o644) throws {
        do { try AtomicFile.write(bytes, to: path, mode: mode) } catch let e as AtomicFile.Failure {
            throw Failure(description: e.description)
        }
    }

    public static func writeFully(fd: Int32, bytes: [UInt8]) -> Bool { AtomicFile.writeAll(fd, bytes) }

    /// Appends one record with a single write(2) on an O_APPEND descriptor, so lines
    /// from two kernels sharing the file never interleave.
    public static func append(path: String, bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return writeFully(fd: fd, bytes: bytes)
    }

    /// mkdir -p.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw Failure(description: "cannot create \(current): \(errnoText())")
            }
        }
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}
