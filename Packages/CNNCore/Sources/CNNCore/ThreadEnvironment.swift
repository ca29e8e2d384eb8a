#if canImport(Glibc)
import Glibc
#endif

/// How long OpenMP's threads spin for more work before they sleep. On x86-64 every loop of a
/// training step runs on them (`Parallel`, oneDNN), so a thread that has just finished one region
/// is usually needed again within microseconds; waking it from sleep each time
/// (OMP_WAIT_POLICY=PASSIVE, as the engine ran when its own loops had a second pool) cost ResNet
/// at batch 32 on 2 threads a quarter of its speed (994 vs 1,309 images/s beside PyTorch,
/// bench/results/throughput-2026-12-01.txt). libgomp's own default spins about 3 ms (300,000
/// rounds) and ACTIVE about 5 minutes, which would keep an idle kernel's core busy; about 1 ms
/// (100,000) measured as fast as 3 ms. Spinning does not apply when threads outnumber cores
/// (libgomp throttles it) or at `threads 1` (no team). Elsewhere (arm64) the matrix products run
/// on OpenBLAS's own threads, which a spinning OpenMP thread would compete with: no spin there.
/// The count is read once, when libgomp loads.
public enum ThreadEnvironment {
    #if arch(x86_64)
    public static let spinCount = "100000"
    #else
    public static let spinCount = "0"
    #endif

    /// If GOMP_SPINCOUNT is unset, sets it to `spinCount` and re-executes this program with the
    /// same arguments (a few milliseconds; the kernelspec sets it, so Jupyter's kernels need not).
    /// GOMP_SPINCOUNT overrides OMP_WAIT_POLICY's spinning; GOMP_SPINCOUNT=0 never spins. Call
    /// first thing in `main`.
    public static func ensureShortOpenMPSpin() {
        guard getenv("GOMP_SPINCOUNT") == nil else { return }
        setenv("GOMP_SPINCOUNT", spinCount, 1)
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // exec failed (no /proc): carry on with libgomp's default spin rather than not at all.
    }
}
