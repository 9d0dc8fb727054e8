// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "otak",
    // Regex (for @pattern) and ContinuousClock need macOS 13; Linux has them in every Swift 6 toolchain.
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "otak", targets: ["otak"]),
        .library(name: "OtakCore", targets: ["OtakCore"]),
    ],
    targets: [
        // The compiler: source → tokens → syntax tree → checked model (→ emitters, later).
        .target(name: "OtakCore"),
        // The command line contract (`validate`, `fmt`), as a library so tests run it in-process.
        .target(name: "OtakCLI", dependencies: ["OtakCore"]),
        .executableTarget(name: "otak", dependencies: ["OtakCLI"]),
        // `bench/run` builds this in release mode and prints timings.
        .executableTarget(name: "OtakBench", dependencies: ["OtakCore"]),
        .testTarget(name: "OtakCoreTests", dependencies: ["OtakCore", "OtakCLI"], exclude: ["Diagnostics", "Format", "Migrations", "Packages", "Rules"]),
        .testTarget(name: "OtakCLITests", dependencies: ["OtakCLI", "OtakCore"]),
    ]
)
