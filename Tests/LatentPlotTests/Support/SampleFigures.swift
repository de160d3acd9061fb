import Foundation
import LatentPlot

/// Deterministic sample data and figures, shared by the tests and the render check.
enum Samples {
  /// Fashion-MNIST's class names (with the slash that must be escaped nowhere but looks odd).
  static let fashionClasses = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  /// A small deterministic generator (SplitMix64), so samples are the same on every run.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
      let u = max(uniform(), 1e-300)
      return (-2 * log(u)).squareRoot() * cos(2 * .pi * uniform())
    }
  }

  /// Ten Gaussian clusters of `perClass` points each, spread as an LDA projection might be.
  static func clusters(perClass: Int, spread: Double = 1, seed: UInt64 = 7)
    -> (points: [SIMD2<Double>], labels: [Int], centroids: [SIMD2<Double>])
  {
    var generator = Generator(state: seed)
    var centres: [SIMD2<Double>] = []
    for index in 0..<10 {
      let angle = Double(index) / 10 * 2 * .pi
      let radius = index % 2 == 0 ? 4.0 : 2.5
      centres.append(SIMD2(radius * cos(angle), radius * sin(angle) * 0.8))
    }
    var points: [SIMD2<Double>] = []
    var labels: [Int] = []
    for _ in 0..<perClass {
      for (label, centre) in centres.enumerated() {
        points.append(centre + SIMD2(generator.normal(), generator.normal()) * spread)
        labels.append(label)
      }
    }
    return (points, labels, centres)
  }

  /// Nearest centre of each point.
  static func nearest(_ points: [SIMD2<Double>], _ centroids: [SIMD2<Double>]) -> [Int] {
    points.map { point in
      centroids.indices.min {
        let a = centroids[$0] - point
        let b = centroids[$1] - point
        return (a * a).sum() < (b * b).sum()
      }!
    }
  }

  /// The embedding scatter plot: coloured by assigned centroid, rings on misassigned points.
  static func scatter(
    perClass: Int = 60, spread: Double = 1,
    title: String = "LDA of Fashion-MNIST test images (synthetic)"
  ) throws -> ScatterPlot {
    let data = clusters(perClass: perClass, spread: spread)
    let assigned = nearest(data.points, data.centroids)
    return try ScatterPlot(
      points: data.points, groups: assigned, groupNames: fashionClasses,
      centroids: data.centroids, highlighted: zip(assigned, data.labels).map { $0 != $1 },
      title: title, xLabel: "LD1", yLabel: "LD2", legendTitle: "assigned class")
  }

  /// Two embeddings side by side on shared axes.
  static func sideBySide() throws -> FigureGrid {
    try FigureGrid(
      [
        scatter(perClass: 40, spread: 1.4, title: "LDA fitted on 16 images per class"),
        scatter(perClass: 40, spread: 0.8, title: "LDA fitted on 128 images per class"),
      ],
      title: "The same test images, two LDA projections", sharesAxes: true)
  }

  /// A Fashion-MNIST-like confusion matrix of counts (1,000 test images per class).
  static func confusionCounts() -> [[Int]] {
    var generator = Generator(state: 11)
    let confusable: Set<[Int]> = [
      [0, 6], [6, 0], [2, 4], [4, 2], [2, 6], [6, 2], [4, 6], [6, 4], [7, 9], [9, 7], [5, 7],
    ]
    return (0..<10).map { row in
      var counts = (0..<10).map { column -> Int in
        if row == column { return 0 }
        let base = confusable.contains([row, column]) ? 60.0 : 4
        return Int(base * generator.uniform())
      }
      counts[row] = 1000 - counts.reduce(0, +)
      return counts
    }
  }

  static func heatmap() throws -> ConfusionHeatmap {
    try ConfusionHeatmap(
      counts: confusionCounts(), classNames: fashionClasses,
      title: "Nearest centroid on LDA: confusion on the test set")
  }

  static func normalizedHeatmap() throws -> ConfusionHeatmap {
    let counts = confusionCounts()
    return try ConfusionHeatmap(
      values: counts.map { row in row.map { Double($0) / Double(row.reduce(0, +)) } },
      classNames: fashionClasses, title: "Row-normalised (diagonal = recall)",
      colorBarLabel: "fraction of the true class", valueRange: 0...1, colorScale: .viridis)
  }

  /// Benchmark-like timings: time against dimension for three implementations.
  static func scaling() throws -> LineChart {
    let dims: [Double] = [64, 256, 1024, 4096, 16384, 65536, 100_000]
    return try LineChart(
      series: [
        .init(name: "Latent (Gram, ?syrk)", x: dims, y: dims.map { 2e-5 * $0 }),
        .init(name: "Latent (SVD, ?gesdd)", x: dims, y: dims.map { 4e-6 * $0 * log2($0) }),
        .init(name: "scikit-learn PCA", x: dims, y: dims.map { 3e-3 + 1e-7 * $0 * $0 / 8 }),
      ],
      title: "PCA fit time against dimension (n = 1,000)", xLabel: "dimension d",
      yLabel: "time", xTickLabels: .metric(), yTickLabels: .metric(unit: "s"))
  }

  /// Awkward inputs in small panels: tiny and huge magnitudes with skipped points, one point.
  static func edgeCases() throws -> FigureGrid {
    let tiny = try ScatterPlot(
      points: [
        SIMD2(1e-12, 3e-12), SIMD2(2e-12, -1e-12), SIMD2(.nan, 0), SIMD2(1.5e-12, .infinity),
      ],
      groups: [0, 1, 0, 1], groupNames: ["<b>tiny</b> & small", "T-shirt/top"],
      title: "Magnitudes near 1e-12, two NaN/inf points", xLabel: "x", yLabel: "y",
      width: 480, height: 360)
    let huge = try ScatterPlot(
      points: [SIMD2(1e12, 3e12), SIMD2(2.5e12, -4e12), SIMD2(7e11, 0)], groups: [0, 0, 1],
      groupNames: ["huge", "also huge"], centroids: [SIMD2(1.75e12, -0.5e12), SIMD2(7e11, 0)],
      title: "Magnitudes near 1e12", xLabel: "x", yLabel: "y", width: 480, height: 360)
    let single = try ScatterPlot(
      points: [SIMD2(3, -2)], groups: [0], groupNames: ["the only point"], highlighted: [true],
      title: "A single point", width: 480, height: 360)
    let negative = try LineChart(
      series: [
        .init(name: "with a zero", x: [1, 10, 100, 1000, 10_000], y: [0.5, 2, 0, 8, 16]),
        .init(name: "steady", x: [1, 100, 10_000], y: [3, 3, 3]),
      ],
      title: "Log axes, one value ≤ 0", xLabel: "n", yLabel: "value", width: 480, height: 360)
    let linear = try LineChart(
      series: [
        .init(
          name: "sine", x: (0...20).map { Double($0) / 2 }, y: (0...20).map { sin(Double($0) / 2) })
      ],
      title: "Linear axes", xLabel: "t", xScale: .linear, yScale: .linear, width: 480, height: 360)
    let manyGroups = try ScatterPlot(
      points: (0..<75).map { SIMD2(cos(Double($0)) * Double($0), sin(Double($0)) * Double($0)) },
      groups: (0..<75).map { $0 % 25 }, groupNames: (0..<25).map { "class number \($0)" },
      title: "25 groups: shapes change, legend shortened", width: 480, height: 360)
    return try FigureGrid([tiny, huge, single, negative, linear, manyGroups], columns: 3)
  }

  /// A heatmap with long, awkward class names.
  static func longNamesHeatmap() throws -> ConfusionHeatmap {
    let names = (0..<12).map { index in
      index == 3 ? "<b>&amp; \"quoted\"" : "A rather long class name \(index)"
    }
    let counts = (0..<12).map { row in (0..<12).map { $0 == row ? 40 + row : ($0 + row) % 3 } }
    return try ConfusionHeatmap(
      counts: counts, classNames: names, title: "Twelve classes with long names",
      width: 640, height: 620)
  }

  /// Every sample figure with a file name.
  static func all() throws -> [(name: String, figure: any Figure)] {
    [
      ("scatter", try scatter()),
      ("scatter-large", try scatter(perClass: 1000, title: "10,000 points")),
      ("side-by-side", try sideBySide()),
      ("confusion-counts", try heatmap()),
      ("confusion-normalized", try normalizedHeatmap()),
      ("scaling-log-log", try scaling()),
      ("edge-cases", try edgeCases()),
      ("confusion-long-names", try longNamesHeatmap()),
    ]
  }
}
