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

    /// `count` owned bytes, zeroed unless `zeroed` is false (`fill` then writes every byte: no
    /// pass over gigabytes before a generator's first interrupt check), written by `fill`: a set
    /// built in place, not built in an array and copied (which held its pixels twice until the
    /// array went).
    public init(count: Int, zeroed: Bool = true, filling fill: (UnsafeMutableBufferPointer<UInt8>) throws -> Void) rethrows {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, count))
        if zeroed { p.initialize(repeating: 0, count: count) }
        do { try fill(UnsafeMutableBufferPointer(start: p, count: count)) } catch { p.deallocate(); throw error }
        base = UnsafePointer(p)
        self.count = count
        isMapped = false
        release = { p.deallocate() }
    }

    /// A private copy of `bytes`.
    public convenience init<Bytes: Collection>(copying bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(count: bytes.count, zeroed: false) { _ = $0.initialize(from: bytes) }
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
