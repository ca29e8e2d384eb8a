// swift-tools-version:6.0
import PackageDescription

// Layers, each testable alone:
//   JSONKit        – a small JSON value type with a strict parser and writer
//   SafeFiles      – atomic, link-proof file writes (no other dependency)
//   JupyterKernel  – wire format, signing, the kernel core and the interpreter seam (no sockets)
//   JupyterZMQ     – ZeroMQ sockets and threads that drive the kernel core
//   Widgets        – Jupyter widget models over the kernel's comms (no CNNs, no sockets)
//   CNNCore        – (local package, one shared library) tensors, GEMM seam, layer-plugin API, registry
//   WideKernels    – a few hot loops compiled for x86-64-v3 (AVX2), chosen at run time
//   CNNEngine      – built-in layers, models, training, data, checkpoints, model zoo (no Jupyter)
//   Rendering      – PNG (through zlib) and drawing, no knowledge of Jupyter
//   ImageFiles     – reading pictures: PNG through libpng, JPEG through libjpeg-turbo (no knowledge of CNNs)
//   CNNLanguage    – the command language: parse, check, run (implements the interpreter seam)
//   cnn-kernel     – the executable: kernel, install, uninstall, run
// C libraries enter only through the tiny system-library targets C*.

// Haswell is the x86-64-v3 feature set (AVX, AVX2, BMI1/2, F16C, FMA, LZCNT, MOVBE; the
// compiler's importer does not take the name x86-64-v3); plain Swift loops use nothing beyond it.
#if arch(x86_64)
let wideKernelFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let wideKernelFlags: [SwiftSetting] = []
#endif

let package = Package(
    name: "cnn-kernel",
    products: [
        .executable(name: "cnn-kernel", targets: ["cnn-kernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(path: "Packages/CNNCore"),
    ],
    targets: [
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .target(name: "ImageFiles", dependencies: ["CPNG", "CTurboJPEG"]),
        .target(name: "Rendering", dependencies: ["CZlib", "JSONKit"]),
        .target(name: "JSONKit"),
        .target(name: "SafeFiles"),
        .target(name: "JupyterKernel", dependencies: ["JSONKit", "SafeFiles", "CLibCrypto"]),
        .target(name: "JupyterZMQ", dependencies: ["JupyterKernel", "JSONKit", "CZeroMQ"]),
        .target(name: "Widgets", dependencies: ["JupyterKernel", "JSONKit"]),
        // Hot loops compiled for x86-64-v3 (AVX2, FMA), run only where CPUFeatures says the CPU
        // has it; the rest of the engine stays baseline x86-64, so the binary runs on any x86-64.
        .target(name: "WideKernels", swiftSettings: wideKernelFlags),
        .target(name: "CNNEngine", dependencies: [.product(name: "CNNCore", package: "CNNCore"), "CZlib", "JSONKit", "SafeFiles", "WideKernels"]),
        .target(name: "CNNLanguage", dependencies: ["JupyterKernel", "JSONKit", "CNNEngine", "Rendering", "SafeFiles", "Widgets", "ImageFiles", .product(name: "CNNCore", package: "CNNCore")]),
        .executableTarget(
            name: "cnn-kernel",
            dependencies: [
                "JupyterKernel", "JupyterZMQ", "CNNLanguage", "JSONKit", "Rendering", "CNNEngine",
                .product(name: "CNNCore", package: "CNNCore"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JSONKitTests", dependencies: ["JSONKit"]),
        .testTarget(name: "SafeFilesTests", dependencies: ["SafeFiles"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "JSONKit"]),
        .testTarget(name: "ImageFilesTests", dependencies: ["ImageFiles", "Rendering"]),
        .testTarget(name: "CNNEngineTests", dependencies: ["CNNEngine", "SafeFiles", .product(name: "CNNCore", package: "CNNCore")]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "JSONKit"]),
        .testTarget(name: "WidgetsTests", dependencies: ["Widgets", "JupyterKernel", "JSONKit"]),
        .testTarget(name: "CNNLanguageTests", dependencies: ["CNNLanguage", "JupyterKernel", "JSONKit", "ImageFiles", "Rendering"]),
    ]
)
