// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Latent",
  products: [
    .library(name: "Latent", targets: ["Latent"]),
    .library(name: "LatentData", targets: ["LatentData"]),
    .library(name: "LatentPlot", targets: ["LatentPlot"]),
    .executable(name: "latent-demo", targets: ["LatentDemo"]),
    .executable(name: "latent-kernel", targets: ["LatentKernel"]),
    .executable(name: "gram-check", targets: ["GramCheck"]),
  ],
  dependencies: [
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
    .target(
      name: "LatentLinearAlgebra",
      dependencies: ["COpenBLAS"]
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
      name: "LatentDemo",
      dependencies: ["Latent"]
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
    .target(
      name: "LatentTestSupport",
      dependencies: ["LatentLinearAlgebra"],
      path: "Tests/LatentTestSupport"
    ),
    .testTarget(
      name: "LatentLinearAlgebraTests",
      dependencies: ["LatentLinearAlgebra", "LatentTestSupport"]
    ),
    .testTarget(
      name: "LatentModelsTests",
      dependencies: ["LatentModels", "LatentTestSupport"]
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
      dependencies: ["Latent"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
