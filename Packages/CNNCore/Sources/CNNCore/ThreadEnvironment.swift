#if canImport(Glibc)
import Glibc
#endif

/// The GEMM library's OpenMP threads spin after each parallel region by default, taking the
/// cores from the engine's own loops between products: on 2 cores that made ResNet training
/// 2.8× slower here (80 vs 221 images/s). The wait policy is read once, when libgomp loads, so
/// it must be in the environment before the process starts.
public enum ThreadEnvironment {
    /// If OMP_WAIT_POLICY is unset, sets it to PASSIVE and re-executes this program with the same
    /// arguments (a few milliseconds). Call first thing in `main`.
    public static func ensurePassiveOpenMPWaiting() {
        guard getenv("OMP_WAIT_POLICY") == nil else { return }
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1)
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // exec failed (no /proc): carry on with spinning threads rather than not at all.
    }
}
