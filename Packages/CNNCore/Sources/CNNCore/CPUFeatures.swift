#if canImport(Glibc)
import Glibc
#endif

/// What the CPU can run beyond the baseline the engine is compiled for (x86-64: SSE2).
public enum CPUFeatures {
    /// Whether the CPU (and the kernel, which lists a feature only when it saves its registers)
    /// has every x86-64-v3 feature the compiler may use for it: AVX, AVX2, BMI1, BMI2, F16C, FMA,
    /// LZCNT (listed as abm), MOVBE and POPCNT. The WideKernels module is compiled for that level and runs only where this holds.
    /// Read from /proc/cpuinfo: false where it cannot be read, and on other architectures.
    public static let hasX86_64v3: Bool = {
        #if arch(x86_64) && os(Linux)
        guard let f = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(f) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, f) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == ":" }).map(String.init))
            return ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "popcnt"].allSatisfy(flags.contains)
        }
        return false
        #else
        return false
        #endif
    }()
}
