import CNNCore
@testable import CNNEngine
import SafeFiles
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The shared data cache: a decoded set is written once and mapped by every later load; a cache
/// file that is damaged, forged or writable by others is never mapped, and the sources are read.
final class DataCacheTests: XCTestCase {
    var dir: String!
    var cache: DataCache { DataCache(directory: dir + "/cache") }
    let classes = ["a", "b", "c"]

    override func setUp() {
        dir = NSTemporaryDirectory() + "cnn-cache-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// A source file (its identity is what the key is made of) and a small set "read" from it.
    func source(_ content: String = "v1") -> String {
        let p = dir + "/source.bin"
        FileManager.default.createFile(atPath: p, contents: Data(content.utf8))
        return p
    }
    func made(_ n: Int = 5) -> Dataset {
        Dataset(name: "toy", shape: .image(c: 2, h: 3, w: 2), classNames: classes,
                images: (0..<(n * 12)).map { UInt8(($0 * 7) % 256) }, labels: (0..<n).map { UInt8($0 % 3) })
    }
    func load(_ src: String, reads: inout Int) -> Dataset {
        DataCache.cached(cache, name: "toy", part: "train", classNames: classes, sources: [src]) { reads += 1; return made() }
    }
    func cacheFile(_ src: String) -> String {
        cache.path(name: "toy", part: "train", key: DataCache.key(name: "toy", part: "train", classNames: classes, sources: [src])!)
    }
    /// A source whose set the cache has stored: the source, the cache file and its bytes.
    func stored() throws -> (src: String, file: String, bytes: Data) {
        let src = source()
        var reads = 0
        _ = load(src, reads: &reads)
        let file = cacheFile(src)
        return (src, file, try Data(contentsOf: URL(fileURLWithPath: file)))
    }
    /// `file` made anew with these bytes and this mode.
    func replace(_ file: String, with bytes: Data, mode: Int = 0o644) {
        try? FileManager.default.removeItem(atPath: file)
        FileManager.default.createFile(atPath: file, contents: bytes)
        chmod(file, mode_t(mode))
    }

    func testTheFirstLoadStoresAndEveryLaterOneMapsTheSameBytes() throws {
        let src = source()
        var reads = 0
        let first = load(src, reads: &reads), second = load(src, reads: &reads)
        XCTAssertEqual(reads, 1, "the second load reads nothing")
        XCTAssertTrue(first.store.isMapped, "the first kernel maps what it stored, keeping no copy")
        XCTAssertTrue(second.store.isMapped)
        XCTAssertEqual(second.imagesCopy(), made().imagesCopy())
        XCTAssertEqual(second.labels, made().labels)
        XCTAssertEqual(second.shape, made().shape)
        XCTAssertEqual(second.ownBytes, 5, "only the labels are the kernel's own")
        let attributes = try FileManager.default.attributesOfItem(atPath: cacheFile(src))
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o644, "other learners can read it, not write it")
        XCTAssertEqual((attributes[.size] as? NSNumber)?.intValue, 4096 + 60, "header, names and labels in one page, then the pixels")
    }

    func testViewsAndSplitsOfAMappedSetCopyNoPixels() {
        let src = source()
        var reads = 0
        let set = load(src, reads: &reads)
        let view = set.subset([4, 0, 2])
        XCTAssertTrue(view.store === set.store)
        XCTAssertEqual(view.imagesCopy(), Array(made().imagesCopy()[48..<60] + made().imagesCopy()[0..<12] + made().imagesCopy()[24..<36]))
        XCTAssertEqual(view.subset([1]).imagesCopy(), Array(made().imagesCopy()[0..<12]), "a view of a view")
        let mapped = DataSplit(train: set, test: nil, validation: 2, seed: 3)
        let owned = DataSplit(train: made(), test: nil, validation: 2, seed: 3)
        XCTAssertTrue(mapped.train.store === set.store && mapped.validation!.store === set.store)
        XCTAssertEqual(mapped.normalization, owned.normalization, "the same statistics, in the same order")
        XCTAssertEqual(mapped.train.imagesCopy(), owned.train.imagesCopy())
    }

    func testAChangedSourceGetsANewFile() {
        var reads = 0
        let before = cacheFile(source("v1"))
        _ = load(source("v1"), reads: &reads)
        let after = cacheFile(source("version 2"))
        XCTAssertNotEqual(before, after, "size and time are in the key")
        _ = load(source("version 2"), reads: &reads)
        XCTAssertEqual(reads, 2)
    }

    /// Each damage makes the load read the sources again (and the fresh file replaces the bad one).
    func testDamagedForgedOrForeignWritableFilesAreNeverMapped() throws {
        let (src, file, good) = try stored()
        var reads = 0
        func damaged(_ why: String, _ bytes: Data, mode: Int = 0o644) throws {
            replace(file, with: bytes, mode: mode)
            XCTAssertNil(cache.load(name: "toy", part: "train", key: String(file.split(separator: "-").last!.dropLast(8)), classNames: classes), why)
            let before = reads
            let set = load(src, reads: &reads)
            XCTAssertEqual(reads, before + 1, why)
            XCTAssertEqual(set.imagesCopy(), made().imagesCopy(), why)
        }
        try damaged("truncated", good.prefix(good.count - 1))
        try damaged("longer than declared", good + Data([0]))
        var badLabel = good; badLabel[72 + 5 + 1] = 3  // after the header and "a\nb\nc"
        try damaged("a label past the classes", badLabel)
        var badMagic = good; badMagic[0] = 0x58
        try damaged("not a cache file", badMagic)
        var badKey = good; badKey[40] = badKey[40] == 0x30 ? 0x31 : 0x30
        try damaged("another source's key", badKey)
        var badCount = good; badCount[8 + 12] = 200
        try damaged("a count the size does not match", badCount)
        try damaged("writable by the group", good, mode: 0o664)
        try damaged("writable by everyone", good, mode: 0o646)
        try? FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: dir + "/elsewhere")
        FileManager.default.createFile(atPath: dir + "/elsewhere", contents: good)
        XCTAssertNil(cache.load(name: "toy", part: "train", key: String(file.split(separator: "-").last!.dropLast(8)), classNames: classes), "a link")
    }

    /// Kernels of a class that decode the same data at once end up mapping one file: the one
    /// stored first stays, and a later store maps it rather than replacing it.
    func testALaterStoreMapsTheFileAlreadyThere() throws {
        let src = source()
        let key = DataCache.key(name: "toy", part: "train", classNames: classes, sources: [src])!
        let first = try XCTUnwrap(cache.store(made(), part: "train", key: key))
        let inode = { (path: String) -> UInt in var st = stat(); _ = stat(path, &st); return UInt(st.st_ino) }
        let before = inode(cacheFile(src))
        let second = try XCTUnwrap(cache.store(made(), part: "train", key: key))
        XCTAssertEqual(inode(cacheFile(src)), before, "the first file stays")
        XCTAssertEqual(first.imagesCopy(), second.imagesCopy())
        // Temporaries are hidden files (AtomicFile.createTemporary: ".<name>.tmp-<random>").
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary file stays behind")
    }

    /// A kernel killed while writing leaves a temporary file: a later store removes it once it is
    /// ten minutes old, and leaves a recent one (a kernel may be writing it now).
    func testStaleTemporaryFilesAreRemovedAndRecentOnesKept() throws {
        let src = source()
        let key = DataCache.key(name: "toy", part: "train", classNames: classes, sources: [src])!
        let prefix = AtomicFile.temporaryPrefix(for: cacheFile(src))
        try FileManager.default.createDirectory(atPath: dir + "/cache", withIntermediateDirectories: true)
        let stale = prefix + "deadbeefdeadbeef", recent = prefix + "0123456789abcdef"
        for p in [stale, recent] { FileManager.default.createFile(atPath: p, contents: Data(count: 100)) }
        var times = [timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, stale, &times, 0), 0)
        XCTAssertNotNil(cache.store(made(), part: "train", key: key))
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: recent))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").filter { $0.hasPrefix(".") }
        XCTAssertEqual(left, [String(recent.split(separator: "/").last!)], "the store's own temporary is gone")
    }

    /// In a directory several users write, a kernel never replaces another user's file (it keeps
    /// its own copy instead). The other learner is played by a cache that trusts another uid.
    func testAnotherUsersFileIsNeverReplaced() throws {
        let (src, file, good) = try stored()
        var bytes = good
        bytes[0] = 0x58  // damaged, so it does not load
        replace(file, with: bytes)
        let otherUser: uid_t = geteuid() == 12_345 ? 12_346 : 12_345
        let theirs = DataCache(directory: dir + "/cache", user: otherUser)
        let set = DataCache.cached(theirs, name: "toy", part: "train", classNames: classes, sources: [src]) { made() }
        XCTAssertFalse(set.store.isMapped, "their own copy")
        XCTAssertEqual(set.imagesCopy(), made().imagesCopy())
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), bytes, "the first user's file stays as it was")
        let ours = DataCache.cached(cache, name: "toy", part: "train", classNames: classes, sources: [src]) { made() }
        XCTAssertTrue(ours.store.isMapped, "its owner replaces it")
    }

    func testADirectoryThatCannotTakeTheFileLeavesTheKernelItsOwnCopy() {
        FileManager.default.createFile(atPath: dir + "/cache", contents: Data("a file, not a directory".utf8))
        var reads = 0
        let set = load(source(), reads: &reads)
        XCTAssertFalse(set.store.isMapped)
        XCTAssertEqual(set.imagesCopy(), made().imagesCopy())
    }

    func testFashionMNISTThroughTheCacheEqualsTheDirectRead() throws {
        let direct = try DataReaders.readIDXDirectory(DataReaders.fashionDirectory, name: "fashion-mnist", classNames: DataReaders.fashionClasses)
        _ = try DataReaders.readIDXDirectory(DataReaders.fashionDirectory, name: "fashion-mnist", classNames: DataReaders.fashionClasses, cache: cache)
        let mapped = try DataReaders.readIDXDirectory(DataReaders.fashionDirectory, name: "fashion-mnist", classNames: DataReaders.fashionClasses, cache: cache)
        XCTAssertTrue(mapped.train.store.isMapped && mapped.test!.store.isMapped)
        XCTAssertEqual(mapped.train.count, 60_000)
        XCTAssertEqual(mapped.train.labels, direct.train.labels)
        XCTAssertEqual(mapped.test!.labels, direct.test!.labels)
        for i in [0, 1, 29_999, 59_999] { XCTAssertTrue(mapped.train.image(i).elementsEqual(direct.train.image(i)), "image \(i)") }
        XCTAssertEqual(mapped.train.statistics(), direct.train.statistics())
    }
}
