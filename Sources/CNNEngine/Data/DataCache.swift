import CNNCore
import Foundation
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// Decoded data sets kept as files that every kernel on the host maps read-only (PixelStore):
/// the first kernel to load Fashion-MNIST inflates the gzip files once and writes the bytes here;
/// every later load, by any learner whose kernel can read the directory, maps the file instead of
/// holding its own copy. A class of thirty on one JupyterHub then holds the pixels once.
///
/// The directory is `CNN_KERNEL_DATA_CACHE` (`off`: no cache), else `$XDG_CACHE_HOME/cnn-kernel`,
/// else `~/.cache/cnn-kernel`. A hub points every learner at one directory the administrator
/// filled (`cnn-kernel cache-data`) and learners cannot write.
///
/// A cache file is untrusted like any file: its header is checked against its size and the sources
/// it claims, labels against the classes, and it is mapped only when owned by this user or root
/// and writable by no one else (another writer could truncate it under the map, and reading a
/// truncated map kills the process). Any doubt falls back to reading the sources. So a cache
/// shared by several users is filled by root (`cnn-kernel cache-data`, as deploy/jupyterhub/start
/// does); a kernel never replaces a file another user owns.
///
/// Layout (little-endian): "CNNDATA1"; UInt32 channels, height, width, count, classes, names
/// bytes, 0, 0; the 32-character source key; class names (UTF-8, one per line); labels; then,
/// at the next 4,096-byte boundary, the pixels (count × height × width × channels, channels-last).
public struct DataCache: Sendable {
    public let directory: String
    /// The user whose cache files this kernel trusts beside root's, and may replace: itself (the
    /// tests name another, to play a second learner without being root).
    let user: uid_t

    public init(directory: String) { self.init(directory: directory, user: geteuid()) }

    init(directory: String, user: uid_t) {
        self.directory = directory
        self.user = user
    }

    /// The cache the environment names, or nil when it says `off` or names no home.
    public static func fromEnvironment() -> DataCache? {
        func env(_ k: String) -> String? { getenv(k).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } }
        if let d = env("CNN_KERNEL_DATA_CACHE") { return d == "off" ? nil : DataCache(directory: d) }
        if let x = env("XDG_CACHE_HOME") { return DataCache(directory: x + "/cnn-kernel") }
        if let h = env("HOME") { return DataCache(directory: h + "/.cache/cnn-kernel") }
        return nil
    }

    static let magic: [UInt8] = Array("CNNDATA1".utf8)
    static let headerBytes = 8 + 8 * 4 + 32
    static let pageAlignment = 4096
    static let largestFile = 1 << 34

    /// What identifies a decoded set: the data set's name, part and classes, and each source file's
    /// path, size and modification time (a changed source gives a new key, so a stale cache file
    /// is never read). Not the device or inode: a container's image layers keep paths and times
    /// but not those, and the cache baked into an image must match in every container of it.
    /// Nil when a source cannot be examined.
    public static func key(name: String, part: String, classNames: [String], sources: [String]) -> String? {
        var text = "cnndata 1|\(name)|\(part)|\(classNames.joined(separator: "\u{1F}"))"
        for path in sources {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            text += "|\(path)|\(st.st_size)|\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        }
        // Two 64-bit FNV-1a hashes with different offsets: an identity, not a defence (the file's
        // content is checked on its own).
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
            b = b &+ (b >> 29)
        }
        func hex(_ v: UInt64) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
        return hex(a) + hex(b)
    }

    /// The file of one set: `fashion-mnist-train-<key>.cnndata`.
    public func path(name: String, part: String, key: String) -> String {
        let safe = String((name + "-" + part).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }.prefix(64))
        return "\(directory)/\(safe)-\(key).cnndata"
    }

    /// The set the cache holds under `key`, mapped read-only; nil when there is none or it is not
    /// to be trusted.
    public func load(name: String, part: String, key: String, classNames: [String]) -> Dataset? {
        let file = path(name: name, part: part, key: key)
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
              st.st_uid == user || st.st_uid == 0, st.st_mode & 0o022 == 0,
              st.st_size >= Self.headerBytes, st.st_size <= Self.largestFile else { return nil }
        let size = Int(st.st_size)
        guard let mapping = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), mapping != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        let bytes = UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size)
        guard let layout = Self.layout(of: bytes, key: key, classNames: classNames) else {
            munmap(mapping, size)
            return nil
        }
        let labels = Array(bytes[layout.labelsAt..<(layout.labelsAt + layout.count)])
        let store = PixelStore(mapping: mapping, length: size, offset: layout.pixelsAt, count: size - layout.pixelsAt)
        return Dataset(name: name, shape: layout.shape, classNames: classNames, store: store, rows: nil, labels: labels)
    }

    struct Layout {
        var shape: FeatureShape, count: Int, labelsAt: Int, pixelsAt: Int
    }

    /// The layout a cache file's header declares, when it agrees with the file's size, the key and
    /// the classes asked for, and every label names a class.
    static func layout(of b: UnsafeBufferPointer<UInt8>, key: String, classNames: [String]) -> Layout? {
        guard b.count >= headerBytes, Array(b[0..<8]) == magic else { return nil }
        func u32(_ i: Int) -> Int { (0..<4).reduce(0) { $0 | Int(b[8 + 4 * i + $1]) << (8 * $1) } }
        let c = u32(0), h = u32(1), w = u32(2), count = u32(3), classes = u32(4), namesBytes = u32(5)
        guard (1...4).contains(c), (1...4096).contains(h), (1...4096).contains(w), count <= 50_000_000,
              classes == classNames.count, namesBytes <= 1 << 20,
              String(decoding: b[40..<72], as: UTF8.self) == key else { return nil }
        let namesAt = headerBytes, labelsAt = namesAt + namesBytes
        let pixelsAt = (labelsAt + count + pageAlignment - 1) / pageAlignment * pageAlignment
        let (pixels, overflow) = (c * h * w).multipliedReportingOverflow(by: count)
        guard !overflow, pixelsAt + pixels == b.count else { return nil }
        guard String(decoding: b[namesAt..<labelsAt], as: UTF8.self) == classNames.joined(separator: "\n") else { return nil }
        for i in labelsAt..<(labelsAt + count) where Int(b[i]) >= classes { return nil }
        return Layout(shape: .image(c: c, h: h, w: w), count: count, labelsAt: labelsAt, pixelsAt: pixelsAt)
    }

    /// Writes `set` under `key` (to a new file linked into place, so a reader sees a whole file or
    /// none) and returns it mapped from there; nil when the directory cannot take it (the
    /// caller keeps its own copy). Readable by everyone: the data sets are public.
    public func store(_ set: Dataset, part: String, key: String) -> Dataset? {
        guard case .image(let c, let h, let w) = set.shape, set.classNames.count < 256 else { return nil }
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])) != nil else { return nil }
        let names = Array(set.classNames.joined(separator: "\n").utf8)
        var header = Self.magic
        for v in [c, h, w, set.count, set.classNames.count, names.count, 0, 0] {
            for k in 0..<4 { header.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
        }
        header += Array(key.utf8.prefix(32))
        guard header.count == Self.headerBytes else { return nil }
        header += names
        header += set.labels
        let pixelsAt = (header.count + Self.pageAlignment - 1) / Self.pageAlignment * Self.pageAlignment
        header += [UInt8](repeating: 0, count: pixelsAt - header.count)

        let final = path(name: set.name, part: part, key: key)
        removeStaleTemporaries(of: final)
        // An unpredictable name, so a kernel killed mid-write (a culler, the OOM killer) never
        // blocks the next one, which in a container gets the same pid.
        guard let (fd, temporary) = try? AtomicFile.createTemporary(beside: final) else { return nil }
        var ok = fchmod(fd, 0o644) == 0 && header.withUnsafeBytes { AtomicFile.writeAll(fd, $0) }
        if let all = set.contiguousPixels {
            ok = ok && AtomicFile.writeAll(fd, UnsafeRawBufferPointer(all))  // one write, not one per image
        } else {
            for i in 0..<set.count where ok { ok = AtomicFile.writeAll(fd, UnsafeRawBufferPointer(set.image(i))) }
        }
        ok = close(fd) == 0 && ok
        guard ok else {
            unlink(temporary)
            return nil
        }
        // Linked, not renamed, into place: when several kernels of a class decode the same data at
        // once, the first file stays and every kernel maps that one inode (a rename would leave
        // each earlier kernel mapping a file since replaced, and its pages unshared). A file there
        // that does not load (damaged, foreign) is replaced.
        if link(temporary, final) != 0 {
            guard errno == EEXIST else {
                unlink(temporary)
                return nil
            }
            if let existing = load(name: set.name, part: part, key: key, classNames: set.classNames) {
                unlink(temporary)
                return existing
            }
            // Replaced only when it is ours: two users renaming over each other's files would
            // leave every earlier kernel mapping a file since replaced.
            var st = stat()
            guard lstat(final, &st) == 0, st.st_uid == user, rename(temporary, final) == 0 else {
                unlink(temporary)
                return nil
            }
        } else {
            unlink(temporary)
        }
        return load(name: set.name, part: part, key: key, classNames: set.classNames)
    }

    /// The cached set, or the one `read` makes, stored for the next kernel (or kept as read when
    /// the cache cannot take it).
    public static func cached(_ cache: DataCache?, name: String, part: String, classNames: [String], sources: [String],
                              read: () throws -> Dataset) rethrows -> Dataset {
        guard let cache, let key = key(name: name, part: part, classNames: classNames, sources: sources) else { return try read() }
        if let hit = cache.load(name: name, part: part, key: key, classNames: classNames) { return hit }
        let set = try read()
        return cache.store(set, part: part, key: key) ?? set
    }

    /// Temporary files of `final` left by kernels killed while writing (this user's, older than
    /// ten minutes: a kernel writing now is never disturbed).
    private func removeStaleTemporaries(of final: String) {
        let prefix = AtomicFile.temporaryPrefix(for: final)
        let name = String(prefix.split(separator: "/").last!)
        let cutoff = time(nil) - 600
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(name) {
            var st = stat()
            let full = "\(directory)/\(entry)"
            if lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == user, st.st_mtim.tv_sec < cutoff {
                unlink(full)
            }
        }
    }
}
