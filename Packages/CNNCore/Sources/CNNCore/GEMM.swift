import CDNNL
import COpenBLAS

/// The one seam through which every matrix product of the engine goes:
/// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, row-major, with leading dimensions.
///
/// Backend: on x86-64, oneDNN's sgemm, which picks its kernels (AVX2, AVX-512, AMX) from the
/// CPU's features at run time. Debian's OpenBLAS 0.3.21 does not recognise recent Xeons and
/// falls back to generic kernels about 5× slower unless OPENBLAS_CORETYPE is set before it
/// loads; measured here (2 threads, conv-shaped 32768×32×288): oneDNN 320, OpenBLAS generic 45,
/// OpenBLAS SkylakeX 122 GFLOP/s. On arm64, OpenBLAS recognises the cores and is used.
public enum GEMM {
    public static var backendName: String {
        #if arch(x86_64)
        return "oneDNN \(dnnlVersion) sgemm (JIT, CPU features detected at run time)"
        #else
        return "OpenBLAS \(String(cString: openblas_get_config())) (\(String(cString: openblas_get_corename())))"
        #endif
    }

    public static var dnnlVersion: String {
        guard let v = dnnl_version() else { return "?" }
        return "\(v.pointee.major).\(v.pointee.minor).\(v.pointee.patch)"
    }

    static func setThreads(_ n: Int) {
        #if arch(x86_64)
        omp_set_num_threads(Int32(n))
        #else
        openblas_set_num_threads(Int32(n))
        #endif
    }

    public static func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        #if arch(x86_64)
        let status = dnnl_sgemm(
            transA ? 84 : 78, transB ? 84 : 78, Int64(m), Int64(n), Int64(k), alpha, a, Int64(lda), b, Int64(ldb),
            beta, c, Int64(ldc))  // 84 = 'T', 78 = 'N'
        precondition(status == dnnl_success, "dnnl_sgemm failed with status \(status.rawValue)")
        #else
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n),
            Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        #endif
    }

    /// The plain reference the fast path is tested against: triple loop, double accumulation.
    public static func reference(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let av = transA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    s += Double(av) * Double(bv)
                }
                c[i * ldc + j] = Float(Double(alpha) * s) + (beta == 0 ? 0 : beta * c[i * ldc + j])
            }
        }
    }
}
