import ArgumentParser
import Foundation
import LatentLinearAlgebra
import LatentModels

enum ScalarChoice: String, ExpressibleByArgument, CaseIterable {
  case double, float, both
}

struct ScatterBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scatter-bench",
    abstract: "Time Latent's LDA and PCA at high dimension against the explicit d × d path and scikit-learn.",
    discussion: """
      Synthetic class-structured data (seeded) of n samples × d features. Tasks: lda-svd (LDA, svd
      solver), lda-shrinkage (LDA, eigen solver with Ledoit–Wolf shrinkage), pca (2 components).
      Implementations: latent (the automatic path), explicit (d × d scatter matrices + LAPACK), and
      scikit-learn (run by Benchmarks/scripts/sklearn_bench.py on the same data, one process per
      task). Every row reports the median time after a warm-up, GFLOP/s of the dominant kernel
      (the n × n Gram matrix) and its share of the gemm peak measured in the same run, the peak
      resident memory and its ratio to the input, and agreement of the projections.
      """)

  @Option(parsing: .upToNextOption, help: "Sample counts (list).")
  var n: [Int] = [512]

  @Option(parsing: .upToNextOption, help: "Feature counts (list).")
  var d: [Int] = [100_000]

  @Option(help: "Number of classes.")
  var classes: Int = 4

  @Option(help: "Precision: double, float or both.")
  var scalar: ScalarChoice = .both

  @Option(parsing: .upToNextOption, help: "Tasks: lda-svd, lda-shrinkage, pca (commas or spaces).")
  var tasks: [String] = ["lda-svd", "lda-shrinkage", "pca"]

  @Option(help: "Measured repeats of each Latent row (after one warm-up).")
  var repeats: Int = 3

  @Option(help: "Measured repeats of each scikit-learn row (slow rows: 1 by default, no warm-up).")
  var sklearnRepeats: Int = 1

  @Flag(inversion: .prefixedNo, help: "Compare with scikit-learn when python3 with scikit-learn is available.")
  var compareSklearn = true

  @Flag(inversion: .prefixedNo, help: "Run the scaling series (time vs d and vs n).")
  var scaling = true

  @Option(help: "Largest d for the explicit d × d path (its eigensolver costs O(d³)).")
  var explicitMaxD: Int = 4_000

  @Option(help: ArgumentHelp("Write the results as JSON.", valueName: "PATH"))
  var json: String?

  @Option(help: ArgumentHelp("Write log-log SVG plots of the scaling series to this folder.", valueName: "DIR"))
  var svg: String?

  @Flag(help: "A small run for CI: n 128, d 20,000, short scaling series (Latent and explicit only), one repeat.")
  var quick = false

  func validate() throws {
    guard classes >= 2 else { throw ValidationError("--classes must be at least 2.") }
    guard n.allSatisfy({ $0 > classes }) else { throw ValidationError("every --n must exceed --classes (\(classes)).") }
    guard d.allSatisfy({ $0 >= 2 }) else { throw ValidationError("every --d must be at least 2.") }
    guard repeats >= 1, sklearnRepeats >= 1 else { throw ValidationError("repeats must be at least 1.") }
    _ = try parsedTasks()
  }

  func parsedTasks() throws -> [BenchTask] {
    var result: [BenchTask] = []
    for word in tasks.flatMap({ $0.split(separator: ",") }).map(String.init) {
      guard let task = BenchTask(rawValue: word) else {
        throw ValidationError("unknown task '\(word)'; choose from lda-svd, lda-shrinkage, pca.")
      }
      if !result.contains(task) { result.append(task) }
    }
    return result
  }

  mutating func run() throws {
    if quick {
      n = [128]
      d = [20_000]
      repeats = 1
    }
    var bench = Bench(
      tasks: try parsedTasks(), classes: classes,
      scalars: scalar == .both ? [.double, .float] : [scalar], repeats: repeats, sklearnRepeats: sklearnRepeats,
      compareSklearn: compareSklearn, explicitMaxD: explicitMaxD)
    bench.printHeader()
    for scalar in bench.scalars {
      for samples in n {
        for features in d { try bench.runGrid(scalar: scalar, n: samples, d: features) }
      }
    }
    bench.printTable(title: "Results")
    if scaling {
      let dSeries = quick ? [1_000, 3_000, 10_000, 30_000] : [1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000]
      let nSeries = quick ? [32, 64, 128, 256] : [64, 128, 256, 512, 1_024, 2_048, 4_096]
      // The quick run keeps scikit-learn to the main grid: each of its runs starts a Python process.
      try bench.runSeries(dSeries: dSeries, atN: quick ? 64 : 256, nSeries: nSeries, atD: quick ? 10_000 : 100_000, peers: !quick)
    }
    if let json { try bench.writeJSON(to: json) }
    if let svg { try bench.writePlots(to: svg) }
  }
}
