// swift-tools-version:6.0
import PackageDescription

// The engine's core and the layer-plugin interface, built as ONE shared library.
// The kernel and every third-party plugin link this same libCNNCore.so, so a plugin's
// registration lands in the registry the kernel reads (a static copy per image would
// give each its own registry). It holds tensors, the GEMM seam, the thread pool, the
// seeded random source, the layer protocol, parameter specs and the registry.
let package = Package(
    name: "CNNCore",
    products: [
        .library(name: "CNNCore", type: .dynamic, targets: ["CNNCore"]),
    ],
    targets: [
        // oneDNN's sgemm chooses its JIT kernels from the CPU's features at run time (AVX2,
        // AVX-512, AMX); OpenBLAS is the GEMM on other architectures.
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // glibc's malloc tuning (mallopt), which the Glibc module does not export.
        .systemLibrary(name: "CMalloc"),
        .target(name: "CNNCore", dependencies: ["CDNNL", "COpenBLAS", "CMalloc"]),
    ]
)
