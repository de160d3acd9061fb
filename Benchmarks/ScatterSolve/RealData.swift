import Foundation
import LatentData
import LatentLinearAlgebra

extension Bench {
  /// The photo rows: builds the photo set (or reuses its cache), loads it with LatentData's
  /// `ImageFolder`, times the loaders, and runs every task on it for every sample count.
  mutating func runPhotos(cache: String, size: ImageSize, sampleCounts: [Int]) throws {
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
    note("photos: \(x.rowCount) × \(x.columnCount) (\(formatBytes(x.rowCount * x.columnCount * 8))) loaded in \(formatSeconds(monotonicSeconds() - loadStart))")
    datasets.append(
      DatasetInfo(
        name: "photos", n: x.rowCount, d: x.columnCount, classes: photos.classes,
        source:
          "Fashion-MNIST training items rendered as JPEG photographs (scatter-bench recipe \(PhotoSet.recipeVersion)), "
          + "loaded by LatentData's ImageFolder at \(size) grayscale",
        path: cache, photosRendered: rendered, buildSeconds: buildSeconds))

    // The pixels as a float64 .npy: the .npy loader rows read it, the PIL row compares its
    // pixels with it, and scikit-learn fits the largest sample count on it.
    let npy = "\(workDirectory)/photos-x-double-\(x.rowCount)-\(x.columnCount).npy"
    try NumPyWriter.write(x, to: npy)
    defer { try? FileManager.default.removeItem(atPath: npy) }
    runImageLoaders(photos: photos, size: size, n: x.rowCount, compare: npy)
    runNumPyLoaders(dataset: "photos", path: npy)

    for scalar in scalars {
      for perClass in perClassCounts {
        let selected = (0..<photos.classes.count).flatMap { k in (k * largest)..<(k * largest + perClass) }
        let subset = perClass == largest ? x : x.rows(at: selected)
        let subsetLabels = perClass == largest ? labels : selected.map { labels[$0] }
        let classCount = photos.classes.count
        if scalar == .float {
          try runGrid(BenchData(name: "photos", x: Matrix<Float>(converting: subset), labels: subsetLabels, classes: classCount))
        } else {
          try runGrid(
            BenchData(
              name: "photos", x: subset, labels: subsetLabels, classes: classCount, existingFile: perClass == largest ? npy : nil))
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
