import ArgumentParser
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentModels

enum ScalarChoice: String, ExpressibleByArgument, CaseIterable {
  case double, float, both
}

enum DatasetChoice: String, ExpressibleByArgument, CaseIterable {
  case synthetic, photos, both
}

struct ScatterBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scatter-bench",
    abstract: "Time Latent's LDA and PCA at high dimension against the explicit d × d path and scikit-learn.",
    discussion: """
      Data sets: synthetic class-structured data (seeded) of n samples × d features; photos, \
      Fashion-MNIST items rendered as JPEG photographs of varied sizes and colours (built once \
      into --photo-cache) and loaded by LatentData's ImageFolder at --photo-size grayscale \
      (400 × 250: d = 100,000), n / classes photos per class; and any .npy given with --data and \
      --labels. Tasks: lda-svd (LDA, svd solver), lda-shrinkage (LDA, eigen solver with \
      Ledoit–Wolf shrinkage), pca (2 components). Implementations: latent (the automatic path), \
      explicit (d × d scatter matrices + LAPACK), and scikit-learn (run by \
      Benchmarks/scripts/sklearn_bench.py on the same data, one process per task). Every row \
      reports the median time after a warm-up, GFLOP/s of the dominant kernel (the n × n Gram \
      matrix) and its share of the gemm peak measured in the same run, the peak resident memory \
      and its ratio to the input, and agreement of the projections. Loader rows time \
      LatentData's ImageFolder on the photo folder against PIL (Benchmarks/scripts/pil_load.py) \
      and LatentData's .npy reader against numpy.load (Benchmarks/scripts/npy_load.py).
      """)

  @Option(parsing: .upToNextOption, help: "Sample counts (list); the photo data set uses n / classes photos per class.")
  var n: [Int] = [512]

  @Option(parsing: .upToNextOption, help: "Feature counts of the synthetic data (list); the photos have --photo-size's pixels.")
  var d: [Int] = [100_000]

  @Option(help: "Number of classes (photos: the first of T-shirt/top, Pullover, Coat, Shirt, Dress, Trouser, Sandal, Sneaker, Bag, Ankle boot; at most 10).")
  var classes: Int = 4

  @Option(help: ArgumentHelp("The built-in data sets: synthetic, photos or both (default both; only --data's file when --data is given).", valueName: "synthetic|photos|both"))
  var dataset: DatasetChoice?

  @Option(help: ArgumentHelp("Folder of the photo data set: built there once, reused while its manifest says it is complete and of the same recipe (default: scatter-bench-photos in the system's temporary folder).", valueName: "DIR"))
  var photoCache: String?

  @Option(help: ArgumentHelp("Size the photos are loaded at, in grayscale: d = width × height (--quick: 200x100).", valueName: "WIDTHxHEIGHT"))
  var photoSize: String = "400x250"

  @Option(help: ArgumentHelp("Your own data: a .npy of samples (one per row) to run every task and the .npy loader rows on; needs --labels.", valueName: "FILE.npy"))
  var data: String?

  @Option(help: ArgumentHelp("Labels for --data: a .npy of integers or a text file with one label per line.", valueName: "FILE"))
  var labels: String?

  @Option(help: "Precision: double, float or both.")
  var scalar: ScalarChoice = .both

  @Option(parsing: .upToNextOption, help: "Tasks: lda-svd, lda-shrinkage, pca (commas or spaces).")
  var tasks: [String] = ["lda-svd", "lda-shrinkage", "pca"]

  @Option(help: "Measured repeats of each Latent row and of each loader row (after one warm-up).")
  var repeats: Int = 3

  @Option(help: "Measured repeats of each scikit-learn row (slow rows: 1 by default, no warm-up).")
  var sklearnRepeats: Int = 1

  @Flag(inversion: .prefixedNo, help: "Compare with scikit-learn when python3 with scikit-learn is available, and the loaders with PIL and numpy.")
  var compareSklearn = true

  @Flag(inversion: .prefixedNo, help: "Run the scaling series (time vs d and vs n, synthetic data; not with --dataset photos or --data alone).")
  var scaling = true

  @Option(help: "Largest d for the explicit d × d path (its eigensolver costs O(d³)).")
  var explicitMaxD: Int = 4_000

  @Option(help: ArgumentHelp("Write the results as JSON.", valueName: "PATH"))
  var json: String?

  @Option(help: ArgumentHelp("Write log-log SVG plots of the scaling series to this folder.", valueName: "DIR"))
  var svg: String?

  @Flag(help: "A small run for CI: n 128, d 20,000, photos 4 × 32 at 200x100 (Double, Latent only), short scaling series (Latent and explicit only), one repeat.")
  var quick = false

  func validate() throws {
    guard classes >= 2 else { throw ValidationError("--classes must be at least 2.") }
    guard n.allSatisfy({ $0 > classes }) else { throw ValidationError("every --n must exceed --classes (\(classes)).") }
    guard d.allSatisfy({ $0 >= 2 }) else { throw ValidationError("every --d must be at least 2.") }
    guard repeats >= 1, sklearnRepeats >= 1 else { throw ValidationError("repeats must be at least 1.") }
    _ = try parsedTasks()
    guard ImageSize(photoSize) != nil else {
      throw ValidationError("--photo-size must look like 400x250 (width x height, both positive), got '\(photoSize)'.")
    }
    guard (data == nil) == (labels == nil) else { throw ValidationError("--data and --labels go together.") }
    if let data, !data.hasSuffix(".npy") { throw ValidationError("--data must be a .npy file, got '\(data)'.") }
    if datasetChoice != .synthetic {
      guard classes <= PhotoSet.classOrder.count else {
        throw ValidationError("the photo data set has at most \(PhotoSet.classOrder.count) classes (--classes \(classes)).")
      }
      guard (quick ? [128] : n).allSatisfy({ $0 >= 2 * classes }) else {
        throw ValidationError("the photo data set needs at least 2 photos per class: every --n at least \(2 * classes).")
      }
    }
  }

  /// The built-in data sets to run; nil for none (only --data's file).
  var datasetChoice: DatasetChoice? {
    dataset ?? (data == nil ? .both : nil)
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
      photoSize = "200x100"
      repeats = 1
    }
    var bench = Bench(
      tasks: try parsedTasks(), classes: classes,
      scalars: scalar == .both ? [.double, .float] : [scalar], repeats: repeats, sklearnRepeats: sklearnRepeats,
      compareSklearn: compareSklearn, explicitMaxD: explicitMaxD)
    bench.printHeader()
    let choice = datasetChoice
    if choice == .synthetic || choice == .both {
      for scalar in bench.scalars {
        for samples in n {
          for features in d { try bench.runGrid(scalar: scalar, n: samples, d: features) }
        }
      }
    }
    if choice == .photos || choice == .both {
      let cache = photoCache ?? NSTemporaryDirectory() + "scatter-bench-photos"
      // The quick run keeps the photo case to Double and Latent (the loaders' peers still run):
      // the photo path is exercised, and scikit-learn's side of it is the synthetic rows' code.
      try bench.runPhotos(
        cache: cache, size: ImageSize(photoSize)!, sampleCounts: n, scalars: quick ? [.double] : nil, peers: !quick)
    }
    if let data, let labels { try bench.runUserData(path: data, labelsPath: labels) }
    bench.printTable(title: "Results")
    bench.printLoaderTable()
    if scaling && (choice == .synthetic || choice == .both) {
      let dSeries = quick ? [1_000, 3_000, 10_000, 30_000] : [1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000]
      let nSeries = quick ? [32, 64, 128, 256] : [64, 128, 256, 512, 1_024, 2_048, 4_096]
      // The quick run keeps scikit-learn to the main grid: each of its runs starts a Python process.
      try bench.runSeries(dSeries: dSeries, atN: quick ? 64 : 256, nSeries: nSeries, atD: quick ? 10_000 : 100_000, peers: !quick)
    }
    if let json { try bench.writeJSON(to: json) }
    if let svg { try bench.writePlots(to: svg) }
  }
}
