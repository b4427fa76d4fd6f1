// swift-tools-version:5.9
import PackageDescription

// Belamy: a generative art sandbox. One shared neural core (NeuralCore), the world's file
// formats (Media), one module per craft, and a thin command-line tool on top.
let package = Package(
    name: "Belamy",
    products: [
        .executable(name: "belamy", targets: ["belamy"]),
        .library(name: "NeuralCore", targets: ["NeuralCore"]),
        .library(name: "Media", targets: ["Media"]),
        .library(name: "Poetry", targets: ["Poetry"]),
        .library(name: "Melody", targets: ["Melody"]),
    ],
    targets: [
        // System-library shims: the only code from outside the Swift toolchain.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CSndFile", path: "Sources/CSndFile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CPlatform", path: "Sources/CPlatform"),

        // Crash-safe file writing, shared by every module that writes files.
        .target(name: "AtomicWrite"),
        .target(name: "NeuralCore", dependencies: ["CBLAS", "CPlatform", "AtomicWrite"]),
        // Our own C: keeps libjpeg's setjmp/longjmp error handling out of Swift's sight. C targets
        // do not autolink a module map's `link`, hence the explicit library.
        .target(name: "CJPEGDecoder", dependencies: ["CJPEG"], linkerSettings: [.linkedLibrary("jpeg")]),
        .target(name: "Media", dependencies: ["CPNG", "CJPEGDecoder", "CSndFile", "AtomicWrite"]),
        .target(name: "Portrait", dependencies: ["NeuralCore", "Media", "AtomicWrite"]),
        .target(name: "Poetry", dependencies: ["NeuralCore", "AtomicWrite"]),
        .target(name: "Melody", dependencies: ["NeuralCore", "Media", "AtomicWrite"]),
        .executableTarget(name: "belamy", dependencies: ["NeuralCore", "Media", "Portrait", "Poetry", "Melody"]),

        .testTarget(name: "NeuralCoreTests", dependencies: ["NeuralCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PortraitTests", dependencies: ["Portrait"]),
        .testTarget(name: "MediaTests", dependencies: ["Media"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "BelamyTests", dependencies: ["belamy"]),
        .testTarget(name: "PoetryTests", dependencies: ["Poetry", "NeuralCore"], exclude: ["Fixtures/check_poems.py"]),
        .testTarget(name: "MelodyTests", dependencies: ["Melody"], resources: [.copy("Fixtures")]),
    ]
)
