// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Latent",
  products: [
    .executable(name: "latent", targets: ["LatentCLI"]),
    .executable(name: "scatter-bench", targets: ["ScatterSolve"]),
    .library(name: "Latent", targets: ["Latent"]),
    .library(name: "LatentData", targets: ["LatentData"]),
    .library(name: "LatentPlot", targets: ["LatentPlot"]),
    .executable(name: "latent-kernel", targets: ["LatentKernel"]),
    .executable(name: "gram-check", targets: ["GramCheck"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // CBLAS and LAPACKE from the system (Debian: libopenblas-dev, liblapacke-dev).
    // Debian's openblas.pc says NO_LAPACKE, so the module map links lapacke as well.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    // C kernels for products of a wide matrix with a few vectors (AVX2 + FMA chosen at run
    // time); LatentLinearAlgebra's internals, no stable API.
    .target(
      name: "CLatentKernels"
    ),
    .target(
      name: "LatentLinearAlgebra",
      dependencies: ["COpenBLAS", "CLatentKernels"]
    ),
    // Image decoding (Debian: libstb-dev) and gzip (zlib1g-dev), for the LatentData product only:
    // a user who wants only the maths does not need them.
    .systemLibrary(
      name: "CStb",
      pkgConfig: "stb",
      providers: [.apt(["libstb-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(
      name: "LatentData",
      dependencies: ["LatentLinearAlgebra", "CStb", "CZlib"]
    ),
    .target(
      name: "LatentPlot"
    ),
    .target(
      name: "LatentModels",
      dependencies: ["LatentLinearAlgebra"]
    ),
    .target(
      name: "LatentMetrics"
    ),
    .target(
      name: "Latent",
      dependencies: ["LatentLinearAlgebra", "LatentModels", "LatentMetrics"]
    ),
    .executableTarget(
      name: "LatentCLI",
      dependencies: [
        "Latent", "LatentData", "LatentPlot",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "ScatterSolve",
      dependencies: [
        "LatentLinearAlgebra", "LatentModels", "LatentData", "LatentPlot",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Benchmarks/ScatterSolve"
    ),
    .executableTarget(
      name: "LatentKernel",
      dependencies: ["LatentLinearAlgebra"]
    ),
    .executableTarget(
      name: "GramCheck",
      dependencies: ["LatentLinearAlgebra"],
      path: "Benchmarks/GramCheck"
    ),
    // libFuzzer targets for the loaders of untrusted files (Docs/Fuzzing.md). Fuzz/run.sh builds
    // them with -DFUZZING; a normal build compiles each as a stub that says how to run it.
    .executableTarget(
      name: "FuzzIDX",
      dependencies: ["LatentData", "LatentLinearAlgebra", "CZlib"],
      path: "Fuzz/FuzzIDX"
    ),
    .executableTarget(
      name: "FuzzNumPy",
      dependencies: ["LatentData", "LatentLinearAlgebra"],
      path: "Fuzz/FuzzNumPy"
    ),
    .executableTarget(
      name: "FuzzImage",
      dependencies: ["LatentData", "FuzzStbImage"],
      path: "Fuzz/FuzzImage"
    ),
    // stb_image compiled from Debian's header, so FuzzImage fuzzes it with coverage and
    // AddressSanitizer (libstb.so has neither); only FuzzImage links it.
    .target(
      name: "FuzzStbImage",
      path: "Fuzz/StbImage"
    ),
    .executableTarget(
      name: "FuzzModelJSON",
      dependencies: ["LatentModels", "LatentLinearAlgebra"],
      path: "Fuzz/FuzzModelJSON"
    ),
    .target(
      name: "LatentTestSupport",
      dependencies: ["LatentLinearAlgebra"],
      path: "Tests/LatentTestSupport"
    ),
    .testTarget(
      name: "LatentLinearAlgebraTests",
      dependencies: ["LatentLinearAlgebra", "CLatentKernels", "LatentTestSupport"]
    ),
    .testTarget(
      name: "LatentModelsTests",
      dependencies: ["LatentModels", "LatentData", "LatentTestSupport"]
    ),
    .testTarget(
      name: "LatentMetricsTests",
      dependencies: ["LatentMetrics"]
    ),
    .testTarget(
      name: "LatentDataTests",
      dependencies: ["LatentData", "LatentTestSupport"]
    ),
    .testTarget(
      name: "LatentPlotTests",
      dependencies: ["LatentPlot"]
    ),
    .testTarget(
      name: "LatentTests",
      dependencies: ["Latent", "LatentData", "LatentTestSupport"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
