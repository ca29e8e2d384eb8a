// swift-tools-version:6.0
import PackageDescription

// An example third-party layer plugin: the Swish activation as a shared library that the
// kernel loads at run time (`plugin load "…/libSwishPlugin.so"`). It depends on the kernel's
// CNNCore library *product*, so at run time it uses the kernel's one copy of the registry.
let package = Package(
    name: "SwishPlugin",
    products: [
        .library(name: "SwishPlugin", type: .dynamic, targets: ["SwishPlugin"]),
    ],
    dependencies: [
        .package(path: "../../Packages/CNNCore"),
    ],
    targets: [
        .target(name: "SwishPlugin", dependencies: [.product(name: "CNNCore", package: "CNNCore")]),
    ]
)
