#if canImport(Glibc)
import Glibc
#endif

/// Where a data set's pixels live: memory the kernel owns, or a read-only map of a shared cache
/// file (DataCache). Mapped pages are the page cache's: every kernel on the host that maps the same
/// file reads the same physical pages, so thirty learners on one Fashion-MNIST hold it once.
/// Immutable after creation, so views (Dataset.subset) share one store across threads.
public final class PixelStore: @unchecked Sendable {
    public let base: UnsafePointer<UInt8>
    public let count: Int
    /// Whether the pixels are mapped from a file (shared with other processes) rather than owned.
    public let isMapped: Bool
    private let release: () -> Void

    /// A private copy of `bytes`.
    public init(copying bytes: [UInt8]) {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: bytes.count) } }
        base = UnsafePointer(p)
        count = bytes.count
        isMapped = false
        release = { p.deallocate() }
    }

    /// `count` bytes at `offset` of a mapping of `length` bytes at `mapping` (munmapped when the
    /// store goes).
    init(mapping: UnsafeMutableRawPointer, length: Int, offset: Int, count: Int) {
        precondition(offset >= 0 && count >= 0 && offset + count <= length, "pixels inside the mapping")
        base = UnsafePointer(mapping.advanced(by: offset).assumingMemoryBound(to: UInt8.self))
        self.count = count
        isMapped = true
        release = { munmap(mapping, length) }
    }

    deinit { release() }
}
