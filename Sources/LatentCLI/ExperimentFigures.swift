import Foundation
import LatentData
import LatentLinearAlgebra
import LatentMetrics
import LatentModels
import LatentPlot

/// The figures of `latent experiment --plots DIR`.
struct ExperimentFigures {
  let split: TrainTestSplit<Double>
  let models: [Method: EmbeddingClassifier<Double, String>]
  let data: DataOptions

  /// Writes every figure and returns the paths written.
  func write(to directory: String) throws -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CLIError("cannot create \(directory): \(error.localizedDescription)")
    }
    var written: [String] = []
    func save(_ figure: any Figure, _ name: String) throws {
      let path = "\(directory)/\(name)"
      do {
        try figure.write(to: URL(fileURLWithPath: path))
      } catch {
        throw CLIError("cannot write \(path): \(error)")
      }
      written.append(path)
    }
    let classes = split.classes
    let test = split.test.labels.isEmpty ? split.train : split.test
    let which = split.test.labels.isEmpty ? "training" : "test"
    let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($0.element, $0.offset) })

    // LDA 2-D: fitted for the figures if the run did not include lda2.
    let lda2 = try models[.lda2] ?? EmbeddingClassifier.fit(split.train.samples, labels: split.train.labels, projection: Method.lda2.projection)
    let projected = try lda2.transform(test.samples)
    let points = (0..<projected.rowCount).map { SIMD2(projected[$0, 0], projected[$0, 1]) }
    let trueGroups = test.labels.map { classIndex[$0]! }
    let centroidMatrix = lda2.classifier.centroids
    let centroidByClass = lda2.classifier.classes.enumerated().reduce(into: [String: SIMD2<Double>]()) {
      $0[$1.element] = SIMD2(centroidMatrix[$1.offset, 0], centroidMatrix[$1.offset, 1])
    }
    let centroids = classes.map { centroidByClass[$0]! }
    let perClass = "\(data.trainPerClass) training images per class"
    try save(
      ScatterPlot(
        points: points, groups: trueGroups, groupNames: classes, centroids: centroids,
        title: "LDA 2-D of the \(which) images, coloured by true class (\(perClass))",
        xLabel: "discriminant 1", yLabel: "discriminant 2", legendTitle: "true class"),
      "lda2-by-class.svg")

    let assigned = try lda2.predict(test.samples).map { classIndex[$0]! }
    try save(
      ScatterPlot(
        points: points, groups: assigned, groupNames: classes, centroids: centroids,
        highlighted: zip(assigned, trueGroups).map { $0 != $1 },
        title: "LDA 2-D, coloured by nearest centroid; rings mark misassigned images",
        xLabel: "discriminant 1", yLabel: "discriminant 2", legendTitle: "assigned class"),
      "lda2-by-nearest-centroid.svg")

    // LDA fitted on 16 vs on 128 images per class, applied to the same test images
    // (skipped, with a note, when a class has too few images for 128).
    let sizes = [16, 128]
    var panels: [any Figure] = []
    for size in sizes {
      let training: TrainTestSplit<Double>
      do {
        training = size == data.trainPerClass ? split : try data.load(trainPerClass: size)
      } catch let error as DataError {
        Terminal.note("skipped lda2-16-vs-128.svg: \(error)")
        panels = []
        break
      }
      let model = try EmbeddingClassifier.fit(training.train.samples, labels: training.train.labels, projection: Method.lda2.projection)
      let y = try model.transform(test.samples)
      let c = model.classifier.centroids
      let byClass = model.classifier.classes.enumerated().reduce(into: [String: SIMD2<Double>]()) {
        $0[$1.element] = SIMD2(c[$1.offset, 0], c[$1.offset, 1])
      }
      let predicted = try model.predict(test.samples)
      let accuracy = Double(zip(predicted, test.labels).filter { $0 == $1 }.count) / Double(max(1, test.labels.count))
      panels.append(
        try ScatterPlot(
          points: (0..<y.rowCount).map { SIMD2(y[$0, 0], y[$0, 1]) }, groups: trueGroups, groupNames: classes,
          centroids: classes.map { byClass[$0]! },
          title: "fitted on \(size) per class — \(which) accuracy \(String(format: "%.3f", accuracy))",
          xLabel: "discriminant 1", yLabel: "discriminant 2", legendTitle: "true class", width: 560, height: 460))
    }
    if !panels.isEmpty {
      try save(FigureGrid(panels, title: "LDA 2-D fitted on 16 vs 128 images per class, applied to the same \(which) images"), "lda2-16-vs-128.svg")
    }

    // A confusion matrix per method.
    for (method, model) in models.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let predicted = try model.predict(test.samples)
      let matrix = try ConfusionMatrix(truth: test.labels, predictions: predicted, labels: classes)
      try save(
        ConfusionHeatmap(counts: matrix.counts, classNames: classes, title: "\(method.rawValue): \(method.summary), \(which) images"),
        "confusion-\(method.rawValue).svg")
    }

    if let sheet = try contactSheet(directory) { written.append(sheet) }
    return written
  }

  /// A PNG with the first eight training images of each class, one row per class.
  private func contactSheet(_ directory: String) throws -> String? {
    let (width, height, channels) = split.imageShape
    guard height > 1, width * height * channels == split.train.samples.columnCount else { return nil }
    let perRow = 8
    let gap = 2
    let classes = split.classes
    let sheetWidth = perRow * (width + gap) + gap
    let sheetHeight = classes.count * (height + gap) + gap
    var pixels = [UInt8](repeating: 255, count: sheetWidth * sheetHeight * channels)
    for (row, name) in classes.enumerated() {
      let members = split.train.labels.indices.filter { split.train.labels[$0] == name }.prefix(perRow)
      for (column, sample) in members.enumerated() {
        let x0 = gap + column * (width + gap)
        let y0 = gap + row * (height + gap)
        for y in 0..<height {
          for x in 0..<width {
            for k in 0..<channels {
              let value = split.train.samples[sample, (y * width + x) * channels + k]
              pixels[((y0 + y) * sheetWidth + x0 + x) * channels + k] = UInt8(max(0, min(255, (value * 255).rounded())))
            }
          }
        }
      }
    }
    let path = "\(directory)/contact-sheet.png"
    try ImageWriter.write(pixels, width: sheetWidth, height: sheetHeight, channels: channels, to: path)
    return path
  }
}
