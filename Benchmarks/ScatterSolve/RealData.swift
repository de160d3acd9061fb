import Foundation
import LatentData
import LatentLinearAlgebra

extension Bench {
  /// The photo rows: builds the photo set (or reuses its cache), loads it with LatentData's
  /// `ImageFolder`, times the loaders, and runs every task on it for every sample count, in
  /// `scalars` (all the run's by default), with scikit-learn beside it when `peers` is true.
  mutating func runPhotos(
    cache: String, size: ImageSize, sampleCounts: [Int], scalars chosen: [ScalarChoice]? = nil, peers: Bool = true
  ) throws {
    let scalars = chosen ?? self.scalars
    let only: Set<Implementation>? = peers ? nil : [.latent, .explicit]
    // Each sample count becomes whole photos per class; the largest is loaded once and the
    // smaller ones are its first photos of each class.
    let perClassCounts = Array(Set(sampleCounts.map { $0 / classes })).sorted(by: >)
    let largest = perClassCounts[0]
    let photos = PhotoSet(folder: cache, classCount: classes, perClass: largest)
    let buildStart = monotonicSeconds()
    let rendered = try photos.prepare()
    let buildSeconds = monotonicSeconds() - buildStart
    note(
      rendered == 0
        ? "photos: reusing \(photos.classes.count) × \(largest) photos in \(cache) (recipe \(PhotoSet.recipeVersion))"
        : "photos: rendered \(rendered) photos into \(cache) in \(formatSeconds(buildSeconds))")

    let loadStart = monotonicSeconds()
    let (x, labels) = try photos.load(size: size)
    let (n, d) = (x.rowCount, x.columnCount)
    note("photos: \(n) × \(d) (\(formatBytes(n * d * 8))) loaded in \(formatSeconds(monotonicSeconds() - loadStart))")
    datasets.append(
      DatasetInfo(
        name: "photos", n: n, d: d, classes: photos.classes,
        source:
          "Fashion-MNIST training items rendered as JPEG photographs (scatter-bench recipe \(PhotoSet.recipeVersion)), "
          + "loaded by LatentData's ImageFolder at \(size) grayscale",
        path: cache, photosRendered: rendered, buildSeconds: buildSeconds))

    // The pixels as a float64 .npy: the .npy loader rows read it, the PIL row compares its
    // pixels with it, and scikit-learn fits the largest sample count on it.
    let npy = "\(workDirectory)/photos-x-double-\(n)-\(d).npy"
    try NumPyWriter.write(x, to: npy)
    defer { try? FileManager.default.removeItem(atPath: npy) }
    runImageLoaders(photos: photos, size: size, n: n, compare: npy)
    runNumPyLoaders(dataset: "photos", path: npy)

    // The rows of each sample count: the first `perClass` photos of each class.
    func subset<Scalar>(_ all: Matrix<Scalar>, _ perClass: Int) -> Matrix<Scalar> {
      perClass == largest ? all : all.rows(at: (0..<photos.classes.count).flatMap { k in (k * largest)..<(k * largest + perClass) })
    }
    func subsetLabels(_ perClass: Int) -> [Int] {
      (0..<photos.classes.count).flatMap { k in labels[(k * largest)..<(k * largest + perClass)] }
    }
    // The Double pixels go once the last scalar no longer needs them, so that the Float rows'
    // peak resident memory holds their own input only, as on the synthetic data.
    var pixels: Matrix<Double>? = x
    _ = consume x
    for (position, scalar) in scalars.enumerated() {
      if scalar == .float {
        let floatPixels = Matrix<Float>(converting: pixels!)
        if position == scalars.count - 1 { pixels = nil }
        for perClass in perClassCounts {
          try runGrid(
            BenchData(name: "photos", x: subset(floatPixels, perClass), labels: subsetLabels(perClass), classes: photos.classes.count),
            only: only)
        }
      } else {
        for perClass in perClassCounts {
          try runGrid(
            BenchData(
              name: "photos", x: subset(pixels!, perClass), labels: subsetLabels(perClass), classes: photos.classes.count,
              existingFile: perClass == largest ? npy : nil),
            only: only)
        }
      }
    }
  }

  /// The rows on the user's data: a .npy of samples and its labels (--data, --labels): the
  /// .npy loader rows on that file, then every task on all its rows.
  mutating func runUserData(path: String, labelsPath: String) throws {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let x: Matrix<Double> = try NumPyArray.read(contentsOf: path).matrix()
    let (labels, names) = try readLabels(labelsPath)
    guard labels.count == x.rowCount else {
      throw BenchError("\(path) has \(x.rowCount) rows but \(labelsPath) has \(labels.count) labels")
    }
    guard names.count >= 2, x.rowCount > names.count, x.columnCount >= 2 else {
      throw BenchError("\(path): need at least 2 classes, more rows than classes and 2 features (got \(x.rowCount) × \(x.columnCount), \(names.count) classes)")
    }
    note("\(name): \(x.rowCount) × \(x.columnCount), \(names.count) classes")
    datasets.append(
      DatasetInfo(name: name, n: x.rowCount, d: x.columnCount, classes: names, source: "user data (--data, --labels \(labelsPath))", path: path))
    runNumPyLoaders(dataset: name, path: path)
    for scalar in scalars {
      if scalar == .float {
        try runGrid(BenchData(name: name, x: Matrix<Float>(converting: x), labels: labels, classes: names.count))
      } else {
        try runGrid(BenchData(name: name, x: x, labels: labels, classes: names.count))
      }
    }
  }
}
