#if canImport(Glibc)
import Glibc
#endif

/// Reading a file the user named, treated as untrusted: only a regular file is read (a FIFO, a
/// device such as /dev/zero, a socket or a directory is an error at once, without blocking),
/// and never more than `limit` bytes.
public enum RegularFile {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        /// What is wrong, without the path ("No such file or directory", "is a directory, not a regular file").
        public let reason: String
        public var description: String { reason.hasPrefix("is ") ? "\(path) \(reason)" : "\(path): \(reason)" }
    }

    /// Thrown when `shouldStop` said so between two reads.
    public struct Stopped: Error, Equatable { public init() {} }

    /// The file's bytes, read 16 MB at a time; `shouldStop` is asked between reads.
    public static func read(_ path: String, limit: Int = 1 << 32, shouldStop: () -> Bool = { false }) throws -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw Failure(path: path, reason: "is \(kind(st.st_mode)), not a regular file")
        }
        let size = Int(st.st_size)
        guard size <= limit else {
            throw Failure(path: path, reason: "is \(size) bytes; files read here may be at most \(limit) bytes")
        }
        var out = [UInt8](repeating: 0, count: size)
        var off = 0
        while off < size {
            if shouldStop() { throw Stopped() }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + off, min(16 << 20, size - off)) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }  // shrank while being read
            off += n
        }
        return off == size ? out : Array(out[0..<off])
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}
