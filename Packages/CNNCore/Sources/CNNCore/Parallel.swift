import CDNNL

/// Work split across the engine's threads. Ranges are split statically (same thread count,
/// same split), so results that depend on summation order are reproducible run to run.
///
/// The threads are OpenMP's (libgomp), the ones oneDNN's convolutions and sgemm run on: one
/// pool for the whole step. With a second pool (libdispatch's, before), every hand-over between
/// an engine loop and a oneDNN call woke the other pool's sleeping threads; at batch 32 on 2
/// threads that cost ResNet and the small CNN a third of their second core (1 → 2 threads gave
/// 1.3–1.4× where PyTorch gets 1.9×; bench/results/throughput-2026-12-01.txt).
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

    /// Caps the threads at a hub's CPU_LIMIT (JupyterHub's cpu_limit for this learner, in cores,
    /// possibly fractional: 0.5 gives one thread), so thirty kernels on one host do not each start
    /// a thread per core. Anything but a positive number leaves the threads alone.
    public static func adoptCPULimit(_ text: String?) {
        guard let text, let cores = Double(text), cores.isFinite, cores > 0 else { return }
        threads = min(threads, max(1, Int(min(cores, 4096).rounded(.up))))
    }

    /// Calls `body(range)` for `threads` contiguous parts of 0..<count (fewer for small counts).
    /// `grain` is the smallest count worth a thread.
    public static func forEachChunk(_ count: Int, grain: Int = 1, _ body: (Range<Int>) -> Void) {
        let t = min(threads, max(1, count / max(1, grain)))
        // Inside another loop's region the body runs in place, whatever OMP_MAX_ACTIVE_LEVELS
        // says: a team per thread would oversubscribe the cores.
        if t <= 1 || count < 2 || omp_in_parallel() != 0 {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var region = Region(body: body, count: count, parts: t)
            withUnsafeMutablePointer(to: &region) { pointer in
                GOMP_parallel({ raw in
                    let region = raw!.assumingMemoryBound(to: Region.self).pointee
                    // The split depends only on `parts`; a smaller team (OMP_THREAD_LIMIT) takes
                    // several parts per thread.
                    let team = Int(omp_get_num_threads()), me = Int(omp_get_thread_num())
                    for part in stride(from: me, to: region.parts, by: max(1, team)) {
                        let lo = region.count * part / region.parts, hi = region.count * (part + 1) / region.parts
                        if lo < hi { region.body(lo..<hi) }
                    }
                }, pointer, UInt32(t), 0)
            }
        }
    }

    /// One parallel region's work, handed to libgomp's C callback by pointer.
    private struct Region {
        let body: (Range<Int>) -> Void
        let count: Int
        let parts: Int
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
