import CNNCore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `Parallel.forEachChunk` on libgomp's team: the static split (the same parts for the same
/// thread count, which keeps order-dependent sums reproducible), every index exactly once, the
/// parts really on different threads, and a loop inside a loop run in place.
final class ParallelTests: XCTestCase {
    override func tearDown() { Parallel.threads = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    func testPartsAreTheStaticSplitEachIndexOnceOnDistinctThreads() {
        Parallel.threads = 2
        let count = 1_001
        let lock = NSLock()
        var parts: [Range<Int>] = [], threads = Set<UInt>()
        var seen = [Int](repeating: 0, count: count)
        seen.withUnsafeMutableBufferPointer { buffer in
            let seenPointer = UncheckedBuffer(buffer)
            Parallel.forEachChunk(count) { range in
                lock.lock()
                parts.append(range)
                threads.insert(UInt(pthread_self()))
                lock.unlock()
                // Long enough that one thread cannot take both parts before the other starts.
                usleep(20_000)
                for i in range { seenPointer.value[i] += 1 }
            }
        }
        XCTAssertEqual(parts.sorted { $0.lowerBound < $1.lowerBound }, [0..<500, 500..<1_001])
        XCTAssertEqual(seen, [Int](repeating: 1, count: count))
        XCTAssertEqual(threads.count, 2, "the two parts ran on two threads")
    }

    func testALoopInsideALoopRunsInPlaceAndCoversItsRange() {
        Parallel.threads = 2
        let lock = NSLock()
        var inner: [Int] = []
        var elsewhere = 0
        Parallel.forEachChunk(2) { outer in
            let outerThread = pthread_self()
            for o in outer {
                Parallel.forEachChunk(10) { range in
                    lock.lock()
                    inner.append(contentsOf: range.map { o * 10 + $0 })
                    if pthread_equal(pthread_self(), outerThread) == 0 { elsewhere += 1 }
                    lock.unlock()
                }
            }
        }
        XCTAssertEqual(inner.sorted(), Array(0..<20))
        // With libgomp's default (one active level) this holds even without Parallel's own guard;
        // the guard keeps it so under OMP_MAX_ACTIVE_LEVELS > 1, which is read only at start.
        XCTAssertEqual(elsewhere, 0, "an inner loop's parts ran on other threads than its caller")
    }

    func testOneThreadOrTinyCountsRunOnTheCallingThread() {
        Parallel.threads = 1
        let me = UInt(pthread_self())
        var ran: [UInt] = []
        Parallel.forEachChunk(100) { _ in ran.append(UInt(pthread_self())) }
        Parallel.threads = 2
        Parallel.forEachChunk(1) { _ in ran.append(UInt(pthread_self())) }
        Parallel.forEachChunk(100, grain: 64) { _ in ran.append(UInt(pthread_self())) }
        XCTAssertEqual(ran, [me, me, me])
    }
}

private struct UncheckedBuffer: @unchecked Sendable {
    let value: UnsafeMutableBufferPointer<Int>
    init(_ v: UnsafeMutableBufferPointer<Int>) { value = v }
}
