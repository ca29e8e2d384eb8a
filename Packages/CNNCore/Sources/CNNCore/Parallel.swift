import CDNNL

/// Work split across the engine's threads. Ranges are split statically (same thread count,
/// same split), so results that depend on summation order are reproducible run to run.
public enum Parallel {
    /// Both (all) cores by default; `threads N` in the language changes it.
    nonisolated(unsafe) private static var _threads = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    private static let lock = SpinLock()

    /// Number of threads used by the engine's own loops and by the GEMM library.
    public static var threads: Int {
        get { lock.withLock { _threads } }
        set {
            let n = max(1, newValue)
            lock.withLock { _threads = n }
            GEMM.setThreads(n)
        }
    }

    /// Calls `body(range)` for `threads` contiguous parts of 0..<count (fewer for small counts).
    /// `grain` is the smallest count worth a thread.
    ///
    /// The parts run on OpenMP's threads, the ones oneDNN's convolutions and GEMM run on. With a
    /// pool of the engine's own (Dispatch's) beside OpenMP's, each switch between a convolution
    /// and an element-wise loop woke the other pool while OpenMP's threads still spun on the
    /// cores: GoogLeNet's step lost a fifth when OpenMP spun longer (GOMP_SPINCOUNT=1000000).
    public static func forEachChunk(_ count: Int, grain: Int = 1, _ body: (Range<Int>) -> Void) {
        let t = min(threads, max(1, count / max(1, grain)))
        if t <= 1 || count < 2 {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var job = Job(count: count, parts: t, body: body)
            withUnsafeMutablePointer(to: &job) { p in
                GOMP_parallel({ raw in
                    let job = raw!.assumingMemoryBound(to: Job.self)
                    // A team may be smaller than asked (inside another parallel region it is
                    // one thread): each member takes parts i, i + team, …, so all are done.
                    let team = Int(omp_get_num_threads())
                    var part = Int(omp_get_thread_num())
                    while part < job.pointee.parts {
                        let (count, parts) = (job.pointee.count, job.pointee.parts)
                        let lo = count * part / parts, hi = count * (part + 1) / parts
                        if lo < hi { job.pointee.body(lo..<hi) }
                        part += team
                    }
                }, p, UInt32(t), 0)
            }
        }
    }

    /// One call's work, handed to the team through a pointer (a C function cannot capture).
    private struct Job {
        let count: Int, parts: Int
        let body: (Range<Int>) -> Void
    }
}

/// A tiny lock for rarely-contended state.
final class SpinLock: @unchecked Sendable {
    private var flag = pthread_mutex_t()
    init() { pthread_mutex_init(&flag, nil) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&flag)
        defer { pthread_mutex_unlock(&flag) }
        return try body()
    }
}

#if canImport(Glibc)
import Glibc
#endif
