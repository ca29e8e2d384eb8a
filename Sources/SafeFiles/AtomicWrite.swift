#if canImport(Glibc)
import Glibc
#endif

/// Files written so that a reader sees the old contents or the new, never a torn file, and so
/// that nothing planted in the directory can redirect the write: the temporary file has an
/// unpredictable name in the target's own directory, is created exclusively and never through a
/// symbolic link, is flushed before the rename, and the directory is flushed after it. On any
/// failure the temporary file is removed. The transport (history, kernelspecs) and the engine
/// (checkpoints, curves) both write through here.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let (dir, _) = split(path)
        let (fd, tmp) = try createTemporary(beside: path, mode: mode)
        var ok = writeAll(fd, bytes)
        ok = ok && fsync(fd) == 0
        let e = errno
        close(fd)
        guard ok else {
            unlink(tmp)
            throw Failure(description: "\(path): cannot write (\(String(cString: strerror(e))))")
        }
        guard rename(tmp, path) == 0 else {
            let text = errnoText()
            unlink(tmp)
            throw Failure(description: "\(path): cannot write (\(text))")
        }
        // The rename itself is durable only once the directory is flushed.
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// A new file beside `path`, `.NAME.tmp-` and 16 random characters, created exclusively and
    /// never through a link, open for writing; the caller renames or links it into place.
    public static func createTemporary(beside path: String, mode: mode_t = 0o644) throws -> (fd: Int32, path: String) {
        let (dir, _) = split(path)
        for _ in 0..<16 {
            let tmp = temporaryPrefix(for: path) + randomSuffix()
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { return (fd, tmp) }
            if errno != EEXIST { throw Failure(description: "\(path): cannot write (\(errnoText()))") }
            // someone's file: take another name
        }
        throw Failure(description: "\(path): cannot write (no free temporary name in \(dir))")
    }

    /// What every temporary file of `path` starts with (its directory included).
    public static func temporaryPrefix(for path: String) -> String {
        let (dir, name) = split(path)
        return dir + "/." + name + ".tmp-"
    }

    /// The directory (".", if none) and the file's name.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    static func randomSuffix() -> String {
        var g = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<16).map { _ in digits[Int(g.next() % UInt64(digits.count))] })
    }

    /// Writes all of `bytes` to `fd`, retrying after signals; false on an error.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            off += n
        }
        return true
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
